"""撤销: void the sender's last entry, a described one ("明天的会取消了"), or a given #id. Nothing is deleted.

恢复 #37 / 取消撤销 (restore) gives a voided entry back the status it had before, with an audit event.

An entry that is filed (awaiting approval) or approved is withdrawn only after a second message
confirms it (“确认撤回”): its approvers have it in hand or have decided it, so one mistyped #id must
not void it. Until confirmed nothing changes; any other message drops the question. Withdrawing a
filing that was waiting tells its approvers' groups that nothing is left to approve.
"""

from __future__ import annotations

from sqlalchemy import select

from bot import permissions
from bot.context import Context
from bot.filing.notify import push_to_units
from bot.usertext import user
from bot.labels import STATUS_NAMES, activity, day_label
from bot.ledger.describe import describe_entry
from bot.ledger.pending import ask_confirmation
from bot.messages import Reply
from bot.nlu import Intent
from storage import repo
from storage.models import Entry, EntryEvent

CONFIRMED_STATUSES = ("filed", "approved")  # withdrawing these asks first


def handle(ctx: Context, intent: Intent) -> Reply:
    entry = permissions.entry_for(ctx, intent.entry_id, kind=intent.kind, on=intent.date, own_latest=True)
    if isinstance(entry, Reply):
        return entry
    if entry.status == "voided":
        return Reply(text=f"#{entry.id} 已撤销过，无需重复操作。", intent="undo", entry_ids=[entry.id])
    if entry.status in CONFIRMED_STATUSES:
        stage = "已报备、正待审批" if entry.status == "filed" else "报备已获同意"
        after = "审批人将不再处理" if entry.status == "filed" else "同意意见一并作废"
        return ask_confirmation(ctx, entry.id, (
            f"#{entry.id}（{describe_entry(entry, entry.unit.name)}）{stage}。撤回后作废、不再计入统计，{after}。\n"
            f"确认撤回请回复“确认撤回”（10分钟内有效，也可回复“确认撤回 #{entry.id}”）；不撤回则无需操作。"))
    return _void(ctx, entry)


def handle_confirm(ctx: Context, intent: Intent) -> Reply:
    """确认 / 确认撤回 [#49]: the second message of a withdrawal (bot.ledger.pending keeps the first)."""
    if intent.entry_id is None:
        return Reply(text="没有待确认的撤回。如需撤回，请发送“撤回 #编号”。", intent="confirm")
    entry = permissions.entry_for(ctx, intent.entry_id)
    if isinstance(entry, Reply):
        return entry
    if entry.status == "voided":
        return Reply(text=f"#{entry.id} 已撤销过，无需重复操作。", intent="confirm", entry_ids=[entry.id])
    was = entry.status
    reply = _void(ctx, entry, verb="已撤回", note=f"原{STATUS_NAMES[was]}，现已作废")
    if was == "filed":
        _tell_approvers(ctx, entry)
    reply.intent = "confirm"
    return reply


def _void(ctx: Context, entry: Entry, verb: str = "已撤销", note: str = "") -> Reply:
    repo.void_entry(ctx.session, entry, ctx.member, at=ctx.now())
    what = f"{activity(entry.kind, entry.direction)}，{day_label(entry.occurs_on)}"
    said = f"{note}，" if note else ""
    return Reply(text=f"{verb} #{entry.id}（{what}），{said}不再计入统计。", intent="undo", entry_ids=[entry.id],
                 data={"voided": True})


def _tell_approvers(ctx: Context, entry: Entry) -> int:
    settings = ctx.services.filing.current()
    approvers = permissions.approvers_for(ctx.session, entry.unit_id, settings.approver_units)
    units = {a.unit_id for a in approvers if a.id != entry.created_by}
    text = (f"【报备已撤回】#{entry.id} {entry.unit.name}{ctx.member.name}撤回了报备："
            f"{user(describe_entry(entry, entry.unit.name))}。无需再审批。")
    key = f"filing:{entry.id}:withdrawn:{repo.last_event_id(ctx.session, entry.id)}"
    return push_to_units(ctx, units, f"报备已撤回 #{entry.id}", text, key)


def restore(ctx: Context, intent: Intent) -> Reply:
    """恢复 #37 / 取消撤销: give a voided entry back the status it had before 撤销, with an audit event."""
    if intent.entry_id is not None:
        entry = permissions.entry_for(ctx, intent.entry_id)
    else:
        latest = _latest_voided(ctx, intent)
        if latest is None:
            return Reply(text="未找到您撤销过的事项，请注明编号，如“恢复 #12”。", intent="restore")
        entry = permissions.entry_for(ctx, latest.id)
    if isinstance(entry, Reply):
        return entry
    if entry.status != "voided":
        return Reply(text=f"#{entry.id} {STATUS_NAMES.get(entry.status, entry.status)}，未撤销，无需恢复。",
                     intent="restore", entry_ids=[entry.id])
    before = _status_before_void(ctx, entry)
    repo.change_entry(ctx.session, entry, ctx.member, "restore", at=ctx.now(), status=before)
    what = f"{activity(entry.kind, entry.direction)}，{day_label(entry.occurs_on)}"
    return Reply(text=f"已恢复 #{entry.id}（{what}），状态：{STATUS_NAMES.get(before, before)}，重新计入统计。",
                 intent="restore", entry_ids=[entry.id])


def _latest_voided(ctx: Context, intent: Intent) -> Entry | None:
    query = select(Entry).where(Entry.created_by == ctx.member.id, Entry.status == "voided")
    if intent.kind:
        query = query.where(Entry.kind == intent.kind)
    if intent.date:
        query = query.where(Entry.occurs_on == intent.date)
    return ctx.session.scalar(query.order_by(Entry.updated_at.desc(), Entry.id.desc()).limit(1))


def _status_before_void(ctx: Context, entry: Entry) -> str:
    """The status the last 撤销 replaced (its audit event keeps before/after); 已记录 if none is kept."""
    events = ctx.session.scalars(
        select(EntryEvent).where(EntryEvent.entry_id == entry.id, EntryEvent.action == "void")
        .order_by(EntryEvent.id.desc())
    )
    for event in events:
        change = (event.changes or {}).get("status")
        if isinstance(change, list) and change and change[0] and change[0] != "voided":
            return str(change[0])
    return "recorded"
