"""A named lease in the Lease table: one process at a time runs the scheduler tick.

Taking it is a single conditional UPDATE (or the first INSERT), so two processes racing for an expired
lease cannot both win. The lease only saves duplicate work; exactly-once delivery itself rests on the
Outbox dedupe key, so a lease that expires mid-tick cannot cause a second push.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError

from storage.db import Database
from storage.models import Lease
from storage.repo import rows_updated


def acquire(db: Database, name: str, owner: str, now: dt.datetime, ttl: dt.timedelta) -> bool:
    with db.session() as session:
        taken = rows_updated(
            session,
            update(Lease)
            .where(Lease.name == name, or_(Lease.expires_at < now, Lease.owner == owner))
            .values(owner=owner, expires_at=now + ttl),
        )
    if taken:
        return True
    try:
        with db.session() as session:
            session.add(Lease(name=name, owner=owner, expires_at=now + ttl))
    except IntegrityError:
        return False  # held by someone else (or they inserted it first)
    return True


def release(db: Database, name: str, owner: str) -> None:
    """Hand the lease back early: expire it now, if it is still ours."""
    with db.session() as session:
        session.execute(
            update(Lease)
            .where(Lease.name == name, Lease.owner == owner)
            .values(expires_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
        )
