"""The duplicate hint: a same-day, same-kind, same-title item of the unit recorded in the last day is named in the
reply (found by the entry's own INSERT, repo.create_entry with twin_since); a voided one, another day or another
title, or one recorded more than a day ago is not."""

from __future__ import annotations

import datetime as dt

from bot.clock import TZ

MONDAY = dt.datetime(2026, 11, 23, 10, 0, tzinfo=TZ)


def test_the_same_item_told_twice_names_the_first(say, clock):
    clock.set(MONDAY)
    first = say("今天上午召开防汛工作会议")
    second = say("今天上午召开防汛工作会议")
    assert f"提示：与 #{first.entry_ids[0]} 日期、事项相同" in second.text, second.text
    assert f"撤销 #{second.entry_ids[0]}" in second.text, second.text
    assert "提示：" not in first.text, first.text
    third = say("今天上午召开防汛工作会议")
    assert f"提示：与 #{first.entry_ids[0]} " in third.text, third.text  # the first of them


def test_untitled_twins_and_what_is_no_twin(say, clock):
    clock.set(MONDAY)
    first = say("今天发文2件")
    assert "提示：" not in say("昨天发文2件").text  # another day
    second = say("今天发文1件")
    assert f"提示：与 #{first.entry_ids[0]} " in second.text, second.text
    other = say("今天上午召开安全生产工作会议")
    assert "提示：" not in other.text, other.text  # another kind


def test_a_voided_twin_or_one_older_than_a_day_is_none(say, clock):
    clock.set(MONDAY)
    first = say("周五召开防汛工作会议")
    say(f"撤销 #{first.entry_ids[0]}")
    assert "提示：" not in say("周五召开防汛工作会议").text
    clock.set(MONDAY + dt.timedelta(days=1, minutes=1))
    assert "提示：" not in say("上周五召开防汛工作会议").text
