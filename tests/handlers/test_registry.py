"""Issue 12 item 3: each intent is declared once (handlers.registry) and the dispatcher applies its
permission before the handler runs — with the same one-line Chinese refusals as before."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from filing_support import act, add_people, intent, record_intent
from sqlalchemy import func, select

import handlers
from bot import permissions
from bot.messages import IncomingMessage, Reply
from bot.nlu import INTENTS as PARSER_INTENTS
from bot.permissions import ACTIONS, ALL, Rule
from handlers import registry
from storage.models import Entry, Member

OLD_HELP = (
    "减负助手可以这样用（一句话即可）：\n"
    "记录：明天开会，3个乡镇参加 / 下周三县委办发文2件 / 昨天接受县纪委督查\n"
    "查询：本月开了几次会 / 今年1-11月收上级来文多少件，同比 / 各乡镇本月发文排名\n"
    "对照：周四可以开表彰会吗 / 可以发个转发上级文件的通知吗\n"
    "报备：报备：下周二召开全县安全生产工作会议，80人，2小时；审批：同意 #12 / 不同意 #12 理由：……\n"
    "备案：备案 #12 纪要已归档；更正：#12 日期改为后天；撤销：撤销 / 撤销 #12；记录：#12 记录\n"
    "汇总：生成汇报 今年1-11月 / 双台账比对 本月 / 导出本月台账；看板：打开看板 / 看板 城关镇\n"
    "设置：绑定 城关镇 张三 / 本群绑定城关镇 / 订阅周报"
)
OWN_UNIT_ONLY = "您只能办理本单位（城关镇）的事项。"


def _entries(runtime) -> int:
    with runtime.db.session() as s:
        return s.scalar(select(func.count(Entry.id))) or 0


# --- the one declaration and what is derived from it --------------------------------------------

def test_every_parser_intent_is_declared_once():
    names = [spec.name for spec in registry.INTENT_SPECS]
    assert len(names) == len(set(names))
    assert set(names) == set(PARSER_INTENTS)


def test_the_tables_are_derived_from_the_declarations():
    assert {spec.name: spec.handler for spec in registry.INTENT_SPECS} == handlers.HANDLERS
    assert {"query", "report", "compare", "export"} == handlers.PERIOD_INTENTS
    assert {"bind"} == registry.OPEN_INTENTS


def test_every_declared_action_is_a_permission_action():
    samples = [
        intent("query"), intent("query", group_by="unit"), intent("query", args={"scope_level": "乡镇"}),
        intent("file"), intent("file", entry_id=3), intent("bind"), intent("bind", args={"target": "group"}),
        intent("bind", args={"target": "confirm"}), intent("bind", args={"target": "deny"}),
        intent("quota", args={"action": "show"}), intent("quota", args={"action": "set"}),
        intent("subscribe", args={"action": "status"}), intent("subscribe", args={"action": "subscribe"}),
    ]
    for spec in registry.INTENT_SPECS:
        for sample in [intent(spec.name), *[s for s in samples if s.intent == spec.name]]:
            action = spec.action_for(sample)
            assert action is None or action in ACTIONS, (spec.name, action)
    assert registry.SPECS["record"].action == "record"
    assert registry.SPECS["check"].action == "check"
    assert registry.SPECS["compare"].action == "compare"
    assert registry.SPECS["query"].action_for(intent("query", group_by="unit")) == "rank"
    assert registry.SPECS["file"].action_for(intent("file", entry_id=3)) == "refile"
    assert registry.SPECS["bind"].action_for(intent("bind", args={"target": "group"})) == "bind_group"
    assert registry.SPECS["bind"].action_for(intent("bind")) is None
    assert registry.SPECS["quota"].action_for(intent("quota", args={"action": "show"})) == "query"
    assert registry.SPECS["quota"].action_for(intent("quota", args={"action": "set"})) == "quota"
    assert registry.SPECS["subscribe"].action_for(intent("subscribe", args={"action": "status"})) is None
    assert registry.SPECS["subscribe"].action_for(intent("subscribe", args={"action": "subscribe"})) == "subscribe"


def test_help_is_built_from_the_declared_examples_and_reads_as_before(say):
    assert say("帮助").text == OLD_HELP


# --- the dispatcher checks the declared action before the handler --------------------------------

@pytest.mark.parametrize("name, action, text", [
    ("record", "record", "明天开会，3个乡镇参加"),
    ("check", "check", "周四可以开表彰会吗"),
    ("compare", "compare", "双台账比对 本月"),
])
def test_the_declared_action_is_what_is_checked(runtime, say, monkeypatch, name, action, text):
    """record, check and compare used to ask for "query": their own actions were never consulted."""
    monkeypatch.setitem(ACTIONS, action, Rule("试行", {"admin": ALL}))
    ran: list[str] = []
    monkeypatch.setitem(handlers.HANDLERS, name, lambda ctx, i: ran.append(name) or Reply(text="ran", intent=name))
    refused = say(text)
    assert refused.intent == "refused" and refused.text == "试行须由系统管理员办理，您没有该权限。"
    assert not ran
    assert say(text, user="王五").text == "ran"  # an admin holds the role


def test_the_handler_runs_under_the_declared_action(runtime, say, monkeypatch):
    seen: list[str | None] = []

    def spy(ctx, i):
        seen.append(ctx.action)
        return Reply(text="ok", intent=i.intent)

    monkeypatch.setitem(handlers.HANDLERS, "query", spy)
    say("本月开了几次会", user="李四")
    say("各乡镇本月发文排名", user="李四")
    assert seen == ["query", "rank"]


@pytest.mark.parametrize("text", ["青山镇明天开会", "青山镇双台账比对 本月",
                                  "青山镇本月发文数", "生成汇报 青山镇", "导出青山镇本月台账"])
def test_a_member_outside_the_unit_is_refused_as_before(runtime, say, text):
    before = _entries(runtime)
    reply = say(text)
    assert (reply.intent, reply.text) == ("refused", OWN_UNIT_ONLY)
    assert _entries(runtime) == before


def test_a_question_naming_another_unit_is_answered_for_the_senders_own(runtime, say):
    """Asking changes nothing; the unit may be a partner or the approver (跟卫健局联合开, 县委办批了),
    so the check is answered, for the sender's unit and saying so, instead of refused."""
    before = _entries(runtime)
    reply = say("青山镇周四可以开表彰会吗")
    assert reply.intent == "check" and reply.data["verdict"] == "discouraged"
    assert "已按本单位（城关镇）对照" in reply.text
    assert _entries(runtime) == before


@pytest.mark.parametrize("user, text, refusal", [
    ("张三", "同意 #1", "审批须由审批人办理，您没有该权限。"),
    ("李四", "不同意 #1 理由：规模过大", "审批须由审批人办理，您没有该权限。"),
    ("张三", "各乡镇本月发文排名", "排名须由管理员或系统管理员办理，您没有该权限。"),
    ("张三", "订阅周报", "订阅推送须由管理员或系统管理员办理，您没有该权限。"),
    ("张三", "本群绑定青山镇", "绑定工作群须由管理员或系统管理员办理，您没有该权限。"),
    ("张三", "本群绑定不存在镇", "绑定工作群须由管理员或系统管理员办理，您没有该权限。"),
    ("张三", "同意绑定 赵六", "确认成员绑定须由管理员或系统管理员办理，您没有该权限。"),
    ("张三", "添加成员 城关镇 赵六 管理员", "单位与成员管理须由系统管理员办理，您没有该权限。"),
    ("李四", "添加单位 东关村 上级 城关镇", "单位与成员管理须由系统管理员办理，您没有该权限。"),
    ("张三", "城关镇本年度发文额度设为40件", "调整额度须由系统管理员办理，您没有该权限。"),
    ("李四", "城关镇本年度发文额度增加5件，理由：承办全省现场会", "调整额度须由系统管理员办理，您没有该权限。"),
])
def test_a_missing_role_is_refused_before_the_handler_with_the_same_words(runtime, say, monkeypatch, user, text,
                                                                            refusal):
    ran: list[str] = []
    for name in handlers.HANDLERS:
        if name not in ("help", "unknown"):
            original = handlers.HANDLERS[name]
            monkeypatch.setitem(handlers.HANDLERS, name,
                                lambda ctx, i, original=original: ran.append(i.intent) or original(ctx, i))
    reply = say(text, user=user)
    assert (reply.intent, reply.text) == ("refused", refusal)
    assert not ran, "the handler must not run for a sender without the role"


def test_anyone_may_ask_for_the_subscription_status_and_bind_themselves(say):
    assert say("订阅").intent == "subscribe"
    assert say("绑定 城关镇 张三").text == "您已绑定城关镇，无需重复绑定。"


def test_in_an_unbound_group_a_missing_role_is_said_first(runtime):
    """The one order change: the role is checked before the handler, so a 成员 asking to subscribe in
    a group no unit owns yet hears that subscribing is a manager's, not that the group is unbound."""
    def send(user: str, text: str) -> Reply:
        return runtime.dispatcher.handle(IncomingMessage(platform="wecom", message_id=uuid.uuid4().hex,
                                                         chat_id="wr-new", sender_id=user, text=text))

    reply = send("zhangsan", "订阅周报")
    assert reply.intent == "refused" and reply.text.startswith("订阅推送须由管理员或系统管理员办理，您没有该权限。")
    assert send("lisi", "订阅周报").text.startswith("本群尚未绑定单位，无法设置推送。")


def test_a_handler_run_outside_the_dispatcher_has_no_permission(runtime):
    add_people(runtime)
    with pytest.raises(RuntimeError):
        from bot.context import Context

        with runtime.db.session() as s:
            member = s.scalar(select(Member).where(Member.name == "张三"))
            ctx = Context(session=s, clock=runtime.clock, member=member, unit=member.unit, conversation=None,
                          message=None, services=runtime.services)  # type: ignore[arg-type]
            permissions.unit_for(ctx, None)


def test_the_period_is_asked_for_before_the_role(say):
    reply = say("各乡镇今年1-13月发文排名")
    assert reply.data == {"missing": ["period"]} and reply.text == registry.ASK_PERIOD


# --- unbound senders go through the same table -----------------------------------------------------

def test_an_unbound_bind_goes_through_the_declared_unbound_handler(runtime, monkeypatch):
    def send(text: str, sender: str) -> Reply:
        return runtime.dispatcher.handle(IncomingMessage(platform="wecom", message_id=uuid.uuid4().hex,
                                                         chat_id="wr-x", sender_id=sender, text=text))

    asked = send("绑定 城关镇 陌生人", "stranger")
    assert asked.intent == "bind" and asked.text == "已提交绑定申请：城关镇 陌生人，待本单位管理员确认后即可使用。"
    seen: list[str] = []
    spec = registry.SPECS["bind"]
    monkeypatch.setitem(registry.SPECS, "bind", registry.IntentSpec(
        "bind", spec.handler, spec.action, unbound=lambda v, i: seen.append(v.message.sender_id) or Reply(text="t")))
    assert send("绑定 城关镇 另一人", "other").text == "t" and seen == ["other"]
    # Intents not declared open answer with how to bind, and run nothing.
    assert send("帮助", "other").intent == "unbound"
    assert send("明天开会", "other").intent == "unbound"


def test_a_record_through_the_table_still_records(runtime):
    add_people(runtime)
    today = runtime.clock.now().date()
    reply = act(runtime, "张三", record_intent(today + dt.timedelta(days=3), title="测试"))
    assert reply.intent == "record" and reply.entry_ids
