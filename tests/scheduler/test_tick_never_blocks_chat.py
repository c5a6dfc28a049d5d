"""Issue 18 #2: a scheduler tick plans and builds its pushes without SQLite's write lock (chat writes go on
meanwhile) and asks its questions for all units at once: the number of queries does not grow with the
number of units."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import event, func, select

from bot.clock import FixedClock
from bot.scheduler import Scheduler, digests
from bot.scheduler.config import load_config
from sched_support import add_entry, at
from storage import repo
from storage.db import Database
from storage.models import Conversation, Outbox, Quota, Unit
from suite import is_postgres

MONDAY_9 = at(2026, 11, 23, 9, 5)  # every group's weekly digest is due


def _more_units(db: Database, start: int, count: int) -> None:
    """`count` more towns, each with its console group, entries last week and this week, and a quota."""
    with db.session() as s:
        county = repo.tree_root(s)
        for i in range(start, start + count):
            unit = Unit(name=f"新增{i}镇", level="town", parent_id=county.id if county else None, aliases=[])
            s.add(unit)
            s.flush()
            s.add(Conversation(platform="console", external_id=unit.name, title=f"{unit.name}工作群", unit_id=unit.id))
            s.add(Quota(unit_id=unit.id, kind="document", direction="outgoing", period="year", year=2026, limit=2))
    for i in range(start, start + count):
        add_entry(db, f"新增{i}镇", "document", "outgoing", dt.date(2026, 11, 17), by=None)
        add_entry(db, f"新增{i}镇", "meeting", "outgoing", dt.date(2026, 11, 25), by=None, status="filed",
                  filing_required=True)


def _selects_of_a_tick(db: Database) -> tuple[int, int]:
    """(SELECT statements, pushes queued) of one Monday-morning tick."""
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)  # read units share the engine (Database.read)
    try:
        report = Scheduler(db, FixedClock(MONDAY_9), load_config(), owner="bench").tick()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements), len(report.queued)


def test_queries_do_not_grow_with_the_number_of_units(demo_db: Database, tmp_path) -> None:
    _more_units(demo_db, 0, 5)
    few, queued_few = _selects_of_a_tick(demo_db)
    with demo_db.session() as s:
        s.query(Outbox).delete()
    _more_units(demo_db, 5, 30)
    many, queued_many = _selects_of_a_tick(demo_db)
    assert queued_many >= queued_few + 30  # 30 more groups got their digest (and reminders)
    assert many <= few + 5, (few, many)  # …without 30 × N more queries


@pytest.mark.skipif(is_postgres(), reason="SQLite's database-wide write lock; PostgreSQL locks rows")
def test_chat_writes_while_the_tick_builds_its_digests(demo_db: Database, monkeypatch) -> None:
    """While a digest is being built, another connection (a chat message in a web worker) can write at once."""
    add_entry(demo_db, "城关镇", "document", "outgoing", dt.date(2026, 11, 17))
    path = demo_db.engine.url.database
    wrote: list[str] = []
    real = digests.build

    def build_while_chat_writes(*args, **kwargs):  # type: ignore[no-untyped-def]
        chat = sqlite3.connect(path, timeout=0.2, isolation_level=None)
        try:
            chat.execute("BEGIN IMMEDIATE")
            chat.execute("UPDATE unit SET aliases = aliases WHERE id = 1")
            chat.execute("COMMIT")
            wrote.append("ok")
        except sqlite3.OperationalError as exc:
            wrote.append(str(exc))
        finally:
            chat.close()
        return real(*args, **kwargs)

    monkeypatch.setattr(digests, "build", build_while_chat_writes)
    report = Scheduler(demo_db, FixedClock(MONDAY_9), load_config()).tick()
    assert [k for k in report.queued if k.startswith("weekly:")]
    assert wrote and set(wrote) == {"ok"}, wrote
    with demo_db.session() as s:
        assert s.scalar(select(func.count(Outbox.id))) == len(report.queued)
