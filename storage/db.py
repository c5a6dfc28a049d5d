"""Engine and session set-up for SQLite (embedded default) and PostgreSQL (production).

SQLite gets WAL, foreign keys and a busy timeout. A write unit (`session()`) starts with BEGIN IMMEDIATE
so that two processes writing the same file queue up instead of failing; a read (`read()`) starts with a
plain deferred BEGIN and never takes the write lock: WAL readers see a snapshot while one writer writes.
A read unit refuses to write (`WriteInReadUnit`), so the caller can redo the work as a write unit.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000
READ_OPTION = "jianfu_read"  # execution option of the read engine: deferred BEGIN, writes refused
WAIT_OPTION = "jianfu_wait_ms"  # execution option: how long a write unit waits for the SQLite write lock
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


class WriteInReadUnit(RuntimeError):
    """A read unit (Database.read) tried to write: redo the work in a write unit (Database.session)."""


def default_url() -> str:
    return os.environ.get("DATABASE_URL") or "sqlite:///data/jianfu.db"


def _prepare_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        options = conn.get_execution_options()
        if options.get(READ_OPTION):
            conn.exec_driver_sql("BEGIN")
            return
        wait = int(options.get(WAIT_OPTION, SQLITE_BUSY_TIMEOUT_MS))
        info = conn.connection.info  # lives as long as the pooled DBAPI connection
        if info.get(WAIT_OPTION, SQLITE_BUSY_TIMEOUT_MS) != wait:  # a bounded wait, then back to the default
            info[WAIT_OPTION] = wait
            conn.exec_driver_sql(f"PRAGMA busy_timeout = {wait}")
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _guard_reads(engine: Engine) -> None:
    @event.listens_for(engine, "before_cursor_execute")
    def _refuse_writes(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if conn.get_execution_options().get(READ_OPTION) and statement.lstrip()[:7].upper().startswith(_WRITES):
            raise WriteInReadUnit(statement.split(None, 3)[:3])


def make_engine(url: str | None = None) -> Engine:
    url = url or default_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:":
            Path(db).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        _prepare_sqlite(engine)
        _guard_reads(engine)
        return engine
    engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
    _guard_reads(engine)
    return engine


class Database:
    """One engine and its session factory; pass it around instead of globals."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        self.engine = make_engine(self.url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.read_sessions = sessionmaker(self.engine.execution_options(**{READ_OPTION: True}),
                                          expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back on any error."""
        with self.sessions() as session, _committed(session):
            yield session

    @contextlib.contextmanager
    def session_waiting(self, wait_s: float) -> Iterator[Session]:
        """A write unit that waits at most `wait_s` for the SQLite write lock (then OperationalError)."""
        bind = self.engine.execution_options(**{WAIT_OPTION: max(int(wait_s * 1000), 1)})
        with Session(bind, expire_on_commit=False) as session, _committed(session):
            yield session

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read unit: a snapshot without the write lock; always rolled back. Writing in it — a flush, or
        changes still pending at its end — raises WriteInReadUnit (the caller redoes the work in `session()`)."""
        with self.read_sessions() as session:
            try:
                yield session
                if session.new or session.deleted or any(session.is_modified(o) for o in session.dirty):
                    raise WriteInReadUnit("changes left unflushed in a read unit")
            finally:
                session.rollback()

    def ping(self) -> None:
        with self.engine.execution_options(**{READ_OPTION: True}).connect() as conn:
            conn.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()


@contextlib.contextmanager
def _committed(session: Session) -> Iterator[None]:
    """Commit the unit when its block ends normally, roll it back on any error."""
    try:
        yield
        session.commit()
    except BaseException:
        session.rollback()
        raise
