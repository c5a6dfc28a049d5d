"""Issue 18 #8: what happens to a push when the worker dies after handing it to the platform and before
marking it sent — decided per kind and written in the README (推送的送达保证):
- a scheduled digest is sent at most once: it is not sent again, it is marked dead and recorded (push_dead);
- everything else (replies, filing notices, reminders, alerts) is sent at least once: it is sent again."""

from __future__ import annotations

import contextlib

import datetime as dt

from sqlalchemy import select

from bot.clock import TZ, FixedClock
from bot.outbox import LEASE, Claimed, OutboxWorker, enqueue
from bot.push import Push, dead_push_recorder
from bot.scheduler.render import Digest
from storage.models import Notification, Outbox

MONDAY = dt.datetime(2026, 11, 23, 10, 0, tzinfo=TZ)


class Crash(BaseException):
    """kill -9 between the platform's answer and the commit that marks the push sent."""


class Platform:
    def __init__(self, crash: bool) -> None:
        self.received: list[str] = []
        self.crash = crash

    def send(self, push: Claimed) -> None:
        self.received.append(str(push.payload.get("text")))
        if self.crash:
            raise Crash


def _run_with_a_crash(db, push: Push, key: str) -> tuple[list[str], Outbox]:
    clock = FixedClock(MONDAY)
    with db.session() as s:
        enqueue(s, "console", "group-1", push.payload(), key, now=clock.now())
    platform = Platform(crash=True)
    first = OutboxWorker(db, {"console": platform}, clock, owner="worker-1")
    with contextlib.suppress(Crash):
        first.run_once()
    clock.advance(LEASE + dt.timedelta(seconds=1))  # the dead worker's claim expires
    platform.crash = False
    OutboxWorker(db, {"console": platform}, clock, owner="worker-2",
                 on_dead=dead_push_recorder(clock)).run_once()
    with db.session() as s:
        row = s.scalars(select(Outbox).where(Outbox.dedupe_key == key)).one()
    return platform.received, row


def test_a_digest_is_sent_at_most_once_after_a_crash_mid_send(db) -> None:
    digest = Digest(title="每周一分析｜城关镇 第47周", headline=["上周召开会议3次"]).push()
    received, row = _run_with_a_crash(db, digest, "weekly:2026-W47:conv:1")
    assert len(received) == 1
    assert row.status == "dead" and "可能已发出" in (row.last_error or "")
    with db.session() as s:
        [note] = s.scalars(select(Notification).where(Notification.kind == "push_dead"))
        assert "每周一分析" in note.text


def test_a_notice_is_sent_at_least_once_after_a_crash_mid_send(db) -> None:
    notice = Push(title="报备待审批 #12", text="【报备待审批】#12 城关镇张三报备：召开会议")
    received, row = _run_with_a_crash(db, notice, "filing:12:filed:1:conv:3")
    assert len(received) == 2 and received[0] == received[1]
    assert row.status == "sent"


def test_a_digest_the_platform_refused_for_now_is_still_retried(db) -> None:
    """At most once concerns only a push that may have arrived: a refusal (DeliveryError) is retried."""
    from bot.outbox import DeliveryError

    clock = FixedClock(MONDAY)
    digest = Digest(title="每周一分析｜城关镇 第47周", headline=["上周召开会议3次"]).push()
    with db.session() as s:
        enqueue(s, "console", "group-1", digest.payload(), "weekly:k", now=clock.now())
    calls: list[int] = []

    class Busy:
        def send(self, push: Claimed) -> None:
            calls.append(1)
            if len(calls) == 1:
                raise DeliveryError("45009 rate limited", retry_after=60)

    worker = OutboxWorker(db, {"console": Busy()}, clock)
    worker.run_once()
    clock.advance(dt.timedelta(seconds=61))
    worker.run_once()
    with db.session() as s:
        assert s.scalars(select(Outbox.status)).one() == "sent"
    assert len(calls) == 2
