"""Phrasings beyond the labelled set that exercise one rule each (regressions found while reviewing)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.nlu import Attendees, parse
from test_nlu_messages import DEFAULT_NOW, demo_lexicon

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
