"""Alembic environment: runs migrations on the engine the application hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine") or create_engine(
        config.get_main_option("sqlalchemy.url") or ""
    )
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=sqlite,
        )
        if sqlite:
            # Batch mode copies a table, drops the old one and renames the copy; with foreign keys on, the
            # DROP fails while other tables' rows refer to it. SQLite's recipe: keys off (outside any
            # transaction), rebuild, check every reference before committing, keys on again.
            raw = connection.connection.driver_connection
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise RuntimeError(f"migration left broken references: {broken[:5]}")
            connection.commit()
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys = ON")


run_migrations_online()
