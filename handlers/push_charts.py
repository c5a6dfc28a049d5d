"""关闭推送图表 / 开启推送图表: whether this group's 每月一研判 and 每季一通报 bring their chart image.

Intent "push_charts", args {"action": "off|on"}. The setting is the group's, kept with its subscriptions
(Conversation.subscriptions["charts"], read by bot.scheduler.targets.charts_enabled); changing it is a
manager's, like the subscriptions (permission action "subscribe", declared with the intent in handlers.registry).
The text of a digest is complete either way: the image is extra.
"""

from __future__ import annotations

from typing import Any

from bot import permissions
from bot.context import Context
from bot.messages import Reply
from bot.nlu import Intent
from bot.scheduler.targets import CHARTS, charts_enabled

PUSHES = "每月一研判、每季一通报"


def handle(ctx: Context, intent: Intent) -> Reply:
    conversation = ctx.conversation
    if conversation is None or conversation.unit_id is None:
        return _reply("本群尚未绑定单位，无法设置推送。请单位管理员先绑定本群。")
    refusal = permissions.decide(ctx, conversation.unit_id)
    if refusal:
        return Reply(text=refusal, intent="refused")
    on = str((intent.args or {}).get("action") or "") == "on"
    if charts_enabled(conversation) == on:
        state = "附图表图片" if on else "不附图表图片"
        return _reply(f"本群的{PUSHES}已{state}，无需重复设置。")
    subs: dict[str, Any] = dict(conversation.subscriptions or {})
    subs[CHARTS] = {"enabled": on, "by": ctx.member.id, "at": ctx.now().isoformat()}
    conversation.subscriptions = subs  # a new dict: the JSON column notices only a new value
    if on:
        return _reply(f"本群的{PUSHES}将在文字之后附一张图表图片。如需关闭，请发送“关闭推送图表”。")
    return _reply(f"本群的{PUSHES}今后不再附图表图片，文字内容不变。如需恢复，请发送“开启推送图表”。")


def _reply(text: str) -> Reply:
    return Reply(text=text, intent="push_charts")
