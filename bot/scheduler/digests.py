"""每周一分析、每月一研判、每季一通报: one builder per digest, for a scope (the county or one unit).

Each returns a render.Digest: the headline figures first (what was held/issued, with 同比), then what
needs attention, details after. The same builders serve the scheduler and `python -m bot push-now`.
同比 is bot.stats' (the same dates a year earlier; ledger, else imported monthly Baseline).

The bot must not add to the burden it measures: a digest shows only non-zero lines, and a unit's own
digest is `quiet` (not sent) when the unit had nothing in the period and has nothing flagged, pending,
to archive or due. County-wide digests are never quiet.
"""

from __future__ import annotations

import datetime as dt

from collections.abc import Sized

from sqlalchemy.orm import Session

from bot.calendar import month_bounds, shift_month
from bot.labels import STATUS_NAMES, WEEKDAYS, activity
from bot.scheduler import charts
from bot.scheduler import figures as f
from bot.scheduler import judgments
from bot.scheduler.config import JOB_TITLES, ScheduleConfig
from bot.scheduler.figures import BURDEN, INCOMING, LEVEL_GROUPS, OUTGOING, Grid, Pair, QuotaUsage, Ranked, Total
from bot.scheduler.periods import Occurrence, short, span_label
from bot.scheduler.render import Digest, Section
from bot.scheduler.targets import Scope, county_scope
from bot.stats.counts import months_text
from bot.usertext import user
from storage.models import Entry, Unit

SHORT_NAMES = {"meeting": "会议", "document": "发文", "inspection": "督查检查", "report": "材料"}
OVERDUE = "报备未获审批即开展或待审批已过期"
TO_ARCHIVE = "待备案"
RANK_BASIS = "开会发文督查材料合计，按数量由多到少排序"
TREND_MONTHS = 6


def build(session: Session, occ: Occurrence, scope: Scope, cfg: ScheduleConfig) -> Digest:
    builder = {"weekly": weekly, "monthly": monthly, "quarterly": quarterly}[occ.job]
    return builder(session, occ, scope, cfg)


# --- 每周一分析 ---------------------------------------------------------------------------------

def weekly(session: Session, occ: Occurrence, scope: Scope, cfg: ScheduleConfig) -> Digest:
    ids = list(scope.unit_ids)
    grid = Grid(session, ids, occ.start, occ.end, "yoy")
    totals = grid.totals()
    push_day = occ.at.date()
    ahead_end = push_day + dt.timedelta(days=6)
    quotas = f.quota_usages(session, occ.end, ids)
    usages = sorted((u for u in quotas if u.ratio >= cfg.quota.warn_at), key=lambda u: (-u.ratio, u.unit_id))
    upcoming = f.upcoming(session, ids, push_day, ahead_end)
    flagged = f.flagged(session, ids, occ.start, occ.end)
    unfiled = f.unfiled(session, ids, occ.start, ahead_end)
    overdue = f.pending_overdue(session, ids, push_day)
    to_archive = f.unarchived(session, ids, push_day)
    names = _unit_names(session, ids)

    attention = [
        _quota_summary(usages, cfg, scope.county),
        _count("规则提示", flagged, "条"),
        _count("应报备未报备", unfiled, "项"),
        _count(OVERDUE, overdue, "项"),
        _count(TO_ARCHIVE, to_archive, "项"),
        _count("未来7天报备事项", upcoming, "项"),
    ]
    headline = [
        f"上周（{span_label(occ.start, occ.end)}）" + _figures_line(totals, OUTGOING),
        _incoming_line(totals),
        _joined(attention),
    ]
    sections = []
    if scope.county:
        lines = [f"{r.unit.name} {'/'.join(str(r.counts[p]) for p in BURDEN)}"
                 for r in f.ranking(_ranked_units(session, ids), grid) if r.total]
        sections.append(Section("各单位上周（会议/发文/督查检查/材料）", lines))
    sections += [
        Section("配额", [_quota_line(u, cfg) for u in usages]),
        Section("规则提示", [_flag_line(e, names, scope.county) for e in flagged]),
        Section("应报备未报备", [_entry_line(e, names, scope.county) for e in unfiled]),
        Section(f"{OVERDUE}（请审批人核实：已开展的予以通报，未开展的撤销）",
                [_entry_line(e, names, scope.county) for e in overdue]),
        Section(f"{TO_ARCHIVE}（已开展，请发送“备案 #编号 纪要已归档”）",
                [_entry_line(e, names, scope.county) for e in to_archive]),
        Section(f"未来7天报备事项（{span_label(push_day, ahead_end)}）",
                [_entry_line(e, names, scope.county, status=True) for e in upcoming]),
    ]
    title = f"{JOB_TITLES['weekly']}｜{scope.name} 第{occ.start.isocalendar()[1]}周"
    return Digest(title=title, headline=[h for h in headline if h], sections=sections,
                  quiet=_quiet(scope, totals, attention))


# --- 每月一研判 ---------------------------------------------------------------------------------

def monthly(session: Session, occ: Occurrence, scope: Scope, cfg: ScheduleConfig) -> Digest:
    ids = list(scope.unit_ids)
    everyone = _ranked_units(session, list(county_scope(session).unit_ids))
    grid = Grid(session, sorted(set(ids) | {u.id for u in everyone}), occ.start, occ.end, "yoy")
    totals = grid.totals(unit_ids=ids)
    rankings = _rankings(everyone, grid)
    usages = sorted(f.quota_usages(session, occ.end, ids), key=lambda u: (-u.ratio, u.unit_id))
    adjust = [u for u in usages if u.ratio >= cfg.quota.alert_at or u.projected(occ.end) > u.limit]
    push_day = occ.at.date()
    attention = [
        _adjust_summary(adjust, scope.county),
        _count("规则提示", f.flagged(session, ids, occ.start, occ.end), "条"),
        _count("应报备未报备", f.unfiled(session, ids, occ.start, occ.end), "项"),
        _count(OVERDUE, f.pending_overdue(session, ids, push_day), "项"),
        _count(TO_ARCHIVE, f.unarchived(session, ids, push_day), "项"),
    ]

    headline = [
        occ.label + _figures_line(totals, OUTGOING),
        _incoming_line(totals),
        _joined([_rank_summary(rankings, scope), *attention]),
    ]
    judged = judgments.monthly(session, f.units_in(session, ids), grid, usages, cfg, occ.start, occ.end, push_day)
    sections = [Section("研判意见（问题与建议）", judged, full=True),
                Section(f"近{TREND_MONTHS}个月走势（合计：会议/发文/督查检查/材料；无记录的月份略）",
                        _trend_lines(session, ids, occ))]
    sections += _ranking_sections(rankings, scope, complete=False)
    title = f"{JOB_TITLES['monthly']}｜{scope.name} {occ.start.month}月"
    quiet = _quiet(scope, totals, attention)
    return Digest(title=title, headline=[h for h in headline if h], sections=sections, quiet=quiet,
                  chart=None if quiet else charts.monthly(session, occ, scope))


def _trend_lines(session: Session, ids: list[int], occ: Occurrence) -> list[str]:
    lines = []
    for back in range(TREND_MONTHS - 1, -1, -1):
        year, month = shift_month(occ.start.year, occ.start.month, -back)
        grid = Grid(session, ids, *month_bounds(year, month), None, BURDEN)
        counts = {p: grid.total(p).value for p in BURDEN}
        if not any(counts.values()):
            continue
        lines.append(f"{year}年{month}月 {sum(counts.values())}（{'/'.join(str(counts[p]) for p in BURDEN)}）")
    return lines


def _adjust_summary(adjust: list[QuotaUsage], county: bool) -> str:
    if not adjust:
        return ""
    if county:
        return f"需研判调整配额{len({u.unit_id for u in adjust})}个单位"
    return f"需研判调整配额{len(adjust)}项"


# --- 每季一通报 ---------------------------------------------------------------------------------

def quarterly(session: Session, occ: Occurrence, scope: Scope, cfg: ScheduleConfig) -> Digest:
    ids = list(scope.unit_ids)
    everyone = _ranked_units(session, list(county_scope(session).unit_ids))
    grid = Grid(session, sorted(set(ids) | {u.id for u in everyone}), occ.start, occ.end, "yoy")
    totals = grid.totals(unit_ids=ids)
    rankings = _rankings(everyone, grid)
    sent = f.reminders_sent(session, ids, occ.start, occ.end)
    notes = f.notifications(session, ids, occ.start, occ.end)
    warned, alerted = notes.get("reminder", []), notes.get("over_quota", [])
    bulletin = judgments.quarterly(session, ids, f.quota_usages(session, occ.end, ids), notes, cfg,
                                   occ.start, occ.end)
    notified = list(bulletin.notified)
    events, archives = len(notes.get("event_reminder", [])), len(notes.get("archive_reminder", []))

    if scope.county:
        people = (f"提醒单位主要负责人{sent.people}人次（接近配额提醒{len(warned)}人次、超配额通报{len(alerted)}人次），"
                  f"涉及单位{sent.units}个，通报单位{len(notified)}个") if sent.people else "本季度未提醒单位主要负责人"
    else:
        people = _joined([_count("本单位主要负责人收到配额提醒", warned, "次"),
                          _count("超配额通报", alerted, "次")], "、", "")
    reminded = _joined([f"会前/迎检提醒{events}次" if events else "", f"备案提醒{archives}次" if archives else ""],
                       "、", "")
    headline = [
        occ.label + _figures_line(totals, OUTGOING),
        _incoming_line(totals),
        _joined([people, reminded]),
        _joined([_rank_summary(rankings, scope)]),
    ]
    sections = [
        Section("直接通报单位主要领导（超出配额、把关不严）", list(bulletin.notified.values()), full=True),
        Section("统筹调配、增加数额（确因工作需要）", list(bulletin.raised.values()), full=True),
        Section("及时提醒（数量较多、接近配额）", list(bulletin.reminded.values()), full=True),
    ]
    sections += _ranking_sections(rankings, scope, complete=True)
    quiet = _quiet(scope, totals, [people, reminded])
    title = f"{JOB_TITLES['quarterly']}｜{scope.name} {occ.label}"
    ranked = [r for level, _ in LEVEL_GROUPS for r in rankings.get(level, [])]
    return Digest(title=title, headline=[h for h in headline if h], sections=sections, quiet=quiet,
                  chart=None if quiet else charts.quarterly(scope, occ, grid, ranked))


# --- rankings -------------------------------------------------------------------------------------

def _ranked_units(session: Session, ids: list[int]) -> list[Unit]:
    return [u for u in f.units_in(session, ids) if u.level != "county"]


def _rankings(everyone: list[Unit], grid: Grid) -> dict[str, list[Ranked]]:
    """Rankings per level (乡镇 with 乡镇, 部门 with 部门) among every unit of the county."""
    found: dict[str, list[Ranked]] = {}
    for level, _ in LEVEL_GROUPS:
        units = [u for u in everyone if u.level == level]
        if units:
            found[level] = f.ranking(units, grid)
    return found


def _ranking_sections(rankings: dict[str, list[Ranked]], scope: Scope, complete: bool) -> list[Section]:
    if not scope.county:
        return []
    sections = []
    for level, label in LEVEL_GROUPS:
        ranked = rankings.get(level)
        if not ranked:
            continue
        lines = [f"第{r.rank}名 {r.unit.name} {r.total}（{_burden_detail(r.counts)}）" for r in ranked if r.total]
        idle = [r.unit.name for r in ranked if not r.total]
        if idle:
            lines.append(f"本期无：{'、'.join(idle)}" if lines else f"{len(idle)}个单位本期均无开会发文督查记录")
        sections.append(Section(f"单位排名·{label}（{RANK_BASIS}）", lines, full=complete))
    return sections


def _rank_summary(rankings: dict[str, list[Ranked]], scope: Scope) -> str:
    if scope.county:
        tops = []
        for level, label in LEVEL_GROUPS:
            ranked = [r for r in rankings.get(level, []) if r.total]
            if ranked:
                tops.append(f"{label}最多：{ranked[0].unit.name}（{ranked[0].total}）")
        return "，".join(tops) if tops else "各单位均无开会发文督查记录"
    for level, label in LEVEL_GROUPS:
        for r in rankings.get(level, []):
            if r.unit.id == scope.unit_id:
                if not r.total:
                    return "开会发文督查材料本期无，不参与排名"
                listed = sum(1 for other in rankings[level] if other.total)
                return (f"开会发文督查材料合计{r.total}，在{label}中排第{r.rank}"
                        f"（按数量由多到少排序，共{listed}个单位有记录）")
    return ""


def _burden_detail(counts: dict[Pair, int]) -> str:
    return "、".join(f"{SHORT_NAMES[k]}{counts[(k, d)]}" for k, d in BURDEN if counts[(k, d)])


# --- lines ------------------------------------------------------------------------------------------

def _figures_line(totals: dict[Pair, Total], pairs: tuple[Pair, ...]) -> str:
    """：召开会议12次（同比下降20％），发文8件（与去年同期持平）…; only what is not zero this year or last
    year; one note when last year has no data."""
    no_data = all(totals[p].previous is None for p in pairs)
    parts = []
    for pair in pairs:
        total = totals[pair]
        if not (total.value or total.previous):
            continue
        text = f.phrase(pair, total.value)
        if not no_data:
            text += f"（{f.yoy(total.value, total.previous)}）"
        parts.append(text)
    if not parts:
        return "：无开会、发文、督查检查、要求上报材料记录。"
    based = sorted({m for pair in pairs for m in totals[pair].baseline_months})
    note = "（去年同期无数据）" if no_data else (f"（去年同期{months_text(based)}据导入基数）" if based else "")
    return "：" + "，".join(parts) + note + "。"


def _incoming_line(totals: dict[Pair, Total]) -> str:
    parts = [f.phrase(p, totals[p].value) for p in INCOMING if totals[p].value]
    return ("来自上级：" + "，".join(parts) + "。") if parts else ""


def _count(label: str, items: Sized | int, measure: str) -> str:
    n = items if isinstance(items, int) else len(items)
    return f"{label}{n}{measure}" if n else ""


def _joined(parts: list[str], sep: str = "；", end: str = "。") -> str:
    found = [p for p in parts if p]
    return sep.join(found) + end if found else ""


def _quiet(scope: Scope, totals: dict[Pair, Total], attention: list[str]) -> bool:
    """A unit's digest with nothing in the period and nothing to look at is not sent."""
    return not scope.county and not any(t.value for t in totals.values()) and not any(attention)


def _quota_summary(usages: list[QuotaUsage], cfg: ScheduleConfig, county: bool) -> str:
    over = [u for u in usages if u.ratio >= cfg.quota.alert_at]
    near = [u for u in usages if u.ratio < cfg.quota.alert_at]
    if county:
        over_units = {u.unit_id for u in over}
        near_units = {u.unit_id for u in near} - over_units
        return _joined([_count("达到或超出配额单位", len(over_units), "个"),
                        _count("接近配额单位", len(near_units), "个")], "、", "")
    return _joined([_count("配额已达或超出", over, "项"), _count("接近配额", near, "项")], "、", "")


def _quota_line(usage: QuotaUsage, cfg: ScheduleConfig) -> str:
    state = "已达或超出" if usage.ratio >= cfg.quota.alert_at else "接近"
    return f"{usage.describe()}，{state}配额"


def _entry_line(entry: Entry, names: dict[int, str], county: bool, status: bool = False) -> str:
    day = f"{short(entry.occurs_on)}（{WEEKDAYS[entry.occurs_on.weekday()]}）"
    who = f"{names.get(entry.unit_id, '')} " if county else ""
    title = f"“{user(entry.title)}”" if entry.title else ""
    state = f"（{STATUS_NAMES.get(entry.status, entry.status)}）" if status else ""
    return f"{day}{who}{activity(entry.kind, entry.direction)}{title}{state} #{entry.id}"


def _flag_line(entry: Entry, names: dict[int, str], county: bool) -> str:
    reasons = []
    for flag in entry.flags or []:
        if isinstance(flag, dict):
            reason = flag.get("reason") or flag.get("text") or ""
            source = flag.get("list")
            reasons.append(f"{reason}（{source}）" if source else str(reason))
    return f"{_entry_line(entry, names, county)}：" + "；".join(r for r in reasons if r)


def _unit_names(session: Session, ids: list[int]) -> dict[int, str]:
    return {u.id: u.name for u in f.units_in(session, ids)}
