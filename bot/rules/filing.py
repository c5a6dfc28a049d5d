"""事前报备: items that must be filed N working days ahead, with the days left counted on the official calendar.

Working days are the process's WorkCalendar (bot.calendar: official holidays, 调休, schedules.yaml
additions), the same the parser and the scheduler count on. Things already past are not flagged:
filing ahead can no longer help.
"""

from __future__ import annotations

import datetime as dt

from bot.calendar import work_calendar
from bot.rules.context import CheckContext
from bot.rules.model import Finding, Proposal
from bot.rules.schema import FilingRule, RuleBook


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
        if rule.before == "notice":
            reason = f"须在通知下发前{rule.working_days}个工作日完成方案审查" if rule.working_days else "须事前审查方案"
        else:
            reason = f"须提前{rule.working_days}个工作日报备方案" if rule.working_days else "须事前报备方案"
        if p.date is not None and rule.working_days and rule.before == "event":
            left = work_calendar().workdays_between(ctx.today, p.date)
            if left < rule.working_days:
                reason += f"；距{p.date.month}月{p.date.day}日仅{left}个工作日，已不足时限，请尽快报备或调整时间"
        findings.append(Finding(list_key="advance_filing", list_name=name, item=rule.rule.id,
                                text=rule.rule.text, source=rule.rule.source, verdict=rule.rule.verdict,
                                reason=reason))
    return findings
