"""Figures: the count of a measure for a unit in a period, and its figure for the period compared.

The previous figure (同比 or 环比) for a unit and kind comes, in this order, from
1. the ledger, when it holds any live entry of that unit and kind in the compared period;
2. Baseline rows (monthly totals), when the compared period is made of whole months and every one of
   those months has a row. A period that cuts a month (a week, "上周") cannot use monthly totals:
   splitting a month's total by days would invent figures, so such a period has no baseline figure;
3. the ledger again, as 0, when the unit's ledger of that kind had already started before the period
   (it was in use and nothing happened);
otherwise there is no previous figure and the reply says so (去年同期无数据).
Baselines are statistics-ledger totals (口径内); ledger figures count in-scope entries under the
current rules, so both years are counted alike.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.calendar import Period, is_whole_months, months_in
from bot.stats import periods
from bot.stats.measures import Measure
from bot.stats.phrasing import change_text, percent
from storage.models import DIRECTIONS, KINDS, Baseline, Entry

LEDGER, BASELINE = "ledger", "baseline"


class Tally:
    """Sums of quantity of live entries, by unit, kind, direction, subtype and in_scope."""

    def __init__(self) -> None:
        self._sums: dict[tuple[int, str, str], list[tuple[str | None, bool, int]]] = defaultdict(list)
        self._kinds: set[tuple[int, str]] = set()

    def add(self, unit_id: int, kind: str, direction: str, subtype: str | None, in_scope: bool, total: int) -> None:
        self._sums[(unit_id, kind, direction)].append((subtype, bool(in_scope), int(total)))
        self._kinds.add((unit_id, kind))

    def total(self, unit_id: int, measure: Measure, in_scope_only: bool = True) -> int:
        return sum(
            total for subtype, in_scope, total in self._sums.get((unit_id, measure.kind, measure.direction), ())
            if (in_scope or not in_scope_only) and measure.counts_subtype(subtype)
        )

    def has_kind(self, unit_id: int, kind: str) -> bool:
        return (unit_id, kind) in self._kinds


def tally(session: Session, unit_ids: Sequence[int], start: dt.date, end: dt.date,
          kinds: Iterable[str] | None = None, direction: str | None = None) -> Tally:
    result = Tally()
    if not unit_ids:
        return result
    query = select(
        Entry.unit_id, Entry.kind, Entry.direction, Entry.subtype, Entry.in_scope,
        func.sum(Entry.quantity),
    ).where(
        Entry.unit_id.in_(list(unit_ids)) if len(unit_ids) > 1 else Entry.unit_id == unit_ids[0],
        Entry.occurs_on >= start,
        Entry.occurs_on <= end,
        Entry.counted(),
    )
    # Naming every kind and direction lets the (unit, kind, direction, date) index seek the date range.
    kinds = sorted(set(kinds)) if kinds is not None else list(KINDS)
    query = query.where(Entry.kind.in_(kinds) if len(kinds) > 1 else Entry.kind == kinds[0])
    query = query.where(Entry.direction == direction if direction else Entry.direction.in_(DIRECTIONS))
    query = query.group_by(Entry.unit_id, Entry.kind, Entry.direction, Entry.subtype, Entry.in_scope)
    for row in session.execute(query):
        result.add(*row)
    return result


class BaselineBook:
    """Baseline rows by (unit, kind, direction, year, month) → {subtype: count}."""

    def __init__(self) -> None:
        self._rows: dict[tuple[int, str, str, int, int], dict[str | None, int]] = defaultdict(dict)

    def add(self, unit_id: int, kind: str, direction: str, subtype: str | None, year: int, month: int, count: int) -> None:
        self._rows[(unit_id, kind, direction, year, month)][subtype] = count

    def total(self, unit_id: int, measure: Measure, months: list[tuple[int, int]]) -> int | None:
        """The sum over the months, or None when any month lacks a usable row."""
        total = 0
        for year, month in months:
            by_subtype = self._rows.get((unit_id, measure.kind, measure.direction, year, month))
            if not by_subtype:
                return None
            members = measure.members
            if members is None:
                value = by_subtype.get(None)
                total += value if value is not None else sum(by_subtype.values())
                continue
            found = [count for subtype, count in by_subtype.items() if subtype is not None and subtype in members]
            if not found:
                return None
            total += sum(found)
        return total


def baselines(session: Session, unit_ids: Sequence[int], kinds: Iterable[str],
              months: list[tuple[int, int]]) -> BaselineBook:
    book = BaselineBook()
    if not unit_ids or not months:
        return book
    years = sorted({y for y, _ in months})
    query = select(
        Baseline.unit_id, Baseline.kind, Baseline.direction, Baseline.subtype, Baseline.year,
        Baseline.month, Baseline.count,
    ).where(
        Baseline.unit_id.in_(list(unit_ids)), Baseline.kind.in_(sorted(set(kinds))), Baseline.year.in_(years),
    )
    wanted = set(months)
    for row in session.execute(query):
        if (row.year, row.month) in wanted:
            book.add(*row)
    return book


def ledger_started_before(session: Session, unit_ids: Iterable[int], kind: str, day: dt.date) -> set[int]:
    """Units with a live entry of this kind dated before `day`: their ledger was in use by then."""
    ids = sorted(set(unit_ids))
    if not ids:
        return set()
    query = select(Entry.unit_id).where(
        Entry.unit_id.in_(ids), Entry.kind == kind, Entry.occurs_on < day, Entry.status != "voided"
    ).distinct()
    return set(session.scalars(query))


@dataclass(frozen=True)
class Previous:
    period: Period
    value: int | None
    source: str | None  # ledger | baseline | None
    note: str | None = None  # why there is no figure

    @property
    def source_text(self) -> str:
        return "据导入基数" if self.source == BASELINE else ""


@dataclass(frozen=True)
class Figure:
    unit_id: int
    measure: Measure
    value: int  # 统计台账: in-scope entries
    all: int  # 日常台账: every live entry
    previous: Previous | None = None
    compare: str | None = None

    def change(self, down: str = "下降") -> str:
        """同比下降25％ / 与去年同期持平 / 去年同期无数据 …; "" without a comparison."""
        if self.compare is None or self.previous is None:
            return ""
        return change_text(self.value, self.previous.value, self.compare, down, self.previous.note)

    @property
    def change_percent(self) -> float | None:
        if self.previous is None or self.previous.value is None:
            return None
        pct = percent(self.value, self.previous.value)
        return float(pct) if pct is not None else None

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"measure": self.measure.key(), "label": self.measure.label,
                                   "count": self.value, "count_all": self.all}
        if self.compare and self.previous is not None:
            data.update(compare=self.compare, previous=self.previous.value, previous_source=self.previous.source,
                        previous_period=self.previous.period.to_json(), change=self.change(),
                        change_percent=self.change_percent)
        return data


def figures(session: Session, unit_ids: Sequence[int], measures: Sequence[Measure], period: Period,
            compare: str | None = None) -> dict[tuple[int, Measure], Figure]:
    """Every measure for every unit in the period, with the compared period's figure when asked."""
    kinds = {m.kind for m in measures}
    directions = {m.direction for m in measures}
    direction = next(iter(directions)) if len(directions) == 1 else None
    now = tally(session, unit_ids, period.start, period.end, kinds, direction)
    other = periods.compared(period, compare)
    before = _previous(session, unit_ids, measures, other) if other is not None else {}
    return {
        (unit_id, m): Figure(unit_id, m, now.total(unit_id, m), now.total(unit_id, m, in_scope_only=False),
                             before.get((unit_id, m)), compare)
        for unit_id in unit_ids for m in measures
    }


def _previous(session: Session, unit_ids: Sequence[int], measures: Sequence[Measure],
              other: Period) -> dict[tuple[int, Measure], Previous]:
    kinds = {m.kind for m in measures}
    ledger = tally(session, unit_ids, other.start, other.end, kinds)
    whole = is_whole_months(other)
    months = months_in(other)
    book = baselines(session, unit_ids, kinds, months)
    found: dict[tuple[int, Measure], Previous] = {}
    undecided: dict[str, set[int]] = defaultdict(set)
    for unit_id in unit_ids:
        for m in measures:
            if ledger.has_kind(unit_id, m.kind):
                found[(unit_id, m)] = Previous(other, ledger.total(unit_id, m), LEDGER)
                continue
            value = book.total(unit_id, m, months) if whole else None
            if value is not None:
                found[(unit_id, m)] = Previous(other, value, BASELINE)
            else:
                undecided[m.kind].add(unit_id)
    started = {kind: ledger_started_before(session, ids, kind, other.start) for kind, ids in undecided.items()}
    then = "去年同期" if other.label == "去年同期" else "上期"
    for unit_id in unit_ids:
        for m in measures:
            if (unit_id, m) in found:
                continue
            if unit_id in started.get(m.kind, ()):
                found[(unit_id, m)] = Previous(other, 0, LEDGER)
            elif not whole and book.total(unit_id, m, months) is not None:
                found[(unit_id, m)] = Previous(other, None, None, f"{then}仅有整月基数，无法按日比较")
            else:
                found[(unit_id, m)] = Previous(other, None, None, f"{then}无数据")
    return found


def combined(found: dict[tuple[int, Measure], Figure], unit_ids: Sequence[int], measure: Measure,
             compare: str | None, as_unit: int) -> Figure:
    """One figure for several units (全县): the sums, as the digests add them up (bot.scheduler.figures
    Grid.total) so that a question and a digest never disagree. Last year sums the units that have a
    figure; it is missing only when none has one."""
    parts = [found[(uid, measure)] for uid in unit_ids]
    if len(parts) == 1:
        return parts[0]
    previous = None
    if compare is not None:
        known = [f.previous for f in parts if f.previous is not None and f.previous.value is not None]
        other = next((f.previous.period for f in parts if f.previous is not None), None)
        if known:
            source = BASELINE if any(p.source == BASELINE for p in known) else LEDGER
            previous = Previous(known[0].period, sum(p.value or 0 for p in known), source)
        elif other is not None:
            then = "去年同期" if compare == "yoy" else "上期"
            previous = Previous(other, None, None, f"{then}无数据")
    return Figure(as_unit, measure, sum(f.value for f in parts), sum(f.all for f in parts), previous, compare)
