"""Shared fixtures: a real database per test (SQLite file, or PostgreSQL via TEST_DATABASE_URL) and a fixed clock.

SQLite: the schema is migrated once into a template file, copied for each test.
PostgreSQL: migrated once per run, every table truncated between tests.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.clock import TZ, FixedClock
from bot.messages import Reply
from bot.runtime import DEMO_ORG, Runtime, build
from config.settings import Settings
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Base
from storage.seed import load_org_file

# Fixtures of the fake platform servers, shared by the platform test modules.
pytest_plugins = ["fake_dingtalk"]

NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=TZ)  # a Sunday
PG_URL = os.environ.get("TEST_DATABASE_URL", "")
REPO_ROOT = Path(__file__).resolve().parents[1]


def is_postgres() -> bool:
    return PG_URL.startswith("postgresql")


@pytest.fixture(scope="session")
def _template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated database to start every test from."""
    if is_postgres():
        db = Database(PG_URL)
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        upgrade(db)
        db.dispose()
        return PG_URL
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    db.dispose()  # the last connection closing checkpoints the WAL into the main file
    return str(path)


@pytest.fixture
def db_url(_template: str, tmp_path: Path) -> Iterator[str]:
    if is_postgres():
        db = Database(PG_URL)
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        with db.engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        db.dispose()
        yield PG_URL
        return
    path = tmp_path / "test.db"
    shutil.copyfile(_template, path)
    yield f"sqlite:///{path}"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def demo_db(db: Database) -> Database:
    with db.session() as session:
        load_org_file(session, DEMO_ORG)
    return db


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def runtime(demo_db: Database, clock: FixedClock) -> Runtime:
    settings = Settings(database_url=demo_db.url, scheduler=False)
    return build(settings, clock=clock, db=demo_db)


Say = Callable[..., Reply]


@pytest.fixture
def say(runtime: Runtime) -> Say:
    """Send one console message as a member, in their unit's console group."""

    def send(text: str, user: str = "张三", unit: str | None = None, message_id: str | None = None) -> Reply:
        from bot.channels.console import console_message

        with runtime.db.session() as session:
            message = console_message(session, user, text, unit, message_id)
        return runtime.dispatcher.handle(message)

    return send
