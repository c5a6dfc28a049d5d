"""撤销: void the sender's last entry, a described one ("明天的会取消了"), or a given #id. Nothing is deleted.

恢复 #37 / 取消撤销 (restore) gives a voided entry back the status it had before, with an audit event.
"""

from __future__ import annotations

from sqlalchemy import select

from bot import permissions
from bot.context import Context
from bot.labels import STATUS_NAMES, activity, day_label
from bot.messages import Reply
from bot.nlu import Intent
from storage import repo
from storage.models import Entry, EntryEvent


def handle(ctx: Context, intent: Intent) -> Reply:
    entry = permissions.entry_for(ctx, intent.entry_id, kind=intent.kind, on=intent.date, own_latest=True)
    if isinstance(entry, Reply):
        return entry
    if entry.status == "voided":
        return Reply(text=f"#{entry.id} 已撤销过，无需重复操作。", intent="undo", entry_ids=[entry.id])
    repo.void_entry(ctx.session, entry, ctx.member, at=ctx.now())
    what = f"{activity(entry.kind, entry.direction)}，{day_label(entry.occurs_on)}"
    return Reply(text=f"已撤销 #{entry.id}（{what}），不再计入统计。", intent="undo", entry_ids=[entry.id])


def restore(ctx: Context, intent: Intent) -> Reply:
    """恢复 #37 / 取消撤销: give a voided entry back the status it had before 撤销, with an audit event."""
    if intent.entry_id is not None:
        entry = permissions.entry_for(ctx, intent.entry_id)
    else:
        latest = _latest_voided(ctx, intent)
        if latest is None:
            return Reply(text="未找到您撤销过的事项，请注明编号，如“恢复 #12”。", intent="restore")
        entry = permissions.entry_for(ctx, latest.id)
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
