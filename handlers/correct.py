"""更正 (“#12 日期改为后天”, “#12 参会人数改为50人”) and the audit trail (“#12 记录”).

A correction is one audit event with before/after values. Correcting a filed or approved item that is
still ahead is 动态跟踪 (seed 002 §三): the rules are run again and the approvers are told; an approved
item whose date, size or length changed goes back to 待审批, since what was approved is no longer what
will be held. A voided entry cannot be corrected but its record can still be shown.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot import permissions
from bot.stats.counting_rules import scope_fields
from bot.clock import TZ
from bot.context import Context
from bot.filing.notify import push_to_units
from bot.usertext import user
from bot.filing.review import review
from bot.labels import STATUS_NAMES, activity, day_label
from bot.ledger.describe import describe_entry
from bot.ledger.flagging import recheck
from bot.ledger.history import COLUMN_LABELS, change_line, event_line
from bot.messages import Reply
from bot.nlu import Intent
from bot.rules import render_flags
from storage import repo
from storage.models import KINDS, Entry

# What a user may change: the intent's key → Entry column (labels: bot.ledger.history.COLUMN_LABELS).
FIELDS: dict[str, tuple[str, str]] = {key: (column, COLUMN_LABELS[column]) for key, column in {
    "date": "occurs_on", "time": "starts_at", "scale": "scale", "duration_minutes": "duration_minutes",
    "quantity": "quantity", "attendees_count": "attendees_count", "attendees_scope": "attendees_scope",
    "title": "title", "subtype": "subtype", "location": "location", "counterpart": "counterpart", "kind": "kind",
    "direction": "direction", "unit": "unit_id", "doc_number": "doc_number",
}.items()}
# Changes to these mean the approved item is not the one that will be held.
MATERIAL = ("occurs_on", "starts_at", "scale", "duration_minutes", "attendees_count", "attendees_scope",
            "kind", "direction", "subtype", "quantity", "unit_id")
# Changes the rules look at: after one of these the entry is checked again (动态跟踪).
RULE_FIELDS = frozenset(MATERIAL) | {"title", "location"}
MAX_NUMBER = 100_000
SCOPE_FIELDS = frozenset({"kind", "direction", "subtype", "title"})  # what counting_rules.yaml looks at


def handle(ctx: Context, intent: Intent) -> Reply:
    # 昨天收文是5件: without a #id the entry is the sender's latest of the kind and day the message names,
    # unless those are what changes (那条会改成检查 / 改到周二 name the new value, not the entry)
    kind = None if "kind" in intent.changes else intent.kind
    day = None if "date" in intent.changes else intent.date
    entry = permissions.entry_for(ctx, intent.entry_id, kind=kind, on=day, own_latest=True)
    if isinstance(entry, Reply):
        return entry
    if entry.status == "voided":
        return Reply(text=f"#{entry.id} 已撤销，不能更正。", intent="correct", entry_ids=[entry.id])
    if not intent.changes:
        return Reply(text=f"请说明要更正的内容，如“#{entry.id} 日期改为后天”“#{entry.id} 参会人数改为50人”。",
                     intent="correct", entry_ids=[entry.id])
    values = _values(ctx, entry, intent.changes)
    if isinstance(values, Reply):
        return values
    diff = repo.change_entry(ctx.session, entry, ctx.member, "correct", at=ctx.now(), **values) if values else {}
    if diff.keys() & SCOPE_FIELDS:  # 统计口径 follows the corrected entry now, not at the next catch-up
        scope = scope_fields(ctx.services.counting_rules.current(), entry.kind, entry.direction, entry.subtype,
                             entry.title, entry.raw_text)
        entry.in_scope, entry.scope_reason = scope["in_scope"], scope["scope_reason"]
    if not diff:
        return Reply(text=f"#{entry.id} 内容未变，无需更正。", intent="correct", entry_ids=[entry.id])
    said = "；".join(change_line(ctx.session, name, before, after) for name, (before, after) in diff.items())
    lines = [f"已更正 #{entry.id}：{said}。"]
    lines += _follow_up(ctx, entry, diff, said)
    return Reply(text="\n".join(lines), intent="correct", entry_ids=[entry.id],
                 data={"changes": diff, "status": entry.status})


def _values(ctx: Context, entry: Entry, changes: dict[str, Any]) -> dict[str, Any] | Reply:
    """Intent changes → column values, each checked; the first bad one is refused with the reason."""
    flat = dict(changes)
    attendees = flat.pop("attendees", None)
    if isinstance(attendees, dict):
        flat.update({f"attendees_{k}": v for k, v in attendees.items() if k in ("count", "scope") and v is not None})
    out: dict[str, Any] = {}
    for key, raw in flat.items():
        if key not in FIELDS:
            return Reply(text=f"“{key}”不能更正。可更正：日期、时间、人数、时长、数量、事由、文号、参加单位等。",
                         intent="correct", entry_ids=[entry.id])
        column, label = FIELDS[key]
        if raw is None:  # the field named, its new value not understood: ask for it, never echo an empty one
            return Reply(text=f"请说明{label}的新值，如“{label}改为……”。", intent="correct", entry_ids=[entry.id])
        value = _coerce(ctx, entry, column, raw)
        if isinstance(value, Reply):
            return value
        if value is _BAD:
            return Reply(text=f"{label}“{raw}”无法识别，请重新说明。", intent="correct", entry_ids=[entry.id])
        out[column] = value
    # starts_at carries the date too: a new time lands on the (new) date, a new date keeps the time.
    day = out.get("occurs_on", entry.occurs_on)
    at = out.pop("starts_at", None) or (entry.starts_at.astimezone(TZ).time() if entry.starts_at else None)
    if at is not None and ("occurs_on" in out or at != _local_time(entry)):
        out["starts_at"] = dt.datetime.combine(day, at, tzinfo=TZ).astimezone(dt.UTC)
    # Equal values (the same instant in another zone) are no change.
    return {column: value for column, value in out.items() if getattr(entry, column) != value}


_BAD = object()


def _coerce(ctx: Context, entry: Entry, column: str, raw: Any) -> Any:
    if column == "occurs_on":
        return _date(raw)
    if column == "starts_at":
        at = _time(raw)
        return _BAD if at is None else at
    if column in ("scale", "duration_minutes", "quantity", "attendees_count"):
        number = _int(raw)
        low = 1 if column == "quantity" else 0
        return _BAD if number is None or not low <= number <= MAX_NUMBER else number
    if column == "kind":
        return raw if raw in KINDS else _BAD
    if column == "direction":
        return raw if raw in ("outgoing", "incoming") else _BAD
    if column == "unit_id":
        unit = permissions.unit_for(ctx, str(raw))
        return unit if isinstance(unit, Reply) else unit.id
    text = str(raw).strip()
    if column == "doc_number":  # (the column holds 64: a 文号 longer than that is no 文号)
        return text if 0 < len(text) <= 64 else _BAD
    return text[:200] if text else None


def _follow_up(ctx: Context, entry: Entry, diff: dict[str, list[Any]], said: str) -> list[str]:
    """动态跟踪: run the rules again on what changed; a pending or approved filing that is still ahead
    is checked in full and its approvers are told."""
    ahead_filing = entry.status in ("filed", "approved") and entry.occurs_on >= ctx.today()
    if not ahead_filing and not any(k in diff for k in RULE_FIELDS):
        return []
    if not ahead_filing:
        rechecked = recheck(ctx, entry)
        notice = None
        if rechecked.became_required:
            notice = f"注意：{activity(entry.kind, entry.direction)}须事前报备审批，本条未报备，已标注。"
        return [line for line in (notice, _rules_said(rechecked.found, rechecked.before)) if line]
    lines = []
    material = any(k in diff for k in MATERIAL)
    if entry.status == "approved" and material:
        repo.change_entry(ctx.session, entry, ctx.member, "reopen", at=ctx.now(), status="filed")
        lines.append(f"因内容变更，#{entry.id} 转为待审批，已通知审批人重新审批。")
    checked = review(ctx, entry)
    lines.append(f"规则检查——{checked}")
    if material or entry.status == "filed":
        approvers = permissions.approvers_for(
            ctx.session, entry.unit_id, ctx.services.filing.current().approver_units
        )
        event_id = repo.last_event_id(ctx.session, entry.id)
        notice = (f"【报备事项变更】#{entry.id} {user(describe_entry(entry, entry.unit.name))}。变更：{user(said)}。\n"
                  f"规则检查——{checked}\n请回复“同意 #{entry.id}”或“不同意 #{entry.id} 理由：……”。")
        push_to_units(ctx, {a.unit_id for a in approvers}, f"报备变更 #{entry.id}", notice,
                      f"filing:{entry.id}:change:{event_id}")
    return lines


def _rules_said(found: list[dict[str, Any]], before: list[dict[str, Any]]) -> str | None:
    """The warnings after a correction, when they changed; None when the rules say what they said."""
    if found == before:
        return None
    if found:
        return render_flags(found, heading="更正后规则提醒：")
    return "更正后未发现不符合项，规则提醒已清除。"


# --- “#12 记录” ---------------------------------------------------------------------------------

def handle_history(ctx: Context, intent: Intent) -> Reply:
    entry = permissions.entry_for(ctx, intent.entry_id)
    if isinstance(entry, Reply):
        return entry
    events = repo.entry_events(ctx.session, entry.id)
    state = STATUS_NAMES.get(entry.status, entry.status)
    head = (f"#{entry.id} 记录（{activity(entry.kind, entry.direction)}，{day_label(entry.occurs_on)}，"
            f"{entry.unit.name}，当前：{state}" + ("，不计入统计" if entry.status == "voided" else "") + "）：")
    lines = [head]
    rows = []
    for n, event in enumerate(events, 1):
        line = event_line(ctx.session, event)
        lines.append(f"{n}. {line}")
        rows.append({
            "at": event.at.isoformat(), "member": event.member.name if event.member else None,
            "action": event.action, "changes": event.changes,
        })
    return Reply(text="\n".join(lines), intent="history", entry_ids=[entry.id],
                 data={"status": entry.status, "events": rows})


def _date(raw: Any) -> Any:
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        return _BAD


def _local_time(entry: Entry) -> dt.time | None:
    return entry.starts_at.astimezone(TZ).time() if entry.starts_at else None


def _time(raw: Any) -> dt.time | None:
    if isinstance(raw, dt.time):
        return raw
    try:
        return dt.time.fromisoformat(str(raw))
    except ValueError:
        return None


def _int(raw: Any) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    try:
        return int(str(raw).strip().rstrip("人件次份分钟个"))
    except ValueError:
        return None
