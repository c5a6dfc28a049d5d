"""Statistics at county scale: 1,000,000 entries over 5 years and 200 units.

Prints the time of "本月发文数" (with 同比), "各乡镇本月发文排名" and "生成汇报 今年1-11月" (a town's, and the
county office's), plus "双台账比对 本月", each answered by its handler as in chat. Goal: each under
50 ms on SQLite. SQLite always; PostgreSQL too when BENCH_DATABASE_URL is set.

The generated ledger is kept: BENCH_SQLITE (default /tmp/jianfu_bench_stats.db) and the PostgreSQL
database are reused when they already hold this benchmark's data (unit 基准县). A PostgreSQL database
holding anything else is refused, never wiped. Options: BENCH_ENTRIES (default 1000000), BENCH_RUNS (30).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert, select, text

from bot.clock import TZ, FixedClock
from bot.context import Context
from bot.nlu import Intent, Period
from bot.services import Services
from bot.stats import counting_rules
from bot.stats.rescope import ensure_current
from config.settings import CONFIG_DIR, Settings
from handlers import handler_for
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Baseline, Entry, Member, Notification, Unit
from storage.timeutil import UTC

COUNTY = "基准县"
NOW = dt.datetime(2026, 11, 22, 10, tzinfo=TZ)
FIRST_DAY, LAST_DAY = dt.date(2022, 1, 1), dt.date(2026, 12, 31)
WRITTEN_BY = dt.date(2026, 11, 1)  # planned entries were written before their date
TOWNS, DEPARTMENTS = 168, 30  # + the county and its office = 200 units
PAIRS = [("meeting", "outgoing", 3), ("meeting", "incoming", 3), ("document", "outgoing", 4),
         ("document", "incoming", 6), ("inspection", "outgoing", 1), ("inspection", "incoming", 2),
         ("report", "outgoing", 1), ("report", "incoming", 3)]
SUBTYPES = {"document.outgoing": ["党委发文", "政府发文", None], "inspection.incoming": ["督查", "检查", "考核", None],
            "inspection.outgoing": ["督查", "督导", None]}
TITLES = {"meeting": ["安全生产工作会", "业务培训会", "理论学习中心组学习会", "防汛视频会议", "月度例会", None],
          "document": ["关于做好冬季安全生产工作的通知", "工作简报", "关于开展督查的通知", "关于报送名单的便函", None],
          "inspection": ["安全生产督查", "年度考核", None], "report": ["报送季度报表", "统计材料", None]}


def build_ledger(db: Database, total: int) -> None:
    rng = random.Random(7)
    rules = counting_rules.load(CONFIG_DIR)
    with db.engine.begin() as conn:
        conn.execute(insert(Unit.__table__), [{"name": COUNTY, "level": "county", "aliases": [], "active": True,
                                                "created_at": NOW}])
        county = conn.execute(select(Unit.id).where(Unit.name == COUNTY)).scalar_one()
        rows = [{"name": "县委办", "level": "department", "parent_id": county, "aliases": [], "active": True,
                 "created_at": NOW}]
        rows += [{"name": f"第{i}镇", "level": "town", "parent_id": county, "aliases": [], "active": True,
                  "created_at": NOW} for i in range(1, TOWNS + 1)]
        rows += [{"name": f"县直{i}局", "level": "department", "parent_id": county, "aliases": [], "active": True,
                  "created_at": NOW} for i in range(1, DEPARTMENTS + 1)]
        conn.execute(insert(Unit.__table__), rows)
        units = dict(conn.execute(select(Unit.name, Unit.id)).tuples().all())
        conn.execute(insert(Member.__table__), [
            {"unit_id": units["县委办"], "name": "王五", "roles": "admin,approver", "status": "active", "created_at": NOW},
            {"unit_id": units["第1镇"], "name": "张三", "roles": "member", "status": "active", "created_at": NOW},
        ])
        unit_ids = list(units.values())
        weights = [w for *_, w in PAIRS]
        days = (LAST_DAY - FIRST_DAY).days + 1
        scope_cache: dict[tuple, tuple[bool, str]] = {}
        batch: list[dict] = []
        for n in range(total):
            kind, direction, _ = rng.choices(PAIRS, weights)[0]
            subtype = rng.choice(SUBTYPES.get(f"{kind}.{direction}", [None]))
            title = rng.choice(TITLES[kind])
            key = (kind, direction, subtype, title)
            if key not in scope_cache:
                scope_cache[key] = rules.classify(kind, direction, subtype, title, None)
            in_scope, reason = scope_cache[key]
            day = FIRST_DAY + dt.timedelta(days=rng.randrange(days))
            at = dt.datetime.combine(min(day, WRITTEN_BY), dt.time(9), tzinfo=UTC)
            batch.append({"unit_id": rng.choice(unit_ids), "kind": kind, "direction": direction, "subtype": subtype,
                          "title": title, "occurs_on": day, "quantity": 1 if rng.random() < 0.9 else 2,
                          "in_scope": in_scope, "scope_reason": reason, "status": "recorded", "flags": [],
                          "filing_required": False, "created_at": at, "updated_at": at})
            if len(batch) == 20_000:
                conn.execute(insert(Entry.__table__), batch)
                batch.clear()
                print(f"\r  {n + 1:,} entries", end="", flush=True)
        if batch:
            conn.execute(insert(Entry.__table__), batch)
        print()
        conn.execute(insert(Baseline.__table__), [
            {"unit_id": uid, "kind": k, "direction": d, "subtype": None, "year": 2021, "month": m,
             "count": rng.randrange(0, 20)}
            for uid in unit_ids for k, d, _ in PAIRS for m in range(1, 13)
        ])
        conn.execute(insert(Notification.__table__), [
            {"kind": rng.choice(["reminder", "over_quota", "quota_warning"]), "unit_id": rng.choice(unit_ids),
             "text": "提醒", "at": dt.datetime(2026, rng.randrange(1, 12), rng.randrange(1, 28), 9, tzinfo=TZ)}
            for _ in range(500)
        ])


def prepare(url: str, total: int) -> Database:
    db = Database(url)
    upgrade(db)
    with db.session() as s:
        has_units = s.scalar(select(func.count(Unit.id))) > 0
        ours = s.scalar(select(Unit.id).where(Unit.name == COUNTY)) is not None
        count = s.scalar(select(func.count(Entry.id)))
    if has_units and not ours:
        raise SystemExit(f"{url}: 数据库中已有其他数据，基准测试不会覆盖它。请换一个空数据库。")
    if ours and count != total:
        _wipe(db)
        has_units = False
    if not has_units:
        start = time.perf_counter()
        build_ledger(db, total)
        print(f"  generated {total:,} entries in {time.perf_counter() - start:.1f} s")
        if db.dialect == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("ANALYZE"))
    return db


def _wipe(db: Database) -> None:
    from storage.models import Base

    with db.engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())


def measure(label: str, fn: Callable[[], object], runs: int) -> None:
    first_start = time.perf_counter()
    fn()
    first = (time.perf_counter() - first_start) * 1000
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    goal = "ok" if statistics.median(times) < 50 else "OVER 50 ms"
    print(f"  {label:34s} first {first:7.1f} ms   median {statistics.median(times):7.1f} ms   "
          f"p95 {p95:7.1f} ms   {goal}")


def run(url: str, total: int, runs: int) -> None:
    db = prepare(url, total)
    clock = FixedClock(NOW)
    services = Services.from_settings(Settings(database_url=url, scheduler=False), db, clock)
    with db.session() as s:
        start = time.perf_counter()
        result = ensure_current(s, services.counting_rules.current(), NOW)
        print(f"  counting rules applied to {result.checked:,} entries in {time.perf_counter() - start:.1f} s "
              f"({result.changed:,} changed)")
    month = Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30), "本月")
    year = Period(dt.date(2026, 1, 1), dt.date(2026, 11, 30), "今年1-11月")

    def ask(member_name: str, intent: Intent) -> Callable[[], object]:
        handler = handler_for(intent.intent)  # as the dispatcher runs it: the permission first

        def call() -> object:
            with db.session() as s:
                member = s.scalars(select(Member).where(Member.name == member_name)).one()
                ctx = Context(session=s, clock=clock, member=member, unit=member.unit, conversation=None,
                              message=None, services=services)  # type: ignore[arg-type]
                reply = handler(ctx, intent)
                assert reply.intent in ("query", "report", "compare"), reply.text
                return reply
        return call

    measure("本月发文数（同比）", ask("张三", Intent("本月发文数", intent="query", kind="document",
                                              direction="outgoing", period=month, compare="yoy")), runs)
    measure("各乡镇本月发文排名（168个镇）", ask("王五", Intent("各乡镇本月发文排名", intent="query", kind="document",
                                                    direction="outgoing", period=month, group_by="unit",
                                                    args={"scope_level": "乡镇"})), runs)
    measure("生成汇报 今年1-11月（镇）", ask("张三", Intent("生成汇报", intent="report", period=year)), runs)
    measure("生成汇报 今年1-11月（县委办）", ask("王五", Intent("生成汇报", intent="report", period=year)), runs)
    measure("双台账比对 本月（镇）", ask("张三", Intent("双台账比对", intent="compare", period=month)), runs)
    print(f"  database: {db.dialect}")
    db.dispose()


def main() -> None:
    total = int(os.environ.get("BENCH_ENTRIES", "1000000"))
    runs = int(os.environ.get("BENCH_RUNS", "30"))
    sqlite_path = os.environ.get("BENCH_SQLITE", "/tmp/jianfu_bench_stats.db")
    print(f"SQLite ({sqlite_path}), {total:,} entries, 200 units, 5 years")
    run(f"sqlite:///{sqlite_path}", total, runs)
    pg = os.environ.get("BENCH_DATABASE_URL")
    if pg:
        print(f"PostgreSQL ({pg.rsplit('@', 1)[-1]}), {total:,} entries")
        run(pg, total, runs)


if __name__ == "__main__":
    main()
