"""Round 30 of issue 13, read from its blind batches (zhenxing: a township 乡村振兴工作站站长 who types north-western
speech, 额们/咧/撒/县上/今个; fangxun: a county flood-control deputy who types north-eastern speech, 今儿个/嘎哈/整)
after their one scoring: north-western words are read as Mandarin (bot.nlu.dialect), and so are the northern
今个/明个/后个/前个; 节前 alone is the last working day before the nearest holiday; a day said in a clause naming no item
sets the scene when the item's clause says its own; the day someone was told (今天才说) is no day of the item; a field of
an entry pointed at, filled in (那个会，参会人数是25个，给补上), corrects it; a team by its work (评价组, 审计组) inspects;
少没少 asks a figure; 今年…几回了 runs to today; a time left open (哪天还没定) asks nothing.

Phrasings written for this test; the batch's own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse
from bot.nlu.dialect import mandarin

LEX = demo_lexicon()
JUN_24 = dt.datetime(2026, 6, 24, 10, 0)  # a Wednesday after the 端午 days off (19–21 June)


@pytest.mark.parametrize("said, mandarin_said", [
    ("上周三县上开的巩固衔接推进会额去咧，忘登了，补上", "上周三县里开的巩固衔接推进会我去了，忘登了，补上"),  # the batch's
    ("明个上午县上开巩固衔接领导小组会，乡长带额去", "明天上午县里开巩固衔接领导小组会，乡长带我去"),  # the batch's
    ("这个机器人能弄撒？", "这个机器人能弄啥？"),  # the batch's
    ("后个乡上开防汛防返贫工作会", "后天乡里开防汛防返贫工作会"),  # the batch's
    ("额们嫑再开会咧", "我们不要再开会了"),
    ("今个后半天要去县上参加雨露计划工作会", "今天下午要去县里参加雨露计划工作会"),  # the batch's
])
def test_north_western_speech_is_read_as_mandarin(said: str, mandarin_said: str) -> None:
    assert mandarin(said) == mandarin_said


@pytest.mark.parametrize("text", ["发文配额还剩几个", "金额超额了", "全县上下都在搞", "全省上半年", "县上报材料", "撒谎",
                                  "全县上月发文数同比", "市上周来检查了吗",
                                  "前个月开了几个会", "最后个事", "咧嘴笑"])
def test_mandarin_with_north_western_looking_words_is_left_alone(text: str) -> None:
    assert mandarin(text) == text


@pytest.mark.parametrize("text, day", [
    ("节前县乡村振兴局来了个文，关于开展防返贫集中排查的，给登上", "2026-06-18"),  # the batch's
    ("端午放假前那天收了市防指一个紧急通知，补登一下", "2026-06-18"),  # the batch's
    ("节前要开个会", "2026-09-24"),  # the next holiday: 中秋, 25 September
])
def test_before_the_holiday(text: str, day: str) -> None:
    assert str(parse(text, JUN_24, LEX, speaker=demo_speaker("白沙乡")).date) == day


def test_the_season_named_is_no_day() -> None:
    assert parse("节前安全检查布置会开了", JUN_24, LEX, speaker=demo_speaker("白沙乡")).date is None


@pytest.mark.parametrize("text, day", [
    ("下礼拜二开学，礼拜一上午局里开开学工作调度会，局班子+股室长，20人", "2026-06-29"),  # renshi's, in Mandarin
    ("上周五放假了，那个调度会挪到今天下午开了，乡上开的，8个人", "2026-06-24"),
    ("上周五端午放假，那天没事。上周四收文2个补上", "2026-06-18"),  # the batch's
    ("市上暗访组前个来过柳沟村咧，村上今个才说", "2026-06-22"),  # the batch's: the day we were told is not the visit's
])
def test_the_items_own_day_wins(text: str, day: str) -> None:
    assert str(parse(text, JUN_24, LEX, speaker=demo_speaker("白沙乡")).date) == day


def test_a_clock_time_beside_the_item_stays() -> None:
    parsed = parse("明天开会，下午3点", JUN_24, LEX, speaker=demo_speaker("白沙乡"))
    assert (str(parsed.date), str(parsed.time)[:5]) == ("2026-06-25", "15:00")


@pytest.mark.parametrize("text", [
    "碰头会那条人数补上，5个人",  # the batch's
    "白沙乡昨天那个会，参会人数是25个，给补上",
    "前天开的那个山洪调度会，参会的是四个乡镇分管领导加咱局6个人，补上",  # the batch's, in Mandarin
])
def test_a_field_of_an_entry_filled_in_corrects_it(text: str) -> None:
    assert parse(text, JUN_24, LEX, speaker=demo_speaker("县应急管理局")).intent == "correct"


@pytest.mark.parametrize("text", ["上周三开的农房审批联审会漏记了，6个人，补上", "县委办来文2件，补上"])
def test_an_item_told_late_is_still_recorded(text: str) -> None:
    assert parse(text, JUN_24, LEX, speaker=demo_speaker("白沙乡")).intent == "record"


@pytest.mark.parametrize("text", ["明个市上衔接资金绩效评价组来，要看3个项目", "市审计组今天来查账"])  # the first the batch's
def test_a_team_named_by_its_work_inspects(text: str) -> None:
    parsed = parse(text, JUN_24, LEX, speaker=demo_speaker("白沙乡"))
    assert (parsed.intent, parsed.kind, parsed.direction) == ("record", "inspection", "incoming")


def test_the_in_of_linking_is_no_incoming() -> None:
    parsed = parse("报备：下周三乡上对7个村衔接资金项目进度督导", JUN_24, LEX, speaker=demo_speaker("白沙乡"))  # the batch's
    assert (parsed.intent, parsed.kind, parsed.direction) == ("file", "inspection", "outgoing")


def test_did_the_figure_fall_asks_for_figures() -> None:
    parsed = parse("这个月跟上个月比，报材料少没少", JUN_24, LEX, speaker=demo_speaker("县应急管理局"))  # the batch's
    assert (parsed.intent, parsed.compare) == ("query", "mom")


@pytest.mark.parametrize("text, end", [("今年叫村上报了几回材料咧", "2026-06-24"), ("今年开了多少会了", "2026-06-24"),
                                       ("今年收文多少件", "2026-12-31")])
def test_how_many_so_far_runs_to_today(text: str, end: str) -> None:
    period = parse(text, JUN_24, LEX, speaker=demo_speaker("白沙乡")).period
    assert period is not None and str(period.end) == end


@pytest.mark.parametrize("text, intent", [
    ("上季度的季通报出来么", "report"),  # the batch's
    ("这星期的周分析能不能现在就出", "report"),  # the batch's
    ("去年全年的也导一份出来", "export"),  # the batch's
    ("这个机器人能弄撒？会议发文都能登么", "help"),  # the batch's
])
def test_the_bot_asked_for_its_output(text: str, intent: str) -> None:
    assert parse(text, JUN_24, LEX, speaker=demo_speaker("白沙乡")).intent == intent


def test_a_standing_demand_from_today_is_recorded_today() -> None:
    parsed = parse("从今儿个开始让各镇每天下午五点前报雨情水情", JUN_24, LEX, speaker=demo_speaker("县应急管理局"))  # the batch's
    assert (parsed.intent, parsed.kind, parsed.direction, str(parsed.date)) == ("record", "report", "outgoing",
                                                                                 "2026-06-24")


@pytest.mark.parametrize("text, intent", [
    ("下周县教育局来我们乡检查校园安全，哪天还没定", "record"),  # jiweishuji's, read wrong for a while this round
    ("上周县委办来过一个调研组，具体哪天记不清了，周二还是周三。", "record"),  # wenhua's
    ("镇政府办今儿给县住建局发了个便函,问管网改造资金啥时候拨", "record"),  # chengjian's: asked of another
    ("问一下什么时候开会", "query"),
])
def test_a_time_left_open_or_asked_of_another_is_told(text: str, intent: str) -> None:
    assert parse(text, JUN_24, LEX, speaker=demo_speaker("白沙乡")).intent == intent


def test_two_books_are_two() -> None:
    parsed = parse("今个把到户产业补助发放花名册报给县农业农村局咧，一共两本", JUN_24, LEX,
                   speaker=demo_speaker("白沙乡"))  # the batch's
    assert parsed.quantity == 2
