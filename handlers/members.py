"""Who is who: admins add units and members, newcomers ask to be bound, managers confirm, groups get a unit.

- “添加成员 城关镇 赵六 管理员” (admin): adds the member, or changes the roles of an existing one.
- “绑定 城关镇 赵六” from an unknown account: a BindRequest row carrying that platform id (no member row
  until confirmed). The account acts only once a manager covering the unit (or an admin) answers
  “同意绑定 赵六”; “拒绝绑定 赵六” refuses it. A unit without a manager has its requests confirmed by the
  system admins: the reply names them and their group is asked.
  If 赵六 is already a bound member (bound on one platform, now asking from another), the request points at 赵六:
  赵六 stays untouched; confirming only adds the new id to 赵六, refusing changes nothing. One open
  request per account and per member name of a unit; no existing id is ever replaced.
- “本群绑定城关镇” (manager of that unit, or admin): the group where it is said now belongs to the unit.
  A name that is not a unit changes nothing; “本群绑定” alone binds only an unbound group (to the
  sender's unit); moving a bound group needs the new unit named.

Members have no audit table of their own; every change is logged with who made it.
"""

from __future__ import annotations

import logging
import re
from typing import Any

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
from bot.usertext import user
from storage import repo
from storage.models import ROLES, UNIT_LEVELS, BindRequest, Conversation, Member, Unit

log = logging.getLogger(__name__)

ROLE_WORDS = {
    "成员": "member", "普通成员": "member", "管理员": "manager", "单位管理员": "manager",
    "审批人": "approver", "审批": "approver", "系统管理员": "admin", "超级管理员": "admin",
} | {role: role for role in ROLES}
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
        log.info("%s set roles of %s/%s to %s", ctx.member.name, unit.name, name, roles)
        return Reply(text=f"已将{unit.name}{name}的角色设为{label}（原为{before or '成员'}）。", intent="admin",
                     data={"member_id": member.id, "roles": roles})
    member = Member(unit_id=unit.id, name=name, roles=",".join(roles), status="active")
    ctx.session.add(member)
    ctx.session.flush()
    log.info("%s added member %s/%s as %s", ctx.member.name, unit.name, name, roles)
    # A newcomer who already asked to be bound under this name: the admin adding them confirms it.
    waiting = [r for r in repo.open_bind_requests_named(ctx.session, name, [unit.id]) if r.member_id is None]
    if len(waiting) == 1 and _grant(ctx, waiting[0], member) is None:
        return Reply(text=f"已添加成员：{unit.name} {name}（{label}），其绑定申请一并确认，即可使用。",
                     intent="admin", data={"member_id": member.id, "roles": roles})
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
    candidates = repo.open_bind_requests_named(ctx.session, name, scope)
    if not candidates:
        return Reply(text=f"未找到待确认的绑定申请“{name}”。", intent="bind")
    if len(candidates) > 1:
        units = "、".join(dict.fromkeys(r.unit.name for r in candidates))
        return Reply(text=f"有多个“{name}”的绑定申请（{units}），请注明单位，如“同意绑定 {candidates[0].unit.name} {name}”。",
                     intent="bind")
    request = candidates[0]
    unit_label = request.unit.name
    if not confirm:
        _close(ctx, request, "denied")
        log.info("%s denied binding of %s/%s (%s:%s)", ctx.member.name, unit_label, name, request.platform,
                 request.external_id)
        kept = "，其原有账号不受影响" if request.member_id is not None else ""
        return Reply(text=f"已拒绝{unit_label} {name}的绑定申请{kept}。", intent="bind")
    member = request.member or repo.member_in_unit(ctx.session, request.unit_id, name)
    joining = member is not None
    if member is None:
        member = Member(unit_id=request.unit_id, name=name, roles="member", status="active")
        ctx.session.add(member)
        ctx.session.flush()
    problem = _grant(ctx, request, member)
    if problem is not None:
        return Reply(text=problem, intent="bind")
    log.info("%s confirmed binding of %s/%s (%s:%s)", ctx.member.name, unit_label, name, request.platform,
             request.external_id)
    if joining and _by_account(request.platform):
        return Reply(text=f"已确认：{unit_label} {name}（{_role_label(member)}）新增账号绑定生效，原有账号继续有效。",
                     intent="bind", data={"member_id": member.id})
    return Reply(text=f"已确认：{unit_label} {name}（{_role_label(member)}）绑定生效。", intent="bind",
                 data={"member_id": member.id})


def _grant(ctx: Context, request: BindRequest, member: Member) -> str | None:
    """Give the member the requested account and close the request; the refusal when it cannot be done
    (an id is added, never replaced, and never taken from another member)."""
    if _by_account(request.platform):
        if member.account(request.platform):
            _close(ctx, request, "denied")
            return (f"{member.unit.name} {member.name}已绑定该平台账号，该申请已作废；"
                    "如需更换账号请联系系统管理员。")
        if repo.member_by_platform_id_any_status(ctx.session, request.platform, request.external_id) is not None:
            _close(ctx, request, "denied")
            return "该账号已绑定其他成员，该申请已作废。"
        repo.add_account(ctx.session, member, request.platform, request.external_id)
    _close(ctx, request, "confirmed")
    ctx.session.flush()
    return None


def _close(ctx: Context, request: BindRequest, status: str) -> None:
    request.status, request.decided_by, request.decided_at = status, ctx.member.id, ctx.now()


def _role_label(member: Member) -> str:
    return "、".join(ROLE_NAMES.get(r, r) for r in sorted(member.role_set, key=ROLES.index)) or "成员"


def _bind_scope(ctx: Context) -> set[int] | None:
    """Units whose newcomers the sender may confirm; None = all (admin)."""
    if ctx.member.has_role("admin"):
        return None
    return set(repo.descendant_ids(ctx.session, ctx.member.unit_id))


# --- 绑定 from an unknown account (the intent's unbound handler) ---------------------------------

def request_binding(visitor: Visitor, intent: Intent) -> Reply:
    """“绑定 城关镇 张三” from a sender who is not a member yet: a BindRequest, and the people who may
    confirm it are asked — the unit's managers, or the system admins when no manager covers the unit.

    A request to be an already bound member points at that member, who is never changed here."""
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
    by_account = _by_account(msg.platform)
    if not by_account and msg.sender_id != name:
        return Reply(text=f"{channel.label if channel else '本渠道'}只能以本人姓名绑定。", intent="unbound")
    platform = msg.platform
    mine = repo.open_bind_request_from(session, platform, msg.sender_id)
    if mine is not None:
        return Reply(text=f"您已提交绑定申请（{mine.unit.name} {mine.name}），待确认；如需更改请联系单位管理员。",
                     intent="unbound")
    existing = repo.member_in_unit(session, unit.id, name)
    if repo.open_bind_requests_named(session, name, [unit.id]) or (existing is not None and (
            existing.status != "active" or not by_account or existing.account(msg.platform))):
        return Reply(text="无法提交绑定申请，请联系单位管理员。", intent="unbound")
    request = BindRequest(unit_id=unit.id, name=name, platform=platform, external_id=msg.sender_id,
                          member_id=existing.id if existing is not None else None, status="pending",
                          created_at=clock.now())
    session.add(request)
    session.flush()
    log.info("binding requested: %s/%s from %s:%s (member already bound: %s)",
             unit.name, name, msg.platform, msg.sender_id, existing is not None)
    managers = permissions.managers_for(session, unit.id)
    admins = [] if managers else permissions.admins(session)
    _ask_confirmers(session, request, unit, managers or admins, services, clock, by_admin=not managers)
    if managers:
        who = "待本单位管理员确认后即可使用。"
    elif admins:
        names = "、".join(f"{a.unit.name}{a.name}" for a in admins)
        who = f"{unit.name}暂无单位管理员，已转系统管理员（{names}）确认，确认后即可使用。"
    else:
        who = f"{unit.name}暂无单位管理员，也未设系统管理员，请联系县委办在组织文件中配置。"
    return Reply(text=f"已提交绑定申请：{unit.name} {name}，{who}", intent="bind",
                 data={"request_id": request.id, "status": "pending",
                       "confirmers": [m.name for m in managers or admins]})


def plain_name(name: str) -> bool:
    return not any(ch in name for ch in "（）()")


def _ask_confirmers(session: Session, request: BindRequest, unit: Unit, confirmers: list[Member],
                    services: Services, clock: Clock, by_admin: bool) -> int:
    """Ask in the unit's groups (where a bound member themself reads) and in the groups of the units of the
    people who may confirm (a manager of the town above, the admins' 县委办)."""
    channels = services.channels
    name = user(request.name)  # typed by whoever asks to bind: words in the push, never markup
    if by_admin:
        answer = (f"{unit.name}暂无单位管理员，请系统管理员回复“同意绑定 {unit.name} {name}”"
                  f"或“拒绝绑定 {unit.name} {name}”。")
    else:
        answer = f"本单位管理员请回复“同意绑定 {name}”或“拒绝绑定 {name}”。"
    if request.member_id is not None:
        channel = channel_class(request.platform)
        account = channel.label if channel is not None else "新"
        text = (f"【绑定申请】有{account}账号申请绑定为{unit.name}已绑定成员{name}。请先与{name}本人核实是否其本人账号；"
                f"{answer}确认后仅新增该账号，原有账号不变。")
    else:
        text = f"【绑定申请】{name}申请绑定{unit.name}。{answer}"
    units = [unit.id, *dict.fromkeys(m.unit_id for m in confirmers)]
    sent = 0
    for conversation in repo.conversations_of_units(session, units):
        row = push_to_conversation(session, conversation, Push(title="绑定申请", text=text),
                                   f"bind:{request.id}:{conversation.id}:{clock.now().isoformat()}",
                                   now=clock.now(), channels=channels)
        sent += row is not None
    return sent


def _by_account(platform: str) -> bool:
    """Whether members of this platform are known by an account id (member_identity), not by name."""
    channel = channel_class(platform)
    return channel is not None and not channel.members_by_name
