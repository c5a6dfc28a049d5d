"""Engine and session set-up for SQLite (embedded default) and PostgreSQL (production).

SQLite gets WAL, foreign keys and a busy timeout. A write unit (`session()`) starts with BEGIN IMMEDIATE
so that two processes writing the same file queue up instead of failing; a read (`read()`) starts with a
plain deferred BEGIN and never takes the write lock: WAL readers see a snapshot while one writer writes.
A read unit refuses to write (`WriteInReadUnit`), so the caller can redo the work as a write unit.

Write units of one SQLite file queue in arrival order (`WriterQueue`) before they BEGIN IMMEDIATE: SQLite's busy
handler retries by sleeping (1, 2, 5 … 100 ms), so under a burst the lock stood free while its waiters slept.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
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
        # Straight to the driver: BEGIN and the busy timeout are no statements of the unit (nothing for the
        # statement events to see), and they come with every transaction.
        options = conn.get_execution_options()
        if options.get(READ_OPTION):
            _driver(conn, "BEGIN")
            return
        wait = int(options.get(WAIT_OPTION, SQLITE_BUSY_TIMEOUT_MS))
        info = conn.connection.info  # lives as long as the pooled DBAPI connection
        if info.get(WAIT_OPTION, SQLITE_BUSY_TIMEOUT_MS) != wait:  # a bounded wait, then back to the default
            _driver(conn, f"PRAGMA busy_timeout = {wait}")
            info[WAIT_OPTION] = wait
        _driver(conn, "BEGIN IMMEDIATE")


def _driver(conn: Any, statement: str) -> None:
    """Run one statement on the SQLite connection itself; its errors raised as SQLAlchemy's, like any other."""
    import sqlite3

    try:
        conn.connection.dbapi_connection.execute(statement)
    except sqlite3.Error as exc:
        raise OperationalError(statement, None, exc) from exc


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
    engine = create_engine(url, pool_size=5, max_overflow=5, pool_recycle=PG_RECYCLE_S)
    _ping_when_idle(engine)
    _guard_reads(engine)
    return engine


PG_PING_AFTER_IDLE_S = 10.0  # a pooled PostgreSQL connection unused this long is pinged before it is used
PG_RECYCLE_S = 3600  # …and one this old is replaced, whatever its use


def _ping_when_idle(engine: Engine) -> None:
    """Liveness without a round trip per message: pool_pre_ping pinged every checkout (one of a message's ~10
    round trips). A connection taken again within seconds of its last use is alive as far as anything can tell;
    one idle longer (a server restart or a dropped link happen while it sits in the pool) is pinged, and a dead
    one is replaced before anyone uses it (SQLAlchemy's pessimistic disconnect handling). A connection dropped
    under use still fails that one unit, as it did with pre-ping: the message is answered 503 and delivered again."""
    from sqlalchemy.exc import DisconnectionError

    @event.listens_for(engine, "checkin")
    def _idle_since(_dbapi_conn: Any, record: Any) -> None:
        record.info["jianfu_idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("jianfu_idle_since")
        if idle_since is None or time.monotonic() - idle_since < PG_PING_AFTER_IDLE_S:
            return
        try:
            cursor = dbapi_conn.cursor()
            try:
                cursor.execute("SELECT 1")
            finally:
                cursor.close()
            dbapi_conn.rollback()
        except Exception as exc:
            raise DisconnectionError("connection idle in the pool no longer answers") from exc


class WriterQueue:
    """One write unit at a time per SQLite file, handed on as soon as it ends: the threads of a process
    queue on a lock, the processes on an flock of a side file (`<db>-writer`). It only orders the
    writers; SQLite's write lock still guarantees exclusion (a writer outside the queue — another
    program — is still waited for by the busy timeout). Re-entrant: a write unit opened inside another
    one of the same thread does not queue behind itself."""

    POLL_S = 0.0005  # the flock is polled (it has no timeout); one thread per process polls

    def __init__(self, path: str) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._local = threading.local()
        self._fd: tuple[int, int] | None = None  # (pid, fd): a forked worker opens its own

    @contextlib.contextmanager
    def turn(self, wait_s: float) -> Iterator[None]:
        depth = getattr(self._local, "depth", 0)
        if depth:
            self._local.depth = depth + 1
            try:
                yield
            finally:
                self._local.depth = depth
            return
        deadline = time.monotonic() + wait_s
        if not self._lock.acquire(timeout=max(wait_s, 0.0)):
            raise database_locked()
        try:
            fd = self._flock(deadline)
            try:
                self._local.depth = 1
                try:
                    yield
                finally:
                    self._local.depth = 0
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            self._lock.release()

    def _flock(self, deadline: float) -> int:
        fd = self._file()
        pause = self.POLL_S / 4
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise database_locked() from None
                time.sleep(pause)
                pause = min(pause * 2, self.POLL_S)

    def _file(self) -> int:
        pid = os.getpid()
        if self._fd is None or self._fd[0] != pid:  # an inherited descriptor would share the parent's lock
            self._fd = (pid, os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600))
        return self._fd[1]


def database_locked() -> OperationalError:
    """What SQLite's busy timeout raises, so that callers see one kind of "database is locked"."""
    import sqlite3

    return OperationalError("BEGIN IMMEDIATE", None, sqlite3.OperationalError("database is locked"))


def _writer_queue(url: str) -> WriterQueue | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return WriterQueue(f"{parsed.database}-writer")


class Database:
    """One engine and its session factory; pass it around instead of globals."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        self.engine = make_engine(self.url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._read_engine = self.engine.execution_options(**{READ_OPTION: True})
        self.read_sessions = sessionmaker(self._read_engine, expire_on_commit=False)
        self.writers = _writer_queue(self.url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back on any error."""
        with self._turn(SQLITE_BUSY_TIMEOUT_MS / 1000), self.sessions() as session, _committed(session):
            yield session

    @contextlib.contextmanager
    def session_waiting(self, wait_s: float) -> Iterator[Session]:
        """A write unit that waits at most `wait_s` for the SQLite write lock (then OperationalError)."""
        started = time.monotonic()
        with self._turn(wait_s):
            left = wait_s - (time.monotonic() - started)
            bind = self.engine.execution_options(**{WAIT_OPTION: max(int(left * 1000), 1)})
            with Session(bind, expire_on_commit=False) as session, _committed(session):
                yield session

    @contextlib.contextmanager
    def write_connection(self, wait_s: float | None = None) -> Iterator[Connection]:
        """A write unit on a bare connection, for a statement or two that need no ORM: committed at the end,
        rolled back on any error; like session_waiting when `wait_s` is given."""
        wait = SQLITE_BUSY_TIMEOUT_MS / 1000 if wait_s is None else wait_s
        started = time.monotonic()
        with self._turn(wait):
            engine = self.engine if wait_s is None else self.engine.execution_options(
                **{WAIT_OPTION: max(int((wait - (time.monotonic() - started)) * 1000), 1)})
            with engine.begin() as conn:
                yield conn

    def _turn(self, wait_s: float) -> contextlib.AbstractContextManager[None]:
        return self.writers.turn(wait_s) if self.writers is not None else contextlib.nullcontext()

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read unit: a snapshot without the write lock; always rolled back. Writing in it — a flush, or
        changes still pending at its end — raises WriteInReadUnit (the caller redoes the work in `session()`).
        Closing the session rolls its transaction back (Connection.close): what it loaded is let go as it is,
        without the ORM's rollback, which expired every object first (a tenth of a message's read unit)."""
        with self.read_sessions() as session:
            yield session
            if session.new or session.deleted or any(session.is_modified(o) for o in session.dirty):
                raise WriteInReadUnit("changes left unflushed in a read unit")

    def ping(self) -> None:
        with self.engine.execution_options(**{READ_OPTION: True}).connect() as conn:
            conn.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()


@contextlib.contextmanager
def _committed(session: Session) -> Iterator[None]:
    """Commit the unit when its block ends normally, roll it back on any error. A block that committed its work
    itself (the dispatcher's message on PostgreSQL) and changed nothing since leaves nothing to commit: no empty
    transaction is begun and committed for it (objects added since would have begun one; changed ones are dirty)."""
    try:
        yield
        if session.in_transaction() or session.dirty:
            session.commit()
    except BaseException:
        session.rollback()
        raise
