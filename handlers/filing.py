"""报备 → 审批 → 备案: the three gates of seed 002 §三 (“严把报备关、审批关、备案关”).

- 报备 (file): the organiser files the item before it is held; the rules engine checks it at once and
  the approvers' group is told, with the check result.
- 审批 (approve / reject): an approver covering the unit answers “同意 #12” or “不同意 #12 理由……”;
  the organiser's group is told. Nobody approves their own filing.
- 备案 (archive): after the date, “备案 #12 纪要已归档” closes it. Only approved items, or items that
  never needed filing, can be archived: an item held without required filing is “不予认可” and stays
  flagged (status recorded, filing_required) so the weekly analysis shows it.

Which kinds need filing comes from rules.yaml (`advance_filing`) when it has items, else from
config/filing.yaml `requires`. Every change goes through repo.change_entry (audit trail, dated by the clock).
"""

from __future__ import annotations

from typing import Any

from bot import permissions
from bot.context import Context
from bot.filing import queue
from bot.filing.notify import push_to_units
from bot.usertext import user
from bot.filing.requirement import UNFILED_ITEM, requirement_of
from bot.filing.review import review
from bot.labels import STATUS_NAMES, day_label
from bot.ledger.describe import describe_entry
from bot.ledger.entries import create_from_intent, out_of_range
from bot.messages import Reply
from bot.nlu import Intent
from storage import repo
from storage.models import Entry, Unit

ASK_COMPLETE = "请说明报备事项的类别和日期，如“报备：下周二召开全县安全生产工作会议，80人，2小时”。"


# --- 报备 ---------------------------------------------------------------------------------------

def names_existing(intent: Intent) -> bool:
    """报备 #12 (an entry recorded, or rejected, earlier) rather than a new item to file."""
    return intent.entry_id is not None and not intent.kind


def handle_file(ctx: Context, intent: Intent) -> Reply:
    if names_existing(intent):
        return _file_existing(ctx, intent.entry_id)
    unit = permissions.unit_for(ctx, intent.unit)
    if isinstance(unit, Reply):
        return unit
    refused = out_of_range(intent)
    if refused is not None:
        return refused
    if not intent.kind or not intent.date:
        return Reply(text=ASK_COMPLETE, intent="file", data={"missing": [m for m in ("kind", "date") if not getattr(intent, m)]})
    if intent.date < ctx.today():
        return Reply(
            text=f"报备须在事项开展前办理，{day_label(intent.date)}已过。已开展的事项请直接登记，将标注为未报备。",
            intent="file",
        )
    entry = create_from_intent(ctx, intent, unit_id=unit.id, status="filed")
    if requirement_of(ctx, entry) is not None:
        repo.amend_creation(ctx.session, entry, filing_required=True)
    return _after_filing(ctx, entry, unit)


def _file_existing(ctx: Context, entry_id: int | None) -> Reply:
    """报备 #12: file an item recorded without filing, or re-file a rejected one, while it is still ahead."""
    entry = permissions.entry_for(ctx, entry_id)
    if isinstance(entry, Reply):
        return entry
    if entry.status not in ("recorded", "rejected"):
        return Reply(text=f"#{entry.id} {STATUS_NAMES[entry.status]}，无需报备。", intent="file", entry_ids=[entry.id])
    if entry.occurs_on < ctx.today():
        return Reply(text=f"#{entry.id} 已开展（{day_label(entry.occurs_on)}），不能补报备。", intent="file",
                     entry_ids=[entry.id])
    flags = [f for f in entry.flags or [] if f.get("item") != UNFILED_ITEM]
    repo.change_entry(ctx.session, entry, ctx.member, "file", at=ctx.now(), status="filed", flags=flags,
                      filing_required=requirement_of(ctx, entry) is not None)
    return _after_filing(ctx, entry, entry.unit)


def _after_filing(ctx: Context, entry: Entry, unit: Unit) -> Reply:
    check = review(ctx, entry)
    settings = ctx.services.filing.current()
    eligible = permissions.approvers_for(ctx.session, entry.unit_id, settings.approver_units)
    # Nobody approves their own filing: only the others can answer it.
    approvers = [a for a in eligible if a.id not in (entry.created_by, ctx.member.id)]
    offices = _names(a.unit.name for a in approvers)
    summary = describe_entry(entry, unit.name)
    notice = (
        f"【报备待审批】#{entry.id} {unit.name}{ctx.member.name}报备：{user(summary)}。\n"
        + (f"原文：{user(entry.raw_text)}\n" if entry.raw_text else "")
        + f"规则检查——{check}\n请回复“同意 #{entry.id}”或“不同意 #{entry.id} 理由：……”。"
    )
    key = f"filing:{entry.id}:filed:{repo.last_event_id(ctx.session, entry.id)}"  # one per filing round
    sent = push_to_units(ctx, {a.unit_id for a in approvers}, f"报备待审批 #{entry.id}", notice, key)
    office = settings.approver_units[0] if settings.approver_units else "县委办"
    if not approvers and eligible:
        routed = f"本单位无其他审批人，请联系{office}指定审批人。"
    elif not approvers:
        routed = f"未找到负责审批的审批人，请联系{office}配置。"
    elif sent or _is_approvers_chat(ctx, approvers):
        routed = f"已送{offices}审批，结果将通知本单位工作群。"
    else:
        routed = f"已登记待{offices}审批，但其工作群未配置推送，请直接告知审批人。"
    text = f"已报备 #{entry.id}：{summary}。\n规则检查——{check}\n{routed}"
    return Reply(text=text, intent="file", entry_ids=[entry.id],
                 data={"entry": _summary(entry), "notified": sent, "approvers": [a.name for a in approvers]})


# --- 审批 ---------------------------------------------------------------------------------------

def handle_approve(ctx: Context, intent: Intent) -> Reply:
    return _decide(ctx, intent, approve=True)


def handle_reject(ctx: Context, intent: Intent) -> Reply:
    return _decide(ctx, intent, approve=False)


def _decide(ctx: Context, intent: Intent, approve: bool) -> Reply:
    action = "approve" if approve else "reject"
    entry = permissions.entry_for(ctx, intent.entry_id) if intent.entry_id is not None else _the_waiting_one(ctx, intent)
    if isinstance(entry, Reply):
        return entry
    if entry.created_by == ctx.member.id:
        return permissions.refused(f"不能审批本人报备的事项（#{entry.id}），请由其他审批人办理。")
    if entry.status != "filed":
        state = STATUS_NAMES.get(entry.status, entry.status)
        hint = "未经报备" if entry.status == "recorded" else state
        return Reply(text=f"#{entry.id} {hint}，不在待审批状态。", intent=action, entry_ids=[entry.id])
    reason = (intent.reason or "").strip()
    if not approve and not reason:
        return Reply(text=f"请说明不同意的理由，如“不同意 #{entry.id} 理由：与全县调度会合并召开”。",
                     intent=action, entry_ids=[entry.id])
    repo.change_entry(ctx.session, entry, ctx.member, action, at=ctx.now(),
                         status="approved" if approve else "rejected", decision_note=reason or None)
    summary = describe_entry(entry, entry.unit.name)
    if approve:
        title = f"报备已同意 #{entry.id}"
        body = (f"【报备已同意】#{entry.id} {user(summary)}。审批人：{ctx.member.name}"
                + (f"，意见：{user(reason)}" if reason else "")
                + f"。事后请发送“备案 #{entry.id} 纪要已归档”完成备案。")
    else:
        title = f"报备未同意 #{entry.id}"
        body = (f"【报备未同意】#{entry.id} {user(summary)}。审批人：{ctx.member.name}，理由：{user(reason)}。"
                f"请按意见调整（如“#{entry.id} 参会人数改为50人”）后发送“报备 #{entry.id}”重新报备。")
    key = f"filing:{entry.id}:{action}:{repo.last_event_id(ctx.session, entry.id)}"
    sent = push_to_units(ctx, {entry.unit_id}, title, body, key, extra=entry.conversation_id)
    verb = "已同意" if approve else "已不同意"
    here = ctx.conversation is not None and ctx.conversation.unit_id == entry.unit_id
    told = f"已通知{entry.unit.name}。" if sent or here else f"{entry.unit.name}工作群未配置推送，请直接告知报备人。"
    return Reply(text=f"{verb} #{entry.id}（{entry.unit.name}：{summary}）。{told}",
                 intent=action, entry_ids=[entry.id], data={"entry": _summary(entry), "notified": sent})


def _the_waiting_one(ctx: Context, intent: Intent) -> Entry | Reply:
    """批了 / 不同意，合并开 with no #id: the one filing waiting for this approver (of the kind and day the
    message names); with several, they are listed and the approver is asked which."""
    action = ctx.permitted
    if not ctx.member.has_role("approver"):
        return permissions.entry_for(ctx, None)  # 请注明事项编号
    waiting = queue.awaiting_approver(ctx.session, ctx.member, ctx.services.filing.current().approver_units)
    of_kind = [e for e in waiting if intent.kind is None or e.kind == intent.kind]
    # The day as the words read it (周二的会 may be last Tuesday's reading): when it fits none, the kind decides.
    fitting = [e for e in of_kind if e.occurs_on == intent.date] or of_kind
    if len(fitting) == 1:
        return permissions.entry_for(ctx, fitting[0].id)
    if not fitting:
        return Reply(text="目前没有待您审批的相应报备。", intent=action)
    shown = fitting[: queue.MAX_LISTED]
    lines = [f"待您审批的报备有{len(fitting)}项，请注明编号（如“同意 #{shown[0].id}”）："]
    lines += [queue.line(ctx.session, e) for e in shown]
    return Reply(text="\n".join(lines), intent=action, entry_ids=[e.id for e in shown])


# --- 备案 ---------------------------------------------------------------------------------------

def handle_archive(ctx: Context, intent: Intent) -> Reply:
    entry = permissions.entry_for(ctx, intent.entry_id)
    if isinstance(entry, Reply):
        return entry
    refusal = _archive_refusal(ctx, entry)
    if refusal:
        return Reply(text=refusal, intent="archive", entry_ids=[entry.id])
    note = (intent.reason or "").strip() or None
    repo.change_entry(ctx.session, entry, ctx.member, "archive", at=ctx.now(), status="archived", archive_note=note)
    said = f"：{note}" if note else ""
    return Reply(text=f"已备案 #{entry.id}（{describe_entry(entry, entry.unit.name)}）{said}。", intent="archive",
                 entry_ids=[entry.id], data={"entry": _summary(entry)})


def _archive_refusal(ctx: Context, entry: Entry) -> str | None:
    if entry.status == "archived":
        return f"#{entry.id} 已备案，无需重复。"
    if entry.status == "voided":
        return f"#{entry.id} 已撤销，不能备案。"
    if entry.status == "filed":
        return f"#{entry.id} 尚未审批，不能备案。"
    if entry.status == "rejected":
        return f"#{entry.id} 报备未获同意，不能备案。"
    if entry.status == "recorded" and entry.filing_required:
        return f"#{entry.id} 未履行报备程序，不予备案。"
    if entry.occurs_on > ctx.today():
        return f"#{entry.id} 尚未开展（{day_label(entry.occurs_on)}），请在开展后备案。"
    return None


# --- wording ------------------------------------------------------------------------------------

def _is_approvers_chat(ctx: Context, approvers: list[Any]) -> bool:
    """Filed from the approvers' own group: they read the reply, no push needed."""
    return ctx.conversation is not None and ctx.conversation.unit_id in {a.unit_id for a in approvers}


def _names(names: Any) -> str:
    return "、".join(dict.fromkeys(names))


def _summary(entry: Entry) -> dict[str, Any]:
    return {"id": entry.id, "unit_id": entry.unit_id, "kind": entry.kind, "direction": entry.direction,
            "date": entry.occurs_on.isoformat(), "status": entry.status, "filing_required": entry.filing_required,
            "scale": entry.scale, "duration_minutes": entry.duration_minutes, "title": entry.title,
            "flags": entry.flags}
