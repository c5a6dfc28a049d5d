"""数额分配: set, adjust and show a unit's quota by chat — “城关镇本年度发文额度设为40件”,
“城关镇本年度发文额度增加5件，理由：……”, “城关镇发文额度还剩多少”.

Seed 002 §二.四: “对确因工作需要导致数量较多的单位，由进行统筹调配，增加数额分配”. The base limit stays
as first set (or as imported from the org file); every change is a QuotaAdjustment (delta, reason, who,
when) and the limit in force is the base plus all adjustments, which is what the rules engine counts
against. Setting a limit is recorded the same way (delta = new − old), so the history shows every change.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot import permissions
from bot.calendar import period_bounds
from bot.context import Context
from bot.labels import MEASURE, activity
from bot.messages import Reply
from bot.nlu import Intent
from bot.rules import ledger
from bot.rules.quotas import QUOTA_SET_REASON
from bot.rules.quotas import effective_limit
from bot.scheduler.figures import QuotaUsage, quota_thresholds, quota_usages
from storage import repo
from storage.models import DIRECTIONS, KINDS, Quota, Unit

PERIODS = {"year": "年度", "quarter": "季度", "month": "月度"}
# 各单位额度使用情况 / 全县配额 / 所有单位: an overview of every unit rather than one unit's quotas.
OVERVIEW = re.compile(r"各(?:个)?(?:单位|乡镇|街道|部门|县直)|所有单位|全部单位|全县")
LEVEL_WORDS = re.compile(r"各(?:个)?(?:(?P<t>乡镇|街道)|(?P<d>部门|县直))")
PERIOD_WORDS = {"本年度": "year", "年度": "year", "今年": "year", "本季度": "quarter", "季度": "quarter",
                "本月": "month", "月度": "month"}
MAX_DELTA = 10_000
MAX_LIMIT = 100_000
CHANGES = ("increase", "decrease", "增加", "减少")
SET_REASON = QUOTA_SET_REASON


def shows(intent: Intent) -> bool:
    """“城关镇发文额度还剩多少”: showing a quota is a query; setting or adjusting one is the admin's."""
    return intent.args.get("action") == "show"


def handle(ctx: Context, intent: Intent) -> Reply:
    action = intent.args.get("action")
    if shows(intent):
        return _show(ctx, intent)
    if action == "set":
        return _set(ctx, intent)
    return _adjust(ctx, intent)


def _target(ctx: Context, intent: Intent) -> tuple[Unit, str, str, str] | Reply:
    """Unit, kind, direction and period a set/adjust command is about (admin only)."""
    args = intent.args
    unit = permissions.unit_for(ctx, str(args.get("unit") or intent.unit or "") or None)
    if isinstance(unit, Reply):
        return unit
    kind = args.get("kind") or intent.kind
    if kind not in KINDS:
        return Reply(text="请说明哪类额度：发文、会议、督查检查或报表。", intent="quota")
    # args["direction"] may be the kind's direction (outgoing) or the change's (increase/decrease).
    direction = args.get("direction") if args.get("direction") in DIRECTIONS else None
    direction = direction or intent.direction or "outgoing"
    period = _period(args.get("period"))
    if period is None:
        return Reply(text="请说明额度期间：本年度、本季度或本月。", intent="quota")
    return unit, kind, direction, period


def _adjust(ctx: Context, intent: Intent) -> Reply:
    target = _target(ctx, intent)
    if isinstance(target, Reply):
        return target
    unit, kind, direction, period = target
    args = intent.args
    change = args.get("direction") if args.get("direction") in CHANGES else args.get("change")
    delta = _delta(args.get("delta"), change)
    if delta is None:
        return Reply(text="请说明增加或减少的数量，如“增加5件”；设定额度请说“设为40件”。", intent="quota")
    reason = (intent.reason or str(args.get("reason") or "")).strip()
    if not reason:
        return Reply(text="调整额度须说明理由，如“……增加5件，理由：承办全省现场会”。", intent="quota")
    year = ctx.today().year
    what = f"{unit.name}{year}年{PERIODS[period]}{activity(kind, direction)}额度"
    measure = MEASURE[kind]
    quota = repo.quota_row(ctx.session, unit.id, kind, direction, period, year)
    if quota is None:
        return Reply(text=f"{what}尚未设定，无法调整。请先设定额度，如“{unit.name}本{PERIODS[period]}"
                          f"{activity(kind, direction)}额度设为40{measure}”。", intent="quota")
    before = effective_limit(quota)
    if before + delta < 0:
        return Reply(text=f"{what}现为{before}{measure}，不能减少{-delta}{measure}。", intent="quota")
    repo.adjust_quota(ctx.session, quota, delta, reason, ctx.member, ctx.now())
    after = effective_limit(quota)
    verb = f"增加{delta}" if delta > 0 else f"减少{-delta}"
    return Reply(
        text=f"已调整：{what}{verb}{measure}，由{before}{measure}调为{after}{measure}。理由：{reason}。",
        intent="quota",
        data={"unit": unit.name, "kind": kind, "direction": direction, "period": period,
              "before": before, "after": after, "delta": delta, "reason": reason},
    )


def _set(ctx: Context, intent: Intent) -> Reply:
    """Create the quota row if needed and bring the limit in force to N, recorded as one adjustment."""
    target = _target(ctx, intent)
    if isinstance(target, Reply):
        return target
    unit, kind, direction, period = target
    limit = _limit(intent.args.get("limit"))
    measure = MEASURE[kind]
    if limit is None:
        return Reply(text=f"请说明额度数量（0至{MAX_LIMIT}），如“设为40{measure}”。", intent="quota")
    reason = (intent.reason or str(intent.args.get("reason") or "")).strip() or SET_REASON
    year = ctx.today().year
    what = f"{unit.name}{year}年{PERIODS[period]}{activity(kind, direction)}额度"
    quota = repo.quota_row(ctx.session, unit.id, kind, direction, period, year)
    created = quota is None
    if quota is None:
        quota = _create(ctx, unit.id, kind, direction, period, year)
    before = effective_limit(quota)
    data = {"unit": unit.name, "kind": kind, "direction": direction, "period": period, "year": year,
            "before": before, "after": limit, "delta": limit - before, "reason": reason}
    if limit == before:
        return Reply(text=f"{what}已为{limit}{measure}，未作调整。", intent="quota", data=data)
    repo.adjust_quota(ctx.session, quota, limit - before, reason, ctx.member, ctx.now())
    change = f"为{limit}{measure}" if created else f"由{before}{measure}调为{limit}{measure}"
    why = "" if reason == SET_REASON else f"理由：{reason}。"
    return Reply(text=f"已设定：{what}{change}。{why}", intent="quota", data=data)


def _create(ctx: Context, unit_id: int, kind: str, direction: str, period: str, year: int) -> Quota:
    """A new row with base 0 (the setting itself is the first adjustment); a concurrent creator wins."""
    try:
        with ctx.session.begin_nested():
            quota = Quota(unit_id=unit_id, kind=kind, direction=direction, period=period, year=year, limit=0)
            ctx.session.add(quota)
        return quota
    except IntegrityError:
        existing = repo.quota_row(ctx.session, unit_id, kind, direction, period, year)
        assert existing is not None  # the unique constraint just said so
        return existing


def _show(ctx: Context, intent: Intent) -> Reply:
    """Limit in force, used (the ledger counted by the rules engine's own rules) and remaining."""
    args = intent.args
    if not (args.get("unit") or intent.unit) and OVERVIEW.search(intent.text or ""):
        return _overview(ctx, intent)
    unit = permissions.unit_for(ctx, str(args.get("unit") or intent.unit or "") or None)
    if isinstance(unit, Reply):
        return unit
    kind = args.get("kind") or intent.kind
    kind = kind if kind in KINDS else None
    direction = args.get("direction") if args.get("direction") in DIRECTIONS else intent.direction
    today = ctx.today()
    query = select(Quota).where(Quota.unit_id == unit.id, Quota.year == today.year)
    if kind:
        query = query.where(Quota.kind == kind, Quota.direction == (direction or "outgoing"))
    rows = ctx.session.scalars(query.order_by(Quota.kind, Quota.direction, Quota.id)).all()
    label = activity(kind, direction) if kind else ""
    if not rows:
        return Reply(text=f"{unit.name}{today.year}年尚未设定{label}额度。系统管理员可发送"
                          f"“{unit.name}本年度{label or '发文'}额度设为40{MEASURE.get(kind or 'document')}”设定。",
                     intent="quota", data={"unit": unit.name, "quotas": []})
    lines, items = [f"{unit.name}{today.year}年额度："], []
    for quota in rows:
        limit = effective_limit(quota)
        start, end = period_bounds(quota.period, today)
        used = ledger.counted(ctx.session, unit.id, quota.kind, quota.direction, start, end)
        measure = MEASURE[quota.kind]
        left = f"剩余{limit - used}{measure}" if used <= limit else f"已超出{used - limit}{measure}"
        pct = f"（已用{round(used * 100 / limit)}%）" if limit > 0 else ""
        lines.append(f"· {PERIODS.get(quota.period, quota.period)}{activity(quota.kind, quota.direction)}："
                     f"额度{limit}{measure}，已用{used}{measure}，{left}{pct}")
        items.append({"kind": quota.kind, "direction": quota.direction, "period": quota.period,
                      "limit": limit, "used": used, "remaining": limit - used})
    return Reply(text="\n".join(lines), intent="quota", data={"unit": unit.name, "quotas": items})


def _overview(ctx: Context, intent: Intent) -> Reply:
    """各单位额度使用情况: every unit the sender is responsible for (an admin: the whole county), its
    quotas with what is used (bot.scheduler.figures.quota_usages, as the digests and alerts count),
    most used first; units without a quota are named at the end."""
    units = permissions.units_in_view(ctx, None)
    if isinstance(units, Reply):
        return units
    level = _level(intent.text or "")
    if level is not None:
        units = [u for u in units if u.level == level]
    kind = intent.args.get("kind") or intent.kind
    kind = kind if kind in KINDS else None
    direction = intent.args.get("direction") if intent.args.get("direction") in DIRECTIONS else intent.direction
    today = ctx.today()
    usages = [u for u in quota_usages(ctx.session, today, [u.id for u in units])
              if kind is None or (u.kind, u.direction) == (kind, direction or "outgoing")]
    by_unit: dict[int, list[QuotaUsage]] = {}
    for usage in usages:
        by_unit.setdefault(usage.unit_id, []).append(usage)
    warn_at, alert_at = quota_thresholds(ctx.services.rules)
    label = activity(kind, direction) if kind else ""
    over = [u for u in units if any(q.ratio >= alert_at for q in by_unit.get(u.id, []))]
    near = [u for u in units if u not in over and any(q.ratio >= warn_at for q in by_unit.get(u.id, []))]
    who = units[0].name if len(units) == 1 else {"town": "各乡镇（街道）", "department": "各部门"}.get(level or "", "各单位")
    counts = f"{len(by_unit)}个单位设有额度" + (f"，{len(over)}个已用满或超出" if over else "") \
        + (f"，{len(near)}个达到{round(warn_at * 100)}%" if near else "")
    lines = [f"{who}{today.year}年{label}额度使用情况（{counts}）："]
    order = sorted((u for u in units if u.id in by_unit),
                   key=lambda u: (-max(q.ratio for q in by_unit[u.id]), units.index(u)))
    items = []
    for unit in order:
        parts = []
        for q in sorted(by_unit[unit.id], key=lambda q: -q.ratio):
            measure = MEASURE[q.kind]
            state = ("，已超出" if q.used > q.limit else "，已用满") if q.ratio >= alert_at else (
                "，接近配额" if q.ratio >= warn_at else "")
            parts.append(f"{PERIODS.get(q.period, q.period)}{activity(q.kind, q.direction)}{q.used}/{q.limit}{measure}"
                         f"（{q.percent}{state}）")
            items.append({"unit": unit.name, "kind": q.kind, "direction": q.direction, "period": q.period,
                          "limit": q.limit, "used": q.used, "remaining": q.limit - q.used})
        lines.append(f"· {unit.name}：" + "；".join(parts))
    unset = [u.name for u in units if u.id not in by_unit and u.level != "county"]
    if unset:
        lines.append(f"未设定{label}额度：{'、'.join(unset)}。")
    if not by_unit:
        lines = [f"{who}{today.year}年均未设定{label}额度。系统管理员可发送“城关镇本年度发文额度设为40件”设定。"]
    return Reply(text="\n".join(lines), intent="quota",
                 data={"units": [u.name for u in units], "quotas": items, "unset": unset})


def _level(text: str) -> str | None:
    """各乡镇 / 各部门 narrow the overview; 各单位 and 全县 do not."""
    found = LEVEL_WORDS.search(text)
    return None if found is None else ("department" if found["d"] else "town")



def _period(raw: Any) -> str | None:
    if raw in (None, ""):
        return "year"
    if raw in PERIODS:
        return str(raw)
    return PERIOD_WORDS.get(str(raw))


def _delta(raw: Any, change: Any) -> int | None:
    if isinstance(raw, bool) or raw is None:
        return None
    try:
        delta = int(raw)
    except (TypeError, ValueError):
        return None
    if change in ("decrease", "减少"):
        delta = -abs(delta)
    return delta if delta and abs(delta) <= MAX_DELTA else None


def _limit(raw: Any) -> int | None:
    if isinstance(raw, bool) or raw is None:
        return None
    try:
        limit = int(raw)
    except (TypeError, ValueError):
        return None
    return limit if 0 <= limit <= MAX_LIMIT else None
