"""Numeric limits (参会人数, 会议时长, 讲话/发言时长, 文件字数): the first unit over the limit is flagged."""

from __future__ import annotations

from dataclasses import replace

from bot.rules.context import CheckContext
from bot.rules.model import Finding
from bot.rules.schema import LimitRule, Limits

FIELD_LABELS = {
    "scale": ("参会人数", "人"),
    "duration_minutes": ("会议时长", "分钟"),
    "speech_minutes": ("领导讲话（主报告）时长", "分钟"),
    "remark_minutes": ("发言时长", "分钟"),
    "length_chars": ("文件篇幅", "字"),
}


def minutes_label(minutes: int) -> str:
    """180 → 3小时, 90 → 1小时30分钟, 40 → 40分钟."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}分钟"
    return f"{hours}小时" + (f"{rest}分钟" if rest else "")


def _amount(field: str, value: int) -> str:
    unit = FIELD_LABELS[field][1]
    return minutes_label(value) if unit == "分钟" else f"{value}{unit}"


def applies(limits: Limits, ctx: CheckContext) -> bool:
    """Some limit is about this kind and direction (so the reply may say it was checked)."""
    return any(ctx.in_scope(lim.when) for lim in limits.items)


def check(limits: Limits, ctx: CheckContext) -> tuple[list[Finding], list[str]]:
    findings: list[Finding] = []
    notes: list[str] = []
    for lim in limits.items:
        value = getattr(ctx.proposal, lim.field)
        if value is None or value <= lim.max:
            continue
        if not _applies(lim, ctx, ignore_level=True):
            continue
        if lim.when.unit_levels and ctx.level is None:
            note = f"未确定单位层级，{FIELD_LABELS[lim.field][0]}上限未按层级核对。"
            if note not in notes:
                notes.append(note)
            continue
        if not _applies(lim, ctx):
            continue
        label = FIELD_LABELS[lim.field][0]
        findings.append(Finding(
            list_key="limits", list_name=limits.name, item=lim.rule.id, text=lim.rule.text,
            source=lim.rule.source, verdict=lim.rule.verdict,
            reason=f"{label}{_amount(lim.field, value)}，超过{lim.name}{_amount(lim.field, lim.max)}",
        ))
    return findings, notes


def _applies(lim: LimitRule, ctx: CheckContext, ignore_level: bool = False) -> bool:
    when = replace(lim.when, unit_levels=()) if ignore_level else lim.when
    if not ctx.holds(when):
        return False
    if lim.words and ctx.match(lim.words) is None:
        return False
    return ctx.match(lim.unless) is None
