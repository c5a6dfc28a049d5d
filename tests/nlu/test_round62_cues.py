"""Classes read from round 62's misses after its one scoring (anjian: a safety bureau's section chief working with
factories, terse; zhiye: a health bureau's occupational-health section chief).

One more of something floated (这个月再让他们报一遍, 再派一拨去看看) and a wish with a long object (想在局里跟…开个…会)
are asked about, not recorded; a paper handed up logged as a line (报市局：…1份, 向市局报送…) was handed in today; a
period naming a long-named paper is what it covers; a study session (业务学习) is a meeting; how to look up what a
unit logged, or log several at once, is help; 跟上月同期比 is month on month (one reading of 同比/环比, in asked.py);
those below asked with 通知了，… or by their count (通知4个卫生院，明天上午报…) are our demand, its due day not its
day; a demand of a named factory with a long name is ours; a quarterly return handed up (报了…季报) is handed in;
what a meeting goes over (碰头，说一下周五迎检) is its topic; gone somewhere, then checking there, is our inspection.

Phrasings written for this test; the batches' own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
NOV_10 = dt.datetime(2026, 11, 10, 10, 0)  # a Tuesday
APR_14 = dt.datetime(2026, 4, 14, 10, 0)  # a Tuesday


def _safety(text: str, now: dt.datetime = NOV_10):  # type: ignore[no-untyped-def]
    return parse(text, now, LEX, demo_speaker("县应急管理局"))


def _health(text: str, now: dt.datetime = APR_14):  # type: ignore[no-untyped-def]
    return parse(text, now, LEX, demo_speaker("县卫健局"))


@pytest.mark.parametrize("text", [
    "这周四下午想在局里跟鑫源铝业、金桥食品开个整改调度会",  # anjian
    "有限空间点位表上个月刚让乡镇报过，这个月再让他们报一遍",  # anjian
    "这个月已经去了两拨人查鑫源铝业，再派一拨去看看",  # anjian
    "通知已经发了，再开个会把检查部署一遍",  # anjian
])
def test_one_more_floated_or_a_wish_is_asked_about_not_recorded(text: str) -> None:
    intent = _safety(text)
    assert intent.intent == "unknown" and intent.ambiguous == ["record", "check"]


@pytest.mark.parametrize("text", ["下周二再开一次推进会", "昨天再开了一次安全会"])
def test_one_more_with_its_day_is_told(text: str) -> None:
    assert _safety(text).intent == "record"


@pytest.mark.parametrize("text", [
    "报市局：10月份工贸企业执法检查统计表1份",  # anjian
    "向市局报送粉尘涉爆企业除尘系统改造进度表",  # anjian
    "给市局报了10月份有限空间作业事故警示教育开展情况",  # anjian
])
def test_a_paper_handed_up_logged_as_a_line_went_today(text: str) -> None:
    intent = _safety(text)
    assert (intent.intent, intent.kind, intent.direction, intent.date) == ("record", "report", "incoming", NOV_10.date())


def test_a_period_inside_a_received_papers_long_name_is_its_topic() -> None:
    intent = _health("收到市卫健委文件1件，关于开展2026年《职业病防治法》宣传周活动的通知")  # zhiye
    assert (intent.kind, intent.direction, intent.date) == ("document", "incoming", APR_14.date())


def test_a_study_session_is_a_meeting() -> None:
    intent = _safety("明天上午9点股里业务学习，学有限空间作业安全规定")  # anjian
    assert (intent.kind, intent.direction, intent.date) == ("meeting", "outgoing", dt.date(2026, 11, 11))


@pytest.mark.parametrize("text", [
    "怎么查某个乡镇报了哪些材料",  # anjian
    "怎么查某个卫生院自己登记的东西？我想看看青山镇卫生院的",  # zhiye
    "能不能一次登记好几条？一条一条发太慢了",  # zhiye
])
def test_looking_up_or_logging_many_is_help(text: str) -> None:
    assert _health(text).intent == "help"


@pytest.mark.parametrize("text, compare", [
    ("本月截至目前开了几个会，跟上月同期比", "mom"),  # anjian
    ("今年收文同比", "yoy"),
    ("和去年同期比发文", "yoy"),
])
def test_the_same_days_of_last_month_are_month_on_month(text: str, compare: str) -> None:
    assert _safety(text).compare == compare


@pytest.mark.parametrize("text", [
    "在卫生院工作群里通知了，各乡镇卫生院4月20日前报一季度尘肺病患者随访表",  # zhiye
    "刚刚电话通知4个卫生院，明天上午报义诊物资需求",  # zhiye
    "要求河口镇宏达水泥厂5月10日前书面报整改情况",  # zhiye
])
def test_those_below_asked_for_papers_is_our_demand_made_today(text: str) -> None:
    intent = _health(text)
    assert (intent.intent, intent.kind, intent.direction, intent.date) == ("record", "report", "outgoing", APR_14.date())


def test_a_quarterly_return_handed_up_is_handed_in() -> None:
    intent = _health("上午报了市卫健委尘肺病患者救治救助季报")  # zhiye
    assert (intent.intent, intent.kind, intent.direction) == ("record", "report", "incoming")


@pytest.mark.parametrize("text", ["明早8点半股里碰头，说一下周五迎检", "下午开个短会，研究一下迎接市局检查"])  # anjian
def test_what_a_meeting_goes_over_is_its_topic(text: str) -> None:
    assert _safety(text).kind == "meeting"


def test_gone_somewhere_then_checking_there_is_our_inspection() -> None:
    intent = _safety("明天下午去城关镇鑫源铝业，查铝镁粉尘除尘系统")  # anjian
    assert (intent.intent, intent.kind, intent.direction) == ("record", "inspection", "outgoing")
