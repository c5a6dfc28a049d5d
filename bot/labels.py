"""Chinese wording shared by replies and digests: one place for kind names, measure words and the
names of unit levels."""

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

# --- unit levels (the codes are storage.models.UNIT_LEVELS) ----------------------------------------

# A level in a sentence; "各" + it names all its units (各乡镇, 各村（社区）).
LEVEL_NAMES = {"county": "县", "town": "乡镇", "department": "部门", "village": "村（社区）"}
# A level as the title of its section in a ranking or a digest.
LEVEL_TITLES = {"county": "县", "town": "乡镇（街道）", "department": "县直部门", "village": "村（社区）"}
# The levels ranked each in a list of its own (乡镇 with 乡镇, 部门 with 部门), in the order shown.
RANKED_LEVELS = ("town", "department", "village")
# Words that name a level (各乡镇 once its 各 is dropped, 县直部门, the codes themselves) → the level;
# None: units of every level (各单位).
LEVEL_WORDS: dict[str, str | None] = {
    "county": "county", "县": "county",
    "town": "town", "乡镇": "town", "镇": "town", "乡": "town", "街道": "town", "乡镇街道": "town",
    "department": "department", "部门": "department", "县直": "department", "县直单位": "department",
    "县直部门": "department",
    "village": "village", "村": "village", "社区": "village", "村社区": "village", "村（社区）": "village",
    "单位": None, "unit": None, "units": None,
}
# Name endings that tell a new unit's level (城关镇, 东关村, 县财政局); the first that fits decides.
LEVEL_ENDINGS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("局", "办", "委", "部", "院", "会", "中心", "所", "站"), "department"),
    (("街道", "镇", "乡"), "town"),
    (("社区", "村"), "village"),
)


def level_of(word: str | None) -> str | None:
    """The level a word names (乡镇, 各村, 县直部门, village); None for 各单位 and for words naming none."""
    if not word:
        return None
    return LEVEL_WORDS.get(str(word).strip().removeprefix("各"))


def level_of_name(name: str) -> str | None:
    """The level a unit's name suggests by its ending; None when it does not tell."""
    return next((level for endings, level in LEVEL_ENDINGS if name.endswith(endings)), None)


def all_of_level(level: str | None) -> str:
    """All the units of a level as a reply names them: 各乡镇, 各部门, 各村（社区）; 各单位 for any level."""
    return f"各{LEVEL_NAMES.get(level or '', '单位')}"


def level_title(level: str) -> str:
    """A section title: 乡镇（街道）, 县直部门, 村（社区）, 县; 其他单位 for a level without one."""
    return LEVEL_TITLES.get(level, "其他单位")


def activity(kind: str, direction: str | None) -> str:
    return ACTIVITY.get((kind, direction or "outgoing"), KIND_NAMES.get(kind, kind))


def day_label(day: dt.date) -> str:
    return f"{day.isoformat()}（{WEEKDAYS[day.weekday()]}）"


def short_day(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"
