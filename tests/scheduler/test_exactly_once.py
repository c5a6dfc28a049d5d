"""Issue 8: each push for a (job, period, target) is sent once — with two scheduler instances ticking at
the same moment, with a push endpoint down for two hours, and across a process that was down.

Runs on SQLite by default and on PostgreSQL when TEST_DATABASE_URL is set (conftest's `db`).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter

import pytest
from sqlalchemy import delete, func, select

from bot.clock import FixedClock
from bot.scheduler import Scheduler
from bot.scheduler.config import load_config
from bot.scheduler.runner import LEASE_TTL
from storage.db import Database
from storage.models import Conversation, Notification, Outbox, Quota, Unit
from sched_support import FakeEndpoint, add_entry, at

MONDAY_9 = at(2026, 11, 23, 9)  # weekly digests of week 47 are due
AFTER_NATIONAL_DAY = at(2026, 10, 8, 9)  # weekly + monthly + quarterly at once


@pytest.fixture
def ledger(demo_db: Database) -> Database:
    """Demo org, a WeCom group for 县委办, some entries, an exceeded quota and a filed meeting tomorrow;
    every unit received a document in week 40 and week 47, so that no unit's digest is skipped as empty."""
    with demo_db.session() as s:
        office = s.scalar(select(Unit).where(Unit.name == "县委办"))
        town = s.scalar(select(Unit).where(Unit.name == "城关镇"))
        s.add(Conversation(platform="wecom", external_id="wrOffice", title="县委办减负群", unit=office,
                           push_target="robot-key-office"))
        s.execute(delete(Quota))  # this ledger's quota only, not the demo organisation's
        s.add(Quota(unit_id=town.id, kind="meeting", direction="outgoing", period="year", year=2026, limit=3))
    for day in (16, 17, 18):
        add_entry(demo_db, "城关镇", "meeting", "outgoing", dt.date(2026, 11, day))
    add_entry(demo_db, "城关镇", "meeting", "outgoing", dt.date(2026, 11, 24), status="approved", title="部署会")
    with demo_db.session() as s:
        names = [u.name for u in s.scalars(select(Unit).where(Unit.level != "county"))]
    for name in names:
        for day in (dt.date(2026, 9, 29), dt.date(2026, 11, 19)):
            add_entry(demo_db, name, "document", "incoming", day)
    return demo_db


def _keys(db: Database) -> Counter[str]:
    with db.session() as s:
        return Counter(s.scalars(select(Outbox.dedupe_key)))


def _groups(db: Database) -> int:
    """Groups that get digests: all but those bound to the county unit itself (示范县; the county
    office's groups get the county digest)."""
    with db.session() as s:
        return int(s.scalar(select(func.count(Conversation.id)).join(Unit, Conversation.unit_id == Unit.id)
                            .where(Unit.level != "county")) or 0)


def _run_together(*calls):
    """Start the calls at the same instant in threads; return their results, re-raising any error."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = calls[i]()
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    if errors:
        raise errors[0]
    return results


@pytest.mark.parametrize("exclusive", [True, False], ids=["with-lease", "dedupe-keys-alone"])
def test_two_scheduler_instances_never_send_a_digest_twice(ledger, exclusive):
    clock = FixedClock(MONDAY_9)
    dbs = [Database(ledger.url), Database(ledger.url)]
    try:
        instances = [Scheduler(db, clock, load_config(), owner=f"proc-{i}", exclusive=exclusive)
                     for i, db in enumerate(dbs)]
        reports = []
        for minute in range(3):  # several rounds: later rounds must find everything queued
            clock.set(MONDAY_9 + dt.timedelta(minutes=minute))
            reports += _run_together(*(lambda s=s: s.tick() for s in instances))
        queued = [key for r in reports for key in r.queued]
        keys = _keys(ledger)
        assert max(keys.values()) == 1
        assert Counter(queued) == keys  # every queued key was queued by exactly one instance
        weekly = [k for k in keys if k.startswith("weekly:2026-W47:")]
        assert len(weekly) == _groups(ledger)
        assert any(k.startswith("quota:over_quota:") for k in keys)
        if exclusive:
            assert {r.skipped for r in reports[:2]} == {None, "lease"}
        with ledger.session() as s:
            notes = list(s.scalars(select(Notification)))
        assert len(notes) == len({n.dedupe_key for n in notes}) == 1  # one head, one alert, whatever the groups

        # Two outbox workers racing: each push reaches the endpoint once.
        endpoint = FakeEndpoint(clock)
        workers = [endpoint.worker(db, owner=f"worker-{i}") for i, db in enumerate(dbs)]
        for _ in range(3):
            _run_together(*(w.run_once for w in workers))
        delivered = Counter((d.channel, d.target, d.title) for d in endpoint.deliveries)
        assert len(endpoint.deliveries) == sum(keys.values())
        assert max(delivered.values()) == 1
    finally:
        for db in dbs:
            db.dispose()


def test_a_two_hour_outage_delivers_everything_after_recovery_in_order_once(ledger):
    clock = FixedClock(AFTER_NATIONAL_DAY - dt.timedelta(minutes=5))
    outage = (AFTER_NATIONAL_DAY, AFTER_NATIONAL_DAY + dt.timedelta(hours=2))
    endpoint = FakeEndpoint(clock, down=lambda now: outage[0] <= now < outage[1])
    scheduler = Scheduler(ledger, clock, load_config())
    worker = endpoint.worker(ledger)
    end = AFTER_NATIONAL_DAY + dt.timedelta(hours=3)
    while clock.now() <= end:  # the clock process: a tick every minute, the outbox worker after it
        scheduler.tick()
        worker.run_once()
        clock.advance(dt.timedelta(minutes=1))

    with ledger.session() as s:
        rows = list(s.scalars(select(Outbox).order_by(Outbox.id)))
    assert rows and all(r.status == "sent" for r in rows)
    assert endpoint.failures > 0
    assert not [d for d in endpoint.deliveries if outage[0] <= d.at < outage[1]]  # nothing got through while down
    late = [r for r in rows if r.created_at >= outage[0]]
    texts = [r for r in late if "chart" not in r.payload]  # the digests, not the charts after them
    assert len(texts) >= 3 * 2 + 2 * (_groups(ledger) - 2)  # the digests of 10-08 09:00 (county groups get 3)
    recovered = max(d.at for d in endpoint.deliveries)
    assert recovered <= outage[1] + dt.timedelta(minutes=15)  # backoff is capped at 10 minutes
    assert len(endpoint.deliveries) == len(rows)  # nothing twice
    office = [("图表" if "chart" in d.payload else d.title.split("｜")[0]) for d in endpoint.to("robot-key-office")]
    assert office == ["每周一分析", "每月一研判", "图表", "每季一通报", "图表"]  # in the order they were queued
    for target in {r.target for r in rows}:
        queued = [r.payload["title"] for r in rows if r.target == target]
        assert [d.title for d in endpoint.to(target)] == queued


def test_when_the_lease_holder_dies_another_process_takes_over_after_the_lease_expires(ledger):
    clock = FixedClock(MONDAY_9 - dt.timedelta(minutes=1))
    first = Scheduler(ledger, clock, load_config(), owner="first")
    early = first.tick()  # 08:59: no digest due yet (the quota alert is); "first" holds the lease, then dies
    assert early.queued and not [k for k in early.queued if k.startswith("weekly:")]
    clock.set(MONDAY_9 + dt.timedelta(minutes=1))
    second = Scheduler(ledger, clock, load_config(), owner="second")
    assert second.tick().skipped == "lease"  # the dead process's lease has not expired yet
    clock.set(MONDAY_9 - dt.timedelta(minutes=1) + LEASE_TTL + dt.timedelta(minutes=1))
    report = second.tick()
    assert len([k for k in report.queued if k.startswith("weekly:2026-W47:")]) == _groups(ledger)
    assert max(_keys(ledger).values()) == 1


def test_a_push_due_while_every_process_was_down_is_sent_on_return_once(ledger):
    scheduler = Scheduler(ledger, FixedClock(MONDAY_9), load_config(), owner="late")
    # Down all Monday; back at night: nothing is sent at night, the missed digest goes out next morning.
    assert scheduler.tick(at(2026, 11, 23, 22, 30)).skipped == "quiet"
    report = scheduler.tick(at(2026, 11, 24, 8, 0))
    weekly = [k for k in report.queued if k.startswith("weekly:2026-W47:")]
    assert len(weekly) == _groups(ledger)
    with ledger.session() as s:
        due = set(s.scalars(select(Outbox.due_at).where(Outbox.dedupe_key.in_(weekly))))
    assert due == {at(2026, 11, 24, 8, 0)}
    assert not scheduler.tick(at(2026, 11, 24, 8, 1))  # not doubled
    other = Scheduler(ledger, FixedClock(MONDAY_9), load_config(), owner="other", exclusive=False)
    assert not other.tick(at(2026, 11, 24, 9, 0))  # not even by a process that ignores the lease


def test_a_digest_missed_beyond_its_grace_is_dropped_not_sent_late(ledger):
    clock = FixedClock(at(2026, 11, 26, 10))  # Thursday: three working days after Monday 09:00
    report = Scheduler(ledger, clock, load_config()).tick()
    assert not [k for k in report.queued if k.startswith("weekly:")]
