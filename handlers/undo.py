"""撤销: void the sender's last entry, a described one ("明天的会取消了"), or a given #id. Nothing is deleted."""

from __future__ import annotations

from bot import permissions
from bot.context import Context
from bot.labels import activity, day_label
from bot.messages import Reply
from bot.nlu import Intent
from storage import repo


def handle(ctx: Context, intent: Intent) -> Reply:
    entry = permissions.entry_for(ctx, intent.entry_id, kind=intent.kind, on=intent.date, own_latest=True)
    if isinstance(entry, Reply):
        return entry
    if entry.status == "voided":
        return Reply(text=f"#{entry.id} 已撤销过，无需重复操作。", intent="undo", entry_ids=[entry.id])
    repo.void_entry(ctx.session, entry, ctx.member, at=ctx.now())
    what = f"{activity(entry.kind, entry.direction)}，{day_label(entry.occurs_on)}"
    return Reply(text=f"已撤销 #{entry.id}（{what}），不再计入统计。", intent="undo", entry_ids=[entry.id])
