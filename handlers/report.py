"""生成汇报: seed 000 §二's figure sentences for the asking unit (or a unit the sender covers), with
同比; for the county office (an admin asking for their own unit) also seed 002's reminder figures.

The period defaults to 今年1月 through the end of the current month (今年1－11月 in November); the
figures stop at today in both years (截至11月22日). The county ("生成汇报 示范县", "生成汇报 全县") is
reported as a whole, as the digests count it.
"""

from __future__ import annotations

from bot.context import Context
from bot.messages import Reply
from bot.nlu import Intent
from bot.stats import report as reports
from bot.stats.asked import asked_unit, not_started_reply
from bot.calendar import year_to_month_end
from bot.stats.periods import not_started
from bot.stats.scope import counted_units, is_county
from bot.stats.service import RULES_ERROR_REPLY, CountingRulesError, answer_rules


def handle(ctx: Context, intent: Intent) -> Reply:
    unit = asked_unit(ctx, intent)
    if isinstance(unit, Reply):
        return unit
    try:
        rules = answer_rules(ctx.session, ctx.services, ctx.now())
    except CountingRulesError as exc:
        return Reply(text=RULES_ERROR_REPLY.format(error=exc), intent="report")
    period = intent.period or year_to_month_end(ctx.today())
    if not_started(period, ctx.today()):
        return not_started_reply(period, "report")
    own = ctx.member.has_role("admin") and (unit.id == ctx.member.unit_id or is_county(unit))
    built = reports.build(ctx.session, unit, period, ctx.today(), rules.label,
                          county_office=own, covered=None,
                          unit_ids=counted_units(ctx.session, unit))
    return Reply(text=built.text, intent="report", data=built.to_json())
