"""Round 11 of issue 13: who does what in a sentence — our own proposal after a higher body's act, forms
demanded of those below, a meeting the other party holds, the speaker's own unit named in the third person,
the county office above a department; the noun a qualifier belongs to (督查情况通报会); a trip to look at
something (去几个学校看看) told, not asked; and the papers of a meeting (会议记录) that are no meeting.

Phrasings written for this test (not copied from the blind batches).
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

NOW = dt.datetime(2026, 12, 9, 10, 0)  # a Wednesday
LEX = demo_lexicon()


def said_in(unit: str, text: str, now: dt.datetime = NOW):
    return parse(text, now, LEX, demo_speaker(unit))


@pytest.mark.parametrize(("text", "kind"), [
    ("市里的文件已经发到各村了，咱镇还转发不转发", "document"),
    ("省里的视频会开到乡镇一级了，我们还需不需要再开一次", "meeting"),
    ("县里那个文件都到村了，局里还要不要印发", "document"),
])
def test_our_own_proposal_after_a_higher_bodys_act_is_outgoing(text: str, kind: str) -> None:
    intent = said_in("城关镇", text)
    assert (intent.intent, intent.kind, intent.direction) == ("check", kind, "outgoing"), text


@pytest.mark.parametrize(("unit", "text"), [
    ("城关镇", "今年镇里一共要了村里几回材料"),
    ("城关镇", "给各村下了三张表，一张人口一张低保一张党员"),
    ("城关镇", "网格员每天要在群里签到，这样行不行"),
    ("城关镇", "春耕的表今天已经布置下去了，周五收"),
    ("城关镇", "让村干部都装上那个学习软件，可以吗"),
    ("县委办", "给乡镇的年终考核表从八张压到两张，行吧"),
])
def test_forms_demanded_of_those_below_are_outgoing(unit: str, text: str) -> None:
    intent = said_in(unit, text)
    assert (intent.kind, intent.direction) == ("report", "outgoing"), text


def test_the_报_of_报表_is_no_verb_of_its_own() -> None:
    intent = said_in("城关镇", "各村的报表能不能让他们在群里接龙交")
    assert (intent.intent, intent.kind, intent.direction) == ("check", "report", "outgoing")


@pytest.mark.parametrize("text", [
    "县委办周四开视频会要求各乡镇参加，算不算占了无会日",
    "市应急局定的调度会要组织各村一起参加，这个行吗",
])
def test_a_meeting_the_other_party_holds_is_incoming(text: str) -> None:
    intent = said_in("城关镇", text)
    assert (intent.kind, intent.direction) == ("meeting", "incoming"), text


@pytest.mark.parametrize("text", [
    "县委办前天开了全县减负推进会，三十来个单位参会",
    "这周二和周三各开了一个会，都是县委办组织的",
])
def test_the_speakers_own_unit_named_as_host_is_ours(text: str) -> None:
    intent = said_in("县委办", text)
    assert (intent.kind, intent.direction) == ("meeting", "outgoing"), text
    assert intent.counterpart != "县委办"


def test_the_county_office_stands_above_a_department() -> None:
    intent = said_in("县教育局", "昨天在县委办开了个信访维稳协调会")
    assert (intent.kind, intent.direction, intent.counterpart) == ("meeting", "incoming", "县委办")


@pytest.mark.parametrize("text", [
    "组织部的党建推进会 明天 我和书记去",
    "县农业农村局通知周四去开冬修水利调度会，我跟站长两个人去",
    "上午去县里一个会下午又一个会，这一天跑了两趟县里",
])
def test_our_people_going_to_someone_elses_meeting_is_incoming(text: str) -> None:
    intent = said_in("城关镇", text)
    assert (intent.kind, intent.direction) == ("meeting", "incoming"), text


@pytest.mark.parametrize(("text", "kind"), [
    ("12月28号开学校安全督查情况通报会，各校分管副校长参加", "meeting"),   # 开学校: 开 a meeting, not 开学
    ("前天市里开督导评估视频调度会，我们设分会场参加了", "meeting"),       # 督导评估 names the meeting
    ("3号收到市教育督导室的督导通报，补登一下", "document"),
    ("本月出了一份督查情况通报，发到各村", "document"),
    ("县委办又来了一个急件，要求周三前报数据", "document"),
    ("县委巡察组上午调阅了镇党委会议记录，算一次检查", "inspection"),      # 会议记录: papers, not a meeting
    ("县纪委明天来镇里检查两会期间值班", "inspection"),                   # 两会期间: a time
    ("下周四县里开信息报送培训，通知我去", "meeting"),
])
def test_the_noun_a_qualifier_belongs_to_decides_the_kind(text: str, kind: str) -> None:
    intent = said_in("城关镇", text)
    assert (intent.intent, intent.kind) == ("record", kind), text


def test_a_done_verb_that_is_the_main_predicate_keeps_its_item() -> None:
    intent = said_in("城关镇", "刚收到县委组织部一个文，讲的是年底考核那些事，先登上")
    assert (intent.kind, intent.direction) == ("document", "incoming")


@pytest.mark.parametrize("text", [
    "下周四局里到河口镇几所村小去看看控辍情况",
    "周五下午组织人去城关镇几个学校查一下校车",
    "月底减负办准备去青山镇调研村级减负情况",
])
def test_a_trip_to_look_at_something_is_an_inspection_told_not_a_question(text: str) -> None:
    intent = said_in("县教育局", text)
    assert (intent.intent, intent.kind, intent.direction) == ("record", "inspection", "outgoing"), text


@pytest.mark.parametrize("text", ["1-11月精文减会统计表今天报给县委办了", "文山会海的问题要下决心解决"])
def test_the_campaigns_own_phrases_are_not_voice_typos(text: str) -> None:
    from bot.nlu.homophones import correct

    assert correct(text) == text


@pytest.mark.parametrize(("text", "quantity"), [
    ("上午开了安委会，下午又开了个防汛调度会", 2),
    ("1. 上午党委会；2. 下午镇长办公会，都开完了", 2),
    ("昨天参加了市里的视频会，是秋冬防火部署会", 1),       # the same meeting, named twice
    ("今天上午开了党委会，党委会会议记录下午整理", 1),      # the papers of the meeting are no second one
    ("座谈会开完了，座谈会的材料明天报", 1),
])
def test_meetings_named_one_by_one_are_counted(text: str, quantity: int) -> None:
    intent = said_in("城关镇", text)
    assert (intent.intent, intent.kind, intent.quantity) == ("record", "meeting", quantity), text


@pytest.mark.parametrize(("text", "day"), [
    ("周五的座谈会能不能在周三开", dt.date(2026, 12, 9)),     # the day moved to
    ("周四那个会改到下周二开行不行", dt.date(2026, 12, 15)),
    ("周五的调度会放到周三开，可以吧", dt.date(2026, 12, 9)),
])
def test_a_check_about_a_moved_meeting_asks_about_the_new_day(text: str, day: dt.date) -> None:
    intent = said_in("城关镇", text)
    assert (intent.intent, intent.date) == ("check", day), text


@pytest.mark.parametrize(("text", "kind", "direction"), [
    ("县委宣传部的文 12月1号收的 补一下", "document", "incoming"),          # 的文: a document
    ("意识形态工作落实情况上周三报县委宣传部了，补个登记", "report", "incoming"),  # 报 + the one it goes to
    ("把减负工作开展情况报给县委办了", "report", "incoming"),
    ("昨天被县应急局查了消防通道，问题不大", "inspection", "incoming"),      # 被…查了
])
def test_what_was_sent_received_or_suffered_in_plain_words(text: str, kind: str, direction: str) -> None:
    intent = said_in("城关镇", text)
    assert (intent.intent, intent.kind, intent.direction) == ("record", kind, direction), text


@pytest.mark.parametrize(("text", "kind"), [
    ("县应急局要各村每天在群里打卡，这个有没有问题", "report"),     # the other party demands it: from above
    ("上头要求每个村都上传巡河照片，这合规吗", "report"),
    ("昨天下午市委督查室打电话抽查了我们值班", "inspection"),        # by phone, still their inspection
    ("这周一收到县委办转发的《关于规范督查检查考核的通知》一份", "document"),
])
def test_what_the_other_party_does_to_us_is_incoming(text: str, kind: str) -> None:
    intent = said_in("城关镇", text)
    assert (intent.kind, intent.direction) == (kind, "incoming"), text


@pytest.mark.parametrize("text", ["周四开个安全生产例会 可以咩", "会上讲过了就不再发文了 这样ok吧", "这个会改成书面通知 OK不"])
def test_a_southern_or_online_question_particle_asks(text: str) -> None:
    assert said_in("县应急管理局", text).intent == "check", text


@pytest.mark.parametrize(("text", "now", "day"), [
    ("周一开的班子会 记一下", dt.datetime(2027, 1, 13, 9), dt.date(2027, 1, 11)),         # V的 + noun: done
    ("周四开个紧急会商会 寒潮要来了", dt.datetime(2026, 12, 22, 9), dt.date(2026, 12, 24)),  # 要来了 is ahead
    ("12-14参加市安委会全体会议", dt.datetime(2026, 12, 22, 9), dt.date(2026, 12, 14)),      # month-day
])
def test_days_said_the_way_cadres_type_them(text: str, now: dt.datetime, day: dt.date) -> None:
    assert said_in("县应急管理局", text, now).date == day, text


@pytest.mark.parametrize(("text", "intent", "kind", "direction"), [
    ("下周四局里开减灾委会", "record", "meeting", "outgoing"),             # a committee's meeting
    ("本周三减灾委全体会 局里牵头开", "record", "meeting", "outgoing"),
    ("上季度督查咱的有几次", "query", "inspection", "incoming"),             # inspecting us
    ("上季度我们查了乡镇几次", "query", "inspection", "outgoing"),
    ("今年以来报备了几个会", "query", "meeting", None),                     # a count of filings, no filing
])
def test_committee_meetings_and_who_inspects_whom(text: str, intent: str, kind: str, direction: str | None) -> None:
    got = said_in("县应急管理局", text)
    assert (got.intent, got.kind) == (intent, kind), text
    assert direction is None or got.direction == direction, text


def test_a_village_committee_is_a_place_not_a_meeting() -> None:
    assert said_in("城关镇", "明天去村委会查一下低保台账").kind == "inspection"
