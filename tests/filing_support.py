"""Helpers for the filing, permission, member and correction tests: act as a member with a given Intent.

`act` runs the registered handler for the intent exactly as the dispatcher would (same HANDLERS, a real
session, the member's console group as the conversation), so these tests do not depend on how far the
parser has got; the chat tests go through `say` and the parser as well.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bot.context import Context
from bot.messages import Reply
from bot.nlu import Attendees, Intent
from bot.runtime import Runtime
from handlers import handler_for
from storage import repo
from storage.models import Conversation, Entry, InboundMessage, Member, Outbox, Unit
from storage.seed import load_org

# Extra people beside the demo organisation: a pure approver and a pure admin in 县委办, and a member
# and a manager in 青山镇 (the "other unit" of the 城关镇 people).
EXTRA_ORG = {
    "members": [
        {"unit": "县委办", "name": "孙七", "roles": ["approver"], "wecom_userid": "sunqi"},
        {"unit": "县委办", "name": "郑十", "roles": ["admin"], "wecom_userid": "zhengshi"},
        {"unit": "青山镇", "name": "周八", "roles": ["member"], "wecom_userid": "zhouba"},
        {"unit": "青山镇", "name": "吴九", "roles": ["manager"], "wecom_userid": "wujiu"},
    ]
}


def add_people(runtime: Runtime) -> None:
    with runtime.db.session() as s:
        load_org(s, EXTRA_ORG)


def intent(name: str, text: str = "", **fields: Any) -> Intent:
    return Intent(text=text or name, intent=name, **fields)


def file_intent(date: dt.date, title: str, scale: int = 80, minutes: int = 120, unit: str | None = None,
                text: str | None = None) -> Intent:
    return Intent(
        text=text or f"报备：{date.isoformat()}召开{title}，{scale}人，{minutes // 60}小时",
        intent="file", kind="meeting", direction="outgoing", date=date, scale=scale, duration_minutes=minutes,
        title=title, quantity=1, unit=unit,
    )


def record_intent(date: dt.date, title: str | None = None, kind: str = "meeting", unit: str | None = None,
                  text: str | None = None, attendees: Attendees | None = None) -> Intent:
    return Intent(text=text or f"{date.isoformat()}召开{title or '会议'}", intent="record", kind=kind,
                  direction="outgoing", date=date, title=title, quantity=1, unit=unit, attendees=attendees)


def act(runtime: Runtime, user: str, what: Intent, unit: str | None = None,
        conversation_id: int | None = None) -> Reply:
    """Run the handler registered for `what.intent` as `user`, in their unit's console group, and commit."""
    with runtime.db.session() as s:
        members = repo.members_named(s, user, unit)
        assert len(members) == 1, f"{user}@{unit}: {len(members)} members"
        member = members[0]
        conversation = (
            s.get(Conversation, conversation_id) if conversation_id
            else repo.conversation(s, "console", member.unit.name)
        )
        inbound = InboundMessage(platform="console", external_id=uuid.uuid4().hex, text=what.text,
                                 sender_id=member.id, conversation_id=conversation.id if conversation else None,
                                 status="processing", received_at=runtime.clock.now())
        s.add(inbound)
        s.flush()
        ctx = Context(session=s, clock=runtime.clock, member=member, unit=member.unit,
                      conversation=conversation, message=inbound, services=runtime.services)
        reply = handler_for(what.intent)(ctx, what)
        inbound.intent = what.intent
        inbound.status = "done"
        inbound.reply = reply.text
        return reply


def entry(runtime: Runtime, entry_id: int) -> Entry:
    with runtime.db.session() as s:
        found = s.get(Entry, entry_id)
        assert found is not None
        s.expunge(found)
        return found


def pushes(runtime: Runtime, prefix: str = "") -> list[Outbox]:
    with runtime.db.session() as s:
        rows = list(s.scalars(select(Outbox).where(Outbox.dedupe_key.startswith(prefix)).order_by(Outbox.id)))
        for row in rows:
            s.expunge(row)
        return rows


def push_targets(runtime: Runtime, prefix: str) -> set[str]:
    """Console pushes go to the console group named after the unit: the set of unit names reached."""
    return {row.target for row in pushes(runtime, prefix)}


def member_named(runtime: Runtime, name: str) -> Member | None:
    with runtime.db.session() as s:
        found = s.scalar(select(Member).where(Member.name == name).options(selectinload(Member.identities)))
        if found is not None:
            s.expunge(found)
        return found


def unit_id(runtime: Runtime, name: str) -> int:
    with runtime.db.session() as s:
        unit = repo.unit_by_name(s, name)
        assert isinstance(unit, Unit)
        return unit.id
