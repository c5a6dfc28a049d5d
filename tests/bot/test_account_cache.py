"""Issue 17: who sends a message is looked up once per process and members' stamp (storage.repo: the accounts'
copy), so a change to a member, an account or a unit is seen by the next message, in every process."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from bot.dispatcher import UNBOUND_USER_REPLY
from bot.messages import IncomingMessage, Reply
from bot.runtime import Runtime, build
from config.settings import Settings
from storage import repo
from storage.models import Entry, Member, MemberIdentity, Unit


def _send(runtime: Runtime, user: str, text: str = "明天开会，3个乡镇参加") -> Reply:
    return runtime.dispatcher.handle(IncomingMessage(platform="wecom", message_id=uuid.uuid4().hex, chat_id="",
                                                     sender_id=user, text=text))


def _last_entry_unit(runtime: Runtime) -> str:
    with runtime.db.session() as s:
        return s.scalars(select(Unit.name).join(Entry, Entry.unit_id == Unit.id).order_by(Entry.id.desc())).first()


def test_an_account_moved_to_another_member_is_seen_by_the_next_message(runtime: Runtime, demo_db, clock):
    other_process = build(Settings(database_url=demo_db.url, scheduler=False), clock=clock, db=demo_db)
    assert "已记录" in _send(runtime, "zhangsan").text and _last_entry_unit(runtime) == "城关镇"
    assert "已记录" in _send(other_process, "zhangsan").text  # both processes have the account in their copy
    with runtime.db.session() as s:  # zhangsan's account now belongs to 王五 of 县委办
        identity = s.scalars(select(MemberIdentity).where(MemberIdentity.platform == "wecom",
                                                          MemberIdentity.external_id == "zhangsan")).one()
        wangwu = s.scalars(select(Member).where(Member.name == "王五")).one()
        s.delete(s.scalars(select(MemberIdentity).where(MemberIdentity.member_id == wangwu.id,
                                                        MemberIdentity.platform == "wecom")).one())
        s.flush()
        identity.member_id = wangwu.id
    assert "已记录" in _send(other_process, "zhangsan").text and _last_entry_unit(runtime) == "县委办"


def test_a_new_account_and_a_retired_member_are_seen_by_the_next_message(runtime: Runtime):
    assert _send(runtime, "newcomer").text == UNBOUND_USER_REPLY  # the process remembers: no such account
    with runtime.db.session() as s:
        town = s.scalars(select(Unit).where(Unit.name == "城关镇")).one()
        zhaoliu = Member(unit_id=town.id, name="赵六", roles="member", status="active")
        s.add(zhaoliu)
        s.flush()
        repo.add_account(s, zhaoliu, "wecom", "zhaoliu")
    assert "已记录" in _send(runtime, "zhaoliu").text  # now in the process's copy as an active member
    with runtime.db.session() as s:
        s.scalars(select(Member).where(Member.name == "赵六")).one().status = "removed"
    assert _send(runtime, "zhaoliu").text == UNBOUND_USER_REPLY
    with runtime.db.session() as s:
        wangwu = s.scalars(select(Member).where(Member.name == "王五")).one()
        s.delete(s.scalars(select(MemberIdentity).where(MemberIdentity.member_id == wangwu.id,
                                                        MemberIdentity.platform == "wecom")).one())
        s.flush()
        repo.add_account(s, wangwu, "wecom", "newcomer")
    assert "已记录" in _send(runtime, "newcomer").text
