"""待审批 / 有哪些待审批的 and “#49 审批了吗”: what waits for approval, and where one filing stands.

Intent "approvals", args {"action": "list" | "state"}. An approver is shown the filings waiting for
them (bot.filing.queue); anyone else the filings of their own units still waiting. “#49 审批了吗”
answers under the history permission: whoever may read #49's record may ask where it stands.
"""

from __future__ import annotations

from bot import permissions
from bot.context import Context
from bot.filing import queue
from bot.messages import Reply
from bot.nlu import Intent


def asks_state(intent: Intent) -> bool:
    return intent.entry_id is not None or (intent.args or {}).get("action") == "state"


def handle(ctx: Context, intent: Intent) -> Reply:
    approver_units = ctx.services.filing.current().approver_units
    if asks_state(intent):
        entry = permissions.entry_for(ctx, intent.entry_id)
        if isinstance(entry, Reply):
            return entry
        return Reply(text=queue.state(ctx.session, entry, approver_units), intent="approvals",
                     entry_ids=[entry.id], data={"status": entry.status})
    if ctx.member.has_role("approver"):
        waiting = queue.awaiting_approver(ctx.session, ctx.member, approver_units)
        head, empty = "待您审批的报备", "目前没有待您审批的报备。"
        tail = "请回复“同意 #编号”或“不同意 #编号 理由：……”。"
    else:
        waiting = queue.awaiting_in(ctx.session, permissions.reachable(ctx))
        head, empty = "本单位待审批的报备", "本单位目前没有待审批的报备。"
        tail = "可发送“#编号 审批了吗”查看进度。"
    if not waiting:
        return Reply(text=empty, intent="approvals", data={"count": 0})
    shown = waiting[: queue.MAX_LISTED]
    lines = [f"{head}（{len(waiting)}项）："] + [queue.line(ctx.session, e) for e in shown]
    if len(waiting) > len(shown):
        lines.append(f"……另有{len(waiting) - len(shown)}项。")
    lines.append(tail)
    return Reply(text="\n".join(lines), intent="approvals", entry_ids=[e.id for e in shown],
                 data={"count": len(waiting)})
