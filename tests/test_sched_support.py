"""Shared pieces of the scheduler tests (issue 8): a fake push endpoint and ledger helpers.

No tests here; the module is named like the others so that it belongs to the scheduler's test files.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from bot.clock import TZ, Clock
from bot.outbox import Claimed, DeliveryError, OutboxWorker
from storage import repo
from storage.db import Database
from storage.models import Conversation, Entry, Member, Unit


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ)


@dataclass(frozen=True)
class Delivery:
    at: dt.datetime
    channel: str
    target: str
    payload: dict[str, Any]

    @property
    def title(self) -> str:
        return str(self.payload.get("title"))


class FakeEndpoint:
    """A push endpoint that records deliveries and fails while `down(now)` says so (503-like)."""

    def __init__(self, clock: Clock, down: Callable[[dt.datetime], bool] | None = None) -> None:
        self.clock = clock
        self.down = down or (lambda _now: False)
        self.deliveries: list[Delivery] = []
        self.failures = 0
        self._lock = threading.Lock()

    def sender(self, channel: str) -> _Sender:
        return _Sender(self, channel)

    def worker(self, db: Database, owner: str = "test-worker") -> OutboxWorker:
        return OutboxWorker(db, {"console": self.sender("console"), "wecom_webhook": self.sender("wecom_webhook")},
                            self.clock, owner=owner)

    def to(self, target: str) -> list[Delivery]:
        return [d for d in self.deliveries if d.target == target]


class _Sender:
    def __init__(self, endpoint: FakeEndpoint, channel: str) -> None:
        self.endpoint = endpoint
        self.channel = channel

    def send(self, push: Claimed) -> None:
        now = self.endpoint.clock.now()
        with self.endpoint._lock:
            if self.endpoint.down(now):
                self.endpoint.failures += 1
                raise DeliveryError("HTTP 503 from the push endpoint")
            self.endpoint.deliveries.append(Delivery(now, self.channel, push.target, dict(push.payload)))


def units(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {u.name: u.id for u in s.scalars(select(Unit))}


def member_id(db: Database, name: str) -> int:
    with db.session() as s:
        member = s.scalar(select(Member).where(Member.name == name))
        assert member is not None
        return member.id


def conversation_ids(db: Database) -> dict[str, int]:
    """Console group id (= unit name) → Conversation.id."""
    with db.session() as s:
        return {c.external_id: c.id for c in s.scalars(select(Conversation).where(Conversation.platform == "console"))}


def add_entry(db: Database, unit: str, kind: str, direction: str, day: dt.date, quantity: int = 1,
              by: str | None = "李四", **fields: Any) -> int:
    with db.session() as s:
        unit_row = repo.unit_by_name(s, unit)
        assert unit_row is not None
        member = s.scalar(select(Member).where(Member.name == by)) if by else None
        conv = s.scalar(select(Conversation).where(Conversation.platform == "console",
                                                   Conversation.external_id == unit))
        entry = repo.create_entry(s, member, unit_id=unit_row.id, kind=kind, direction=direction, occurs_on=day,
                                  quantity=quantity, conversation_id=conv.id if conv else None, **fields)
        return entry.id


def set_status(db: Database, entry_id: int, status: str) -> None:
    with db.session() as s:
        entry = s.get(Entry, entry_id)
        assert entry is not None
        repo.change_entry(s, entry, None, "update", status=status)
