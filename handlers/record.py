"""Record one ledger entry from one message; ask one short question when something essential is missing."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from bot.clock import TZ
from bot.labels import MEASURE, activity, day_label
from bot.messages import Reply
from bot.nlu import Intent
from bot.stats.rules import scope_fields
from handlers import permissions
from handlers.check import flag_entry
from handlers.context import Context
from storage import repo
from storage.models import Entry, PendingQuestion

PENDING_TTL = dt.timedelta(minutes=10)
DUPLICATE_WINDOW = dt.timedelta(days=1)
QUESTIONS = {
    "kind": "请问是哪类事项：开会、发文、收文、督查检查，还是报送材料？",
    "date": "请问{what}是哪一天？如“明天”“11月25日”。",
}


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
        if value is not None and not 0 <= value <= LIMITS[field]:
            return Reply(text=f"{names[field]}超出合理范围，本条未记录，请核实后重发。", intent=intent.intent)
    return None


def handle(ctx: Context, intent: Intent) -> Reply:
    unit = permissions.target_unit(ctx, intent.unit)
    if isinstance(unit, Reply):
        return unit
    refused = out_of_range(intent)
    if refused is not None:
        return refused
    missing = _missing(intent)
    if missing:
        return _ask(ctx, intent, missing)
    entry = create_from_intent(ctx, intent, unit_id=unit.id, status="recorded")
    warning = flag_entry(ctx, entry, unit)
    notes = [n for n in (warning, duplicate_hint(ctx, entry)) if n]
    text = "\n".join([describe_recorded(entry, unit.name), *notes])
    return Reply(text=text, intent="record", entry_ids=[entry.id],
                 data={"entry": entry_summary(entry)})


def create_from_intent(ctx: Context, intent: Intent, unit_id: int, status: str) -> Entry:
    """Write the entry (and its audit event) from a complete intent."""
    assert intent.kind and intent.date
    attendees = intent.attendees
    starts_at = (
        dt.datetime.combine(intent.date, intent.time, tzinfo=TZ) if intent.time else None
    )
    return repo.create_entry(
        ctx.session,
        ctx.member,
        at=ctx.now(),
        unit_id=unit_id,
        kind=intent.kind,
        direction=intent.direction or "outgoing",
        subtype=intent.subtype,
        title=intent.title,
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
        **scope_fields(ctx.services, intent.kind, intent.direction, intent.subtype, intent.title, ctx.message.text),
    )


def _raw_text(original: str, current: str) -> str:
    """The words the entry came from: the original message, plus the answer when the bot had to ask."""
    original, current = original.strip(), current.strip()
    if not original or original == current:
        return current
    return f"{original}（补充：{current}）"


def duplicate_hint(ctx: Context, entry: Entry) -> str:
    """A same-day, same-kind item of the unit recorded in the last day: often the same thing told
    twice in a group chat. It is recorded anyway; the hint names the earlier one."""
    twin = repo.similar_recent_entry(ctx.session, entry, since=ctx.now() - DUPLICATE_WINDOW)
    if twin is None:
        return ""
    return f"提示：与 #{twin.id} 日期、事项相同，如系重复登记，请回复“撤销 #{entry.id}”。"


def describe_entry(entry: Entry, unit_name: str) -> str:
    """召开会议（座谈会），2026-11-24（周二） 09:00，城关镇，事由：…，2件，3个乡镇参加，80人，2小时"""
    parts = [activity(entry.kind, entry.direction)]
    if entry.subtype and entry.subtype not in parts[0]:
        parts[0] += f"（{entry.subtype}）"
    when = day_label(entry.occurs_on)
    if entry.starts_at:
        when += entry.starts_at.astimezone(TZ).strftime(" %H:%M")
    parts += [when, unit_name]
    if entry.counterpart:
        parts.append(f"{'来自' if entry.direction == 'incoming' else '对象'}：{entry.counterpart}")
    if entry.title:
        parts.append(f"事由：{entry.title}")
    if entry.quantity and entry.quantity != 1:
        parts.append(f"{entry.quantity}{MEASURE[entry.kind]}")
    if entry.attendees_count or entry.attendees_scope:
        count = f"{entry.attendees_count}个" if entry.attendees_count else ""
        parts.append(f"{count}{entry.attendees_scope or '单位'}参加")
    if entry.scale:
        parts.append(f"{entry.scale}人")
    if entry.duration_minutes:
        parts.append(duration_label(entry.duration_minutes))
    return "，".join(parts)


def describe_recorded(entry: Entry, unit_name: str, verb: str = "已记录") -> str:
    return f"{verb} #{entry.id}：{describe_entry(entry, unit_name)}。如有误，回复“撤销”。"


def duration_label(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours}小时{rest}分钟"
    return f"{hours}小时" if hours else f"{rest}分钟"


def entry_summary(entry: Entry) -> dict[str, object]:
    return {
        "id": entry.id,
        "unit_id": entry.unit_id,
        "kind": entry.kind,
        "direction": entry.direction,
        "subtype": entry.subtype,
        "title": entry.title,
        "date": entry.occurs_on.isoformat(),
        "quantity": entry.quantity,
        "attendees_count": entry.attendees_count,
        "attendees_scope": entry.attendees_scope,
        "scale": entry.scale,
        "duration_minutes": entry.duration_minutes,
        "status": entry.status,
        "flags": entry.flags,
    }


# --- one question, then completion from the next message --------------------------------------

def _missing(intent: Intent) -> list[str]:
    missing = [m for m in intent.missing if m in QUESTIONS]
    if not intent.kind and "kind" not in missing:
        missing.insert(0, "kind")
    if not intent.date and "date" not in missing:
        missing.append("date")
    return missing


def _ask(ctx: Context, intent: Intent, missing: list[str]) -> Reply:
    if ctx.conversation is None:
        return Reply(text=_question(intent, missing[0]), intent="record", data={"missing": missing})
    ctx.session.execute(
        delete(PendingQuestion).where(
            PendingQuestion.conversation_id == ctx.conversation.id,
            PendingQuestion.member_id == ctx.member.id,
        )
    )
    try:
        with ctx.session.begin_nested():  # a second message of the same member racing this one
            ctx.session.add(
                PendingQuestion(
                    conversation_id=ctx.conversation.id,
                    member_id=ctx.member.id,
                    intent=intent.to_json(),
                    missing=missing[0],
                    expires_at=ctx.now() + PENDING_TTL,
                )
            )
    except IntegrityError:
        pass  # the other message's question stands; this one is asked all the same
    return Reply(text=_question(intent, missing[0]), intent="record", data={"missing": missing})


def _question(intent: Intent, missing: str) -> str:
    what = activity(intent.kind, intent.direction) if intent.kind else "此事项"
    return QUESTIONS[missing].format(what=what)


def take_pending(ctx: Context, answer: Intent) -> Intent | None:
    """If this member owes an answer in this chat, merge the answer into the waiting record.

    Returns the merged intent (possibly still incomplete), or None when nothing waits or the new
    message is a command of its own (then the question is dropped: the user moved on).
    """
    if ctx.conversation is None:
        return None
    pending = ctx.session.scalar(
        select(PendingQuestion).where(
            PendingQuestion.conversation_id == ctx.conversation.id,
            PendingQuestion.member_id == ctx.member.id,
        )
    )
    if pending is None:
        return None
    ctx.session.delete(pending)
    if pending.expires_at < ctx.now():
        return None
    if answer.intent not in ("unknown", "record") or answer.ambiguous or (
        answer.intent == "record" and answer.kind and answer.date
    ):
        return None  # a new message of its own; an ambiguous one is asked about, never merged into a record
    merged = Intent.from_json(pending.intent)
    merged.missing = []
    if answer.kind and not merged.kind:
        merged.kind, merged.direction = answer.kind, answer.direction or merged.direction
        merged.subtype = merged.subtype or answer.subtype
    if answer.date and not merged.date:
        merged.date = answer.date
        merged.time = merged.time or answer.time
    if merged.kind == pending.intent.get("kind") and merged.date == _date(pending.intent):
        return None  # the answer supplied nothing: treat it as a new message
    merged.intent = "record"
    return merged


def _date(data: dict[str, object]) -> dt.date | None:
    value = data.get("date")
    return dt.date.fromisoformat(str(value)) if value else None


__all__ = ["handle", "create_from_intent", "describe_entry", "describe_recorded", "duration_label", "entry_summary", "take_pending"]
