"""Rounds 52–53 of issue 13, read from their blind batches after their one scoring (shouxie: a town's 人大主席 on
handwriting input; biaodan: a bureau office's key–value notes; wangyu: a young clerk's particles and emoji; koushu:
a deputy director's voice dictation, fillers and self-corrections).

An item told as done with no day is today's, and says so (date_assumed), unless its own clause is not the done one,
a vague time is said (节后, 前几天) or it is proposed (拟, 发了吧, 再发个文); a period or festival naming the paper
reported is its topic; a slip corrected aloud (哦不对, 不对，是…, 三个，哦，两个) is read as corrected; a count said
again alone (收文一件，今天的) is no second item; a greeting opening a message (在吗~, 下午好~) asks nothing; a
period cut 到今天为止 ends today.

Phrasings written for this test; the batches' own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
APR_14 = dt.datetime(2026, 4, 14, 10, 0)  # a Tuesday
SEP_9 = dt.datetime(2026, 9, 9, 10, 0)  # a Wednesday


def _parse(text: str, unit: str = "县卫健局", now: dt.datetime = APR_14):  # type: ignore[no-untyped-def]
    return parse(text, now, LEX, demo_speaker(unit))


@pytest.mark.parametrize("text, kind", [
    ("党组会开了，记上。", "meeting"),
    ("市局危化处的检查反馈意见收到了", "document"),
    ("向县委办报了本周重点工作安排", "report"),
    ("给县应急局报了第三季度安全生产大检查自查表 1份", "report"),  # a period naming the paper
    ("春节期间安全生产工作总结报市局了", "report"),  # a festival naming the paper
])
def test_told_as_done_without_a_day_is_today_and_marked_assumed(text: str, kind: str) -> None:
    parsed = _parse(text)
    assert (parsed.intent, parsed.kind, parsed.date, parsed.period, parsed.date_assumed) == (
        "record", kind, APR_14.date(), None, True), text


@pytest.mark.parametrize("text", [
    "开会",  # not told as done
    "节后去乡镇查了值班",  # a vague time said
    "前几天收到县委办一个通知",
    "等会开完了再说",  # over later
    "市委书记的讲话已经见报了，原文转发给各乡镇学习",  # 了 in the clause beside
    "可发可不发的通知，发了吧",  # a proposal
    "拟印发工作规则，1500字，已列入发文计划",
])
def test_not_done_vague_or_proposed_is_not_dated_today(text: str) -> None:
    parsed = _parse(text)
    assert not parsed.date_assumed and parsed.date != APR_14.date(), text


def test_a_day_said_is_no_assumption() -> None:
    parsed = _parse("昨天收到市卫健委文件2件")
    assert (str(parsed.date), parsed.date_assumed) == ("2026-04-13", False)


@pytest.mark.parametrize("text, quantity", [
    ("上周五要求各卫生院报那个 乡村医生在岗情况统计表 两张表 哦不对 就一张", 1),  # the batch's
    ("今天上午还收到市卫健委三个文，哦，两个，对两个，一个是职业病防治，一个是卫生监督双随机的。", 2),  # the batch's
    ("上周三局里发了3个文，嗯，三个，一个是春季学校传染病防控的，一个是控烟，还有一个是卫生应急演练的方案。", 3),  # the batch's
    ("今天印发了三个，哦两个文件", 2),
])
def test_a_count_corrected_aloud_is_the_count(text: str, quantity: int) -> None:
    parsed = _parse(text)
    assert (parsed.intent, parsed.quantity) == ("record", quantity), text


@pytest.mark.parametrize("text, kind", [
    ("上周五下午县委督查室来我们局督查了，那个，民生实事，哦不对，是营商环境的事，记一次。", "inspection"),  # the batch's
    ("前天要求各卫生院报了一个 那个 健康扶贫 不对 是防返贫的医疗保障数据 一张表", "report"),  # the batch's
    ("报备，四月二十八号，开个全县，那个，村医培训会，不对，不是培训会，是乡村医生队伍建设推进会，六十人左右。", "meeting"),
])
def test_a_slip_of_the_topic_corrected_aloud_is_no_correction_of_an_entry(text: str, kind: str) -> None:
    parsed = _parse(text)
    assert parsed.intent in ("record", "file") and parsed.kind == kind, text


def test_a_correction_of_an_entry_stays_one() -> None:
    assert _parse("不对 来文单位是市委办 不是市政府办").intent == "correct"


@pytest.mark.parametrize("text", [
    "市疾控中心发来一个技术方案，收文一件，今天的。",  # the batch's
    "转来省委办公厅一个通知，1件",
])
def test_a_count_said_again_alone_is_no_second_item(text: str) -> None:
    assert _parse(text).quantity == 1, text


def test_counts_of_several_parties_still_add_up() -> None:
    assert _parse("党委发文5件，政府发文7件").quantity == 12


@pytest.mark.parametrize("text, intent", [
    ("在吗~ 报备一下：周三上午9点乡里开全乡秋季森林防火工作会，各村支书和护林员队长参加", "file"),  # the batch's
    ("下午好~ 上午还收到县教育局来文1件，秋季学期控辍保学工作的", "record"),  # the batch's
    ("滴滴 收文1件", "record"),
])
def test_a_greeting_opening_the_message_asks_nothing(text: str, intent: str) -> None:
    assert _parse(text, "白沙乡", SEP_9).intent == intent, text


def test_a_greeting_word_inside_a_message_stays() -> None:
    assert str(_parse("早上县里来检查了", "白沙乡", SEP_9).date) == "2026-09-09"


@pytest.mark.parametrize("text, start", [
    ("帮我把9月的双台账先比对一下呗 到今天为止的", "2026-09-01"),  # the batch's
    ("出一下这周的周分析吧 到今天为止的", "2026-09-07"),  # the batch's
])
def test_a_period_cut_at_today_said_apart_ends_today(text: str, start: str) -> None:
    period = _parse(text, "白沙乡", SEP_9).period
    assert period is not None and (str(period.start), str(period.end)) == (start, "2026-09-09"), text


def test_a_topic_slip_keeps_its_day_and_a_long_clause_is_no_slip() -> None:
    parsed = _parse("后天开个防汛，不对，冬季森林防火的部署会 包村干部都要到", "青山镇")
    assert (parsed.kind, str(parsed.date)) == ("meeting", "2026-04-16")
    assert _parse("要求职中每周报实训基地使用情况——不对，每月报，今天发的通知", "县教育局").kind == "report"


def test_counts_of_a_spaced_list_still_add_up() -> None:
    assert _parse("收文：县委组织部 1件，县纪委 2件，昨天的", "县委办").quantity == 3


@pytest.mark.parametrize("text, unit, kind, direction", [
    ("青山镇报过来的：今天给县委办报送防汛隐患排查表1份。", "青山镇", "report", "incoming"),  # round 54's
    ("河口镇报过来的：明天上午县卫健局来镇卫生院检查，1次。", "河口镇", "inspection", "incoming"),  # round 54's
    ("白沙乡打电话说：昨天开了防汛调度会", "白沙乡", "meeting", "outgoing"),
])
def test_what_a_unit_phoned_or_sent_in_is_recorded_for_it(text: str, unit: str, kind: str, direction: str) -> None:
    parsed = _parse(text, "县委办", dt.datetime(2026, 7, 14, 10, 0))
    assert (parsed.intent, parsed.unit, parsed.kind, parsed.direction) == ("record", unit, kind, direction), text


@pytest.mark.parametrize("text", [  # the review's (helper-171): no item done today, so no day taken
    "还没收到市局的通知", "没收到县委办的文",  # not done
    "督查组不来了", "会推迟了", "党组会改期了", "材料不用报了", "通知撤回了",  # called off
    "县里要来检查，已经通知各村了", "检查组要来，材料都准备好了", "下乡检查，车已经安排了",  # coming; 了 beside it
    "党组会快开了", "党委会要开了", "该报材料了",  # not yet
    "书记回来了就开会", "材料齐了就报",  # only if
    "请各村报送花名册，收到请回复", "谁收到县委办的通知了",  # a notice's words, a question
    "这两天开了两个会", "之前收到过一个通知",  # a vague time
])
def test_what_is_not_done_today_takes_no_day(text: str) -> None:
    parsed = _parse(text, "城关镇", dt.datetime(2026, 3, 3, 10, 0))
    assert not parsed.date_assumed, text


@pytest.mark.parametrize("text, day", [
    ("元旦收到了县委办的通知", "2026-01-01"),  # the festival is the day when a verb parts it from the paper
    ("春节报了值班表", "2026-02-17"),
    ("县卫健局打电话说，周五来检查", "2026-03-06"),  # a body phoning us, not a unit logged for
])
def test_a_day_said_stays_the_day(text: str, day: str) -> None:
    parsed = _parse(text, "城关镇", dt.datetime(2026, 3, 3, 10, 0))
    assert (str(parsed.date), parsed.unit) == (day, None), text


@pytest.mark.parametrize("text, quantity", [
    ("收到县委办文件2份，嗯，1份是通知", 2), ("收到3个文，哦，2个是县委办的", 3),  # a part described, no slip
    ("开了2个会，不对不对，是3个", 3),
])
def test_a_part_described_is_no_slip_and_a_doubled_marker_is_one(text: str, quantity: int) -> None:
    assert _parse(text, "城关镇").quantity == quantity, text


def test_a_topic_slip_keeps_the_verb_and_a_greeting_may_end_in_a_question_mark() -> None:
    assert (_parse("党组会开了，哦不对，是党委会", "城关镇").intent, _parse("在吗？收到市局文2件", "城关镇").quantity) == (
        "record", 2)


@pytest.mark.parametrize("text, intent, kind", [  # round 55 (zhongying: English words of the work; gongwen: 公文)
    ("昨天下午在县一中开了全县高中化学教研meeting", "record", "meeting"),  # the batch's
    ("市局下周要来check双减，具体哪天还没定，先记上", "record", "inspection"),  # the batch's
    ("本周的meeting有哪些，list一下", "query", "meeting"),  # the batch's
    ("这个会cancel了", "undo", "meeting"),
    ("现将我镇拟于3月30日上午召开的全镇安全生产工作会议予以报备，预计40人。妥否，请批示。", "file", "meeting"),
])
def test_english_words_of_the_work_and_a_formal_closing_read_as_said(text: str, intent: str, kind: str) -> None:
    parsed = _parse(text, "县教育局", dt.datetime(2026, 3, 24, 10, 0))
    assert (parsed.intent, parsed.kind) == (intent, kind), text


def test_an_english_word_inside_another_stays() -> None:
    assert _parse("checklist已经报了", "县教育局").text == "checklist已经报了"
