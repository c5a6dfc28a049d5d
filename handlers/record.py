"""Record one ledger entry from one message; ask one short question when something essential is missing."""

from __future__ import annotations

import dataclasses
import datetime as dt

from bot import permissions
from bot.checking import ask_record_or_check, reads_as_proposal
from bot.context import Context
from bot.labels import activity, short_day
from bot.ledger import pending
from bot.ledger.describe import describe_recorded, entry_summary
from bot.ledger.entries import create_from_fields, entry_fields, out_of_range, unsaved, unsaved_entry
from bot.ledger.flagging import Flagged, flag
from bot.ledger.flagging import prepare as prepare_flags
from bot.messages import Reply
from bot.nlu import Intent
from bot.rules import render_flags
from bot.rules.proposal import measured_as_parsed
from storage import repo
from storage.models import Entry

DUPLICATE_WINDOW = dt.timedelta(days=1)


def handle(ctx: Context, intent: Intent) -> Reply:
    unit = permissions.unit_for(ctx, intent.unit)
    if isinstance(unit, Reply):
        return unit
    refused = out_of_range(intent)
    if refused is not None:
        return refused
    missing = pending.missing(intent)
    if ("date" in missing or intent.date_assumed) and set(missing) <= {"kind", "date"} and reads_as_proposal(ctx, intent):
        return ask_record_or_check(ctx, dataclasses.replace(intent, ambiguous=["record", "check"]))
    if missing:
        return pending.ask(ctx, intent, missing)
    now = ctx.now()
    since = now - DUPLICATE_WINDOW
    fields = entry_fields(ctx, intent, unit.id, "recorded")
    ahead = unsaved(fields, now)  # the rules' verdict first: the entry is written with its flags
    flagged = flag(ctx, ahead, measured_as_parsed(ahead, intent))
    entry = create_from_fields(ctx, fields, now, since, **flagged.columns)  # its INSERT finds the twin
    notes = [n for n in (_day_taken(intent), _warning(flagged), duplicate_hint(ctx, entry, since)) if n]
    if flagged.requirement is not None:
        notes.append(_unfiled_notice(ctx, entry))
    text = "\n".join([describe_recorded(entry, unit.name), *notes])
    data: dict[str, object] = {"entry": entry_summary(entry)}
    if flagged.requirement is not None:
        data["filing_required"] = True
    return Reply(text=text, intent="record", entry_ids=[entry.id], data=data)


def prepare(ctx: Context, intent: Intent) -> object | None:
    """Before the write transaction: the rules' verdict on the entry this message would record at once
    (bot.ledger.flagging.prepare), or None when it would not record (it asks, refuses, or merges)."""
    unit = permissions.unit_for(ctx, intent.unit)
    if isinstance(unit, Reply) or out_of_range(intent) is not None or pending.missing(intent):
        return None
    entry = unsaved_entry(ctx, intent, unit_id=unit.id, status="recorded")
    return prepare_flags(ctx, entry, measured_as_parsed(entry, intent))


def duplicate_hint(ctx: Context, entry: Entry, since: dt.datetime) -> str:
    """A same-day, same-kind item of the unit recorded since `since` (the last day): often the same thing told
    twice in a group chat. It is recorded anyway; the hint names the earlier one (found by the entry's INSERT)."""
    twin = repo.similar_recent_entry_id(ctx.session, entry, since=since)
    if twin is None:
        return ""
    return f"提示：与 #{twin} 日期、事项相同，如系重复登记，请回复“撤销 #{entry.id}”。"


def _day_taken(intent: Intent) -> str:
    """An item told as done with no day (会开了) was dated today (bot.nlu.parser): say so, so a wrong day is one
    short correction away rather than a question asked on every such message."""
    if not intent.date_assumed or intent.date is None:
        return ""
    return f"未说日期，按今天（{short_day(intent.date)}）登记；如不是今天，请回复“日期错了，是昨天”。"


def _warning(flagged: Flagged) -> str:
    """The rules' warnings on what was recorded, then any quota reminder."""
    lines = [render_flags(flagged.found)] if flagged.found else []
    if flagged.reminders:
        lines.append(render_flags(flagged.reminders, heading="提醒："))
    return "\n".join(lines)


def _unfiled_notice(ctx: Context, entry: Entry) -> str:
    what = activity(entry.kind, entry.direction)
    if entry.occurs_on >= ctx.today():
        return f"注意：{what}须事前报备审批，本条未报备，已标注。如尚未开展，请发送“报备 #{entry.id}”补办。"
    return f"注意：{what}须事前报备审批，本条未履行报备程序，已标注，将列入每周分析。"
