"""Issue 9: 报备 → 审批 → 备案 (seed 002 §三) with a fixed clock, through the registered handlers and the
scheduler: filed → checked → approved → reminded the day before → held → archived; a rejected filing;
a meeting held without filing, flagged in the weekly analysis; 备案 reminders' query on the official calendar.

The clock starts on Sunday 2026-11-22 10:00; 下周二 is 2026-11-24.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from suite import NOW
from filing_support import (
    act,
    add_people,
    entry,
    file_intent,
    intent,
    pushes,
    record_intent,
)
from sqlalchemy import select

from bot.clock import TZ
from bot.nlu import Lexicon, parse
from bot.scheduler import Scheduler
from storage import repo
from storage.models import Entry, EntryEvent

TUESDAY = dt.date(2026, 11, 24)
FILING_TEXT = "报备：下周二召开全县安全生产工作会议，80人，2小时，议程三项"


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=TZ)


def actions(runtime, entry_id: int) -> list[tuple[str, str | None]]:
    with runtime.db.session() as s:
        return [(e.action, e.member.name if e.member else None)
                for e in s.scalars(select(EntryEvent).where(EntryEvent.entry_id == entry_id).order_by(EntryEvent.id))]


# --- the full scenario, as handler calls and as chat -------------------------------------------

class ByIntent:
    """Sends the intents the parser is meant to produce, through the registered handlers."""

    def __init__(self, runtime):
        self.runtime = runtime

    def file(self):
        return act(self.runtime, "张三", file_intent(TUESDAY, "全县安全生产工作会议", text=FILING_TEXT))

    def approve(self, entry_id):
        return act(self.runtime, "王五", intent("approve", f"同意 #{entry_id}", entry_id=entry_id))

    def archive(self, entry_id):
        return act(self.runtime, "张三", intent("archive", f"备案 #{entry_id} 纪要已归档", entry_id=entry_id,
                                                reason="纪要已归档"))

    def history(self, entry_id):
        return act(self.runtime, "张三", intent("history", f"#{entry_id} 记录", entry_id=entry_id))


class ByChat:
    """The same scenario typed into the console group, through the dispatcher and the parser."""

    PHRASES: ClassVar[dict[str, dict[str, Any]]] = {
        FILING_TEXT: {"intent": "file", "kind": "meeting", "date": TUESDAY, "scale": 80, "duration_minutes": 120},
        "同意 #12": {"intent": "approve", "entry_id": 12},
        "不同意 #12 理由：与全县调度会合并召开": {"intent": "reject", "entry_id": 12},
        "备案 #12 纪要已归档": {"intent": "archive", "entry_id": 12},
        "#12 记录": {"intent": "history", "entry_id": 12},
    }

    def __init__(self, runtime, say):
        self.runtime, self.say = runtime, say

    @classmethod
    def unsupported(cls) -> list[str]:
        lexicon = Lexicon.from_units([("城关镇", []), ("县委办", ["县委办公室"])])
        missing = []
        for text, expected in cls.PHRASES.items():
            got = parse(text, NOW, lexicon)
            wrong = {k: getattr(got, k) for k, v in expected.items() if getattr(got, k) != v}
            if wrong:
                missing.append(f"{text!r} → {wrong} (expected {expected})")
        return missing

    def file(self):
        return self.say(FILING_TEXT)

    def approve(self, entry_id):
        return self.say(f"同意 #{entry_id}", user="王五")

    def archive(self, entry_id):
        return self.say(f"备案 #{entry_id} 纪要已归档")

    def history(self, entry_id):
        return self.say(f"#{entry_id} 记录")


def run_scenario(runtime, clock, send) -> None:
    # 报备 on Sunday: a filed entry, checked by the rules at once, sent to the approvers' group (县委办)
    filed = send.file()
    assert filed.intent == "file" and len(filed.entry_ids) == 1, filed.text
    entry_id = filed.entry_ids[0]
    item = entry(runtime, entry_id)
    assert (item.status, item.occurs_on, item.scale, item.duration_minutes) == ("filed", TUESDAY, 80, 120)
    assert item.filing_required  # a 全县 meeting: rules.yaml advance_filing applies
    assert "规则检查" in filed.text and "县委办" in filed.text
    assert [a for a, _ in actions(runtime, entry_id)] == ["create", "check"]
    to_approvers = pushes(runtime, f"filing:{entry_id}:filed")
    assert [p.target for p in to_approvers] == ["县委办"]
    notice = to_approvers[0].payload["text"]
    assert f"同意 #{entry_id}" in notice and "规则检查" in notice and "议程三项" in notice

    # 审批 by 王五 (县委办 approver): the organiser's group is told
    approved = send.approve(entry_id)
    assert approved.intent == "approve", approved.text
    assert entry(runtime, entry_id).status == "approved"
    told = pushes(runtime, f"filing:{entry_id}:approve")
    assert [p.target for p in told] == ["城关镇"] and "已同意" in told[0].payload["text"]

    # 备案 before the meeting is refused; the day before, the scheduler reminds the organiser's group
    clock.set(at(23, 10))
    early = send.archive(entry_id)
    assert "尚未开展" in early.text and entry(runtime, entry_id).status == "approved"
    clock.set(at(23, 16))
    report = Scheduler(runtime.db, clock).tick()
    assert any(key.startswith(f"reminder:entry:{entry_id}:") for key in report.queued), report

    # held on Tuesday: it counts in the ledger
    clock.set(at(24, 18))
    with runtime.db.session() as s:
        unit = repo.unit_by_name(s, "城关镇")
        assert repo.count_entries(s, [unit.id], TUESDAY, TUESDAY, kind="meeting") == 1

    # 备案 on Wednesday
    clock.set(at(25, 9, 30))
    archived = send.archive(entry_id)
    assert archived.intent == "archive", archived.text
    item = entry(runtime, entry_id)
    assert item.status == "archived" and item.archive_note == "纪要已归档"
    with runtime.db.session() as s:
        assert entry_id not in [e.id for e in repo.unarchived_due(s, dt.date(2026, 12, 31), 3)]

    # the audit trail: who did what, when
    assert actions(runtime, entry_id) == [("create", "张三"), ("check", None), ("approve", "王五"),
                                          ("archive", "张三")]
    history = send.history(entry_id)
    lines = history.text.splitlines()
    assert "当前：已备案" in lines[0]
    assert lines[1].startswith("1. 11-22 10:00 张三 报备")
    assert lines[3].startswith("3. 11-22 10:00 王五 同意")
    assert lines[4] == "4. 11-25 09:30 张三 备案：纪要已归档"


def test_filing_scenario_by_intent(runtime, clock):
    run_scenario(runtime, clock, ByIntent(runtime))


def test_filing_scenario_in_chat(runtime, clock, say):
    assert ByChat.unsupported() == [], "the parser must give every filing intent the chat scenario types"
    run_scenario(runtime, clock, ByChat(runtime, say))


# --- rejection, self-approval, re-filing --------------------------------------------------------

def test_rejected_filing_tells_the_organiser_and_cannot_be_archived(runtime, clock):
    entry_id = act(runtime, "张三", file_intent(dt.date(2026, 12, 1), "全县秋冬季防火工作会议")).entry_ids[0]
    no_reason = act(runtime, "王五", intent("reject", entry_id=entry_id))
    assert "理由" in no_reason.text and entry(runtime, entry_id).status == "filed"

    rejected = act(runtime, "王五", intent("reject", entry_id=entry_id, reason="与全县调度会合并召开"))
    assert rejected.intent == "reject"
    item = entry(runtime, entry_id)
    assert (item.status, item.decision_note) == ("rejected", "与全县调度会合并召开")
    told = pushes(runtime, f"filing:{entry_id}:reject")
    assert [p.target for p in told] == ["城关镇"]
    assert "与全县调度会合并召开" in told[0].payload["text"] and "未同意" in told[0].payload["text"]

    assert "不在待审批" in act(runtime, "王五", intent("approve", entry_id=entry_id)).text
    clock.set(dt.datetime(2026, 12, 2, 10, tzinfo=TZ))
    assert "未获同意" in act(runtime, "张三", intent("archive", entry_id=entry_id)).text
    assert entry(runtime, entry_id).status == "rejected"


def test_rejected_filing_corrected_and_filed_again(runtime):
    entry_id = act(runtime, "张三", file_intent(dt.date(2026, 12, 1), "全县秋冬季防火工作会议")).entry_ids[0]
    act(runtime, "王五", intent("reject", entry_id=entry_id, reason="规模过大，压缩到50人"))
    act(runtime, "张三", intent("correct", entry_id=entry_id, changes={"scale": 50}))
    again = act(runtime, "张三", intent("file", "报备 #1", entry_id=entry_id))
    assert again.intent == "file" and entry(runtime, entry_id).status == "filed"
    assert len(pushes(runtime, f"filing:{entry_id}:filed")) == 2  # one per round
    assert act(runtime, "王五", intent("approve", entry_id=entry_id)).intent == "approve"


def test_nobody_approves_their_own_filing(runtime):
    add_people(runtime)
    entry_id = act(runtime, "王五", file_intent(dt.date(2026, 12, 2), "全县督查工作推进会")).entry_ids[0]
    own = act(runtime, "王五", intent("approve", entry_id=entry_id))
    assert own.intent == "refused" and entry(runtime, entry_id).status == "filed"
    assert act(runtime, "孙七", intent("approve", entry_id=entry_id)).intent == "approve"


def test_demo_county_has_a_second_approver_for_the_approvers_own_filings(runtime):
    filed = act(runtime, "王五", file_intent(dt.date(2026, 12, 2), "全县督查工作推进会"))
    assert "已送县委办审批" in filed.text
    assert act(runtime, "钱七", intent("approve", entry_id=filed.entry_ids[0])).intent == "approve"


def test_filer_who_is_the_only_approver_is_told_to_get_one_named(runtime):
    from storage.models import Member

    with runtime.db.session() as s:
        for member in s.scalars(select(Member).where(Member.name == "钱七")):
            member.roles = "member"
    filed = act(runtime, "王五", file_intent(dt.date(2026, 12, 2), "全县督查工作推进会"))
    assert "本单位无其他审批人，请联系县委办指定审批人" in filed.text
    assert "已送" not in filed.text


def test_late_filing_says_once_that_the_lead_time_is_short(runtime):
    filed = act(runtime, "张三", file_intent(TUESDAY, "全县安全生产工作会议", text=FILING_TEXT))
    assert filed.text.startswith(f"已报备 #{filed.entry_ids[0]}")
    assert "请尽快报备" not in filed.text and "请按程序报备审批后办理" not in filed.text
    assert filed.text.count("报备时间不足5个工作日") == 1
    assert "参照执行" in filed.text
    # the approvers still see the shortfall in the stored flags
    assert any(f["item"] == "R-FILE-MEETING" for f in entry(runtime, filed.entry_ids[0]).flags)


def test_filing_in_time_has_no_lead_time_remark(runtime):
    filed = act(runtime, "张三", file_intent(dt.date(2026, 12, 8), "全县安全生产工作会议"))
    assert "报备时间不足" not in filed.text and "请尽快报备" not in filed.text


def test_filing_a_past_date_is_refused_with_a_hint(runtime):
    reply = act(runtime, "张三", file_intent(dt.date(2026, 11, 20), "全县会议"))
    assert "已过" in reply.text and not reply.entry_ids


# --- held without filing ------------------------------------------------------------------------

def test_meeting_held_without_filing_is_flagged_in_the_weekly_analysis(runtime, clock, say):
    held = say("昨天召开了全县农业农村工作会议")
    assert held.intent == "record" and "未履行报备程序" in held.text
    incoming = say("昨天收到上级来文2件")
    entry_id = held.entry_ids[0]
    item = entry(runtime, entry_id)
    assert (item.status, item.filing_required) == ("recorded", True)
    assert any(f["item"] == "UNFILED" for f in item.flags)
    assert not entry(runtime, incoming.entry_ids[0]).filing_required
    # the create event carries the flag: one event for one message
    assert [a for a, _ in actions(runtime, entry_id)] == ["create"]
    with runtime.db.session() as s:
        assert [e.id for e in repo.unfiled_held(s, None, dt.date(2026, 11, 16), dt.date(2026, 11, 22))] == [entry_id]

    # 备案 of an unfiled item is refused: it stays flagged
    assert "不予备案" in act(runtime, "张三", intent("archive", entry_id=entry_id)).text

    clock.set(at(23, 9))
    report = Scheduler(runtime.db, clock).tick()
    weekly = [p for p in pushes(runtime, "weekly:") if p.target == "城关镇"]
    assert weekly and weekly[0].dedupe_key in report.queued
    text = weekly[0].payload["text"]
    assert "应报备未报备1项" in text and f"#{entry_id}" in text


def test_recorded_future_meeting_can_be_filed_later(runtime):
    recorded = act(runtime, "张三", record_intent(dt.date(2026, 12, 3), "全县林长制工作会议",
                                                  text="12月3日召开全县林长制工作会议"))
    entry_id = recorded.entry_ids[0]
    assert f"报备 #{entry_id}" in recorded.text and entry(runtime, entry_id).filing_required
    filed = act(runtime, "张三", intent("file", f"报备 #{entry_id}", entry_id=entry_id))
    item = entry(runtime, entry_id)
    assert filed.intent == "file" and item.status == "filed"
    assert not any(f["item"] == "UNFILED" for f in item.flags)
    assert [p.target for p in pushes(runtime, f"filing:{entry_id}:filed")] == ["县委办"]


# --- 动态跟踪: a change after approval goes back to the approvers ----------------------------------

def test_material_change_to_an_approved_filing_needs_approval_again(runtime):
    entry_id = act(runtime, "张三", file_intent(dt.date(2026, 12, 1), "全县安全生产工作会议")).entry_ids[0]
    act(runtime, "王五", intent("approve", entry_id=entry_id))
    changed = act(runtime, "张三", intent("correct", entry_id=entry_id, changes={"scale": 150}))
    assert "待审批" in changed.text and entry(runtime, entry_id).status == "filed"
    notices = pushes(runtime, f"filing:{entry_id}:change")
    assert [p.target for p in notices] == ["县委办"] and "80人→150人" in notices[0].payload["text"]
    # a title change after approval is not material: stays approved
    act(runtime, "王五", intent("approve", entry_id=entry_id))
    act(runtime, "张三", intent("correct", entry_id=entry_id, changes={"title": "全县安全生产暨消防工作会议"}))
    assert entry(runtime, entry_id).status == "approved"


# --- 备案 reminders: which approved items are due ------------------------------------------------

def _approved(runtime, day: dt.date, status: str = "approved") -> int:
    with runtime.db.session() as s:
        unit = repo.unit_by_name(s, "城关镇")
        return repo.create_entry(s, None, unit_id=unit.id, kind="meeting", direction="outgoing",
                                 occurs_on=day, status=status, quantity=1).id


def test_unarchived_due_counts_working_days_on_the_official_calendar(runtime):
    tue, wed = _approved(runtime, dt.date(2026, 11, 24)), _approved(runtime, dt.date(2026, 11, 25))
    _approved(runtime, dt.date(2026, 11, 20), status="archived")
    _approved(runtime, dt.date(2026, 11, 20), status="filed")
    before_holiday = _approved(runtime, dt.date(2026, 9, 30))
    with runtime.db.session() as s:
        def due(today: dt.date, days: int) -> list[int]:
            return [e.id for e in repo.unarchived_due(s, today, days)]

        assert due(dt.date(2026, 11, 27), 3) == [before_holiday, tue]  # 25, 26, 27 after Tuesday
        assert wed not in due(dt.date(2026, 11, 27), 3)
        assert wed in due(dt.date(2026, 11, 30), 3)  # the weekend does not count
        # 国庆 2026: 10-01…10-07 off, 10-08 and 10-10 (a Saturday) are working days
        assert before_holiday not in due(dt.date(2026, 10, 9), 3)
        assert before_holiday in due(dt.date(2026, 10, 10), 3)
        assert due(dt.date(2026, 11, 24), 0)[-1] == tue  # N = 0: due from the day itself


def test_entries_stay_in_the_database_when_a_filing_is_voided(runtime):
    entry_id = act(runtime, "张三", file_intent(dt.date(2026, 12, 1), "全县会议")).entry_ids[0]
    asked = act(runtime, "张三", intent("undo", entry_id=entry_id))
    assert asked.intent == "undo" and "确认撤回" in asked.text  # a filing is withdrawn on confirmation (issue 15)
    assert act(runtime, "张三", intent("confirm", entry_id=entry_id)).intent == "confirm"
    with runtime.db.session() as s:
        assert s.get(Entry, entry_id).status == "voided"
    assert "已撤销" in act(runtime, "张三", intent("archive", entry_id=entry_id)).text
    assert "不在待审批" in act(runtime, "王五", intent("approve", entry_id=entry_id)).text


def test_filer_is_told_when_the_approvers_group_cannot_be_reached(runtime):
    from storage.models import Conversation

    with runtime.db.session() as s:
        for conversation in s.scalars(select(Conversation).where(Conversation.external_id == "县委办")):
            conversation.push_enabled = False
    reply = act(runtime, "张三", file_intent(dt.date(2026, 12, 1), "全县会议"))
    assert "未配置推送，请直接告知审批人" in reply.text and reply.data["notified"] == 0
    # filed all the same: the approver can still answer
    assert act(runtime, "王五", intent("approve", entry_id=reply.entry_ids[0])).intent == "approve"
