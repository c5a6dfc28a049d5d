"""What a handler is given: the session, the clock and who is speaking, never the platform."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from bot.clock import TZ, Clock
from storage.models import Conversation, InboundMessage, Member, Unit


@dataclass
class Context:
    session: Session
    clock: Clock
    member: Member
    unit: Unit  # the sender's unit
    conversation: Conversation | None
    message: InboundMessage
    services: dict[str, Any] = field(default_factory=dict)

    def now(self) -> dt.datetime:
        return self.clock.now().astimezone(TZ)

    def today(self) -> dt.date:
        return self.now().date()
