"""Round 17 of issue 13, read from its blind batches (wendian, caizheng) after their one pre-fix scoring:
a bookkeeper's total (…，计5件) is the count; 冲销/冲掉 an entry takes it out; 己 typed for 已 is 已; an entry named
in a clause of its own and then moved (那个检查，推迟到下周一) or named by its number with a field wrong (…号标题录错了，
应为…) is corrected; the county office speaks for the county (县委召开…, 县委督查室赴…督查 are its own work); 回头看
inspects, and so does an office of ours going to look; a meeting held during an inspection is the item; a festival
that is a filing's topic is no day of it; a notice that arrived, an incident or a demand that set an act off dates
nothing when the act has its own day, and a deadline is no day when another is given; 节后到现在 counts from the
end of the days off; 本年累计 runs to today; 记了多少笔 asks the ledger; a clock time dates a meeting whose quarter is
its topic; 情况说明 is a paper reported and 密件 a document received.

Phrasings written for this test; the batch's own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse
from bot.nlu.normalize import normalize

LEX = demo_lexicon()
MARCH = dt.datetime(2026, 3, 12, 10, 0)  # a Thursday, after 春节's days off (15–23 February)
OCTOBER = dt.datetime(2026, 10, 21, 10, 0)  # a Wednesday


def _parse(text: str, now: dt.datetime = OCTOBER, unit: str = "白沙乡"):
    return parse(text, now, LEX, speaker=demo_speaker(unit))


@pytest.mark.parametrize(("text", "quantity"), [
    ("补登上周收文：省委办2件，市委办3件，计5件。", 5),  # the batch's
    ("今天收县政府办来文1件、县纪委2件，计3件", 3),
    ("发文：党委2件\n政府4件\n计6件", 6),
    ("昨天统计2份，今天统计3份", 5),  # 统计 is no total
])
def test_a_bookkeepers_total_is_the_count(text: str, quantity: int) -> None:
    assert _parse(text).quantity == quantity, text


@pytest.mark.parametrize("text", [
    "昨天医保动员会那笔重复了，记了两遍，冲销一笔。",  # the batch's
    "上午那笔收文登重了，冲掉",
    "周一那笔防火会冲销吧",
])
def test_taking_an_entry_back_out_is_undo(text: str) -> None:
    assert _parse(text).intent == "undo", text


def test_ji_typed_for_yi_reads_as_done() -> None:
    intent = _parse("材料今天己报县委办")
    assert (intent.intent, intent.kind, intent.direction, intent.date) == (
        "record", "report", "incoming", OCTOBER.date())
    assert normalize("这是他自己报的，知己知彼") == "这是他自己报的,知己知彼"  # 自己/知己 keep their 己


@pytest.mark.parametrize(("text", "unit"), [
    ("昨天说的县应急局那个检查，推迟到下周一了，10月26日。", "白沙乡"),  # the batch's
    ("上周登记的那个调度会，改到周五了", "白沙乡"),
    ("示委办发〔2026〕12号标题录错了，应为《关于做好清明期间值班工作的通知》，改一下。", "县委办"),  # the batch's
    ("3号那个文件日期写错了，应为3月4日", "县委办"),
])
def test_an_entry_named_then_changed_is_corrected(text: str, unit: str) -> None:
    assert _parse(text, unit=unit).intent == "correct", text


@pytest.mark.parametrize(("text", "kind"), [
    ("元宵节当天县委召开节后重点项目推进会，漏登，补上。", "meeting"),  # the batch's
    ("县委今天召开全县经济工作会", "meeting"),
    ("县委督查室本周二对河口镇安全生产整改情况开展回头看，计1次，补登。", "inspection"),  # the batch's
    ("县委督查室明天去河口镇看秸秆禁烧", "inspection"),
])
def test_the_county_office_speaks_for_the_county(text: str, kind: str) -> None:
    intent = _parse(text, MARCH, "县委办")
    assert (intent.intent, intent.kind, intent.direction) == ("record", kind, "outgoing"), text


@pytest.mark.parametrize("text", ["县委今天召开全县经济工作会，乡里主要领导参加", "县委督查室明天来乡里督查秸秆禁烧"])
def test_for_a_town_the_county_is_above(text: str) -> None:
    assert _parse(text, MARCH).direction == "incoming", text


def test_a_meeting_held_during_an_inspection_is_the_item() -> None:
    intent = _parse("下周三市委督查室回头看的时候要召开一个汇报会，我们也要去参加", unit="县教育局")
    assert (intent.kind, intent.direction) == ("meeting", "incoming")
    demand = _parse("督查的时候让各村把台账准备好")
    assert demand.kind == "inspection"  # a demand made within it: the inspection frames it


def test_a_festival_a_filing_is_about_is_no_day_of_it() -> None:
    intent = _parse("一事一报：计划外发文1件，关于清明期间森林防火，拟明日印发，请审批。", MARCH, "县委办")  # the batch's
    assert (intent.intent, intent.date) == ("file", dt.date(2026, 3, 13))
    intent = _parse("拟后天印发关于国庆期间值班安排的通知，请审批", dt.datetime(2026, 9, 21, 10), "县教育局")
    assert (intent.intent, intent.date) == ("file", dt.date(2026, 9, 23))


@pytest.mark.parametrize(("text", "now", "day"), [
    ("周五参加市委巡察工作动员会，通知刚到，先登记。", MARCH, dt.date(2026, 3, 13)),  # the batch's
    ("下周一参加县里的秋冬防火调度会，通知才到", OCTOBER, dt.date(2026, 10, 26)),
    ("昨天下午接市委办电话通知，今天上午已把一季度督查计划报过去了，计1份。", MARCH, dt.date(2026, 3, 12)),  # the batch's
    ("上周五县财政局来电话，我们明天报1份村级债务表", OCTOBER, dt.date(2026, 10, 22)),
    ("前天晚上石门村火点的事，昨天下午5点在村委会开了个碰头会", OCTOBER, dt.date(2026, 10, 20)),
    ("15号县委办来文要求25号前报的减负月报表，今天己报，上报材料1份。", OCTOBER, dt.date(2026, 10, 21)),  # the batch's
    ("周一县政府来文两件，周二又来一件", OCTOBER, dt.date(2026, 10, 19)),  # another item, not the first's act
])
def test_the_day_of_the_act_not_of_what_set_it_off(text: str, now: dt.datetime, day: dt.date) -> None:
    assert _parse(text, now).date == day, text


def test_a_question_today_about_a_meeting_after_last_nights_incident() -> None:
    intent = _parse("高坡村昨晚起了个小火点，乡里今天下午能开个森林防火应急会吗？")  # the batch's
    assert (intent.intent, intent.date) == ("check", OCTOBER.date())


@pytest.mark.parametrize(("text", "now", "start"), [
    ("节后到现在，要求下面报材料多少次？", MARCH, dt.date(2026, 2, 24)),  # the batch's
    ("收假后至今开了几个会", MARCH, dt.date(2026, 2, 24)),
    ("节后以来收文多少", dt.datetime(2026, 10, 20, 10), dt.date(2026, 10, 8)),
    ("国庆以后收了几个文", dt.datetime(2026, 10, 20, 10), dt.date(2026, 10, 1)),  # a festival named: from its day
])
def test_after_the_holiday_until_now(text: str, now: dt.datetime, start: dt.date) -> None:
    intent = _parse(text, now)
    assert intent.intent == "query" and intent.period is not None, text
    assert (intent.period.start, intent.period.end) == (start, now.date()), text


@pytest.mark.parametrize(("text", "start"), [
    ("本年累计发文多少件？党委、政府分开列一下。", dt.date(2026, 1, 1)),  # the batch's
    ("本月累计收文多少", dt.date(2026, 10, 1)),
])
def test_cumulative_figures_run_to_today(text: str, start: dt.date) -> None:
    period = _parse(text).period
    assert period is not None and (period.start, period.end) == (start, OCTOBER.date()), text
    whole = _parse("今年发文多少").period
    assert whole is not None and whole.end == dt.date(2026, 12, 31)


def test_entries_counted_by_the_stroke_ask_the_ledger() -> None:
    assert _parse("这个月乡里一共记了多少笔？").intent == "query"
    assert _parse("上周登了几条").intent == "query"


def test_a_clock_time_dates_a_meeting_whose_quarter_is_its_topic() -> None:
    intent = _parse("下午3点参加县财政局三季度财政运行分析视频会，记一笔。")  # the batch's (shortened)
    assert (intent.kind, intent.direction, intent.date) == ("meeting", "incoming", OCTOBER.date())


@pytest.mark.parametrize(("text", "kind", "direction"), [
    ("县委办今天要我乡报“三个凡是”落实情况，报了1份说明。", "report", "incoming"),  # the batch's
    ("今天给县纪委报了一份情况说明", "report", "incoming"),
    ("今日收密件2件，机要渠道，只登数量。", "document", "incoming"),  # the batch's (shortened)
])
def test_papers_by_their_names(text: str, kind: str, direction: str) -> None:
    intent = _parse(text)
    assert (intent.intent, intent.kind, intent.direction) == ("record", kind, direction), text


@pytest.mark.parametrize(("text", "kind", "direction"), [
    ("我们报1份，今天就报", "report", "incoming"),
    ("县财政局要预算草案，报2份", "report", "incoming"),
    ("乡政府给县财政局上个请示，申请追加秋冬防火经费", "document", "outgoing"),  # the batch's (shortened)
    ("发了2份文件", "document", "outgoing"),
])
def test_copies_sent_up_and_a_request_for_instructions(text: str, kind: str, direction: str) -> None:
    intent = _parse(text)
    assert (intent.kind, intent.direction) == (kind, direction), text


def test_a_meeting_not_held_is_no_item_of_a_visit() -> None:
    intent = _parse("今天上午市委督查室到我县督查复工复产，随机走访2个企业，未开汇报会。", MARCH, "县委办")  # the batch's
    assert (intent.kind, intent.direction) == ("inspection", "incoming")
    asked = _parse("市里来督查，不开汇报会行不行", MARCH, "县委办")
    assert (asked.intent, asked.kind) == ("check", "meeting")  # asked, the meeting not held is what is asked about


def test_the_county_office_convenes_in_the_county() -> None:
    intent = _parse("明天让乡镇主要负责同志来县里开个会，其实视频也能开，合适吗", MARCH, "县委办")  # the batch's
    assert (intent.intent, intent.kind, intent.direction) == ("check", "meeting", "outgoing")
    town = _parse("明天县里开个会，乡镇主要负责同志参加", MARCH, "青山镇")
    assert town.direction == "incoming"


@pytest.mark.parametrize("text", ["明天上午市委督查室电话回访重点项目推进情况", "市委督查室13号回访整改 记一下"])
def test_an_upper_body_that_follows_up_inspects_us(text: str) -> None:
    intent = _parse(text, MARCH, "青山镇")
    assert (intent.kind, intent.direction) == ("inspection", "incoming"), text


def test_looking_on_the_spot_inspects_and_asks_nothing() -> None:
    intent = _parse("县委督查室今日起赴白沙乡、河口镇督查春耕备耕，实地查看，为期2天。", MARCH, "县委办")  # the batch's
    assert (intent.intent, intent.kind, intent.date) == ("record", "inspection", MARCH.date())
    assert _parse("帮我查看本月台账").intent != "record"


def test_a_list_of_meetings_asks_for_meetings() -> None:
    intent = _parse("3月1日至今会议清单发我看下", MARCH, "县委办")  # the batch's
    assert (intent.intent, intent.kind) == ("query", "meeting")
    assert _parse("让各村报一份低保清单").kind == "report"


@pytest.mark.parametrize("text", ["收文要按什么格式发给你", "发啥格式你才认得", "记一个会要说哪些内容才能记全"])
def test_asking_what_the_bot_reads_asks_for_help(text: str) -> None:
    assert _parse(text).intent == "help", text


@pytest.mark.parametrize(("text", "intent"), [
    ("中午食堂吃什么，有人晓得不", "unknown"),
    ("晚上食堂有包子吗", "unknown"),
    ("检查组中午在食堂吃工作餐，能喝点酒不", "check"),  # hosting a visit: I19
    ("上级来人，中午安排个便饭行不行", "check"),
])
def test_lunch_is_small_talk_unless_a_visit_is_hosted(text: str, intent: str) -> None:
    assert _parse(text).intent == intent, text
