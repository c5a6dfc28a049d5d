"""Review 1: a bind request must never take over or lock out an active member, and “本群绑定” must never
move a group to a unit nobody named.

李四 (城关镇 manager) is made a DingTalk-only member (0202) here; a WeCom account asking to be 李四 is
either 李四's own second account or an impostor, and only a manager's confirmation tells them apart.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select, update

from bot.usertext import strip
from bot.messages import IncomingMessage, Reply
from filing_support import pushes
from storage import repo
from storage.models import BindRequest, Entry, Member, MemberIdentity


def send(runtime, platform: str, sender: str, text: str, chat: str = "grp-1") -> Reply:
    return runtime.dispatcher.handle(IncomingMessage(
        platform=platform, message_id=uuid.uuid4().hex, chat_id=chat, sender_id=sender, text=text,
    ))


def console(runtime, user: str, text: str, chat: str) -> Reply:
    """A console message from `user` in the console group `chat` (not necessarily the user's own unit)."""
    return runtime.dispatcher.handle(IncomingMessage(
        platform="console", message_id=uuid.uuid4().hex, chat_id=chat, sender_id=user, text=text,
    ))


def set_account(session, name: str, platform: str, account: str | None) -> None:
    """Give the member this account on the platform (None: none), in place of the one it had."""
    member = session.scalar(select(Member).where(Member.name == name))
    for identity in [i for i in member.identities if i.platform == platform]:
        member.identities.remove(identity)
    session.flush()
    if account:
        member.identities.append(MemberIdentity(platform=platform, external_id=account))
    session.flush()


def dingtalk_only_lisi(runtime) -> None:
    with runtime.db.session() as s:
        set_account(s, "李四", "wecom", None)
        s.execute(update(Member).where(Member.name == "李四").values(status="active"))


def lisi(runtime) -> tuple[str, str | None, str | None, str]:
    with runtime.db.session() as s:
        member = s.scalar(select(Member).where(Member.name == "李四"))
        return member.status, member.account("wecom"), member.account("dingtalk"), member.roles


def chengguan_rows(runtime) -> list[str]:
    with runtime.db.session() as s:
        unit = repo.unit_by_name(s, "城关镇")
        return sorted(s.scalars(select(Member.name).where(Member.unit_id == unit.id)))


def group_unit(runtime, platform: str, chat: str) -> str | None:
    with runtime.db.session() as s:
        conversation = repo.conversation(s, platform, chat)
        return conversation.unit.name if conversation and conversation.unit else None


# --- bug 1: a bind request for an active member ---------------------------------------------------

def test_a_request_for_an_active_member_neither_locks_them_out_nor_lets_the_caller_act(runtime):
    dingtalk_only_lisi(runtime)
    rows_before = chengguan_rows(runtime)
    asked = send(runtime, "wecom", "evil_user", "绑定 城关镇 李四")
    assert asked.intent == "bind" and "待本单位管理员确认" in asked.text
    assert lisi(runtime) == ("active", None, "0202", "manager")
    # 李四 keeps working on DingTalk; the caller still cannot act as anyone
    assert send(runtime, "dingtalk", "0202", "本月开了几个会").intent != "unbound"
    assert send(runtime, "wecom", "evil_user", "明天开会").intent == "unbound"
    # the unit's group is asked, and told this name is already a bound member
    asks = [p for p in pushes(runtime, "bind:") if p.target == "城关镇"]
    assert asks and "已绑定" in asks[-1].payload["text"] and "同意绑定 李四" in strip(asks[-1].payload["text"])
    # asking again from the same account says so; no second request appears, and no member row at all
    assert "已提交绑定申请（城关镇 李四）" in send(runtime, "wecom", "evil_user", "绑定 城关镇 李四").text
    assert chengguan_rows(runtime) == rows_before
    with runtime.db.session() as s:
        assert s.scalars(select(BindRequest.external_id).where(BindRequest.status == "pending")).all() == ["evil_user"]


def test_refusing_the_request_keeps_every_id_the_member_had(runtime, say):
    dingtalk_only_lisi(runtime)
    rows_before = chengguan_rows(runtime)
    send(runtime, "wecom", "evil_user", "绑定 城关镇 李四")
    refused = say("拒绝绑定 城关镇 李四", user="王五")
    assert "已拒绝" in refused.text
    assert lisi(runtime) == ("active", None, "0202", "manager")
    assert chengguan_rows(runtime) == rows_before
    assert send(runtime, "dingtalk", "0202", "本月开了几个会").intent != "unbound"
    assert send(runtime, "wecom", "evil_user", "明天开会").intent == "unbound"


def test_a_confirmed_request_only_adds_the_second_platform_account(runtime, say):
    dingtalk_only_lisi(runtime)
    rows_before = chengguan_rows(runtime)
    send(runtime, "wecom", "lisi_wx", "绑定 城关镇 李四")
    done = say("同意绑定 城关镇 李四", user="王五")
    assert done.intent == "bind" and "绑定生效" in done.text
    assert lisi(runtime) == ("active", "lisi_wx", "0202", "manager")
    assert chengguan_rows(runtime) == rows_before
    # both accounts now act as the one member
    on_wecom = send(runtime, "wecom", "lisi_wx", "明天开会")
    assert on_wecom.intent == "record"
    assert send(runtime, "dingtalk", "0202", "本月开了几个会").intent != "unbound"
    with runtime.db.session() as s:
        entry = s.get(Entry, on_wecom.entry_ids[0])
        assert s.get(Member, entry.created_by).name == "李四"


def test_only_one_request_per_member_is_open_at_a_time(runtime, say):
    dingtalk_only_lisi(runtime)
    send(runtime, "wecom", "lisi_wx", "绑定 城关镇 李四")
    second = send(runtime, "wecom", "other_user", "绑定 城关镇 李四")
    assert second.intent == "unbound" and "无法提交" in second.text
    say("同意绑定 城关镇 李四", user="王五")
    assert lisi(runtime)[1] == "lisi_wx"
    # 李四 now has a WeCom account: a further WeCom request is refused outright
    assert "无法提交" in send(runtime, "wecom", "other_user", "绑定 城关镇 李四").text
    assert send(runtime, "wecom", "other_user", "明天开会").intent == "unbound"


# --- bug 2: “本群绑定” never guesses a unit ---------------------------------------------------------

def test_an_unknown_unit_name_changes_nothing(runtime):
    reply = console(runtime, "王五", "本群绑定不存在单位", chat="城关镇")
    assert "未找到单位“不存在”" in reply.text and "县委办" not in reply.text
    assert group_unit(runtime, "console", "城关镇") == "城关镇"


def test_a_bound_group_moves_only_to_a_unit_named_explicitly(runtime):
    unnamed = console(runtime, "王五", "本群绑定", chat="城关镇")
    assert "请写明单位" in unnamed.text
    assert group_unit(runtime, "console", "城关镇") == "城关镇"
    named = console(runtime, "王五", "本群绑定县委办", chat="城关镇")
    assert "本群已绑定县委办" in named.text
    assert group_unit(runtime, "console", "城关镇") == "县委办"


def test_an_unbound_group_takes_the_senders_unit_when_none_is_named(runtime):
    send(runtime, "wecom", "zhangsan", "明天开会", chat="wr-new")  # the chat is now known, unbound
    assert group_unit(runtime, "wecom", "wr-new") is None
    bound = send(runtime, "wecom", "lisi", "本群绑定", chat="wr-new")
    assert bound.intent == "bind" and "本群已绑定城关镇" in bound.text
    assert group_unit(runtime, "wecom", "wr-new") == "城关镇"
    # the same again in the sender's own group just says so
    assert "本群已绑定城关镇" in send(runtime, "wecom", "lisi", "本群绑定", chat="wr-new").text


def test_a_member_without_the_role_is_refused_before_any_name_is_looked_up(runtime):
    reply = send(runtime, "wecom", "zhangsan", "本群绑定不存在单位", chat="wr-x")
    assert reply.intent == "refused" and "不存在" not in reply.text
