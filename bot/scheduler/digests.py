"""每周一分析、每月一研判、每季一通报: one builder per digest, for a scope (the county or one unit).

Each returns a render.Digest: the headline figures first (what was held/issued, with 同比), then what
needs attention, details after. The same builders serve the scheduler and `python -m bot push-now`.
同比 is bot.stats' (the same dates a year earlier; ledger, else imported monthly Baseline).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from bot.labels import STATUS_NAMES, WEEKDAYS, activity
from bot.scheduler import figures as f
from bot.scheduler.config import JOB_TITLES, ScheduleConfig
from bot.scheduler.figures import BURDEN, INCOMING, LEVEL_GROUPS, OUTGOING, Grid, Pair, QuotaUsage, Ranked, Total
from bot.scheduler.periods import Occurrence, add_months, month_end, short, span_label
from bot.scheduler.render import Digest, Section
from bot.scheduler.targets import Scope, county_scope
from storage.models import Entry, Unit

SHORT_NAMES = {"meeting": "会议", "document": "发文", "inspection": "督查检查", "report": "材料"}
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
    names = _unit_names(session, ids)

    headline = [
        f"上周（{span_label(occ.start, occ.end)}）" + _figures_line(totals, OUTGOING),
        _incoming_line(totals),
        "；".join([
            _quota_summary(usages, cfg, scope.county) if quotas else "未设配额",
            f"规则提示{len(flagged)}条",
            f"应报备未报备{len(unfiled)}项",
            f"未来7天报备事项{len(upcoming)}项",
        ]) + "。",
    ]
    sections = []
    if scope.county:
        lines = [f"{r.unit.name} {'/'.join(str(r.counts[p]) for p in BURDEN)}"
                 for r in f.ranking(_ranked_units(session, ids), grid) if r.total]
        sections.append(Section("各单位上周（会议/发文/督查检查/材料）", lines))
    sections += [
        Section("配额", [_quota_line(u, cfg) for u in usages]),
        Section(f"未来7天报备事项（{span_label(push_day, ahead_end)}）",
                [_entry_line(e, names, scope.county, status=True) for e in upcoming]),
        Section("规则提示", [_flag_line(e, names, scope.county) for e in flagged]),
        Section("应报备未报备", [_entry_line(e, names, scope.county) for e in unfiled]),
    ]
    title = f"{JOB_TITLES['weekly']}｜{scope.name} 第{occ.start.isocalendar()[1]}周"
    return Digest(title=title, headline=headline, sections=sections)


# --- 每月一研判 ---------------------------------------------------------------------------------

def monthly(session: Session, occ: Occurrence, scope: Scope, cfg: ScheduleConfig) -> Digest:
    ids = list(scope.unit_ids)
    everyone = _ranked_units(session, list(county_scope(session).unit_ids))
    grid = Grid(session, sorted(set(ids) | {u.id for u in everyone}), occ.start, occ.end, "yoy")
    totals = grid.totals(unit_ids=ids)
    rankings = _rankings(everyone, grid)
    adjust = sorted((u for u in f.quota_usages(session, occ.end, ids)
                     if u.ratio >= cfg.quota.alert_at or u.projected(occ.end) > u.limit),
                    key=lambda u: (-u.ratio, u.unit_id))

    headline = [
        occ.label + _figures_line(totals, OUTGOING),
        _incoming_line(totals),
        "；".join([_rank_summary(rankings, scope), _adjust_summary(adjust, scope.county)]) + "。",
    ]
    sections = [Section(f"近{TREND_MONTHS}个月走势（合计：会议/发文/督查检查/材料）", _trend_lines(session, ids, occ))]
    sections += _ranking_sections(rankings, scope, complete=False)
    sections.append(Section("配额研判", [_adjust_line(u, occ.end) for u in adjust]))
    title = f"{JOB_TITLES['monthly']}｜{scope.name} {occ.start.month}月"
    return Digest(title=title, headline=headline, sections=sections)


def _trend_lines(session: Session, ids: list[int], occ: Occurrence) -> list[str]:
    lines = []
    for back in range(TREND_MONTHS - 1, -1, -1):
        year, month = add_months(occ.start.year, occ.start.month, -back)
        grid = Grid(session, ids, dt.date(year, month, 1), month_end(year, month), None, BURDEN)
        counts = {p: grid.total(p).value for p in BURDEN}
        lines.append(f"{year}年{month}月 {sum(counts.values())}（{'/'.join(str(counts[p]) for p in BURDEN)}）")
    return lines


def _adjust_line(usage: QuotaUsage, on: dt.date) -> str:
    if usage.used >= usage.limit:
        return f"{usage.describe()}，已达或超出配额，请核查或申请调整数额"
    return f"{usage.describe()}，按当前进度预计{usage.projected(on)}，可能超出配额，请研判"


def _adjust_summary(adjust: list[QuotaUsage], county: bool) -> str:
    if not adjust:
        return "无需调整配额"
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
    notified = sorted({n.unit_id for n in alerted if n.unit_id is not None})
    names = _unit_names(session, notified)
    events, archives = len(notes.get("event_reminder", [])), len(notes.get("archive_reminder", []))

    if scope.county:
        people = (f"提醒单位主要负责人{sent.people}人次（接近配额提醒{len(warned)}人次、超配额通报{len(alerted)}人次），"
                  f"涉及单位{sent.units}个，通报单位{len(notified)}个")
    else:
        people = f"本单位主要负责人收到配额提醒{len(warned)}次、超配额通报{len(alerted)}次"
    headline = [
        occ.label + _figures_line(totals, OUTGOING),
        _incoming_line(totals),
        f"{people}；会前/迎检提醒{events}次、备案提醒{archives}次。",
        _rank_summary(rankings, scope) + "。",
    ]
    sections = _ranking_sections(rankings, scope, complete=True)
    sections.append(Section("通报单位", [
        f"{names.get(uid, '')}（超配额通报{sum(1 for n in alerted if n.unit_id == uid)}人次）" for uid in notified
    ]))
    title = f"{JOB_TITLES['quarterly']}｜{scope.name} {occ.label}"
    return Digest(title=title, headline=headline, sections=sections)


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
        if any(r.total for r in ranked):
            lines = [f"第{r.rank}名 {r.unit.name} {r.total}（{_burden_detail(r.counts)}）" for r in ranked]
        else:
            lines = [f"{len(ranked)}个单位均无开会发文督查记录"]
        sections.append(Section(f"单位排名·{label}（开会发文督查材料合计）", lines, full=complete))
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
                return f"开会发文督查材料合计{r.total}，在{label}中排第{r.rank}（共{len(rankings[level])}个）"
    return "未参与排名"


def _burden_detail(counts: dict[Pair, int]) -> str:
    return "、".join(f"{SHORT_NAMES[k]}{counts[(k, d)]}" for k, d in BURDEN)


# --- lines ------------------------------------------------------------------------------------------

def _figures_line(totals: dict[Pair, Total], pairs: tuple[Pair, ...]) -> str:
    """：召开会议12次（同比下降20％），发文8件（与去年同期持平）…; one note when last year has no data."""
    no_data = all(totals[p].previous is None for p in pairs)
    parts = []
    for pair in pairs:
        total = totals[pair]
        text = f.phrase(pair, total.value)
        if not no_data and (total.value or total.previous):
            text += f"（{f.yoy(total.value, total.previous)}）"
        parts.append(text)
    return "：" + "，".join(parts) + ("（去年同期无数据）" if no_data else "") + "。"


def _incoming_line(totals: dict[Pair, Total]) -> str:
    parts = [f.phrase(p, totals[p].value) for p in INCOMING if totals[p].value]
    return ("来自上级：" + "，".join(parts) + "。") if parts else "来自上级：无记录。"


def _quota_summary(usages: list[QuotaUsage], cfg: ScheduleConfig, county: bool) -> str:
    over = [u for u in usages if u.ratio >= cfg.quota.alert_at]
    near = [u for u in usages if u.ratio < cfg.quota.alert_at]
    if county:
        over_units = {u.unit_id for u in over}
        near_units = {u.unit_id for u in near} - over_units
        return f"达到或超出配额单位{len(over_units)}个、接近配额单位{len(near_units)}个"
    return f"配额已达或超出{len(over)}项、接近{len(near)}项"


def _quota_line(usage: QuotaUsage, cfg: ScheduleConfig) -> str:
    state = "已达或超出" if usage.ratio >= cfg.quota.alert_at else "接近"
    return f"{usage.describe()}，{state}配额"


def _entry_line(entry: Entry, names: dict[int, str], county: bool, status: bool = False) -> str:
    day = f"{short(entry.occurs_on)}（{WEEKDAYS[entry.occurs_on.weekday()]}）"
    who = f"{names.get(entry.unit_id, '')} " if county else ""
    title = f"“{entry.title}”" if entry.title else ""
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
