"""Classes read from round 57's misses after its one scoring (yueyu: a town's 宣传委员 in Cantonese written speech;
jianxie: a bureau section chief in office shorthand).

Cantonese words still read as Mandarin (落嚟, 喇, 今个月, 返入, 睇紧, …，话礼拜二…, 登记埋, 比点样); a paper sent with 来 or
下来 after it (县委办发了两份文来) came in; a body that has arrived (县委督查室到了) is a visit; the ledger asked for as a
file (给个…台账我, 台账导一下); 撤了…那条 withdraws; 改了/改 to a day or a clock moves an item; how a message is put
(登的话咋写, 直接说删就行, 导出来啥样) or how to look up what was logged (怎么查…登记过的) is help; shorthand: a day's
half typed alone or after 后/前 (下 去…, 后上, 后下), 材 for 材料, 督 for 督查; a document received is told as done
whoever it came from (收两办文2件, …文1件 … 收, X转来 …), and so is a counted paper handed up (报市卫健 …2张); the
乡镇院 a bureau asks papers of are below it.

Phrasings written for this test; the batches' own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
JUN_16 = dt.datetime(2026, 6, 16, 10, 0)  # a Tuesday
SEP_21 = dt.datetime(2026, 9, 21, 10, 0)  # a Monday


def _town(text: str):  # type: ignore[no-untyped-def]
    return parse(text, JUN_16, LEX, demo_speaker("河口镇"))


def _bureau(text: str):  # type: ignore[no-untyped-def]
    return parse(text, SEP_21, LEX, demo_speaker("县卫健局"))


@pytest.mark.parametrize("text, counterpart", [
    ("琴日夜晚市委宣传部发咗份舆情通报落嚟，今日先登记", "市委宣传部"),  # yueyu
    ("琴日夜晚县委办发咗两份文嚟，今朝补登", "县委办"),  # yueyu
    ("县委组织部今日有份关于党员教育培训嘅文嚟，登记埋", "县委组织部"),  # yueyu
    ("县委办昨天发了个通知下来", "县委办"),
])
def test_a_paper_sent_to_us_with_lai_after_it_came_in(text: str, counterpart: str) -> None:
    parsed = _town(text)
    assert (parsed.intent, parsed.kind, parsed.direction, parsed.counterpart) == (
        "record", "document", "incoming", counterpart), text


def test_our_notice_sent_down_is_still_ours() -> None:
    parsed = _town("我们发了个通知下去")
    assert (parsed.kind, parsed.direction) == ("document", "outgoing")


@pytest.mark.parametrize("text", ["县委督查室到了", "县委督查室而家到咗，睇紧河口村防汛物资仓"])  # yueyu
def test_a_body_that_has_arrived_is_a_visit(text: str) -> None:
    parsed = _town(text)
    assert (parsed.intent, parsed.kind, parsed.counterpart) == ("record", "inspection", "县委督查室"), text


@pytest.mark.parametrize("text, intent", [
    ("俾个今个月嘅Excel台账我，要交俾书记睇", "export"),  # yueyu
    ("三季度台账导一下 减负办要", "export"),  # jianxie
    ("头先嗰条防溺水通知我登记咗两次，撤咗重复嗰条", "undo"),  # yueyu
    ("撤咗头先理论学习嗰条，唔好意思发重咗", "undo"),  # yueyu
    ("头先报俾县网信办嗰条唔要喇，网评员名单要重新报过", "undo"),  # yueyu
    ("后日嗰个文明创建推进会改咗下礼拜一开", "correct"),  # yueyu
    ("今上院长会 改9点开 院长们路上", "correct"),  # jianxie
    ("点样查返我之前登记过嘅嘢？", "help"),  # yueyu
    ("代乡镇院登的话 咋写 前面加“代X登记”就行？", "help"),  # jianxie
    ("删记错的 直接说删就行？还是要说哪条", "help"),  # jianxie
    ("能导Excel不 导出来啥样的", "help"),  # jianxie
])
def test_commands_in_dialect_and_shorthand(text: str, intent: str) -> None:
    assert _town(text).intent == intent, text


def test_comparing_with_last_year_in_cantonese_asks_for_figures() -> None:
    parsed = _town("今年上半年发文同去年上半年比点样？")  # yueyu
    assert (parsed.intent, parsed.compare) == ("query", "yoy")


def test_said_after_a_phone_call_the_visit_is_ahead() -> None:
    parsed = _town("头先县委督查室打电话，话礼拜二嚟督查防汛准备情况")  # yueyu
    assert (parsed.kind, parsed.direction, parsed.date) == ("inspection", "incoming", dt.date(2026, 6, 16))


@pytest.mark.parametrize("text, day, daypart", [
    ("下 去白沙院查家签履约 股里2人", dt.date(2026, 9, 21), "afternoon"),  # jianxie
    ("后上 去城关院督导慢病随访", dt.date(2026, 9, 23), "morning"),
    ("上 报了材料", dt.date(2026, 9, 21), "morning"),
])
def test_a_half_day_typed_short_is_that_half(text: str, day: dt.date, daypart: str) -> None:
    parsed = _bureau(text)
    assert (parsed.date, parsed.daypart) == (day, daypart), text


def test_a_half_typed_short_leaves_next_week_alone() -> None:
    assert _bureau("下周 开会").daypart is None


@pytest.mark.parametrize("text, kind, subtype", [
    ("县委督查室 下周二来局 督民生实事 村卫生室建设", "inspection", "督查"),  # jianxie
    ("报县府办 民生实事村卫生室建设进度 材1份", "report", "材料"),  # jianxie
])
def test_office_shorthand_for_the_items(text: str, kind: str, subtype: str) -> None:
    parsed = _bureau(text)
    assert (parsed.intent, parsed.kind, parsed.subtype) == ("record", kind, subtype), text


@pytest.mark.parametrize("text", ["上半年报了多少材", "本月报了几回材"])  # jianxie
def test_shorthand_in_a_question_for_figures(text: str) -> None:
    parsed = _bureau(text)
    assert (parsed.intent, parsed.kind) == ("query", "report"), text


def test_shorthand_stays_inside_words() -> None:
    assert _bureau("买了教材3套").kind is None


@pytest.mark.parametrize("text, kind", [
    ("收县纪委文1件 中秋国庆廉洁提醒", "document"),  # jianxie
    ("收两办文2件 秋季爱卫运动一个 森防一个", "document"),  # jianxie
    ("省卫健文1件 基层卫生人才能力提升 两办转来的 收", "document"),  # jianxie
    ("县疾控转来 市疾控文1件 狂犬病处置规范 收", "document"),  # jianxie
    ("报市卫健 慢病随访季报表2张", "report"),  # jianxie
])
def test_a_log_line_of_a_paper_received_or_handed_up_is_today(text: str, kind: str) -> None:
    parsed = _bureau(text)
    assert (parsed.intent, parsed.kind, parsed.date, parsed.date_assumed) == ("record", kind, SEP_21.date(), True), text


@pytest.mark.parametrize("text", ["要收两办文2件", "明天报市卫健 季报表2张"])
def test_a_log_line_to_come_is_not_today(text: str) -> None:
    assert not _bureau(text).date_assumed, text


def test_the_health_centres_a_bureau_asks_papers_of_are_below_it() -> None:
    parsed = _bureau("今下 要4个乡镇院报村医考核表 周五前交")  # jianxie
    assert (parsed.kind, parsed.direction, parsed.date) == ("report", "outgoing", SEP_21.date())
