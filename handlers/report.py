"""生成汇报: seed 000 §二's figure sentences for the asking unit (or a unit the sender covers), with
同比; for the county office (an admin asking for their own unit) also seed 002's reminder figures.

The period defaults to 今年1月 through the end of the current month (今年1－11月 in November).
"""

from __future__ import annotations

from bot.messages import Reply
from bot.nlu import Intent
from bot.stats import report as reports
from bot.stats.periods import year_to_month_end
from bot.stats.service import RULES_ERROR_REPLY, CountingRulesError, current_rules
from handlers import permissions
from handlers.context import Context


def handle(ctx: Context, intent: Intent) -> Reply:
    unit = permissions.unit_for(ctx, "report", intent.unit)
    if isinstance(unit, Reply):
        return unit
    try:
        rules = current_rules(ctx.session, ctx.services, ctx.now())
    except CountingRulesError as exc:
        return Reply(text=RULES_ERROR_REPLY.format(error=exc), intent="report")
    period = intent.period or year_to_month_end(ctx.today())
    county_office = ctx.member.has_role("admin") and unit.id == ctx.member.unit_id
    built = reports.build(ctx.session, unit, period, ctx.today(), rules.label,
                          county_office=county_office, covered=None)
    return Reply(text=built.text, intent="report", data=built.to_json())
