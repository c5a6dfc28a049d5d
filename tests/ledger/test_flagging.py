"""Issue 12 item 4: recording an entry runs the rules engine once and writes its creation event once, with
the flags (bot.ledger.flagging.flag, before the entry's INSERT); whether an entry must be filed is one function
(bot.filing.requirement)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys

import pytest
from filing_support import act, add_people, file_intent, intent
from sqlalchemy import select

import bot.rules.engine
from bot.filing.requirement import UNFILED_ITEM, requirement
from bot.filing.settings import FilingSettings
from bot.rules import RuleStore, default_store, filing_requirement, proposal_from_entry
from storage import repo
from storage.models import Entry


@pytest.fixture
def engine_runs(monkeypatch) -> list[int]:
    """Counts evaluate() calls, wherever a module imported it from."""
    original = bot.rules.engine.evaluate
    calls: list[int] = []

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    for module in list(sys.modules.values()):
        if getattr(module, "evaluate", None) is original:
            monkeypatch.setattr(module, "evaluate", counting)
    return calls


@pytest.fixture
def creation_writes(monkeypatch) -> list[dict]:
    original = repo.amend_creation
    calls: list[dict] = []

    def counting(session, entry, **fields):
        calls.append(fields)
        return original(session, entry, **fields)

    monkeypatch.setattr(repo, "amend_creation", counting)
    return calls


def _events(runtime, entry_id: int) -> list[tuple[str, dict]]:
    with runtime.db.session() as s:
        return [(e.action, e.changes) for e in repo.entry_events(s, entry_id)]


def _entry(runtime, entry_id: int) -> Entry:
    with runtime.db.session() as s:
        entry = s.get(Entry, entry_id)
        s.expunge(entry)
        return entry


def test_recording_a_meeting_runs_the_rules_once_and_writes_one_creation_event(
        runtime, say, engine_runs, creation_writes):
    # 县委办 holds a county-wide meeting last week without filing it: rule findings and 未报备 at once.
    reply = say("上周三召开全县安全生产工作会议，200人，3小时", user="王五")
    assert reply.intent == "record", reply.text
    assert len(engine_runs) == 1
    assert creation_writes == []  # the flags go into the entry's and its event's INSERTs: nothing amended after
    [entry_id] = reply.entry_ids
    entry = _entry(runtime, entry_id)
    items = [f["item"] for f in entry.flags]
    assert len(items) > 1 and items[-1] == UNFILED_ITEM, items  # the rules' findings, then 未报备
    assert entry.filing_required
    events = _events(runtime, entry_id)
    assert [action for action, _ in events] == ["create"]
    changes = events[0][1]
    assert changes["filing_required"] == [None, True]
    assert [f["item"] for f in changes["flags"][1]] == items
    assert "本条未履行报备程序，已标注，将列入每周分析" in reply.text
    # The reply's summary of the entry shows the flags it was stored with (未报备 included).
    assert reply.data["entry"]["flags"] == entry.flags and reply.data["filing_required"] is True


def test_recording_an_entry_nothing_flags_writes_nothing_more(runtime, say, engine_runs, creation_writes):
    reply = say("昨天收到县委办来文2件")
    assert reply.intent == "record", reply.text
    assert len(engine_runs) == 1 and creation_writes == []
    assert [action for action, _ in _events(runtime, reply.entry_ids[0])] == ["create"]


def test_a_correction_that_changes_no_rule_writes_no_check_event(runtime, say, engine_runs):
    """Record time and correction time order the flags alike (findings, then 未报备): a correction the
    rules do not care about leaves no "check" event. (The old correction path put 未报备 first and
    wrote a "check" event for the reordering alone.)"""
    add_people(runtime)
    [entry_id] = say("上周三召开全县安全生产工作会议，200人，3小时", user="王五").entry_ids
    engine_runs.clear()
    corrected = act(runtime, "王五", intent("correct", entry_id=entry_id, changes={"location": "县会议中心"}))
    assert corrected.intent == "correct" and "更正后" not in corrected.text, corrected.text
    assert len(engine_runs) == 1
    assert [action for action, _ in _events(runtime, entry_id)] == ["create", "correct"]


def test_a_correction_that_makes_an_entry_need_filing_flags_it_in_one_check_event(runtime, say):
    add_people(runtime)
    [entry_id] = say("下周一开会").entry_ids
    assert not _entry(runtime, entry_id).filing_required
    reply = act(runtime, "张三", intent("correct", entry_id=entry_id, changes={"title": "全县安全生产工作会议"}))
    assert "须事前报备审批，本条未报备，已标注。" in reply.text, reply.text
    entry = _entry(runtime, entry_id)
    assert entry.filing_required and entry.flags[-1]["item"] == UNFILED_ITEM
    assert [action for action, _ in _events(runtime, entry_id)] == ["create", "correct", "check"]


# --- the filing requirement ------------------------------------------------------------------------

def _meeting(runtime, title: str, scale: int) -> Entry:
    with runtime.db.session() as s:
        unit = repo.unit_by_name(s, "县委办")
        member = repo.members_named(s, "王五")[0]
        entry = repo.create_entry(s, member, unit_id=unit.id, kind="meeting", direction="outgoing", title=title,
                                  raw_text=f"召开{title}，{scale}人", occurs_on=dt.date(2026, 12, 1), scale=scale,
                                  status="recorded", created_by=member.id, quantity=1)
        assert entry.unit is not None  # loaded before the entry leaves the session
        s.expunge(entry)
        return entry


def test_the_rules_decide_when_they_have_filing_items(runtime):
    book = default_store().current()
    assert book.filing
    today = runtime.clock.now().date()
    for title, scale in (("全县安全生产工作会议", 200), ("科室碰头会", 5)):
        entry = _meeting(runtime, title, scale)
        proposal = proposal_from_entry(entry, unit_level="department")
        found = requirement(proposal, book, FilingSettings(), today)
        rule = filing_requirement(proposal, book, today)
        assert (found.rule_id if found else None) == (rule.rule.id if rule else None)
        if found:
            assert found.flag()["item"] == UNFILED_ITEM and found.text == rule.rule.text


def test_without_filing_rules_filing_yaml_decides(runtime):
    book = dataclasses.replace(default_store().current(), filing=())
    today = runtime.clock.now().date()
    proposal = proposal_from_entry(_meeting(runtime, "科室碰头会", 5), unit_level="department")
    found = requirement(proposal, book, FilingSettings(), today)
    assert found is not None and found.rule_id == "filing.yaml"
    assert requirement(proposal, book, FilingSettings(requires={"document": ("outgoing",)}), today) is None
    assert requirement(proposal, None, FilingSettings(), today) is not None  # no rules at all


def test_a_filing_without_valid_rules_still_goes_through(runtime, tmp_path):
    (tmp_path / "rules.yaml").write_text("lists: [unclosed", encoding="utf-8")
    runtime.services = dataclasses.replace(runtime.services, rules=RuleStore(tmp_path, default_dir=tmp_path))
    add_people(runtime)
    reply = act(runtime, "张三", file_intent(runtime.clock.now().date() + dt.timedelta(days=9), "全县工作会议"))
    assert reply.intent == "file" and "规则库暂不可用" in reply.text
    with runtime.db.session() as s:
        assert s.scalar(select(Entry.filing_required).where(Entry.id == reply.entry_ids[0]))
