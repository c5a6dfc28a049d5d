"""The few ledger questions the rules ask, in one place: which entries count, and last year's totals
(from the statistics' own month-by-month figure, so a rule and a 同比 never disagree)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.calendar import Period
from bot.stats.counts import past
from bot.stats.measures import Measure
from storage import repo
from storage.models import Entry, Quota


def entries(
    session: Session,
    unit_id: int,
    kind: str,
    direction: str,
    start: dt.date,
    end: dt.date,
    exclude_id: int | None = None,
    in_scope_only: bool = False,
) -> Sequence[Entry]:
    """Active entries of one unit, kind and direction with start <= occurs_on <= end, oldest first."""
    query = select(Entry).where(
        Entry.unit_id == unit_id,
        Entry.kind == kind,
        Entry.direction == direction,
        Entry.occurs_on >= start,
        Entry.occurs_on <= end,
        Entry.counted(),
    )
    if exclude_id is not None:
        query = query.where(Entry.id != exclude_id)
    if in_scope_only:
        query = query.where(Entry.in_scope.is_(True))
    return session.scalars(query.order_by(Entry.occurs_on, Entry.id)).all()


def counted(
    session: Session,
    unit_id: int,
    kind: str,
    direction: str,
    start: dt.date,
    end: dt.date,
    exclude_id: int | None = None,
) -> int:
    """How many items (sum of quantity) count in statistics (in scope) for the period."""
    return repo.count_entries(session, [unit_id], start, end, kind=kind, direction=direction,
                              in_scope_only=True, exclude_id=exclude_id)


def last_year_total(session: Session, unit_id: int, kind: str, direction: str, year: int) -> int | None:
    """A whole year's figure as the statistics count it (bot.stats.counts.past: month by month, the
    ledger where the unit kept it, imported baselines otherwise); None when nothing is known."""
    measure = Measure(kind, direction)
    found = past(session, [unit_id], [measure], Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year}年"))
    return found[(unit_id, measure)].value


def quotas(session: Session, unit_id: int, kind: str, direction: str, year: int) -> Sequence[Quota]:
    return session.scalars(
        select(Quota).where(
            Quota.unit_id == unit_id,
            Quota.kind == kind,
            Quota.direction == direction,
            Quota.year == year,
        ).order_by(Quota.id)
    ).all()
