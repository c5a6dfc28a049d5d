"""Building a Proposal from a parsed message (Intent) or from a ledger Entry.

The words of the message decide kind and direction when they state them outright (开…会 is a
meeting, 参加上级会议 is incoming): the rules differ most along those lines. Everything else the
parser found wins; what it left empty is read from the raw text (bot.rules.kinds, bot.rules.facts).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy.orm.exc import DetachedInstanceError

from bot.clock import TZ
from bot.rules import facts, kinds
from bot.rules.model import Proposal

if TYPE_CHECKING:
    from bot.nlu.intent import Intent
    from storage.models import Entry


def proposal_from_intent(
    intent: Intent,
    *,
    now: dt.datetime | None = None,
    unit_id: int | None = None,
    unit_level: str | None = None,
) -> Proposal:
    """`now` resolves dates the parser missed (下周三); without it only the parser's date is used."""
    text = intent.text or ""
    # A kind the words state outright (开…会, 印发, 督查, 要求各村上报) wins over the parser's guess.
    kind = kinds.strong_kind(text) or intent.kind or kinds.detect_kind(text)
    parsed = intent.direction if intent.kind else None
    direction = (kinds.explicit_direction(text, kind, unit_level) or parsed
                 or kinds.detect_direction(text, kind, unit_level))
    today = now.astimezone(TZ).date() if now is not None else None
    # "周四的会改到周三" is about Wednesday, whatever date was mentioned first.
    date = (facts.moved_date(text, today) if today else None) or intent.date
    if date is None and today is not None:
        date = facts.resolve_date(text, today)
    meeting_minutes, speech, remark = facts.durations(text)
    attendees = intent.attendees
    starts_at = dt.datetime.combine(date, intent.time, tzinfo=TZ) if date and intent.time else None
    return Proposal(
        kind=kind,
        direction=direction,
        subtype=intent.subtype,
        title=intent.title,
        text=text,
        date=date,
        starts_at=starts_at,
        duration_minutes=intent.duration_minutes or meeting_minutes,
        scale=intent.scale or facts.head_count(text),
        attendees_count=attendees.count if attendees else None,
        attendees_scope=(attendees.scope if attendees and attendees.scope else facts.attendees_scope(text)),
        unit_id=unit_id,
        unit_level=unit_level,
        length_chars=facts.length_chars(text) if kind == "document" else None,
        speech_minutes=speech,
        remark_minutes=remark,
        quantity=intent.quantity or 1,
    )


def proposal_from_entry(entry: Entry, *, unit_level: str | None = None) -> Proposal:
    """The proposal an existing entry stands for; it is never matched against itself."""
    text = entry.raw_text or entry.title or ""
    _, speech, remark = facts.durations(text)
    level = unit_level
    if level is None:
        try:
            level = entry.unit.level if entry.unit is not None else None
        except DetachedInstanceError:  # an entry outside its session: level stays unknown
            level = None
    return Proposal(
        kind=entry.kind,
        direction=entry.direction,
        subtype=entry.subtype,
        title=entry.title,
        text=text,
        date=entry.occurs_on,
        starts_at=entry.starts_at,
        duration_minutes=entry.duration_minutes,
        scale=entry.scale,
        attendees_count=entry.attendees_count,
        attendees_scope=entry.attendees_scope or entry.attendees_text,
        unit_id=entry.unit_id,
        unit_level=level,
        length_chars=facts.length_chars(text) if entry.kind == "document" else None,
        speech_minutes=speech,
        remark_minutes=remark,
        quantity=entry.quantity or 1,
        exclude_entry_id=entry.id,
    )
