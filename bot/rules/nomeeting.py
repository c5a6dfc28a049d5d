"""无会日 / 无会周: our own meetings on protected days or weeks, unless an exemption applies.

Meetings we attend (incoming) are set by the upper level and never flagged. "第N周" of a month is the
week (Monday to Sunday) whose Monday is the month's Nth Monday, so a week belongs to one month only.
"""

from __future__ import annotations

import datetime as dt

from bot.labels import WEEKDAYS
from bot.rules.context import CheckContext
from bot.rules.model import Finding
from bot.rules.schema import Exemption, NoMeetingRules, RuleText


def week_of_month(day: dt.date) -> tuple[int, int]:
    """(month, n): the week containing `day` is the n-th Monday-started week of that month."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday.month, (monday.day - 1) // 7 + 1


def check(rules: NoMeetingRules, ctx: CheckContext) -> tuple[list[Finding], list[str]]:
    p = ctx.proposal
    if p.kind != "meeting" or ctx.direction != "outgoing":
        return [], []
    if p.date is None:
        return [], [f"未说明会议日期，未核对{rules.name}。"]
    hits: list[tuple[RuleText, str]] = []
    day = p.date
    if rules.days and day.isoweekday() in rules.weekdays and (ctx.wide or not rules.days_wide_only):
        hits.append((rules.days, f"{day.month}月{day.day}日是{WEEKDAYS[day.weekday()]}，为无会日"))
    month, nth = week_of_month(day)
    if rules.weeks and nth in rules.weeks_of_month and (ctx.wide or not rules.weeks_wide_only):
        hits.append((rules.weeks, f"{day.month}月{day.day}日在{month}月第{nth}周，为无会周"))
    exemption = _exemption(rules.exemptions, ctx)
    findings = []
    for rule, why in hits:
        source = rule.source
        if exemption:
            verdict, reason = "allowed", f"{why}；该会议属{exemption.name}，可不受此限"
            source = f"{rule.source}；豁免情形：{rules.exemption_source}"
        else:
            verdict, reason = rule.verdict, f"{why}，原则上不安排会议"
        findings.append(Finding(
            list_key="no_meeting", list_name=rules.name, item=rule.id, text=rule.text,
            source=source, verdict=verdict, reason=reason,
        ))
    return findings, []


def _exemption(exemptions: tuple[Exemption, ...], ctx: CheckContext) -> Exemption | None:
    return next((ex for ex in exemptions if ctx.match(ex.words) and not ctx.match(ex.unless)), None)
