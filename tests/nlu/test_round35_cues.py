"""Round 35 of issue 13, read from its blind batches (gonghui: a town's 工会主席 from Jiangxi, Gan speech 箇/冇/佢们/要得不;
jiuzai: a county 应急局 section head from Wuhan, 将将/么事/一哈, with #tags) after their one scoring: Gan and Wuhan words
read as Mandarin (bot.nlu.dialect); a bare 来查 after a time is someone coming; a tag before the message names the kind
but the sentence's own verb tells the direction; 放假回来头一天; a count said again alone at the end, and 补3件 after a
total; a notice not sent is no item. Round 36 below.

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


# Round 36 (tuanwei: a town's 团委书记, Tianjin speech 介/嘛/您了; shuangjian: a county 双减办 head typing 今上/昨下,
# ✓ for done, ①②), read after its one scoring.
AUG_12 = dt.datetime(2026, 8, 12, 9, 40)  # a Wednesday
OCT_27 = dt.datetime(2026, 10, 27, 10, 20)  # a Tuesday


def _on(now: dt.datetime, text: str, unit: str) -> dict[str, object]:
    return parse(text, now, LEX, speaker=demo_speaker(unit)).to_json()


@pytest.mark.parametrize("said, mandarin_said", [
    ("给我出一个介个月的月研判", "给我出一个这个月的月研判"),  # the batch's
    ("小助手您了都会嘛呀？", "小助手您都会什么呀？"),  # the batch's
    ("介周开了几个会", "这周开了几个会"),
])
def test_tianjin_speech_is_read_as_mandarin(said: str, mandarin_said: str) -> None:
    assert mandarin(said) == mandarin_said


@pytest.mark.parametrize("mandarin_said", ["介绍一下", "中介机构", "你干嘛呀", "好嘛"])
def test_mandarin_look_alikes_of_tianjin_stay(mandarin_said: str) -> None:
    assert mandarin(mandarin_said) == mandarin_said


@pytest.mark.parametrize("text, day", [
    ("✓昨下 全县校外培训机构暑期安全部署会，共46人", "2026-08-11"),  # the batch's
    ("今上收市局来文1件", "2026-08-12"),
    ("①周一上收市局文2件", "2026-08-10"),  # received: told as done
    ("周二下 白沙乡2个机构消防检查 ✓", "2026-08-11"),  # ✓: done
    ("次日上 县政府常务会 汇报双减 我列席", "2026-08-13"),  # the batch's
])
def test_a_day_and_its_half_typed_short(text: str, day: str) -> None:
    assert _on(AUG_12, text, "县教育局")["date"] == day


def test_a_word_beginning_with_shang_or_xia_is_no_half_day() -> None:
    got = _on(AUG_12, "周一下发通知", "县教育局")
    assert (got["kind"], got["direction"]) == ("document", "outgoing")


@pytest.mark.parametrize("text, unit, kind, direction", [
    ("镇里对各村团支部“三会两制一课”落实情况检查，今儿下午开始", "城关镇", "inspection", "outgoing"),  # the batch's
    ("撤销：昨天登的那条“周五参加县双拥办座谈会”，通知取消了", "城关镇", "meeting", "incoming"),  # a quoted entry
    ("10月20号给团县委报了志愿行动方案", "城关镇", "report", "incoming"),  # 团县委: a body above
    ("昨天市委调研组来了，调研青年发展，开了个座谈会16个人", "城关镇", "inspection", "incoming"),
    ("今上通知各中心校：周五前报辖区无证培训点排查表", "县教育局", "report", "outgoing"),  # the batch's
    ("刚报了市局无证办学整治台账1份", "县教育局", "report", "incoming"),  # the batch's: 无证办学 is no office
    ("8.11市局督学来查课后服务✓", "县教育局", "inspection", "incoming"),  # the batch's
    ("✓今上8:30 局长办公会，我列席", "县教育局", "meeting", "outgoing"),  # the batch's
    ("县委办督查室下周一来查秋季开学准备，通知昨天收到了", "县教育局", "inspection", "incoming"),  # the batch's
    ("周一收到市局督导反馈意见1件", "县教育局", "document", "incoming"),  # the batch's
    ("今早又收俩：市局1，县委办1", "县教育局", "document", "incoming"),  # the batch's
    ("周五下 省厅线上随机抽查我县校外培训监管平台使用情况", "县教育局", "inspection", "incoming"),  # the batch's
    ("大后天周六 跟市监局一块夜查城关镇培训点", "县教育局", "inspection", "outgoing"),  # the batch's
    ("辖区企业的安全生产承诺书收了三十份", "青山镇", "report", "outgoing"),
])
def test_round_36_kind_and_direction(text: str, unit: str, kind: str, direction: str) -> None:
    got = _on(OCT_27 if unit != "县教育局" else AUG_12, text, unit)
    assert (got["kind"], got["direction"]) == (kind, direction)


def test_the_one_inspected_is_no_acting_unit() -> None:
    got = _on(AUG_12, "明天检查城关镇培训点", "县教育局")
    assert got["counterpart"] == "城关镇" and got.get("unit") is None


@pytest.mark.parametrize("text, intent, quantity", [
    ("下周四镇团委打算开青年创业座谈会，请几个返乡创业的小年轻", "record", 1),  # the batch's: a few invited
    ("今儿收到团县委的通报一件，青年大学习排名那个", "record", 1),  # the batch's: the paper about a ranking
    ("昨儿上午镇里开了个志愿服务和青年夜校两件事合一块的会，省得开俩", "record", 1),  # the batch's
    ("10月16号参加了县委办的减负工作培训会，视频会，在镇会议室看的", "record", 1),  # the batch's: how it was held
    ("国庆节后上班头一天开过一个团委班子会，补记一下", "record", 1),  # the batch's
    ("昨儿给团县委交了10月份工作小结，两页纸", "record", 1),  # the batch's
    ("改：昨天部署会是52人，不是46", "correct", None),  # the batch's
    ("报备咋弄的？", "help", None),  # the batch's
])
def test_round_36_acts_and_counts(text: str, intent: str, quantity: int | None) -> None:
    got = _on(OCT_27, text, "城关镇")
    assert got["intent"] == intent and got.get("quantity") == quantity


def test_a_plan_told_after_the_first_day_back() -> None:
    assert _on(OCT_27, "国庆节后上班头一天开过一个团委班子会，补记一下", "城关镇")["date"] == "2026-10-08"


def test_asked_for_from_those_below_is_outgoing() -> None:
    got = _on(OCT_27, "今年以来咱对下要了多少回材料？", "城关镇")
    assert (got["intent"], got["kind"], got["direction"]) == ("query", "report", "outgoing")
