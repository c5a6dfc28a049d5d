"""Repository functions: the only place that knows how ledger rows are found, written and counted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import (
    Conversation,
    Entry,
    EntryEvent,
    InboundMessage,
    Member,
    Unit,
)
from storage.timeutil import utcnow

# A message left "processing" this long was abandoned by a crashed worker and may be taken over.
STALE_PROCESSING = dt.timedelta(seconds=60)

# Entry fields a user can see and change; the audit trail records these.
ENTRY_FIELDS = (
    "unit_id", "kind", "direction", "subtype", "title", "occurs_on", "starts_at",
    "duration_minutes", "quantity", "attendees_count", "attendees_scope", "attendees_text",
    "scale", "location", "counterpart", "in_scope", "scope_reason", "status", "flags",
    "filing_required", "decision_note", "archive_note",
)


# --- units and members ------------------------------------------------------------------------

def unit_by_name(session: Session, name: str) -> Unit | None:
    unit = session.scalar(select(Unit).where(Unit.name == name))
    if unit is not None:
        return unit
    for candidate in session.scalars(select(Unit).where(Unit.active.is_(True))):
        if name in (candidate.aliases or []):
            return candidate
    return None


def lexicon_units(session: Session) -> list[tuple[str, list[str]]]:
    rows = session.execute(select(Unit.name, Unit.aliases).where(Unit.active.is_(True)))
    return [(name, list(aliases or [])) for name, aliases in rows]


def descendant_ids(session: Session, unit_id: int) -> list[int]:
    """The unit and every unit below it in the tree."""
    parents = dict(session.execute(select(Unit.id, Unit.parent_id)).tuples().all())
    found, frontier = [unit_id], [unit_id]
    while frontier:
        frontier = [uid for uid, parent in parents.items() if parent in frontier]
        found.extend(frontier)
    return found


def members_named(session: Session, name: str, unit_name: str | None = None) -> list[Member]:
    query = select(Member).where(Member.name == name, Member.status == "active")
    if unit_name:
        unit = unit_by_name(session, unit_name)
        if unit is None:
            return []
        query = query.where(Member.unit_id == unit.id)
    return list(session.scalars(query))


def member_by_platform_id(session: Session, platform: str, user_id: str) -> Member | None:
    column = {"wecom": Member.wecom_userid, "dingtalk": Member.dingtalk_staff_id}.get(platform)
    if column is None or not user_id:
        return None
    return session.scalar(select(Member).where(column == user_id, Member.status == "active"))


def conversation(session: Session, platform: str, external_id: str) -> Conversation | None:
    return session.scalar(
        select(Conversation).where(
            Conversation.platform == platform, Conversation.external_id == external_id
        )
    )


# --- inbound messages: dedupe ------------------------------------------------------------------

def claim_inbound(
    session: Session, platform: str, external_id: str, now: dt.datetime, **fields: Any
) -> tuple[InboundMessage, str]:
    """Insert the message or find the earlier delivery.

    Returns (row, state): "new" when this call owns the processing, "done" when an earlier
    delivery finished (reuse its reply), "busy" when another worker is processing it now.
    The caller commits right after, so concurrent deliveries see the row.
    """
    row = InboundMessage(platform=platform, external_id=external_id, received_at=now, **fields)
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
        return row, "new"
    except IntegrityError:
        pass
    existing = session.scalar(
        select(InboundMessage).where(
            InboundMessage.platform == platform, InboundMessage.external_id == external_id
        )
    )
    assert existing is not None
    if existing.status == "done":
        return existing, "done"
    # Take over a delivery a crashed worker left behind; one taker wins the UPDATE.
    taken = session.execute(
        update(InboundMessage)
        .where(
            InboundMessage.id == existing.id,
            InboundMessage.status.in_(("processing", "failed")),
            InboundMessage.received_at < now - STALE_PROCESSING,
        )
        .values(received_at=now, status="processing")
    ).rowcount
    if taken:
        session.refresh(existing)
        return existing, "new"
    return existing, "busy"


# --- entries -----------------------------------------------------------------------------------

def snapshot(entry: Entry) -> dict[str, Any]:
    return {name: _plain(getattr(entry, name)) for name in ENTRY_FIELDS}


def create_entry(session: Session, member: Member | None, **fields: Any) -> Entry:
    entry = Entry(**fields)
    session.add(entry)
    session.flush()
    after = snapshot(entry)
    record_event(session, entry, member, "create", {k: [None, v] for k, v in after.items() if v is not None})
    return entry


def change_entry(
    session: Session, entry: Entry, member: Member | None, action: str, **changes: Any
) -> dict[str, list[Any]]:
    """Apply changes and write one audit event with before/after values of what really changed."""
    diff: dict[str, list[Any]] = {}
    for name, value in changes.items():
        before = _plain(getattr(entry, name))
        after = _plain(value)
        if before != after:
            diff[name] = [before, after]
            setattr(entry, name, value)
    if diff or action != "update":
        entry.updated_at = utcnow()
        session.flush()
        record_event(session, entry, member, action, diff)
    return diff


def void_entry(session: Session, entry: Entry, member: Member | None) -> None:
    change_entry(session, entry, member, "void", status="voided")


def record_event(
    session: Session, entry: Entry, member: Member | None, action: str, changes: dict[str, Any]
) -> EntryEvent:
    event = EntryEvent(
        entry_id=entry.id, member_id=member.id if member else None, action=action, changes=changes
    )
    session.add(event)
    session.flush()
    return event


def last_entry_created_by(session: Session, member_id: int) -> Entry | None:
    return session.scalar(
        select(Entry)
        .where(Entry.created_by == member_id, Entry.status != "voided")
        .order_by(Entry.id.desc())
        .limit(1)
    )


def count_entries(
    session: Session,
    unit_ids: Sequence[int],
    start: dt.date,
    end: dt.date,
    kind: str | None = None,
    direction: str | None = None,
    subtypes: Iterable[str] | None = None,
    in_scope_only: bool = False,
) -> int:
    """Sum of quantities of live (not voided) entries dated within [start, end]."""
    query = select(func.coalesce(func.sum(Entry.quantity), 0)).where(
        Entry.unit_id.in_(list(unit_ids)),
        Entry.occurs_on >= start,
        Entry.occurs_on <= end,
        Entry.status != "voided",
    )
    if kind:
        query = query.where(Entry.kind == kind)
    if direction:
        query = query.where(Entry.direction == direction)
    if subtypes is not None:
        query = query.where(Entry.subtype.in_(list(subtypes)))
    if in_scope_only:
        query = query.where(Entry.in_scope.is_(True))
    return int(session.scalar(query) or 0)


def _plain(value: Any) -> Any:
    """A JSON-safe form of a column value for the audit trail."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value
