"""Phrasings beyond the labelled set that exercise one rule each (regressions found while reviewing)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.nlu import Attendees, parse
from nlu_data import DEFAULT_NOW, demo_lexicon

LEXICON = demo_lexicon()


def fields(text: str, *names: str) -> tuple[object, ...]:
    got = parse(text, DEFAULT_NOW, LEXICON)
    return tuple(getattr(got, name) for name in names)


def test_a_clock_range_gives_the_duration() -> None:
    assert fields("今天下午4点至6点开班子会", "time", "duration_minutes") == (dt.time(16, 0), 120)
    assert fields("明天9:00-11:30开培训会", "time", "duration_minutes") == (dt.time(9, 0), 150)


def test_a_documents_name_does_not_decide_the_kind() -> None:
    assert fields("县委办关于召开全县安全生产工作会议的通知收到了", "kind", "direction", "unit", "counterpart") == (
        "document", "incoming", None, "县委办")
    assert fields("今天印发关于召开全县安全生产工作会议的通知", "kind", "direction", "title") == (
        "document", "outgoing", "安全生产")


def test_two_periods_compared() -> None:
    assert fields("11月份开会次数比10月份多了几次", "intent", "compare") == ("query", "mom")
    assert fields("今年发文比去年多多少", "intent", "compare") == ("query", "yoy")


def test_asking_lower_units_to_hand_in_is_an_outgoing_report() -> None:
    assert fields("下周一之前把秸秆禁烧台账报上来", "kind", "direction", "subtype", "date") == (
        "report", "outgoing", "报表", dt.date(2026, 11, 23))


def test_inspections_named_by_their_outcome_words() -> None:
    assert fields("城关镇11月20日至22日迎接了省级文明城市复查", "kind", "direction", "date", "date_end") == (
        "inspection", "incoming", dt.date(2026, 11, 20), dt.date(2026, 11, 22))


def test_attendee_roles_run_up_to_the_verb() -> None:
    got = parse("下午两点半召开脱贫攻坚推进会，各村第一书记参加", DEFAULT_NOW, LEXICON)
    assert got.attendees == Attendees(None, "各村第一书记")


@pytest.mark.parametrize(("text", "changes"), [
    ("@张三 明天的会改到下午了", {"daypart": "afternoon"}),
    ("#5 改到明天上午", {"date": dt.date(2026, 11, 23), "daypart": "morning"}),
    ("#5 地点改为三楼会议室", {"location": "三楼会议室"}),
])
def test_corrections(text: str, changes: dict[str, object]) -> None:
    got = parse(text, DEFAULT_NOW, LEXICON)
    assert (got.intent, got.changes) == ("correct", changes)


def test_a_request_to_a_colleague_is_not_a_record() -> None:
    assert fields("今天开会的材料发我一下", "intent", "kind") == ("unknown", None)


def test_commands_the_filing_and_member_handlers_rely_on() -> None:
    assert fields("同意绑定 赵六", "intent", "args") == ("bind", {"target": "confirm", "name": "赵六"})
    assert fields("拒绝绑定 赵六", "intent", "args") == ("bind", {"target": "deny", "name": "赵六"})
    assert fields("报备 #12", "intent", "entry_id", "missing") == ("file", 12, [])
    assert fields("#12补办报备", "intent", "entry_id") == ("file", 12)
    assert fields("#12 事由改为全县森林防火会议", "intent", "changes") == (
        "correct", {"title": "全县森林防火会议"})
    assert fields("添加单位 东关村 上级 城关镇", "intent", "args") == (
        "admin", {"action": "add_unit", "name": "东关村", "parent": "城关镇"})
    assert fields("查看订阅", "intent", "args") == ("subscribe", {"action": "status"})
    # an ordinary record mentioning a unit is not an admin command
    assert fields("城关镇明天开会", "intent") == ("record",)


# ---------------------------------------------------------------- reviewer's gaps (round 2)


@pytest.mark.parametrize("text", ["昨天县委办来文件了，3个", "昨天收到县委办文件3个", "昨天县委办来了3个文件"])
def test_the_sender_of_a_document_is_the_counterpart_and_a_trailing_count_the_quantity(text: str) -> None:
    assert fields(text, "kind", "direction", "counterpart", "unit", "quantity") == (
        "document", "incoming", "县委办", None, 3)


def test_documents_that_came_in_are_incoming() -> None:
    assert fields("来了3个文件", "kind", "direction", "quantity", "unit") == ("document", "incoming", 3, None)


@pytest.mark.parametrize(("text", "counterpart", "unit"), [
    ("昨天县委办来督查", "县委办", None),
    ("昨天县应急局来检查", "县应急管理局", None),
    ("城关镇昨天向县委办报送材料", "县委办", "城关镇"),
    ("县委办昨天要求城关镇上报材料", "城关镇", "县委办"),
])
def test_a_source_of_incoming_or_target_of_outgoing_items_is_the_counterpart(
        text: str, counterpart: str, unit: str | None) -> None:
    assert fields(text, "counterpart", "unit") == (counterpart, unit)


@pytest.mark.parametrize(("text", "day"), [
    ("12号开推进会，一个半小时", dt.date(2026, 11, 12)),  # no tense: the nearer (10 days back, not 20 ahead)
    ("5号开推进会", dt.date(2026, 12, 5)),  # no tense: the nearer (13 days ahead, not 17 back)
    ("12号拟开推进会", dt.date(2026, 12, 12)),  # a plan: next month
    ("12号开推进会可以吗", dt.date(2026, 12, 12)),  # a question whether it may be held looks ahead
    ("25号开推进会", dt.date(2026, 11, 25)),  # 25 ≥ 22: this month
    ("22号开推进会", dt.date(2026, 11, 22)),  # today
    ("12号开了推进会", dt.date(2026, 11, 12)),  # past tense: this month
    ("3月5日开推进会", dt.date(2027, 3, 5)),  # future tense: the next 3月5日
    ("3月5日开了推进会", dt.date(2026, 3, 5)),
    ("12月5日开推进会", dt.date(2026, 12, 5)),
    ("11月20日县委办发文2件", dt.date(2026, 11, 20)),  # a late log, not a plan a year ahead
])
def test_a_bare_day_reads_forward_for_a_plan_back_in_the_past_else_the_nearer(text: str, day: dt.date) -> None:
    assert fields(text, "date") == (day,)


def test_a_query_about_a_bare_day_looks_back() -> None:
    got = parse("12号发文多少件", DEFAULT_NOW, LEXICON)
    assert got.period is not None and got.period.start == dt.date(2026, 11, 12)


@pytest.mark.parametrize("text", ["昨天县里来人检查", "月底迎接省考核", "下周市里来人督查", "迎接市考核"])
def test_a_level_or_people_word_is_not_a_title(text: str) -> None:
    assert fields(text, "kind", "title") == ("inspection", None)


@pytest.mark.parametrize(("text", "kind", "direction"), [
    ("要求各村上报材料1份", "report", "outgoing"),
    ("到各村开展环保督导", "inspection", "outgoing"),
])
def test_whom_a_report_or_inspection_addresses_is_not_attendees(text: str, kind: str, direction: str) -> None:
    assert fields(text, "kind", "direction", "attendees", "counterpart") == (kind, direction, None, "各村")


def test_meetings_keep_their_attendees() -> None:
    assert fields("明天开会，各村参加", "attendees") == (Attendees(None, "各村"),)


@pytest.mark.parametrize("text", ["今年1-13月发文数", "13月份开了几次会", "今年11-3月发文数"])
def test_an_impossible_month_gives_no_period_and_asks(text: str) -> None:
    assert fields(text, "intent", "period", "missing") == ("query", None, ["period"])


@pytest.mark.parametrize(("text", "changes"), [
    ("#5 改为-5人", {"scale": -5}),
    ("#5 人数改为-5人", {"scale": -5}),
    ("#5 数量改为-2", {"quantity": -2}),
    ("#5 人数改为负5人", {"scale": -5}),
])
def test_a_negative_correction_stays_negative_so_the_handler_refuses(text: str, changes: dict[str, int]) -> None:
    assert fields(text, "intent", "changes") == ("correct", changes)


@pytest.mark.parametrize(("text", "kind", "direction"), [
    ("开会", "meeting", "outgoing"),
    ("开个会", "meeting", "outgoing"),
    ("发文", "document", "outgoing"),
    ("上报材料", "report", "incoming"),
])
def test_a_bare_activity_is_a_record_that_asks_for_the_date(text: str, kind: str, direction: str) -> None:
    assert fields(text, "intent", "kind", "direction", "missing") == ("record", kind, direction, ["date"])


@pytest.mark.parametrize(("text", "kind", "direction"), [
    ("收到文件", "document", "incoming"), ("开了个会", "meeting", "outgoing"), ("报了", None, None)])
def test_an_activity_told_as_done_without_a_day_is_dated_today_and_says_so(
        text: str, kind: str | None, direction: str | None) -> None:
    parsed = parse(text, DEFAULT_NOW, LEXICON)
    if kind is None:  # 报了 names no kind: nothing to date
        assert parsed.date is None and not parsed.date_assumed
        return
    assert (parsed.intent, parsed.kind, parsed.direction, parsed.date, parsed.date_assumed, parsed.missing) == (
        "record", kind, direction, DEFAULT_NOW.date(), True, [])


@pytest.mark.parametrize(("text", "kind"), [
    ("是会议", "meeting"), ("会议", "meeting"), ("就是收文", "document"), ("报表", "report")])
def test_a_bare_noun_or_is_answer_stays_a_short_answer(text: str, kind: str) -> None:
    assert fields(text, "intent", "kind") == ("unknown", kind)


def test_viewing_subscriptions_is_a_status_request() -> None:
    assert fields("查看订阅", "intent", "args") == ("subscribe", {"action": "status"})


def test_ranking_scopes() -> None:
    assert fields("各单位本月发文排名", "group_by", "args") == ("unit", {})
    assert fields("县直单位本月发文排名", "args") == ({"scope_level": "department"},)
    assert fields("各乡镇本月发文排名", "args") == ({"scope_level": "town"},)


@pytest.mark.parametrize(("text", "field", "want"), [
    ("两个会参会人员一样，放在同一天上午连着开", "duration_minutes", None),  # 同一天 is a day, not a length
    ("业务碰头会从早上九点开到下午五点", "duration_minutes", 480),  # a clock range with the verb in between
    ("市卫健委7月2日开全市视频会，我们按时参加", "direction", "incoming"),
    ("下周四县政府召开全县安全生产工作会，我局派分管副局长参加", "direction", "incoming"),
    ("两个卫生院参加的业务碰头会明天开", "direction", "outgoing"),  # 参加的 names the participants
    ("县消防救援大队上周六来查敬老院消防", "direction", "incoming"),
    ("省疾控的同志周四过来抽查预防接种门诊", "direction", "incoming"),
    ("督查的时候让各村把照片打包发过来", "direction", "outgoing"),  # 发过来 is sent to us, not a visit
    ("县纪委对我局廉洁过节情况进行了明察暗访", "direction", "incoming"),
    ("明天上午开个安委会", "kind", "meeting"),
    ("今天按县委办要求上报了上半年工作总结", "direction", "incoming"),  # X's demand, our submission
    ("县应急局让我们填的排查表，今天已交", "direction", "incoming"),
    ("向两个卫生院各要了一份自查报告", "direction", "outgoing"),
    ("今天通知各村报材料", "direction", "outgoing"),
    ("按市里要求报了一份值守日报", "kind", "report"),
    ("县纪委检查期间请检查组吃个工作餐有没有问题", "intent", "check"),  # 检查期间 is a frame, not a verb
    ("卫生院上半年考核排名还发文通报吗", "intent", "check"),  # 排名 is what would be issued
    ("报县委办的减负统计，用台账导出的表，可以吗", "intent", "check"),
])
def test_round_three_structures(text: str, field: str, want: object) -> None:
    assert fields(text, field) == (want,)
