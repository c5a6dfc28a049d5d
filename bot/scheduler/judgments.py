"""What the monthly review and the quarterly bulletin conclude from the figures (seed 002 §二.四:
"每周一分析、每月一研判、每季一通报 … 对发文、开会、督查数量较多的单位进行及时提醒；对确因工作需要导致
数量较多的单位，由进行统筹调配，增加数额分配；对因政策学习不到位、把关不严导致数量过多的单位，直接通报
给单位主要领导，要求立行立改").

每月一研判 judges, not only counts: which units rose 同比 (what they imposed on the base level), which
quotas passed 80 % / 100 % (or will at the current pace), which items went unfiled, lapsed unapproved
or unarchived — each line with one concrete suggestion.

每季一通报 sorts the units by the seed's rule, from the quarter's quota figures and notifications:
- 直接通报单位主要领导: a quota exceeded at the quarter's end, or used up / alerted in the quarter
  with no increase of the allotment to answer it (把关不严), naming the unit's heads;
- 统筹调配、增加数额: units whose allotment was raised in the quarter with a reason (确因工作需要);
- 及时提醒: the other units reminded at 80 % in the quarter or at 80 % at its end (数量较多).
The figures are the digests' own (Grid: bot.stats.counts; quota_usages; Notification rows).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import TZ
from bot.labels import MEASURE, activity
from bot.rules.quotas import QUOTA_SET_REASON
from bot.scheduler import figures as f
from bot.scheduler.config import ScheduleConfig
from bot.scheduler.figures import BURDEN, Grid, QuotaUsage
from storage.models import Entry, Notification, Quota, QuotaAdjustment, Unit

# One concrete suggestion per kind of item that rose 同比.
RISE_ADVICE = {
    "meeting": "按“三个凡是”清理会议计划，同类会议合并召开，可开可不开的不开",
    "document": "严格发文审核，可发可不发的不发，能合并的合并印发",
    "inspection": "统筹督查检查计划，能合并的合并开展，不搞重复督查",
    "report": "清理报表材料，已有数据不再要求基层重复填报",
}
OVER_ADVICE = "建议主要负责人严格把关，确因工作需要的向县委办申请调整数额"
UNFILED_ADVICE = "建议今后在开展前按规定报备审批，已开展的由经办人说明情况"
OVERDUE_ADVICE = "建议审批人及时核实，已开展的予以通报，未开展的撤销"
ARCHIVE_ADVICE = "建议经办人发送“备案 #编号 纪要已归档”完成事后备案"
MAX_IDS = 5


def monthly(session: Session, units: Sequence[Unit], grid: Grid, usages: Sequence[QuotaUsage],
            cfg: ScheduleConfig, start: dt.date, end: dt.date, push_day: dt.date) -> list[str]:
    """研判意见: one line per finding, each ending in a suggestion."""
    ids = [u.id for u in units]
    names = {u.id: u.name for u in units}
    lines = [line for u in units if (line := _rise(u, grid))]
    lines += [_quota(u, cfg, end) for u in usages
              if u.ratio >= cfg.quota.warn_at or u.projected(end) > u.limit]
    lines += _items(names, f.unfiled(session, ids, start, end), "应报备未报备", UNFILED_ADVICE)
    lines += _items(names, f.pending_overdue(session, ids, push_day), "报备未获审批即开展或待审批已过期", OVERDUE_ADVICE)
    lines += _items(names, f.unarchived(session, ids, push_day), "待备案", ARCHIVE_ADVICE)
    return lines or ["本月未见同比上升、配额接近或超出、应报备未报备和待备案事项，请继续保持。"]


def _rise(unit: Unit, grid: Grid) -> str:
    """城关镇召开会议6次（同比增加50％）、发文12件（去年同期为0）：建议…"""
    rises = []
    for pair in BURDEN:
        figure = grid.figure(unit.id, pair)
        before = figure.previous.value if figure.previous is not None else None
        if before is not None and figure.value > before:
            rises.append((figure.value - before, pair, figure.value, before))
    if not rises:
        return ""
    rises.sort(key=lambda r: -r[0])
    parts = "、".join(f"{f.phrase(pair, value)}（{f.yoy(value, before)}）" for _, pair, value, before in rises)
    return f"{unit.name}{parts}：建议{RISE_ADVICE[rises[0][1][0]]}"


def _quota(usage: QuotaUsage, cfg: ScheduleConfig, on: dt.date) -> str:
    measure = MEASURE[usage.kind]
    if usage.ratio >= cfg.quota.alert_at:
        return f"{usage.describe()}，已达或超出配额：{OVER_ADVICE}"
    ahead = usage.projected(on)
    pace = f"，按当前进度预计{ahead}{measure}" if ahead > usage.used else ""
    if usage.ratio >= cfg.quota.warn_at:
        left = max(usage.limit - usage.used, 0)
        return (f"{usage.describe()}，已达{round(cfg.quota.warn_at * 100)}%{pace}："
                f"建议从严控制，余下{left}{measure}统筹安排到期末")
    return f"{usage.describe()}{pace}，可能超出配额：建议提前研判，压减可合并的事项或申请调整数额"


def _items(names: dict[int, str], entries: list[Entry], what: str, advice: str) -> list[str]:
    by_unit: dict[int, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_unit[entry.unit_id].append(entry)
    lines = []
    for unit_id, found in by_unit.items():
        shown = "、".join(f"#{e.id}" for e in found[:MAX_IDS]) + ("等" if len(found) > MAX_IDS else "")
        lines.append(f"{names.get(unit_id, '')}{what}{len(found)}项（{shown}）：{advice}")
    return lines


# --- 每季一通报 -------------------------------------------------------------------------------------

@dataclass
class Bulletin:
    """The units of a quarter by the seed's rule, each with its line."""

    notified: dict[int, str]  # 直接通报单位主要领导
    raised: dict[int, str]  # 统筹调配、增加数额
    reminded: dict[int, str]  # 及时提醒


def quarterly(session: Session, unit_ids: Sequence[int], usages: Sequence[QuotaUsage],
              notes: dict[str, list[Notification]], cfg: ScheduleConfig, start: dt.date, end: dt.date) -> Bulletin:
    ids = set(unit_ids)
    names = {u.id: u.name for u in f.units_in(session, ids)}
    alerts = _per_unit(notes.get("over_quota", []))
    warnings = _per_unit(notes.get("reminder", []))
    raises = quota_raises(session, ids, start, end)
    worst: dict[int, QuotaUsage] = {}
    for usage in sorted(usages, key=lambda u: -u.ratio):
        worst.setdefault(usage.unit_id, usage)
    exceeded = {uid for uid, u in worst.items() if u.used > u.limit}
    full = {uid for uid, u in worst.items() if u.ratio >= cfg.quota.alert_at}
    notified = sorted(exceeded | ((full | set(alerts)) - set(raises)))
    raised = sorted(uid for uid in raises if uid not in notified)
    near = {uid for uid, u in worst.items() if u.ratio >= cfg.quota.warn_at}
    reminded = sorted((near | set(warnings)) - set(notified) - set(raised))

    def usage_text(uid: int) -> str:
        usage = worst.get(uid)
        return f"：{usage.describe(unit=False)}" if usage is not None else ""

    bulletin = Bulletin({}, {}, {})
    for uid in notified:
        heads = "、".join(m.name for m in f.heads(session, uid))
        who = f"，主要负责人{heads}同志" if heads else ""
        count = f"（超配额通报{alerts[uid]}人次）" if uid in alerts else ""
        bulletin.notified[uid] = f"{names.get(uid, '')}{count}{usage_text(uid)}{who}，要求立行立改"
    for uid in raised:
        bulletin.raised[uid] = f"{names.get(uid, '')}：" + "；".join(raises[uid]) + usage_text(uid).replace("：", "，现", 1)
    for uid in reminded:
        count = f"（接近配额提醒{warnings[uid]}人次）" if uid in warnings else ""
        bulletin.reminded[uid] = f"{names.get(uid, '')}{count}{usage_text(uid)}，请控制数量"
    return bulletin


def quota_raises(session: Session, unit_ids: set[int], start: dt.date, end: dt.date) -> dict[int, list[str]]:
    """Increases of an allotment in the span with their reasons (a first setting is not one)."""
    if not unit_ids:
        return {}
    since = dt.datetime.combine(start, dt.time(0), tzinfo=TZ)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0), tzinfo=TZ)
    rows = session.execute(
        select(Quota, QuotaAdjustment).join(QuotaAdjustment, QuotaAdjustment.quota_id == Quota.id).where(
            Quota.unit_id.in_(sorted(unit_ids)), QuotaAdjustment.delta > 0, QuotaAdjustment.reason != QUOTA_SET_REASON,
            QuotaAdjustment.at >= since, QuotaAdjustment.at < until,
        ).order_by(QuotaAdjustment.at, QuotaAdjustment.id)
    )
    found: dict[int, list[str]] = defaultdict(list)
    for quota, adjustment in rows:
        found[quota.unit_id].append(f"{activity(quota.kind, quota.direction)}额度增加{adjustment.delta}"
                                    f"{MEASURE[quota.kind]}（理由：{adjustment.reason}）")
    return dict(found)


def _per_unit(rows: list[Notification]) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for row in rows:
        if row.unit_id is not None:
            counts[row.unit_id] += 1
    return dict(counts)
