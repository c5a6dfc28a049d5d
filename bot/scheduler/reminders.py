"""Reminders and alerts that are due now: the day before a filed item, 备案 after it, quota alerts.

- 会前/迎检提醒: at `reminders.event.time` on the last working day before a filed or approved meeting
  or inspection, to the group it was recorded in (else its unit's groups), @ the organiser.
  A holiday week moves it earlier (the 国庆 week: the last day before the holiday), never later.
  An item still only filed (not approved) is also put to the approvers' groups ("#N 明日开展，尚待审批"):
  telling the organiser alone to chase the approval leaves the approvers unaware.
- 备案提醒: an approved item N working days after it was held, still not archived.
- 配额提醒/超配额通报: when a unit's quota usage reaches warn_at / alert_at, once per quota, period
  and limit (an adjusted limit can alert again), to the unit's groups, @ the unit head.
Each writes Notification rows. Kinds: "reminder" (配额提醒 to the unit head) and "over_quota" (超配额通报
to the unit head) — the two that 提醒主要负责人 N 人次 counts, in bot.stats.report as in the bulletin —
and "event_reminder" / "archive_reminder" (to the organiser; counted separately).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.calendar import WorkCalendar, quarter_of
from bot.channels.registry import account_of
from bot.clock import TZ
from bot.labels import ACTIVITY, MEASURE, STATUS_NAMES, WEEKDAYS, activity
from bot.permissions import approvers_for
from bot.push import Push
from bot.scheduler.config import ScheduleConfig
from bot.scheduler.figures import QuotaUsage, heads, quota_usages
from bot.scheduler.periods import short
from bot.scheduler.planned import Note, Planned
from bot.usertext import user
from storage.models import Conversation, Entry, Member


def event_reminders(session: Session, cfg: ScheduleConfig, cal: WorkCalendar, now: dt.datetime,
                    conversations: list[Conversation], approver_units: Sequence[str] = ()) -> list[Planned]:
    if not cfg.event.enabled:
        return []
    today = now.astimezone(TZ).date()
    entries = session.scalars(
        select(Entry).where(
            Entry.status.in_(("filed", "approved")), Entry.kind.in_(cfg.event.kinds),
            Entry.occurs_on >= today, Entry.occurs_on <= today + dt.timedelta(days=cfg.event.lookahead_days),
        ).order_by(Entry.occurs_on, Entry.id)
    ).all()
    organisers = _members(session, entries)
    by_unit = _groups_by_unit(conversations)
    planned = []
    for entry in entries:
        at = dt.datetime.combine(cal.previous_workday(entry.occurs_on), cfg.event.time, tzinfo=TZ)
        deadline = entry.starts_at or dt.datetime.combine(entry.occurs_on, cfg.event.latest, tzinfo=TZ)
        if not at <= now < deadline:
            continue
        base = f"reminder:entry:{entry.id}:{entry.occurs_on.isoformat()}"
        organiser = organisers.get(entry.created_by)
        note = Note(key=base, kind="event_reminder", unit_id=entry.unit_id,
                    member_id=organiser.id if organiser else None, entry_id=entry.id,
                    text=f"{_event_title(entry)}：{_when(entry)}{activity(entry.kind, entry.direction)}")
        told = _entry_conversations(entry, by_unit)
        for conversation in told:
            planned.append(Planned(
                key=f"{base}:conv:{conversation.id}", conversation=conversation, kind="event_reminder",
                build=_event_push(entry, organiser, conversation), notes=[note],
            ))
        if entry.status == "filed":
            seen = {c.id for c in told}
            for conversation in _approver_conversations(session, entry, conversations, approver_units):
                if conversation.id in seen:
                    continue
                planned.append(Planned(
                    key=f"{base}:conv:{conversation.id}", conversation=conversation, kind="event_reminder",
                    build=_approval_push(entry, today), notes=[note],
                ))
    return planned


def _approver_conversations(session: Session, entry: Entry, conversations: list[Conversation],
                            approver_units: Sequence[str]) -> list[Conversation]:
    """The groups of the units whose approvers decide on this item (as the filing push reached them)."""
    units = {m.unit_id for m in approvers_for(session, entry.unit_id, approver_units)}
    return [c for c in conversations if c.unit_id in units]


def archive_reminders(session: Session, cfg: ScheduleConfig, cal: WorkCalendar, now: dt.datetime,
                      conversations: list[Conversation]) -> list[Planned]:
    if not cfg.archive.enabled:
        return []
    today = now.astimezone(TZ).date()
    # Same rule as repo.unarchived_due, bounded below (an old item is the weekly digest's business, not
    # a reminder every minute) and on this calendar (schedules.yaml may add holidays).
    entries = session.scalars(
        select(Entry).where(
            Entry.status == "approved", Entry.occurs_on < today,
            Entry.occurs_on >= today - dt.timedelta(days=cfg.archive.lookback_days),
        ).order_by(Entry.occurs_on, Entry.id)
    ).all()
    organisers = _members(session, entries)
    by_unit = _groups_by_unit(conversations)
    planned = []
    for entry in entries:
        at = dt.datetime.combine(cal.add_workdays(entry.occurs_on, cfg.archive.after_workdays),
                                 cfg.archive.time, tzinfo=TZ)
        if at > now:
            continue
        base = f"archive:entry:{entry.id}"
        organiser = organisers.get(entry.created_by)
        note = Note(key=base, kind="archive_reminder", unit_id=entry.unit_id,
                    member_id=organiser.id if organiser else None, entry_id=entry.id,
                    text=f"备案提醒：#{entry.id}")
        for conversation in _entry_conversations(entry, by_unit):
            planned.append(Planned(
                key=f"{base}:conv:{conversation.id}", conversation=conversation, kind="archive_reminder",
                build=_archive_push(entry, organiser, conversation), notes=[note],
            ))
    return planned


def quota_alerts(session: Session, cfg: ScheduleConfig, now: dt.datetime,
                 conversations: list[Conversation]) -> list[Planned]:
    if not cfg.quota.enabled:
        return []
    today = now.astimezone(TZ).date()
    planned = []
    for usage in quota_usages(session, today):
        if usage.ratio < cfg.quota.warn_at:
            continue
        groups = [c for c in conversations if c.unit_id == usage.unit_id]
        if not groups:
            continue
        kind = "over_quota" if usage.ratio >= cfg.quota.alert_at else "reminder"
        base = f"quota:{kind}:{usage.quota_id}:{usage.period_key}:{usage.limit}"
        unit_heads = heads(session, usage.unit_id)
        text = _quota_text(usage, kind, unit_heads)
        notes = [Note(key=f"{base}:m{m.id}", kind=kind, unit_id=usage.unit_id, member_id=m.id,
                      entry_id=None, text=text) for m in unit_heads]
        notes = notes or [Note(key=f"{base}:unit", kind=kind, unit_id=usage.unit_id, member_id=None,
                               entry_id=None, text=text)]
        pushed = _quota_text(usage, kind, unit_heads, user)
        for conversation in groups:
            mention = [i for i in (account_of(m, conversation.platform) for m in unit_heads) if i]
            title = "超配额通报" if kind == "over_quota" else "配额提醒"
            planned.append(Planned(
                key=f"{base}:conv:{conversation.id}", conversation=conversation, kind=kind, notes=notes,
                build=_static(Push(title=title, text=f"【{title}】{pushed}",
                                   markdown=f"### {title}\n\n{pushed}", mention=mention)),
            ))
    return planned


# --- wording --------------------------------------------------------------------------------------

def _event_title(entry: Entry) -> str:
    if entry.kind == "inspection":
        return "迎检提醒" if entry.direction == "incoming" else "督查检查提醒"
    return "会前提醒" if entry.kind == "meeting" else "事项提醒"


def _when(entry: Entry) -> str:
    day = f"{short(entry.occurs_on)}（{WEEKDAYS[entry.occurs_on.weekday()]}）"
    if entry.starts_at:
        day += entry.starts_at.astimezone(TZ).strftime("%H:%M")
    return day


def _event_push(entry: Entry, organiser: Member | None, conversation: Conversation) -> Callable[[], Push]:
    title = _event_title(entry)
    what = f"{activity(entry.kind, entry.direction)}" + (f"“{user(entry.title)}”" if entry.title else "")
    unit = entry.unit.name
    status = STATUS_NAMES.get(entry.status, entry.status)
    ask = "请提前做好准备，严格控制规模和时长" if entry.kind == "meeting" else "请提前做好准备，不搞层层陪同"
    if entry.status == "filed":
        ask = "该事项尚未审批，请及时跟进审批结果"
    body = f"{unit} {_when(entry)}{what}（{status}，#{entry.id}）。{ask}。"
    if organiser is not None:
        body += f"经办人：{user(organiser.name)}。"
    mention = [i for i in [account_of(organiser, conversation.platform) if organiser else None] if i]
    return _static(Push(title=title, text=f"【{title}】{body}", markdown=f"### {title}\n\n{body}", mention=mention))


def _approval_push(entry: Entry, today: dt.date) -> Callable[[], Push]:
    what = f"{activity(entry.kind, entry.direction)}" + (f"“{user(entry.title)}”" if entry.title else "")
    when = "明日" if entry.occurs_on == today + dt.timedelta(days=1) else _when(entry)
    body = (f"#{entry.id} {when}开展，尚待审批：{entry.unit.name}{what}。"
            f"请回复“同意 #{entry.id}”或“不同意 #{entry.id} 理由：……”。")
    return _static(Push(title="待审批提醒", text=f"【待审批提醒】{body}", markdown=f"### 待审批提醒\n\n{body}"))


def _archive_push(entry: Entry, organiser: Member | None, conversation: Conversation) -> Callable[[], Push]:
    what = f"{activity(entry.kind, entry.direction)}" + (f"“{user(entry.title)}”" if entry.title else "")
    body = (f"{entry.unit.name} {_when(entry)}{what}（#{entry.id}）已开展，尚未备案。"
            f"请发送“备案 #{entry.id} 纪要已归档”完成事后备案。")
    mention = [i for i in [account_of(organiser, conversation.platform) if organiser else None] if i]
    return _static(Push(title="备案提醒", text=f"【备案提醒】{body}", markdown=f"### 备案提醒\n\n{body}",
                        mention=mention))


def _quota_text(usage: QuotaUsage, kind: str, unit_heads: list[Member], mark: Callable[[str], str] = str) -> str:
    """The alert; `mark` wraps the heads' names (typed by whoever asked to bind) when it goes into a push."""
    measure = MEASURE[usage.kind]
    what = f"{usage.unit_name}{_period_words(usage)}{ACTIVITY[usage.pair]}"
    who = "、".join(mark(m.name) for m in unit_heads)
    who = f"请主要负责人{who}同志" if who else "请单位主要负责人"
    if kind == "over_quota":
        over = usage.used - usage.limit
        state = f"已超出{over}{measure}" if over > 0 else "已用满"
        return (f"{what}已达{usage.used}{measure}，配额{usage.limit}{measure}，{state}（{usage.percent}）。"
                f"{who}严格把关；确因工作需要的，请向县委办申请调整数额。")
    return (f"{what}已用{usage.used}{measure}，达到配额{usage.limit}{measure}的{usage.percent}。"
            f"{who}注意控制数量。")


def _period_words(usage: QuotaUsage) -> str:
    if usage.period == "year":
        return f"{usage.start.year}年"
    if usage.period == "quarter":
        return f"{usage.start.year}年第{quarter_of(usage.start)}季度"
    return f"{usage.start.year}年{usage.start.month}月"


def _entry_conversations(entry: Entry, by_unit: dict[int | None, list[Conversation]]) -> list[Conversation]:
    """The group the item was recorded in, when it can receive pushes; else its unit's groups."""
    groups = by_unit.get(entry.unit_id, [])
    own = [c for c in groups if c.id == entry.conversation_id]
    return own or list(groups)


def _groups_by_unit(conversations: list[Conversation]) -> dict[int | None, list[Conversation]]:
    found: dict[int | None, list[Conversation]] = {}
    for conversation in conversations:
        found.setdefault(conversation.unit_id, []).append(conversation)
    return found


def _members(session: Session, entries: Sequence[Entry]) -> dict[int | None, Member]:
    ids = {e.created_by for e in entries if e.created_by}
    if not ids:
        return {}
    return {m.id: m for m in session.scalars(select(Member).where(Member.id.in_(ids)))}


def _static(push: Push) -> Callable[[], Push]:
    return lambda: push

