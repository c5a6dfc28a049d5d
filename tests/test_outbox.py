"""The Outbox's guarantees, independent of any platform: dedupe, order per target, leases, backoff, rate."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select, update

from bot.outbox import Claimed, DeliveryError, OutboxWorker, RateLimit, enqueue
from storage.models import Outbox


class Recorder:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []
        self.down = False
        self.permanent = False

    def send(self, push: Claimed) -> dict[str, Any] | None:
        if self.permanent:
            raise DeliveryError("refused", permanent=True)
        if self.down:
            raise DeliveryError("endpoint down")
        self.sent.append((push.target, push.payload["n"]))
        return None


def queue(db, clock, items: list[tuple[str, str]], channel: str = "t") -> None:
    with db.session() as s:
        for target, n in items:
            enqueue(s, channel, target, {"n": n}, f"{target}:{n}", now=clock.now())


def worker(db, clock, rec, **kw) -> OutboxWorker:
    return OutboxWorker(db, {"t": rec}, clock, owner="test", **kw)


def test_same_dedupe_key_is_queued_once(db, clock):
    with db.session() as s:
        assert enqueue(s, "t", "a", {"n": "1"}, "k", now=clock.now()) is not None
        assert enqueue(s, "t", "a", {"n": "1"}, "k", now=clock.now()) is None
        assert len(s.scalars(select(Outbox)).all()) == 1


def test_outage_then_recovery_delivers_in_order_once(db, clock):
    rec = Recorder()
    queue(db, clock, [("a", "1"), ("a", "2"), ("b", "1"), ("a", "3")])
    rec.down = True
    w = worker(db, clock, rec)
    for _ in range(24):  # two hours of retries, five minutes apart
        w.run_once()
        clock.advance(dt.timedelta(minutes=5))
    assert rec.sent == []
    rec.down = False
    clock.advance(dt.timedelta(minutes=10))
    w.run_once()
    w.run_once()
    assert [n for t, n in rec.sent if t == "a"] == ["1", "2", "3"]
    assert rec.sent.count(("b", "1")) == 1 and len(rec.sent) == 4
    assert w.pending() == 0


def test_row_held_by_another_worker_blocks_later_rows_of_its_target(db, clock):
    rec = Recorder()
    queue(db, clock, [("a", "1"), ("a", "2"), ("b", "1")])
    with db.session() as s:
        first = s.scalars(select(Outbox).order_by(Outbox.id)).first()
        s.execute(update(Outbox).where(Outbox.id == first.id).values(
            locked_until=clock.now() + dt.timedelta(seconds=30), lock_owner="other"))
    worker(db, clock, rec).run_once()
    assert rec.sent == [("b", "1")]
    clock.advance(dt.timedelta(minutes=1))  # the other worker's lease lapsed: its row is taken over
    worker(db, clock, rec).run_once()
    assert rec.sent == [("b", "1"), ("a", "1"), ("a", "2")]


def test_rate_limit_defers_without_losing(db, clock):
    rec = Recorder()
    queue(db, clock, [("a", str(i)) for i in range(25)])
    w = worker(db, clock, rec, rate_limits={"t": RateLimit(20, dt.timedelta(minutes=1))})
    w.run_once()
    assert len(rec.sent) == 20
    w.run_once()
    assert len(rec.sent) == 20
    clock.advance(dt.timedelta(seconds=61))
    w.run_once()
    assert [n for _, n in rec.sent] == [str(i) for i in range(25)]


def test_permanent_failure_goes_dead_and_is_not_retried(db, clock):
    rec = Recorder()
    rec.permanent = True
    dead: list[str] = []
    queue(db, clock, [("a", "1")])
    w = worker(db, clock, rec, on_dead=lambda row, err: dead.append(row.dedupe_key))
    w.run_once()
    clock.advance(dt.timedelta(hours=1))
    rec.permanent = False
    w.run_once()
    assert rec.sent == [] and dead == ["a:1"]
    with db.session() as s:
        assert s.scalars(select(Outbox.status)).one() == "dead"


def test_daytime_only_pushes_wait_for_the_morning_replies_do_not(db, clock):
    rec = Recorder()
    clock.set(dt.datetime(2026, 11, 23, 19, 55, tzinfo=clock.now().tzinfo))
    with db.session() as s:
        enqueue(s, "t", "group", {"n": "digest", "daytime_only": True}, "digest", now=clock.now())
        enqueue(s, "t", "session", {"n": "reply"}, "reply", now=clock.now())
    rec.down = True
    w = worker(db, clock, rec)
    w.run_once()  # both fail at 19:55
    rec.down = False
    clock.advance(dt.timedelta(minutes=20))  # 20:15: the outage is over
    for _ in range(3):
        w.run_once()
        clock.advance(dt.timedelta(minutes=10))
    assert rec.sent == [("session", "reply")]
    clock.set(dt.datetime(2026, 11, 24, 7, 59, tzinfo=clock.now().tzinfo))
    w.run_once()
    assert rec.sent == [("session", "reply")]
    clock.set(dt.datetime(2026, 11, 24, 8, 0, tzinfo=clock.now().tzinfo))
    w.run_once()
    assert rec.sent == [("session", "reply"), ("group", "digest")]


def test_many_rows_not_yet_due_do_not_starve_a_due_one(db, clock):
    rec = Recorder()
    with db.session() as s:
        for i in range(300):
            enqueue(s, "t", f"later-{i}", {"n": str(i)}, f"later-{i}",
                    due_at=clock.now() + dt.timedelta(hours=1), now=clock.now())
        enqueue(s, "t", "now", {"n": "reply"}, "reply", now=clock.now())
    worker(db, clock, rec, batch=10).run_once()
    assert rec.sent == [("now", "reply")]


def test_a_push_failing_for_days_is_given_up_with_its_reason(db, clock):
    rec = Recorder()
    rec.down = True
    queue(db, clock, [("a", "1")])
    w = worker(db, clock, rec)
    for _ in range(3 * 24 * 6 + 12):  # three days and more, every ten minutes
        w.run_once()
        clock.advance(dt.timedelta(minutes=10))
    with db.session() as s:
        row = s.scalars(select(Outbox)).one()
        assert row.status == "dead" and "endpoint down" in row.last_error
