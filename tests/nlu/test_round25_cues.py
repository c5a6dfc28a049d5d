"""Round 25 of issue 13, read from its blind batches (shuiwu: a town's 水务站长 who types Cantonese, 琴日收咗…;
mishu: the county office's 秘书科 deputy, leaders by title and slips struck out with a dash) after their one scoring:
Cantonese is read as Mandarin before anything else (bot.nlu.dialect), and only a message written in it is touched;
a slip after a dash (——不对，是下周二) is the day said; a deadline beside the festival worked for (周五前要报春节值班
安排) is the day; 国庆前一日 is 国庆前一天; 现场办公 and 观摩 are meetings; 导一下excel exports.

Phrasings written for this test; the batch's own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import normalize, parse
from bot.nlu.dialect import mandarin

LEX = demo_lexicon()
OCT_13 = dt.datetime(2026, 10, 13, 10, 0)  # a Tuesday after 国庆
DEC_15 = dt.datetime(2026, 12, 15, 10, 0)


def _parse(text: str, unit: str = "河口镇", now: dt.datetime = OCT_13):
    return parse(text, now, LEX, speaker=demo_speaker(unit))


@pytest.mark.parametrize("cantonese, mandarin_said", [
    ("琴日收咗县卫健局个通知", "昨天收了县卫健局个通知"),
    ("听日下昼县里开会，我哋使唔使去", "明天下午县里开会，我们用不用去"),
    ("头先登嗰个三防会，人数系32个唔系30", "刚才登那个三防会，人数是32个不是30"),
    ("呢个礼拜收咗几多文", "这个礼拜收了多少文"),
])
def test_cantonese_is_read_as_mandarin(cantonese: str, mandarin_said: str) -> None:
    assert mandarin(cantonese) == mandarin_said


@pytest.mark.parametrize("text", ["系统里今日的数据", "联系县委办，同镇长一起去", "今日开会，仲裁委参加"])
def test_mandarin_is_left_alone(text: str) -> None:
    assert mandarin(text) == text
    assert normalize(text) == text.replace("，", ",")


@pytest.mark.parametrize("text, intent, kind, direction, day", [
    ("琴日下昼去县里开咗全县秋冬种工作会，梁副镇长同我两个去", "record", "meeting", "incoming", "2026-10-12"),  # the batch's
    ("听日朝早县应急局嚟考核安全生产，约咗9点", "record", "inspection", "incoming", "2026-10-14"),  # the batch's
    ("县自然资源局来文2件，琴日收嘅，补登", "record", "document", "incoming", "2026-10-12"),  # the batch's
    ("今朝县林业局嚟督导森林防火，睇咗瞭望台同防火通道", "record", "inspection", "incoming", "2026-10-13"),
    ("后日礼拜五想召集几个村开个水渠纠纷协调会，可唔可以", "check", "meeting", "outgoing", None),  # the batch's
])
def test_cantonese_messages_are_understood(text: str, intent: str, kind: str, direction: str, day: str | None) -> None:
    parsed = _parse(text)
    assert (parsed.intent, parsed.kind, parsed.direction) == (intent, kind, direction), text
    if day is not None:
        assert str(parsed.date) == day, text


def test_cantonese_questions_for_figures_and_help() -> None:
    period = _parse("呢个礼拜收咗几多文").period  # the batch's
    assert (parsed := _parse("呢个礼拜收咗几多文")).intent == "query" and parsed.kind == "document"
    assert (str(period.start), str(period.end)) == ("2026-10-12", "2026-10-18")
    assert _parse("旧年全年收文几多份？").period.start == dt.date(2025, 1, 1)  # the batch's


def test_a_slip_struck_out_with_a_dash() -> None:
    parsed = _parse("下周一全县基层减负工作推进会——不对，是下周二，各乡镇党委副书记参加", "县委办", DEC_15)  # the batch's
    assert str(parsed.date) == "2026-12-22"


def test_a_deadline_beside_the_festival_worked_for() -> None:
    parsed = _parse("周五前要给市委办报春节值班安排，先记上", "县委办", DEC_15)  # the batch's
    assert (parsed.kind, str(parsed.date)) == ("report", "2026-12-18")
    assert str(_parse("收到通知，春节前开会", "县委办", DEC_15).date) == "2027-02-06"  # a deadline alone stays


def test_the_day_before_a_festival_in_either_word() -> None:
    assert str(_parse("补登：国庆前一日收文5件").date) == "2026-09-30"
    assert str(_parse("补登：国庆前一天收文5件").date) == "2026-09-30"


@pytest.mark.parametrize("text", [
    "书记今天上午在青山镇现场办公，集镇污水管网的事，镇里、住建、生态环境分局，20人左右",  # the batch's
    "上周二县委办组织各乡镇党政办主任到城关镇观摩台账规范化，一上午",  # the batch's
])
def test_on_site_office_and_observation_are_meetings(text: str) -> None:
    assert _parse(text, "县委办", DEC_15).kind == "meeting", text


def test_export_asked_in_three_words() -> None:
    parsed = _parse("上季度的也导一下excel", "县委办", DEC_15)  # the batch's
    assert parsed.intent == "export" and str(parsed.period.start) == "2026-07-01"
