"""The 减负看板 at county scale: 1,000,000 entries over 5 years and 200 units (bench/stats.py's ledger).

Prints the server time of each board page (the Flask app answering GET /board/<token>/…, rendering
included): the overview as the county admin (200 units) and as a town member, a unit page with its
24-month trends and ledger, the ledger filtered, the filing queue and the 双台账 page. Goal: each
≤ 300 ms (median). SQLite always; PostgreSQL too when BENCH_DATABASE_URL is set (a database holding
anything else is refused, never wiped). Options: BENCH_ENTRIES (default 1000000), BENCH_RUNS (10),
BENCH_BOARD_SQLITE (default /tmp/jianfu_bench_board.db, kept and reused).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select

from bot.app import create_app
from bot.board import links
from bot.clock import FixedClock
from bot.runtime import build
from config.settings import Settings
from storage.models import Member, Unit

GOAL_MS = 300.0
ROOT = Path(__file__).resolve().parents[1]


def _ledger_module():  # type: ignore[no-untyped-def]
    """bench/stats.py: the 1,000,000-entry ledger of 基准县 (one generator for both benchmarks)."""
    spec = importlib.util.spec_from_file_location("bench_stats", ROOT / "bench" / "stats.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(url: str, total: int, runs: int) -> list[tuple[str, float]]:
    ledger = _ledger_module()
    db = ledger.prepare(url, total)
    clock = FixedClock(ledger.NOW)
    runtime = build(Settings(database_url=url, scheduler=False), clock=clock, db=db)
    client = create_app(runtime).test_client()
    with db.session() as s:
        members = {m.name: m.id for m in s.scalars(select(Member))}
        town = s.scalars(select(Unit).where(Unit.name == "第1镇")).one().id
        expires = clock.now() + dt.timedelta(hours=12)
        admin = links.make_token(s, runtime.settings, members["王五"], expires)
        member = links.make_token(s, runtime.settings, members["张三"], expires)
    pages = [
        ("总览（县委办王五，200个单位）", f"/board/{admin}/"),
        ("总览·来自上级，按合计排序", f"/board/{admin}/?dir=incoming&sort=total&span=year"),
        ("总览（第1镇张三）", f"/board/{member}/"),
        ("单位页（第1镇：24个月走势、台账）", f"/board/{admin}/unit/{town}"),
        ("单位页·台账筛选（全部期间，第3页）", f"/board/{admin}/unit/{town}?kind=document&period=all&page=3"),
        ("报备审批备案队列（全县）", f"/board/{admin}/filing"),
        ("双台账比对 本月（全县）", f"/board/{admin}/ledgers"),
    ]
    results = []
    for label, path in pages:
        first_start = time.perf_counter()
        response = client.get(path)
        first = (time.perf_counter() - first_start) * 1000
        assert response.status_code == 200, (label, response.status_code)
        times, cpu = [], []
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        median = statistics.median(times)
        results.append((label, median))
        goal = "ok" if median <= GOAL_MS else f"OVER {GOAL_MS:.0f} ms"
        print(f"  {label:30s} first {first:7.1f} ms   median {median:7.1f} ms   max {max(times):7.1f} ms   "
              f"cpu {statistics.median(cpu):6.1f} ms   {len(response.data) // 1024:4d} KB   {goal}")
    # Wall time on a busy machine is not the page's cost: say how busy it was (cpu = this process alone).
    print(f"  database: {db.dialect}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    db.dispose()
    return results


def main() -> None:
    total = int(os.environ.get("BENCH_ENTRIES", "1000000"))
    runs = int(os.environ.get("BENCH_RUNS", "10"))
    sqlite_path = os.environ.get("BENCH_BOARD_SQLITE", "/tmp/jianfu_bench_board.db")
    print(f"SQLite ({sqlite_path}), {total:,} entries, 200 units, 5 years")
    over = [r for r in run(f"sqlite:///{sqlite_path}", total, runs) if r[1] > GOAL_MS]
    pg = os.environ.get("BENCH_DATABASE_URL")
    if pg:
        print(f"PostgreSQL ({pg.rsplit('@', 1)[-1]}), {total:,} entries")
        over += [r for r in run(pg, total, runs) if r[1] > GOAL_MS]
    if over:
        raise SystemExit(f"{len(over)} page(s) over {GOAL_MS:.0f} ms")


if __name__ == "__main__":
    main()
