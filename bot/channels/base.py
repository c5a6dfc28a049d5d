"""What a chat platform gives the bot; the one interface every platform implements.

A platform is a `Channel` subclass listed once in bot/channels/registry.py. It knows its own wire
formats and nothing of meetings or ledgers; the rest of the bot knows platforms only through it:

- inbound: `register_routes` adds its webhooks to the Flask app (a long connection, such as DingTalk's
  Stream mode, is a command of its `cli_module`). Its adapters turn a platform message into an
  `IncomingMessage` whose `platform` is the channel's name, with @-mentions stripped once, there
  (`bot.channels.mentions.strip_mentions`);
- identity: how a sender is found among the members (`identify`; by default the `member_identity`
  row of the account) and which account an @-mention of a member uses (`account_of`);
- outbound: how a conversation's pushes are routed (`push_route`: an Outbox channel and a target:
  a group robot's webhook, an app API, a session webhook …), the Outbox senders of those channels
  (`senders`) and their rate limits;
- rendering: how long one of its messages may be (`render_limits`), so content is cut to fit.
- group administration (`python -m bot groups` / `group-push`, bot/channels/cli.py), for a platform
  that sets `administers_groups`: the arguments that give one of its groups a push robot
  (`add_push_arguments`), what they set (`group_push`) and how a group's push path reads (`push_state`).

Class attributes and class methods describe the platform; an instance is the platform configured by
one `Settings` (credentials decide, for instance, whether a group can be pushed to at all).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from bot.outbox import RateLimit, Sender
from config.settings import Settings
from storage import repo
from storage.models import Conversation, Member

if TYPE_CHECKING:
    import argparse

    from flask import Flask
    from sqlalchemy.orm import Session

    from bot.channels.registry import Channels
    from bot.messages import IncomingMessage
    from bot.runtime import Runtime


@dataclass(frozen=True)
class PushRoute:
    """Where a conversation's pushes go: an Outbox channel (whose sender delivers) and its target."""

    channel: str
    target: str


@dataclass(frozen=True)
class RenderLimits:
    """The longest message the platform takes, in UTF-8 bytes; None: no limit (or no markdown at all)."""

    markdown_bytes: int | None = None
    text_bytes: int | None = None


@dataclass(frozen=True)
class GroupPush:
    """What `group-push` gives a group: its push target and secret (None: the platform's default path,
    e.g. an app API) and the line confirming it, with every secret masked."""

    target: str | None
    secret: str | None
    confirmation: str


class Channel:
    """One chat platform. Subclasses set the class attributes and override what differs."""

    platform: ClassVar[str]  # the name stored in Conversation, InboundMessage and MemberIdentity rows
    label: ClassVar[str]  # the platform's name as users read it (企业微信)
    # True on the console: a member speaks under their own name, there is no platform account.
    members_by_name: ClassVar[bool] = False
    # False on the console: its groups are the units' own, made with the units; no new chat appears.
    remembers_new_chats: ClassVar[bool] = True
    cli_module: ClassVar[str | None] = None  # a module adding its own `python -m bot` commands
    # True: `python -m bot groups` lists its groups and `group-push --platform P` sets their push robots.
    administers_groups: ClassVar[bool] = False
    rate_limits: ClassVar[Mapping[str, RateLimit]] = {}  # per Outbox channel, counted per target
    render_limits: ClassVar[RenderLimits] = RenderLimits()

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    # --- inbound -----------------------------------------------------------------------------

    def register_routes(self, app: Flask, runtime: Runtime) -> None:
        """Add this platform's webhooks to the app (only those its settings enable)."""

    # --- identity ----------------------------------------------------------------------------

    @classmethod
    def identify(cls, session: Session, msg: IncomingMessage) -> list[Member]:
        """The active members the sender may be: one, none (unbound), or several (ask which)."""
        member = repo.member_by_platform_id(session, cls.platform, msg.sender_id)
        return [member] if member is not None else []

    @classmethod
    def account_of(cls, member: Member) -> str | None:
        """The id this platform @-mentions the member by; None when the member has no account here."""
        return member.account(cls.platform)

    # --- outbound ----------------------------------------------------------------------------

    def push_route(self, conversation: Conversation) -> PushRoute | None:
        """Where pushes to this conversation go, or None when it has no push path (the push is skipped).
        Called only for conversations whose pushes are enabled."""
        return None

    def senders(self, runtime: Runtime, channels: Channels) -> dict[str, Sender]:
        """The Outbox senders of this platform's channels that its settings allow, by Outbox channel.
        `channels` routes what a sender itself pushes (a fallback, a notice to the admins)."""
        return {}

    # --- group administration (python -m bot groups / group-push) ----------------------------

    @classmethod
    def add_push_arguments(cls, parser: argparse.ArgumentParser) -> None:
        """The arguments `group-push --platform P` takes besides the common --chat and --bind-unit."""

    @classmethod
    def group_push(cls, chat: str, options: argparse.Namespace) -> GroupPush | str:
        """The push path those arguments give the group `chat`, or why they are refused (one line)."""
        return f"{cls.label}的群不能在此设置推送。"

    def push_notes(self, push: GroupPush) -> list[str]:
        """Lines after the confirmation: what this deployment still lacks for that path to send."""
        return []

    def push_state(self, conversation: Conversation) -> str:
        """A group's push path as `groups` lists it (secrets masked)."""
        if not conversation.push_enabled:
            return f"推送已停用（{conversation.push_disabled_reason or ''}）"
        return "推送已启用" if self.push_route(conversation) else "未配置推送"
