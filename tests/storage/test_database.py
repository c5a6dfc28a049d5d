"""Issue 2: migrations, idempotent demo seeding, aware timestamps, concurrent writers, /healthz."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import uuid

import pytest
from sqlalchemy import func, inspect, select

from bot.app import create_app
from bot.clock import TZ
from bot.runtime import DEMO_ORG
from suite import is_postgres
from storage.db import Database
from storage.models import Conversation, Entry, Member, Unit
from storage.seed import load_org_file

TABLES = {"unit", "member", "conversation", "entry", "entry_event", "inbound_message", "outbox",
          "quota", "baseline", "alembic_version"}


def test_migration_creates_every_table(db):
    assert set(inspect(db.engine).get_table_names()) >= TABLES


def test_sqlite_pragmas(db):
    if db.dialect != "sqlite":
        return
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_seed_demo_twice_changes_nothing(db):
    with db.session() as s:
        first = load_org_file(s, DEMO_ORG)
    with db.session() as s:
        second = load_org_file(s, DEMO_ORG)
        assert first.units_added == 9 and first.members_added == 4 and first.groups_added == 9
        assert not second.changed
        wangwu = s.scalars(select(Member).where(Member.name == "王五")).one()
        assert wangwu.has_role("admin") and wangwu.has_role("approver") and wangwu.unit.name == "县委办"
        assert s.scalar(select(func.count(Conversation.id))) == 9
        towns = {u.name for u in s.scalars(select(Unit).where(Unit.level == "town"))}
        assert towns == {"城关镇", "青山镇", "白沙乡", "河口镇"}


def test_timestamps_come_back_aware_and_equal(demo_db):
    at = dt.datetime(2026, 11, 23, 9, 30, tzinfo=TZ)
    with demo_db.session() as s:
        unit = s.scalars(select(Unit).where(Unit.name == "城关镇")).one()
        entry = Entry(unit_id=unit.id, kind="meeting", direction="outgoing",
                      occurs_on=at.date(), starts_at=at)
        s.add(entry)
        s.flush()
        entry_id = entry.id
    with demo_db.session() as s:
        back = s.get(Entry, entry_id).starts_at
        assert back.tzinfo is not None and back == at


def _writer(url: str, user: str, n: int, queue) -> None:
    from bot.clock import FixedClock
    from bot.messages import IncomingMessage
    from bot.runtime import build
    from config.settings import Settings

    rt = build(Settings(database_url=url, scheduler=False), clock=FixedClock(dt.datetime(2026, 11, 22, 10, tzinfo=TZ)))
    ids = []
    for i in range(n):
        reply = rt.dispatcher.handle(IncomingMessage(
            platform="console", message_id=uuid.uuid4().hex, chat_id="城关镇",
            sender_id=user, text=f"明天开会，{i % 9 + 1}个乡镇参加"))
        ids.extend(reply.entry_ids)
    queue.put(ids)


def test_two_processes_writing_lose_nothing(demo_db):
    n = 40
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(demo_db.url, user, n, queue)) for user in ("张三", "李四")]
    for p in procs:
        p.start()
    results = [queue.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    ids = [i for r in results for i in r]
    assert len(ids) == 2 * n and len(set(ids)) == 2 * n
    with demo_db.session() as s:
        assert s.scalar(select(func.count(Entry.id))) == 2 * n


def test_healthz_ok_and_503_when_database_unreachable(runtime):
    client = create_app(runtime).test_client()
    ok = client.get("/healthz")
    assert ok.status_code == 200 and ok.get_json()["status"] == "ok"

    from bot.runtime import build
    from config.settings import Settings

    url = "postgresql+psycopg://nobody:x@127.0.0.1:1/none?connect_timeout=1"
    broken = build(Settings(database_url=url, scheduler=False), db=Database(url))
    down = create_app(broken).test_client().get("/healthz")
    assert down.status_code == 503 and down.get_json()["database"] == "unreachable"


def test_postgres_used_when_configured(db):
    assert (db.dialect == "postgresql") == is_postgres()


@pytest.mark.skipif(not is_postgres(), reason="the idle ping is PostgreSQL's (SQLite has no link to lose)")
def test_a_pooled_postgres_connection_killed_while_idle_is_replaced_before_use(db, monkeypatch):
    import storage.db as storage_db
    from sqlalchemy import text

    with db.session() as s:
        first = s.scalar(text("SELECT pg_backend_pid()"))
    with db.session() as s:  # taken again at once: the same connection, not pinged
        assert s.scalar(text("SELECT pg_backend_pid()")) == first
    killer = Database(db.url)
    with killer.engine.begin() as conn:
        assert conn.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
    killer.dispose()
    monkeypatch.setattr(storage_db, "PG_PING_AFTER_IDLE_S", 0.0)  # as if it had sat in the pool a while
    with db.session() as s:  # the dead connection is found by the ping and replaced: the unit does not fail
        assert s.scalar(text("SELECT pg_backend_pid()")) != first
