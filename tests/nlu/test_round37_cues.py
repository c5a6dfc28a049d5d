"""Round 37 of issue 13, read from its blind batches (wangge: a town's 综治中心主任 who puts the main fact first; jiandu:
a county 卫健局 inspector typing the work group's pinyin initials jc/cl/tz/ld/xz, + and spaces) after their one
scoring: the initials read as their words; 没几个人 tells; whether a figure passed a mark is asked for it; a plan filed
(报两办备案) is no paper handed in; the quota a body set for us is ours; we said we went. Round 38 below.

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


# Round 38 (zhengchai: a town's 征拆办主任, run-on clauses round project names; zhongyi: a county 中医药股长 typing
# Beijing speech, festivals and 星期X), read after its one scoring.
NOV_4 = dt.datetime(2026, 11, 4, 10, 20)  # a Wednesday
FEB_25 = dt.datetime(2026, 2, 25, 10, 15)  # a Wednesday; 元宵 is 3-3


@pytest.mark.parametrize("text, read", [
    ("昨天要求3个社区报被征收户家庭成员信息", "昨天要求3个社区报被征收户家庭成员信息"),  # the passive, not 报备
    ("这个会需要报被吗", "这个会需要报备吗"),
    ("报被一下", "报备一下"),
])
def test_a_passive_bei_is_no_misheard_filing(text: str, read: str) -> None:
    assert normalize(text) == read


@pytest.mark.parametrize("now, unit, text, intent, kind, direction", [
    (NOV_4, "城关镇", "大后天礼拜六加班开拆迁户协商会，在东关社区", "record", "meeting", "outgoing"),  # the batch's
    (NOV_4, "城关镇", "昨天要求东关、西关、南门3个社区报被征收户家庭成员信息", "record", "report", "outgoing"),  # the batch's
    (NOV_4, "城关镇", "拟于11月20日印发《城关镇2027年征迁工作计划》，报县委办备案", "file", "document",
     "outgoing"),  # the batch's
    (NOV_4, "城关镇", "上个月27号报了棚改年度任务完成情况给县住建局", "record", "report", "incoming"),  # the batch's
    (FEB_25, "县卫健局", "元宵节前一天市卫健委来摸底中医药服务情况", "record", "inspection", "incoming"),  # the batch's
    (FEB_25, "县卫健局", "下星期四市卫健委来考核，还要咱下星期一前报一份中医药自查报告", "record", "inspection",
     "incoming"),  # the batch's
    (FEB_25, "县卫健局", "刚从县政府回来，全县卫生健康工作会，我们几个股长陪着", "record", "meeting", None),
])
def test_round_38_reads(now: dt.datetime, unit: str, text: str, intent: str, kind: str, direction: str | None) -> None:
    got = parse(text, now, LEX, speaker=demo_speaker(unit)).to_json()
    assert (got["intent"], got["kind"]) == (intent, kind)
    assert direction is None or got["direction"] == direction


@pytest.mark.parametrize("text, day", [
    ("记一下：元宵节后那个星期四，市卫健委来考核中医药工作", "2026-03-05"),  # the batch's
    ("元宵节后第二天组织专项督导", "2026-03-05"),
    ("国庆后第一个周一开会", "2026-10-12"),
])
def test_days_counted_from_a_festival(text: str, day: str) -> None:
    assert parse(text, FEB_25, LEX, speaker=demo_speaker("县卫健局")).to_json()["date"] == day


@pytest.mark.parametrize("text, intent", [
    ("嗨，说错了，那推进会不是明儿，是后儿", "correct"),  # the batch's
    ("俩台账对一对，这个月的", "compare"),  # the batch's
    ("您这小助手都能干嘛使啊？", "help"),  # the batch's
    ("同意，备案", "archive"),
])
def test_round_38_acts(text: str, intent: str) -> None:
    assert parse(text, FEB_25, LEX, speaker=demo_speaker("县卫健局")).to_json()["intent"] == intent


def test_the_word_mom_wins_over_the_year_named() -> None:
    got = parse("1月份发文环比去年12月变化多少", FEB_25, LEX, speaker=demo_speaker("县卫健局")).to_json()  # the batch's
    assert got["compare"] == "mom"
