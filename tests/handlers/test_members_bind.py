"""Issue 9: members — admins add them in chat, newcomers ask to be bound and a manager confirms,
a manager binds a group to the unit. Unknown WeCom/DingTalk accounts go through the dispatcher's
unbound path (the bind intent's unbound handler, handlers.registry).
"""

from __future__ import annotations

import uuid

from suite import NOW
from filing_support import act, add_people, intent, member_named, pushes
from sqlalchemy import select

from bot.usertext import strip
from bot.messages import IncomingMessage, Reply
from bot.nlu import Lexicon, parse
from storage import repo
from storage.models import BindRequest, Conversation, Entry, Member


def open_request(runtime, name: str) -> BindRequest | None:
    with runtime.db.session() as s:
        found = s.scalar(select(BindRequest).where(BindRequest.name == name, BindRequest.status == "pending"))
        if found is not None:
            s.expunge(found)
        return found


def wecom(runtime, text: str, sender: str, chat: str = "wr-chat-1") -> Reply:
    return runtime.dispatcher.handle(IncomingMessage(
        platform="wecom", message_id=uuid.uuid4().hex, chat_id=chat, sender_id=sender, text=text,
    ))


def confirm(runtime, manager: str, name: str, unit: str | None = None, deny: bool = False) -> Reply:
    args = {"target": "deny" if deny else "confirm", "name": name}
    if unit:
        args["unit"] = unit
    return act(runtime, manager, intent("bind", args=args))


def test_newcomer_binds_and_the_manager_confirms(runtime):
    asked = wecom(runtime, "绑定 城关镇 赵六", sender="zhaoliu")
    assert asked.intent == "bind" and "待本单位管理员确认" in asked.text
    pending = open_request(runtime, "赵六")
    assert (pending.platform, pending.external_id, pending.member_id) == ("wecom", "zhaoliu", None)
    assert member_named(runtime, "赵六") is None  # no member row until confirmed (issue 15)
    # the unit's group is asked to confirm
    asks = pushes(runtime, f"bind:{pending.id}:")
    assert [p.target for p in asks] == ["城关镇"] and "同意绑定 赵六" in strip(asks[0].payload["text"])

    # until confirmed, the account records nothing
    assert wecom(runtime, "明天开会", sender="zhaoliu").intent == "unbound"
    again = wecom(runtime, "绑定 城关镇 赵六", sender="zhaoliu")
    assert "已提交绑定申请" in again.text

    # a manager of another unit does not see the request; a plain member may not confirm
    add_people(runtime)
    assert "未找到待确认" in confirm(runtime, "吴九", "赵六").text
    assert confirm(runtime, "张三", "赵六").intent == "refused"
    assert member_named(runtime, "赵六") is None and open_request(runtime, "赵六") is not None

    done = confirm(runtime, "李四", "赵六")
    assert done.intent == "bind" and "绑定生效" in done.text
    assert member_named(runtime, "赵六").status == "active"
    recorded = wecom(runtime, "明天开会", sender="zhaoliu")
    assert recorded.intent == "record" and "城关镇" in recorded.text


def test_confirmation_in_chat(runtime, say):
    lexicon = Lexicon.from_units([("城关镇", [])])
    got = parse("同意绑定 赵六", NOW, lexicon)
    assert (got.intent, got.args.get("target"), got.args.get("name")) == ("bind", "confirm", "赵六")
    wecom(runtime, "绑定 城关镇 赵六", sender="zhaoliu")
    assert "绑定生效" in say("同意绑定 赵六", user="李四").text
    assert member_named(runtime, "赵六").status == "active"


def test_denied_request_is_withdrawn_and_may_be_made_again(runtime):
    wecom(runtime, "绑定 城关镇 钱二", sender="qianer")
    denied = confirm(runtime, "李四", "钱二", deny=True)
    assert "已拒绝" in denied.text and member_named(runtime, "钱二") is None and open_request(runtime, "钱二") is None
    assert "已提交绑定申请" in wecom(runtime, "绑定 城关镇 钱二", sender="qianer").text


def test_someone_else_cannot_take_over_a_pending_or_bound_name(runtime):
    wecom(runtime, "绑定 城关镇 赵六", sender="zhaoliu")
    assert "无法提交" in wecom(runtime, "绑定 城关镇 赵六", sender="impostor").text
    assert "无法提交" in wecom(runtime, "绑定 城关镇 张三", sender="impostor").text  # 张三 is bound to zhangsan
    assert open_request(runtime, "赵六").external_id == "zhaoliu"
    assert "未找到单位" in wecom(runtime, "绑定 不存在镇 孙二", sender="someone").text


def test_member_added_by_admin_binds_with_its_role(runtime, say):
    added = say("添加成员 城关镇 赵六 管理员", user="王五")
    assert added.intent == "admin" and "已添加成员" in added.text
    member = member_named(runtime, "赵六")
    assert (member.status, member.roles, member.account("wecom")) == ("active", "manager", None)
    wecom(runtime, "绑定 城关镇 赵六", sender="zhaoliu")
    # the member row is not changed by a request: it waits in its own pending row until confirmed
    member = member_named(runtime, "赵六")
    assert (member.status, member.roles, member.account("wecom")) == ("active", "manager", None)
    assert wecom(runtime, "明天开会", sender="zhaoliu").intent == "unbound"
    assert "绑定生效" in confirm(runtime, "李四", "赵六").text
    member = member_named(runtime, "赵六")
    assert (member.status, member.roles, member.account("wecom")) == ("active", "manager", "zhaoliu")
    with runtime.db.session() as s:
        assert s.scalars(select(Member.name).where(Member.name.startswith("赵六"))).all() == ["赵六"]
    assert wecom(runtime, "明天开会", sender="zhaoliu").intent == "record"


def test_only_admins_add_members_and_roles_can_be_changed(runtime, say):
    refused = say("添加成员 城关镇 赵六 管理员", user="李四")
    assert refused.intent == "refused" and "系统管理员" in refused.text
    assert member_named(runtime, "赵六") is None
    changed = act(runtime, "王五", intent("admin", args={"action": "add_member", "unit": "城关镇",
                                                        "name": "张三", "role": "成员、审批人"}))
    assert "原为成员" in changed.text and member_named(runtime, "张三").roles == "member,approver"
    bad = act(runtime, "王五", intent("admin", args={"action": "add_member", "unit": "城关镇",
                                                    "name": "赵六", "role": "局长"}))
    assert "无法识别" in bad.text and member_named(runtime, "赵六") is None


def test_admin_adds_a_unit_under_a_parent(runtime):
    added = act(runtime, "王五", intent("admin", args={"action": "add_unit", "name": "东关村", "parent": "城关镇"}))
    assert "已添加单位" in added.text
    with runtime.db.session() as s:
        unit = repo.unit_by_name(s, "东关村")
        assert (unit.level, unit.parent.name) == ("village", "城关镇")
        assert repo.conversation(s, "console", "东关村").unit_id == unit.id
    # the town's manager now covers it
    assert act(runtime, "李四", intent("record", kind="meeting", direction="outgoing", date=NOW.date(),
                                       unit="东关村", quantity=1)).intent == "record"
    assert act(runtime, "李四", intent("admin", args={"action": "add_unit", "name": "西关村"})).intent == "refused"


def test_manager_binds_a_group_to_the_unit(runtime):
    bound = wecom(runtime, "本群绑定城关镇", sender="lisi", chat="wr-group-9")
    assert bound.intent == "bind" and "本群已绑定城关镇" in bound.text
    with runtime.db.session() as s:
        assert repo.conversation(s, "wecom", "wr-group-9").unit.name == "城关镇"
    # members record in the newly bound group as before
    assert "城关镇" in wecom(runtime, "明天开会", sender="zhangsan", chat="wr-group-9").text

    member = wecom(runtime, "本群绑定城关镇", sender="zhangsan", chat="wr-group-10")
    assert member.intent == "refused" and "管理员" in member.text
    other = wecom(runtime, "本群绑定青山镇", sender="lisi", chat="wr-group-11")
    assert other.intent == "refused" and "青山镇" not in other.text
    # a group bound to a unit the sender does not cover cannot be taken over
    add_people(runtime)
    assert wecom(runtime, "本群绑定青山镇", sender="wujiu", chat="wr-group-9").intent == "refused"
    with runtime.db.session() as s:
        assert repo.conversation(s, "wecom", "wr-group-9").unit.name == "城关镇"
    unbound = wecom(runtime, "本群绑定城关镇", sender="stranger", chat="wr-group-12")
    assert "请先绑定本人" in unbound.text


def test_bound_member_asking_to_bind_again_is_told_so(runtime, say):
    assert "无需重复绑定" in say("绑定 城关镇 张三").text


def test_console_binding_uses_the_name(runtime):
    reply = runtime.dispatcher.handle(IncomingMessage(platform="console", message_id=uuid.uuid4().hex,
                                                      chat_id="城关镇", sender_id="赵六", text="绑定 城关镇 赵六"))
    assert reply.intent == "bind" and member_named(runtime, "赵六") is None
    assert (open_request(runtime, "赵六").platform, open_request(runtime, "赵六").external_id) == ("console", "赵六")
    with runtime.db.session() as s:
        assert not s.scalars(select(Entry)).all()
        assert s.scalars(select(Conversation).where(Conversation.platform == "console")).all()
    assert "绑定生效" in confirm(runtime, "李四", "赵六").text
    assert member_named(runtime, "赵六").account("wecom") is None and member_named(runtime, "赵六").status == "active"
