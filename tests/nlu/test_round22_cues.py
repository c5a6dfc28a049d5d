"""Round 22 of issue 13, read from its blind batches (huiwu: the county office's 会务科长, pinyin with doubled
punctuation, 16-18 June; jingfa: a town's 经发办主任 who corrects with a leading star) after their one scoring: a
star before a value corrects the last entry (*下周二 不是下周三); a meeting logged ahead and now held with its actual
figures (…会开完了，实到14人) corrects it; what was just done, or done this afternoon, is today's even when the
paper or meeting is about a period (刚参加完二季度统计工作会); after a demand, the day a thing is to be handed in is
its deadline (节后第一天交上来, 明天中午前交); 六一/七一/八一/五四 are their days; 节后头一个工作日; the two
ledgers named side by side ask for the comparison; figures one asks to see (收文总数现在能看吗) are a query, and
导个…台账的excel an export whose purpose clause names no kind; an item asked about first (收文呢 也是这个月) is a
question for figures; 常委会议室 is a room, 鑫达二期 a project's phase, 〔2026〕27、28号 one series of numbers, and
理论学习中心组 no body; 市委办2，市委督查室1 are counts.

Phrasings written for this test; the batch's own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
JUNE = dt.datetime(2026, 6, 16, 10, 0)  # a Tuesday before 端午 (19-21 June; back at work on the 22nd)


def _parse(text: str, unit: str = "河口镇", now: dt.datetime = JUNE):
    return parse(text, now, LEX, speaker=demo_speaker(unit))


@pytest.mark.parametrize("text", ["*下周二 不是下周三", "*4件", "＊周五上午"])
def test_a_star_before_the_value_corrects_the_last_entry(text: str) -> None:
    assert _parse(text).intent == "correct", text


@pytest.mark.parametrize("text", ["* 明天开会", "**明天开会**"])
def test_a_bullet_or_emphasis_is_no_correction(text: str) -> None:
    assert _parse(text).intent == "record", text


@pytest.mark.parametrize("text, changes", [
    ("碰头会开完了，实到9人，50分钟", {"scale": 9, "duration_minutes": 50}),
    ("防汛调度会开完了，实际到会22人，一个半钟头", {"scale": 22, "duration_minutes": 90}),
    ("用工对接会开完了 实到14人，周镇讲了15分钟左右", {"scale": 14}),  # the batch's
])
def test_a_meeting_held_with_its_actual_figures_corrects_the_one_logged(text: str, changes: dict) -> None:
    intent = _parse(text)
    assert (intent.intent, intent.kind, intent.changes) == ("correct", "meeting", changes), text


def test_figures_told_with_a_new_meeting_record_it() -> None:
    assert _parse("昨天开了安全会，实际到会20人").intent == "record"


@pytest.mark.parametrize("text", [
    "刚参加完县里二季度统计工作会，视频的",  # the batch's
    "刚给县人社局报了园区企业用工监测表（5月）",  # the batch's
    "下午去县统计局报上半年规上工业快报材料",
    "刚把本月的台账报给县委办",
])
def test_what_was_just_done_is_todays_whatever_period_it_is_about(text: str) -> None:
    intent = _parse(text)
    assert (intent.intent, str(intent.date), intent.period) == ("record", "2026-06-16", None), text


def test_a_record_for_a_period_keeps_the_period() -> None:
    intent = _parse("本月执法检查企业二十三家 统一补登一下")
    assert intent.date is None and intent.period is not None and intent.period.label == "本月"


@pytest.mark.parametrize("text, day", [
    ("刚让园区企业填一张消防隐患自查表，节后第一天交上来", "2026-06-16"),
    ("刚在工作群里通知各乡镇报端午值班表了。。明天中午前交", "2026-06-16"),  # the batch's
    ("让各村周五报上来，今天发的通知", "2026-06-16"),
    ("要求各村明天报", "2026-06-16"),  # a due day alone is no day of the demand, made today (README)
])
def test_after_a_demand_the_day_to_hand_in_is_a_deadline(text: str, day: str) -> None:
    assert str(_parse(text).date) == day, text


@pytest.mark.parametrize("text, day", [
    ("六一那天参加了市委办机要保密培训，补一条", "2026-06-01"),
    ("七一当天上午搞个表彰会可以吗", "2026-07-01"),
    ("七一前一天下午开老党员座谈会", "2026-06-30"),
    ("八一前走访慰问，先登个检查", "2026-08-01"),
    ("端午节后头一个工作日开全县组织工作会议", "2026-06-22"),
    ("节后头一个工作日开会", "2026-06-22"),
])
def test_commemorative_days_and_the_first_working_day_after_a_holiday(text: str, day: str) -> None:
    assert str(_parse(text, "县委办").date) == day, text


@pytest.mark.parametrize("text", ["收文七一件", "二十七一个"])
def test_numerals_around_a_short_day_name_stay_numbers(text: str) -> None:
    parsed = _parse(text)
    assert parsed.date is None or parsed.date_assumed, text  # 收文七一件: told today, not 七一's


@pytest.mark.parametrize("text", ["今年以来日常台账跟统计台账 差了哪几条", "上月统计台账和日常台账差几条"])
def test_the_two_ledgers_named_side_by_side_ask_for_the_comparison(text: str) -> None:
    assert _parse(text).intent == "compare", text


def test_one_ledger_named_is_a_question_for_its_figures() -> None:
    assert _parse("统计台账里有几条").intent == "query"


@pytest.mark.parametrize("text", ["上半年收文总数现在能看吗", "本月发文数能查吗"])
def test_figures_one_asks_to_see_are_a_query(text: str) -> None:
    assert _parse(text).intent == "query", text


def test_an_export_asked_politely_takes_no_kind_from_what_it_is_for() -> None:
    intent = _parse("能不能导个本月台账的excel，明天班子会要用")
    assert (intent.intent, intent.kind, intent.period.label) == ("export", None, "本月")
    assert _parse("导出台账，会议的").kind == "meeting"


@pytest.mark.parametrize("text, kind", [("收文呢 也是这个月", "document"), ("开会呢 咱镇召开的，也看下同比", "meeting"),
                                        ("要求各村报的呢，同一时间段", "report")])
def test_an_item_asked_about_first_is_a_question_for_figures(text: str, kind: str) -> None:
    intent = _parse(text)
    assert (intent.intent, intent.kind) == ("query", kind), text


def test_a_time_said_first_with_ne_still_tells() -> None:
    intent = _parse("今天呢 开了两个会")
    assert (intent.intent, intent.quantity) == ("record", 2)


@pytest.mark.parametrize("text", [
    "早上8:30开了个防汛紧急调度会，常委会议室，乡镇视频接入",  # the batch's
    "下午常委会议室又开了个协调会，城区停车的事",
])
def test_a_meeting_room_is_no_second_meeting(text: str) -> None:
    assert _parse(text, "县委办").quantity == 1, text


@pytest.mark.parametrize("text, quantity", [
    ("县委督查室明天来督查重点项目进度，点了鑫达二期", 1),  # the batch's
    ("刚刚给县委督查室报了鑫达二期进度情况说明", 1),
    ("报值守信息1期", 1),
    ("编发简报两期", 2),
    ("收文：市委办2，市委督查室1，今早的", 3),  # the batch's
    ("收文三件：县委组织部1、县人社局1、县医保局1", 3),
    ("今天收文:市爱卫办x2(病媒防制技术指南,创卫复审暗访反馈)", 2),
    ("纪委来文俩", 2),
    ("今日收文：\n县委办 2件\n县政府办 1件\n县卫健局 1件", 4),
    ("今日发文：\n1.关于开展校园欺凌专项治理的通知\n2.关于做好2027年春季学期教材征订工作的通知", 2),
    ("补记上礼拜的,一条一条来哈,上礼拜一县住建局来文俩", 2),
    ("今天收到县应急局两件来文，一件是冬季消防，一件是道路交通安全", 2),
])
def test_counts_phases_and_lists(text: str, quantity: int) -> None:
    assert _parse(text).quantity == quantity, text


def test_a_series_of_document_numbers_is_no_date() -> None:
    assert str(_parse("县委办发〔2026〕27、28号两个，昨天一起印发的", "县委办").date) == "2026-06-15"


def test_a_study_group_is_a_meeting_not_a_body() -> None:
    intent = _parse("6月12号县委理论学习中心组学习，补登", "县委办")
    assert (intent.intent, intent.kind, str(intent.date)) == ("record", "meeting", "2026-06-12")
    assert _parse("县疾控中心来检查").counterpart == "县疾控中心"


@pytest.mark.parametrize("text", [
    "下周三上午约谈上次检查问题最多的4家企业，半小时",
    "发个文通报一下各村上半年招商信息报送排名",
    "督查时要查各村近三年的全部台账资料",
])
def test_words_of_a_statement_ask_for_no_figures(text: str) -> None:
    assert _parse(text).intent == "record", text


def test_whichever_then_is_a_condition() -> None:
    assert _parse("哪个村拿到县领导批示，年底考核就加分").intent != "query"


@pytest.mark.parametrize("text", ["各乡镇本月发文排名", "哪个乡镇发文最多", "本月哪个村报的材料最多？", "近三年的台账"])
def test_rankings_and_windows_asked_for_are_queries(text: str) -> None:
    assert _parse(text).intent == "query", text


@pytest.mark.parametrize("text, quantity", [
    ("收文5件，都是市里的：应急局1、安委办2、减灾委1、森防指1", 5),
    ("昨天党委会专题研究了村级财务巡察整改，这个算一次会", 1),
])
def test_a_breakdown_by_party_and_a_meeting_on_an_inspection(text: str, quantity: int) -> None:
    intent = _parse(text)
    assert intent.quantity == quantity and intent.kind in ("document", "meeting"), text
    assert _parse("昨天党委会专题研究了村级财务巡察整改，这个算一次会").kind == "meeting"


@pytest.mark.parametrize("text, day", [
    ("明天收市委办明电1件 哦不对。。是今天收的", "2026-06-16"),  # the batch's (a day later in its week)
    ("明天开会 哦不对 是后天开", "2026-06-18"),
    ("上周收了县委办一个加急件 当时没登，周三收的", "2026-06-10"),
    ("下周开会，周三开", "2026-06-24"),
    ("5月最后一个工作日开的县委办务会之前没登", "2026-05-29"),
    ("本月最后一个工作日开会", "2026-06-30"),
    ("下个月第一个工作日开会", "2026-07-01"),
])
def test_a_day_corrected_in_the_message_or_placed_in_a_week_or_a_month(text: str, day: str) -> None:
    assert str(_parse(text, "县委办").date) == day, text


@pytest.mark.parametrize("text", ["刚才那个检查是上周四的，不是本周四", "前面记的上周四督查城关镇那个，不是上周四是上周三"])
def test_a_contrast_about_an_entry_is_still_a_correction(text: str) -> None:
    assert _parse(text, "县委办").intent == "correct", text


def test_weekdays_side_by_side_do_not_narrow_a_week_asked_about() -> None:
    assert _parse("本周我办开会几次，有没有周四周五开的", "县委办").period.label == "本周"


def test_figures_an_inspection_looks_at_and_a_study_group() -> None:
    intent = _parse("县统计局下午来核查规上企业统计数据，抽3家企业原始台账")
    assert (intent.intent, intent.kind, intent.direction) == ("record", "inspection", "incoming")
    assert _parse("统计一下本月发文").intent == "query"
    assert _parse("这周三上午县委理论中心组专题学习，常委会议室", "县委办").kind == "meeting"


@pytest.mark.parametrize("text, changes", [
    ("*2件", {"quantity": 2}), ("不对，2件", {"quantity": 2}), ("不对，是2件", {"quantity": 2}),
    ("*4件，有一件县应急局重复发的", {"quantity": 4}),  # the batch's
])
def test_the_right_value_said_alone_after_a_correction_mark(text: str, changes: dict) -> None:
    intent = _parse(text)
    assert (intent.intent, intent.changes) == ("correct", changes), text
    assert str(_parse("*下周二").changes["date"]) == "2026-06-23"
