"""WeCom (企业微信) as a channel: its callbacks, its push path (the group robot's webhook), its senders."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from bot.channels.base import Channel, PushRoute, RenderLimits
from bot.channels.wecom import appmsg, webhook
from bot.channels.wecom.render import MARKDOWN_MAX_BYTES, TEXT_MAX_BYTES
from bot.outbox import RateLimit, Sender
from storage.models import Conversation

if TYPE_CHECKING:
    from flask import Flask

    from bot.channels.registry import Channels
    from bot.runtime import Runtime


class WeComChannel(Channel):
    platform = "wecom"
    label = "企业微信"
    cli_module = "bot.channels.wecom.cli"
    rate_limits: ClassVar[Mapping[str, RateLimit]] = {
        webhook.CHANNEL: webhook.RATE_LIMIT,  # 20 messages a minute per robot key
        appmsg.CHANNEL: appmsg.RATE_LIMIT,  # 30 a minute per member
    }
    render_limits = RenderLimits(markdown_bytes=MARKDOWN_MAX_BYTES, text_bytes=TEXT_MAX_BYTES)

    def register_routes(self, app: Flask, runtime: Runtime) -> None:
        from bot.channels.wecom.routes import register

        register(app, runtime)

    def push_route(self, conversation: Conversation) -> PushRoute | None:
        """Scheduled pushes go through the group robot whose key the group was given (`wecom-push`)."""
        if conversation.push_target:
            return PushRoute(webhook.CHANNEL, conversation.push_target)
        return None

    def senders(self, runtime: Runtime, channels: Channels) -> dict[str, Sender]:
        from bot.channels.wecom.senders import wecom_senders

        return wecom_senders(runtime, channels)
