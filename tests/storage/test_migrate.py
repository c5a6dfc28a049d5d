"""storage.migrate: a database at head is recognised without Alembic; any other is upgraded by Alembic."""

from __future__ import annotations

from alembic.script import ScriptDirectory
from sqlalchemy import text

from storage.db import Database
from storage.migrate import alembic_config, at_head, script_heads, upgrade


def test_the_scripts_head_read_from_their_text_is_alembics(tmp_path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'x.db'}")
    assert script_heads() == set(ScriptDirectory.from_config(alembic_config(db)).get_heads())


def test_only_a_database_at_head_skips_alembic(tmp_path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'x.db'}")
    assert not at_head(db)  # no version table yet
    upgrade(db, "0004_inbound_chat")
    assert not at_head(db)
    upgrade(db)
    assert at_head(db)
    with db.read() as session:
        assert {r for (r,) in session.execute(text("SELECT version_num FROM alembic_version"))} == script_heads()
    upgrade(db)  # at head: nothing to do, nothing breaks
    assert at_head(db)


def test_a_database_upgraded_from_before_the_accounts_copy_has_its_members_stamp(tmp_path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'x.db'}")
    upgrade(db, "0011_entry_filing_index")
    with db.read() as session:
        assert session.execute(text("SELECT value FROM stamp WHERE name = 'members'")).first() is None
    upgrade(db)
    with db.read() as session:
        stamp = session.execute(text("SELECT value FROM stamp WHERE name = 'members'")).scalar_one()
    assert len(stamp) == 32
    upgrade(db)  # at head: the stamp is not rewritten
    with db.read() as session:
        assert session.execute(text("SELECT value FROM stamp WHERE name = 'members'")).scalar_one() == stamp


def test_an_entrys_message_is_checked_at_commit_on_postgresql(db: Database) -> None:
    """Migration 0013: the dispatcher's PostgreSQL path writes the entry before the message it came from."""
    if db.dialect != "postgresql":
        return  # SQLite claims the message first; its check stays immediate
    with db.read() as session:
        found = session.execute(text(
            "SELECT condeferrable, condeferred FROM pg_constraint WHERE conrelid = 'entry'::regclass AND contype = 'f'"
            " AND conkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = 'entry'::regclass"
            " AND attname = 'source_message_id')]")).all()
    assert found == [(True, True)]
