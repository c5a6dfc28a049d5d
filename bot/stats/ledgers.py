"""双台账比对 (seed 002 §二.三): the 日常工作台账 (every live entry) against the 减负统计台账 (entries
in scope of the counting rules), per unit and kind, with every entry that makes a difference and why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.calendar import Period
from bot.labels import ACTIVITY, MEASURE, activity
from bot.stats.counts import tally
from bot.stats.measures import Measure
from storage.models import DIRECTIONS, KINDS, Entry, Unit


@dataclass(frozen=True)
class LedgerRow:
    unit: str
    kind: str
    direction: str
    daily: int
    statistics: int

    @property
    def difference(self) -> int:
        return self.daily - self.statistics

    def to_json(self) -> dict[str, object]:
        return {"unit": self.unit, "kind": self.kind, "direction": self.direction, "daily": self.daily,
                "statistics": self.statistics, "difference": self.difference}


@dataclass(frozen=True)
class Difference:
    entry_id: int
    unit: str
    kind: str
    direction: str
    occurs_on: dt.date
    title: str | None
    quantity: int
    reason: str

    @property
    def what(self) -> str:
        return activity(self.kind, self.direction)

    def line(self) -> str:
        title = f"“{self.title}”" if self.title else ""
        qty = f"{self.quantity}{MEASURE[self.kind]}" if self.quantity != 1 else ""
        return f"#{self.entry_id} {self.unit} {self.occurs_on.isoformat()} {self.what}{title}{qty}，{self.reason}"

    def to_json(self) -> dict[str, object]:
        return {"entry_id": self.entry_id, "unit": self.unit, "kind": self.kind, "direction": self.direction,
                "date": self.occurs_on.isoformat(), "title": self.title, "quantity": self.quantity,
                "reason": self.reason}


@dataclass
class Comparison:
    period: Period
    rules_label: str
    rows: list[LedgerRow] = field(default_factory=list)  # every unit × activity with any entry
    differences: list[Difference] = field(default_factory=list)

    @property
    def daily_total(self) -> int:
        return sum(r.daily for r in self.rows)

    @property
    def statistics_total(self) -> int:
        return sum(r.statistics for r in self.rows)

    def to_json(self) -> dict[str, object]:
        return {"period": self.period.to_json(), "rules": self.rules_label, "daily": self.daily_total,
                "statistics": self.statistics_total, "rows": [r.to_json() for r in self.rows],
                "differences": [d.to_json() for d in self.differences]}


def compare_ledgers(session: Session, units: Sequence[Unit], period: Period, rules_label: str) -> Comparison:
    result = Comparison(period, rules_label)
    ids = [u.id for u in units]
    counts = tally(session, ids, period.start, period.end)
    for unit in units:
        for kind, direction in ACTIVITY:
            measure = Measure(kind, direction)
            daily = counts.total(unit.id, measure, in_scope_only=False)
            if daily:
                result.rows.append(LedgerRow(unit.name, kind, direction, daily, counts.total(unit.id, measure)))
    if not ids:
        return result
    names = {u.id: u.name for u in units}
    query = (
        select(Entry.id, Entry.unit_id, Entry.kind, Entry.direction, Entry.occurs_on, Entry.title,
               Entry.raw_text, Entry.quantity, Entry.scope_reason)
        # every kind and direction named, so the (unit, kind, direction, date) index seeks the date range
        .where(Entry.unit_id.in_(ids), Entry.kind.in_(KINDS), Entry.direction.in_(DIRECTIONS),
               Entry.occurs_on >= period.start, Entry.occurs_on <= period.end,
               Entry.counted(), Entry.in_scope.is_(False))
        .order_by(Entry.unit_id, Entry.occurs_on, Entry.id)
    )
    order = {u.id: i for i, u in enumerate(units)}
    rows = sorted(session.execute(query), key=lambda r: (order[r.unit_id], r.occurs_on, r.id))
    result.differences = [
        Difference(r.id, names[r.unit_id], r.kind, r.direction, r.occurs_on, r.title or _short(r.raw_text), r.quantity,
                   r.scope_reason or "不计入统计口径")
        for r in rows
    ]
    return result


def _short(text: str | None, limit: int = 30) -> str | None:
    """The chat message an untitled entry came from, as its name in the list."""
    if not text:
        return None
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
