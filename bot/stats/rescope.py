"""Keep every entry's in_scope/scope_reason in line with the counting rules.

Statistics call `ensure_current` first. It recomputes every entry when the rules' fingerprint differs
from the one last applied (the rules file changed), and otherwise re-checks only entries written since
the last check (`updated_at` past a watermark, minus a margin for transactions still open then), so
entries written by any path — a correction, a bulk insert — get their scope without that path knowing.
The state lives in the shared TokenCache table under STATE_NAME, so every process sees it.
Only a change of in_scope or of an earlier reason writes an audit event ("rescope"); a first
classification does not.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.stats.counting_rules import CountingRules
from storage.direct import Direct
from storage.models import Entry, EntryEvent, TokenCache
from storage.timeutil import UTC, utcnow

STATE_NAME = "stats.counting_rules"
# Transactions open longer than this when a check ran may have their entries checked late.
OVERLAP = dt.timedelta(seconds=60)
BATCH = 5000
NEVER = dt.datetime(2999, 12, 31, tzinfo=UTC)


@dataclass
class RescopeResult:
    checked: int = 0
    changed: int = 0
    full: bool = False


def ensure_applied(session: Session, rules: CountingRules, now: dt.datetime | None = None) -> None:
    """What a statistics question needs, at constant cost: the rules' version stamp (fingerprint) is the
    one applied to the ledger — one key read, no write; only when the rules file changed is every entry
    recomputed (once). Entries written since the last check got their scope when written
    (bot.ledger.entries, a correction in chat); the scheduler's catch-up covers any other path."""
    if _info(_STATE_VALUE.scalar(session.connection(), {})).get("fingerprint") != rules.fingerprint:
        ensure_current(session, rules, now)


# Read for every statistics question: one Core statement, built once (the state is written flushed).
_STATE_VALUE = Direct(select(TokenCache.__table__.c.value).where(TokenCache.__table__.c.name == STATE_NAME))


def ensure_current(session: Session, rules: CountingRules, now: dt.datetime | None = None) -> RescopeResult:
    # Writers stamp updated_at with the injected clock or the wall clock (the same in production);
    # the earlier of the two keeps the catch-up from missing either kind.
    started = min(utcnow(), now) if now is not None else utcnow()
    state = session.get(TokenCache, STATE_NAME)
    info = _read(state)
    if info.get("fingerprint") != rules.fingerprint:
        result = recompute(session, rules, since=None, now=now)
    else:
        watermark = dt.datetime.fromisoformat(info["watermark"])
        result = recompute(session, rules, since=watermark - OVERLAP, now=now)
        if not result.checked:
            return result
    value = json.dumps({"fingerprint": rules.fingerprint, "watermark": started.isoformat()})
    if state is None:
        try:
            with session.begin_nested():  # another process may be first: then update theirs
                session.add(TokenCache(name=STATE_NAME, value=value, expires_at=NEVER))
            return result
        except IntegrityError:
            state = session.get(TokenCache, STATE_NAME)
            assert state is not None
    state.value, state.expires_at = value, NEVER
    session.flush()
    return result


def recompute(session: Session, rules: CountingRules, since: dt.datetime | None = None,
              now: dt.datetime | None = None) -> RescopeResult:
    """Classify entries (all, or those updated after `since`) and write what changed."""
    result = RescopeResult(full=since is None)
    at = now or utcnow()
    last_id = 0
    seen: dict[tuple[Any, ...], tuple[bool, str]] = {}  # ledgers repeat themselves: decide each content once
    columns = (Entry.id, Entry.kind, Entry.direction, Entry.subtype, Entry.title, Entry.raw_text,
               Entry.in_scope, Entry.scope_reason)
    while True:
        if since is None:  # everything, in pages
            query = select(*columns).where(Entry.id > last_id).order_by(Entry.id).limit(BATCH)
        else:  # a catch-up: few rows, found through ix_entry_updated
            query = select(*columns).where(Entry.updated_at > since)
        rows = session.execute(query).all()
        if not rows:
            break
        last_id = max(row.id for row in rows)
        result.checked += len(rows)
        changes, events = [], []
        for row in rows:
            key = (row.kind, row.direction, row.subtype, row.title, row.raw_text)
            decided = seen.get(key)
            if decided is None:
                decided = seen[key] = rules.classify(*key)
            in_scope, reason = decided
            if in_scope == row.in_scope and reason == row.scope_reason:
                continue
            changes.append({"id": row.id, "in_scope": in_scope, "scope_reason": reason})
            if in_scope != row.in_scope or row.scope_reason is not None:
                diff = {"scope_reason": [row.scope_reason, reason]}
                if in_scope != row.in_scope:
                    diff["in_scope"] = [row.in_scope, in_scope]
                events.append({"entry_id": row.id, "at": at, "member_id": None,
                               "action": "rescope", "changes": diff})
        if changes:
            session.execute(update(Entry), changes)
            result.changed += len(changes)
        if events:
            session.execute(insert(EntryEvent), events)
        if since is not None or len(rows) < BATCH:
            break
    if result.changed:
        session.expire_all()  # objects loaded earlier in this session would show the old scope
    return result


def _read(state: TokenCache | None) -> dict[str, str]:
    return _info(state.value if state is not None else None)


def _info(value: str | None) -> dict[str, str]:
    if value is None:
        return {}
    try:
        info = json.loads(value)
    except ValueError:
        return {}
    return info if isinstance(info, dict) and "fingerprint" in info and "watermark" in info else {}
