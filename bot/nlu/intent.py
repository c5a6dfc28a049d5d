"""The parse result: design §4's JSON contract as a typed dataclass.

`to_json()` yields exactly the contract's keys, plus the extra keys below only when set,
so that `python -m bot parse` output stays stable for tests and integrations.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bot.calendar import Period

INTENTS = (
    "record", "query", "check", "undo", "correct", "file", "approve", "reject",
    "archive", "report", "compare", "export", "help", "unknown",
    # administrative commands; their details travel in `args`
    "subscribe", "admin", "bind", "history", "quota",
    "restore",  # 恢复 #37 / 取消撤销: undo a 撤销
    # filing: the confirmation of a withdrawal (确认撤回), what waits for approval (待审批, #49 审批了吗)
    "confirm", "approvals",
    "board",  # 打开看板 / 看板 城关镇: a signed link to the 减负看板
    "lookup",  # 八不开有哪些 / 无会日是哪几天 / 十禁止第3条: the configured rules themselves
    "push_charts",  # 关闭推送图表 / 开启推送图表: a group's 月报、季报 with or without their chart image
)


@dataclass(slots=True)
class Attendees:
    count: int | None = None
    scope: str | None = None  # 乡镇, 村, 县直各单位, 各村支书 …

    def to_json(self) -> dict[str, Any]:
        return {"count": self.count, "scope": self.scope}


# slots: one Intent is made per parse, 35 fields; set one by one into an instance dict they cost ~1 µs
@dataclass(slots=True)
class Intent:
    text: str
    intent: str = "unknown"
    kind: str | None = None  # meeting | document | inspection | report
    direction: str | None = None  # outgoing | incoming
    subtype: str | None = None
    date: dt.date | None = None
    time: dt.time | None = None
    quantity: int | None = None
    attendees: Attendees | None = None
    scale: int | None = None
    duration_minutes: int | None = None
    unit: str | None = None  # canonical unit name from the lexicon
    title: str | None = None
    period: Period | None = None
    compare: str | None = None  # yoy | mom
    # Extras beyond the contract's fixed keys (emitted only when set):
    entry_id: int | None = None  # "#12"
    changes: dict[str, Any] = field(default_factory=dict)  # correct: field → new value
    reason: str | None = None  # reject / adjustment reason, archive note
    group_by: str | None = None  # "unit" for rankings (各乡镇…排名)
    missing: list[str] = field(default_factory=list)  # what a record lacks: kind | date
    args: dict[str, Any] = field(default_factory=dict)  # admin/subscription commands
    daypart: str | None = None  # morning | noon | afternoon | evening | night (上午/下午… without a clock time)
    counterpart: str | None = None  # the other party: 县纪委 in 接受县纪委督查, 河口镇 in 到河口镇检查
    date_end: dt.date | None = None  # last day of a multi-day record (12月3日至5日)
    date_assumed: bool = False  # told as done with no day (会开了): dated today, and the reply says so
    # What the rules measure against their limits (never the meeting's own duration):
    speech_minutes: int | None = None  # a leader's speech or main report: 书记讲话45分钟
    remark_minutes: int | None = None  # one participant's remarks: 每人发言8分钟
    doc_length_chars: int | None = None  # a document's length: 5000字
    # province | city | county when the counterpart is that level's government as a whole (县里, 市委,
    # 省政府): for a county unit, 参加县里的会 is its own meeting.
    counterpart_level: str | None = None
    ambiguous: list[str] = field(default_factory=list)  # the acts the bot cannot tell apart: ask, record nothing
    # A counting question asking more than one measure or comparison (bot.nlu.asked): each measure as
    # {"kind", "direction", "subtype"} ("上月开会多少次 发文多少件"; "督查检查多少次" = both directions),
    # and ["yoy", "mom"] when 同比 and 环比 are asked together. Empty otherwise.
    measures: list[dict[str, Any]] = field(default_factory=list)
    compares: list[str] = field(default_factory=list)
    quantity_approx: bool = False  # 二十余件, 5件左右: the quantity is a round figure as said
    doc_number: str | None = None  # 文号 of a document: 县委发〔2026〕12号 (bot.nlu.docnumber)

    CONTRACT_KEYS = (
        "text", "intent", "kind", "direction", "subtype", "date", "time", "quantity",
        "attendees", "scale", "duration_minutes", "unit", "title", "period", "compare",
    )

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in self.CONTRACT_KEYS:
            out[key] = _jsonable(getattr(self, key))
        for f in dataclasses.fields(self):
            if f.name in out:
                continue
            value = getattr(self, f.name)
            if value not in (None, {}, []):
                out[f.name] = _jsonable(value)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Intent:
        """Inverse of to_json, used to keep a half-finished record across messages."""
        kwargs = dict(data)
        for key in ("date", "date_end"):
            if kwargs.get(key):
                kwargs[key] = dt.date.fromisoformat(kwargs[key])
        if kwargs.get("time"):
            kwargs["time"] = dt.time.fromisoformat(kwargs["time"])
        if kwargs.get("attendees"):
            kwargs["attendees"] = Attendees(**kwargs["attendees"])
        if kwargs.get("period"):
            p = kwargs["period"]
            kwargs["period"] = Period(
                dt.date.fromisoformat(p["start"]), dt.date.fromisoformat(p["end"]), p["label"]
            )
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in kwargs.items() if k in names})


def _jsonable(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat(timespec="minutes") if isinstance(value, dt.time) else value.isoformat()
    if hasattr(value, "to_json"):
        return value.to_json()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value
