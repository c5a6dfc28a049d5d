"""批了 / 不批，合并开 without #id (issue 13, decisions in plain words): the one filing waiting for the
approver is decided; with several, they are listed and nothing changes; a member who is no approver
decides nothing."""

from __future__ import annotations

import datetime as dt

from filing_support import act, entry, file_intent, intent

TUESDAY = dt.date(2026, 11, 24)
WEDNESDAY = dt.date(2026, 11, 25)


def test_the_one_waiting_filing_is_approved(runtime):
    filed = act(runtime, "张三", file_intent(TUESDAY, "全县安全生产工作会议"))
    reply = act(runtime, "王五", intent("approve", "批了，下周二的会可以开", kind="meeting"))
    assert reply.entry_ids == filed.entry_ids and "已同意" in reply.text
    assert entry(runtime, filed.entry_ids[0]).status == "approved"


def test_a_rejection_without_number_keeps_its_reason(runtime):
    filed = act(runtime, "张三", file_intent(TUESDAY, "全县安全生产工作会议"))
    reply = act(runtime, "王五", intent("reject", "不批，合到全县调度会一起开", reason="合到全县调度会一起开"))
    assert entry(runtime, filed.entry_ids[0]).status == "rejected" and "已不同意" in reply.text


def test_several_waiting_are_listed_and_none_is_decided(runtime):
    first = act(runtime, "张三", file_intent(TUESDAY, "全县安全生产工作会议"))
    second = act(runtime, "张三", file_intent(WEDNESDAY, "全县防汛工作会议"))
    reply = act(runtime, "王五", intent("approve", "批了"))
    assert "请注明编号" in reply.text and set(reply.entry_ids) == set(first.entry_ids + second.entry_ids)
    assert {entry(runtime, i).status for i in reply.entry_ids} == {"filed"}
    # the day named picks one of them
    picked = act(runtime, "王五", intent("approve", "周三那个批了", date=WEDNESDAY))
    assert picked.entry_ids == second.entry_ids and entry(runtime, second.entry_ids[0]).status == "approved"


def test_nothing_waiting_is_said(runtime):
    reply = act(runtime, "王五", intent("approve", "批了"))
    assert "没有待您审批" in reply.text and not reply.entry_ids


def test_a_member_who_approves_nothing_decides_nothing(runtime):
    filed = act(runtime, "张三", file_intent(TUESDAY, "全县安全生产工作会议"))
    reply = act(runtime, "张三", intent("approve", "批了"))
    assert "审批人" in reply.text and not reply.entry_ids
    assert entry(runtime, filed.entry_ids[0]).status == "filed"


def test_a_day_that_fits_no_waiting_filing_falls_back_to_the_kind(runtime):
    only = act(runtime, "张三", file_intent(TUESDAY, "全县安全生产工作会议"))
    reply = act(runtime, "王五", intent("approve", "周一那个会批了", kind="meeting", date=dt.date(2026, 11, 16)))
    assert reply.entry_ids == only.entry_ids and entry(runtime, only.entry_ids[0]).status == "approved"
