"""Who looks at the board: a member, asking as in chat under the `query` action, so that
bot.permissions (one implementation) decides which units a page may show."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot import permissions
from bot.clock import TZ
from storage import demo, repo
from storage.models import Member, Unit

if TYPE_CHECKING:
    from bot.services import Services

ACTION = "query"  # what a 看板 page does: it answers the questions a member may ask in chat


@dataclass
class Viewer:
    session: Session
    member: Member
    unit: Unit
    services: Services
    action: str = ACTION

    @property
    def permitted(self) -> str:
        return self.action

    def now(self) -> dt.datetime:
        return self.services.clock.now().astimezone(TZ)

    def today(self) -> dt.date:
        return self.now().date()

    def may_see(self, unit_id: int) -> bool:
        return permissions.decide(self, unit_id) is None

    @property
    def demo(self) -> bool:
        """The viewer belongs to the demo county (config/org.example.yaml): its pages say the data is a demo."""
        return repo.tree_root(self.session, self.unit).name == demo_county()


@functools.cache
def demo_county() -> str:
    from bot.runtime import DEMO_ORG

    return demo.read_demo(DEMO_ORG).county


def viewer_for(session: Session, services: Services, member_id: int) -> Viewer | None:
    """The viewer of an active member, or None (removed since the link was made)."""
    member = session.get(Member, member_id)
    if member is None or member.status != "active" or permissions.role_refusal(member, ACTION) is not None:
        return None
    return Viewer(session, member, member.unit, services)
