"""The local console channel (`python -m bot say|chat`): a member speaks under their own name in their
unit's console group; pushes to console groups are appended to a log file a person can read."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from bot.channels.base import Channel, PushRoute
from bot.channels.mentions import strip_mentions
from bot.clock import Clock, SystemClock
from bot.messages import IncomingMessage
from bot.outbox import Claimed, Sender
from bot.usertext import strip
from storage import repo
from storage.models import Conversation, Member

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from bot.channels.registry import Channels
    from bot.runtime import Runtime

PLATFORM = "console"


class ConsolePushSender:
    """Outbox sender for channel "console": one JSON line per push in data/pushes.log."""

    def __init__(self, path: Path = Path("data/pushes.log"), clock: Clock | None = None) -> None:
        self.path = path
        self.clock = clock or SystemClock()

    def send(self, push: Claimed) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = {k: strip(v) if isinstance(v, str) else v for k, v in push.payload.items()}
        line = {"at": self.clock.now().isoformat(), "target": push.target, **payload}
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")


class ConsoleChannel(Channel):
    platform = PLATFORM
    label = "控制台"
    members_by_name = True
    remembers_new_chats = False

    @classmethod
    def identify(cls, session: Session, msg: IncomingMessage) -> list[Member]:
        """By name, within the unit given (`--unit`) when names repeat."""
        return repo.members_named(session, msg.sender_id, msg.sender_unit)

    @classmethod
    def account_of(cls, member: Member) -> str | None:
        return member.name

    def push_route(self, conversation: Conversation) -> PushRoute | None:
        return PushRoute(PLATFORM, conversation.external_id)

    def senders(self, runtime: Runtime, channels: Channels) -> dict[str, Sender]:
        return {PLATFORM: ConsolePushSender(clock=runtime.clock)}


def console_message(session: Session, user: str, text: str, unit: str | None = None,
                    message_id: str | None = None) -> IncomingMessage:
    """A console message from `user`, in the console group of their unit (one conversation per unit)."""
    members = repo.members_named(session, user, unit)
    chat = unit or (members[0].unit.name if len(members) == 1 else "")
    return IncomingMessage(
        platform=PLATFORM,
        message_id=message_id or uuid.uuid4().hex,
        chat_id=chat,
        sender_id=user,
        sender_unit=unit,
        text=strip_mentions(text),
    )

