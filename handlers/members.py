"""Who is who: admins add units and members, newcomers ask to be bound, managers confirm, groups get a unit.

- “添加成员 城关镇 赵六 管理员” (admin): adds the member, or changes the roles of an existing one.
- “绑定 城关镇 赵六” from an unknown account: a pending member carrying that platform id; the unit's
  groups are asked to confirm. The account acts only once a manager of the unit (or an admin) answers
  “同意绑定 赵六”; “拒绝绑定 赵六” withdraws the request.
  If 赵六 is already a bound member (bound on one platform, now asking from another), the request is a
  separate pending row “赵六（绑定申请）”: 赵六 stays active and untouched; confirming only adds the new
  account to 赵六, refusing deletes the request row. One open request per member; no existing account is
  ever replaced. Accounts are rows of member_identity (one per platform and member).
- “本群绑定城关镇” (manager of that unit, or admin): the group where it is said now belongs to the unit.
  A name that is not a unit changes nothing; “本群绑定” alone binds only an unbound group (to the
  sender's unit); moving a bound group needs the new unit named.

Members have no audit table of their own; every change is logged with who made it.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import permissions
from bot.channels.registry import channel_class
from bot.clock import Clock
from bot.context import Context, Visitor
from bot.labels import LEVEL_NAMES, ROLE_NAMES, level_of_name
from bot.messages import Reply
from bot.nlu import Intent
from bot.push import Push, push_to_conversation
from bot.services import Services
from storage import repo
from storage.models import (
    ROLES,
    UNIT_LEVELS,
    Conversation,
    Entry,
    InboundMessage,
    Member,
    MemberIdentity,
    Unit,
)

log = logging.getLogger(__name__)

ROLE_WORDS = {
    "成员": "member", "普通成员": "member", "管理员": "manager", "单位管理员": "manager",
    "审批人": "approver", "审批": "approver", "系统管理员": "admin", "超级管理员": "admin",
} | {role: role for role in ROLES}
REQUEST_MARK = "（绑定申请）"
BIND_HINT = "请发送“绑定 单位 姓名”，如：绑定 城关镇 张三。"


# --- 添加成员 / 添加单位 (admin) ------------------------------------------------------------------

def handle_admin(ctx: Context, intent: Intent) -> Reply:
    action = str(intent.args.get("action") or "")
    if action == "add_member":
        return _add_member(ctx, intent.args)
    if action == "add_unit":
        return _add_unit(ctx, intent.args)
    return Reply(text="可用的管理命令：添加成员 城关镇 赵六 管理员；添加单位 城关镇 东关村（村）。", intent="admin")


def _add_member(ctx: Context, args: dict[str, Any]) -> Reply:
    unit = permissions.unit_for(ctx, str(args.get("unit") or "") or None)
    if isinstance(unit, Reply):
        return unit
    name = str(args.get("name") or "").strip()
    if not name or len(name) > 32 or not plain_name(name):
        return Reply(text="请写明姓名，如“添加成员 城关镇 赵六 管理员”。", intent="admin")
    roles = parse_roles(args.get("role") or args.get("roles") or "member")
    if roles is None:
        return Reply(text=f"角色“{args.get('role')}”无法识别，可用：成员、管理员、审批人、系统管理员。", intent="admin")
    label = "、".join(ROLE_NAMES[r] for r in roles)
    member = repo.member_in_unit(ctx.session, unit.id, name)
    if member is not None:
        before = "、".join(ROLE_NAMES.get(r, r) for r in sorted(member.role_set, key=ROLES.index))
        member.roles = ",".join(roles)
        pending = member.status == "pending"
        member.status = "active"
        log.info("%s set roles of %s/%s to %s (activated=%s)", ctx.member.name, unit.name, name, roles, pending)
        extra = "，其绑定申请一并确认" if pending else ""
        return Reply(text=f"已将{unit.name}{name}的角色设为{label}（原为{before or '成员'}）{extra}。", intent="admin",
                     data={"member_id": member.id, "roles": roles})
    member = Member(unit_id=unit.id, name=name, roles=",".join(roles), status="active")
    ctx.session.add(member)
    ctx.session.flush()
    log.info("%s added member %s/%s as %s", ctx.member.name, unit.name, name, roles)
    return Reply(
        text=f"已添加成员：{unit.name} {name}（{label}）。请其本人在工作群发送“绑定 {unit.name} {name}”，经确认后生效。",
        intent="admin", data={"member_id": member.id, "roles": roles},
    )


def _add_unit(ctx: Context, args: dict[str, Any]) -> Reply:
    name = str(args.get("name") or args.get("unit") or "").strip()
    if not name or len(name) > 64:
        return Reply(text="请写明单位名称，如“添加单位 东关村 上级 城关镇”。", intent="admin")
    if repo.unit_by_name(ctx.session, name) is not None:
        return Reply(text=f"单位“{name}”已存在。", intent="admin")
    parent_name = str(args.get("parent") or "").strip()
    parent = repo.unit_by_name(ctx.session, parent_name) if parent_name else repo.tree_root(ctx.session)
    if parent is None:
        return Reply(text=f"未找到上级单位“{parent_name}”。", intent="admin")
    level = args.get("level") or level_of_name(name)
    if level not in UNIT_LEVELS:
        levels = f"{LEVEL_NAMES['town']}、{LEVEL_NAMES['department']}或{LEVEL_NAMES['village']}"
        return Reply(text=f"请注明单位级别：{levels}。", intent="admin")
    unit = Unit(name=name, level=level, parent_id=parent.id, aliases=[])
    ctx.session.add(unit)
    ctx.session.flush()
    ctx.session.add(Conversation(platform="console", external_id=name, title=f"{name}工作群", unit_id=unit.id))
    log.info("%s added unit %s under %s", ctx.member.name, name, parent.name)
    return Reply(text=f"已添加单位：{name}（上级：{parent.name}）。", intent="admin", data={"unit_id": unit.id})


def parse_roles(raw: Any) -> list[str] | None:
    words = raw if isinstance(raw, list) else re.split(r"[,，、/ 和]+", str(raw))
    roles = []
    for word in (str(w).strip() for w in words):
        if not word:
            continue
        role = ROLE_WORDS.get(word)
        if role is None:
            return None
        if role not in roles:
            roles.append(role)
    return sorted(roles or ["member"], key=ROLES.index)


# --- 绑定 (bound senders: confirm, deny, group) -------------------------------------------------

def bind_target(intent: Intent) -> str:
    """What a 绑定 message binds: "member" (oneself), "group" (本群绑定…), or "confirm"/"deny" a request."""
    return str(intent.args.get("target") or "member")


def handle_bind(ctx: Context, intent: Intent) -> Reply:
    target = bind_target(intent)
    if target == "group":
        return _bind_group(ctx, intent)
    if target in ("confirm", "deny"):
        return _decide_member(ctx, intent.args, confirm=target == "confirm")
    name = str(intent.args.get("name") or "")
    unit = str(intent.args.get("unit") or "")
    if name in ("", ctx.member.name) and unit in ("", ctx.unit.name):
        return Reply(text=f"您已绑定{ctx.unit.name}，无需重复绑定。", intent="bind")
    return Reply(text=f"绑定须由本人发送“绑定 单位 姓名”，再由单位管理员回复“同意绑定 {name or '姓名'}”。",
                 intent="bind")


def _bind_group(ctx: Context, intent: Intent) -> Reply:
    """Bind the group to the unit the message names; never to a unit it does not name, unless the group
    is unbound and nothing was named (then the sender's own unit)."""
    named = str(intent.args.get("unit") or "").strip() or _leftover_unit_words(intent.text, ctx.unit.name)
    if named and repo.unit_by_name(ctx.session, named) is None:
        return Reply(text=f"未找到单位“{named}”，请核对单位全称，本群绑定未变更。", intent="bind")
    unit = permissions.unit_for(ctx, named or None)
    if isinstance(unit, Reply):
        return unit
    conversation = ctx.conversation
    if conversation is None:
        return Reply(text="请在要绑定的工作群中发送“本群绑定单位名”。", intent="bind")
    if conversation.unit_id == unit.id:
        return Reply(text=f"本群已绑定{unit.name}。", intent="bind")
    if conversation.unit_id is not None and not named:
        return Reply(text=f"本群已绑定其他单位。如需改绑，请写明单位，如“本群绑定{unit.name}”。", intent="bind")
    if conversation.unit_id is not None and not permissions.allowed(ctx, conversation.unit_id):
        return permissions.refused("本群已绑定其他单位，须由原单位管理员或系统管理员变更。")
    conversation.unit_id = unit.id
    log.info("%s bound conversation %s to %s", ctx.member.name, conversation.id, unit.name)
    return Reply(text=f"本群已绑定{unit.name}：本群的登记、推送和审批通知均按{unit.name}办理。", intent="bind",
                 data={"conversation_id": conversation.id, "unit": unit.name})


_GROUP_BIND_WORDS = re.compile(r"本群|这个群|此群|该群|绑定|单位|请|一下|[\s:：,，。.!！?？、“”\"'（）()]")
_GROUP_BIND_EDGES = "把将到至为给于吧了吗呀啊"
_OWN_UNIT_WORDS = ("本单位", "我单位", "我们单位", "我的单位")


def _leftover_unit_words(text: str, own_unit: str) -> str:
    """What a “本群绑定…” message says besides its command words: a unit name the parser could not
    resolve (a typo, a unit not yet added), the sender's unit for “本单位”, or "" when none was named."""
    text = text or ""
    if any(word in text for word in _OWN_UNIT_WORDS):
        return own_unit
    return _GROUP_BIND_WORDS.sub("", text).strip(_GROUP_BIND_EDGES)


def _decide_member(ctx: Context, args: dict[str, Any], confirm: bool) -> Reply:
    name = str(args.get("name") or "").strip()
    if not name:
        return Reply(text="请写明姓名，如“同意绑定 赵六”。", intent="bind")
    unit_name = str(args.get("unit") or "").strip()
    scope = _bind_scope(ctx)
    if unit_name:
        unit = permissions.unit_for(ctx, unit_name)
        if isinstance(unit, Reply):
            return unit
        scope = {unit.id}
    candidates = sorted(
        repo.pending_members_named(ctx.session, name, scope)
        + repo.pending_members_named(ctx.session, request_name(name), scope),
        key=lambda m: m.id,
    )
    if not candidates:
        return Reply(text=f"未找到待确认的绑定申请“{name}”。", intent="bind")
    if len(candidates) > 1:
        units = "、".join(m.unit.name for m in candidates)
        return Reply(text=f"有多个“{name}”的绑定申请（{units}），请注明单位，如“同意绑定 {candidates[0].unit.name} {name}”。",
                     intent="bind")
    pending = candidates[0]
    if pending.name != name:  # a request to add an account to a member who is already bound
        return _decide_added_account(ctx, pending, name, confirm)
    unit_label = pending.unit.name
    if confirm:
        pending.status = "active"
        log.info("%s confirmed binding of %s/%s", ctx.member.name, unit_label, name)
        return Reply(text=f"已确认：{unit_label} {name}（{_role_label(pending)}）绑定生效。", intent="bind",
                     data={"member_id": pending.id})
    _withdraw(ctx.session, pending)
    log.info("%s denied binding of %s/%s", ctx.member.name, unit_label, name)
    return Reply(text=f"已拒绝{unit_label} {name}的绑定申请。", intent="bind")


def _decide_added_account(ctx: Context, request: Member, name: str, confirm: bool) -> Reply:
    """Confirming moves the requested platform account onto the member (adding, never replacing);
    refusing deletes the request row, so the member's own accounts are never touched either way."""
    session = ctx.session
    unit_label = request.unit.name
    member = repo.member_in_unit(session, request.unit_id, name)
    claimed = {identity.platform: identity.external_id for identity in request.identities}
    session.delete(request)  # and its accounts with it: they are free to move
    session.flush()
    if not confirm:
        log.info("%s denied an added account (%s) for %s/%s", ctx.member.name, claimed, unit_label, name)
        return Reply(text=f"已拒绝{unit_label} {name}的绑定申请，其原有账号不受影响。", intent="bind")
    if member is None or member.status != "active":
        return Reply(text=f"未找到已绑定的成员{unit_label} {name}，该申请已作废。", intent="bind")
    if any(member.account(platform) for platform in claimed):
        return Reply(text=f"{unit_label} {name}已绑定该平台账号，该申请已作废；如需更换账号请联系系统管理员。",
                     intent="bind")
    for platform, account in claimed.items():
        repo.add_account(session, member, platform, account)
    log.info("%s confirmed an added account (%s) for %s/%s", ctx.member.name, claimed, unit_label, name)
    return Reply(text=f"已确认：{unit_label} {name}（{_role_label(member)}）新增账号绑定生效，原有账号继续有效。",
                 intent="bind", data={"member_id": member.id})


def _role_label(member: Member) -> str:
    return "、".join(ROLE_NAMES.get(r, r) for r in sorted(member.role_set, key=ROLES.index)) or "成员"


def _bind_scope(ctx: Context) -> set[int] | None:
    """Units whose newcomers the sender may confirm; None = all (admin)."""
    if ctx.member.has_role("admin"):
        return None
    return set(repo.descendant_ids(ctx.session, ctx.member.unit_id))


def _withdraw(session: Session, member: Member) -> None:
    """Drop a newcomer's refused request: the pending row never acted, so it is deleted.

    A pending row that has acted, or holds a role, can only be one the earlier code switched to pending
    when someone asked to be bound as an existing member; there, every account the member has sent
    messages from is kept (it is theirs) and only the unused, claimed ones are taken off.
    """
    acted = session.scalar(select(func.count(Entry.id)).where(Entry.created_by == member.id)) or session.scalar(
        select(func.count(InboundMessage.id)).where(InboundMessage.sender_id == member.id)
    )
    if not acted and member.roles == "member":
        session.delete(member)
    else:
        used = set(session.execute(
            select(InboundMessage.platform, InboundMessage.sender_external).where(InboundMessage.sender_id == member.id)
        ).tuples())
        for identity in list(member.identities):
            if (identity.platform, identity.external_id) not in used:
                member.identities.remove(identity)
        member.status = "active"
    session.flush()


# --- 绑定 from an unknown account (the intent's unbound handler) ---------------------------------

def request_binding(visitor: Visitor, intent: Intent) -> Reply:
    """“绑定 城关镇 张三” from a sender who is not a member yet.

    A newcomer gets a pending member row; an account asking to be an already bound member gets a
    separate pending request row (see `request_name`), so the member itself is never changed here."""
    session, msg, services, clock = visitor.session, visitor.message, visitor.services, visitor.clock
    args = intent.args
    if (args.get("target") or "member") != "member":
        return Reply(text="请先绑定本人账号：" + BIND_HINT, intent="unbound")
    unit_name = str(args.get("unit") or "").strip()
    name = str(args.get("name") or "").strip()
    if not unit_name or not name or len(name) > 32 or not plain_name(name):
        return Reply(text=BIND_HINT, intent="unbound")
    unit = repo.unit_by_name(session, unit_name)
    if unit is None or not unit.active:
        return Reply(text=f"未找到单位“{unit_name}”，请核对单位全称。", intent="unbound")
    channel = channel_class(msg.platform)
    by_account = channel is not None and not channel.members_by_name  # else: the name is the identity
    if not by_account and msg.sender_id != name:
        return Reply(text=f"{channel.label if channel else '本渠道'}只能以本人姓名绑定。", intent="unbound")
    if by_account:
        holder = repo.member_by_platform_id_any_status(session, msg.platform, msg.sender_id)
        if holder is not None:
            return Reply(text=f"您已提交绑定申请（{holder.unit.name} {requested_name(holder)}），待确认；"
                              "如需更改请联系单位管理员。", intent="unbound")
    existing = repo.member_in_unit(session, unit.id, name)
    if existing is None:
        pending = Member(unit_id=unit.id, name=name, roles="member", status="pending")
    elif (existing.status != "active" or not by_account or existing.account(msg.platform)
          or repo.member_in_unit(session, unit.id, request_name(name)) is not None):
        return Reply(text="无法提交绑定申请，请联系单位管理员。", intent="unbound")
    else:
        pending = Member(unit_id=unit.id, name=request_name(name), roles="member", status="pending")
    if by_account:
        pending.identities.append(MemberIdentity(platform=msg.platform, external_id=msg.sender_id))
    session.add(pending)
    session.flush()
    log.info("binding requested: %s/%s from %s:%s (member already bound: %s)",
             unit.name, name, msg.platform, msg.sender_id, existing is not None)
    _ask_managers(session, pending, unit, services, clock, platform=msg.platform, bound=existing is not None)
    return Reply(text=f"已提交绑定申请：{unit.name} {name}，待本单位管理员确认后即可使用。", intent="bind",
                 data={"member_id": pending.id, "status": "pending"})


def request_name(name: str) -> str:
    """The name of the pending row that asks to add an account to the bound member `name`.

    (unit, name) is unique, so the request cannot share the member's row or name; real names never
    contain brackets (`plain_name`), so the two cannot clash.
    """
    return f"{name}{REQUEST_MARK}"


def requested_name(member: Member) -> str:
    return member.name.removesuffix(REQUEST_MARK)


def plain_name(name: str) -> bool:
    return not any(ch in name for ch in "（）()")


def _ask_managers(session: Session, pending: Member, unit: Unit, services: Services, clock: Clock,
                  platform: str = "", bound: bool = False) -> int:
    """Ask the unit's groups (where its managers, and a bound member themself, are) to confirm."""
    channels = services.channels
    name = requested_name(pending)
    answer = f"本单位管理员请回复“同意绑定 {name}”或“拒绝绑定 {name}”。"
    if bound:
        channel = channel_class(platform)
        account = channel.label if channel is not None else "新"
        text = (f"【绑定申请】有{account}账号申请绑定为{unit.name}已绑定成员{name}。请先与{name}本人核实是否其本人账号；"
                f"{answer}确认后仅新增该账号，原有账号不变。")
    else:
        text = f"【绑定申请】{name}申请绑定{unit.name}。{answer}"
    sent = 0
    for conversation in repo.conversations_of_units(session, [unit.id]):
        row = push_to_conversation(session, conversation, Push(title="绑定申请", text=text),
                                   f"bind:{pending.id}:{conversation.id}:{clock.now().isoformat()}",
                                   now=clock.now(), channels=channels)
        sent += row is not None
    return sent


