"""撤销: void the sender's last entry, or a given #id the sender may change. Nothing is deleted."""

from __future__ import annotations

from bot.labels import activity, day_label
from bot.messages import Reply
from bot.nlu import Intent
from handlers import permissions
from handlers.context import Context
from storage import repo
from storage.models import Entry


def handle(ctx: Context, intent: Intent) -> Reply:
    if intent.entry_id is not None:
        entry = ctx.session.get(Entry, intent.entry_id)
        if entry is None or not permissions.covers(ctx, ctx.member, entry.unit_id):
            return Reply(text=f"未找到您可操作的 #{intent.entry_id}。", intent="undo")
        if not permissions.may_change(ctx, entry):
            return Reply(text=f"#{entry.id} 不是您登记的，只有登记人或管理员可以撤销。", intent="refused")
    else:
        entry = repo.last_entry_created_by(ctx.session, ctx.member.id)
        if entry is None:
            return Reply(text="您没有可撤销的记录。", intent="undo")
    if entry.status == "voided":
        return Reply(text=f"#{entry.id} 已撤销过，无需重复操作。", intent="undo", entry_ids=[entry.id])
    repo.void_entry(ctx.session, entry, ctx.member, at=ctx.now())
    what = f"{activity(entry.kind, entry.direction)}，{day_label(entry.occurs_on)}"
    return Reply(text=f"已撤销 #{entry.id}（{what}），不再计入统计。", intent="undo", entry_ids=[entry.id])
