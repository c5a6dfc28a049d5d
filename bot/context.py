"""What a handler is given: the session, the clock and who is speaking, never the platform.

`Context` is a bound member's message; `Visitor` is a message from someone who is not a member yet
(only intents declared open to unbound senders, such as 绑定, ever see one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.clock import TZ, Clock
from bot.messages import IncomingMessage
from storage.models import Conversation, InboundMessage, Member, Unit

if TYPE_CHECKING:
    from bot.services import Services


@dataclass
class Context:
    session: Session
    clock: Clock
    member: Member
    unit: Unit  # the sender's unit
    conversation: Conversation | None
    message: InboundMessage
    services: Services
    # The permission action (bot.permissions.ACTIONS) this message is handled under: set by the
    # dispatcher from the intent's declaration after it checked the sender's role for it.
    action: str | None = None
    # What the handler worked out before its write transaction (handlers.registry.prepare), if anything.
    prepared: object | None = None

    def now(self) -> dt.datetime:
        return self.clock.now().astimezone(TZ)

    def organiser_level(self, unit: Unit | None, said: str | None = None) -> str | None:
        """The level the rules hold a unit's items to: the county office (schedules.yaml `county_office`)
        convenes for the 县委/县政府, so its 全县性 meetings are the county's, not a department's — unless what
        was `said` names its own line of offices (党办系统)."""
        if unit is None:
            return None
        return self.services.schedules.current().organiser_level(unit.name, unit.aliases or [], unit.level, said)

    def today(self) -> dt.date:
        return self.now().date()

    @property
    def permitted(self) -> str:
        """The action the dispatcher checked; a handler never asks for another one."""
        if self.action is None:
            raise RuntimeError("this handler acts under a permission: run it through handlers.handler_for")
        return self.action


@dataclass
class Visitor:
    """A message from a sender the bot does not know (no bound member)."""

    session: Session
    clock: Clock
    message: IncomingMessage
    services: Services
