"""Classes read from round 66's misses after its one scoring (yaozheng: a health bureau's drug administration
section chief; kepu: an emergency bureau's publicity clerk).

A body asking a paper of us with its due time (市卫健委要我们月底前报…; 刚打电话，要…情况，25号前报; 市卫健委要全县…情况，
明天下班前报) demands it today; told to those below (跟四个卫生院说了，22号前把…报上来) is our demand, made today;
all the counties asked (市里…要求各县…报), said in a county bureau, is a demand of us; 报了…情况 hands a paper in;
after a meeting (质控会后去…检查了…) the meeting only says when; 来函 came; a talk we give an audience (去县一中给
高一新生开…报告会) is ours, and those below attending (各中小学分管安全的副校长参加) attend ours; a body that said it
comes (市局通知下周二来复查…) inspects us, and how we heard of a visit (也是电话通知的) is no paper; the day a
paper is logged (今天才登记) is not the day it came; a day a meeting goes over (研究7月1号推进会的会务) is that
meeting's; an entry logged last week (上周登记的…) is mended by name; one more table of a period (上个月的也导一份) is
an export; how to word a message to the bot, or look at one unit's figures, is help.

Phrasings written for this test; the batches' own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
MAR_18 = dt.datetime(2026, 3, 18, 10, 0)  # a Wednesday
JUN_24 = dt.datetime(2026, 6, 24, 10, 0)  # a Wednesday


def _health(text: str, now: dt.datetime = MAR_18):  # type: ignore[no-untyped-def]
    return parse(text, now, LEX, demo_speaker("县卫健局"))


def _safety(text: str, now: dt.datetime = JUN_24):  # type: ignore[no-untyped-def]
    return parse(text, now, LEX, demo_speaker("县应急管理局"))


@pytest.mark.parametrize("text", [
    "市卫健委要我们月底前报一季度基本药物使用情况，今天说的，记一条",  # yaozheng
    "市卫健委药政科刚打电话，要一季度短缺药品监测情况，25号前报，先记一条",  # yaozheng
    "市卫健委要全县短缺药品储备库存情况，明天下班前报，今天电话里说的",  # yaozheng
    "市里视频会上要求各县4月3号前报一季度药政工作总结，今天布置的，记一条",  # yaozheng
])
def test_a_paper_asked_of_us_with_its_due_time(text: str) -> None:
    got = _health(text)
    assert (got.intent, got.kind, got.direction, got.date) == ("record", "report", "incoming", MAR_18.date())


def test_told_to_those_below_is_our_demand_made_today() -> None:
    got = _health("已经在群里跟四个卫生院说了，22号前把一季度短缺药品情况表报上来")  # yaozheng
    assert (got.kind, got.direction, got.date) == ("report", "outgoing", MAR_18.date())


def test_a_paper_handed_in_by_its_situation() -> None:
    got = _health("在省采购平台报了1-2月药品货款结算情况")  # yaozheng
    assert (got.intent, got.kind, got.direction, got.date) == ("record", "report", "incoming", MAR_18.date())


def test_after_a_meeting_the_check_is_the_item() -> None:
    got = _health("质控会后去县人民医院检查了前置审方系统运行情况，半个钟头")  # yaozheng
    assert (got.kind, got.direction) == ("inspection", "outgoing")


def test_a_letter_come_is_todays() -> None:
    got = _health("市卫健委来函征求短缺药品清单修订意见，1件")  # yaozheng
    assert (got.kind, got.direction, got.date) == ("document", "incoming", MAR_18.date())


def test_how_we_heard_of_a_visit_is_no_paper() -> None:
    got = _health("还有，下周五市医保局来查各卫生院集采执行，也是电话通知的")  # yaozheng
    assert (got.kind, got.direction, got.date) == ("inspection", "incoming", dt.date(2026, 3, 27))


def test_a_body_that_said_it_comes_inspects_us() -> None:
    got = _safety("市局通知下周二来复查安全生产月宣传工作。")  # kepu
    assert (got.kind, got.direction, got.date) == ("inspection", "incoming", dt.date(2026, 6, 30))


@pytest.mark.parametrize("text", [
    "下周二上午去县一中给高一新生开应急安全专题报告会，学校已经排好时间了。",  # kepu
    "报备：下周二下午在县职教中心开全县校园应急疏散演练观摩会，各中小学分管安全的副校长参加，大概60人。",  # kepu
])
def test_a_talk_we_give_and_those_below_attending_are_ours(text: str) -> None:
    got = _safety(text)
    assert (got.kind, got.direction) == ("meeting", "outgoing")


def test_the_day_a_paper_is_logged_is_not_the_day_it_came() -> None:
    got = _safety("本周一收到市局《关于开展安全生产月活动总结评估的通知》，今天才登记，补一下。")  # kepu
    assert (got.kind, got.date) == ("document", dt.date(2026, 6, 22))


def test_a_day_a_meeting_goes_over_is_that_meetings() -> None:
    got = _safety("下午局里开了个短会，研究7月1号推进会的会务。")  # kepu
    assert (got.kind, got.date) == ("meeting", JUN_24.date())


def test_an_entry_logged_last_week_is_mended_by_name() -> None:
    assert _safety("上周登记的市里座谈会，参会人改成股长和我两个人。").intent == "correct"  # kepu


def test_one_more_table_of_a_period_is_an_export() -> None:
    got = _health("上个月的也导一份")  # yaozheng
    assert got.intent == "export" and got.period is not None and got.period.start == dt.date(2026, 2, 1)


@pytest.mark.parametrize("text", [
    "代卫生院登记是这样写吧？要不要写卫生院全称",  # yaozheng
    "怎么只看某一个乡镇的数据？比如只看河口镇的。",  # kepu
])
def test_how_to_put_it_or_see_it_is_help(text: str) -> None:
    assert _health(text).intent == "help"
