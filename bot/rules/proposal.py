"""Building a Proposal from a parsed message (Intent) or from a ledger Entry.

The rules read what bot.nlu understood and never parse the message themselves: kind, direction,
date, head-count, durations (the meeting's, a speech's, a remark's) and a document's length all come
from the Intent, or from the Entry's stored fields. Only the keyword triggers look at the text.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm.exc import DetachedInstanceError

from bot.clock import TZ
from bot.nlu import parse
from bot.rules.model import Proposal

if TYPE_CHECKING:
    from bot.nlu.intent import Intent
    from storage.models import Entry

# Kinds whose direction turns on whether the other party is above us: a county unit attending
# 县里's meeting, or 县里 inspecting, is the county acting itself.
_RELATIVE_KINDS = ("meeting", "inspection")


def proposal_from_intent(
    intent: Intent,
    *,
    now: dt.datetime | None = None,
    unit_id: int | None = None,
    unit_level: str | None = None,
) -> Proposal:
    """The proposal a parsed message describes, as seen by a unit of `unit_level`.

    `now` is not needed (the parser resolved every date against its own clock); it is accepted so
    that callers written for the earlier signature keep working.
    """
    date = intent.date
    attendees = intent.attendees
    starts_at = dt.datetime.combine(date, intent.time, tzinfo=TZ) if date and intent.time else None
    return Proposal(
        kind=intent.kind,
        direction=direction_for(intent, unit_level),
        subtype=intent.subtype,
        title=intent.title,
        text=intent.text or "",
        date=date,
        starts_at=starts_at,
        duration_minutes=intent.duration_minutes,
        scale=intent.scale,
        attendees_count=attendees.count if attendees else None,
        attendees_scope=attendees.scope if attendees else None,
        unit_id=unit_id,
        unit_level=unit_level,
        length_chars=intent.doc_length_chars if intent.kind in ("document", None) else None,
        speech_minutes=intent.speech_minutes,
        remark_minutes=intent.remark_minutes,
        quantity=intent.quantity or 1,
    )


def direction_for(intent: Intent, unit_level: str | None) -> str | None:
    """The parser's direction, except that a unit's own level of government is not an upper level:
    for a county unit, 参加县里的会 and 县里来检查 are outgoing."""
    if (intent.direction == "incoming" and intent.kind in _RELATIVE_KINDS
            and unit_level is not None and intent.counterpart_level == unit_level):
        return "outgoing"
    return intent.direction


def proposal_from_entry(entry: Entry, *, unit_level: str | None = None, measured: Measured | None = None) -> Proposal:
    """The proposal an existing entry stands for; it is never matched against itself.

    The ledger stores no speech/remark minutes or document length, so those are what bot.nlu.parse
    reads from the entry's message: the one understanding, not a second reading in the rules. `measured`:
    what the message's own parse read (measured_as_parsed), so that the words are not parsed again.
    """
    text = entry.raw_text or entry.title or ""
    measured = measured or _measures(entry, text)
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
        length_chars=measured.doc_length_chars if entry.kind == "document" else None,
        speech_minutes=measured.speech_minutes,
        remark_minutes=measured.remark_minutes,
        quantity=entry.quantity or 1,
        exclude_entry_id=entry.id,
        in_scope=entry.in_scope,
    )


@dataclass(frozen=True)
class Measured:
    """What the parser reads of a message that the ledger does not store: a document's length, speaking times."""

    doc_length_chars: int | None
    speech_minutes: int | None
    remark_minutes: int | None


def measured_as_parsed(entry: Entry, intent: Intent) -> Measured | None:
    """What the parse that made `entry` read of its words, when the entry's words are the ones parsed (not a
    pending question's merged answer); None otherwise (proposal_from_entry then parses them)."""
    if (entry.raw_text or entry.title or "") != intent.text:
        return None
    return Measured(intent.doc_length_chars, intent.speech_minutes, intent.remark_minutes)


def _measures(entry: Entry, text: str) -> Measured:
    """The entry's message as the parser reads it; the clock only matters for dates, unused here."""
    when = entry.created_at or dt.datetime.combine(entry.occurs_on, dt.time(), tzinfo=TZ)
    return _measured(text, when.astimezone(TZ).date() if when.tzinfo else when.date())


@functools.lru_cache(maxsize=64)
def _measured(text: str, day: dt.date) -> Measured:
    """What parse reads of speeches and lengths, per text and local day (parse reads only the day of its
    clock): an entry checked twice in one message — ahead of its write and when flagged — is read once."""
    intent = parse(text, dt.datetime.combine(day, dt.time(), tzinfo=TZ))
    return Measured(intent.doc_length_chars, intent.speech_minutes, intent.remark_minutes)
