"""Issue 16: two years of demo ledger for 示范县 — seasonal, 同比 falling, marked, removed with the demo."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from bot.calendar import month_bounds
from bot.runtime import DEMO_ORG
from bot.scheduler.figures import BURDEN, Grid
from bot.scheduler.targets import county_scope
from storage import demo, demo_ledger
from storage.models import Entry, EntryEvent, Member, Unit
from storage.seed import load_org_file

TODAY = dt.date(2026, 12, 5)


def _weekday(day: dt.date) -> bool:
    return day.weekday() < 5


@pytest.fixture
def loaded(db):
    with db.session() as s:
        load_org_file(s, DEMO_ORG)
        result = demo_ledger.load(s, "示范县", TODAY, _weekday)  # bulk inserts; speed is bench/'s to measure, not a test's
    return db, result


def test_two_years_of_marked_demo_ledger_loaded_once(loaded):
    db, result = loaded
    assert result.entries > 3000 and result.events > result.entries
    with db.session() as s:
        first, last = s.execute(select(func.min(Entry.occurs_on), func.max(Entry.occurs_on))).one()
        assert first <= dt.date(2024, 12, 31) and last > TODAY  # 24 months back, a fortnight of planned items
        assert s.scalar(select(func.count(Entry.id)).where(Entry.raw_text != demo_ledger.DEMO_MARK)) == 0
        assert s.scalar(select(func.count(Entry.id)).where(Entry.created_by.is_not(None))) == 0
        units = {u for u, in s.execute(select(Unit.name).join(Entry, Entry.unit_id == Unit.id).distinct())}
        assert units == {"县委办", "城关镇", "青山镇", "白沙乡", "河口镇", "县教育局", "县卫健局", "县应急管理局"}
        # no meeting is held on the 无会日 (周四周五)
        days = s.scalars(select(Entry.occurs_on).where(Entry.kind == "meeting", Entry.direction == "outgoing"))
        assert all(d.weekday() < 3 for d in days)
        # 报备 → 审批 → 备案: archived items carry their history, approved by 王五
        archived = s.scalar(select(Entry).where(Entry.status == "archived").limit(1))
        assert [e.action for e in archived.events] == ["create", "approve", "archive"]
        wangwu = s.scalar(select(Member.id).where(Member.name == "王五"))
        assert archived.events[1].member_id == wangwu
        assert s.scalar(select(func.count(Entry.id)).where(Entry.status == "filed", Entry.occurs_on > TODAY)) > 0
        again = demo_ledger.load(s, "示范县", TODAY, _weekday)
    assert again.entries == 0  # loading the demo again adds nothing


def test_yoy_falls_and_the_year_is_seasonal_by_the_statistics_code(loaded):
    db, _ = loaded
    with db.session() as s:
        ids = list(county_scope(s).unit_ids)
        totals = Grid(s, ids, dt.date(2026, 1, 1), dt.date(2026, 11, 30), "yoy", BURDEN).totals()
        for pair in BURDEN:
            assert totals[pair].previous is not None and totals[pair].value < totals[pair].previous, pair
        this = sum(t.value for t in totals.values())
        last = sum(t.previous or 0 for t in totals.values())
        assert 0.7 < this / last < 0.9  # about a fifth less, as seed 002 reports

        def month(year: int, m: int) -> int:
            return sum(t.value for t in Grid(s, ids, *month_bounds(year, m), None, BURDEN).totals().values())

        assert month(2026, 2) < month(2026, 3) and month(2025, 2) < month(2025, 12)  # Spring Festival, year end


def test_the_demo_ledger_goes_with_the_demo_even_from_a_kept_unit(loaded):
    db, _ = loaded
    with db.session() as s:
        town = s.scalar(select(Unit).where(Unit.name == "青山镇"))
        real = Member(unit_id=town.id, name="孙八", roles="manager")
        s.add(real)
        s.flush()
        s.add(Entry(unit_id=town.id, kind="meeting", direction="outgoing", occurs_on=dt.date(2026, 11, 20),
                    created_by=real.id))
    with db.session() as s:
        removal = demo.remove(s, demo.read_demo(DEMO_ORG))
    assert set(removal.units_kept) == {"青山镇", "示范县"}  # the county's member keeps the town, not the demo rows
    assert removal.entries_removed > 3000
    with db.session() as s:
        assert s.scalar(select(func.count(Entry.id))) == 1
        assert s.scalar(select(func.count(EntryEvent.id))) == 0
        assert {u for u, in s.execute(select(Unit.name))} == {"示范县", "青山镇"}


def test_seed_demo_history_from_the_cli_and_remove(tmp_path, db_url):
    """`seed-demo --history` (what `make run` loads into a new local database) and `seed-demo --remove`."""
    import os
    import subprocess
    import sys

    from paths import REPO_ROOT
    from storage.db import Database
    from suite import is_postgres

    url = db_url if is_postgres() else f"sqlite:///{tmp_path / 'demo.db'}"

    def bot(*args: str) -> str:
        out = subprocess.run([sys.executable, "-m", "bot", *args, "--db", url, "--now", "2026-12-05T10:00:00+08:00"],
                             cwd=REPO_ROOT, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
                             capture_output=True, text=True, timeout=120, check=True)
        return out.stdout

    assert "示范台账" in bot("seed-demo", "--history")
    assert "示范台账" not in bot("seed-demo", "--history")  # once
    said = bot("say", "--user", "王五", "今年1-11月开会多少次，同比")
    assert "同比下降" in said
    assert "台账" in bot("seed-demo", "--remove")
    db = Database(url)
    with db.session() as s:
        assert s.scalar(select(func.count(Entry.id))) == 0 and s.scalar(select(func.count(Unit.id))) == 0
    db.dispose()
