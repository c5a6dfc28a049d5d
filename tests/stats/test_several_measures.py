"""Issue 15 defect 4: statistics questions answer everything they ask.

- "督查检查多少次" names no direction: both come back (开展 X 次、接受 Y 次);
- "上月开会多少次 发文多少件" asks two measures: both come back;
- "开了几次会" counts meetings held (dated up to today) and names the planned ones apart;
- 同比 and 环比 asked together: both come back (环比 of a running month: the same days of last month).
The clock is 2026-11-22 (conftest NOW).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from suite import NOW
from sqlalchemy import select

from bot.nlu import parse
from storage import repo
from storage.models import Member, Unit

D = dt.date


@pytest.fixture
def ledger(runtime) -> dict[str, int]:
    ids: dict[str, int] = {}
    with runtime.db.session() as s:
        town = s.scalars(select(Unit.id).where(Unit.name == "城关镇")).one()
        zhang = s.scalars(select(Member).where(Member.name == "张三")).one()

        def add(kind: str, direction: str, day: dt.date, name: str = "", **fields: Any) -> None:
            entry = repo.create_entry(s, zhang, unit_id=town, kind=kind, direction=direction, occurs_on=day, **fields)
            if name:
                ids[name] = entry.id

        add("inspection", "outgoing", D(2026, 11, 3), subtype="督查")
        add("inspection", "outgoing", D(2026, 11, 10), subtype="督导")
        add("inspection", "incoming", D(2026, 11, 5), subtype="督查")
        add("inspection", "incoming", D(2026, 11, 12), subtype="检查")
        add("inspection", "incoming", D(2026, 11, 18), subtype="考核")
        for day in (8, 15, 22):
            add("meeting", "outgoing", D(2026, 10, day), title="月度例会")
        add("document", "outgoing", D(2026, 10, 9), quantity=2)
        add("document", "outgoing", D(2026, 10, 28), quantity=4)  # after the 22nd: not in 环比 of 1–22 Nov
        add("document", "outgoing", D(2026, 11, 5), quantity=3)
        add("document", "outgoing", D(2025, 11, 10), quantity=6)
        add("meeting", "outgoing", D(2026, 11, 4), title="安全生产工作会")
        add("meeting", "outgoing", D(2026, 11, 18), title="党委会")
        add("meeting", "outgoing", D(2026, 11, 25), "planned1", title="冬季防火部署会")
        add("meeting", "outgoing", D(2026, 11, 27), "planned2", title="年终总结会")
    return ids


def test_parser_carries_several_measures_and_both_comparisons() -> None:
    both = parse("督查检查多少次", NOW)
    assert [(m["kind"], m["direction"]) for m in both.measures] == [("inspection", "outgoing"),
                                                                   ("inspection", "incoming")]
    two = parse("上月开会多少次 发文多少件", NOW)
    assert [(m["kind"], m["direction"]) for m in two.measures] == [("meeting", "outgoing"),
                                                                  ("document", "outgoing")]
    assert parse("本月发文多少件，同比和环比", NOW).compares == ["yoy", "mom"]
    one = parse("上周接受了几次督查", NOW)  # one measure, one direction: nothing extra
    assert one.measures == [] and one.compares == [] and "measures" not in one.to_json()


def test_inspections_without_a_direction_answer_both(ledger, say):
    reply = say("本月督查检查多少次")
    assert reply.intent == "query", reply.text
    assert "开展督查检查2次" in reply.text and "接受上级督查检查3次" in reply.text, reply.text
    assert reply.data["counts"] == {"inspection.outgoing": 2, "inspection.incoming": 3}
    carried = say("本月开展督查几次")
    assert "开展督查2次" in carried.text and "接受" not in carried.text, carried.text


def test_two_measures_in_one_question(ledger, say):
    reply = say("上月开会多少次 发文多少件")
    assert "召开会议3次" in reply.text and "发文6件" in reply.text, reply.text
    assert reply.data["counts"] == {"meeting.outgoing": 3, "document.outgoing": 6}


def test_meetings_held_are_counted_and_planned_ones_named(ledger, say):
    held = say("本月开了几次会")
    assert held.data["count"] == 2, held.text
    assert "截至11月22日" in held.text and "召开会议2次" in held.text, held.text
    assert f"另有11月23日起已安排的召开会议2次（11月25日#{ledger['planned1']}、11月27日#{ledger['planned2']}），未计入" \
        in held.text, held.text
    assert held.data["planned"] == {"meeting.outgoing": 2}
    whole = say("本月会议多少次")  # the month's ledger: planned ones are part of it, and said so
    assert whole.data["count"] == 4 and "其中11月23日起已安排的召开会议2次" in whole.text, whole.text


def test_year_on_year_and_period_on_period_together(ledger, say):
    reply = say("本月发文多少件，同比和环比")
    assert reply.data["count"] == 3, reply.text
    assert "同比下降50％（去年同期6件）" in reply.text, reply.text
    assert "环比增加50％（上期2件）" in reply.text, reply.text  # 1–22 October: 2 (the 28th's 4 not yet)
    compared = reply.data["compared"]["document.outgoing"]
    assert compared["yoy"]["previous"] == 6 and compared["mom"]["previous"] == 2
