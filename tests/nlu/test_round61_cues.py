"""Classes read from round 61's misses after its one scoring (caiwu: a health bureau's planning and finance section
chief, careful, budgets and audits; zonghe: a young clerk of the county office's general section).

A period that names the paper handed in, demanded or received (一季度资金使用情况…已报县财政局, 让城关镇补报8月份会议
台账) is what the paper covers, not figures asked for nor the item's day; a paper issued and named (县委印发…的决定) is
logged as it went out; copies (复印件2份) are no items; a body come to check our books visits; a paper forwarded by a
body (是市卫健委转发的, 财政局国库股转来) or brought (送来…决定书) came in; whether a message may be one sentence, and
what it must name, is help; the rest after those already logged (前面登了4件，剩下5件：…) is the item; whether a figure is
past its quota asks for figures; 局属各单位 are below; a paper asked
for, then sent (市委办要的…今天上午报了, 来电话，要…，已报), was handed in.

Phrasings written for this test; the batches' own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
MAY_18 = dt.datetime(2026, 5, 18, 10, 0)  # a Monday
SEP_8 = dt.datetime(2026, 9, 8, 10, 0)  # a Tuesday


def _bureau(text: str, now: dt.datetime = MAY_18):  # type: ignore[no-untyped-def]
    return parse(text, now, LEX, demo_speaker("县卫健局"))


def _office(text: str, now: dt.datetime = SEP_8):  # type: ignore[no-untyped-def]
    return parse(text, now, LEX, demo_speaker("县委办"))


@pytest.mark.parametrize("text, direction", [
    ("四个卫生院一季度资金使用情况汇总好了，已报县财政局。", "incoming"),  # caiwu
    ("三季度减负统计表汇总好了，报市委办了", "incoming"),  # zonghe
    ("今天让城关镇补报8月份会议台账", "outgoing"),  # zonghe (its day said)
    ("通知县直各单位周四前报三季度发文会议数", "outgoing"),  # zonghe
    ("已通知四个卫生院周三前把2025年度医疗收支情况统计表报上来", "outgoing"),
    ("上半年工作总结今天报县委办了", "incoming"),
])
def test_a_period_naming_the_paper_is_what_it_covers(text: str, direction: str) -> None:
    now = MAY_18 if "卫生院" in text else SEP_8
    intent = _bureau(text, now) if "卫生院" in text else _office(text, now)
    assert (intent.intent, intent.kind, intent.direction, intent.date) == ("record", "report", direction, now.date())


def test_a_festival_and_a_quarter_naming_papers_received_leave_them_today() -> None:
    intent = _office("收到市委办文件2件，一个是三季度考核安排，一个是国庆假期安全提醒")  # zonghe
    assert (intent.kind, intent.direction, intent.date, intent.quantity) == ("document", "incoming", SEP_8.date(), 2)


@pytest.mark.parametrize("text", ["三季度发文情况", "一季度资金使用情况报了几份", "8月份会议台账"])
def test_a_period_asked_about_stays_a_question_for_figures(text: str) -> None:
    assert _office(text).intent == "query"


@pytest.mark.parametrize("text", [
    "县委印发关于表彰2026年度全县优秀基层党组织的决定",  # zonghe
    "县委办、县政府办联合印发国庆中秋期间有关工作的通知，县办发〔2026〕47号",  # zonghe
    "县委印发《示范县2026年度督查检查考核计划（调整）》",  # zonghe
])
def test_a_paper_issued_and_named_is_logged_today(text: str) -> None:
    intent = _office(text)
    assert (intent.kind, intent.direction, intent.date) == ("document", "outgoing", SEP_8.date())


@pytest.mark.parametrize("text", ["准备印发《考核办法》", "下周印发关于值班的通知"])
def test_a_paper_to_be_issued_has_no_day(text: str) -> None:
    assert _office(text).date is None


def test_copies_are_no_items() -> None:
    intent = _bureau("今天收到县审计局转来的市审计局关于卫生健康资金专项审计调查的通知，复印件2份。")  # caiwu
    assert intent.quantity == 1


@pytest.mark.parametrize("text, day", [
    ("下午3点县审计局来人核对整改台账，在局三楼会议室。", dt.date(2026, 5, 18)),  # caiwu
    ("县审计局刚来电话，约定明天下午来局里核整改台账。", dt.date(2026, 5, 19)),  # caiwu
])
def test_a_body_come_to_check_our_books_inspects_us(text: str, day: dt.date) -> None:
    intent = _bureau(text)
    assert (intent.intent, intent.kind, intent.direction, intent.date) == ("record", "inspection", "incoming", day)


@pytest.mark.parametrize("text", [
    "收到省卫健委《关于加强卫生健康系统内部审计工作的通知》，是市卫健委转发的。",  # caiwu
    "财政局国库股今天转来《关于规范预算单位公务卡使用的通知》，1件。",  # caiwu
    "县审计局送来审计决定书1份",  # caiwu
])
def test_a_paper_forwarded_or_brought_by_a_body_came_in(text: str) -> None:
    intent = _bureau(text)
    assert (intent.kind, intent.direction) == ("document", "incoming")


@pytest.mark.parametrize("text", [
    "早。这个助手登台账是不是直接发一句话就行？比如收了财政局一个文，要写到什么程度？",  # caiwu
    "登记收文的时候，文号要不要写上？不写行不行？",  # caiwu
    "收文是不是直接发一句话就能记上？文号要不要带",  # zonghe
])
def test_how_much_a_message_must_say_is_help(text: str) -> None:
    assert _office(text).intent == "help"


def test_whether_a_paper_may_leave_out_its_number_stays_a_check() -> None:
    assert _office("发文的时候文号要不要写").intent == "check"


def test_the_rest_after_those_logged_is_the_item() -> None:
    intent = _office("县委办今天收文一共9件，前面登了4件，剩下5件：市委办3件、市委组织部1件、省委办公厅1件")  # zonghe
    assert intent.quantity == 5


def test_whether_past_the_quota_asks_for_figures() -> None:
    assert _bureau("这个月我们局的发文有没有超配额？").intent == "query"  # caiwu


@pytest.mark.parametrize("text", [
    "通知局属各单位和四个卫生院5月26日前报送预算执行中期评估自评表。",  # caiwu
    "昨天下午通知四个卫生院核对2025年度财务年报数据，补登。",  # caiwu
])
def test_those_under_the_bureau_asked_for_papers_is_our_demand(text: str) -> None:
    intent = _bureau(text)
    assert (intent.kind, intent.direction) == ("report", "outgoing")


@pytest.mark.parametrize("text, now", [
    ("市委办要的三季度重点工作进展今天上午报了", SEP_8),  # zonghe
    ("上午国库股来电话，要5月上半月支出进度，已报。", MAY_18),  # caiwu
])
def test_a_paper_asked_for_then_sent_was_handed_in(text: str, now: dt.datetime) -> None:
    intent = _office(text, now)
    assert (intent.intent, intent.kind, intent.direction, intent.date) == ("record", "report", "incoming", now.date())
