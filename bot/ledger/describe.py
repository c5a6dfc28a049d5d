"""How an entry is said in replies and pushes: “召开会议（座谈会），2026-11-24（周二） 09:00，城关镇，…”."""

from __future__ import annotations

from bot.clock import TZ
from bot.labels import MEASURE, activity, day_label
from storage.models import Entry


def describe_entry(entry: Entry, unit_name: str) -> str:
    """召开会议（座谈会），2026-11-24（周二） 09:00，城关镇，事由：…，2件，3个乡镇参加，80人，2小时"""
    parts = [activity(entry.kind, entry.direction)]
    if entry.subtype and entry.subtype not in parts[0]:
        parts[0] += f"（{entry.subtype}）"
    when = day_label(entry.occurs_on)
    if entry.starts_at:
        when += entry.starts_at.astimezone(TZ).strftime(" %H:%M")
    parts += [when, unit_name]
    if entry.counterpart:
        parts.append(f"{'来自' if entry.direction == 'incoming' else '对象'}：{entry.counterpart}")
    if entry.doc_number:
        parts.append(f"文号：{entry.doc_number}")
    if entry.title:
        parts.append(f"事由：{entry.title}")
    if entry.quantity and entry.quantity != 1:
        parts.append(f"{entry.quantity}{MEASURE[entry.kind]}")
    if entry.attendees_count or entry.attendees_scope:
        count = f"{entry.attendees_count}个" if entry.attendees_count else ""
        parts.append(f"{count}{entry.attendees_scope or '单位'}参加")
    if entry.scale:
        parts.append(f"{entry.scale}人")
    if entry.duration_minutes:
        parts.append(duration_label(entry.duration_minutes))
    return "，".join(parts)


def describe_recorded(entry: Entry, unit_name: str, verb: str = "已记录") -> str:
    return f"{verb} #{entry.id}：{describe_entry(entry, unit_name)}。如有误，回复“撤销”。"


def duration_label(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours}小时{rest}分钟"
    return f"{hours}小时" if hours else f"{rest}分钟"


def entry_summary(entry: Entry) -> dict[str, object]:
    return {
        "id": entry.id,
        "unit_id": entry.unit_id,
        "kind": entry.kind,
        "direction": entry.direction,
        "subtype": entry.subtype,
        "title": entry.title,
        "date": entry.occurs_on.isoformat(),
        "quantity": entry.quantity,
        "attendees_count": entry.attendees_count,
        "attendees_scope": entry.attendees_scope,
        "scale": entry.scale,
        "duration_minutes": entry.duration_minutes,
        "status": entry.status,
        "flags": entry.flags,
    }
