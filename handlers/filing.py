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

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.channels.registry import channels_in
from bot.labels import STATUS_NAMES, activity, day_label
from bot.messages import Reply
from bot.nlu import Intent
from bot.push import Push, push_to_conversation
from bot.rules import (
    RuleBook,
    RuleConfigError,
    Verdict,
    evaluate,
    findings_to_flags,
    proposal_from_entry,
    render_verdict,
)
from bot.rules.context import CheckContext
from bot.rules.filing import working_days_between
from bot.rules.model import Finding, worst
from bot.rules.render import cite
from handlers import filing_settings, permissions
from handlers.check import KEPT_FLAG_ITEMS, kept_flags, rule_flags, rule_store
from handlers.context import Context
from handlers.record import create_from_intent, describe_entry, out_of_range
from storage import repo
from storage.models import Conversation, Entry, Unit

log = logging.getLogger(__name__)

Handler = Callable[[Context, Intent], Reply]

UNFILED_ITEM = "UNFILED"  # Entry.flags item id of "held without required filing"
FALLBACK_RULE_TEXT = (
    "各单位发文、办会、督查要提前向县委办公室、政府办公室报备，经县委、县政府批准后才能开展，"
    "未履行报备程序的，一律不予认可。"
)
FALLBACK_RULE_SOURCE = "本县“三个关口”报备审批制度（config/filing.yaml）"
ASK_COMPLETE = "请说明报备事项的类别和日期，如“报备：下周二召开全县安全生产工作会议，80人，2小时”。"


# --- 报备 ---------------------------------------------------------------------------------------

def handle_file(ctx: Context, intent: Intent) -> Reply:
    if intent.entry_id is not None and not intent.kind:
        return _file_existing(ctx, intent.entry_id)
    unit = permissions.unit_for(ctx, "file", intent.unit)
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
    if _requirement(ctx, entry) is not None:
        repo.amend_creation(ctx.session, entry, filing_required=True)
    return _after_filing(ctx, entry, unit)


def _file_existing(ctx: Context, entry_id: int) -> Reply:
    """报备 #12: file an item recorded without filing, or re-file a rejected one, while it is still ahead."""
    entry = permissions.entry_for(ctx, "refile", entry_id)
    if isinstance(entry, Reply):
        return entry
    if entry.status not in ("recorded", "rejected"):
        return Reply(text=f"#{entry.id} {STATUS_NAMES[entry.status]}，无需报备。", intent="file", entry_ids=[entry.id])
    if entry.occurs_on < ctx.today():
        return Reply(text=f"#{entry.id} 已开展（{day_label(entry.occurs_on)}），不能补报备。", intent="file",
                     entry_ids=[entry.id])
    flags = [f for f in entry.flags or [] if f.get("item") != UNFILED_ITEM]
    repo.change_entry(ctx.session, entry, ctx.member, "file", at=ctx.now(), status="filed", flags=flags,
                         filing_required=_requirement(ctx, entry) is not None)
    return _after_filing(ctx, entry, entry.unit)


def _after_filing(ctx: Context, entry: Entry, unit: Unit) -> Reply:
    check = run_check(ctx, entry)
    settings = filing_settings.for_services(ctx.services)
    eligible = permissions.approvers_for(ctx.session, entry.unit_id, settings.approver_units)
    # Nobody approves their own filing: only the others can answer it.
    approvers = [a for a in eligible if a.id not in (entry.created_by, ctx.member.id)]
    offices = _names(a.unit.name for a in approvers)
    summary = describe_entry(entry, unit.name)
    notice = (
        f"【报备待审批】#{entry.id} {unit.name}{ctx.member.name}报备：{summary}。\n"
        + (f"原文：{entry.raw_text}\n" if entry.raw_text else "")
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


def run_check(ctx: Context, entry: Entry) -> str:
    """Run the rules engine on a filed entry, keep its findings as flags (one "check" audit event), say it.

    The item is being filed, so the 事前报备 finding is not said as “请尽快报备”: a filing in time drops
    it, a late one is said once as “报备时间不足N个工作日” (and kept as a flag for the approvers).
    """
    book = _rulebook(ctx)
    if book is None:
        repo.change_entry(ctx.session, entry, None, "check", at=ctx.now())
        return "规则库暂不可用，未作对照，请审批人人工把关。"
    verdict = evaluate(proposal_from_entry(entry, unit_level=entry.unit.level), book, ctx.session, ctx.today())
    verdict = _without_met_filing(verdict, book, entry, ctx.today())
    keep = [f for f in entry.flags or [] if f.get("item") == UNFILED_ITEM]
    repo.change_entry(ctx.session, entry, None, "check", at=ctx.now(), flags=keep + findings_to_flags(verdict))
    late = [f for f in verdict.findings if f.list_key == "advance_filing"]
    if not late:
        return str(render_verdict(verdict))
    rest = [f for f in verdict.findings if f.list_key != "advance_filing"]
    shown = Verdict(verdict=worst([f.verdict for f in rest]), findings=rest,
                    checked=[c for c in verdict.checked if c != book.filing_name], notes=verdict.notes)
    return "\n".join([render_verdict(shown), *(_late_line(book, f, entry, ctx.today()) for f in late[:1])])


def _late_line(book: RuleBook, finding: Finding, entry: Entry, today: dt.date) -> str:
    """报备时间不足N个工作日 — once, with the rule it rests on (quoted verbatim, applied by reference)."""
    lead = next((r.working_days for r in book.filing if r.rule.id == finding.item), None)
    left = working_days_between(today, entry.occurs_on)
    short = f"报备时间不足{lead}个工作日" if lead else "报备时间不足"
    when = f"{entry.occurs_on.month}月{entry.occurs_on.day}日"
    return f"注意：{short}（距{when}仅{left}个工作日），请审批人把关。依据：{cite(finding)}。"


def _without_met_filing(verdict: Verdict, book: RuleBook, entry: Entry, today: dt.date) -> Verdict:
    """Drop “须提前N个工作日报备” findings this filing satisfies: it is being filed, and in time."""
    lead = {rule.rule.id: rule.working_days for rule in book.filing}
    left = working_days_between(today, entry.occurs_on)
    kept = [f for f in verdict.findings
            if not (f.list_key == "advance_filing" and f.item in lead and left >= lead[f.item])]
    if len(kept) == len(verdict.findings):
        return verdict
    return Verdict(verdict=worst([f.verdict for f in kept]), findings=kept, checked=verdict.checked,
                   notes=verdict.notes)


# --- 审批 ---------------------------------------------------------------------------------------

def handle_approve(ctx: Context, intent: Intent) -> Reply:
    return _decide(ctx, intent, approve=True)


def handle_reject(ctx: Context, intent: Intent) -> Reply:
    return _decide(ctx, intent, approve=False)


def _decide(ctx: Context, intent: Intent, approve: bool) -> Reply:
    action = "approve" if approve else "reject"
    entry = permissions.entry_for(ctx, action, intent.entry_id)
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
        body = (f"【报备已同意】#{entry.id} {summary}。审批人：{ctx.member.name}"
                + (f"，意见：{reason}" if reason else "")
                + f"。事后请发送“备案 #{entry.id} 纪要已归档”完成备案。")
    else:
        title = f"报备未同意 #{entry.id}"
        body = (f"【报备未同意】#{entry.id} {summary}。审批人：{ctx.member.name}，理由：{reason}。"
                f"请按意见调整（如“#{entry.id} 参会人数改为50人”）后发送“报备 #{entry.id}”重新报备。")
    key = f"filing:{entry.id}:{action}:{repo.last_event_id(ctx.session, entry.id)}"
    sent = push_to_units(ctx, {entry.unit_id}, title, body, key, extra=entry.conversation_id)
    verb = "已同意" if approve else "已不同意"
    here = ctx.conversation is not None and ctx.conversation.unit_id == entry.unit_id
    told = f"已通知{entry.unit.name}。" if sent or here else f"{entry.unit.name}工作群未配置推送，请直接告知报备人。"
    return Reply(text=f"{verb} #{entry.id}（{entry.unit.name}：{summary}）。{told}",
                 intent=action, entry_ids=[entry.id], data={"entry": _summary(entry), "notified": sent})


# --- 备案 ---------------------------------------------------------------------------------------

def handle_archive(ctx: Context, intent: Intent) -> Reply:
    entry = permissions.entry_for(ctx, "archive", intent.entry_id)
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


# --- items held without filing ------------------------------------------------------------------

def after_record(record_handler: Handler) -> Handler:
    """Wrap the record handler: flag what needed filing but was only recorded, and date its audit event.

    The flag goes into the entry's creation event (the same message), so the audit trail keeps one
    event; that event is dated by the injected clock like every other event of the filing flow.
    """

    def handle(ctx: Context, intent: Intent) -> Reply:
        reply = record_handler(ctx, intent)
        if reply.intent != "record" or not reply.entry_ids:
            return reply
        notices = []
        for entry_id in reply.entry_ids:
            entry = ctx.session.get(Entry, entry_id)
            if entry is None or entry.source_message_id != ctx.message.id:
                continue
            notice = mark_unfiled(ctx, entry) if entry.status == "recorded" else None
            if notice:
                notices.append(notice)
        if notices:
            reply.text = reply.text + "\n" + "\n".join(notices)
            reply.data["filing_required"] = True
        return reply

    return handle


def mark_unfiled(ctx: Context, entry: Entry) -> str | None:
    """Set filing_required and the UNFILED flag on a just-recorded entry; the notice to show, if any."""
    requirement = _requirement(ctx, entry)
    if requirement is None:
        return None
    repo.amend_creation(ctx.session, entry, filing_required=True, flags=[*(entry.flags or []), requirement.flag()])
    what = activity(entry.kind, entry.direction)
    if entry.occurs_on >= ctx.today():
        return f"注意：{what}须事前报备审批，本条未报备，已标注。如尚未开展，请发送“报备 #{entry.id}”补办。"
    return f"注意：{what}须事前报备审批，本条未履行报备程序，已标注，将列入每周分析。"


def recheck_recorded(ctx: Context, entry: Entry) -> tuple[str | None, list[dict[str, Any]], list[dict[str, Any]]]:
    """After a recorded item was corrected: its 须报备 flag and its rule flags, recomputed together.

    Writes one "check" audit event only when something changed. Returns the notice when the item became
    须报备, and the rule flags after and before.
    """
    was_required = entry.filing_required
    requirement = _requirement(ctx, entry)
    before = [f for f in entry.flags or [] if f.get("item") not in KEPT_FLAG_ITEMS]
    found = rule_flags(ctx, entry)
    flags = [f for f in kept_flags(entry) if f.get("item") != UNFILED_ITEM]
    flags += [requirement.flag()] if requirement is not None else []
    flags += found
    if (requirement is not None, flags) != (was_required, entry.flags or []):
        repo.change_entry(ctx.session, entry, ctx.member, "check", at=ctx.now(),
                          filing_required=requirement is not None, flags=flags)
    notice = None
    if requirement is not None and not was_required:
        notice = f"注意：{activity(entry.kind, entry.direction)}须事前报备审批，本条未报备，已标注。"
    return notice, found, before


@dataclass(frozen=True)
class Requirement:
    list_name: str
    rule_id: str
    text: str
    source: str

    def flag(self) -> dict[str, Any]:
        return {"list": self.list_name, "item": UNFILED_ITEM, "number": None, "rule": self.rule_id,
                "text": self.text, "source": self.source, "verdict": "needs_approval",
                "reason": "未履行报备程序"}


def _requirement(ctx: Context, entry: Entry) -> Requirement | None:
    """Why this entry must be filed (the rule), or None when it need not be."""
    book = _rulebook(ctx)
    if book is not None and book.filing:
        check = CheckContext.build(proposal_from_entry(entry, unit_level=entry.unit.level), book, None, ctx.today())
        for rule in book.filing:
            if not check.holds(rule.when) or (rule.words and check.match(rule.words) is None):
                continue
            if check.match(rule.unless) is None:
                return Requirement(book.filing_name or "事前报备", rule.rule.id, rule.rule.text, rule.rule.source)
        return None
    if filing_settings.for_services(ctx.services).kind_requires_filing(entry.kind, entry.direction):
        return Requirement("事前报备", "filing.yaml", FALLBACK_RULE_TEXT, FALLBACK_RULE_SOURCE)
    return None


# --- rules engine access ------------------------------------------------------------------------

def _rulebook(ctx: Context) -> RuleBook | None:
    try:
        return rule_store(ctx.services).current()
    except RuleConfigError:  # no valid rules ever loaded: filing goes on, approvers check by hand
        log.exception("rule book unavailable")
        return None


# --- wording and pushes -------------------------------------------------------------------------

def push_to_units(ctx: Context, unit_ids: set[int], title: str, text: str, key: str, extra: int | None = None) -> int:
    """Queue the push to every group bound to the units (and `extra`), except the chat being answered."""
    conversations: list[Conversation] = repo.conversations_of_units(ctx.session, unit_ids)
    if extra is not None and all(c.id != extra for c in conversations):
        found = ctx.session.get(Conversation, extra)
        if found is not None:
            conversations.append(found)
    here = ctx.conversation.id if ctx.conversation else None
    channels = channels_in(ctx.services)
    sent = 0
    for conversation in conversations:
        if conversation.id == here:
            continue
        row = push_to_conversation(ctx.session, conversation, Push(title=title, text=text),
                                   f"{key}:{conversation.id}", now=ctx.now(), channels=channels)
        sent += row is not None
    return sent


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
