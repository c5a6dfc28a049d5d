"""Figures: the count of a measure for a unit in a period, and its figure for the period compared.

The previous figure (同比 or 环比) of a unit and measure is decided MONTH BY MONTH over the compared
period, so that an imported baseline and a ledger begun later both count where each holds the facts:
- a month with no imported Baseline row (for the unit, kind and direction) counts from the ledger;
- a month with a Baseline row counts from the ledger only when the unit KEPT its ledger that month:
  the ledger holds at least the baseline's count for the month, or the unit's ledger (any kind) has
  entries in that month and in both neighbouring months (in regular use all month). Otherwise the
  baseline counts. One stray entry thus never hides a month's baseline;
- a month cut by the period (a week, 本月 up to today) cannot use a monthly total: splitting it by days
  would invent figures, so when such a month has a baseline and no kept ledger, the period has no
  previous figure ("仅有整月基数，无法按日比较");
- months with neither a baseline row nor ledger entries count 0 once anything in the period is known,
  or when the unit's ledger of that kind had already started before the period (it was in use and
  nothing happened); when nothing is known the reply says so (去年同期无数据).
Baselines are statistics-ledger totals (口径内); ledger figures count in-scope entries under the
current rules, so both years are counted alike. Every figure in chat, 汇报, digests and the Excel 汇总
comes from `figures()` (and `combined()` for several units), so they agree.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import bindparam, case, func, select
from sqlalchemy.orm import Session

from bot.calendar import Period, month_bounds, shift_month
from bot.stats import periods
from bot.stats.measures import Measure
from bot.stats.phrasing import change_text, percent
from storage.direct import Direct
from storage.models import DIRECTIONS, KINDS, Baseline, Entry
from storage.repo import autoflushed  # the statements below load no ORM object: Core, without the ORM's set-up

LEDGER, BASELINE, MIXED = "ledger", "baseline", "mixed"
Month = tuple[int, int]  # (year, month)


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
          kinds: Iterable[str] | None = None, direction: str | None = None, by_subtype: bool = True) -> Tally:
    """Sums by unit, kind, direction (and subtype unless `by_subtype` is False: measures that name no
    subtype then read the kind's total, and the database aggregates in index order, without sorting)."""
    result = Tally()
    if not unit_ids:
        return result
    if not by_subtype:
        for unit_id, kind, direction_, in_scope, total in _counted_in(
                session, _KIND_TOTALS, unit_ids, start, end, kinds, direction):
            result.add(unit_id, kind, direction_, None, True, int(in_scope or 0))
            result.add(unit_id, kind, direction_, None, False, int(total or 0) - int(in_scope or 0))
        return result
    for row in _counted_in(session, _TALLY, unit_ids, start, end, kinds, direction):
        result.add(*row)
    return result


def tally_by_month(session: Session, unit_ids: Sequence[int], start: dt.date, end: dt.date,
                   kinds: Iterable[str] | None = None) -> dict[Month, Tally]:
    """The same sums per calendar month (grouped by day in SQL, which every database can do)."""
    found: dict[Month, Tally] = defaultdict(Tally)
    if not unit_ids:
        return found
    for row in _counted_in(session, _TALLY_BY_DAY, unit_ids, start, end, kinds, None):
        unit_id, kind, direction, subtype, in_scope, day, total = row
        found[(day.year, day.month)].add(unit_id, kind, direction, subtype, in_scope, total)
    return found


_TALLY, _TALLY_BY_DAY, _KIND_TOTALS = "tally", "tally_by_day", "kind_totals"


def _counted_in(session: Session, which: str, unit_ids: Sequence[int], start: dt.date, end: dt.date,
                kinds: Iterable[str] | None, direction: str | None) -> Any:
    """Run one of the sums over the live entries of these units, kinds and direction in [start, end]."""
    kinds = sorted(set(kinds)) if kinds is not None else list(KINDS)
    several_units, several_kinds = len(unit_ids) > 1, len(kinds) > 1
    conn = autoflushed(session)
    if not (several_units or several_kinds):  # one unit's, one kind's: the common question, run directly
        return _one_sum(which, bool(direction)).rows(conn, {"unit_id": unit_ids[0], "kind": kinds[0],
                                                           "direction": direction, "start": start, "end": end})
    return _several_sums(which, several_units, several_kinds, bool(direction)).rows(conn, {
        "unit_ids": list(unit_ids), "unit_id": unit_ids[0], "kinds": kinds, "kind": kinds[0], "direction": direction,
        "start": start, "end": end})


@functools.cache
def _one_sum(which: str, one_direction: bool) -> Direct:
    """_sums' statement for one unit and one kind, which has no list to expand: run on the DBAPI cursor."""
    return Direct(_sums(which, False, False, one_direction))


@functools.cache
def _several_sums(which: str, several_units: bool, several_kinds: bool, one_direction: bool) -> Direct:
    """_sums' statement for several units or kinds, run on the DBAPI cursor, the lists expanded per call."""
    return Direct(_sums(which, several_units, several_kinds, one_direction))


@functools.cache
def _sums(which: str, several_units: bool, several_kinds: bool, one_direction: bool) -> Any:
    """The statement of a sum for one shape of question, built once (bound parameters; a list of units or
    kinds expands at execution). Naming every kind and direction lets the (unit, kind, direction, date)
    index seek the date range. The kind totals (per unit, kind and direction: the in-scope sum and the
    sum of every live entry) are grouped by the leading columns of ix_entry_stats, so the database streams
    the index instead of sorting groups."""
    columns: list[Any] = [Entry.unit_id, Entry.kind, Entry.direction]
    if which == _KIND_TOTALS:
        sums: list[Any] = [func.sum(case((Entry.in_scope.is_(True), Entry.quantity), else_=0)),
                           func.sum(Entry.quantity)]
    else:
        columns += [Entry.subtype, Entry.in_scope] + ([Entry.occurs_on] if which == _TALLY_BY_DAY else [])
        sums = [func.sum(Entry.quantity)]
    return select(*columns, *sums).where(
        Entry.unit_id.in_(bindparam("unit_ids", expanding=True)) if several_units
        else Entry.unit_id == bindparam("unit_id"),
        Entry.occurs_on >= bindparam("start"),
        Entry.occurs_on <= bindparam("end"),
        Entry.counted(),
        Entry.kind.in_(bindparam("kinds", expanding=True)) if several_kinds else Entry.kind == bindparam("kind"),
        Entry.direction == bindparam("direction") if one_direction else Entry.direction.in_(DIRECTIONS),
    ).group_by(*columns)


class BaselineBook:
    """Baseline rows by (unit, kind, direction, year, month) → {subtype: count}."""

    def __init__(self) -> None:
        self._rows: dict[tuple[int, str, str, int, int], dict[str | None, int]] = defaultdict(dict)
        self._kinds: set[tuple[int, str]] = set()

    def add(self, unit_id: int, kind: str, direction: str, subtype: str | None, year: int, month: int, count: int) -> None:
        self._rows[(unit_id, kind, direction, year, month)][subtype] = count
        self._kinds.add((unit_id, kind))

    def has(self, unit_id: int, kind: str, direction: str, month: Month) -> bool:
        return bool(self._rows.get((unit_id, kind, direction, *month)))

    def has_kind(self, unit_id: int, kind: str) -> bool:
        """Any row of the unit and kind among the months loaded."""
        return (unit_id, kind) in self._kinds

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
    wanted = set(months)
    for row in _BASELINES.rows(autoflushed(session), {"unit_ids": list(unit_ids), "kinds": sorted(set(kinds)),
                                                    "years": years}):
        if (row[_BASELINE_YEAR], row[_BASELINE_YEAR + 1]) in wanted:  # its year and month
            book.add(*row)
    return book


def ledger_started_before(session: Session, unit_ids: Iterable[int], kind: str, day: dt.date) -> set[int]:
    """Units with a live entry of this kind dated before `day`: their ledger was in use by then."""
    ids = sorted(set(unit_ids))
    if not ids:
        return set()
    return {unit_id for (unit_id,) in _STARTED_BEFORE.rows(autoflushed(session), {"unit_ids": ids, "kind": kind,
                                                                                 "day": day})}


# Built once (bound parameters, the lists expanded per call) and run on the DBAPI cursor (storage.direct): the rules
# ask for last year's figures at every document recorded (bot.rules.quotas.check_annual).
_BASELINES = Direct(select(
    Baseline.unit_id, Baseline.kind, Baseline.direction, Baseline.subtype, Baseline.year, Baseline.month,
    Baseline.count,
).where(Baseline.unit_id.in_(bindparam("unit_ids", expanding=True)),
        Baseline.kind.in_(bindparam("kinds", expanding=True)), Baseline.year.in_(bindparam("years", expanding=True))))
_BASELINE_YEAR = 4  # the position of the year (then the month) in its rows
_STARTED_BEFORE = Direct(select(Entry.unit_id).where(
    Entry.unit_id.in_(bindparam("unit_ids", expanding=True)), Entry.kind == bindparam("kind"),
    Entry.occurs_on < bindparam("day"), Entry.status != "voided",
).distinct())


@dataclass(frozen=True)
class Previous:
    period: Period
    value: int | None
    source: str | None  # ledger | baseline | mixed | None
    note: str | None = None  # why there is no figure
    baseline_months: tuple[Month, ...] = ()  # the months counted from imported baselines

    @property
    def source_text(self) -> str:
        """据导入基数 / 其中2025年1-10月据导入基数 / "" (the ledger alone)."""
        if self.source == BASELINE:
            return "据导入基数"
        if self.source == MIXED:
            return f"其中{months_text(self.baseline_months)}据导入基数"
        return ""


def source_of(ledger_months: bool, baseline_months: Iterable[Month]) -> str:
    if not list(baseline_months):
        return LEDGER
    return MIXED if ledger_months else BASELINE


def months_text(months: Iterable[Month]) -> str:
    """2025年1-10月 / 2025年1-3月、5月 / 2024年12月、2025年1月: runs of months, year by year."""
    runs: list[list[Month]] = []
    for month in sorted(set(months)):
        if runs and runs[-1][-1][0] == month[0] and runs[-1][-1][1] + 1 == month[1]:
            runs[-1].append(month)
        else:
            runs.append([month])
    parts, year = [], None
    for run in runs:
        (y, first), (_, last) = run[0], run[-1]
        text = f"{first}月" if first == last else f"{first}-{last}月"
        parts.append(text if y == year else f"{y}年{text}")
        year = y
    return "、".join(parts)


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
            compare: str | None = None, other: Period | None = None) -> dict[tuple[int, Measure], Figure]:
    """Every measure for every unit in the period, with the compared period's figure when asked
    (`other`: the compared period when it is not simply 同比/环比 of `period`, see periods.compared_as_of)."""
    kinds = {m.kind for m in measures}
    directions = {m.direction for m in measures}
    direction = next(iter(directions)) if len(directions) == 1 else None
    by_subtype = any(m.subtype is not None for m in measures)
    now = tally(session, unit_ids, period.start, period.end, kinds, direction, by_subtype)
    if compare is None:
        other = None
    elif other is None:
        other = periods.compared(period, compare)
    before = past(session, unit_ids, measures, other) if other is not None else {}
    return {
        (unit_id, m): Figure(unit_id, m, now.total(unit_id, m), now.total(unit_id, m, in_scope_only=False),
                             before.get((unit_id, m)), compare)
        for unit_id in unit_ids for m in measures
    }


def as_asked(session: Session, unit_ids: Sequence[int], measures: Sequence[Measure], asked: Period, today: dt.date,
             compare: str | None, cut: bool = False) -> tuple[dict[tuple[int, Measure], Figure], Period]:
    """Figures of a period as a question asks it, and the period counted: 同比 of a period still running
    (and, with `cut`, any question about what took place) stops at today, and the compared period is the
    same days (periods.as_of, compared_as_of). Chat's counting questions and the 看板 both count this way."""
    period = periods.as_of(asked, today) if cut or compare == "yoy" else asked
    found = figures(session, unit_ids, measures, period, compare, periods.compared_as_of(asked, period, compare))
    return found, period


class FirstEntry(NamedTuple):
    """An entry behind a figure, as entries_in names it."""

    id: int
    occurs_on: dt.date
    quantity: int


def entries_in(session: Session, unit_ids: Sequence[int], measure: Measure, start: dt.date, end: dt.date,
               limit: int = 5) -> list[FirstEntry]:
    """The first in-scope live entries behind a measure's figure in a span (to name planned items): their id,
    date and quantity."""
    if not unit_ids:
        return []
    rows = _FIRST_ENTRIES[measure.members is not None].rows(autoflushed(session), {
        "unit_ids": list(unit_ids), "kind": measure.kind, "direction": measure.direction, "start": start,
        "end": end, **({"subtypes": list(measure.members or ())} if measure.members is not None else {}),
        "limit": limit,
    })  # the first few, whatever the size of the ledger
    return [FirstEntry(*row) for row in rows]


def _first_entries(of_subtypes: bool) -> Direct:
    """entries_in's statement, run as asked at every question about a period that goes on past today (a Direct:
    Core's execution set-up, its lists expanded anew each time, cost several times the query)."""
    query = select(Entry.id, Entry.occurs_on, Entry.quantity).where(
        Entry.unit_id.in_(bindparam("unit_ids", expanding=True)), Entry.kind == bindparam("kind"),
        Entry.direction == bindparam("direction"), Entry.occurs_on >= bindparam("start"),
        Entry.occurs_on <= bindparam("end"), Entry.counted(), Entry.in_scope.is_(True),
    ).order_by(Entry.occurs_on, Entry.id)
    if of_subtypes:
        query = query.where(Entry.subtype.in_(bindparam("subtypes", expanding=True)))
    return Direct(query.limit(bindparam("limit")))


_FIRST_ENTRIES = {of_subtypes: _first_entries(of_subtypes) for of_subtypes in (False, True)}


@dataclass(frozen=True)
class MonthPart:
    """The part of one calendar month inside a period."""

    year: int
    month: int
    start: dt.date
    end: dt.date

    @property
    def key(self) -> Month:
        return (self.year, self.month)

    @property
    def whole(self) -> bool:
        return (self.start, self.end) == month_bounds(self.year, self.month)


def month_parts(period: Period) -> list[MonthPart]:
    parts = []
    year, month = period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        first, last = month_bounds(year, month)
        parts.append(MonthPart(year, month, max(first, period.start), min(last, period.end)))
        year, month = shift_month(year, month, 1)
    return parts


def past(session: Session, unit_ids: Sequence[int], measures: Sequence[Measure],
         other: Period) -> dict[tuple[int, Measure], Previous]:
    """The figure of every unit and measure in a past period, month by month (see the module's
    docstring): the one place that decides between the ledger and imported baselines."""
    kinds = {m.kind for m in measures}
    parts = month_parts(other)
    book = baselines(session, unit_ids, kinds, [p.key for p in parts])
    ledger = tally(session, unit_ids, other.start, other.end, kinds,
                   by_subtype=any(m.subtype is not None for m in measures))
    based = sorted({uid for uid in unit_ids if any(book.has_kind(uid, k) for k in kinds)})
    monthly = tally_by_month(session, based, other.start, other.end, kinds) if based else {}
    regular = _RegularMonths(session, based, parts)
    then = "去年同期" if other.label == "去年同期" else "上期"
    found: dict[tuple[int, Measure], Previous] = {}
    undecided: dict[str, set[int]] = defaultdict(set)
    for unit_id in unit_ids:
        for m in measures:
            if book.has_kind(unit_id, m.kind):
                decided = _by_month(unit_id, m, other, parts, monthly, book, regular, then)
            elif ledger.has_kind(unit_id, m.kind):
                decided = Previous(other, ledger.total(unit_id, m), LEDGER)
            else:
                decided = None
            if decided is None:
                undecided[m.kind].add(unit_id)
            else:
                found[(unit_id, m)] = decided
    started = {kind: ledger_started_before(session, ids, kind, other.start) for kind, ids in undecided.items()}
    for kind, ids in undecided.items():
        for unit_id in ids:
            for m in measures:
                if m.kind == kind and (unit_id, m) not in found:
                    known = unit_id in started[kind]
                    found[(unit_id, m)] = (Previous(other, 0, LEDGER) if known
                                           else Previous(other, None, None, f"{then}无数据"))
    return found


def _by_month(unit_id: int, m: Measure, other: Period, parts: list[MonthPart], monthly: dict[Month, Tally],
              book: BaselineBook, regular: _RegularMonths, then: str) -> Previous | None:
    """A unit's previous figure summed month by month; None when no month tells anything."""
    whole_kind = Measure(m.kind, m.direction)
    total, known, from_ledger, from_baseline = 0, False, False, []
    for part in parts:
        counts = monthly.get(part.key) or Tally()
        if not book.has(unit_id, m.kind, m.direction, part.key):
            total += counts.total(unit_id, m)
            known = known or counts.has_kind(unit_id, m.kind)
            from_ledger = from_ledger or counts.has_kind(unit_id, m.kind)
            continue
        base = book.total(unit_id, whole_kind, [part.key])
        kept = (part.whole and base is not None and counts.total(unit_id, whole_kind) >= base) \
            or regular.holds(unit_id, part.key)
        if kept:
            total += counts.total(unit_id, m)
            known = from_ledger = True
            continue
        if not part.whole:
            return Previous(other, None, None, f"{then}仅有整月基数，无法按日比较")
        value = book.total(unit_id, m, [part.key])
        if value is None:  # the baseline has the month's total but not this subtype
            return Previous(other, None, None, f"{then}基数未分{m.label}")
        total += value
        known = True
        from_baseline.append(part.key)
    if not known:
        return None
    return Previous(other, total, source_of(from_ledger, from_baseline), baseline_months=tuple(from_baseline))


class _RegularMonths:
    """Whether a unit kept its ledger in a month: live entries (any kind) in that month and in both
    neighbouring months. Looked up only for months where a baseline would otherwise count."""

    def __init__(self, session: Session, unit_ids: Sequence[int], parts: list[MonthPart]) -> None:
        self._session, self._ids, self._parts = session, list(unit_ids), parts
        self._active: set[tuple[int, int, int]] | None = None

    def holds(self, unit_id: int, month: Month) -> bool:
        if self._active is None:
            self._active = self._load()
        year, number = month
        return all((unit_id, *shift_month(year, number, d)) in self._active for d in (-1, 0, 1))

    def _load(self) -> set[tuple[int, int, int]]:
        if not self._ids or not self._parts:
            return set()
        first = month_bounds(*shift_month(self._parts[0].year, self._parts[0].month, -1))[0]
        last = month_bounds(*shift_month(self._parts[-1].year, self._parts[-1].month, 1))[1]
        days = self._session.execute(
            select(Entry.unit_id, Entry.occurs_on).where(
                Entry.unit_id.in_(self._ids), Entry.occurs_on >= first, Entry.occurs_on <= last, Entry.counted(),
            ).group_by(Entry.unit_id, Entry.occurs_on)
        )
        return {(unit_id, day.year, day.month) for unit_id, day in days}


def combined(found: dict[tuple[int, Measure], Figure], unit_ids: Sequence[int], measure: Measure,
             compare: str | None, as_unit: int) -> Figure:
    """One figure for several units (全县): the sums. The digests (bot.scheduler.figures Grid.total),
    the 汇报 and the Excel 汇总 add units up with this function, so a question and a digest never
    disagree. Last year sums the units that have a figure; it is missing only when none has one."""
    parts = [found[(uid, measure)] for uid in unit_ids]
    if len(parts) == 1:
        return parts[0]
    previous = None
    if compare is not None:
        known = [f.previous for f in parts if f.previous is not None and f.previous.value is not None]
        other = next((f.previous.period for f in parts if f.previous is not None), None)
        if known:
            months = tuple(sorted({mo for p in known for mo in p.baseline_months}))
            ledger = any(p.source in (LEDGER, MIXED) for p in known)
            previous = Previous(known[0].period, sum(p.value or 0 for p in known), source_of(ledger, months),
                                baseline_months=months)
        elif other is not None:
            then = "去年同期" if compare == "yoy" else "上期"
            previous = Previous(other, None, None, f"{then}无数据")
    return Figure(as_unit, measure, sum(f.value for f in parts), sum(f.all for f in parts), previous, compare)
