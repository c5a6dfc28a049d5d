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
from bot.labels import KIND_NAMES, STATUS_NAMES, activity, day_label
from bot.ledger.describe import describe_entry, duration_label
from bot.ledger.flagging import recheck
from bot.messages import Reply
from bot.nlu import Intent
from bot.rules import render_flags
from storage import repo
from storage.models import KINDS, Entry, EntryEvent, Unit

# What a user may change: the intent's key → (Entry column, label).
FIELDS: dict[str, tuple[str, str]] = {
    "date": ("occurs_on", "日期"),
    "time": ("starts_at", "时间"),
    "scale": ("scale", "参会人数"),
    "duration_minutes": ("duration_minutes", "时长"),
    "quantity": ("quantity", "数量"),
    "attendees_count": ("attendees_count", "参加单位数"),
    "attendees_scope": ("attendees_scope", "参加范围"),
    "title": ("title", "事由"),
    "subtype": ("subtype", "类型"),
    "location": ("location", "地点"),
    "counterpart": ("counterpart", "对方单位"),
    "kind": ("kind", "类别"),
    "direction": ("direction", "方向"),
    "unit": ("unit_id", "单位"),
}
# Labels for every audited column, for “#12 记录”.
COLUMN_LABELS = {column: label for column, label in FIELDS.values()} | {
    "status": "状态", "flags": "规则提示", "filing_required": "须报备", "decision_note": "审批意见",
    "archive_note": "备案说明", "in_scope": "口径内", "scope_reason": "口径说明", "attendees_text": "参加对象",
    "doc_number": "文号",
}
ACTION_LABELS = {
    "create": "登记", "update": "修改", "correct": "更正", "void": "撤销", "check": "规则检查", "file": "报备",
    "approve": "同意", "reject": "不同意", "archive": "备案", "reopen": "变更后待重新审批", "restore": "恢复",
}
# Changes to these mean the approved item is not the one that will be held.
MATERIAL = ("occurs_on", "starts_at", "scale", "duration_minutes", "attendees_count", "attendees_scope",
            "kind", "direction", "subtype", "quantity", "unit_id")
# Changes the rules look at: after one of these the entry is checked again (动态跟踪).
RULE_FIELDS = frozenset(MATERIAL) | {"title", "location"}
MAX_NUMBER = 100_000
SCOPE_FIELDS = frozenset({"kind", "direction", "subtype", "title"})  # what counting_rules.yaml looks at


def handle(ctx: Context, intent: Intent) -> Reply:
    entry = permissions.entry_for(ctx, intent.entry_id, own_latest=True)
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
    said = "；".join(_change_line(ctx, name, before, after) for name, (before, after) in diff.items())
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
            return Reply(text=f"“{key}”不能更正。可更正：日期、时间、人数、时长、数量、事由、参加单位等。",
                         intent="correct", entry_ids=[entry.id])
        column, label = FIELDS[key]
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
        line = _event_line(ctx, event)
        lines.append(f"{n}. {line}")
        rows.append({
            "at": event.at.isoformat(), "member": event.member.name if event.member else None,
            "action": event.action, "changes": event.changes,
        })
    return Reply(text="\n".join(lines), intent="history", entry_ids=[entry.id],
                 data={"status": entry.status, "events": rows})


def _event_line(ctx: Context, event: EntryEvent) -> str:
    at = event.at.astimezone(TZ).strftime("%m-%d %H:%M")
    who = event.member.name if event.member else "系统"
    changes = event.changes or {}

    def after(name: str) -> Any:
        return (changes.get(name) or [None, None])[1]

    if event.action == "create":
        what = "报备" if after("status") == "filed" else "登记"
        return f"{at} {who} {what}" + ("（须报备）" if after("filing_required") else "")
    if event.action == "check":
        if "flags" not in changes:
            return f"{at} {who} 规则检查：结果未变"
        flags = after("flags")
        return f"{at} {who} 规则检查：" + (f"{len(flags)}条提示" if flags else "未发现不符合项")
    if event.action == "approve":
        return f"{at} {who} 同意" + (f"，意见：{after('decision_note')}" if after("decision_note") else "")
    if event.action == "reject":
        return f"{at} {who} 不同意，理由：{after('decision_note') or '未说明'}"
    if event.action == "archive":
        return f"{at} {who} 备案" + (f"：{after('archive_note')}" if after("archive_note") else "")
    if event.action == "void":
        return f"{at} {who} 撤销（不再计入统计）"
    if event.action == "file":
        again = (changes.get("status") or [None])[0] == "rejected"
        return f"{at} {who} " + ("重新报备" if again else "补办报备")
    if event.action == "reopen":
        return f"{at} {who} 内容变更，转为待审批"
    shown = [_change_line(ctx, name, before, after) for name, (before, after) in changes.items()]
    action = ACTION_LABELS.get(event.action, event.action)
    return f"{at} {who} {action}" + (f"：{'；'.join(shown)}" if shown else "")


def _change_line(ctx: Context, name: str, before: Any, after: Any) -> str:
    label = COLUMN_LABELS.get(name, name)
    return f"{label} {_show(ctx, name, before)}→{_show(ctx, name, after)}"


def _show(ctx: Context, name: str, value: Any) -> str:
    if value is None or value == "":
        return "空"
    if name == "occurs_on":
        return day_label(dt.date.fromisoformat(str(value)))
    if name == "starts_at":
        return dt.datetime.fromisoformat(str(value)).astimezone(TZ).strftime("%m-%d %H:%M")
    if name == "duration_minutes":
        return duration_label(int(value))
    if name == "scale":
        return f"{value}人"
    if name == "status":
        return STATUS_NAMES.get(str(value), str(value))
    if name == "kind":
        return KIND_NAMES.get(str(value), str(value))
    if name == "direction":
        return {"outgoing": "本单位开展", "incoming": "上级/外来"}.get(str(value), str(value))
    if name == "unit_id":
        unit = ctx.session.get(Unit, int(value))
        return unit.name if unit else "?"
    if name == "flags":
        return f"{len(value)}条" if value else "无"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


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
