"""What users and the lead's handlers get: the Chinese reply, the JSON, and Entry.flags at record time."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.clock import TZ
from bot.nlu import Attendees, Intent, parse
from bot.rules import (
    Proposal,
    RuleStore,
    evaluate,
    findings_to_flags,
    proposal_from_entry,
    proposal_from_intent,
    render_flags,
    render_verdict,
    verdict_to_json,
)
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Entry, Unit

TODAY = dt.date(2026, 11, 22)
NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=TZ)


@pytest.fixture(scope="module")
def book():  # type: ignore[no-untyped-def]
    return RuleStore().current()


def test_forbidden_reply_cites_list_number_text_and_source(book) -> None:  # type: ignore[no-untyped-def]
    v = evaluate(Proposal(kind="meeting", text="开个会把省里的文件精神传达一下"), book, None, TODAY)
    reply = render_verdict(v)
    first = reply.splitlines()[0]
    assert first == "结论：不可以"
    assert "会议负面清单第2条“中央、省委未明确要求层层开会传达贯彻的”" in reply
    assert "来源：长沙市委办公厅会议负面清单（2019年）" in reply
    assert "传达" in reply  # the reason says what triggered it


def test_nothing_matched_says_what_was_checked(book) -> None:  # type: ignore[no-untyped-def]
    v = evaluate(Proposal(kind="meeting", text="开个表彰会", date=dt.date(2026, 11, 25)), book, None, TODAY)
    reply = render_verdict(v)
    assert reply.startswith("结论：可以")
    assert "经对照会议负面清单、无会日/无会周" in reply and "未发现不符合项" in reply


def test_reminders_do_not_change_the_verdict_but_are_shown(book) -> None:  # type: ignore[no-untyped-def]
    v = evaluate(Proposal(kind="meeting", text="开个防汛应急会", date=dt.date(2026, 11, 26)), book, None, TODAY)
    reply = render_verdict(v)
    assert v.verdict == "allowed" and "提示：" in reply and "无会日" in reply


def test_display_names_come_from_the_deployment(tmp_path: Path) -> None:
    (tmp_path / "negative_lists.yaml").write_text(
        "extends: default\nlists:\n  meetings:\n    name: 会议“八不开”\n", encoding="utf-8")
    book = RuleStore(tmp_path).current()
    v = evaluate(Proposal(kind="meeting", text="打个电话就能说清楚的事，开个会"), book, None, TODAY)
    assert "会议“八不开”第4条" in render_verdict(v)
    assert verdict_to_json(v)["rules"][0]["list"] == "会议“八不开”"


def test_json_carries_verdict_code_and_rules(book) -> None:  # type: ignore[no-untyped-def]
    v = evaluate(Proposal(kind="meeting", text="下周三开全县动员大会", date=dt.date(2026, 11, 25),
                          scale=200, duration_minutes=180, unit_level="county"), book, None, TODAY)
    data = verdict_to_json(v)
    assert data["verdict"] == "discouraged" and data["label"] == "不建议"
    assert {r["item"] for r in data["rules"]} == {"L-ATT-COUNTY", "L-LEN-WIDE", "R-FILE-MEETING"}
    assert all(set(r) == {"list", "item", "source"} for r in data["rules"])
    json.dumps(data, ensure_ascii=False)


def test_flags_keep_only_breaches_unless_reminders_are_asked_for(book) -> None:  # type: ignore[no-untyped-def]
    exempt = evaluate(Proposal(kind="meeting", text="防汛应急会", date=dt.date(2026, 11, 27)), book, None, TODAY)
    assert findings_to_flags(exempt) == []
    assert findings_to_flags(exempt, include_reminders=True)[0]["item"] == "R-NMD"


def test_record_time_flags_are_stored_on_the_entry(tmp_path: Path, book) -> None:  # type: ignore[no-untyped-def]
    db = Database("sqlite:///" + str(tmp_path / "t.db"))
    upgrade(db)
    with db.session() as s:
        town = Unit(name="城关镇", level="town")
        s.add(town)
        s.flush()
        entry = Entry(unit_id=town.id, kind="meeting", direction="outgoing", occurs_on=dt.date(2026, 11, 19),
                      title="党建工作会", raw_text="周四开了个党建工作会，领导讲话50分钟")
        s.add(entry)
        s.flush()
        proposal = proposal_from_entry(entry)
        assert proposal.unit_level == "town" and proposal.exclude_entry_id == entry.id
        assert proposal.speech_minutes == 50
        verdict = evaluate(proposal, book, s, TODAY)
        entry.flags = findings_to_flags(verdict)
    with db.session() as s:
        stored = s.scalars(select(Entry)).one()
        assert {f["item"] for f in stored.flags} == {"R-NMD", "L-SPEECH-OTHER"}
        assert set(stored.flags[0]) >= {"list", "item", "text", "source", "verdict", "reason"}
        warning = render_flags(stored.flags)
    db.dispose()
    # the record line already says 已记录: the warning block must not say it again
    assert warning.startswith("规则提醒：") and "已记录" not in warning and "无会日" in warning
    assert "‘无会日’" in warning and "“无会日”" not in warning


def test_inner_double_quotes_become_single_quotes_in_citations(book) -> None:  # type: ignore[no-untyped-def]
    verdict = evaluate(Proposal(kind="meeting", direction="outgoing", text="表彰会", date=dt.date(2026, 11, 26)),
                       book, None, TODAY)
    text = render_verdict(verdict)
    assert "“坚持周四周五‘无会日’制度”" in text
    assert "种子材料" not in text and "××" not in text


def test_proposal_from_intent_takes_the_parsers_facts() -> None:
    # The rules no longer fill gaps from the text (the parser decides): what they need, it reads.
    intent = parse("下周三开全县动员大会，200人，3小时，12个乡镇参加，可以吗", NOW)
    p = proposal_from_intent(intent, now=NOW, unit_id=7, unit_level="county")
    assert p.scale == 200 and p.duration_minutes == 180 and p.date == dt.date(2026, 11, 25)
    assert p.attendees_count == 12 and p.attendees_scope == "乡镇"
    assert p.unit_id == 7 and p.unit_level == "county"
    given = Intent(text=intent.text, intent="check", kind="meeting", direction="outgoing", scale=210,
                   attendees=Attendees(count=12, scope="乡镇"))
    assert proposal_from_intent(given).scale == 210  # the Intent's number, never the text's


def test_kind_and_direction_stated_in_words_come_from_the_parser() -> None:
    # Once the rules overrode the parser with their own kind regexes; now the parser reads these words.
    assert proposal_from_intent(parse("下周去市里参加安全生产会议", NOW)).direction == "incoming"
    assert proposal_from_intent(parse("开个会把文件精神传达一下", NOW)).kind == "meeting"
    wrong = Intent(text="下周去市里参加安全生产会议", kind="meeting", direction="outgoing")
    assert proposal_from_intent(wrong).direction == "outgoing"  # a hand-built Intent is taken as it is
