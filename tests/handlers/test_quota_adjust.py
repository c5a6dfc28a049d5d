"""Issue 9: 数额分配 — “城关镇本年度发文额度增加5件，理由：……” needs an admin and keeps the reason."""

from __future__ import annotations

from sqlalchemy import select

from bot.rules.quotas import effective_limit
from suite import NOW
from filing_support import act, intent
from storage import repo
from storage.models import Member, Quota, QuotaAdjustment


def add_quota(runtime, unit: str = "城关镇", limit: int = 30) -> int:
    """The unit's 2026 outgoing-document quota with base `limit` (the demo org file may already have one)."""
    with runtime.db.session() as s:
        unit_id = repo.unit_by_name(s, unit).id
        quota = repo.quota_row(s, unit_id, "document", "outgoing", "year", 2026)
        if quota is None:
            quota = Quota(unit_id=unit_id, kind="document", direction="outgoing", period="year", year=2026)
            s.add(quota)
        assert not quota.adjustments
        quota.limit = limit
        s.flush()
        return quota.id


def adjustments(runtime, quota_id: int) -> list[tuple[int, str, str | None, object]]:
    """(delta, reason, approver's name, when) of every adjustment of the quota."""
    with runtime.db.session() as s:
        rows = s.scalars(select(QuotaAdjustment).where(QuotaAdjustment.quota_id == quota_id)
                         .order_by(QuotaAdjustment.id))
        return [(a.delta, a.reason, s.get(Member, a.approved_by).name if a.approved_by else None, a.at)
                for a in rows]


def test_admin_adjusts_a_quota_with_a_reason(runtime, say):
    quota_id = add_quota(runtime)
    reply = say("城关镇本年度发文额度增加5件，理由：承办全省现场会", user="王五")
    assert reply.intent == "quota", reply.text
    assert "30件调为35件" in reply.text and "承办全省现场会" in reply.text
    assert adjustments(runtime, quota_id) == [(5, "承办全省现场会", "王五", NOW)]
    with runtime.db.session() as s:
        assert effective_limit(s.get(Quota, quota_id)) == 35  # what the rules engine counts against

    less = say("城关镇本年度发文额度减少2件，理由：任务调整", user="王五")
    assert "35件调为33件" in less.text
    assert [a[0] for a in adjustments(runtime, quota_id)] == [5, -2]


def test_quota_adjustment_needs_an_admin_a_reason_and_a_quota(runtime, say):
    quota_id = add_quota(runtime)
    refused = say("城关镇本年度发文额度增加5件，理由：承办全省现场会", user="李四")
    assert refused.intent == "refused" and "系统管理员" in refused.text
    no_reason = act(runtime, "王五", intent("quota", args={"unit": "城关镇", "kind": "document",
                                                          "direction": "outgoing", "period": "year", "delta": 5}))
    assert "须说明理由" in no_reason.text
    too_much = act(runtime, "王五", intent("quota", reason="压减", args={
        "unit": "城关镇", "kind": "document", "direction": "outgoing", "period": "year", "delta": -31}))
    assert "不能减少31件" in too_much.text
    assert adjustments(runtime, quota_id) == []
    unset = act(runtime, "王五", intent("quota", reason="试点", args={
        "unit": "青山镇", "kind": "document", "direction": "outgoing", "period": "quarter", "delta": 5}))
    assert "尚未设定" in unset.text and "设为" in unset.text  # says how to set one
