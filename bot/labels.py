"""Chinese wording shared by replies and digests: one place for kind names and measure words."""

from __future__ import annotations

import datetime as dt

WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")

KIND_NAMES = {"meeting": "会议", "document": "文件", "inspection": "督查检查考核", "report": "材料"}
MEASURE = {"meeting": "次", "document": "件", "inspection": "次", "report": "份"}
# (kind, direction) → the verb phrase a 台账 uses
ACTIVITY = {
    ("meeting", "outgoing"): "召开会议",
    ("meeting", "incoming"): "参加上级会议",
    ("document", "outgoing"): "发文",
    ("document", "incoming"): "收上级来文",
    ("inspection", "outgoing"): "开展督查检查",
    ("inspection", "incoming"): "接受上级督查检查",
    ("report", "outgoing"): "要求下级上报材料",
    ("report", "incoming"): "上报材料",
}
ROLE_NAMES = {"member": "成员", "manager": "管理员", "approver": "审批人", "admin": "系统管理员"}
STATUS_NAMES = {
    "recorded": "已记录", "filed": "已报备", "approved": "已同意", "rejected": "未同意",
    "archived": "已备案", "voided": "已撤销",
}


def activity(kind: str, direction: str | None) -> str:
    return ACTIVITY.get((kind, direction or "outgoing"), KIND_NAMES.get(kind, kind))


def day_label(day: dt.date) -> str:
    return f"{day.isoformat()}（{WEEKDAYS[day.weekday()]}）"


def short_day(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"
