"""The platforms the bot speaks on: ONE list. A new platform is a `Channel` subclass and one line here.

`Channels` is that list configured by one `Settings` (the runtime holds one): it routes a conversation's
pushes, gathers the Outbox senders and adds every platform's webhooks to the app; `rate_limits`,
`account_of`, `markdown_budget`, `cli_modules` and `group_platforms` read what the listed platforms declare.
Nothing outside bot/channels asks which platform it deals with; it asks a channel from here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from bot.channels.base import Channel, PushRoute
from bot.channels.console import ConsoleChannel
from bot.channels.dingtalk.channel import DingTalkChannel
from bot.channels.wecom.channel import WeComChannel
from bot.outbox import RateLimit, Sender
from config.settings import Settings
from storage.models import Conversation, Member

if TYPE_CHECKING:
    from flask import Flask

    from bot.runtime import Runtime

CHANNELS: list[type[Channel]] = [ConsoleChannel, WeComChannel, DingTalkChannel]

# Room a sender may add to a push (an @-mention, a part marker) beyond the content it was given.
SENDER_RESERVE_BYTES = 96


def channel_class(platform: str) -> type[Channel] | None:
    """The registered platform of this name (what it is, not how it is configured)."""
    return next((kind for kind in CHANNELS if kind.platform == platform), None)


def account_of(member: Member, platform: str) -> str | None:
    """The id a platform @-mentions this member by, or None (no account there, unknown platform)."""
    kind = channel_class(platform)
    return kind.account_of(member) if kind is not None else None


def markdown_budget() -> int | None:
    """Bytes a shared push (a digest) may take to fit one message on every platform; None: no limit."""
    limits = [k.render_limits.markdown_bytes for k in CHANNELS if k.render_limits.markdown_bytes]
    return min(limits) - SENDER_RESERVE_BYTES if limits else None


def cli_modules() -> list[str]:
    """Modules adding the platforms' own commands (long connections, old command names)."""
    return [kind.cli_module for kind in CHANNELS if kind.cli_module]


def group_platforms() -> list[type[Channel]]:
    """The platforms whose groups `python -m bot groups` lists and `group-push` gives push robots."""
    return [kind for kind in CHANNELS if kind.administers_groups]


class Channels:
    """The registered platforms, configured by one Settings."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._by_platform: dict[str, Channel] = {kind.platform: kind(self.settings) for kind in CHANNELS}

    def __iter__(self) -> Iterator[Channel]:
        return iter(self._by_platform.values())

    def get(self, platform: str) -> Channel | None:
        return self._by_platform.get(platform)

    def route(self, conversation: Conversation) -> PushRoute | None:
        """Where scheduled pushes to this conversation go; None when they are disabled or have no path."""
        if not conversation.push_enabled:
            return None
        channel = self.get(conversation.platform)
        return channel.push_route(conversation) if channel is not None else None

    def senders(self, runtime: Runtime) -> dict[str, Sender]:
        found: dict[str, Sender] = {}
        for channel in self:
            found.update(channel.senders(runtime, self))
        return found

    def register_routes(self, app: Flask, runtime: Runtime) -> None:
        for channel in self:
            channel.register_routes(app, runtime)


def rate_limits() -> dict[str, RateLimit]:
    """Every platform's rate limits, by Outbox channel."""
    found: dict[str, RateLimit] = {}
    for kind in CHANNELS:
        found.update(kind.rate_limits)
    return found
