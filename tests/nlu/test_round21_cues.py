"""Round 21 of issue 13, read from its blind batches (sifa: a township 司法所长 writing form fields and weekdays in
brackets; aiwei: a county 爱卫办 deputy with half-width punctuation, 4/20 dates and n=9) after their one scoring on
the session's final understanding: a meeting held with another body (跟县疾控开个小会) is ours; a record's day-month a
year ahead is the one just gone (4/3上午省疾控来调研, told on 8 April), 准备 as the preparations looked at is no plan;
报县委办备案：…, 报方案：…, 申请一事一报 put a plan before the approver; a correction that names its item takes the
item's kind; 登了两遍，作废一条 undoes the twin; //不对 marks a slip; 命令清单 and 要写哪些 ask for help; a time in
brackets between a visitor and its verb (定于…（10月8日）来乡检查) is still a time.

Phrasings written for this test; the batch's own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
APRIL = dt.datetime(2026, 4, 8, 10, 0)  # a Wednesday, after 清明


def _parse(text: str, unit: str = "县卫健局", now: dt.datetime = APRIL):
    return parse(text, now, LEX, speaker=demo_speaker(unit))


@pytest.mark.parametrize("text", [
    "前天跟县医院开的院感约谈会漏登了,n=4",  # the batch's
    "后天上午跟县疾控开个小会碰一下诺如处置流程,可以吗?",  # the batch's
])
def test_a_meeting_held_with_another_body_is_ours(text: str) -> None:
    intent = _parse(text)
    assert (intent.kind, intent.direction) == ("meeting", "outgoing"), text


def test_a_day_month_just_gone_is_not_next_years() -> None:
    assert str(_parse("4/3上午省疾控来调研登革热防控准备,我局2人接待").date) == "2026-04-03"
    assert str(_parse("准备4/20开全县会").date) == "2026-04-20"


@pytest.mark.parametrize("text", [
    "报县委办备案:拟4/21(周二)开全县免疫规划工作会,视频形式",  # the batch's, less its last line
    "报县委办备案:《县春季病媒生物防制工作方案》拟下周一印发,计划内",  # the batch's
    "计划外发文报一下:关于做好登革热防控的紧急通知,申请一事一报",
])
def test_a_plan_put_before_the_approver_is_filed(text: str) -> None:
    assert _parse(text).intent == "file", text


@pytest.mark.parametrize("text", [
    "今天碰头会改到10点了,其他不变",
    "联络员会改到下周二上午了",
])
def test_a_correction_names_its_item(text: str) -> None:
    intent = _parse(text)
    assert (intent.intent, intent.kind) == ("correct", "meeting"), text


def test_the_twin_recorded_twice_is_undone() -> None:
    intent = _parse("4/2结核培训会登了两遍,作废一条")  # the batch's
    assert (intent.intent, intent.kind) == ("undo", "meeting")


def test_a_slip_marked_with_slashes() -> None:
    assert str(_parse("拟明天//不对 后天给各院发冷链设备核查便函").date) == "2026-04-10"


@pytest.mark.parametrize("text", [
    "怎么查某一条是谁登的?有没有命令清单",  # the batch's
    "登会议要写哪些要素?人数时长都要吗",  # the batch's
])
def test_asking_what_the_bot_takes(text: str) -> None:
    assert _parse(text).intent == "help", text


def test_a_time_in_brackets_between_a_visitor_and_its_verb() -> None:
    intent = _parse("县卫健局定于国庆节后第一个工作日（10月8日）来乡检查卫生院", "白沙乡",
                    dt.datetime(2026, 9, 22, 10, 0))
    assert (intent.kind, intent.direction, str(intent.date)) == ("inspection", "incoming", "2026-10-08")
