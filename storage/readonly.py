"""A read unit that never takes SQLite's write lock: the scheduler plans a tick in it (issue 18).

`Database.session()` begins every SQLite transaction with BEGIN IMMEDIATE (writers queue up rather than
fail), so a long read in it would hold chat's writes up for its whole length. `read_session(db)` opens
a plain (deferred) transaction on a second engine over the same file: under WAL it reads a snapshot while
writers go on, and it is always rolled back. On PostgreSQL it is an ordinary session, rolled back.

Stop-gap: when `Database.read()` (issue 17, branch i17-path) is merged, this function becomes
`return db.read()` and the engine below goes.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

from storage.db import SQLITE_BUSY_TIMEOUT_MS, Database

_READERS: weakref.WeakKeyDictionary[Database, Engine] = weakref.WeakKeyDictionary()


def _reader(db: Database) -> Engine:
    engine = _READERS.get(db)
    if engine is None:
        engine = create_engine(db.url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA foreign_keys = ON")
            cur.execute("PRAGMA query_only = ON")  # a read unit cannot write, by accident either
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN")  # deferred: a snapshot, never the write lock

        _READERS[db] = engine
    return engine


@contextlib.contextmanager
def read_session(db: Database) -> Iterator[Session]:
    """A snapshot to read from, without the write lock; rolled back at the end."""
    bind = _reader(db) if db.dialect == "sqlite" else db.engine
    with Session(bind, expire_on_commit=False, autoflush=False) as session:
        try:
            yield session
        finally:
            session.rollback()
