"""Rule look-ups (issue 14): the negative lists, the 无会日 and the 三个凡是 as configured, a county's overlay included."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from bot.nlu import parse
from storage.models import Entry
from suite import NOW


@pytest.mark.parametrize(("text", "topic", "number"), [
    ("会议八不开有哪些", "meetings", None),
    ("文件“十不发”是什么", "documents", None),
    ("十禁止第3条", "inspections", 3),
    ("查一下督查检查考核负面清单第十条", "inspections", 10),
    ("无会日是哪几天", "no_meeting", None),
    ("我县的无会日是星期几？", "no_meeting", None),
    ("三个凡是是什么", "three", None),
    ("负面清单有哪些", "all", None),
])
def test_questions_about_the_rules_are_look_ups(text: str, topic: str, number: int | None) -> None:
    intent = parse(text, NOW)
    assert intent.intent == "lookup"
    assert intent.args.get("topic") == topic and intent.args.get("number") == number


@pytest.mark.parametrize("text", ["这个会违反八不开吗", "周四开会可以吗", "无会日能不能开安全生产紧急会议", "明天开会"])
def test_a_proposal_measured_against_a_list_is_not_a_look_up(text: str) -> None:
    assert parse(text, NOW).intent != "lookup"


def test_a_list_is_listed_from_the_configuration(say, runtime) -> None:
    book = runtime.services.rules.current()
    meetings = book.list_by_key("meetings")
    reply = say("会议八不开有哪些")
    assert reply.intent == "lookup"
    assert f"{meetings.name}（共{len(meetings.items)}条）" in reply.text
    assert all(item.text in reply.text for item in meetings.items)


def test_one_item_is_quoted_with_its_source(say, runtime) -> None:
    item = runtime.services.rules.current().list_by_key("inspections").items[2]
    reply = say("十禁止第3条")
    assert item.text in reply.text and item.source in reply.text and reply.data["item"] == item.id
    assert "没有第99条" in say("十禁止第99条").text


def test_no_meeting_days_and_three_whenever(say, runtime) -> None:
    book = runtime.services.rules.current()
    days = say("无会日是哪几天").text
    assert "周四、周五" in days and book.no_meeting.days.source in days
    assert all(e.name in days for e in book.no_meeting.exemptions)
    three = say("三个凡是是什么").text
    assert all(r.text in three for r in (book.three.no_problem, book.three.deployed, book.three.similar))


def test_a_county_overlay_shows_its_own_items(say, runtime, tmp_path) -> None:
    (tmp_path / "negative_lists.yaml").write_text(
        "extends: default\n"
        "lists:\n"
        "  meetings:\n"
        "    name: 本县会议“八不开”\n"
        "    items:\n"
        "      - id: M-LOCAL-1\n"
        "        text: 周一上午不召开全县性会议\n"
        "        source: 示范县精文减会实施办法（2026年）\n"
        "        verdict: 原则上不\n"
        "        reason: 周一上午留给基层落实\n", encoding="utf-8")
    (tmp_path / "rules.yaml").write_text(
        "extends: default\nno_meeting:\n  days:\n    weekdays: [1]\n", encoding="utf-8")
    runtime.services = runtime.services.with_config_dir(tmp_path)
    listed = say("八不开有哪些").text
    assert "本县会议“八不开”" in listed and "周一上午不召开全县性会议" in listed
    count = len(runtime.services.rules.current().list_by_key("meetings").items)
    quoted = say(f"八不开第{count}条").text
    assert "示范县精文减会实施办法（2026年）" in quoted
    assert "每周一" in say("无会日是哪几天").text


def test_a_look_up_changes_nothing(say, runtime) -> None:
    for text in ("会议八不开有哪些", "无会日是哪几天", "三个凡是是什么", "十禁止第3条", "负面清单"):
        say(text)
    with runtime.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Entry)) == 0


def test_the_look_up_is_in_the_registry() -> None:
    from handlers.registry import SPECS
    assert dataclasses.asdict(SPECS["lookup"])["action"] == "check"
