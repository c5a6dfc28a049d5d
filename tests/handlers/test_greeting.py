"""A greeting alone (在吗, 你好~) is answered with what the bot does, and records nothing; a greeting before a
message is stripped and the message read."""

from __future__ import annotations

from storage.models import Entry


def _entries(runtime) -> int:
    with runtime.db.session() as s:
        return s.query(Entry).count()


def test_a_greeting_alone_is_answered_and_records_nothing(say, runtime):
    before = _entries(runtime)
    for text in ("在吗", "在吗？", "小助手在吗", "你好~"):
        reply = say(text)
        assert reply.text.startswith("在。") and "帮助" in reply.text, (text, reply.text)
        assert not reply.entry_ids
    assert _entries(runtime) == before


def test_a_greeting_before_a_message_is_stripped(say):
    reply = say("在吗~ 昨天收到县委办文件2件")
    assert reply.entry_ids and not reply.text.startswith("在。"), reply.text
