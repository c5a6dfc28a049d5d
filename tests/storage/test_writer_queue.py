"""Issue 17: SQLite write units queue in arrival order and are handed on at once (storage.db.WriterQueue),
across threads, Database objects and forked processes; a bounded wait still ends in "database is locked"."""

from __future__ import annotations

import multiprocessing
import threading
import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from storage.db import Database


@pytest.fixture()
def path(tmp_path):
    return f"sqlite:///{tmp_path}/queue.db"


def test_a_waiting_writer_starts_as_soon_as_the_holder_commits(path):
    """SQLite's own busy handler sleeps up to 100 ms between tries; the queue hands on within milliseconds."""
    holder, waiter = Database(path), Database(path)  # two objects: like two worker processes
    held = threading.Event()
    released: list[float] = []

    def hold() -> None:
        with holder.session() as s:
            s.execute(text("CREATE TABLE t (x INTEGER)"))
            held.set()
            time.sleep(0.45)  # SQLite's busy handler would be sleeping 100 ms at a time by now
        released.append(time.monotonic())

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(5)
    with waiter.session() as s:
        started = time.monotonic()
        s.execute(text("INSERT INTO t VALUES (1)"))
    thread.join()
    assert started - released[0] < 0.06
    with waiter.read() as s:
        assert s.execute(text("SELECT count(*) FROM t")).scalar() == 1


def test_threads_of_one_database_write_one_at_a_time(path):
    db = Database(path)
    with db.session() as s:
        s.execute(text("CREATE TABLE t (x INTEGER)"))
    inside, most = [0], [0]
    lock = threading.Lock()

    def write(i: int) -> None:
        with db.session() as s:
            with lock:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            s.execute(text("INSERT INTO t VALUES (:x)"), {"x": i})
            time.sleep(0.005)
            with lock:
                inside[0] -= 1

    threads = [threading.Thread(target=write, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most[0] == 1
    with db.read() as s:
        assert s.execute(text("SELECT count(*) FROM t")).scalar() == 20


def test_a_write_unit_inside_another_of_the_same_thread_does_not_queue_behind_itself(path):
    db = Database(path)
    with db.session() as outer:
        with db.session() as inner:  # no statement yet in the outer one: SQLite has no lock to wait for
            inner.execute(text("CREATE TABLE t (x INTEGER)"))
        outer.execute(text("INSERT INTO t VALUES (1)"))
    with db.read() as s:
        assert s.execute(text("SELECT count(*) FROM t")).scalar() == 1


def test_another_process_holding_the_turn_makes_a_bounded_wait_fail(path):
    """The turn is per process: a forked worker does not share its parent's (an inherited lock would)."""
    db = Database(path)
    with db.session() as s:  # the parent has used its queue before forking: the child must open its own
        s.execute(text("CREATE TABLE t (x INTEGER)"))

    def take_the_turn_only() -> None:  # in the child: queued, but no statement, so SQLite itself is free
        with db.session():
            time.sleep(1.5)

    child = multiprocessing.get_context("fork").Process(target=take_the_turn_only)
    child.start()
    try:
        time.sleep(0.5)
        started = time.monotonic()
        with pytest.raises(OperationalError, match="database is locked"), db.session_waiting(0.2) as s:
            s.execute(text("INSERT INTO t VALUES (1)"))
        assert time.monotonic() - started < 1.0
    finally:
        child.join(10)
    with db.session_waiting(2.0) as s:  # once the other process is done, the turn is free again
        s.execute(text("INSERT INTO t VALUES (2)"))
    with db.read() as s:
        assert s.execute(text("SELECT x FROM t")).scalars().all() == [2]
