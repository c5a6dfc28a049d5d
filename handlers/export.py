"""导出本月台账: the ledger of the units the sender is responsible for, as a 台账 workbook, returned as
Reply.attachment (the file) and a signed download link that expires (see bot.xlsx.links).

Units as for 双台账比对 (bot.permissions.units_in_view); the period defaults to this month.
"""

from __future__ import annotations

from bot import permissions
from bot.calendar import this_month
from bot.context import Context
from bot.messages import Reply
from bot.nlu import Intent
from bot.stats.service import RULES_ERROR_REPLY, CountingRulesError, answer_rules
from bot.xlsx import links
from bot.xlsx.export import export_workbook, period_name


def handle(ctx: Context, intent: Intent) -> Reply:
    units = permissions.units_in_view(ctx, intent.unit)
    if isinstance(units, Reply):
        return units
    try:
        rules = answer_rules(ctx.session, ctx.services, ctx.now())
    except CountingRulesError as exc:
        return Reply(text=RULES_ERROR_REPLY.format(error=exc), intent="export")
    period = intent.period or this_month(ctx.today())
    directory = ctx.services.export_dir
    ttl = ctx.services.export_link_ttl
    links.remove_old(directory, ttl * 2)
    file_id = links.new_file_id()
    scope = units[0].name
    name = f"{scope}{period_name(period)}台账.xlsx"
    result = export_workbook(ctx.session, units, period, links.file_path(directory, file_id), rules, scope, ctx.now())
    expires = ctx.now() + ttl
    token = links.make_token(links.signing_key(ctx.session, ctx.services.settings.secret_key), file_id, name, expires)
    base = ctx.services.settings.public_base_url.rstrip("/")
    url = f"{base}/exports/{token}"
    hours = int(ttl.total_seconds() // 3600)
    within = f"{hours}小时" if hours else f"{int(ttl.total_seconds() // 60)}分钟"
    where = scope if len(units) == 1 else f"{scope}（含下属{len(units) - 1}个单位）"
    text = (f"已导出{where}{period_name(period)}台账，共{result.entries}条"
            f"（双台账差异{result.differences}条）。下载链接（{within}内有效）：{url}")
    data = {"file": name, "url": url, "entries": result.entries, "differences": result.differences,
            "expires_at": expires.isoformat(), "units": [u.name for u in units], "period": period.to_json()}
    return Reply(text=text, intent="export", data=data, attachment=str(result.path))
