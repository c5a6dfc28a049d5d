"""导出本月台账: the ledger of the units the sender is responsible for, as a 台账 workbook, returned as
Reply.attachment (the file) and a signed download link that expires (see bot.xlsx.links).

Units as for 双台账比对 (bot.permissions.units_in_view); the period defaults to this month. 全县 asked by
someone who may not export it gets his own part, and the reply says so and why (issue 18).
"""

from __future__ import annotations

from bot import permissions
from bot.calendar import this_month
from bot.context import Context
from bot.messages import Reply
from bot.nlu import Intent
from bot.stats.asked import says_county
from bot.stats.service import RULES_ERROR_REPLY, CountingRulesError, answer_rules
from bot.xlsx import links
from storage import repo


def handle(ctx: Context, intent: Intent) -> Reply:
    from bot.xlsx.export import export_workbook, period_name  # openpyxl: only when a workbook is made

    name, instead = _asked(ctx, intent)
    units = permissions.units_in_view(ctx, name)
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
    text = (instead.format(where=where) + f"已导出{where}{period_name(period)}台账，共{result.entries}条"
            f"（双台账差异{result.differences}条）。下载链接（{within}内有效）：{url}")
    data = {"file": name, "url": url, "entries": result.entries, "differences": result.differences,
            "expires_at": expires.isoformat(), "units": [u.name for u in units], "period": period.to_json()}
    if instead:
        data["county_refused"] = True
    return Reply(text=text, intent="export", data=data, attachment=str(result.path))


def _asked(ctx: Context, intent: Intent) -> tuple[str | None, str]:
    """The unit asked for, and what to say first when 全县 was asked by someone who may not have it:
    he gets his own part (what units_in_view gives him), told so and why, never silently."""
    if intent.unit or not says_county(intent):
        return intent.unit, ""
    county = repo.tree_root(ctx.session, ctx.unit)
    if county is None or not isinstance(permissions.unit_for(ctx, county.name), Reply):
        return county.name if county else None, ""
    role, mine = ("单位管理员", "本单位及下属单位") if ctx.member.has_role("manager") else ("成员", "本单位")
    return None, f"全县台账仅系统管理员可导出，{role}可导出{mine}的台账，现导出{{where}}的台账。\n"
