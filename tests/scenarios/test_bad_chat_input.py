"""Issue 2: bad input gets a short Chinese reply, records nothing, and never shows a traceback."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from storage.models import Entry

BAD_INPUTS = {
    "empty": "",
    "whitespace": "  \t\n\u3000 ",
    "ten_kb": "开会" * 5120,
    "emoji_only": "😀🎉👍",
    "sql": "'; DROP TABLE entry; --",
    "sql_union": "1 OR 1=1 UNION SELECT * FROM member",
}
CJK = re.compile(r"[\u4e00-\u9fff]")


def entry_count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Entry.id)))


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_is_answered_in_chinese_and_records_nothing(name, say, runtime):
    reply = say(BAD_INPUTS[name])
    assert CJK.search(reply.text), reply.text
    assert len(reply.text) <= 120
    assert "Traceback" not in reply.text and "Error" not in reply.text
    assert not reply.entry_ids
    assert entry_count(runtime.db) == 0


def test_unknown_user_is_told_how_to_bind(say, runtime):
    reply = say("明天开会，3个乡镇参加", user="赵六")
    assert reply.intent == "unbound" and "绑定" in reply.text
    assert entry_count(runtime.db) == 0


def test_handler_crash_rolls_back_and_apologises(say, runtime, monkeypatch):
    import handlers

    def boom(ctx, intent):
        from storage import repo

        repo.create_entry(ctx.session, ctx.member, unit_id=ctx.unit.id, kind="meeting",
                          direction="outgoing", occurs_on=ctx.today())
        raise RuntimeError("boom")

    monkeypatch.setitem(handlers.HANDLERS, "record", boom)
    reply = say("明天开会")
    assert reply.intent == "error" and "未记录" in reply.text
    assert entry_count(runtime.db) == 0


@pytest.mark.parametrize("text", [
    "今天发文3000000000件",
    "明天开会，开了1小时99999999999分钟",
    "明天开会，99999999人参加",
])
def test_implausible_numbers_are_refused_not_stored(text, say, runtime):
    reply = say(text)
    assert not reply.entry_ids and "范围" in reply.text
    assert entry_count(runtime.db) == 0


def test_an_email_address_is_not_a_mention(say, runtime):
    from storage.models import Entry

    reply = say("@减负助手明天开会，联系人zhang@qq.com，3个乡镇参加")
    assert len(reply.entry_ids) == 1
    with runtime.db.session() as s:
        assert s.get(Entry, reply.entry_ids[0]).attendees_count == 3
