"""One Outbox row = one WeCom message, even for a digest longer than WeCom's byte limit.

A long push is sent head first; the rest is queued as a new Outbox row that is next in line for
the target (dedupe key "<root>#p<n>"). So each part is retried on its own (a 45009 on part 2
never resends part 1), the worker's per-target rate limit counts real messages, and a restart in
between loses nothing. The Sender protocol gives a sender only (target, payload); the row being
delivered is the one the worker has just claimed for this target with this payload.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from bot.channels.wecom import api
from bot.channels.wecom.render import (
    MARKER_RESERVE,
    Rendered,
    limit_for,
    mark_part,
    render_payload,
    split_text,
)
from bot.clock import Clock
from bot.outbox import DeliveryError, enqueue
from storage.db import Database
from storage.models import Outbox

log = logging.getLogger(__name__)

# How many pending rows of one target are looked at to find the claimed one.
SCAN_LIMIT = 200


@dataclass(frozen=True)
class ClaimedRow:
    id: int
    dedupe_key: str
    created_at: dt.datetime
    earlier_pending: bool  # a row of the same target sorts before it and is still pending


def claimed_row(db: Database, channel: str, target: str, payload: dict[str, Any]) -> ClaimedRow | None:
    """The pending row the worker claimed for this push, or None when called outside a worker."""
    with db.session() as session:
        rows = session.execute(
            select(Outbox.id, Outbox.dedupe_key, Outbox.created_at, Outbox.payload, Outbox.locked_until)
            .where(Outbox.channel == channel, Outbox.target == target, Outbox.status == "pending")
            .order_by(Outbox.created_at, Outbox.id)
            .limit(SCAN_LIMIT)
        ).all()
    # The row being sent is claimed (locked_until set) and, among equal payloads, the latest claim:
    # not "claim still valid", since a slow worker run may outlive its lease.
    claimed = [(locked_until, position) for position, (_, _, _, row_payload, locked_until) in enumerate(rows)
               if locked_until is not None and row_payload == payload]
    if not claimed:
        return None
    _, position = max(claimed)
    row_id, key, created_at, _, _ = rows[position]
    return ClaimedRow(row_id, key, created_at, earlier_pending=position > 0)


def root_key(row: ClaimedRow, payload: dict[str, Any]) -> str:
    root = str(payload.get("_root") or row.dedupe_key)
    return root if len(root) <= 200 else hashlib.sha256(root.encode()).hexdigest()


def queue_tail(
    db: Database,
    channel: str,
    target: str,
    row: ClaimedRow,
    tail_payload: dict[str, Any],
    part: int,
    now: dt.datetime,
) -> None:
    """Queue the rest of a split push right behind the row being sent (idempotent on retry)."""
    key = f"{tail_payload['_root']}#p{part}"
    with db.session() as session:
        queued = enqueue(session, channel, target, tail_payload, key, now=now)
        if queued is None:
            return  # queued by an earlier attempt of this head (a crash before it was marked sent)
        # The worker sends in (created_at, id) order. Its head is sent and every row before the head
        # went before it, so one microsecond earlier puts the tail first in line — ahead of later
        # pushes even when a batch was queued with one timestamp.
        queued.created_at = row.created_at - dt.timedelta(microseconds=1)
    log.info("push %s split: part %d queued", row.id, part)


CONTENT_TOO_LONG = 40058  # WeCom counted the message longer than its limit: cut smaller


def raise_for(data: dict[str, Any], permanent_codes: frozenset[int] = frozenset()) -> None:
    """Turn a WeCom API answer into the Outbox's terms: nothing on errcode 0, a timed retry on the
    frequency limit, TooLong on 40058, a permanent failure on `permanent_codes`, else a retry."""
    code = api.errcode(data)
    if code == 0:
        return
    if code == api.FREQUENCY_LIMITED:
        raise DeliveryError(api.describe(data), retry_after=api.RATE_RETRY_SECONDS)
    if code == CONTENT_TOO_LONG:
        raise TooLong(api.describe(data))
    raise DeliveryError(api.describe(data), permanent=code in permanent_codes)


class TooLong(Exception):
    """WeCom refused the content as too long (errcode 40058): cut smaller and send again."""


class SplittingSender(ABC):
    """An Outbox sender that sends one WeCom message per row, splitting long content (see module doc).

    Subclasses set `channel`, may refuse a target in `check_target`, and implement `deliver`, which
    sends exactly one message or raises DeliveryError / TooLong.
    """

    channel = ""
    markdown_allowed = True
    MIN_LIMIT = 256

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def check_target(self, target: str) -> None:
        """Raise DeliveryError(permanent=True) for a target known to be dead."""

    @abstractmethod
    def deliver(self, target: str, message: Rendered) -> None:
        """Send exactly one message or raise DeliveryError / TooLong."""

    def send(self, target: str, payload: dict[str, Any]) -> None:
        self.check_target(target)
        rendered = render_payload(payload, self.markdown_allowed)
        if not rendered.content.strip():
            raise DeliveryError("empty push", permanent=True)
        part = int(payload.get("_part") or 1)
        limit = int(payload.get("_limit") or limit_for(rendered.kind))
        row = claimed_row(self.db, self.channel, target, payload)
        if row is not None and row.earlier_pending:
            # An earlier row of this target (the rest of a split push queued just now, or a row another
            # worker holds) is still pending: let it go first, so the target sees pushes in order.
            raise DeliveryError("an earlier push to this target is pending", retry_after=1)
        while True:
            pieces = split_text(rendered.content, limit - MARKER_RESERVE)
            if row is None:  # not under a worker (a direct call): send every part now
                self._send_all(target, rendered, pieces)
                return
            total = part - 1 + len(pieces)
            head = Rendered(rendered.kind, mark_part(pieces[0], part, total), rendered.mention)
            try:
                self.deliver(target, head)
                break
            except TooLong:
                if limit // 2 < self.MIN_LIMIT:
                    raise DeliveryError("content refused as too long", permanent=True) from None
                limit //= 2
                log.warning("%s refused %d bytes as too long; splitting smaller", self.channel, limit * 2)
        rest = "".join(pieces[1:])
        if rest.strip():
            tail = {
                "title": payload.get("title"),
                "_kind": rendered.kind,
                "_content": rest,
                "_part": part + 1,
                "_limit": limit,
                "_root": root_key(row, payload),
                "mention": [],
            }
            queue_tail(self.db, self.channel, target, row, tail, part + 1, self.clock.now())

    def _send_all(self, target: str, rendered: Rendered, pieces: list[str]) -> None:
        for number, piece in enumerate(pieces, start=1):
            mention = rendered.mention if number == 1 else []
            try:
                self.deliver(target, Rendered(rendered.kind, mark_part(piece, number, len(pieces)), mention))
            except TooLong:
                raise DeliveryError("content refused as too long", permanent=True) from None
