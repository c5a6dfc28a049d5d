"""Round 32 of issue 13, read from its blind batches (huanbao: a town's 环保办主任 who types slash-separated fields and
counts in ten-day spans, 本旬; anwei: the county 安委办's deputy who types Jin speech, 夜来/兀条/甚/年时/到这阵) after
their one scoring: Jin words read as Mandarin (bot.nlu.dialect), 县上/市上 before 来 as well; a slash between words parts
fields; 本旬 is the ten days today is in; 跟气象局会商 is a meeting; a notice that summons us (通知要求…参加) makes the
meeting another's; 给青山镇要了…记录 demands materials of a town; a colleague's own days (回不回老家) are small talk.

Phrasings written for this test; the batch's own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse
from bot.nlu.dialect import mandarin
from bot.nlu.normalize import normalize

LEX = demo_lexicon()
JUN_5 = dt.datetime(2026, 6, 5, 10, 0)  # a Friday of 安全生产月
JUN_10 = dt.datetime(2026, 6, 10, 10, 0)  # a Wednesday, the last day of 上旬
JUN_11 = dt.datetime(2026, 6, 11, 10, 0)


@pytest.mark.parametrize("said, mandarin_said", [
    ("这个月到这阵收了几个文了", "这个月到现在收了几个文了"),  # the batch's
    ("年时6月份咱局开了几个会", "去年6月份咱局开了几个会"),  # the batch's
    ("把夜来登的河口查加油站兀条撤了", "把昨天登的河口查加油站那条撤了"),  # the batch's
    ("5月份市上来的文，跟年时同期比多了少了", "5月份市里来的文，跟去年同期比多了少了"),  # the batch's
    ("兀个会开了甚？", "那个会开了什么？"),
])
def test_jin_is_read_as_mandarin(said: str, mandarin_said: str) -> None:
    assert mandarin(said) == mandarin_said


@pytest.mark.parametrize("text", ["甚至没开会", "当年时候", "突兀", "县上报材料"])
def test_mandarin_with_jin_looking_words_is_left_alone(text: str) -> None:
    assert mandarin(text) == text


@pytest.mark.parametrize("text, normalized", [
    ("收文/县分局 3件/县河长办 1件", "收文,县分局 3件,县河长办 1件"),  # the batch's
    ("民政1/应急2/农业1", "民政1,应急2,农业1"),
    ("4/20开会", "4/20开会"),
    ("n/a", "n/a"),
])
def test_a_slash_between_words_parts_fields(text: str, normalized: str) -> None:
    assert normalize(text) == normalized


def test_slash_fields_count_as_a_list() -> None:
    parsed = parse("收文/县分局 3件/县河长办 1件/都是今天的", JUN_10, LEX, speaker=demo_speaker("河口镇"))  # the batch's
    assert (parsed.kind, parsed.direction, parsed.quantity, str(parsed.date)) == ("document", "incoming", 4,
                                                                                  "2026-06-10")


@pytest.mark.parametrize("now, start, end", [(JUN_10, "2026-06-01", "2026-06-10"), (JUN_11, "2026-06-11", "2026-06-20")])
def test_this_ten_day_span(now: dt.datetime, start: str, end: str) -> None:
    period = parse("本旬发文几件", now, LEX, speaker=demo_speaker("河口镇")).period  # the batch's
    assert period is not None and (str(period.start), str(period.end)) == (start, end)


@pytest.mark.parametrize("text, speaker, intent, kind, direction", [
    ("今儿下午4点咱局组织跟气象局会商，视频的", "县应急管理局", "record", "meeting", "outgoing"),  # the batch's
    ("后天周日县里河道采砂专项整治视频会，通知要求分管领导+环保办参加，先登上", "河口镇", "record", "meeting",
     "incoming"),  # the batch's
    ("前几天给青山镇要了地灾点巡查记录", "县应急管理局", "record", "report", "outgoing"),  # the batch's
    ("年时全年市上来检查了几回", "县应急管理局", "query", "inspection", "incoming"),  # the batch's
])
def test_items_of_round_32(text: str, speaker: str, intent: str, kind: str, direction: str) -> None:
    parsed = parse(text, JUN_5, LEX, speaker=demo_speaker(speaker))
    assert (parsed.intent, parsed.kind, parsed.direction) == (intent, kind, direction)


@pytest.mark.parametrize("text, intent", [
    ("老王你端午回不回老家", "unknown"),  # the batch's: small talk, not a check
    ("俺想看咱局配额还剩多少，咋问嘞", "help"),  # the batch's
    ("导一份5月的台账表格给我", "export"),  # the batch's
])
def test_acts_of_round_32(text: str, intent: str) -> None:
    assert parse(text, JUN_5, LEX, speaker=demo_speaker("县应急管理局")).intent == intent


def test_last_year_by_its_jin_name() -> None:
    period = parse("年时6月份咱局开了几个会", JUN_5, LEX, speaker=demo_speaker("县应急管理局")).period  # the batch's
    assert period is not None and (str(period.start), str(period.end)) == ("2025-06-01", "2025-06-30")
