"""打开看板 / 看板 城关镇: a signed link to the 减负看板, bound to the sender and valid for
Services.board_link_ttl (12 h by default). The board shows what the sender may see in chat (the `query`
action of bot.permissions); a unit named must be one the sender may ask about, else the usual refusal.
"""

from __future__ import annotations

from bot import permissions
from bot.board import links
from bot.context import Context
from bot.messages import Reply
from bot.nlu import Intent


def handle(ctx: Context, intent: Intent) -> Reply:
    named = intent.unit or intent.args.get("unit")
    unit = None
    if named:
        found = permissions.unit_for(ctx, str(named))
        if isinstance(found, Reply):
            return found
        unit = found
    settings = ctx.services.settings
    ttl = ctx.services.board_link_ttl
    expires = ctx.now() + ttl
    token = links.make_token(ctx.session, settings, ctx.member.id, expires)
    url = links.url(settings, token, unit.id if unit is not None and unit.level != "county" else None)
    hours = ttl.total_seconds() / 3600
    within = f"{hours:g}小时" if hours >= 1 else f"{int(ttl.total_seconds() // 60)}分钟"
    what = f"{unit.name}看板" if unit is not None else "减负看板"
    text = (f"{what}（{within}内有效，仅限本人使用，请勿转发）：{url}\n"
            f"看板显示的范围与您在群里可查询的范围相同，可直接打印（A4）附于汇报。")
    data = {"url": url, "expires_at": expires.isoformat(), "unit": unit.name if unit is not None else None}
    return Reply(text=text, intent="board", data=data)
