"""Who is who: admins add units and members, newcomers ask to be bound, managers confirm, groups get a unit.

- “添加成员 城关镇 赵六 管理员” (admin): adds the member, or changes the roles of an existing one.
- “绑定 城关镇 赵六” from an unknown account: a pending member carrying that platform id; the unit's
  groups are asked to confirm. The account acts only once a manager of the unit (or an admin) answers
  “同意绑定 赵六”; “拒绝绑定 赵六” withdraws the request.
- “本群绑定城关镇” (manager of that unit, or admin): the group where it is said now belongs to the unit.

Members have no audit table of their own; every change is logged with who made it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.clock import Clock, SystemClock
from bot.labels import ROLE_NAMES
from bot.messages import IncomingMessage, Reply
from bot.nlu import Intent
from bot.push import Push, push_to_conversation
from handlers import permissions
from handlers.context import Context
from storage import repo
from storage.models import ROLES, UNIT_LEVELS, Conversation, Entry, InboundMessage, Member, Unit

log = logging.getLogger(__name__)

ROLE_WORDS = {
    "成员": "member", "普通成员": "member", "管理员": "manager", "单位管理员": "manager",
    "审批人": "approver", "审批": "approver", "系统管理员": "admin", "超级管理员": "admin",
} | {role: role for role in ROLES}
LEVEL_WORDS = (("街道", "town"), ("镇", "town"), ("乡", "town"), ("社区", "village"), ("村", "village"))
PLATFORM_COLUMNS = {"wecom": "wecom_userid", "dingtalk": "dingtalk_staff_id"}
BIND_HINT = "请发送“绑定 单位 姓名”，如：绑定 城关镇 张三。"


# --- 添加成员 / 添加单位 (admin) ------------------------------------------------------------------

def handle_admin(ctx: Context, intent: Intent) -> Reply:
    action = str(intent.args.get("action") or "")
    if action == "add_member":
        return _add_member(ctx, intent.args)
    if action == "add_unit":
        return _add_unit(ctx, intent.args)
    refusal = permissions.decide(ctx, "admin", ctx.unit.id)
    if refusal:
        return permissions.refused(refusal)
    return Reply(text="可用的管理命令：添加成员 城关镇 赵六 管理员；添加单位 城关镇 东关村（村）。", intent="admin")


def _add_member(ctx: Context, args: dict[str, Any]) -> Reply:
    unit = permissions.unit_for(ctx, "admin", str(args.get("unit") or "") or None)
    if isinstance(unit, Reply):
        return unit
    name = str(args.get("name") or "").strip()
    if not name or len(name) > 32:
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
    refusal = permissions.decide(ctx, "admin", ctx.unit.id)
    if refusal:
        return permissions.refused(refusal)
    name = str(args.get("name") or args.get("unit") or "").strip()
    if not name or len(name) > 64:
        return Reply(text="请写明单位名称，如“添加单位 东关村 上级 城关镇”。", intent="admin")
    if repo.unit_by_name(ctx.session, name) is not None:
        return Reply(text=f"单位“{name}”已存在。", intent="admin")
    parent_name = str(args.get("parent") or "").strip()
    parent = repo.unit_by_name(ctx.session, parent_name) if parent_name else _root(ctx.session)
    if parent is None:
        return Reply(text=f"未找到上级单位“{parent_name}”。", intent="admin")
    level = args.get("level") or guess_level(name)
    if level not in UNIT_LEVELS:
        return Reply(text="请注明单位级别：乡镇、部门或村（社区）。", intent="admin")
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


def guess_level(name: str) -> str | None:
    if name.endswith(("局", "办", "委", "部", "院", "会", "中心", "所", "站")):
        return "department"
    for suffix, level in LEVEL_WORDS:
        if name.endswith(suffix):
            return level
    return None


# --- 绑定 (bound senders: confirm, deny, group) -------------------------------------------------

def handle_bind(ctx: Context, intent: Intent) -> Reply:
    target = intent.args.get("target") or "member"
    if target == "group":
        return _bind_group(ctx, intent.args)
    if target in ("confirm", "deny"):
        return _decide_member(ctx, intent.args, confirm=target == "confirm")
    name = str(intent.args.get("name") or "")
    unit = str(intent.args.get("unit") or "")
    if name in ("", ctx.member.name) and unit in ("", ctx.unit.name):
        return Reply(text=f"您已绑定{ctx.unit.name}，无需重复绑定。", intent="bind")
    return Reply(text=f"绑定须由本人发送“绑定 单位 姓名”，再由单位管理员回复“同意绑定 {name or '姓名'}”。",
                 intent="bind")


def _bind_group(ctx: Context, args: dict[str, Any]) -> Reply:
    unit = permissions.unit_for(ctx, "bind_group", str(args.get("unit") or "") or None)
    if isinstance(unit, Reply):
        return unit
    conversation = ctx.conversation
    if conversation is None:
        return Reply(text="请在要绑定的工作群中发送“本群绑定单位名”。", intent="bind")
    if conversation.unit_id == unit.id:
        return Reply(text=f"本群已绑定{unit.name}。", intent="bind")
    if conversation.unit_id is not None and not permissions.allowed(ctx, "bind_group", conversation.unit_id):
        return permissions.refused("本群已绑定其他单位，须由原单位管理员或系统管理员变更。")
    conversation.unit_id = unit.id
    log.info("%s bound conversation %s to %s", ctx.member.name, conversation.id, unit.name)
    return Reply(text=f"本群已绑定{unit.name}：本群的登记、推送和审批通知均按{unit.name}办理。", intent="bind",
                 data={"conversation_id": conversation.id, "unit": unit.name})


def _decide_member(ctx: Context, args: dict[str, Any], confirm: bool) -> Reply:
    name = str(args.get("name") or "").strip()
    refusal = permissions.decide(ctx, "bind_member", ctx.unit.id)  # own unit: only the role is in question
    if refusal:
        return permissions.refused(refusal)
    if not name:
        return Reply(text="请写明姓名，如“同意绑定 赵六”。", intent="bind")
    unit_name = str(args.get("unit") or "").strip()
    scope = _bind_scope(ctx)
    if unit_name:
        unit = permissions.unit_for(ctx, "bind_member", unit_name)
        if isinstance(unit, Reply):
            return unit
        scope = {unit.id}
    candidates = repo.pending_members_named(ctx.session, name, scope)
    if not candidates:
        return Reply(text=f"未找到待确认的绑定申请“{name}”。", intent="bind")
    if len(candidates) > 1:
        units = "、".join(m.unit.name for m in candidates)
        return Reply(text=f"有多个“{name}”的绑定申请（{units}），请注明单位，如“同意绑定 {candidates[0].unit.name} {name}”。",
                     intent="bind")
    member = candidates[0]
    unit_label = member.unit.name
    if confirm:
        member.status = "active"
        log.info("%s confirmed binding of %s/%s", ctx.member.name, unit_label, name)
        roles = "、".join(ROLE_NAMES.get(r, r) for r in sorted(member.role_set, key=ROLES.index))
        return Reply(text=f"已确认：{unit_label} {name}（{roles}）绑定生效。", intent="bind",
                     data={"member_id": member.id})
    _withdraw(ctx.session, member)
    log.info("%s denied binding of %s/%s", ctx.member.name, unit_label, name)
    return Reply(text=f"已拒绝{unit_label} {name}的绑定申请。", intent="bind")


def _bind_scope(ctx: Context) -> set[int] | None:
    """Units whose newcomers the sender may confirm; None = all (admin)."""
    if ctx.member.has_role("admin"):
        return None
    return set(repo.descendant_ids(ctx.session, ctx.member.unit_id))


def _withdraw(session: Session, member: Member) -> None:
    """Drop a refused request: delete a row that never acted, else just take the claimed ids off it."""
    acted = session.scalar(select(func.count(Entry.id)).where(Entry.created_by == member.id)) or session.scalar(
        select(func.count(InboundMessage.id)).where(InboundMessage.sender_id == member.id)
    )
    if not acted and member.roles == "member":
        session.delete(member)
    else:
        member.wecom_userid = None
        member.dingtalk_staff_id = None
        member.status = "active"
    session.flush()


# --- 绑定 from an unknown account (the dispatcher's unbound path) --------------------------------

UnboundHandler = Callable[[Session, IncomingMessage, Intent], Reply]


def unbound_bind(services: dict[str, Any], clock: Clock | None = None) -> UnboundHandler:
    """The handler the dispatcher calls for “绑定 …” from a sender who is not a member yet."""
    clock = clock or SystemClock()

    def handle(session: Session, msg: IncomingMessage, intent: Intent) -> Reply:
        return request_binding(session, msg, intent, services, clock)

    return handle


def request_binding(
    session: Session, msg: IncomingMessage, intent: Intent, services: dict[str, Any], clock: Clock
) -> Reply:
    args = intent.args
    if (args.get("target") or "member") != "member":
        return Reply(text="请先绑定本人账号：" + BIND_HINT, intent="unbound")
    unit_name = str(args.get("unit") or "").strip()
    name = str(args.get("name") or "").strip()
    if not unit_name or not name or len(name) > 32:
        return Reply(text=BIND_HINT, intent="unbound")
    unit = repo.unit_by_name(session, unit_name)
    if unit is None or not unit.active:
        return Reply(text=f"未找到单位“{unit_name}”，请核对单位全称。", intent="unbound")
    column = PLATFORM_COLUMNS.get(msg.platform)
    if column is None and msg.sender_id != name:
        return Reply(text="控制台只能以本人姓名绑定。", intent="unbound")
    if column is not None:
        holder = repo.member_by_platform_id_any_status(session, msg.platform, msg.sender_id)
        if holder is not None:
            return Reply(text=f"您已提交绑定申请（{holder.unit.name} {holder.name}），待确认；如需更改请联系单位管理员。",
                         intent="unbound")
    member = repo.member_in_unit(session, unit.id, name)
    if member is not None:
        claimed = getattr(member, column) if column else None
        if member.status == "pending" or claimed:
            return Reply(text="无法提交绑定申请，请联系单位管理员。", intent="unbound")
    else:
        member = Member(unit_id=unit.id, name=name, roles="member")
        session.add(member)
    member.status = "pending"
    if column:
        setattr(member, column, msg.sender_id)
    session.flush()
    log.info("binding requested: %s/%s from %s:%s", unit.name, name, msg.platform, msg.sender_id)
    _ask_managers(session, member, unit, services, clock)
    return Reply(text=f"已提交绑定申请：{unit.name} {name}，待本单位管理员确认后即可使用。", intent="bind",
                 data={"member_id": member.id, "status": "pending"})


def _ask_managers(session: Session, member: Member, unit: Unit, services: dict[str, Any], clock: Clock) -> int:
    """Ask the unit's groups (where its managers are) to confirm the newcomer."""
    settings = services.get("settings")
    robot_code = getattr(getattr(settings, "dingtalk", None), "robot_code", "") or ""
    text = f"【绑定申请】{member.name}申请绑定{unit.name}。本单位管理员请回复“同意绑定 {member.name}”或“拒绝绑定 {member.name}”。"
    sent = 0
    for conversation in repo.conversations_of_units(session, [unit.id]):
        row = push_to_conversation(session, conversation, Push(title="绑定申请", text=text),
                                   f"bind:{member.id}:{conversation.id}:{clock.now().isoformat()}",
                                   now=clock.now(), dingtalk_robot_code=robot_code)
        sent += row is not None
    return sent


def _root(session: Session) -> Unit | None:
    return session.scalar(select(Unit).where(Unit.parent_id.is_(None)).order_by(Unit.id).limit(1))
