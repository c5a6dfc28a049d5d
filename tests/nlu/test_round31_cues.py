"""Round 31 of issue 13, read from its blind batches (zhifa: a town's 综合行政执法队长 who types Jianghuai speech,
可照/克/哈子/么得; fagui: the county office's 法规室, formal, 登记：/计N件/拟) after their one scoring: Jianghuai words
read as Mandarin (bot.nlu.dialect); the speaker's own unit named acting (县委办召开…, 县委办要求…, said in 县委办) is the
speaker acting, which the learned opinion does not overturn; what an inspection looks at or a meeting decides on
(看二十来本, 审议2份) and what goes with an item (附简表1张) are no count of it; a notice received (接…通知) announces
the visit after it, and a body above the county that comes (督查组…到县) inspects us even when another party was named
first; a day said before a demand to hand something in is its deadline; 从9月份到11月份 keeps both ends; an entry's
items pointed at (那五件里…改成四件) are corrected; 报备 naming a paper (报备提醒函) files nothing.

Phrasings written for this test; the batch's own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse
from bot.nlu.dialect import mandarin

LEX = demo_lexicon()
DEC_10 = dt.datetime(2026, 12, 10, 10, 0)  # a Thursday of the year-end week
JUL_8 = dt.datetime(2026, 7, 8, 10, 0)  # a Wednesday of the flood season


@pytest.mark.parametrize("said, mandarin_said", [
    ("明个下午想开个禁烧调度会，各村包村干部来，可照？", "明天下午想开个禁烧调度会，各村包村干部来，行不行？"),  # the batch's
    ("下周一给各村发个防火通知，可要报备啊", "下周一给各村发个防火通知，要不要报备啊"),  # the batch's
    ("夜个那个应急会开了一个半钟头，补哈子", "昨天那个应急会开了一个半钟头，补一下"),  # the batch's
    ("月底前还要开一次全镇违建清零推进会，哪天还么定", "月底前还要开一次全镇违建清零推进会，哪天还没定"),  # the batch's
    ("明天克县里开会，么得材料要带", "明天去县里开会，没有材料要带"),
])
def test_jianghuai_is_read_as_mandarin(said: str, mandarin_said: str) -> None:
    assert mandarin(said) == mandarin_said


@pytest.mark.parametrize("text", ["他可能去县里了", "一公斤是一千克", "可要注意安全啊", "克服困难"])
def test_mandarin_with_jianghuai_looking_words_is_left_alone(text: str) -> None:
    assert mandarin(text) == text


@pytest.mark.parametrize("text, kind", [
    ("今日县委办要求县直各单位报送规范性文件清理结果，限7月20日前。", "report"),  # the batch's
    ("下周一上午县委办召开防汛期间公文处理衔接会，县政府办参加。", "meeting"),  # the batch's
])
def test_the_speakers_own_unit_named_acting_acts_outward(text: str, kind: str) -> None:
    parsed = parse(text, JUL_8, LEX, speaker=demo_speaker("县委办"))
    assert (parsed.kind, parsed.direction) == (kind, "outgoing")


def test_as_the_county_office_required_is_still_a_report_upward() -> None:
    parsed = parse("今天按县委办要求上报了上半年工作总结", JUL_8, LEX, speaker=demo_speaker("城关镇"))
    assert (parsed.kind, parsed.direction) == ("report", "incoming")


@pytest.mark.parametrize("text, speaker, quantity", [
    ("今天上午县局督查组要来查执法案卷，估计要看二十来本", "青山镇", 1),  # the batch's
    ("登记：今日下午县委办召开规范性文件审查复核会，审议2份，4人，半小时。", "县委办", 1),  # the batch's
    ("报备：拟于7月16日要求各乡镇报送村规民约修订情况，一次性报，附简表1张。", "县委办", 1),  # the batch's
    ("上报材料3份，附表2张", "青山镇", 3),
])
def test_what_is_looked_at_decided_on_or_attached_is_no_count(text: str, speaker: str, quantity: int) -> None:
    assert parse(text, JUL_8, LEX, speaker=demo_speaker(speaker)).quantity == quantity


def test_a_notice_received_announces_a_visit_from_above() -> None:
    parsed = parse("今晨接市委办通知，市委第三督查组下周二到县督查党内法规执行情况。", JUL_8, LEX,
                   speaker=demo_speaker("县委办"))  # the batch's
    assert (parsed.kind, parsed.direction, str(parsed.date)) == ("inspection", "incoming", "2026-07-14")


@pytest.mark.parametrize("text, day", [
    ("下周一要各村把燃气用户底数报上来，今天通知了", "2026-12-10"),  # the batch's
    ("下周一要各村把燃气用户底数报上来", "2026-12-14"),  # no other day: the one said
])
def test_a_day_before_a_demand_to_hand_in_is_its_deadline(text: str, day: str) -> None:
    assert str(parse(text, DEC_10, LEX, speaker=demo_speaker("青山镇")).date) == day


def test_from_one_month_to_another_keeps_both_ends() -> None:
    period = parse("从9月份到11月份，督导村里多少次", DEC_10, LEX, speaker=demo_speaker("青山镇")).period  # the batch's
    assert period is not None and (str(period.start), str(period.end)) == ("2026-09-01", "2026-11-30")


@pytest.mark.parametrize("text, intent", [
    ("那五件里县委办的是一件，改成四件", "correct"),  # the batch's
    ("夜个那个应急会开了一个半钟头，补哈子", "correct"),  # the batch's
    ("一事一报：计划外加开一个燃气安全专题会，定在下周三上午，县住建局要求的", "file"),  # the batch's
    ("登记：本周三县委办向县直各单位印发规范性文件报备提醒函1件。", "record"),  # fagui's
    ("帮我把今年1到11月的减负汇报数字填哈子，要同比的", "report"),  # the batch's
    ("上半年减负汇报，按去年那个格式出一段。", "report"),  # fagui's, shortened
    ("记会议要说哪些东西啊，时间地点人数？", "help"),  # the batch's
    ("请问报备以后怎么看审批结果？", "help"),  # fagui's
    ("县委办督查室今天下午来核查上报的减负数据", "record"),  # the batch's
])
def test_acts_of_round_31(text: str, intent: str) -> None:
    assert parse(text, DEC_10, LEX, speaker=demo_speaker("青山镇")).intent == intent


def test_coming_to_check_the_data_reported_is_an_inspection() -> None:
    parsed = parse("县委办督查室今天下午来核查上报的减负数据", DEC_10, LEX, speaker=demo_speaker("青山镇"))  # the batch's
    assert (parsed.kind, parsed.direction) == ("inspection", "incoming")


@pytest.mark.parametrize("text, day", [
    ("元旦前最后一天开全体执法人员大会，可照？", "2026-12-31"),  # the batch's check
    ("跟各村开个视频会讲元旦春节禁燃禁放，半个钟头，不让他们来镇里，下周一，可以吧？", "2026-12-14"),  # the batch's check
    ("元旦开会行吗", "2027-01-01"),  # the festival said as the day stays the day
])
def test_the_day_a_check_proposes(text: str, day: str) -> None:
    assert str(parse(text, DEC_10, LEX, speaker=demo_speaker("青山镇")).date) == day
