"""Round 33 of issue 13, read from its blind batches (laobao: a town's 劳动保障所长 and fuyou: a county 妇幼健康股长, both
typing Henan speech, 中不中/夜儿个/清早/才将/俺/恁/白记了) after their one scoring: the Henan words read as Mandarin
(bot.nlu.dialect's northern table); a list by party after a total with its measure breaks it down (报了仨材料，县人社局俩，
县总工会一个 = 3); what was talked over (说说征缴咋弄) or seen done (看了看…登记咋弄的) asks nothing; 不算 voids; 往市里报
reports upward; a body above that 下了个文 sends it to us; 参加了局党组会 is our own body's meeting; 跟前年比 compares
with the year before; a demand asked on a day (下个月10号要求各院报送…) is that day.

Phrasings written for this test; the batch's own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse
from bot.nlu.dialect import mandarin

LEX = demo_lexicon()
AUG_20 = dt.datetime(2026, 8, 20, 10, 0)  # a Thursday
JAN_21 = dt.datetime(2026, 1, 21, 10, 0)  # a Wednesday before the Spring Festival


@pytest.mark.parametrize("said, mandarin_said", [
    ("清早县人社局又来文了，俩", "早上县人社局又来文了，俩"),  # the batch's
    ("才将收了个文，省卫健委的", "刚才收了个文，省卫健委的"),  # the batch's
    ("下周四县应急局搞春节前安全检查，要来俺局查", "下周四县应急局搞春节前安全检查，要来我局查"),  # the batch's
    ("收文咋登记？格式给恁说说", "收文咋登记？格式给你说说"),
    ("那条白记了", "那条别记了"),
])
def test_henan_speech_is_read_as_mandarin(said: str, mandarin_said: str) -> None:
    assert mandarin(said) == mandarin_said


@pytest.mark.parametrize("text, now, speaker, day", [
    ("清早县总工会来文一个，职工医疗互助的", AUG_20, "城关镇", "2026-08-20"),  # the batch's
    ("才将收了个文，省卫健委的，儿童青少年近视防控", JAN_21, "县卫健局", "2026-01-21"),  # the batch's
    ("提前报备：下个月10号要求各卫生院报送2025年度两癌筛查总结", JAN_21, "县卫健局", "2026-02-10"),  # the batch's
])
def test_the_days_of_round_33(text: str, now: dt.datetime, speaker: str, day: str) -> None:
    assert str(parse(text, now, LEX, speaker=demo_speaker(speaker)).date) == day


def test_a_list_by_party_after_a_total_breaks_it_down() -> None:
    parsed = parse("上周四报了仨材料，县人社局俩，县总工会一个", AUG_20, LEX, speaker=demo_speaker("城关镇"))  # the batch's
    assert parsed.quantity == 3


@pytest.mark.parametrize("text, intent", [
    ("所里今儿上午九点弄了个碰头会，就俺所四个人，说说征缴咋弄", "record"),  # the batch's
    ("夜儿个下午俺去南关村看了看灵活就业人员登记咋弄的，算一次督导", "record"),  # the batch's
    ("登记要怎么写", "help"),
    ("上一条不算，点错了", "undo"),  # the batch's
])
def test_acts_of_round_33(text: str, intent: str) -> None:
    assert parse(text, AUG_20, LEX, speaker=demo_speaker("城关镇")).intent == intent


@pytest.mark.parametrize("text, kind, direction", [
    ("出生缺陷防治情况今儿往市里报了", "report", "incoming"),  # the batch's
    ("清早参加了局党组会", "meeting", "outgoing"),  # the batch's: our own bureau's
    ("参加县里的党委会", "meeting", "incoming"),
])
def test_directions_of_round_33(text: str, kind: str, direction: str) -> None:
    parsed = parse(text, JAN_21, LEX, speaker=demo_speaker("县卫健局"))
    assert (parsed.intent, parsed.kind, parsed.direction) == ("record", kind, direction)
