"""DingTalk (钉钉) as a channel: its HTTP-mode route (Stream mode is the `dingtalk-stream` command), its
push paths (a group's custom robot, else the group-message OpenAPI when the app robot is configured), and
how `group-push --platform dingtalk` gives a group one of them (`--webhook` and `--secret`, or `--api`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from bot.channels.base import Channel, GroupPush, PushRoute, RenderLimits
from bot.channels.dingtalk.render import MAX_CONTENT_BYTES
from bot.outbox import RateLimit, Sender
from storage.models import Conversation

if TYPE_CHECKING:
    import argparse

    from flask import Flask

    from bot.channels.registry import Channels
    from bot.runtime import Runtime

# Outbox channels (see senders.py).
CUSTOM_ROBOT = "dingtalk_webhook"
GROUP_API = "dingtalk_group"
SESSION_WEBHOOK = "dingtalk_session"
# At most 20 messages a minute per robot; more gets the robot blocked for 10 minutes.
ROBOT_RATE = RateLimit(20, dt.timedelta(minutes=1))


def mask(secret: str) -> str:
    """Enough of a webhook token or secret to recognise it, not enough to use it."""
    token = secret.rsplit("access_token=", 1)[-1]
    return token[:4] + "…" if len(token) > 8 else "…"


class DingTalkChannel(Channel):
    platform = "dingtalk"
    label = "钉钉"
    cli_module = "bot.channels.dingtalk.cli"
    administers_groups = True
    rate_limits: ClassVar[Mapping[str, RateLimit]] = {CUSTOM_ROBOT: ROBOT_RATE, GROUP_API: ROBOT_RATE}
    render_limits = RenderLimits(markdown_bytes=MAX_CONTENT_BYTES, text_bytes=MAX_CONTENT_BYTES)

    def register_routes(self, app: Flask, runtime: Runtime) -> None:
        from bot.channels.dingtalk import http_mode

        http_mode.register(app, runtime)

    def push_route(self, conversation: Conversation) -> PushRoute | None:
        """The group's custom robot (`group-push --webhook`), else the group-message OpenAPI, which
        needs the app robot's robotCode (DINGTALK_ROBOT_CODE)."""
        if conversation.push_target:
            return PushRoute(CUSTOM_ROBOT, conversation.push_target)
        if self.settings.dingtalk.robot_code:
            return PushRoute(GROUP_API, conversation.external_id)
        return None

    def senders(self, runtime: Runtime, channels: Channels) -> dict[str, Sender]:
        from bot.channels.charts import ChartLinks
        from bot.channels.dingtalk.senders import dingtalk_senders

        links = ChartLinks(runtime.db, runtime.settings.public_base_url, runtime.settings.secret_key)
        return dingtalk_senders(runtime.db, runtime.clock, self.settings.dingtalk, channels, links)

    @classmethod
    def add_push_arguments(cls, parser: argparse.ArgumentParser) -> None:
        how = parser.add_mutually_exclusive_group(required=True)
        how.add_argument("--webhook", help="the custom robot's webhook URL, or its access_token")
        how.add_argument("--api", action="store_true", help="push through the group-message OpenAPI instead")
        parser.add_argument("--secret", default=None, help="the custom robot's 加签 secret (SEC…)")

    @classmethod
    def group_push(cls, chat: str, options: argparse.Namespace) -> GroupPush | str:
        """A custom robot (its webhook and 加签 secret let anyone post to the group), or the group API."""
        webhook = (options.webhook or "").strip()
        if options.webhook is not None and (not webhook or any(ch.isspace() for ch in webhook)):
            return "不是有效的自定义机器人 Webhook 地址或 access_token。"
        if options.secret is not None and not options.secret.strip().startswith("SEC"):
            return "加签密钥应以 SEC 开头（机器人安全设置中复制）。"
        if not webhook:
            return GroupPush(None, None, f"群 {chat} 改由群消息接口推送，推送已启用。")
        signed = "（加签）" if options.secret else ""
        secret = options.secret.strip() if options.secret else None
        return GroupPush(webhook, secret, f"已设置群 {chat} 的自定义机器人 {mask(webhook)}{signed}，推送已启用。")

    def push_notes(self, push: GroupPush) -> list[str]:
        if push.target is None and not self.settings.dingtalk.robot_code:
            return ["注意：尚未配置 DINGTALK_ROBOT_CODE，配置后群消息接口才能发送。"]
        return []

    def push_state(self, conversation: Conversation) -> str:
        if not conversation.push_enabled:
            return f"推送已停用（{conversation.push_disabled_reason or ''}）"
        if conversation.push_target:
            signed = "，加签" if conversation.push_secret else ""
            return f"自定义机器人 {mask(conversation.push_target)}{signed}"
        return "群消息接口（robotCode）" if self.settings.dingtalk.robot_code else "未配置推送"
