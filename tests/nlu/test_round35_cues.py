"""Round 35 of issue 13, read from its blind batches (gonghui: a town's 工会主席 from Jiangxi, Gan speech 箇/冇/佢们/要得不;
jiuzai: a county 应急局 section head from Wuhan, 将将/么事/一哈, with #tags) after their one scoring: Gan and Wuhan words
read as Mandarin (bot.nlu.dialect); a bare 来查 after a time is someone coming; a tag before the message names the kind
but the sentence's own verb tells the direction; 放假回来头一天; a count said again alone at the end, and 补3件 after a
total; a notice not sent is no item.

Phrasings written for this test; the batch's own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse
from bot.nlu.dialect import mandarin

LEX = demo_lexicon()
MAR_25 = dt.datetime(2026, 3, 25, 10, 20)  # a Wednesday; 清明 is off 4-4…4-6


@pytest.mark.parametrize("said, mandarin_said", [
    ("箇星期开了几场会", "这星期开了几场会"),  # the batch's
    ("出一个箇个星期的周分析", "出一个这个星期的周分析"),  # the batch's
    ("下星期开个会，要得不", "下星期开个会，行不行"),
    ("个把钟头，要得吧？", "个把钟头，可以吧？"),
    ("将将开完股里的调度会", "刚刚开完股里的调度会"),  # the batch's
    ("你都能搞么事？", "你都能搞什么？"),  # the batch's
])
def test_gan_and_wuhan_speech_is_read_as_mandarin(said: str, mandarin_said: str) -> None:
    assert mandarin(said) == mandarin_said


@pytest.mark.parametrize("mandarin_said", ["一箇人", "这个要得到批准吗", "将将就就吧", "今日下午开会"])
def test_mandarin_look_alikes_of_gan_stay(mandarin_said: str) -> None:
    assert mandarin(mandarin_said) == mandarin_said


def _parse(text: str, unit: str = "县应急管理局") -> dict[str, object]:
    return parse(text, MAR_25, LEX, speaker=demo_speaker(unit)).to_json()


@pytest.mark.parametrize("text", [
    "刚接了县卫健局电话，下星期三来查村卫生室",  # the batch's
    "县卫健局打电话，下星期三来查村卫生室",
])
def test_a_bare_lai_cha_after_a_day_is_someone_coming(text: str) -> None:
    got = _parse(text, "青山镇")
    assert (got["kind"], got["direction"]) == ("inspection", "incoming")


def test_we_go_to_inspect_stays_ours() -> None:
    got = _parse("我们下星期三去查村卫生室", "青山镇")
    assert (got["kind"], got["direction"]) == ("inspection", "outgoing")


@pytest.mark.parametrize("text, direction", [
    ("#报材料 今日通知各乡镇报汛前物资储备台账，下个星期五前交", "outgoing"),  # the batch's
    ("【报材料】今天通知各乡镇报物资储备台账", "outgoing"),
    ("#报材料 刚刚把救灾物资储备情况统计表报给县减灾委了", "incoming"),
])
def test_a_tag_names_the_kind_and_the_sentence_the_direction(text: str, direction: str) -> None:
    got = _parse(text)
    assert (got["kind"], got["direction"]) == ("report", direction)


@pytest.mark.parametrize("text", ["收文：县委办关于汛前排查的通知", "收文：市政府办转发的省厅关于防汛的通知，今天收到"])
def test_a_tag_with_no_verb_of_ours_keeps_its_direction(text: str) -> None:
    got = _parse(text)
    assert (got["kind"], got["direction"]) == ("document", "incoming")


@pytest.mark.parametrize("text, day", [
    ("清明放假回来头一天跟县红十字会开个协调会", "2026-04-07"),  # the batch's
    ("清明假期结束后第一天开会", "2026-04-07"),
    ("国庆收假第一天开会", "2026-10-08"),
    ("清明前最后一个工作日开会", "2026-04-03"),
])
def test_the_first_day_back_after_a_festival(text: str, day: str) -> None:
    assert _parse(text)["date"] == day


@pytest.mark.parametrize("text, quantity", [
    ("#收文 昨日下午县委办转来省委办公厅一个通知，1件", 1),  # the batch's
    ("收了县委办2个文，县政府1个，3件", 3),
    ("上个月镇里发文一共6件，之前冇登全，补3件", 3),  # the batch's
    ("收文5件，补登2件", 2),
    ("上昼9点半在镇工会开了女职工维权座谈会，来了9个人，议了3件投诉", 1),  # the batch's
    ("昨天党委会研究了两个事项", 1),
    ("今天开了会议3次", 3),
])
def test_counts_said_again_made_up_or_discussed(text: str, quantity: int) -> None:
    assert _parse(text, "青山镇")["quantity"] == quantity


def test_a_notice_not_sent_is_no_item() -> None:
    got = _parse("下个星期四去白沙乡现场看一哈山洪点物资前置，不发通知")  # the batch's
    assert (got["kind"], got["direction"]) == ("inspection", "outgoing")


@pytest.mark.parametrize("text, unit, kind, direction", [
    ("今日下昼3点镇里开工会委员会议，7个人", "青山镇", "meeting", "outgoing"),  # the batch's: 开 工会…
    ("3月12号参加的市里森林防灭火视频会冇记，补一个", "县应急管理局", "meeting", "incoming"),  # the batch's
    ("前日县审计局的救灾资金专项审计进点了", "县应急管理局", "inspection", "incoming"),  # the batch's
    ("#督查 下个星期二陪市局检查组去河口镇", "县应急管理局", "inspection", "incoming"),  # the batch's
    ("3月20号要青山镇补报了受灾人口核查表", "县应急管理局", "report", "outgoing"),  # the batch's
])
def test_kind_and_direction(text: str, unit: str, kind: str, direction: str) -> None:
    got = _parse(text, unit)
    assert (got["kind"], got["direction"]) == (kind, direction)


@pytest.mark.parametrize("text, intent", [
    ("#开会 这个星期三哦不是，就是今日上午，开了救灾物资采购需求论证会", "record"),  # the batch's: a slip, not an entry
    ("#12 不对，是3件", "correct"),
    ("上个星期的周分析冇收到，再推一次", "report"),  # the batch's
    ("报备是么样报的，格式发我", "help"),  # the batch's
    ("镇里3月份开了几场会我补登一下：3号党委会，10号安全会", "record"),  # the batch's (shortened)
])
def test_acts(text: str, intent: str) -> None:
    assert _parse(text, "青山镇")["intent"] == intent


def test_a_slip_corrected_inside_a_tagged_message_keeps_the_later_day() -> None:
    assert _parse("#开会 这个星期三哦不是，就是今日上午，开了论证会")["date"] == "2026-03-25"
