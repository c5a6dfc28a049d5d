"""Round 34 of issue 13, read from its blind batches (xinxi: the county office's 信息科长, who types west-Shandong speech,
今么/明么/头午/过晌/傍黑/木有/记差了; xinfang: a town's 信访办主任) after their one scoring: the Shandong words read as
Mandarin in the northern table (bot.nlu.dialect); an issue of a bulletin (《示范信息》第47期, 发了一期…专刊, 几期简报) is a
document, not the information it carries.

Phrasings written for this test; the batch's own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse
from bot.nlu.dialect import mandarin

LEX = demo_lexicon()
DEC_3 = dt.datetime(2026, 12, 3, 10, 0)  # a Thursday


@pytest.mark.parametrize("said, mandarin_said", [
    ("《示范信息》第47期今么头午印发了", "《示范信息》第47期今天上午印发了"),  # the batch's
    ("明么过晌三点俺科约城关、青山俩镇的信息员碰个头", "明天下午三点我科约城关、青山俩镇的信息员碰个头"),  # the batch's
    ("夜来傍黑又来了个市委办的明电", "昨天傍晚又来了个市委办的明电"),  # the batch's
    ("刚才月底那个不用记，还木报", "刚才月底那个不用记，还没报"),  # the batch's
    ("刚那条记差了", "刚那条记错了"),
])
def test_west_shandong_speech_is_read_as_mandarin(said: str, mandarin_said: str) -> None:
    assert mandarin(said) == mandarin_said


@pytest.mark.parametrize("text, intent", [
    ("今么一早《示范信息》第48期发出去了", "record"),  # the batch's
    ("夜来发了一期《示范信息》专刊，第48期", "record"),  # the batch's
    ("这周发了几期简报了", "query"),  # the batch's
])
def test_an_issue_of_a_bulletin_is_a_document_sent(text: str, intent: str) -> None:
    parsed = parse(text, DEC_3, LEX, speaker=demo_speaker("县委办"))
    assert (parsed.intent, parsed.kind, parsed.direction) == (intent, "document", "outgoing")


def test_a_title_without_an_issue_keeps_its_head_noun() -> None:
    parsed = parse("今天报了《全县信息工作统计表》1份", DEC_3, LEX, speaker=demo_speaker("城关镇"))
    assert parsed.kind == "report"


@pytest.mark.parametrize("text, intent, kind, quantity", [
    ("小助手 早，先记几个，昨天下午县里开的全县信访稳定工作调度会我去参加了", "record", "meeting", 1),  # xinfang's
    ("今天周四不开会，就记几个收文，县信访局2件、县委政法委1件、市联席办转来的1件", "record", "document", 4),  # xinfang's
    ("这个月收了县局几个文了", "query", "document", None),
])
def test_record_a_few_is_no_count_asked(text: str, intent: str, kind: str, quantity: int | None) -> None:
    parsed = parse(text, DEC_3, LEX, speaker=demo_speaker("河口镇"))
    assert (parsed.intent, parsed.kind) == (intent, kind)
    if quantity is not None:
        assert parsed.quantity == quantity


def test_rotation_training_is_a_meeting() -> None:
    parsed = parse("上周一到周三我在县委党校参加信访干部轮训，三天", DEC_3, LEX, speaker=demo_speaker("河口镇"))  # xinfang's
    assert (parsed.intent, parsed.kind, parsed.direction) == ("record", "meeting", "incoming")


@pytest.mark.parametrize("text", ["县里哪天来检查还没定，先记一笔迎检", "具体哪天开会还没通知"])
def test_a_day_not_yet_set_asks_nothing(text: str) -> None:
    assert parse(text, DEC_3, LEX, speaker=demo_speaker("城关镇")).intent == "record"


def test_a_count_with_its_measure_is_the_corrected_value() -> None:
    parsed = parse("那个会，参会人数是15个，给补上", DEC_3, LEX, speaker=demo_speaker("城关镇"))
    assert (parsed.intent, parsed.changes) == ("correct", {"scale": 15})


@pytest.mark.parametrize("text, intent", [
    ("本星期开会已登记几次？", "query"),  # jiaoyan's: 登记几次 asks, only 先记几个 puts down a few
    ("谁中午去县城 帮我带两本台历回来", "unknown"),  # renda's: 两本台历 are things, not papers
])
def test_the_narrow_readings_of_a_few_and_of_books(text: str, intent: str) -> None:
    assert parse(text, DEC_3, LEX, speaker=demo_speaker("河口镇")).intent == intent


def test_two_towns_attending_are_no_count_of_the_meeting() -> None:
    parsed = parse("今儿后晌县住建局开了个电话会,10分钟,就咱镇和河口镇俩", DEC_3, LEX,
                   speaker=demo_speaker("城关镇"))  # chengjian's
    assert parsed.quantity == 1
