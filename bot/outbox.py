"""Pushes go through the Outbox table so a restart or an outage loses nothing and sends nothing twice.

- `enqueue` inserts a push under a dedupe key; the same key twice is ignored (exactly-once intent).
- `OutboxWorker.run_once` claims due rows one by one with a conditional UPDATE (a lease, so several
  processes can run workers), sends them in order per target, and on failure backs off and retries.
- The sender contract: a sender is handed the row the worker claimed (`Claimed`) and sends one message;
  what did not fit in it comes back as the payload of the rest, which the worker queues as the next row
  in line for the same target (dedupe key "<root>#p<n>") in the transaction that marks the row sent.
  So every part is retried on its own, rate limits count real messages, and senders never touch rows.
- Rate limits are counted from the table itself (rows sent to the target in the last window), so they
  hold across processes.
- A push given up (refused for good, or failing past MAX_AGE) goes "dead" and `on_dead` is told.
- A crash between handing a push to the platform and marking it sent (issue 18): by default the push is
  sent again when its claim expires (at least once: a lost reply or notice costs more than a double). A
  push whose payload says AT_MOST_ONCE is marked "sending" (committed) before it goes out; found still
  "sending" after its claim expired, it is not sent again but marked dead ("可能已发出") and `on_dead` is
  told, so an admin can re-send it (`push-now`) if it never arrived. The scheduled digests are such pushes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import and_, exists, func, or_, select, update
from sqlalchemy.orm import aliased
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.calendar import WorkCalendar, work_calendar
from bot.clock import Clock, SystemClock
from storage.db import Database
from storage.models import Outbox
from storage.repo import rows_updated

log = logging.getLogger(__name__)

LEASE = dt.timedelta(seconds=60)
AT_MOST_ONCE = "at_most_once"  # payload flag: never send twice, even after a crash mid-send
SENDING = "sending"  # status of an at-most-once push while it is being handed to the platform
CRASHED_MID_SEND = "进程在发送中途退出，可能已发出，按“至多一次”不再重发"
MAX_BACKOFF = dt.timedelta(minutes=10)
# A push still failing this long after it was queued is given up (status "dead", reason kept):
# long enough to ride out any outage, short enough that a stale digest is not sent days late.
MAX_AGE = dt.timedelta(days=3)


class DeliveryError(Exception):
    """A push failed. `permanent` ones are not retried; others retry after `retry_after` or a backoff."""

    def __init__(self, message: str, *, permanent: bool = False, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.retry_after = retry_after


@dataclass(frozen=True)
class Claimed:
    """The Outbox row a worker claimed, as its sender gets it."""

    id: int
    channel: str
    target: str
    payload: dict[str, Any]
    dedupe_key: str
    created_at: dt.datetime

    @property
    def part(self) -> int:
        """1 for a push as queued; n for the n-th part of a split push."""
        return int(self.payload.get(PART_KEY) or 1)


class Sender(Protocol):
    def send(self, push: Claimed) -> dict[str, Any] | None:
        """Deliver the push (or as much of it as one message takes) or raise DeliveryError.

        Returns the payload of the rest still to send (the worker queues it next in line, its part
        number in payload["_part"]), or None when everything went."""


# Keys the worker adds to the payload of a rest: the dedupe key of the push it belongs to, its part number.
ROOT_KEY = "_root"
PART_KEY = "_part"


@dataclass(frozen=True)
class RateLimit:
    count: int
    window: dt.timedelta


def enqueue(
    session: Session,
    channel: str,
    target: str,
    payload: dict[str, Any],
    dedupe_key: str,
    due_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Outbox | None:
    """Queue a push; returns None when a push with this dedupe key exists already."""
    row = outbox_row(channel, target, payload, dedupe_key, due_at, now)
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        return None
    return row


def outbox_row(channel: str, target: str, payload: dict[str, Any], dedupe_key: str,
               due_at: dt.datetime | None = None, now: dt.datetime | None = None) -> Outbox:
    """The row `enqueue` adds (for callers that add many at once and fall back to `enqueue` on a clash)."""
    return Outbox(channel=channel, target=target, payload=payload, dedupe_key=dedupe_key,
                  due_at=due_at or now or dt.datetime.now(dt.UTC), created_at=now or dt.datetime.now(dt.UTC))


def default_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class OutboxWorker:
    def __init__(
        self,
        db: Database,
        senders: dict[str, Sender],
        clock: Clock | None = None,
        rate_limits: dict[str, RateLimit] | None = None,
        owner: str | None = None,
        batch: int = 50,
        on_dead: Callable[[Outbox, str], None] | None = None,
        calendar: WorkCalendar | None = None,
    ) -> None:
        self.db = db
        self.senders = senders
        self.clock = clock or SystemClock()
        self.rate_limits = rate_limits or {}
        self.owner = owner or default_owner()
        self.batch = batch
        self.on_dead = on_dead
        self.calendar = calendar  # None: bot.calendar.work_calendar() at each delivery (follows schedules.yaml)

    def run_once(self, max_rounds: int = 200) -> int:
        """Send what is due now (a target's queued pushes one after another); returns how many."""
        total = 0
        for _ in range(max_rounds):
            sent = self._round(self.clock.now())
            total += sent
            if not sent:
                break
        return total

    def _round(self, now: dt.datetime) -> int:
        self._give_up_interrupted(now)
        sent = 0
        blocked_targets: set[tuple[str, str]] = set()
        for row_id, channel, target in self._due(now):
            if (channel, target) in blocked_targets:
                continue  # an earlier push to this target waits: keep the order
            if not self._claim(row_id, now):
                blocked_targets.add((channel, target))
                continue
            delay = self._rate_delay(channel, target, now)
            if delay is not None:
                self._release(row_id, now + delay, error=None, count_attempt=False)
                blocked_targets.add((channel, target))
                continue
            if self._deliver(row_id, now):
                sent += 1
            else:
                blocked_targets.add((channel, target))
        return sent

    def send_now(self, row_id: int) -> bool:
        """Deliver one queued push right away (a reply the user waits for), unless an earlier push to
        the same target is still pending: order per target wins. On failure it stays queued."""
        now = self.clock.now()
        with self.db.session() as session:
            row = session.get(Outbox, row_id)
            if row is None or row.status != "pending":
                return False
            earlier = session.scalar(
                select(func.count(Outbox.id)).where(
                    Outbox.channel == row.channel, Outbox.target == row.target,
                    Outbox.status == "pending",
                    or_(Outbox.created_at < row.created_at,
                        and_(Outbox.created_at == row.created_at, Outbox.id < row_id)),
                )
            )
        if earlier or not self._claim(row_id, now):
            return False
        return self._deliver(row_id, now)

    def pending(self) -> int:
        with self.db.session() as session:
            return int(session.scalar(select(func.count(Outbox.id)).where(Outbox.status == "pending")) or 0)

    # --- steps -----------------------------------------------------------------------------

    def _due(self, now: dt.datetime) -> list[tuple[int, str, str]]:
        """Due, unclaimed rows in (created_at, id) order, each the earliest pending row of its target
        (a sender may queue the parts of a split push ahead of later pushes by their created_at): a row not
        yet due or held by another worker blocks the later rows of its target (order per target),
        and never the rows of other targets."""
        earlier = aliased(Outbox)
        with self.db.session() as session:
            rows = session.execute(
                select(Outbox.id, Outbox.channel, Outbox.target)
                .where(
                    Outbox.status == "pending",
                    Outbox.due_at <= now,
                    or_(Outbox.locked_until.is_(None), Outbox.locked_until < now),
                    ~exists().where(
                        earlier.channel == Outbox.channel,
                        earlier.target == Outbox.target,
                        earlier.status == "pending",
                        or_(
                            earlier.created_at < Outbox.created_at,
                            and_(earlier.created_at == Outbox.created_at, earlier.id < Outbox.id),
                        ),
                    ),
                )
                .order_by(Outbox.created_at, Outbox.id)
                .limit(self.batch)
            ).all()
        return [(row_id, channel, target) for row_id, channel, target in rows]

    def _claim(self, row_id: int, now: dt.datetime) -> bool:
        with self.db.session() as session:
            claimed = rows_updated(
                session,
                update(Outbox)
                .where(
                    Outbox.id == row_id,
                    Outbox.status == "pending",
                    or_(Outbox.locked_until.is_(None), Outbox.locked_until < now),
                )
                .values(locked_until=now + LEASE, lock_owner=self.owner),
            )
        return bool(claimed)

    def _rate_delay(self, channel: str, target: str, now: dt.datetime) -> dt.timedelta | None:
        limit = self.rate_limits.get(channel)
        if limit is None:
            return None
        since = now - limit.window
        with self.db.session() as session:
            recent = list(
                session.scalars(
                    select(Outbox.sent_at)
                    .where(Outbox.channel == channel, Outbox.target == target, Outbox.sent_at > since)
                    .order_by(Outbox.sent_at)
                )
            )
        if len(recent) < limit.count:
            return None
        oldest = recent[len(recent) - limit.count] or now
        return (oldest + limit.window) - now + dt.timedelta(seconds=1)

    def _deliver(self, row_id: int, now: dt.datetime) -> bool:
        with self.db.session() as session:
            row = session.get(Outbox, row_id)
            assert row is not None
            claimed = Claimed(row.id, row.channel, row.target, dict(row.payload), row.dedupe_key, row.created_at)
            channel, payload = claimed.channel, claimed.payload
        opens = self._next_daytime(now) if payload.get("daytime_only") else None
        if opens is not None:
            self._release(row_id, opens, error=None, count_attempt=False)
            return False
        sender = self.senders.get(channel)
        if sender is None:
            self._release(row_id, now + MAX_BACKOFF, error=f"no sender for channel {channel}")
            return False
        if payload.get(AT_MOST_ONCE) and not self._mark_sending(row_id, now):
            return False
        try:
            rest = sender.send(claimed)
        except DeliveryError as exc:
            if exc.permanent:
                self._mark_dead(row_id, str(exc))
            else:
                with self.db.session() as session:
                    attempts = (session.get(Outbox, row_id) or Outbox(attempts=0)).attempts
                wait = (
                    dt.timedelta(seconds=exc.retry_after)
                    if exc.retry_after is not None
                    else min(dt.timedelta(seconds=30 * 2 ** min(attempts, 16)), MAX_BACKOFF)
                )
                self._release(row_id, now + wait, error=str(exc))
            return False
        except Exception as exc:  # a bug or a network failure the sender did not classify
            log.exception("push %s failed", row_id)
            self._release(row_id, now + MAX_BACKOFF, error=repr(exc))
            return False
        with self.db.session() as session:
            session.execute(
                update(Outbox)
                .where(Outbox.id == row_id)
                .values(status="sent", sent_at=self.clock.now(), locked_until=None,
                        attempts=Outbox.attempts + 1, last_error=None)
            )
            if rest is not None:
                queue_rest(session, claimed, rest, self.clock.now())
        return True

    def _mark_sending(self, row_id: int, now: dt.datetime) -> bool:
        """Commit that an at-most-once push is being handed over, while this worker holds its claim."""
        with self.db.session() as session:
            return bool(rows_updated(session, update(Outbox).where(
                Outbox.id == row_id, Outbox.status == "pending", Outbox.lock_owner == self.owner,
            ).values(status=SENDING, locked_until=now + LEASE)))

    def _give_up_interrupted(self, now: dt.datetime) -> None:
        """At-most-once pushes left "sending" by a worker that died mid-send: dead, never resent."""
        with self.db.session() as session:
            stale = list(session.scalars(select(Outbox.id).where(Outbox.status == SENDING,
                                                                 Outbox.locked_until < now)))
        for row_id in stale:
            with self.db.session() as session:
                taken = rows_updated(session, update(Outbox).where(
                    Outbox.id == row_id, Outbox.status == SENDING, Outbox.locked_until < now,
                ).values(status="pending", locked_until=now + LEASE, lock_owner=self.owner))
            if taken:
                log.warning("push %s was being sent when its worker stopped; not sent again", row_id)
                self._mark_dead(row_id, CRASHED_MID_SEND)

    def _next_daytime(self, now: dt.datetime) -> dt.datetime | None:
        """None inside the push window (a working day, daytime); else when it opens next."""
        opens = (self.calendar or work_calendar()).next_deliverable(now)
        return None if opens <= now else opens

    def _release(
        self, row_id: int, due_at: dt.datetime, error: str | None, count_attempt: bool = True
    ) -> None:
        if error is not None:
            with self.db.session() as session:
                row = session.get(Outbox, row_id)
                too_old = row is not None and due_at - row.created_at > MAX_AGE
            if too_old:
                self._mark_dead(row_id, f"giving up after {MAX_AGE.days} days: {error}")
                return
        values: dict[str, Any] = {"due_at": due_at, "locked_until": None, "status": "pending"}
        if error is not None:
            values["last_error"] = error[:2000]
        if count_attempt:
            values["attempts"] = Outbox.attempts + 1
        with self.db.session() as session:
            session.execute(update(Outbox).where(Outbox.id == row_id).values(**values))

    def _mark_dead(self, row_id: int, error: str) -> None:
        with self.db.session() as session:
            session.execute(
                update(Outbox)
                .where(Outbox.id == row_id)
                .values(status="dead", last_error=error[:2000], locked_until=None,
                        attempts=Outbox.attempts + 1)
            )
            row = session.get(Outbox, row_id)
            if self.on_dead is not None and row is not None:
                self.on_dead(row, error)


def queue_rest(session: Session, sent: Claimed, rest: dict[str, Any], now: dt.datetime) -> Outbox | None:
    """Queue the rest of a split push right behind the part just sent: next in line for its target.

    The worker sends a target's rows in (created_at, id) order, and every row before the part sent went
    before it; one microsecond earlier than that part puts the rest first in line, ahead of later pushes
    even when a batch was queued with one timestamp."""
    root = str(sent.payload.get(ROOT_KEY) or sent.dedupe_key)
    if len(root) > 200:
        root = hashlib.sha256(root.encode()).hexdigest()
    part = sent.part + 1
    once = {AT_MOST_ONCE: True} if sent.payload.get(AT_MOST_ONCE) else {}
    row = enqueue(session, sent.channel, sent.target, {**rest, **once, ROOT_KEY: root, PART_KEY: part},
                  f"{root}#p{part}", now=now)
    if row is not None:
        row.created_at = sent.created_at - dt.timedelta(microseconds=1)
        session.flush()
        log.info("push %s split: part %d queued", sent.id, part)
    return row
