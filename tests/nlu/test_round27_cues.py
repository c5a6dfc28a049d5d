"""Round 27 of issue 13, read from its blind batches (shaogong: a county 规划信息股 engineer, ≈/→/×3 and // asides;
guotu: a town's 自然资源所长 who hedges and trails off with "...") after their one scoring: an inspection word before
the data it looks at (督导数据安全) is a verb with its object, and a checking trip whose object is a reporting
(去卫生院查HIS数据上报延迟) is an inspection; 统计数据, 统计执法 are nouns, not figures asked for; ×4 after a day; a plan
报批 or passed by the party group is no decision; 派1人 attends another's event; 一事一报： and 报县委办备案一下： head a
filing; 收了县局几个文了 asks; 跟前一周比 compares; typed dots end a clause; 系统里没有 tells.

Phrasings written for this test; the batch's own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
MAY_7 = dt.datetime(2026, 5, 7, 10, 0)  # a Thursday after 劳动节
APR_1 = dt.datetime(2026, 4, 1, 10, 0)  # a Wednesday before 清明


def _parse(text: str, unit: str = "县卫健局", now: dt.datetime = MAY_7):
    return parse(text, now, LEX, speaker=demo_speaker(unit))


@pytest.mark.parametrize("text, direction", [
    ("下周五 市卫健委来我县督导数据安全，1天", "incoming"),  # the batch's
    ("上周3去青山镇卫生院查HIS数据上报延迟，我+小刘，半天", "outgoing"),  # the batch's
    ("昨天去河口镇卫生院 查门诊日志和直报数据对不上的问题，2h", "outgoing"),  # the batch's
])
def test_an_inspection_of_data_and_of_reporting(text: str, direction: str) -> None:
    parsed = _parse(text)
    assert (parsed.kind, parsed.direction) == ("inspection", direction), text
    assert _parse("隐患排查统计表今天报了").kind == "report"  # a form named after the check is its product
    assert _parse("去县里查完了再上报数据").kind == "report"


def test_statistical_nouns_ask_for_no_figure() -> None:
    parsed = _parse("明天印发 县卫健局2026年卫生健康统计数据质量核查方案，≈2800字，发各卫生院")  # the batch's
    assert (parsed.intent, parsed.kind, str(parsed.date)) == ("record", "document", "2026-05-08")
    assert _parse("20号 市统计局+市卫健委联合统计执法检查，抽到我们县").intent == "record"  # the batch's
    assert _parse("统计一下本月发文").intent == "query"


def test_a_count_after_a_day() -> None:
    assert _parse("收文 今天×4").quantity == 4  # the batch's


@pytest.mark.parametrize("text", [
    "明天上午去白沙乡卫生院查网络安全自查整改落实，方案4月已经报批了",  # the batch's
    "明天要印发失能老年人健康照护服务实施方案，局党组已经通过了，先登记",
])
def test_a_plan_submitted_or_passed_is_no_decision(text: str) -> None:
    assert _parse(text).intent == "record", text
    assert _parse("下周二那个安全工作会的报备，局党组通过了，给它审批一下", "县委办").intent == "approve"
    assert _parse("白沙乡的方案批了", "县委办").intent == "approve"


def test_our_people_sent_to_their_training() -> None:
    parsed = _parse("后天下午 县人社局的职称系统培训 我们派1人 2h")  # the batch's
    assert (parsed.kind, parsed.direction) == ("meeting", "incoming")


@pytest.mark.parametrize("text", [
    "一事一报：下周三要开个计划外的增减挂钩项目调度会，报一下",  # the batch's
    "报县委办备案一下：下周二印发《关于开展2026年春季农村乱占耕地建房摸排整治的通知》",  # the batch's
])
def test_headings_of_a_filing(text: str) -> None:
    assert _parse(text, "青山镇", APR_1).intent == "file", text


def test_questions_and_statements_by_their_form() -> None:
    assert _parse("这个月镇里收了县局几个文了", "青山镇", APR_1).intent == "query"  # the batch's
    parsed = _parse("上周跟前一周比，开会多了没有", "青山镇", APR_1)  # the batch's
    assert (parsed.intent, parsed.compare) == ("query", "mom")
    assert _parse("节后第一天开个全镇国土工作会行不...想把今年的事一次说清楚", "青山镇", APR_1).intent == "check"
    told = _parse("今天要求各村把地灾隐患点的监测员名单报一下，之前系统里没有", "青山镇", APR_1)  # the batch's
    assert (told.intent, told.kind) == ("record", "report")
    assert _parse("本周开会了没有", "青山镇", APR_1).intent != "record"
