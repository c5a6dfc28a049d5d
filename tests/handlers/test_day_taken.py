"""An item told as done with no day (党组会开了) is recorded for today and the reply says so; one short correction
moves it. Not yet done (开会) or done some vague time ago (前几天收到的) still gets the one question."""

from __future__ import annotations

import datetime as dt

from bot.clock import TZ
from storage.models import Entry

TUESDAY = dt.datetime(2026, 3, 3, 10, 0, tzinfo=TZ)


def _day_of(runtime, entry_id: int) -> dt.date:
    with runtime.db.session() as s:
        return s.get(Entry, entry_id).occurs_on


def test_told_as_done_is_today_and_the_reply_says_so(say, clock, runtime):
    clock.set(TUESDAY)
    reply = say("党组会开了，记上。")
    assert reply.entry_ids, reply.text
    assert "按今天（3月3日）登记" in reply.text and "日期错了，是昨天" in reply.text, reply.text
    assert _day_of(runtime, reply.entry_ids[0]) == dt.date(2026, 3, 3)
    mended = say("日期错了，是昨天")
    assert "3月2日" in mended.text or "2026-03-02" in mended.text, mended.text
    assert _day_of(runtime, reply.entry_ids[0]) == dt.date(2026, 3, 2)


def test_a_day_said_needs_no_note(say, clock):
    clock.set(TUESDAY)
    reply = say("昨天收到市应急局文件2件")
    assert reply.entry_ids and "按今天" not in reply.text, reply.text


def test_not_done_or_done_some_time_ago_asks_the_day(say, clock):
    clock.set(TUESDAY)
    for text in ("开会", "前几天收到县委办一个通知"):
        reply = say(text)
        assert not reply.entry_ids and "哪一天" in reply.text, (text, reply.text)
        say("算了")
