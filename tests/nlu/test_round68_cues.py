"""Classes read from round 68's misses after its one scoring (nongji: a township's agricultural extension
technician; feigong: a town's party-building instructor for private firms and social organisations).

关于…的提醒 names a paper (刚收到…便函，关于做好…的提醒), and 关于报送…实施方案的通知 is named whole; a checking verb
told done (…督导…，查看了2家企业) asks nothing; a form sent down to be filled (下发了排查…的表格，要求…前报回) is a
demand of a paper, not the check it asks about; a notice sent in the form of a 便函 (以便函形式通知…) is a paper;
a party named demands of us (县局让报…; 县局来电话布置了…日报) and 去县局送… hands a paper in; what came in from below
and was summed up (…都报上来了，汇总后报县农业农村局了) is the paper sent up; a meeting just over (县局视频会开完，
镇里接着开了个会) is the time of ours; a bulletin (第5期病虫情报) is a paper of ours; a roster of a training
(培训学员花名册) is a paper; a video meeting that went on (周六那个…视频会开了1个小时) was attended; how something
is to be done (这个通知怎么写, 明天的会怎么安排) is asked, never recorded; 写的是60人，实际…72人 mends the count
to 72; a field's right value against the wrong one (文号是…9号，不是8号) mends it, the 文号 too; a 报备 named as a
place (培训班报备里…) is no new filing; how the bot takes messages (一条消息里能不能登两件事, 日期要怎么写, 是自动推送
…还是…) is help; 在县委党校开的现场会 says where, not who.

Phrasings written for this test; the batches' own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
MAR_27 = dt.datetime(2026, 3, 27, 10, 0)  # a Friday
JUL_24 = dt.datetime(2026, 7, 24, 10, 0)  # a Friday


def _hekou(text: str, now: dt.datetime = MAR_27):  # type: ignore[no-untyped-def]
    return parse(text, now, LEX, demo_speaker("河口镇"))


def _chengguan(text: str, now: dt.datetime = JUL_24):  # type: ignore[no-untyped-def]
    return parse(text, now, LEX, demo_speaker("城关镇"))


def test_a_reminder_named_after_about_is_a_paper() -> None:
    got = _chengguan("刚收到县委两新工委便函，关于做好“两新”组织党组织换届工作的提醒。")  # feigong
    assert (got.intent, got.kind, got.direction, got.date) == ("record", "document", "incoming", JUL_24.date())
    assert got.title is not None and "提醒" not in got.title


def test_a_notice_sending_a_plan_is_named_whole() -> None:
    got = _hekou("收到县农业农村局文：关于报送2026年基层农技推广体系改革与建设补助项目实施方案的通知")  # nongji
    assert (got.kind, got.direction, got.date) == ("document", "incoming", MAR_27.date())


@pytest.mark.parametrize("text", [
    "早上好！补登：周二下午县委两新工委到我镇督导“双覆盖”质量提升行动推进情况，查看了2家企业。",  # feigong
    "昨天县里来检查，查看了3个村的台账",
])
def test_a_checking_verb_told_done_asks_nothing(text: str) -> None:
    got = _chengguan(text)
    assert (got.intent, got.kind, got.direction) == ("record", "inspection", "incoming"), got.to_json()


@pytest.mark.parametrize("text", [
    "周二我们向各村（社区）党组织下发了排查辖区新就业群体党员情况的表格，要求8月5日前报回。",  # feigong
    "今天中午前向各社区党委下发了摸排楼宇企业党员的表格，下周三前收回。",  # feigong
    "给各村发了排查表",
])
def test_a_form_sent_down_is_a_demand_of_a_paper(text: str) -> None:
    got = _chengguan(text)
    assert (got.intent, got.kind, got.direction) == ("record", "report", "outgoing"), got.to_json()


def test_a_notice_in_the_form_of_a_letter_is_a_paper() -> None:
    got = _chengguan("昨天党建办以便函形式通知各社会组织党组织报名参加书记轮训。")  # feigong
    assert (got.kind, got.direction, got.date) == ("document", "outgoing", dt.date(2026, 7, 23))


@pytest.mark.parametrize(("text", "day"), [
    ("县局让报一季度农机安全生产情况，今天报了", MAR_27.date()),  # nongji
    ("今天下午县局来电话布置了春播进度日报，从明天开始报", MAR_27.date()),  # nongji
    ("下周一上午去县局送春播面积统计台账，纸质版", dt.date(2026, 3, 30)),  # nongji
    ("各村早稻育秧面积都报上来了，汇总后报县农业农村局了", MAR_27.date()),  # nongji
    ("给县农广校报了高素质农民培训学员花名册，35人", MAR_27.date()),  # nongji
])
def test_a_paper_of_ours_demanded_or_handed_up(text: str, day: dt.date) -> None:
    got = _hekou(text)
    assert (got.intent, got.kind, got.direction, got.date) == ("record", "report", "incoming", day), got.to_json()


def test_a_paper_from_below_stays_theirs() -> None:
    got = parse("昨天收到河口镇报来的应急演练总结", MAR_27, LEX, demo_speaker("县应急管理局"))
    assert (got.kind, got.direction) == ("report", "outgoing")


def test_after_their_meeting_ours_is_the_item() -> None:
    got = _hekou("上周六县局视频会开完，镇里接着开了个会传达，15个人")  # nongji
    assert (got.kind, got.direction, got.scale) == ("meeting", "outgoing", 15)


@pytest.mark.parametrize("text", ["今天发了第5期病虫情报", "第4期病虫情报今天发各村了"])  # nongji
def test_a_bulletin_of_ours_is_a_paper(text: str) -> None:
    got = _hekou(text)
    assert (got.intent, got.kind, got.direction, got.date) == ("record", "document", "outgoing", MAR_27.date())


@pytest.mark.parametrize(("text", "direction"), [
    ("上午县里的视频会开完了", "incoming"),
    ("今天我们的视频会开了一个小时", "outgoing"),
])
def test_a_video_meeting_that_went_on_was_attended_unless_ours(text: str, direction: str) -> None:
    assert _hekou(text).direction == direction


@pytest.mark.parametrize("text", [
    "明天的会怎么安排", "这个通知怎么写", "这个会咋开", "明天的会时间怎么写到通知里",
])
def test_how_something_is_done_is_asked_never_recorded(text: str) -> None:
    got = _chengguan(text)
    assert got.intent != "record", got.to_json()


@pytest.mark.parametrize("text", ["不知道怎么写，先发了通知", "不管怎么说，明天开会"])
def test_how_embedded_in_a_statement_tells(text: str) -> None:
    assert _chengguan(text).intent == "record"


def test_the_count_written_against_the_actual_one() -> None:
    got = _chengguan("下周一的培训班报备里，参会人数写的是60人，实际报名72人，请更新一下。")  # feigong
    assert (got.intent, got.changes) == ("correct", {"scale": 72})
    assert _chengguan("昨天的会登的是30人，实际到了28人，改一下").changes == {"scale": 28}


def test_a_field_right_against_wrong_mends_the_document_number() -> None:
    got = _hekou("昨天发的春耕生产工作方案，文号是河政发〔2026〕9号，不是8号")  # nongji
    assert (got.intent, got.changes) == ("correct", {"doc_number": "河政发〔2026〕9号"})


def test_where_a_meeting_was_held_is_not_who_held_it() -> None:
    got = _chengguan("昨天登记的县委组织部党费收缴管理会议，实际不是视频会，是在县委党校开的现场会，请改一下。")  # feigong
    assert (got.intent, got.direction) == ("correct", "incoming")
    assert "direction" not in got.changes


@pytest.mark.parametrize("text", [
    "@减负助手 一条消息里能不能登两件事？",  # nongji
    "补登以前的记录，日期要怎么写",  # nongji
    "请问你能帮我登记党费收缴的数据吗？还是只能登记会议、文件、督查和报表这些？",  # feigong
    "请问每周一的分析是自动推送到群里，还是需要我每次找你要？",  # feigong
    "请问登记的时候，便函和正式文件需要分开说明吗？",  # feigong
])
def test_how_the_bot_takes_messages_is_help(text: str) -> None:
    assert _chengguan(text).intent == "help"
