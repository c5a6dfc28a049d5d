"""Replies for acts the item handlers do not cover: a message the bot cannot tell a report from a
question (design §4: ask once, record nothing), and 恢复 of a voided entry (the undo of 撤销).
"""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from bot.labels import STATUS_NAMES, activity, day_label
from bot.messages import Reply
from bot.nlu import Intent
from bot.nlu.acts import ASK_VERBS, ask_text
from handlers import check, permissions
from handlers import help as help_handler
from handlers.context import Context
from storage import repo
from storage.models import Entry, EntryEvent


def unknown(ctx: Context, intent: Intent) -> Reply:
    """未能识别, unless the parser understood the item but not the act: then ask which act."""
    if intent.ambiguous:
        return ask(ctx, intent)
    return help_handler.unknown(ctx, intent)


def ask(ctx: Context, intent: Intent) -> Reply:
    """是要登记，还是问能否召开？ Nothing is recorded. When the rules can judge the item, their answer
    follows at once, so a cadre who was asking is not made to ask twice."""
    question = ask_text(intent)
    data = {"ambiguous": list(intent.ambiguous)}
    if intent.kind is None:
        return Reply(text=question, intent="unknown", data=data)
    verdict = check.handle(ctx, dataclasses.replace(intent, intent="check", ambiguous=[]))
    if verdict.intent != "check" or verdict.data.get("verdict") in (None, "unknown"):
        return Reply(text=question, intent="unknown", data=data)
    verb = ASK_VERBS.get(intent.kind, "办理")
    text = f"{question}\n如是问能否{verb}：{verdict.text}"
    return Reply(text=text, intent="check", data={**verdict.data, **data})


def restore(ctx: Context, intent: Intent) -> Reply:
    """恢复 #37 / 取消撤销: give a voided entry back the status it had before 撤销, with an audit event."""
    if intent.entry_id is not None:
        entry = permissions.entry_for(ctx, "undo", intent.entry_id)
    else:
        entry = _latest_voided(ctx, intent) or Reply(
            text="未找到您撤销过的事项，请注明编号，如“恢复 #12”。", intent="restore")
        if isinstance(entry, Entry):
            entry = permissions.entry_for(ctx, "undo", entry.id)
    if isinstance(entry, Reply):
        return entry
    if entry.status != "voided":
        return Reply(text=f"#{entry.id} {STATUS_NAMES.get(entry.status, entry.status)}，未撤销，无需恢复。",
                     intent="restore", entry_ids=[entry.id])
    before = _status_before_void(ctx, entry)
    repo.change_entry(ctx.session, entry, ctx.member, "restore", at=ctx.now(), status=before)
    what = f"{activity(entry.kind, entry.direction)}，{day_label(entry.occurs_on)}"
    return Reply(text=f"已恢复 #{entry.id}（{what}），状态：{STATUS_NAMES.get(before, before)}，重新计入统计。",
                 intent="restore", entry_ids=[entry.id])


def _latest_voided(ctx: Context, intent: Intent) -> Entry | None:
    query = select(Entry).where(Entry.created_by == ctx.member.id, Entry.status == "voided")
    if intent.kind:
        query = query.where(Entry.kind == intent.kind)
    if intent.date:
        query = query.where(Entry.occurs_on == intent.date)
    return ctx.session.scalar(query.order_by(Entry.updated_at.desc(), Entry.id.desc()).limit(1))


def _status_before_void(ctx: Context, entry: Entry) -> str:
    """The status the last 撤销 replaced (its audit event keeps before/after); 已记录 if none is kept."""
    events = ctx.session.scalars(
        select(EntryEvent).where(EntryEvent.entry_id == entry.id, EntryEvent.action == "void")
        .order_by(EntryEvent.id.desc())
    )
    for event in events:
        change = (event.changes or {}).get("status")
        if isinstance(change, list) and change and change[0] and change[0] != "voided":
            return str(change[0])
    return "recorded"


__all__ = ["ask", "restore", "unknown"]
