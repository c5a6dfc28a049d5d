"""Schema management through Alembic: `python -m bot init-db` upgrades to head.

Every command upgrades first (bot.cli), so a database already at head is recognised without Alembic:
its recorded revision is compared with the head read from the scripts' text. Importing Alembic (with
Mako) costs ≈70 ms and several MB, more than `say` spends on its message.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from storage.db import Database

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(db: Database) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    cfg.attributes["engine"] = db.engine
    return cfg


def upgrade(db: Database, revision: str = "head") -> None:
    if revision == "head" and at_head(db):
        return
    from alembic import command

    command.upgrade(alembic_config(db), revision)


def at_head(db: Database) -> bool:
    """The database records exactly the scripts' head revision(s); False when unsure (Alembic decides)."""
    heads = script_heads()
    if not heads:
        return False
    try:
        with db.read() as session:
            recorded = {row for (row,) in session.execute(text("SELECT version_num FROM alembic_version"))}
    except SQLAlchemyError:
        return False  # no version table yet: a new database
    return recorded == heads


def script_heads() -> set[str]:
    """The revisions no other script builds on, read from each script's `revision` and `down_revision`
    literals; empty when a script does not state them plainly."""
    revisions: set[str] = set()
    below: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found: dict[str, object] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, value = node.targets[0], node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                target, value = node.target, node.value
            else:
                continue
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                try:
                    found[target.id] = ast.literal_eval(value)
                except ValueError:
                    return set()
        rev, down = found.get("revision"), found.get("down_revision")
        if not isinstance(rev, str):
            return set()
        revisions.add(rev)
        if isinstance(down, str):
            below.add(down)
        elif isinstance(down, tuple | list):
            below.update(str(d) for d in down)
        elif down is not None:
            return set()
    return revisions - below
