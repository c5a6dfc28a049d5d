"""Who may act on which unit: members on their own unit, managers on their unit's subtree, admins everywhere.

Refusals say why in one line and name nothing of the other unit's data.
"""

from __future__ import annotations

from bot.messages import Reply
from handlers.context import Context
from storage import repo
from storage.models import Entry, Member, Unit


def covers(ctx: Context, member: Member, unit_id: int) -> bool:
    """True when the member may see and manage the given unit."""
    if member.has_role("admin"):
        return True
    if unit_id == member.unit_id:
        return True
    if member.has_role("manager") or member.has_role("approver"):
        return unit_id in repo.descendant_ids(ctx.session, member.unit_id)
    return False


def target_unit(ctx: Context, unit_name: str | None) -> Unit | Reply:
    """The unit a message acts on: the one it names if the sender covers it, else the sender's own."""
    if not unit_name or unit_name == ctx.unit.name:
        return ctx.unit
    unit = repo.unit_by_name(ctx.session, unit_name)
    if unit is None:
        return Reply(text=f"未找到单位“{unit_name}”。", intent="refused")
    if not covers(ctx, ctx.member, unit.id):
        return Reply(text=f"您只能办理本单位（{ctx.unit.name}）的事项。", intent="refused")
    return unit


def may_change(ctx: Context, entry: Entry) -> bool:
    """The creator may change their own entry; a manager or admin covering the unit may too."""
    if entry.created_by == ctx.member.id:
        return True
    if ctx.member.has_role("manager") or ctx.member.has_role("admin"):
        return covers(ctx, ctx.member, entry.unit_id)
    return False
