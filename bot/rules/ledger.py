"""The few ledger questions the rules ask, in one place: which entries count, and last year's totals
(from the statistics' own month-by-month figure, so a rule and a 同比 never disagree)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, select
from sqlalchemy.orm import Session

from bot.calendar import Period
from bot.stats.counts import past
from bot.stats.measures import Measure
from storage import repo
from storage.direct import Direct
from storage.models import Baseline, Entry, EntryTopic, Quota

RELATED_LIMIT = 20  # entries read back per look-up; a reply names fewer


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


@dataclass(frozen=True)
class Related:
    """A ledger entry sharing subject words with a proposal (from EntryTopic, written with the entry)."""

    id: int
    title: str
    occurs_on: dt.date
    attendees: str
    shared: frozenset[str]


def _related_statements(excluding: bool) -> tuple[Direct, Direct]:
    """related()'s two statements, built once (bound parameters): how many match, and the newest of them."""
    match = (
        select(EntryTopic.entry_id)
        .join(Entry, Entry.id == EntryTopic.entry_id)
        .where(EntryTopic.unit_id == bindparam("unit_id"), EntryTopic.kind == bindparam("kind"),
               EntryTopic.direction == bindparam("direction"), EntryTopic.key.in_(bindparam("keys", expanding=True)),
               EntryTopic.occurs_on >= bindparam("start"), EntryTopic.occurs_on <= bindparam("end"), Entry.counted())
    )
    if excluding:
        match = match.where(EntryTopic.entry_id != bindparam("exclude_id"))
    ids = match.group_by(EntryTopic.entry_id).subquery()
    count = select(func.count()).select_from(ids)
    newest = (select(Entry.id, Entry.title, Entry.raw_text, Entry.occurs_on, Entry.attendees_scope,
                     Entry.attendees_text)
              .where(Entry.id.in_(select(ids.c.entry_id)))
              .order_by(Entry.occurs_on.desc(), Entry.id.desc()).limit(bindparam("limit")))
    return Direct(count), Direct(newest)


# Run on the DBAPI cursor (storage.direct), the keys expanded per call: the rules look at every record.
_RELATED = {True: _related_statements(True), False: _related_statements(False)}
_SHARED_KEYS = Direct(select(EntryTopic.entry_id, EntryTopic.key).where(
    EntryTopic.entry_id.in_(bindparam("entry_ids", expanding=True)), EntryTopic.key.in_(bindparam("keys", expanding=True))))


def related(
    session: Session,
    unit_id: int,
    kind: str,
    direction: str,
    keys: Iterable[str],
    start: dt.date,
    end: dt.date,
    exclude_id: int | None = None,
    limit: int = RELATED_LIMIT,
) -> tuple[list[Related], int]:
    """Live entries of one unit, kind and direction in [start, end] sharing a subject word with `keys`:
    at most `limit` of them, newest first, and how many there are in all. Index seeks on EntryTopic,
    whatever the size of the ledger."""
    keys = sorted(set(keys))
    if not keys:
        return [], 0
    count, newest = _RELATED[exclude_id is not None]
    params: dict[str, Any] = {"unit_id": unit_id, "kind": kind, "direction": direction, "keys": keys, "start": start,
                              "end": end}
    if exclude_id is not None:
        params["exclude_id"] = exclude_id
    conn = repo.autoflushed(session)  # Core: the rows are no ORM objects
    total = int(count.scalar(conn, params) or 0)
    if not total:
        return [], 0
    rows = newest.rows(conn, {**params, "limit": limit})
    shared: dict[int, set[str]] = {}
    for entry_id, key in _SHARED_KEYS.rows(conn, {"entry_ids": [row[0] for row in rows], "keys": keys}):
        shared.setdefault(entry_id, set()).add(key)
    found = [Related(id_, title or (raw_text or "")[:20], occurs_on,
                     " ".join(t for t in (scope, attendees) if t), frozenset(shared.get(id_, ())))
             for id_, title, raw_text, occurs_on, scope, attendees in rows]
    return found, total


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


def annual_figures(session: Session, unit_id: int, kind: str, direction: str, year: int,
                   exclude_id: int | None) -> tuple[int, int] | None:
    """(last year's total, this year's counted) for 年度发文只减不增, in one statement: what last_year_total and
    counted give when the unit has no imported baseline of the kind in last year's months (past() then takes the
    ledger's in-scope sum, and a kind absent from it reads as no figure, falsy as a zero sum is). None when it has
    one: last year is then read month by month (last_year_total)."""
    params: dict[str, Any] = {"unit_id": unit_id, "kind": kind, "direction": direction, "last_year": year - 1,
                              "last_start": dt.date(year - 1, 1, 1), "last_end": dt.date(year - 1, 12, 31),
                              "start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31)}
    if exclude_id is not None:
        params["exclude_id"] = exclude_id
    row = _ANNUAL[exclude_id is not None].first(repo.autoflushed(session), params)
    assert row is not None  # a select of three scalars has one row
    based, last, used = row
    return None if based else (int(last or 0), int(used or 0))


def _annual_statement(excluding: bool) -> Direct:
    """annual_figures' statement, built once (bound parameters): whether a baseline of the unit's kind exists in
    last year's months (bot.stats.counts.baselines), and the in-scope sums of last year and this year."""
    def in_scope_sum(start: str, end: str, *more: Any) -> Any:
        return select(func.coalesce(func.sum(Entry.quantity), 0)).where(
            Entry.unit_id == bindparam("unit_id"), Entry.kind == bindparam("kind"),
            Entry.direction == bindparam("direction"), Entry.occurs_on >= bindparam(start),
            Entry.occurs_on <= bindparam(end), Entry.counted(), Entry.in_scope.is_(True), *more,
        ).scalar_subquery()

    based = select(Baseline.id).where(
        Baseline.unit_id == bindparam("unit_id"), Baseline.kind == bindparam("kind"),
        Baseline.year == bindparam("last_year"), Baseline.month >= 1, Baseline.month <= 12,
    ).exists()
    excluded = (Entry.id != bindparam("exclude_id"),) if excluding else ()
    return Direct(select(based, in_scope_sum("last_start", "last_end"), in_scope_sum("start", "end", *excluded)))


_ANNUAL = {True: _annual_statement(True), False: _annual_statement(False)}


_QUOTAS = select(Quota).where(
    Quota.unit_id == bindparam("unit_id"),
    Quota.kind == bindparam("kind"),
    Quota.direction == bindparam("direction"),
    Quota.year == bindparam("year"),
).order_by(Quota.id)


_QUOTA_TABLE = cast(Table, Quota.__table__)
_ANY_QUOTA = Direct(select(_QUOTA_TABLE.c.id).where(
    _QUOTA_TABLE.c.unit_id == bindparam("unit_id"),
    _QUOTA_TABLE.c.kind == bindparam("kind"),
    _QUOTA_TABLE.c.direction == bindparam("direction"),
    _QUOTA_TABLE.c.year == bindparam("year"),
).limit(1))


def quotas(session: Session, unit_id: int, kind: str, direction: str, year: int) -> Sequence[Quota]:
    """The unit's quotas of a kind for a year: looked up for every record (built once). As a rule there is
    none: the process's copy of which there are tells (repo.quota_keys), else a Core look-up first, without the
    ORM's set-up for a query."""
    params = {"unit_id": unit_id, "kind": kind, "direction": direction, "year": year}
    keys = repo.quota_keys(session)
    if keys is not None:
        if (unit_id, kind, direction, year) not in keys:
            return []
    elif _ANY_QUOTA.scalar(repo.autoflushed(session), params) is None:
        return []
    return session.scalars(_QUOTAS, params).all()
