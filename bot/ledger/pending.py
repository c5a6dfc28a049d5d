"""One question, then completion from the next message: a record missing its kind or date is kept as a
PendingQuestion for this member in this chat, and the dispatcher merges the answer into it.

The same row holds a confirmation the bot asked for (撤回 of a filed or approved entry, `CONFIRM_UNDO`):
the next message confirms it (“确认”/“确认撤回”) or, being anything else, drops it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, delete, select
from sqlalchemy.exc import IntegrityError

from bot.context import Context
from bot.labels import activity
from bot.messages import Reply
from bot.nlu import Intent
from storage import repo
from storage.direct import Direct
from storage.models import PendingQuestion

PENDING_TTL = dt.timedelta(minutes=10)
CONFIRM_UNDO = "confirm_undo"  # PendingQuestion.missing of a withdrawal waiting for 确认
QUESTIONS = {
    "kind": "请问是哪类事项：开会、发文、收文、督查检查，还是报送材料？",
    "date": "请问{what}是哪一天？如“明天”“11月25日”。",
}


def missing(intent: Intent) -> list[str]:
    """What a record still needs before it can be written, the first of which is asked."""
    found = [m for m in intent.missing if m in QUESTIONS]
    if not intent.kind and "kind" not in found:
        found.insert(0, "kind")
    if not intent.date and "date" not in found:
        found.append("date")
    return found


def ask(ctx: Context, intent: Intent, missing: list[str]) -> Reply:
    if ctx.conversation is None:
        return Reply(text=_question(intent, missing[0]), intent="record", data={"missing": missing})
    _keep(ctx, intent, missing[0])
    return Reply(text=_question(intent, missing[0]), intent="record", data={"missing": missing})


def ask_confirmation(ctx: Context, entry_id: int, question: str) -> Reply:
    """Keep a withdrawal of #entry_id until the next message confirms it; nothing changes before."""
    if ctx.conversation is not None:
        _keep(ctx, Intent(text=ctx.message.text, intent="undo", entry_id=entry_id), CONFIRM_UNDO)
    return Reply(text=question, intent="undo", entry_ids=[entry_id], data={"confirm": True, "voided": False})


def _keep(ctx: Context, intent: Intent, missing: str) -> None:
    assert ctx.conversation is not None
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
                    missing=missing,
                    expires_at=ctx.now() + PENDING_TTL,
                )
            )
    except IntegrityError:
        pass  # the other message's question stands; this one is asked all the same


def _question(intent: Intent, missing: str) -> str:
    what = activity(intent.kind, intent.direction) if intent.kind else "此事项"
    return QUESTIONS[missing].format(what=what)


# Looked up for every message of a bound member: built once.
_PENDING = select(PendingQuestion).where(PendingQuestion.conversation_id == bindparam("conversation_id"),
                                         PendingQuestion.member_id == bindparam("member_id"))
_QUESTIONS = PendingQuestion.__table__.c
_ANY_PENDING = Direct(select(_QUESTIONS.id).where(_QUESTIONS.conversation_id == bindparam("conversation_id"),
                                                  _QUESTIONS.member_id == bindparam("member_id")))


def take_pending(ctx: Context, answer: Intent) -> Intent | None:
    """If this member owes an answer in this chat, merge the answer into the waiting record.

    Returns the merged intent (possibly still incomplete), or None when nothing waits or the new
    message is a command of its own (then the question is dropped: the user moved on).
    """
    if ctx.conversation is None:
        return None
    whose = {"conversation_id": ctx.conversation.id, "member_id": ctx.member.id}
    seen = repo.question_seen(ctx.session, ctx.conversation.id, ctx.member.id)  # read with the chat, if it was
    if seen is False or (seen is None and _ANY_PENDING.scalar(repo.connection_of(ctx.session), whose) is None):
        return None  # as a rule nothing waits: a Core look-up, without the ORM's set-up for a query
    pending = ctx.session.scalar(_PENDING, whose)
    if pending is None:
        return None
    ctx.session.delete(pending)
    if pending.expires_at < ctx.now():
        return None
    if pending.missing == CONFIRM_UNDO:
        asked = pending.intent.get("entry_id")
        if answer.intent == "confirm" and answer.entry_id in (None, asked):
            return Intent(text=answer.text, intent="confirm", entry_id=asked, args={"asked": True})
        return None  # anything else: the withdrawal is not confirmed, nothing was voided
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
    # Every slot already understood is kept (收文4个 … then 今天 is saved with 4); a count said in the
    # answer (发文 then 2件) fills the quantity the first message left at its default.
    counted = answer.quantity is not None and answer.intent == "unknown" and answer.quantity != merged.quantity
    if counted:
        merged.quantity, merged.quantity_approx = answer.quantity, answer.quantity_approx
    if not counted and merged.kind == pending.intent.get("kind") and merged.date == _date(pending.intent):
        return None  # the answer supplied nothing: treat it as a new message
    merged.intent = "record"
    return merged


def _date(data: dict[str, object]) -> dt.date | None:
    value = data.get("date")
    return dt.date.fromisoformat(str(value)) if value else None
