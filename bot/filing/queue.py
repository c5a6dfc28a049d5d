"""What waits for approval, and where one filing stands: 待审批 and “#49 审批了吗”.

An approver's queue is every filed entry of the units the approval covers (bot.permissions APPROVAL)
that somebody else filed — nobody approves their own filing, so their own are not “waiting for them”.
For anyone else 待审批 lists the filings of their units still waiting, so a filer can see what is stuck.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import permissions
from bot.clock import TZ
from bot.labels import short_day
from bot.ledger.describe import describe_entry
from storage import repo
from storage.models import Entry, EntryEvent, Member

MAX_LISTED = 20


def awaiting_approver(session: Session, approver: Member, approver_units: Iterable[str]) -> list[Entry]:
    """Filed entries this approver may decide, earliest date first."""
    units = permissions.scope_units(session, approver, permissions.APPROVAL, approver_units)
    query = select(Entry).where(Entry.status == "filed", Entry.created_by.is_distinct_from(approver.id))
    if units is not None:
        query = query.where(Entry.unit_id.in_(units))
    return list(session.scalars(query.order_by(Entry.occurs_on, Entry.id)))


def awaiting_in(session: Session, unit_ids: set[int] | None) -> list[Entry]:
    """Filed entries of the units (None: all) still waiting for an approver."""
    query = select(Entry).where(Entry.status == "filed")
    if unit_ids is not None:
        query = query.where(Entry.unit_id.in_(unit_ids))
    return list(session.scalars(query.order_by(Entry.occurs_on, Entry.id)))


def line(session: Session, entry: Entry) -> str:
    """#49 召开会议，2026-11-24（周二），城关镇，事由：…（李四报备，11月22日）"""
    filer = session.get(Member, entry.created_by) if entry.created_by else None
    filed = _last(session, entry.id, ("file", "create"))
    when = f"，{short_day(filed.at.astimezone(TZ).date())}" if filed is not None else ""
    who = f"{filer.name}报备" if filer is not None else "报备"
    return f"#{entry.id} {describe_entry(entry, entry.unit.name)}（{who}{when}）"


def state(session: Session, entry: Entry, approver_units: Iterable[str]) -> str:
    """Where the filing stands, in one or two sentences."""
    head = f"#{entry.id} {describe_entry(entry, entry.unit.name)}："
    if entry.status == "filed":
        eligible = permissions.approvers_for(session, entry.unit_id, approver_units)
        names = "、".join(a.name for a in eligible if a.id != entry.created_by)
        filed = _last(session, entry.id, ("file", "create"))
        since = f"，{short_day(filed.at.astimezone(TZ).date())}报备" if filed is not None else ""
        return head + f"已报备，尚待审批{since}" + (f"（审批人：{names}）。" if names else "，尚未配置审批人。")
    decision = _last(session, entry.id, ("approve", "reject"))
    by = ""
    if decision is not None:
        who = session.get(Member, decision.member_id) if decision.member_id else None
        by = f"审批人{who.name if who else ''}，{short_day(decision.at.astimezone(TZ).date())}"
    if entry.status == "approved":
        note = f"，意见：{entry.decision_note}" if entry.decision_note else ""
        return head + f"已同意（{by}{note}）。事后请发送“备案 #{entry.id} 纪要已归档”完成备案。"
    if entry.status == "rejected":
        return head + f"未同意（{by}，理由：{entry.decision_note or '未说明'}）。调整后可发送“报备 #{entry.id}”重新报备。"
    if entry.status == "archived":
        approved = f"（{by}）" if by else ""
        return head + f"已审批{approved}并已备案" + (f"：{entry.archive_note}。" if entry.archive_note else "。")
    if entry.status == "voided":
        return head + "已撤销，不再审批。"
    if entry.filing_required:
        return head + "未经报备（按规定须报备，已标注未报备）。"
    return head + f"直接登记，未报备，无需审批。如需报备，请发送“报备 #{entry.id}”。"


def _last(session: Session, entry_id: int, actions: tuple[str, ...]) -> EntryEvent | None:
    found = [e for e in repo.entry_events(session, entry_id) if e.action in actions]
    return found[-1] if found else None
