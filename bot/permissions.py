"""The role model: which role may do what, on which units.

Every intent declares its action (handlers.registry); the dispatcher refuses a sender holding no role
for it before the handler runs, and the handler asks here (under that same action, `Context.action`)
whether the unit or entry the message names is within the sender's reach.

Roles (a member may hold several, "admin,approver"; every active member is at least a 成员):
- member   (成员)       records, files, queries its own unit; corrects, voids, archives what it recorded itself
- manager  (管理员)     all of that for its unit and the units below it, for anyone's entries; rankings,
                        subscriptions, confirms newcomers and binds groups
- approver (审批人)     approves or rejects filings of the units it covers, and reads their history;
                        an approver in a county office (config/filing.yaml approver_units, e.g. 县委办)
                        covers the whole county, any other approver its own unit and those below it
- admin    (系统管理员)  units, members, quotas and rules, and every manager action on every unit;
                        approving stays with approvers (an admin who approves also holds the approver role)

A refusal says why in one line and names nothing of another unit: an entry the sender may not see
gets the same answer as an entry that does not exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.context import Context
from bot.labels import ROLE_NAMES
from bot.messages import Reply
from storage import repo
from storage.models import Entry, Member, Unit

if TYPE_CHECKING:
    from bot.services import Services

# Scopes, from narrow to wide.
CREATED = "created"  # entries of the member's own unit that the member recorded
OWN = "own"  # the member's own unit
SUBTREE = "subtree"  # the member's unit and every unit below it
APPROVAL = "approval"  # the units an approver covers
ALL = "all"


@dataclass(frozen=True)
class Rule:
    label: str  # what the action is called in a refusal: "审批"
    scopes: dict[str, str]  # role → scope


_READ = {"member": OWN, "manager": SUBTREE, "admin": ALL}
_CHANGE = {"member": CREATED, "manager": SUBTREE, "admin": ALL}
_MANAGE = {"manager": SUBTREE, "admin": ALL}
_ADMIN = {"admin": ALL}

ACTIONS: dict[str, Rule] = {
    "record": Rule("登记", _READ),
    "file": Rule("报备", _READ),
    "refile": Rule("报备", _CHANGE),  # 报备 #12: an entry recorded, or rejected, earlier
    "query": Rule("查询", _READ),
    "check": Rule("核查", _READ),
    "report": Rule("汇报", _READ),
    "compare": Rule("双台账比对", _READ),
    "export": Rule("导出", _READ),
    "history": Rule("查看记录", {**_READ, "approver": APPROVAL}),
    "correct": Rule("更正", _CHANGE),
    "undo": Rule("撤销", _CHANGE),
    "archive": Rule("备案", _CHANGE),
    "approve": Rule("审批", {"approver": APPROVAL}),
    "reject": Rule("审批", {"approver": APPROVAL}),
    "rank": Rule("排名", _MANAGE),
    "subscribe": Rule("订阅推送", _MANAGE),
    "bind_member": Rule("确认成员绑定", _MANAGE),
    "bind_group": Rule("绑定工作群", _MANAGE),
    "admin": Rule("单位与成员管理", _ADMIN),
    "quota": Rule("调整额度", _ADMIN),
    "rules": Rule("修改规则", _ADMIN),
}


class Asking(Protocol):
    """Who asks, under which action: a chat message's Context, or a board page's viewer (bot.board), so
    that a page shows exactly what its member may see in chat."""

    @property
    def session(self) -> Session: ...
    @property
    def member(self) -> Member: ...
    @property
    def unit(self) -> Unit: ...
    @property
    def services(self) -> Services: ...
    @property
    def permitted(self) -> str: ...


def roles_of(member: Member) -> frozenset[str]:
    """The member's roles; every active member is at least a 成员."""
    return member.role_set | {"member"}


def role_refusal(member: Member, action: str) -> str | None:
    """None when the member holds a role that may do `action` somewhere; else the one-line refusal.

    The dispatcher asks this before any handler runs, so a missing role is said before anything the
    message names is looked up, and nothing about it leaks."""
    rule = ACTIONS[action]
    if any(role in rule.scopes for role in roles_of(member)):
        return None
    return _role_refusal(rule)


def scope_units(session: Session, member: Member, scope: str, approver_units: Iterable[str] = ()) -> set[int] | None:
    """Unit ids a scope reaches for this member; None means every unit."""
    if scope == ALL:
        return None
    if scope in (OWN, CREATED):
        return {member.unit_id}
    if scope == SUBTREE:
        return set(repo.descendant_ids(session, member.unit_id))
    if scope == APPROVAL:
        unit = member.unit
        if unit.name in set(approver_units) or set(unit.aliases or []) & set(approver_units):
            return set(repo.descendant_ids(session, repo.tree_root(session, unit).id))
        return set(repo.descendant_ids(session, member.unit_id))
    raise ValueError(f"unknown scope {scope}")


def decide(ctx: Asking, unit_id: int, entry: Entry | None = None) -> str | None:
    """None when the sender may do the message's action on the unit (and entry); else the refusal."""
    rule = ACTIONS[ctx.permitted]
    granting = [role for role in roles_of(ctx.member) if role in rule.scopes]
    if not granting:
        return _role_refusal(rule)
    approver_units = ctx.services.filing.current().approver_units
    created_only = False
    for role in granting:
        scope = rule.scopes[role]
        units = scope_units(ctx.session, ctx.member, scope, approver_units)
        if units is not None and unit_id not in units:
            continue
        if scope == CREATED and entry is not None and entry.created_by != ctx.member.id:
            created_only = True
            continue
        return None
    if entry is not None:
        if created_only:
            return f"#{entry.id} 不是您登记的，只有登记人或本单位管理员可以{rule.label}。"
        return not_found(entry.id)
    if any(rule.scopes[r] in (SUBTREE, APPROVAL) for r in granting):
        return f"您只能办理本单位（{ctx.unit.name}）及下属单位的事项。"
    return f"您只能办理本单位（{ctx.unit.name}）的事项。"


def allowed(ctx: Asking, unit_id: int, entry: Entry | None = None) -> bool:
    return decide(ctx, unit_id, entry) is None


def not_found(entry_id: int) -> str:
    return f"未找到您可操作的 #{entry_id}。"


def refused(text: str) -> Reply:
    return Reply(text=text, intent="refused")


def entry_for(
    ctx: Context,
    entry_id: int | None,
    kind: str | None = None,
    on: dt.date | None = None,
    own_latest: bool = False,
) -> Entry | Reply:
    """The entry a command names, if the sender may act on it; else the reply to send.

    With no #id and `own_latest`, the sender's own most recent live entry (of `kind` on `on`, when
    the message said so) is meant: "撤销", "上一条日期改为周二", "明天的会取消了".
    """
    action = ctx.permitted
    if entry_id is None and not own_latest:
        return Reply(text="请注明事项编号，如“#12”。", intent=action)
    if entry_id is None:
        entry = repo.latest_own_entry(ctx.session, ctx.member.id, kind, on)
        if entry is None:
            return Reply(text="未找到您登记的相应事项，请注明编号，如“#12”。", intent=action)
        return entry
    entry = ctx.session.get(Entry, entry_id)
    if entry is None:
        return refused(not_found(entry_id))
    refusal = decide(ctx, entry.unit_id, entry)
    return refused(refusal) if refusal else entry


def unit_for(ctx: Asking, unit_name: str | None) -> Unit | Reply:
    """The unit a command names (default: the sender's), if the sender may act there."""
    if not unit_name or unit_name == ctx.unit.name:
        unit: Unit | None = ctx.unit
    else:
        unit = repo.unit_by_name(ctx.session, unit_name)
    if unit is None:
        return refused(f"未找到单位“{unit_name}”。")
    refusal = decide(ctx, unit.id)
    return refused(refusal) if refusal else unit


def reachable(ctx: Asking) -> set[int] | None:
    """Units the sender may act on (None: every unit), worked out once rather than per unit."""
    rule = ACTIONS[ctx.permitted]
    found: set[int] = set()
    for role in roles_of(ctx.member):
        scope = rule.scopes.get(role)
        if scope is None:
            continue
        if scope == APPROVAL:  # depends on the filing settings: ask per unit instead
            return {u for u in repo.descendant_ids(ctx.session, repo.tree_root(ctx.session, ctx.unit).id) if allowed(ctx, u)}
        units = scope_units(ctx.session, ctx.member, scope)
        if units is None:
            return None
        found |= units
    return found


def units_in_view(ctx: Asking, unit_name: str | None) -> list[Unit] | Reply:
    """The units a 双台账比对 or an export covers, in tree order: a named unit and the units below it
    that the sender may see; without a name, what the sender is responsible for — the own unit for a
    member, the own unit and those below for a manager, every unit for an admin."""
    if unit_name:
        found = unit_for(ctx, unit_name)
        if isinstance(found, Reply):
            return found
        root = found
    else:
        refusal = decide(ctx, ctx.unit.id)
        if refusal:
            return refused(refusal)
        root = repo.tree_root(ctx.session, ctx.unit) if ctx.member.has_role("admin") else ctx.unit
    ids = repo.descendant_ids(ctx.session, root.id)
    order = {uid: i for i, uid in enumerate(ids)}
    units = ctx.session.scalars(select(Unit).where(Unit.id.in_(ids))).all()
    reach = reachable(ctx)
    visible = [u for u in units if reach is None or u.id == root.id or u.id in reach]
    return sorted(visible, key=lambda u: order[u.id])


def approvers_for(session: Session, unit_id: int, approver_units: Iterable[str]) -> list[Member]:
    """Active approvers whose approval scope includes the unit: the people a filing goes to."""
    approver_units = tuple(approver_units)
    found = []
    for member in session.scalars(select(Member).where(Member.status == "active").order_by(Member.id)):
        if member.has_role("approver"):
            units = scope_units(session, member, APPROVAL, approver_units)
            if units is None or unit_id in units:
                found.append(member)
    return found


def managers_for(session: Session, unit_id: int) -> list[Member]:
    """Active managers whose unit is this one or above it: who confirms a newcomer's bind request.
    When there is none, the system admins do (`admins`)."""
    found = []
    for member in session.scalars(select(Member).where(Member.status == "active").order_by(Member.id)):
        if member.has_role("manager") and unit_id in repo.descendant_ids(session, member.unit_id):
            found.append(member)
    return found


def admins(session: Session) -> list[Member]:
    return [m for m in session.scalars(select(Member).where(Member.status == "active").order_by(Member.id))
            if m.has_role("admin")]


def _role_refusal(rule: Rule) -> str:
    names = "或".join(ROLE_NAMES[r] for r in ("manager", "approver", "admin") if r in rule.scopes)
    return f"{rule.label}须由{names}办理，您没有该权限。"


