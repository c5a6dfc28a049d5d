"""Classes read from round 63's misses after its one scoring (yjbgs: a safety bureau's office clerk logging papers
by number; minban: an education bureau's section chief for private schools).

多少 asks a quantity wherever it stands (…报给市局的材料有多少份 was recorded); a series of 文号 (〔2026〕27号、28号)
is that many papers, none of its numbers a day, and a sender's name written before its code (县委办示办发…) is the
counterpart; 又来1个 beside a morning's count adds to it; a day after a verb and before an item (回访18号督查问题)
names the earlier item; a 《…清单》 is a paper; item names run into a form (发文开会统计表) are what it counts; a
paper with its demand received (收到…通知，让报…统计) is the paper; attending somewhere (在县委党校参加…培训班, 从县政府
常务会回来) is another's meeting; a party asking us for a copy (县委办要一份…情况) demands a paper; a meeting
headed by its last noun however long its topic (…督查检查考核计划执行情况通报会); 已报 with whom tells; a joint
check, then a notice handed over on the spot, is the check; an Excel of a period asked for in a later clause is an
export; an entry named and something to add to it (…那条，…也参加了，加上) is a correction; how to write a 文号 or
what to type is help; a notice named after 的 is a paper; what the item is for (…的时候用) is context; a demand
due before a holiday (寒假前) was made today.

Phrasings written for this test; the batches' own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
AUG_24 = dt.datetime(2026, 8, 24, 10, 0)  # a Monday
JAN_13 = dt.datetime(2026, 1, 13, 10, 0)  # a Tuesday


def _safety(text: str, now: dt.datetime = AUG_24):  # type: ignore[no-untyped-def]
    return parse(text, now, LEX, demo_speaker("县应急管理局"))


def _schools(text: str, now: dt.datetime = JAN_13):  # type: ignore[no-untyped-def]
    return parse(text, now, LEX, demo_speaker("县教育局"))


@pytest.mark.parametrize("text", [
    "去年全年报给市局的材料有多少份",  # minban
    "今年报给市局的材料有多少份",
    "这个月收到的文件一共是多少",
    "上级来文多少件",
])
def test_how_many_asks_and_is_never_recorded(text: str) -> None:
    assert _schools(text).intent == "query"


def test_how_many_asks_for_its_period() -> None:
    intent = _schools("去年全年报给市局的材料有多少份")
    assert intent.period is not None and (intent.period.start, intent.period.end) == (
        dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.mark.parametrize(("text", "quantity", "counterpart"), [
    ("收到县政府办示政办发〔2026〕27号、28号两个文，今天上午到的", 2, "县政府办"),  # yjbgs
    ("收到县委办示办发〔2026〕34号、35号", 2, "县委办"),  # yjbgs
    ("收到市应急管理局示应急发〔2026〕3号、5号、9号", 3, "市应急管理局"),
])
def test_a_series_of_numbers_is_that_many_papers_received(text: str, quantity: int, counterpart: str) -> None:
    intent = _safety(text)
    assert (intent.intent, intent.kind, intent.direction, intent.date) == ("record", "document", "incoming",
                                                                           AUG_24.date())
    assert intent.quantity == quantity and intent.counterpart == counterpart


def test_a_series_issued_is_that_many_papers() -> None:
    intent = _safety("今天局里给四个乡镇印发了示应急发〔2026〕46号、47号")  # yjbgs
    assert (intent.kind, intent.direction, intent.quantity) == ("document", "outgoing", 2)
    assert intent.doc_number == "示应急发〔2026〕46号"


def test_a_short_code_keeps_its_issuer() -> None:
    assert _safety("今天印发县委发〔2026〕12号").doc_number == "县委发〔2026〕12号"


@pytest.mark.parametrize(("text", "quantity"), [
    ("今天上午收到市应急管理局2个文，下午又来1个", 3),  # yjbgs
    ("上午收了3个文，下午又来2个", 5),
    ("这个月已经收文12件了，今天又来了2件", 2),
    ("发了两个文，一个是通知，一个是方案", 2),
])
def test_more_come_later_add_unless_beside_a_running_total(text: str, quantity: int) -> None:
    assert _safety(text).quantity == quantity


def test_an_undo_is_not_asked_by_the_few_numbers_it_names() -> None:
    intent = _safety("撤销刚才那条灾情统计，电话里报的几个数不算报材料")  # yjbgs
    assert intent.intent == "undo"


@pytest.mark.parametrize("text", ["今年开的几个会？", "开了几个会", "这个月收了县里的几个文"])
def test_how_many_with_its_noun_still_asks(text: str) -> None:
    assert _safety(text).intent == "query"


@pytest.mark.parametrize(("text", "kind"), [
    ("下午2点半县委督查室来回访18号督查问题的整改情况", "inspection"),  # yjbgs
    ("下午传达学习20号全市会议精神", "meeting"),
])
def test_a_day_naming_an_earlier_item_is_not_the_day(text: str, kind: str) -> None:
    intent = _safety(text)
    assert (intent.kind, intent.date) == (kind, AUG_24.date())


@pytest.mark.parametrize("text", [
    "12月26号收到市局《民办学校办学行为负面清单》，补一下",  # minban
    "收到县委办《减负工作任务清单》",
])
def test_a_list_by_title_is_a_paper(text: str) -> None:
    intent = _schools(text)
    assert (intent.kind, intent.direction) == ("document", "incoming")


@pytest.mark.parametrize("text", [
    "2025年度发文开会统计表报给县委办减负办了",  # minban
    "发文开会统计表报给县委办了",
    "会议、发文统计表报给县委办了",
])
def test_item_names_run_into_a_form_are_its_topic(text: str) -> None:
    intent = _schools(text, dt.datetime(2026, 1, 14, 10, 0))
    assert (intent.intent, intent.kind, intent.direction, intent.date) == ("record", "report", "incoming",
                                                                           dt.date(2026, 1, 14))


def test_a_form_of_papers_demanded_below_stays_a_demand() -> None:
    intent = _schools("让各村报会议统计表")
    assert (intent.kind, intent.direction) == ("report", "outgoing")


@pytest.mark.parametrize("text", [
    "今天收到县委办减负办的通知，让报2025年度发文开会督查统计",  # minban
    "今天收到县委办的通知，让报发文统计",
])
def test_a_notice_received_with_its_demand_is_the_notice(text: str) -> None:
    intent = _schools(text)
    assert (intent.kind, intent.direction) == ("document", "incoming")


@pytest.mark.parametrize("text", [
    "局长刚从县政府常务会回来，会上我局汇报了防汛备汛和汛后安全工作",  # yjbgs
    "补记：12号在县委党校参加全县领导干部应急管理专题培训班，局班子成员参加",  # yjbgs
    "我刚从市里的培训班回来",
])
def test_attending_somewhere_is_anothers_meeting(text: str) -> None:
    intent = _safety(text)
    assert (intent.kind, intent.direction) == ("meeting", "incoming")


def test_a_meeting_in_our_own_room_is_ours() -> None:
    assert _safety("明天在局会议室召开全体干部会议").direction == "outgoing"


@pytest.mark.parametrize("text", [
    "明天上午县委办要一份应急物资储备情况，今晚整理，明天一早报",  # yjbgs
    "县政府办要了一份汛后隐患排查情况",
])
def test_a_party_asking_for_a_copy_demands_a_paper_of_us(text: str) -> None:
    intent = _safety(text)
    assert (intent.kind, intent.direction) == ("report", "incoming")


@pytest.mark.parametrize("text", [
    "下周一上午参加县委办组织的督查检查考核计划执行情况通报会",  # yjbgs
    "明天参加县政府组织的安全生产检查工作推进情况汇报会",
])
def test_a_meeting_is_headed_by_its_last_noun(text: str) -> None:
    intent = _safety(text)
    assert (intent.kind, intent.direction) == ("meeting", "incoming")


def test_handed_in_with_whom_tells() -> None:
    intent = _schools("年检准备情况自查报告已报市教育局")  # minban
    assert (intent.intent, intent.kind, intent.direction, intent.date) == ("record", "report", "incoming",
                                                                           JAN_13.date())


@pytest.mark.parametrize("text", [
    "下午和县市场监管局联合查了城关6家校外培训机构，2家收费公示不规范，当场下了整改通知",  # minban
    "上午和县消防大队联合查了3家民办园，现场下达整改通知书",
])
def test_a_notice_handed_over_on_the_spot_is_part_of_the_check(text: str) -> None:
    intent = _schools(text)
    assert (intent.kind, intent.direction) == ("inspection", "outgoing")


@pytest.mark.parametrize("text", [
    "局办要我们补全去年的会议台账，先导个2025年全年的Excel给我",  # minban
    "导个2025年全年的Excel",
])
def test_an_excel_of_a_period_is_an_export(text: str) -> None:
    intent = _schools(text)
    assert intent.intent == "export" and intent.period is not None and intent.period.start == dt.date(2025, 1, 1)


def test_an_entry_named_with_something_to_add_is_a_correction() -> None:
    intent = _schools("昨天下午市局视频调度会那条，计财股李股长也参加了，加上", dt.datetime(2026, 1, 14, 10, 0))  # minban
    assert intent.intent == "correct"


def test_a_meeting_told_then_add_it_is_recorded() -> None:
    assert _schools("昨天开了个会，加上").intent == "record"


@pytest.mark.parametrize("text", [
    "收文登记的时候要不要写文号？写了有啥用",  # yjbgs
    "怎么看我们局一个月的统计？打什么字",  # yjbgs
    "登记的时候需要写上标题吗",
])
def test_how_to_put_it_to_the_bot_is_help(text: str) -> None:
    assert _safety(text).intent == "help"


def test_a_notice_named_after_of_is_a_paper() -> None:
    intent = _schools("市局的寒假招生通知已经直接发到各民办学校了，我们局还要再转发一次吗")  # minban
    assert (intent.intent, intent.kind, intent.direction) == ("check", "document", "outgoing")


def test_a_notice_demanding_stays_a_demand() -> None:
    intent = _schools("镇里的通知要求各村周五前报花名册")
    assert (intent.kind, intent.direction) == ("report", "outgoing")


def test_what_the_item_is_for_is_context() -> None:
    intent = _safety("9月10号想印一本安全生产资料汇编，迎接市里检查的时候用，可以吗")  # yjbgs
    assert (intent.intent, intent.kind, intent.direction) == ("check", "document", "outgoing")


@pytest.mark.parametrize("text", [
    "要求各培训机构寒假前报送寒假班次和收费备案表",  # minban
    "让各校开学前把安全排查表交上来",
])
def test_a_demand_due_before_a_holiday_was_made_today(text: str) -> None:
    intent = _schools(text)
    assert (intent.intent, intent.kind, intent.direction, intent.date) == ("record", "report", "outgoing",
                                                                           JAN_13.date())
