"""DingTalk (钉钉) as a channel: its HTTP-mode route (Stream mode is the `dingtalk-stream` command), its
push paths (a group's custom robot, else the group-message OpenAPI when the app robot is configured)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from bot.channels.base import Channel, PushRoute, RenderLimits
from bot.channels.dingtalk.render import MAX_CONTENT_BYTES
from bot.outbox import RateLimit, Sender
from storage.models import Conversation

if TYPE_CHECKING:
    from flask import Flask

    from bot.channels.registry import Channels
    from bot.runtime import Runtime

# Outbox channels (see senders.py).
CUSTOM_ROBOT = "dingtalk_webhook"
GROUP_API = "dingtalk_group"
SESSION_WEBHOOK = "dingtalk_session"
# At most 20 messages a minute per robot; more gets the robot blocked for 10 minutes.
ROBOT_RATE = RateLimit(20, dt.timedelta(minutes=1))


class DingTalkChannel(Channel):
    platform = "dingtalk"
    label = "钉钉"
    cli_module = "bot.channels.dingtalk.cli"
    rate_limits: ClassVar[Mapping[str, RateLimit]] = {CUSTOM_ROBOT: ROBOT_RATE, GROUP_API: ROBOT_RATE}
    render_limits = RenderLimits(markdown_bytes=MAX_CONTENT_BYTES, text_bytes=MAX_CONTENT_BYTES)

    def register_routes(self, app: Flask, runtime: Runtime) -> None:
        from bot.channels.dingtalk import http_mode

        http_mode.register(app, runtime)

    def push_route(self, conversation: Conversation) -> PushRoute | None:
        """The group's custom robot (`dingtalk-push --webhook`), else the group-message OpenAPI, which
        needs the app robot's robotCode (DINGTALK_ROBOT_CODE)."""
        if conversation.push_target:
            return PushRoute(CUSTOM_ROBOT, conversation.push_target)
        if self.settings.dingtalk.robot_code:
            return PushRoute(GROUP_API, conversation.external_id)
        return None

    def senders(self, runtime: Runtime, channels: Channels) -> dict[str, Sender]:
        from bot.channels.dingtalk.senders import dingtalk_senders

        return dingtalk_senders(runtime.db, runtime.clock, self.settings.dingtalk, channels)
