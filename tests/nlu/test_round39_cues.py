"""Round 39 of issue 13, read from its blind batches (tongzhan: a town's 统战委员, polite and chatty, ～ for a stop, the
time said last, 另：; zhengyan: see below) after their one scoring: 哦不 owns a slip and asks nothing; a correction
ends with thanks; 走一下报备流程： files; the quarter's 减负通报 asked for; 那边来调研 visits; 县工商联 is a body;
报备：…请备案 and …报批： file; 可登记哪些 and 怎么问？ ask for help; 超过去年 compares with it; 先补登7次 restates.

Phrasings written for this test; the batch's own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
MAR_11 = dt.datetime(2026, 3, 11, 10, 0)  # a Wednesday


def _parse(text: str, unit: str = "城关镇") -> dict[str, object]:
    return parse(text, MAR_11, LEX, speaker=demo_speaker(unit)).to_json()


@pytest.mark.parametrize("text, intent", [
    ("哦不 刚才那条视频会写错了，是明天下午三点，不是今天", "correct"),  # the batch's
    ("报给统战部的信息是2条不是3条，改一下谢谢～", "correct"),  # the batch's
    ("走一下报备流程：下下周三开镇民族宗教工作联席会议", "file"),  # the batch's
    ("一季度的减负通报先出个初稿～", "report"),  # the batch's
    ("明天开会行不", "check"),
])
def test_round_39_acts(text: str, intent: str) -> None:
    assert _parse(text)["intent"] == intent


@pytest.mark.parametrize("text, kind, direction", [
    ("清真寺那边来调研，中午留他们吃个饭可以不", "inspection", "incoming"),  # the batch's (shortened)
    ("县工商联通知后天开会，非公经济人士综合评价培训，我去", "meeting", "incoming"),  # the batch's
])
def test_round_39_directions(text: str, kind: str, direction: str) -> None:
    got = _parse(text)
    assert (got["kind"], got["direction"]) == (kind, direction)


# zhengyan: the county office's 政研室副主任, formal 材料腔 (登记：, 拟于, 计N件, 妥否), an approver.
DEC_22 = dt.datetime(2026, 12, 22, 10, 40)  # a Tuesday


def _office(text: str) -> dict[str, object]:
    return parse(text, DEC_22, LEX, speaker=demo_speaker("县委办")).to_json()


@pytest.mark.parametrize("text, intent", [
    ("报备：本周三下午召开县委办全体干部大会，35人，请备案。", "file"),  # the batch's: 请备案 asks for it
    ("提交督查方案报批：元月上旬对县直单位开展书面检查。", "file"),  # the batch's (shortened)
    ("请问本助手可登记哪些事项？", "help"),  # the batch's
    ("同比怎么问？格式有要求否", "help"),  # the batch's
    ("今年发文是否已超过去年？请列数。", "query"),  # the batch's
])
def test_office_acts(text: str, intent: str) -> None:
    assert _office(text)["intent"] == intent


def test_surpassing_last_year_compares_with_it() -> None:
    assert _office("今年发文是否已超过去年？请列数。")["compare"] == "yoy"  # the batch's


def test_a_count_put_down_again_is_the_count() -> None:
    assert _office("上月参加上级会议共7次，先补登7次，具体日期分散，回头细化。")["quantity"] == 7  # the batch's


def test_no_escort_wanted_is_no_escort() -> None:
    got = _office("拟于下周二赴白沙乡调研村级组织负担情况，不打招呼，不要陪同。")  # the batch's
    assert (got["kind"], got["direction"]) == ("inspection", "outgoing")


@pytest.mark.parametrize("text", ["#开会 刚刚开完安全生产调度会，8个人", "今天开完安全生产会"])
def test_a_meeting_held_to_its_end_keeps_its_topic(text: str) -> None:
    """Found running the demo as a user: 开完 left 完 in the title (事由：完安全生产)."""
    assert parse(text, DEC_22, LEX, speaker=demo_speaker("城关镇")).to_json()["title"] == "安全生产"
