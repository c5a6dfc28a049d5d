"""What every test runs against: the fixed moment of the `clock` fixture and the database of the run.

The database is SQLite unless TEST_DATABASE_URL names a PostgreSQL one (conftest's `db`).
"""

from __future__ import annotations

import datetime as dt
import os

from bot.clock import TZ

NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=TZ)  # a Sunday
PG_URL = os.environ.get("TEST_DATABASE_URL", "")


def is_postgres() -> bool:
    return PG_URL.startswith("postgresql")
