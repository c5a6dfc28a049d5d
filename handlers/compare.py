"""双台账比对 ("双台账比对 本月"): per unit and kind, the daily ledger against the statistics ledger,
then every entry that makes the difference with its reason (seed 002's 双台账比对法).

Which units: a named unit and the units below it that the sender may see; without a name, what the
sender is responsible for (bot.permissions.units_in_view). The chat reply lists up to MAX_LINES
differences; the rest are in the reply data and in the exported 台账 (导出本月台账), whose 双台账比对
sheet lists them all.
"""

from __future__ import annotations

from bot import permissions
from bot.calendar import this_month
from bot.context import Context
from bot.labels import MEASURE, activity
from bot.messages import Reply
from bot.nlu import Intent
from bot.stats.ledgers import compare_ledgers
from bot.stats.periods import span_text
from bot.stats.counting_rules import preamble
from bot.stats.service import RULES_ERROR_REPLY, CountingRulesError, answer_rules

MAX_LINES = 40


def handle(ctx: Context, intent: Intent) -> Reply:
    units = permissions.units_in_view(ctx, intent.unit)
    if isinstance(units, Reply):
        return units
    try:
        rules = answer_rules(ctx.session, ctx.services, ctx.now())
    except CountingRulesError as exc:
        return Reply(text=RULES_ERROR_REPLY.format(error=exc), intent="compare")
    period = intent.period or this_month(ctx.today())
    result = compare_ledgers(ctx.session, units, period, rules.label)
    where = units[0].name if len(units) == 1 else f"{units[0].name}等{len(units)}个单位"
    head = f"双台账比对（{where}，{span_text(period)}，{preamble(rules)}）"
    daily, stats = result.daily_total, result.statistics_total
    if not result.differences:
        text = f"{head}\n两本台账一致：日常工作台账与减负统计台账合计均为{daily}件（次、份），无差异。"
        return Reply(text=text, intent="compare", data=result.to_json())
    lines = [head, f"日常工作台账合计{daily}件（次、份），减负统计台账合计{stats}件（次、份），相差{daily - stats}。"]
    for row in result.rows:
        if row.difference:
            word = MEASURE[row.kind]
            prefix = f"{row.unit} " if len(units) > 1 else ""
            lines.append(f"· {prefix}{activity(row.kind, row.direction)}：日常{row.daily}{word}，"
                         f"统计{row.statistics}{word}，差{row.difference}{word}")
    lines.append("差异明细：")
    shown = result.differences[:MAX_LINES]
    lines += [f"{i}. {d.line()}" for i, d in enumerate(shown, 1)]
    if len(result.differences) > len(shown):
        lines.append(f"另有{len(result.differences) - len(shown)}条，详见“导出本月台账”的双台账比对表。")
    return Reply(text="\n".join(lines), intent="compare", data=result.to_json())
