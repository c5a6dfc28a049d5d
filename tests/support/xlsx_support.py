"""Workbook round-trip helpers shared by the xlsx tests: export November, wipe the ledger, import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from bot.calendar import Period
from bot.stats import counting_rules
from bot.xlsx.export import export_workbook
from bot.xlsx.importer import import_workbook
from paths import REPO_ROOT
from storage.models import Baseline, Entry, EntryEvent, Unit
from suite import NOW

NOVEMBER = Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30), "本月")
RULES = counting_rules.load(REPO_ROOT / "config")


def export(db: Any, path: Path) -> None:
    with db.session() as s:
        units = list(s.scalars(select(Unit).order_by(Unit.id)))
        export_workbook(s, units, NOVEMBER, path, RULES, "示范县", NOW)


def wipe(db: Any) -> None:
    """Empty the ledger (a test shortcut; the application never deletes entries)."""
    with db.session() as s:
        s.execute(delete(EntryEvent))
        s.execute(delete(Entry))
        s.execute(delete(Baseline))


def run_import(db: Any, path: Path, dry_run: bool = False) -> Any:
    with db.session() as s:
        return import_workbook(s, path, RULES, dry_run=dry_run)
