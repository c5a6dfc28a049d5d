"""数额分配: “城关镇本年度发文额度增加5件，理由：……” — an admin adjusts a unit's quota, with the reason kept.

Seed 002 §二.四: “对确因工作需要导致数量较多的单位，由进行统筹调配，增加数额分配”. The base limit stays
as set; each adjustment is a QuotaAdjustment (delta, reason, who, when) and the limit in force is the
base plus all adjustments, which is what the rules engine counts against.
"""

from __future__ import annotations

from typing import Any

from bot.labels import MEASURE, activity
from bot.messages import Reply
from bot.nlu import Intent
from handlers import permissions
from handlers.context import Context
from storage import repo
from storage.models import KINDS

PERIODS = {"year": "年度", "quarter": "季度", "month": "月度"}
PERIOD_WORDS = {"本年度": "year", "年度": "year", "今年": "year", "本季度": "quarter", "季度": "quarter",
                "本月": "month", "月度": "month"}
MAX_DELTA = 10_000
CHANGES = ("increase", "decrease", "增加", "减少")


def handle(ctx: Context, intent: Intent) -> Reply:
    args = intent.args
    unit = permissions.unit_for(ctx, "quota", str(args.get("unit") or intent.unit or "") or None)
    if isinstance(unit, Reply):
        return unit
    kind = args.get("kind") or intent.kind
    if kind not in KINDS:
        return Reply(text="请说明调整哪类额度：发文、会议、督查检查或报表。", intent="quota")
    # args["direction"] may be the kind's direction (outgoing) or the change's (increase/decrease).
    change = args.get("direction") if args.get("direction") in CHANGES else args.get("change")
    direction = args.get("direction") if args.get("direction") in ("outgoing", "incoming") else None
    direction = direction or intent.direction or "outgoing"
    period = _period(args.get("period"))
    if period is None:
        return Reply(text="请说明额度期间：本年度、本季度或本月。", intent="quota")
    delta = _delta(args.get("delta"), change)
    if delta is None:
        return Reply(text="请说明增加或减少的数量，如“增加5件”。", intent="quota")
    reason = (intent.reason or str(args.get("reason") or "")).strip()
    if not reason:
        return Reply(text="调整额度须说明理由，如“……增加5件，理由：承办全省现场会”。", intent="quota")
    what = f"{unit.name}{ctx.today().year}年{PERIODS[period]}{activity(kind, direction)}额度"
    measure = MEASURE[kind]
    quota = repo.quota_row(ctx.session, unit.id, kind, direction, period, ctx.today().year)
    if quota is None:
        return Reply(text=f"{what}尚未设定，无法调整。请先导入或设定额度。", intent="quota")
    before = effective(quota)
    if before + delta < 0:
        return Reply(text=f"{what}现为{before}{measure}，不能减少{-delta}{measure}。", intent="quota")
    repo.adjust_quota(ctx.session, quota, delta, reason, ctx.member, ctx.now())
    after = effective(quota)
    verb = f"增加{delta}" if delta > 0 else f"减少{-delta}"
    return Reply(
        text=f"已调整：{what}{verb}{measure}，由{before}{measure}调为{after}{measure}。理由：{reason}。",
        intent="quota",
        data={"unit": unit.name, "kind": kind, "direction": direction, "period": period,
              "before": before, "after": after, "delta": delta, "reason": reason},
    )


def effective(quota: Any) -> int:
    """Base limit plus every adjustment (as bot.rules.quotas.effective_limit counts it)."""
    return int(quota.limit) + sum(int(a.delta) for a in quota.adjustments)


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
