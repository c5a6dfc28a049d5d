"""Requests, filings, dates and voice homophones in plain words (issue 13): what cadres type instead
of the command words."""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon

from bot.nlu import parse

NOW = dt.datetime(2026, 12, 9, 10, 0)  # a Wednesday
LEX = demo_lexicon()


def parsed(text: str):
    return parse(text, NOW, LEX)


@pytest.mark.parametrize(("text", "intent", "start", "end"), [
    ("十月份的台账倒出来我看看", "export", "2026-10-01", "2026-10-31"),
    ("今年的账拉个表给我", "export", "2026-01-01", "2026-12-31"),
    ("上个月台账导个excel", "export", "2026-11-01", "2026-11-30"),
    ("去年的台账能不能导一份给我", "export", "2025-01-01", "2025-12-31"),
    ("上季度两本账对一对", "compare", "2026-07-01", "2026-09-30"),
    ("今年以来两个台账差了几条", "compare", "2026-01-01", "2026-12-09"),
    ("帮忙写个上半年的减负小结", "report", "2026-01-01", "2026-06-30"),
    ("三季度的汇报能自动生成吗", "report", "2026-07-01", "2026-09-30"),
])
def test_requests_in_plain_words(text, intent, start, end):
    got = parsed(text)
    assert got.intent == intent, text
    assert got.period is not None and (got.period.start.isoformat(), got.period.end.isoformat()) == (start, end)


@pytest.mark.parametrize("text", ["先报个备：下周二开防汛调度会", "青山镇申请召开全镇干部大会，时间12月21号，请审批"])
def test_filings_in_plain_words(text):
    assert parsed(text).intent == "file"


def test_a_question_whether_to_export_is_not_the_export():
    assert parsed("明年还要导出台账吗").intent != "export"


@pytest.mark.parametrize(("text", "day"), [
    ("元旦前一天开年终总结会", "2026-12-31"),
    ("元旦后两天开会", "2027-01-03"),
    ("春节前最后一个工作日开个会", "2027-02-05"),
    ("2026年国庆节后第一个工作日组织了检查", "2026-10-08"),
])
def test_festival_offsets(text, day):
    assert parsed(text).date.isoformat() == day, text


@pytest.mark.parametrize("text", ["刚开完班子会，半小时", "刚把年终总结报给县委办了", "刚刚收到县政府办一个文"])
def test_what_was_just_done_was_done_today(text):
    got = parsed(text)
    assert (got.intent, got.date) == ("record", NOW.date()), text


def test_just_in_time_is_no_date():
    assert parsed("刚好明天开会").date == dt.date(2026, 12, 10)


def test_a_correction_carries_the_day_it_names():
    got = parsed("刚才那条记错了，不是昨天，是前天开的会")
    assert got.intent == "correct" and got.date == dt.date(2026, 12, 7) and got.changes["date"] == got.date


@pytest.mark.parametrize(("text", "kind"), [("上周五开了个回，研究冬春救助", "meeting"), ("今天给县里交了三份财料", "report")])
def test_voice_homophones_of_meeting_and_materials(text, kind):
    assert parsed(text).kind == kind


def test_yigong_after_a_week_word_is_no_monday():
    got = parsed("这个礼拜一共收文12件")
    assert got.date is None or got.date.weekday() != 0
    assert parsed("这个礼拜一开了会").date == dt.date(2026, 12, 7)


@pytest.mark.parametrize(("text", "intent"), [
    ("批了，下周的检查可以去", "approve"),
    ("不批，跟全镇的会合并开", "reject"),
    ("这个会不同意开，电话布置就行", "reject"),
    ("那两个会的报备看过了，准予实施", "approve"),
    ("会开完了，会议纪要归档备案", "archive"),
    ("上周那次督查的材料备个案", "archive"),
    ("同意，明天开会", "record"),  # 同意 alone opening a report is no decision
    ("批了", "approve"),
    ("不同意", "reject"),  # the handler asks for the reason
])
def test_decisions_in_plain_words(text, intent):
    assert parsed(text).intent == intent, text


@pytest.mark.parametrize(("text", "quantity"), [
    ("今天收到县委办、县政府办来文各一件", 2),
    ("昨天到青山镇、白沙乡、河口镇各查了一次", 3),
    ("周二和周三各发了两件通知", 4),
    ("要求各村报材料2份", 2),  # 各村 is whom it is asked of, not an enumeration
    ("今天收到县纪委俩文", 2),
])
def test_each_and_colloquial_counts(text, quantity):
    assert parsed(text).quantity == quantity, text


def test_a_decision_carries_the_day_it_names():
    got = parsed("下周三那个批了")
    assert (got.intent, got.date) == ("approve", dt.date(2026, 12, 16))
