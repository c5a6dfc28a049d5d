"""Round 49 of issue 13, read from its blind batches after their one scoring (zhuanfa: a town's 村镇建设办副主任
who pastes forwarded notices, 【title】/“title”/转：, and adds what he did; wenmi: a county bureau's office clerk,
一是…二是…, 文号, 截至昨日, 请问…).

A notice said to come from a body (…县交通局来的, …联合发的) or forwarded to us (转：) is received (跟X联合发的 is
ours); a body's section (危改股, 医政处) comes with its body; a demand made of those below is dated the day it is
made, not the day its papers are due (README); the day a phone call came is not the day of the meeting it
announced; copies printed (印了45份) are no items; 订正 corrects like 更正; 请问 is no demand; 本月截至昨日 ends
yesterday; a field asked to be changed politely (人数请改为…) or an entry asked to be updated corrects; what the
sender did about a pasted notice (我去参加, X来调研, 已经报了) is the item unless he says only that it came; an undo
whose reason is a change of plan undoes; and (round 50, zhiban: a county office's duty log, the clock time first) a
day named inside the paper sent (报送昨夜值班情况) is its topic, and a due day's clock (明早9:00前) is due as well;
(round 50, fanti: a township deputy secretary whose phone types 繁體字) traditional characters read as simplified,
and a meeting told as just over (…会开完了) was held today.

Phrasings written for this test; the batches' own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse
from bot.nlu.normalize import normalize

LEX = demo_lexicon()
JUN_9 = dt.datetime(2026, 6, 9, 10, 0)  # a Tuesday


def _parse(text: str, unit: str = "河口镇", now: dt.datetime = JUN_9):  # type: ignore[no-untyped-def]
    return parse(text, now, LEX, demo_speaker(unit))


@pytest.mark.parametrize("text, kind", [
    ("【关于开展农村公路桥梁汛前安全隐患排查的通知】县交通运输局来的，登一下", "document"),  # the batch's
    ("关于做好汛期农房安全排查的通知，县住建局发的", "document"),
    ("转：县住建局关于报送农村低收入群体住房安全保障情况统计表的通知", "document"),
    ("上周五下午县住建局危改股来柳湾村抽查了3户危房改造户", "inspection"),  # the batch's
    ("今天市卫健委医政处来检查", "inspection"),
])
def test_what_a_body_sends_or_brings_is_received(text: str, kind: str) -> None:
    intent = _parse(text)
    assert (intent.intent, intent.kind, intent.direction) == ("record", kind, "incoming"), text


def test_a_paper_issued_jointly_with_a_body_is_ours() -> None:
    intent = _parse("9月7号发了关于做好秋季传染病防控工作的通知，跟卫健局联合发的", "县教育局", dt.datetime(2026, 9, 9, 10))
    assert (intent.kind, intent.direction) == ("document", "outgoing")


@pytest.mark.parametrize("text, day", [
    ("要求柳湾村明天前补报3户危改户的验收资料", "2026-06-09"),  # the batch's
    ("让各村周五前把危房排查表报上来", "2026-06-09"),
    ("要求下河村明天报新批宅基地建房进度", "2026-06-09"),  # the batch's
    ("下周一让村里把秋粮收购的数报上来", "2026-06-15"),  # the day said before the demand is the demand's
    ("上周四要求各村上报退伍士兵返乡情况，1份表", "2026-06-04"),
])
def test_a_demand_is_dated_the_day_it_is_made_not_the_day_papers_are_due(text: str, day: str) -> None:
    intent = _parse(text)
    assert (intent.intent, intent.kind, intent.direction, str(intent.date)) == ("record", "report", "outgoing", day), text


def test_the_day_a_call_came_is_not_the_day_of_the_meeting_it_announced() -> None:
    intent = _parse("今天上午县委办打电话通知下周二去开保密工作会")  # (…去县里开… is still read as ours: left open)
    assert (intent.kind, intent.direction, str(intent.date)) == ("meeting", "incoming", "2026-06-16")


@pytest.mark.parametrize("text, quantity", [
    ("今天给各村的防汛通知印了45份，已经发下去了", 1),
    ("会议材料复印了30份", 1),
    ("今天印发了3份文件", 3),
    ("今天县委办印了两个文，一个会议计划管理办法，一个督查年度计划", 2),
])
def test_copies_printed_are_no_items(text: str, quantity: int) -> None:
    assert _parse(text).quantity == quantity, text


@pytest.mark.parametrize("text", [
    "订正：上午那条收文是3件",
    "昨天的收文数量订正为4件",
    "上周一的疾控工作推进会，参会人数请改为38人。",  # the batch's
    "上午院长例会已开完，实到19人，用时80分钟，请更新这条记录。",  # the batch's
])
def test_corrections_in_other_words(text: str) -> None:
    assert _parse(text, "县卫健局").intent == "correct", text


@pytest.mark.parametrize("text", [
    "请问上周我们向市卫健委报了几份材料？",  # the batch's
    "请问上半年我局向上级报送材料共多少份？",  # the batch's
])
def test_a_polite_question_demands_nothing(text: str) -> None:
    intent = _parse(text, "县卫健局", dt.datetime(2026, 9, 15, 10))
    assert (intent.intent, intent.kind, intent.direction) == ("query", "report", "incoming"), text


@pytest.mark.parametrize("text, start, end", [
    ("请问本月截至昨日，向上级报送材料几份？", "2026-09-01", "2026-09-14"),  # the batch's
    ("今年截至昨天发文多少件", "2026-01-01", "2026-09-14"),
    ("本月截至目前发文多少件", "2026-09-01", "2026-09-15"),
])
def test_a_period_cut_at_a_day(text: str, start: str, end: str) -> None:
    intent = _parse(text, "县卫健局", dt.datetime(2026, 9, 15, 10))
    assert intent.period is not None and (str(intent.period.start), str(intent.period.end)) == (start, end), text


@pytest.mark.parametrize("text, kind", [
    ("转：县农业农村局关于召开全县农村人居环境整治提升现场推进会的通知。\n周三上午我去参加", "meeting"),  # the batch's
    ("【关于开展传统村落保护利用情况调研的通知】县住建局下周三来石桥村调研", "inspection"),  # the batch's
    ("转：县住建局关于报送农村危房排查进度的通知\n今天已经报了", "report"),
    ("县委办关于召开全县保密工作会议的通知收到了", "document"),  # only that it came: the notice is the item
    ("【关于开展自建房整治督导的通知】县住建局的，收到，下周他们来督导", "document"),
])
def test_what_the_sender_did_about_a_pasted_notice_is_the_item(text: str, kind: str) -> None:
    intent = _parse(text)
    assert (intent.intent, intent.kind, intent.direction) == ("record", kind, "incoming"), text


def test_an_undo_with_its_reason_a_change_of_plan_undoes() -> None:
    assert _parse("刚才那条农房审批工作会删掉，会改到下周了").intent == "undo"  # the batch's
    assert _parse("刚才那条会议日期改到下周").intent == "correct"


@pytest.mark.parametrize("text, day, time", [
    ("7:40 向市委总值班室报送昨夜值班情况1份。", "2026-07-27", "07:40"),  # the round-50 batch's
    ("13:40 向市委办报送上周值班工作周报1份。", "2026-07-27", "13:40"),  # the round-50 batch's
    ("16:35 通知县卫健局明早9:00前报送汛期医疗救护力量部署情况。", "2026-07-27", "16:35"),  # the round-50 batch's
])
def test_a_duty_log_line_is_dated_by_its_clock_not_by_its_papers_topic_or_due_day(text: str, day: str, time: str) -> None:
    intent = _parse(text, "县委办", dt.datetime(2026, 7, 27, 16, 50))
    assert (str(intent.date), str(intent.time)[:5]) == (day, time), text


@pytest.mark.parametrize("text, intent, kind, direction", [
    ("縣委政法委今年給我們發了幾個文？", "query", "document", "incoming"),  # the round-50 batch's
    ("上週五鄉裏給縣委辦報了基層減負工作4月份台賬。", "record", "report", "incoming"),  # the round-50 batch's
    ("5月7日縣委政法委來暗訪平安建設，走了馬鞍村和新田村。", "record", "inspection", "incoming"),  # the round-50 batch's
    ("本月的雙台賬比對一下。", "compare", None, None),  # the round-50 batch's
])
def test_a_message_typed_in_traditional_characters_reads_as_simplified(
        text: str, intent: str, kind: str | None, direction: str | None) -> None:
    got = _parse(text, "白沙乡", dt.datetime(2026, 5, 20, 10))
    assert (got.intent, got.kind, got.direction) == (intent, kind, direction), text


def test_the_characters_dialects_are_written_with_stay_for_the_dialect_reader() -> None:
    assert normalize("头先嗰条唔要，撤咗佢") == "刚才那条不要,撤了它"  # 嗰, not OpenCC's 𠮶
    assert normalize("箇个月收文比上个月多还是少") == "这个月收文比上个月多还是少"  # Gan 箇, not 个
    assert normalize("推進會開完了。會上縣委政法委又發了一份") == "推进会开完了,会上县委政法委又发了一份"


def test_a_meeting_told_as_just_over_was_held_today() -> None:
    intent = _parse("推進會開完了。會上縣委政法委又發了一份《平安建设考评细则（试行）》，登記收文一件。", "白沙乡")
    assert (intent.kind, intent.direction, str(intent.date)) == ("document", "incoming", "2026-06-09")
    assert _parse("等会开完了再说").date is None


def test_what_an_inspection_looked_at_is_no_question() -> None:
    text = "补登：9月11日市卫健委医政医管处来我县开展医疗机构依法执业专项检查，重点查看县人民医院和城关镇卫生院。"  # the batch's
    intent = _parse(text, "县卫健局", dt.datetime(2026, 9, 15, 10))
    assert (intent.intent, intent.kind, intent.direction, str(intent.date)) == ("record", "inspection", "incoming", "2026-09-11")
    assert _parse("帮我查看一下本月收文", "县卫健局").intent == "query"


def test_simplified_characters_t2s_would_rewrite_stay_in_names() -> None:
    assert normalize("乾溪村昨天发文2件，於梅参加") == "乾溪村昨天发文2件,於梅参加"  # (t2s: 干溪村, 于梅)
    assert normalize("然後開會") == "然后开会"
    assert normalize("開會\ud83d") == "開會\ud83d"  # half an emoji: nothing converted, nothing raised


@pytest.mark.parametrize("text, kind, direction", [
    ("《关于召开春耕推进会的通知》我去印一下发各村", "document", "outgoing"),  # 我去 to print it: no meeting attended
    ("转：我镇关于做好防汛工作的通知，请各村落实", "document", "outgoing"),  # our own paper forwarded
])
def test_a_pasted_notice_not_acted_on_stays_the_paper_it_is(text: str, kind: str, direction: str) -> None:
    intent = _parse(text, "城关镇")
    assert (intent.kind, intent.direction) == (kind, direction), text


def test_a_meeting_just_over_keeps_the_period_said_and_a_while_is_no_meeting() -> None:
    intent = _parse("上周的安全生产会开完了，登记一下", "城关镇")
    assert intent.date is None and intent.period is not None and intent.period.label == "上周"
    assert _parse("等会开完了我给你回电话", "城关镇").date is None


@pytest.mark.parametrize("text, intent", [
    ("两台账对一下 今年以来的", "compare"),  # the round-51 batch's
    ("上個月日常台賬和減負統計台賬對一下，看差在哪。", "compare"),  # the round-50 batch's
    ("两台电脑坏了", "unknown"),
    ("局务会时间不对 是九点不是九点半", "correct"),  # the round-51 batch's: a space for the comma
])
def test_a_leaders_terse_words(text: str, intent: str) -> None:
    assert _parse(text, "县应急管理局", dt.datetime(2026, 3, 4, 10)).intent == intent, text


@pytest.mark.parametrize("text, kind", [
    ("县委督查室下午来督导两会安保准备 记上", "inspection"),  # the round-51 batch's
    ("市局明天来查两会安保", "inspection"),
    ("参加了县两会", "meeting"),
])
def test_the_two_sessions_named_as_a_time_are_no_meeting(text: str, kind: str) -> None:
    assert _parse(text, "县应急管理局", dt.datetime(2026, 3, 4, 10)).kind == kind, text
