"""Round 37 of issue 13, read from its blind batches (wangge: a town's 综治中心主任 who puts the main fact first; jiandu:
a county 卫健局 inspector typing the work group's pinyin initials jc/cl/tz/ld/xz, + and spaces) after their one
scoring: the initials read as their words; 没几个人 tells; whether a figure passed a mark is asked for it; a plan filed
(报两办备案) is no paper handed in; the quota a body set for us is ours; we said we went.

Phrasings written for this test; the batch's own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse
from bot.nlu.normalize import normalize

LEX = demo_lexicon()
MAY_20 = dt.datetime(2026, 5, 20, 10, 0)  # a Wednesday


def _parse(text: str, unit: str = "县卫健局") -> dict[str, object]:
    return parse(text, MAY_20, LEX, speaker=demo_speaker(unit)).to_json()


@pytest.mark.parametrize("typed, read", [
    ("河口镇卫生院 昨天 jc 消毒供应室", "河口镇卫生院 昨天 检查 消毒供应室"),  # the batch's
    ("上周咱局报了几份cl", "上周咱局报了几份材料"),  # the batch's
    ("发了个tz给四个xz卫生院", "发了个通知给四个乡镇卫生院"),
])
def test_pinyin_initials_are_read_as_their_words(typed: str, read: str) -> None:
    assert normalize(typed) == read


@pytest.mark.parametrize("typed", ["导出excel", "ok", "jc", "OA上发的通知", "APP打卡"])
def test_latin_words_and_names_stay(typed: str) -> None:
    assert normalize(typed) == typed


@pytest.mark.parametrize("text, intent, kind, direction", [
    ("河口镇卫生院 昨天 jc 消毒供应室 我和老陈", "record", "inspection", "outgoing"),  # the batch's
    ("下周五市卫监支队要来jc咱局案卷质量", "record", "inspection", "incoming"),  # the batch's
    ("咱局刚接受了县纪委的作风督查 没几个人 一个钟头", "record", "inspection", "incoming"),  # the batch's
    ("上半年 咱局接受jc有没有超过10次", "query", "inspection", "incoming"),  # the batch's
    ("今年发文超过30件了吗", "query", "document", "outgoing"),
    ("今天报 市卫健委 端午节前食品安全自查情况 1份", "record", "report", "incoming"),  # the batch's
    ("报两办备案 6月2号 全县卫生监督协管员培训会 约70人 半天", "file", "meeting", "outgoing"),  # the batch's
    ("下周二那个全县依法执业部署会 60人 需要先报两办备案吗", "check", "meeting", "outgoing"),  # the batch's
    ("县委办给咱局的发文额度还剩多少", "query", "document", "outgoing"),  # the batch's
])
def test_round_37_reads(text: str, intent: str, kind: str, direction: str) -> None:
    got = _parse(text)
    assert (got["intent"], got["kind"], got["direction"]) == (intent, kind, direction)


def test_the_quota_a_body_sets_for_us_is_ours() -> None:
    assert _parse("县委办给咱局的发文额度还剩多少").get("unit") is None
    assert _parse("县委办的发文额度还剩多少").get("unit") == "县委办"


def test_we_said_we_went() -> None:
    got = parse("检查 村级防汛值班 我们去的 刚回来", dt.datetime(2026, 7, 15, 10, 20), LEX,  # the batch's
                speaker=demo_speaker("青山镇")).to_json()
    assert (got["kind"], got["direction"]) == ("inspection", "outgoing")


@pytest.mark.parametrize("text", ["以前漏了的怎么补登", "这个会怎么报备"])
def test_how_to_use_the_bot(text: str) -> None:
    assert _parse(text)["intent"] == "help"
