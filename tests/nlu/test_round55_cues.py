"""Classes read from round 55's misses after its one scoring (zhongying: a teaching-research office typing English
words of the work; gongwen: a town office head in the formal 公文 register), and older items left open.

Help asked as "how do I …" about the bot's own operations (怎么代学校登记, 如何表述, …？怎么设置, 何种格式, 表述模板);
an entry named by its day (本周三下午的听课调研，改到…) or by 登记的/原条目 corrected with 补充为 or a field 为 its
value, and undone by a clause that opens with the verb (…，请删除本人所登的一条); a body above the county that
notifies us (市委督查室通知，…到我镇督查) is the other party, and the visit it announces the item; what was done
during a visit (期间召开座谈会) is part of it; 《…法》贯彻实施情况执法检查 is an inspection; a filing made before
(已于昨日报备) is no filing and its day no item's day; 较上月是否有所减少 asks for figures; a paper sent in (发来一个
便函) is told as done and the day it wants papers by is no day of it; a word ending before a key word's sound (季度导)
is no homophone; a greeting alone asks nothing; 4件是通知 describes some of a count said before; a body named after
哦不对 replaces the body named before it.

Phrasings written for this test; the batches' own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
MAR_23 = dt.datetime(2026, 3, 23, 10, 0)  # a Monday
OCT_21 = dt.datetime(2026, 10, 21, 10, 0)  # a Wednesday


def _parse(text: str, unit: str = "河口镇", now: dt.datetime = MAR_23):  # type: ignore[no-untyped-def]
    return parse(text, now, LEX, demo_speaker(unit))


@pytest.mark.parametrize("text", [
    "这个bot怎么代学校登记？比如青山镇中心校自己开的会",  # zhongying
    "bot能不能每周一自动把周分析推给我？怎么设置",  # zhongying
    "请问如需代石桥村登记其收到的上级来文，应当如何表述，是否需要注明代登记单位？",  # gongwen
    "请问应当按照何种格式进行登记？",
    "有没有规范的表述模板可以参照",
    "推送时间怎么设置",
    "怎么代村里登记收文",
])
def test_how_to_use_the_bot_is_help(text: str) -> None:
    assert _parse(text).intent == "help", text


@pytest.mark.parametrize("text", ["会场怎么设置", "这个通知如何表述比较合适"])
def test_how_to_do_the_work_itself_is_no_help(text: str) -> None:
    assert _parse(text).intent != "help", text


@pytest.mark.parametrize("text, changes", [
    ("本周三下午的听课调研，改到周二下午", {"date": dt.date(2026, 3, 24), "daypart": "afternoon"}),  # zhongying
    ("明天的会，推迟到下周一", {"date": dt.date(2026, 3, 30)}),
    ("请将今日下午登记的征地拆迁工作专题协调会的地点补充为镇政府三楼会议室。", {"location": "镇政府三楼会议室"}),  # gongwen
    ("昨天登记的那个会，地点补充为镇政府三楼会议室", {"location": "镇政府三楼会议室"}),
    ("昨日登记的今日下午县信访工作联席会议，经确认参会人员为分管副镇长1人，请在原条目中补充参会人员信息。",
     {"scale": 1}),  # gongwen
])
def test_an_entry_named_by_its_day_or_as_logged_is_corrected(text: str, changes: dict[str, object]) -> None:
    parsed = _parse(text)
    assert (parsed.intent, {k: parsed.changes.get(k) for k in changes}) == ("correct", changes), text


@pytest.mark.parametrize("text", [
    "3月16日补登的农村人居环境整治工作推进会一条，与镇综合办所登记条目重复，请删除本人所登的一条。",  # gongwen
    "刚才那条，删掉",
])
def test_an_undo_verb_opening_a_clause_undoes(text: str) -> None:
    assert _parse(text).intent == "undo", text


@pytest.mark.parametrize("text, counterpart", [
    ("市委督查室通知，定于下周二（3月31日）到我镇督查2026年重点项目推进情况，特此登记。", "市委督查室"),  # gongwen
    ("市应急局通知，明天到我镇检查", "市应急局"),
    ("县委办通知，下周二来我镇督查重点项目", "县委办"),
])
def test_a_body_above_notifying_a_visit_records_the_visit_it_announces(text: str, counterpart: str) -> None:
    parsed = _parse(text)
    assert (parsed.intent, parsed.kind, parsed.direction, parsed.counterpart) == (
        "record", "inspection", "incoming", counterpart), text


@pytest.mark.parametrize("text, subtype", [
    ("3月20日上午，县委办减负办到我镇调研基层减负工作落实情况，期间召开座谈会1场，镇村干部12人参加，特此登记。", "调研"),
    ("县委办到我镇调研减负工作，期间开了个座谈会", "调研"),
    ("今日下午，县人大常委会执法检查组到我镇开展《中华人民共和国森林法》贯彻实施情况执法检查，特此登记。", "检查"),
    ("市人大来检查《森林法》落实情况", "检查"),
])
def test_the_visit_is_the_item_not_what_was_held_during_it_nor_the_law_named(text: str, subtype: str) -> None:
    parsed = _parse(text)
    assert (parsed.intent, parsed.kind, parsed.direction, parsed.subtype) == (
        "record", "inspection", "incoming", subtype), text


def test_a_document_named_in_a_notice_received_stays_a_document() -> None:
    parsed = _parse("收到《关于开展安全生产检查的通知》")
    assert (parsed.kind, parsed.direction) == ("document", "incoming")


@pytest.mark.parametrize("text, kind, day", [
    ("我镇于今日以镇政府名义印发《河口镇2026年防汛抗旱工作预案》（河政发〔2026〕7号），该文件已于昨日报备，特此登记。",
     "document", dt.date(2026, 3, 23)),  # gongwen
    ("下礼拜一阮站去各村查免疫档案，抽5个村，已经报备过了", "inspection", dt.date(2026, 3, 30)),
    ("昨天开了安全会，前天已经报备过", "meeting", dt.date(2026, 3, 22)),
])
def test_a_filing_made_before_is_no_filing_and_its_day_no_item_day(text: str, kind: str, day: dt.date) -> None:
    parsed = _parse(text)
    assert (parsed.intent, parsed.kind, parsed.date) == ("record", kind, day), text


def test_a_filing_asked_for_is_still_a_filing() -> None:
    assert _parse("报备：下周三开安全生产会").intent == "file"


@pytest.mark.parametrize("text, compare", [
    ("请问本镇3月份要求各村（社区）报送的材料共有多少份，较2月份是否有所减少？", "mom"),  # gongwen
    ("本月发文较上月是否有所减少", "mom"),
    ("今年的会比去年少了吗", "yoy"),
])
def test_whether_a_figure_fell_asks_for_the_figures(text: str, compare: str) -> None:
    parsed = _parse(text)
    assert (parsed.intent, parsed.compare) == ("query", compare), text


def test_a_paper_sent_in_is_done_and_the_due_day_it_names_is_not_its_day() -> None:
    parsed = _parse("市局教研室发来一个便函，让我们下周报优质课参赛名单", "县教育局", OCT_21)  # zhongying
    assert (parsed.intent, parsed.kind, parsed.direction, parsed.date, parsed.period, parsed.date_assumed) == (
        "record", "document", "incoming", OCT_21.date(), None, True)


def test_a_paper_that_will_be_sent_is_not_done() -> None:
    parsed = _parse("市局会发来一个通知", "县教育局", OCT_21)
    assert not parsed.date_assumed and parsed.date is None


@pytest.mark.parametrize("text, start", [
    ("本季度导一份Excel台账，县委办要", dt.date(2026, 10, 1)),  # zhongying: 度导 is no 督导
    ("本季度导一份台账", dt.date(2026, 10, 1)),
])
def test_a_word_closing_before_a_key_words_sound_is_no_homophone(text: str, start: dt.date) -> None:
    parsed = _parse(text, "县教育局", OCT_21)
    assert (parsed.intent, parsed.period.start if parsed.period else None) == ("export", start), text


@pytest.mark.parametrize("text", ["在吗", "在吗？", "小助手在吗", "你好", "下午好~"])
def test_a_greeting_alone_asks_nothing(text: str) -> None:
    parsed = _parse(text)
    assert (parsed.intent, parsed.args.get("greeting")) == ("unknown", True), text


@pytest.mark.parametrize("text, quantity", [
    ("发文5件，嗯，4件是通知", 5),
    ("今天开了2个会，1个是安全生产会，1个是防汛会", 2),
    ("收到3个文，哦，2个是县委办的", 3),
])
def test_some_of_a_count_described_adds_nothing(text: str, quantity: int) -> None:
    assert _parse(text).quantity == quantity, text


@pytest.mark.parametrize("text, counterpart", [
    ("收到省委办的通知，哦不对，是市委办", "市委办"),
    ("昨天收到县教育局一个文，哦不对，是县卫健局", "县卫健局"),
])
def test_a_body_named_after_a_slip_replaces_the_body_before_it(text: str, counterpart: str) -> None:
    parsed = _parse(text)
    assert (parsed.kind, parsed.direction, parsed.counterpart) == ("document", "incoming", counterpart), text
