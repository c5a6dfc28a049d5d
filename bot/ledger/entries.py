"""Write one ledger entry from a complete Intent (a record or a filing), after a plausibility check."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.clock import TZ
from bot.context import Context
from bot.messages import Reply
from bot.nlu import Intent
from bot.stats.counting_rules import scope_fields
from storage import repo
from storage.models import Entry

# Upper bounds of what one ledger entry can hold; beyond them the message is a typo, not a fact.
LIMITS = {"quantity": 10_000, "scale": 100_000, "duration_minutes": 7 * 24 * 60, "attendees": 10_000}


def out_of_range(intent: Intent) -> Reply | None:
    """A reply refusing numbers no meeting, document or inspection can have; None when all is plausible."""
    values = {
        "quantity": intent.quantity,
        "scale": intent.scale,
        "duration_minutes": intent.duration_minutes,
        "attendees": intent.attendees.count if intent.attendees else None,
    }
    names = {"quantity": "件数", "scale": "人数", "duration_minutes": "时长", "attendees": "参会单位数"}
    for field, value in values.items():
        if field == "quantity" and value is not None and value <= 0:  # 发文0件, 发文-2件: ask, store nothing
            return Reply(text="件数应为正数，本条未记录。请问是几件（次）？", intent=intent.intent)
        if value is not None and not 0 <= value <= LIMITS[field]:
            return Reply(text=f"{names[field]}超出合理范围，本条未记录，请核实后重发。", intent=intent.intent)
    return None


def create_from_intent(ctx: Context, intent: Intent, unit_id: int, status: str,
                       twin_since: dt.datetime | None = None) -> Entry:
    """Write the entry (and its audit event) from a complete intent; `twin_since`: see repo.create_entry."""
    return create_from_fields(ctx, entry_fields(ctx, intent, unit_id, status), ctx.now(), twin_since)


def create_from_fields(ctx: Context, fields: dict[str, Any], at: dt.datetime, twin_since: dt.datetime | None = None,
                       **decided: Any) -> Entry:
    """Write the entry of these fields (entry_fields) and its audit event, with the columns `decided` for it
    besides (its flags: bot.ledger.flagging.flag), written at `at`; `twin_since`: see repo.create_entry."""
    return repo.create_entry(ctx.session, ctx.member, at=at, twin_since=twin_since, **fields, **decided)


def unsaved_entry(ctx: Context, intent: Intent, unit_id: int, status: str) -> Entry:
    """The entry create_from_intent would write, not added to the session (to work out ahead what the rules
    say about it); dated as if written now."""
    return unsaved(entry_fields(ctx, intent, unit_id, status), ctx.now())


def unsaved(fields: dict[str, Any], at: dt.datetime) -> Entry:
    """The entry of these fields (entry_fields) as written at `at`, not added to the session."""
    return repo.as_constructed(Entry, {"created_at": at, "updated_at": at, **fields})


def entry_fields(ctx: Context, intent: Intent, unit_id: int, status: str) -> dict[str, Any]:
    """An entry's columns from a complete intent."""
    assert intent.kind and intent.date
    attendees = intent.attendees
    starts_at = (
        dt.datetime.combine(intent.date, intent.time, tzinfo=TZ) if intent.time else None
    )
    return dict(
        unit_id=unit_id,
        kind=intent.kind,
        direction=intent.direction or "outgoing",
        subtype=intent.subtype,
        title=intent.title,
        doc_number=intent.doc_number if intent.kind == "document" else None,
        occurs_on=intent.date,
        starts_at=starts_at,
        duration_minutes=intent.duration_minutes,
        quantity=intent.quantity or 1,
        attendees_count=attendees.count if attendees else None,
        attendees_scope=attendees.scope if attendees else None,
        scale=intent.scale,
        counterpart=getattr(intent, "counterpart", None),
        status=status,
        raw_text=_raw_text(intent.text, ctx.message.text),
        source_message_id=ctx.message.id,
        conversation_id=ctx.conversation.id if ctx.conversation else None,
        created_by=ctx.member.id,
        **scope_fields(ctx.services.counting_rules.current(), intent.kind, intent.direction, intent.subtype,
                       intent.title, ctx.message.text),
    )


def _raw_text(original: str, current: str) -> str:
    """The words the entry came from: the original message, plus the answer when the bot had to ask."""
    original, current = original.strip(), current.strip()
    if not original or original == current:
        return current
    return f"{original}（补充：{current}）"
