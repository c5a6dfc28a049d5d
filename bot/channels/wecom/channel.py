"""WeCom (企业微信) as a channel: its callbacks, its push path (the group robot's webhook), its senders,
and how `group-push --platform wecom --key …` gives a group its robot."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from bot.channels.base import Channel, GroupPush, PushRoute, RenderLimits
from bot.channels.wecom import appmsg, webhook
from bot.channels.wecom.api import mask
from bot.channels.wecom.render import MARKDOWN_MAX_BYTES, TEXT_MAX_BYTES
from bot.outbox import DeliveryError, RateLimit, Sender
from storage.models import Conversation

if TYPE_CHECKING:
    import argparse

    from flask import Flask

    from bot.channels.registry import Channels
    from bot.runtime import Runtime


class WeComChannel(Channel):
    platform = "wecom"
    label = "企业微信"
    cli_module = "bot.channels.wecom.cli"
    administers_groups = True
    rate_limits: ClassVar[Mapping[str, RateLimit]] = {
        webhook.CHANNEL: webhook.RATE_LIMIT,  # 20 messages a minute per robot key
        appmsg.CHANNEL: appmsg.RATE_LIMIT,  # 30 a minute per member
    }
    render_limits = RenderLimits(markdown_bytes=MARKDOWN_MAX_BYTES, text_bytes=TEXT_MAX_BYTES)

    def register_routes(self, app: Flask, runtime: Runtime) -> None:
        from bot.channels.wecom.routes import register

        register(app, runtime)

    def push_route(self, conversation: Conversation) -> PushRoute | None:
        """Scheduled pushes go through the group robot whose key the group was given (`group-push`)."""
        if conversation.push_target:
            return PushRoute(webhook.CHANNEL, conversation.push_target)
        return None

    def senders(self, runtime: Runtime, channels: Channels) -> dict[str, Sender]:
        from bot.channels.wecom.senders import wecom_senders

        return wecom_senders(runtime, channels)

    @classmethod
    def add_push_arguments(cls, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--key", required=True, help="the group robot's key, or its whole webhook URL")

    @classmethod
    def group_push(cls, chat: str, options: argparse.Namespace) -> GroupPush | str:
        """The robot key (a secret: anyone holding it can post to the group), taken from a URL if given one."""
        try:
            key = webhook.robot_key(options.key)
        except DeliveryError:
            return "不是有效的群机器人 key 或 Webhook 地址。"
        return GroupPush(key, None, f"已设置群 {chat} 的推送机器人 {mask(key)}，推送已启用。")

    def push_state(self, conversation: Conversation) -> str:
        if not conversation.push_target:
            return "未配置推送"
        if conversation.push_enabled:
            return f"推送 {mask(conversation.push_target)}"
        return f"推送已停用（{conversation.push_disabled_reason or ''}）"
