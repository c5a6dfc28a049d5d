"""Round 20 of issue 13, read from its blind batches (bianmin: a township service-centre head who pastes OA titles and
asks 可以吧; jiaoyan: a county teaching-research head who writes 可否, 系, 前条有误) after their one pre-fix scoring:
初一…初三 before a subject, a class or an exam are school years, not lunar days; 二五年 is 2025; a body's 科 and its
party (张主任一行三人) come with it; 前条/上条/适才/所记/误登 point at an entry, 改作/改至 change it, 上条补： adds to
it, and a place pointed at (那处) is moved like an item; 有何分别, 如何撤回, 格式如何 ask for help; 记作…一次 says how
to count; a wish (想上两瓶酒, 想下周一就发通知) or a 吧 ending any clause floats a plan, which the bot asks about
rather than records.

Phrasings written for this test; the batch's own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
NOVEMBER = dt.datetime(2026, 11, 25, 10, 0)  # a Wednesday


def _parse(text: str, unit: str = "县教育局"):
    return parse(text, NOVEMBER, LEX, speaker=demo_speaker(unit))


@pytest.mark.parametrize(("text", "day"), [
    ("后日上午赴河口镇中学看初二数学课", "2026-11-27"),  # the batch's, less its ending
    ("今晨八时半与城关一中初三备课组视频连线，半小时", "2026-11-25"),
    ("上星期二全县初三质量分析会漏登", "2026-11-17"),  # the batch's, less its ending
    ("正月初三开会", "2027-02-08"),  # still the lunar day
])
def test_a_school_year_is_no_lunar_day(text: str, day: str) -> None:
    assert str(_parse(text).date) == day, text


def test_a_two_digit_year_in_chinese_numerals() -> None:
    period = _parse("二五年一至十一月开会几次？").period
    assert period is not None and (str(period.start), str(period.end)) == ("2025-01-01", "2025-11-30")


@pytest.mark.parametrize(("text", "counterpart"), [
    ("本周一下午市教科院张主任一行三人来县调研中考备考", "市教科院"),
    ("下午市教育局基教科来县调研课后服务", "市教育局"),
])
def test_a_bodys_section_and_party_come_with_it(text: str, counterpart: str) -> None:
    intent = _parse(text)
    assert (intent.kind, intent.direction, intent.counterpart) == ("inspection", "incoming", counterpart), text


@pytest.mark.parametrize(("text", "act"), [
    ("前条有误：来文单位改作市教育局。", "correct"),
    ("上条补：系今晨所报。", "correct"),  # the batch's
    ("适才县委督查室来电，督查改至下星期二。", "correct"),  # the batch's
    ("白沙乡中学下午那处改至明日上午。", "correct"),  # the batch's
    ("前条作废，先撤回。", "undo"),
    ("廿五日所记局里联席会系误登，请撤销。", "undo"),
])
def test_bookish_commands_about_an_entry(text: str, act: str) -> None:
    assert _parse(text).intent == act, text


@pytest.mark.parametrize("text", [
    "初用此助手，不知登记格式如何，烦请示下。",  # the batch's
    "报备与登记有何分别？",  # the batch's
    "如何撤回一条登记？",  # the batch's
])
def test_asking_how_in_a_bookish_register(text: str) -> None:
    assert _parse(text).intent == "help", text


def test_what_it_is_to_be_counted_as() -> None:
    assert _parse("上周各校报来期中质检分析十九份，记作要求下报材料一次。").quantity == 1


@pytest.mark.parametrize("text", [
    "检查组中午在乡食堂吃工作餐，想上两瓶酒",
    "年度计划里的防火督查，方案今天才报上去审查，想下周一就发通知",
    "明天开个禁烧调度会吧，各村支书参加",
])
def test_a_plan_floated_is_asked_about_not_recorded(text: str) -> None:
    intent = _parse(text, "白沙乡")
    assert intent.intent == "unknown" and intent.ambiguous, text


@pytest.mark.parametrize("text", [
    "书记想让各村都参加，明天开会",  # a detail of a report, as before
    "昨天开了三个会吧",  # a report, hedged
    "我想了一下，明天还是开个会",
])
def test_a_report_with_a_wish_or_a_hedge_is_still_a_report(text: str) -> None:
    assert _parse(text, "白沙乡").intent == "record", text


@pytest.mark.parametrize(("text", "direction"), [
    ("省厅检查组今天到城关一中查了食堂，镇里派人对接", "incoming"),
    ("县人大今天到城关二小调研了", "incoming"),
    ("今天我们到城关一中查了食堂", "outgoing"),
])
def test_a_school_by_its_short_name_is_a_place_below(text: str, direction: str) -> None:
    intent = parse(text, NOVEMBER, LEX, speaker=demo_speaker("城关镇"))
    assert (intent.kind, intent.direction) == ("inspection", direction), text
