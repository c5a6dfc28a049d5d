"""tick(now): work out what is due from the schedule, the working-day calendar and what is already
queued, and queue it. APScheduler calls it every minute; tests drive it with a FixedClock.

Exactly once, with several web workers and a clock process:
1. a Lease lets one process tick (the others return at once): the holder renews it every tick and keeps
   it; when it dies, another process takes over once the lease expires (LEASE_TTL);
2. every push has a dedupe key, "<job>:<period>:conv:<id>" and the like, unique in the Outbox, so even
   two ticks that both get past the lease (an expired lease, a clock jump) queue each push once;
3. Notification rows carry their own unique key, and are written in the same transaction as the push.
A push missed while every process was down is queued at the next tick within its grace (working days).
A unit's digest with nothing in it (digests: `quiet`) is not queued; the tick remembers that until the
ledger changes (or the day does), so it is not rebuilt every minute — and is sent after all, within its
grace, if the unit records something for the period meanwhile.
Nothing is queued at night or on a holiday: the tick does nothing outside the push window.

A tick never holds chat up (issue 18): it plans and builds every push in a read unit
(Database.read(): a snapshot, no write lock), with every figure worked out for all units at
once (bot.scheduler.batch), then queues the pushes in short write units of QUEUE_CHUNK pushes each.
The counting rules are brought up to date first, in their own short write unit.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.channels.registry import Channels
from bot.clock import TZ, Clock, SystemClock
from bot.outbox import default_owner, enqueue, outbox_row
from bot.push import CHART_SUFFIX, Push
from bot.scheduler import digests, lease, periods, reminders
from bot.scheduler.batch import batched
from bot.scheduler.config import JOBS, ScheduleConfig
from bot.scheduler.figures import quota_thresholds
from bot.scheduler.planned import Note, Planned
from bot.scheduler.targets import Scope, Target, as_group_takes, digest_targets, push_conversations
from bot.stats.service import CountingRulesError, current_rules
from config.settings import CONFIG_DIR, Settings
from storage.db import Database
from storage.models import Conversation, Entry, Notification, Outbox, Quota, QuotaAdjustment

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

LEASE_NAME = "scheduler:tick"
LEASE_TTL = dt.timedelta(minutes=5)
QUEUE_CHUNK = 100  # pushes per write unit: each holds SQLite's write lock for milliseconds


@dataclass(frozen=True)
class Ready:
    """A push built in the read unit, with its route, waiting to be queued (plain values only)."""

    key: str
    channel: str
    target: str
    payload: dict[str, object]
    notes: tuple[Note, ...]


@dataclass
class TickReport:
    at: dt.datetime
    skipped: str | None = None  # "quiet" (night/holiday) or "lease" (another process is ticking)
    queued: list[str] = field(default_factory=list)  # dedupe keys queued by this tick

    def __bool__(self) -> bool:
        return bool(self.queued)


def refresh_scope(session: Session, services: Services, now: dt.datetime) -> None:
    """Bring every entry's 口径 (in_scope) up to date, as a statistics answer does before counting."""
    try:
        with session.begin_nested():
            current_rules(session, services, now)
    except CountingRulesError as exc:  # a broken counting_rules.yaml: count with the last good scope
        log.error("counting rules not applied before a digest: %s", exc)
    except IntegrityError:  # another process recorded the same refresh at the same moment
        log.info("counting rules refreshed concurrently by another process")


def current_config(services: Services) -> ScheduleConfig:
    """schedules.yaml with the quota thresholds the rules use right now."""
    return services.schedules.current().with_thresholds(*quota_thresholds(services.rules))


def _services_of(db: Database, clock: Clock, config_dir: Path | None) -> Services:
    """Services for a Scheduler made without a runtime (tests, tools): the config folder's files."""
    from bot.services import Services

    return Services.from_settings(Settings(database_url=db.url, config_dir=config_dir or CONFIG_DIR), db, clock)


class Scheduler:
    def __init__(
        self,
        db: Database,
        clock: Clock | None = None,
        config: ScheduleConfig | None = None,
        channels: Channels | None = None,
        owner: str | None = None,
        exclusive: bool = True,
        config_dir: Path | None = None,
        services: Services | None = None,
    ) -> None:
        self.db = db
        self.clock = clock or SystemClock()
        # The runtime's (counting rules, filing settings, rules); alone, those of config_dir.
        self.services = services or _services_of(db, self.clock, config_dir)
        self.config = config or self.services.schedules.current()
        self.calendar = self.config.calendar  # equal settings, one object: the parser's and the rules' (bot.calendar)
        self.channels = channels or self.services.channels  # where each group's pushes go
        self.owner = owner or f"{default_owner()}:{uuid.uuid4().hex[:6]}"
        self.exclusive = exclusive  # False only in tests that prove the dedupe keys alone suffice
        self._lease_until: dt.datetime | None = None
        self._quota_seen: tuple[object, ...] | None = None
        self._quota_pending: tuple[object, ...] | None = None
        self._quiet: dict[tuple[str, str], tuple[object, ...]] = {}  # (period, scope) → ledger state

    def close(self) -> None:
        """Hand the lease back (on shutdown), so another process takes over at its next tick."""
        if self.exclusive:
            lease.release(self.db, LEASE_NAME, self.owner)
            self._lease_until = None

    def _hold_lease(self, now: dt.datetime) -> bool:
        """Take or renew the lease; renewal is skipped while more than half of it is left."""
        if self._lease_until is not None and now < self._lease_until - LEASE_TTL / 2:
            return True
        if lease.acquire(self.db, LEASE_NAME, self.owner, now, LEASE_TTL):
            self._lease_until = now + LEASE_TTL
            return True
        self._lease_until = None
        return False

    # --- the tick ------------------------------------------------------------------------------

    def tick(self, now: dt.datetime | None = None) -> TickReport:
        now = now or self.clock.now()
        report = TickReport(at=now)
        if not self.calendar.deliverable(now):
            report.skipped = "quiet"
            return report
        if self.exclusive and not self._hold_lease(now):
            report.skipped = "lease"
            return report
        self.config = self.config.with_thresholds(*quota_thresholds(self.services.rules))
        with self.db.session() as session:  # a short write unit: 口径 of entries changed since the last tick
            refresh_scope(session, self.services, self.clock.now())
        with self.db.read() as session, batched(session):
            ready = self.build(session, self.plan(session, now))
        report.queued = self.queue(ready, now)
        self._quota_seen = self._quota_pending  # committed: those alerts are queued
        if report.queued:
            log.info("scheduler queued %d push(es): %s", len(report.queued), ", ".join(report.queued[:5]))
        return report

    def plan(self, session: Session, now: dt.datetime) -> list[Planned]:
        """Everything due now, in the order it should reach each group: digests, reminders, alerts."""
        planned: list[Planned] = []
        cache: dict[tuple[str, str], Push | None] = {}
        scopes: dict[str, Scope] = {}
        conversations = push_conversations(session, self.channels)
        state = self._quota_state(session, now, conversations)
        self._quiet = {k: v for k, v in self._quiet.items() if v == state}
        due: dict[tuple[object, ...], list[periods.Occurrence]] = {}  # most groups share one setting
        for job in JOBS:
            defaults = self.config.digests[job]
            for target in digest_targets(session, self.config, job, self.channels, conversations):
                s = target.setting
                key = (job, s.day, s.time, s.since)
                if key not in due:
                    due[key] = periods.due(job, now, s.day, s.time, defaults.grace_workdays, self.calendar, s.since)
                for occ in due[key]:
                    planned.append(Planned(
                        key=occ.key(target.conversation.id), conversation=target.conversation, kind=job,
                        build=self._digest_builder(session, occ, target, scopes, cache, state),
                    ))
        approver_units = self.services.filing.current().approver_units
        planned += reminders.event_reminders(session, self.config, self.calendar, now, conversations, approver_units)
        planned += reminders.archive_reminders(session, self.config, self.calendar, now, conversations)
        if state != self._quota_seen:  # quota usage is only worked out again when something changed
            planned += reminders.quota_alerts(session, self.config, now, conversations)
        self._quota_pending = state
        return planned

    def build(self, session: Session, planned: list[Planned]) -> list[Ready]:
        """Build what is not queued yet, with its route (as bot.push.push_to_conversation routes it)."""
        queued_before = self._existing_keys(session, [p.key for p in planned])
        ready: list[Ready] = []
        for item in planned:
            if item.key in queued_before:
                continue
            push = item.build()
            if push is None:
                continue  # nothing worth sending (an empty unit digest)
            where = self.channels.route(item.conversation)
            if where is None:
                continue
            push = as_group_takes(push, item.conversation)
            ready.append(Ready(item.key, where.channel, where.target, push.payload(), tuple(item.notes)))
            chart = push.chart_payload()
            if chart is not None:  # right behind its text (bot.push.push_to_conversation queues it the same way)
                ready.append(Ready(item.key + CHART_SUFFIX, where.channel, where.target, chart, ()))
        return ready

    def queue(self, ready: list[Ready], now: dt.datetime) -> list[str]:
        """Queue the pushes, QUEUE_CHUNK to a write unit; log their notifications once. Returns the keys queued."""
        done: list[str] = []
        for i in range(0, len(ready), QUEUE_CHUNK):
            chunk = ready[i:i + QUEUE_CHUNK]
            with self.db.session() as session:
                try:  # the whole chunk in one flush; nobody else queued these keys since the read
                    with session.begin_nested():
                        session.add_all([outbox_row(r.channel, r.target, r.payload, r.key, now, now) for r in chunk])
                        session.flush()
                    queued = chunk
                except IntegrityError:  # another process queued some a moment ago: one by one
                    queued = [r for r in chunk
                              if enqueue(session, r.channel, r.target, r.payload, r.key, due_at=now, now=now)]
                for item in queued:
                    done.append(item.key)
                    for note in item.notes:
                        _log_note(session, note, now)
        return done

    # --- helpers -------------------------------------------------------------------------------

    def _digest_builder(self, session: Session, occ: periods.Occurrence, target: Target,
                        scopes: dict[str, Scope], cache: dict[tuple[str, str], Push | None],
                        state: tuple[object, ...]) -> Callable[[], Push | None]:
        """Build a scope's digest once per tick, however many groups share it, and only if needed;
        None when it is quiet (found so before, with the ledger as it is now: not built again)."""
        def build() -> Push | None:
            scope = target.scope(session, scopes)
            key = (occ.key(0), scope.key)
            if self._quiet.get(key) == state:
                return None
            if key not in cache:
                digest = digests.build(session, occ, scope, self.config)
                cache[key] = None if digest.quiet else digest.push(self.config.max_detail_lines)
                if digest.quiet:
                    self._quiet[key] = state
            return cache[key]

        return build

    def _quota_state(self, session: Session, now: dt.datetime, conversations: list[Conversation]) -> tuple[object, ...]:
        """What quota alerts depend on: the day, the ledger, the quotas, the groups, the thresholds."""
        # Every change of an entry (status, scope, date …) moves updated_at (indexed); the day is part of
        # the state too, so anything missed is looked at again the next day at the latest.
        aggregates = (
            func.count(Entry.id), func.max(Entry.updated_at), func.max(Entry.id),
            func.count(Quota.id), func.sum(Quota.limit),
            func.count(QuotaAdjustment.id), func.max(QuotaAdjustment.id),
        )
        row = session.execute(select(*(select(a).scalar_subquery() for a in aggregates))).one()
        return (now.astimezone(TZ).date(), tuple(row), tuple(c.id for c in conversations), self.config.quota)

    @staticmethod
    def _existing_keys(session: Session, keys: Iterable[str]) -> set[str]:
        keys = list(keys)
        found: set[str] = set()
        for i in range(0, len(keys), 500):
            found |= set(session.scalars(select(Outbox.dedupe_key).where(Outbox.dedupe_key.in_(keys[i:i + 500]))))
        return found


def _log_note(session: Session, note: Note, now: dt.datetime) -> None:
    row = Notification(kind=note.kind, unit_id=note.unit_id, member_id=note.member_id, entry_id=note.entry_id,
                       text=note.text, at=now, dedupe_key=note.key)
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        pass  # logged already for another group of the same unit
