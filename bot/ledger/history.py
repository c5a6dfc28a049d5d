"""An entry's history in words (“#12 记录” in chat, the ledger on the board): one line per EntryEvent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from bot.clock import TZ
from bot.labels import KIND_NAMES, STATUS_NAMES, day_label
from bot.ledger.describe import duration_label
from storage.models import EntryEvent, Unit

# Labels for every audited column.
COLUMN_LABELS = {
    "occurs_on": "日期", "starts_at": "时间", "scale": "参会人数", "duration_minutes": "时长", "quantity": "数量",
    "attendees_count": "参加单位数", "attendees_scope": "参加范围", "title": "事由", "subtype": "类型",
    "location": "地点", "counterpart": "对方单位", "kind": "类别", "direction": "方向", "unit_id": "单位",
    "status": "状态", "flags": "规则提示", "filing_required": "须报备", "decision_note": "审批意见",
    "archive_note": "备案说明", "in_scope": "口径内", "scope_reason": "口径说明", "attendees_text": "参加对象",
    "doc_number": "文号",
}
ACTION_LABELS = {
    "create": "登记", "update": "修改", "correct": "更正", "void": "撤销", "check": "规则检查", "file": "报备",
    "approve": "同意", "reject": "不同意", "archive": "备案", "reopen": "变更后待重新审批", "restore": "恢复",
}


def event_line(session: Session, event: EntryEvent) -> str:
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
    shown = [change_line(session, name, before, after) for name, (before, after) in changes.items()]
    action = ACTION_LABELS.get(event.action, event.action)
    return f"{at} {who} {action}" + (f"：{'；'.join(shown)}" if shown else "")


def change_line(session: Session, name: str, before: Any, after: Any) -> str:
    label = COLUMN_LABELS.get(name, name)
    return f"{label} {_show(session, name, before)}→{_show(session, name, after)}"


def _show(session: Session, name: str, value: Any) -> str:
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
        unit = session.get(Unit, int(value))
        return unit.name if unit else "?"
    if name == "flags":
        return f"{len(value)}条" if value else "无"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)
