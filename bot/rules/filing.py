"""事前报备: items that must be filed N working days ahead, with the days left counted on the official calendar.

Working days come from chinesecalendar (holidays and 调休 Saturdays); beyond the years it knows,
Monday to Friday is assumed. Things already past are not flagged: filing ahead can no longer help.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar  # type: ignore[import-untyped]

from bot.rules.context import CheckContext
from bot.rules.model import Finding, Proposal
from bot.rules.schema import FilingRule, RuleBook


def is_workday(day: dt.date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


def working_days_between(today: dt.date, day: dt.date) -> int:
    """Whole working days strictly after today and strictly before `day`."""
    count = 0
    cursor = today + dt.timedelta(days=1)
    while cursor < day:
        count += is_workday(cursor)
        cursor += dt.timedelta(days=1)
    return count


def applies(rules: tuple[FilingRule, ...], ctx: CheckContext) -> bool:
    """Some filing rule is about this kind and direction (so the reply may say it was checked)."""
    return any(ctx.in_scope(r.when) for r in rules)


def falls_under(rule: FilingRule, ctx: CheckContext) -> bool:
    """Whether the proposal is of the kind this rule wants filed (dates aside)."""
    if not ctx.holds(rule.when) or (rule.words and ctx.match(rule.words) is None):
        return False
    return ctx.match(rule.unless) is None


def requirement(proposal: Proposal, rulebook: RuleBook, today: dt.date) -> FilingRule | None:
    """The first advance-filing rule a proposal falls under, or None: for the 报备 workflow."""
    ctx = CheckContext.build(proposal, rulebook, None, today)
    return next((rule for rule in rulebook.filing if falls_under(rule, ctx)), None)


def check(name: str, rules: tuple[FilingRule, ...], ctx: CheckContext) -> list[Finding]:
    p = ctx.proposal
    if p.date is not None and p.date < ctx.today:
        return []
    findings = []
    for rule in rules:
        if not falls_under(rule, ctx):
            continue
        reason = f"须提前{rule.working_days}个工作日报备方案" if rule.working_days else "须事前报备方案"
        if p.date is not None and rule.working_days:
            left = working_days_between(ctx.today, p.date)
            if left < rule.working_days:
                reason += f"；距{p.date.month}月{p.date.day}日仅{left}个工作日，已不足时限，请尽快报备或调整时间"
        findings.append(Finding(list_key="advance_filing", list_name=name, item=rule.rule.id,
                                text=rule.rule.text, source=rule.rule.source, verdict=rule.rule.verdict,
                                reason=reason))
    return findings
