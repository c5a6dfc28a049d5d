"""A scheduler tick at county scale: 3,000 units (each with a group), 1,000,000 entries, on SQLite.

The tick is the Monday-morning one that queues every group's 每周一分析 (plus reminders and quota
alerts). While it runs, another process talks to the bot as a member would (a record, then a question,
every 0.3 s) and times each answer, so the figures show whether a tick holds chat up.
Goal (issue 18): the tick ≤ 10 s; every chat message answered (none 处理出错), none slower than 3 s.

The generated ledger is kept in BENCH_TICK_SQLITE (default /tmp/jianfu_bench_tick.db) and copied for
each run, so a run starts from the same state. BENCH_ENTRIES (default 1000000), BENCH_UNITS (3000).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert, select

from bot.clock import TZ, FixedClock
from bot.stats import counting_rules
from config.settings import CONFIG_DIR, Settings
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Conversation, Entry, Member, Outbox, Quota, Unit
from storage.timeutil import UTC

COUNTY = "基准县"
NOW = dt.datetime(2026, 11, 23, 9, 5, tzinfo=TZ)  # Monday: every group's weekly digest is due
FIRST_DAY, LAST_DAY = dt.date(2025, 1, 1), dt.date(2026, 12, 31)
WRITTEN_BY = dt.date(2026, 11, 20)
PAIRS = [("meeting", "outgoing", 3), ("meeting", "incoming", 3), ("document", "outgoing", 4),
         ("document", "incoming", 6), ("inspection", "outgoing", 1), ("inspection", "incoming", 2),
         ("report", "outgoing", 1), ("report", "incoming", 3)]
TITLES = {"meeting": ["安全生产工作会", "业务培训会", "月度例会", None], "document": ["关于做好冬季安全生产工作的通知", None],
          "inspection": ["安全生产督查", "年度考核", None], "report": ["报送季度报表", None]}
CHAT_EVERY = 0.3  # seconds between chat messages during the tick
CHAT = [("张三", "今天发文1件"), ("张三", "本月发文数")]


def build(db: Database, units_total: int, total: int) -> None:
    rng = random.Random(18)
    rules = counting_rules.load(CONFIG_DIR)
    stamp = dt.datetime(2026, 1, 1, tzinfo=UTC)
    with db.engine.begin() as conn:
        conn.execute(insert(Unit.__table__), [{"name": COUNTY, "level": "county", "aliases": [], "active": True,
                                                "created_at": stamp}])
        county = conn.execute(select(Unit.id).where(Unit.name == COUNTY)).scalar_one()
        rows = [{"name": "县委办", "level": "department", "parent_id": county, "aliases": [], "active": True,
                 "created_at": stamp}]
        rows += [{"name": f"第{i}镇", "level": "town", "parent_id": county, "aliases": [], "active": True,
                  "created_at": stamp} for i in range(1, units_total - 1)]
        conn.execute(insert(Unit.__table__), rows)
        units = dict(conn.execute(select(Unit.name, Unit.id)).tuples().all())
        conn.execute(insert(Member.__table__), [
            {"unit_id": units["县委办"], "name": "王五", "roles": "admin,approver", "status": "active",
             "created_at": stamp},
            {"unit_id": units["第1镇"], "name": "张三", "roles": "member", "status": "active", "created_at": stamp},
        ])
        members = dict(conn.execute(select(Member.name, Member.id)).tuples().all())
        conn.execute(insert(Conversation.__table__), [
            {"platform": "console", "external_id": name, "title": f"{name}工作群", "unit_id": uid,
             "push_enabled": True, "created_at": stamp} for name, uid in units.items() if name != COUNTY])
        unit_ids = [uid for name, uid in units.items() if name != COUNTY]
        conn.execute(insert(Quota.__table__), [
            {"unit_id": uid, "kind": "document", "direction": "outgoing", "period": "year", "year": 2026,
             "limit": rng.randrange(100, 400)} for uid in rng.sample(unit_ids, 300)])
        weights = [w for *_, w in PAIRS]
        days = (LAST_DAY - FIRST_DAY).days + 1
        scope_cache: dict[tuple[object, ...], tuple[bool, str]] = {}
        batch: list[dict[str, object]] = []
        for n in range(total):
            kind, direction, _ = rng.choices(PAIRS, weights)[0]
            title = rng.choice(TITLES[kind])
            key = (kind, direction, title)
            if key not in scope_cache:
                scope_cache[key] = rules.classify(kind, direction, None, title, None)
            in_scope, reason = scope_cache[key]
            day = FIRST_DAY + dt.timedelta(days=rng.randrange(days))
            at = dt.datetime.combine(min(day, WRITTEN_BY), dt.time(9), tzinfo=UTC)
            filing = kind in ("meeting", "inspection") and rng.random() < 0.02
            status = rng.choice(["filed", "approved", "recorded"]) if filing else "recorded"
            flags = [{"list": "会议“八不开”", "number": 3, "text": "会议时长超过规定"}] if rng.random() < 0.005 else []
            batch.append({"unit_id": rng.choice(unit_ids), "kind": kind, "direction": direction, "subtype": None,
                          "title": title, "occurs_on": day, "quantity": 1, "in_scope": in_scope,
                          "scope_reason": reason, "status": status, "flags": flags, "filing_required": filing,
                          "created_by": members["张三"] if filing else None, "created_at": at, "updated_at": at})
            if len(batch) == 20_000:
                conn.execute(insert(Entry.__table__), batch)
                batch.clear()
                print(f"\r  {n + 1:,} entries", end="", flush=True)
        if batch:
            conn.execute(insert(Entry.__table__), batch)
        print()


def prepare(path: Path, units_total: int, total: int) -> None:
    if path.exists():
        db = Database(f"sqlite:///{path}")
        with db.session() as s:
            ready = (s.scalar(select(func.count(Unit.id))) == units_total
                     and s.scalar(select(func.count(Entry.id))) == total)
        db.dispose()
        if ready:
            return
        path.unlink()
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    start = time.perf_counter()
    build(db, units_total, total)
    from bot.services import Services
    from bot.stats.rescope import ensure_current
    services = Services.from_settings(Settings(database_url=db.url, scheduler=False), db, FixedClock(NOW))
    with db.session() as s:
        ensure_current(s, services.counting_rules.current(), NOW)
    print(f"  generated {units_total:,} units and {total:,} entries in {time.perf_counter() - start:.1f} s")
    db.dispose()


def chat(url: str, ready: Path, stop: Path) -> None:
    """The member in another process: one message every CHAT_EVERY s until `stop` exists; JSON on stdout."""
    from bot.channels.console import console_message
    from bot.runtime import build as build_runtime

    runtime = build_runtime(Settings(database_url=url, scheduler=False), clock=FixedClock(NOW))
    for user, text in CHAT:  # warm up (jieba's dictionary, the rules) before the tick starts
        with runtime.db.session() as session:
            warm = console_message(session, user, text)
        runtime.dispatcher.handle(warm)
    ready.touch()
    results = []
    n = 0
    while not stop.exists():
        user, text = CHAT[n % len(CHAT)]
        start = time.perf_counter()
        try:
            with runtime.db.session() as session:
                message = console_message(session, user, text)
            reply = runtime.dispatcher.handle(message)
            said, ok = reply.text, "出错" not in reply.text and bool(reply.text)
        except Exception as exc:  # database is locked …: the member got no answer
            said, ok = f"{type(exc).__name__}: {exc}", False
        results.append({"text": text, "seconds": time.perf_counter() - start, "ok": ok, "reply": said[:80],
                        "at": time.time()})
        n += 1
        time.sleep(CHAT_EVERY)
    print(json.dumps(results, ensure_ascii=False))


def run() -> None:
    total = int(os.environ.get("BENCH_ENTRIES", "1000000"))
    units_total = int(os.environ.get("BENCH_UNITS", "3000"))
    template = Path(os.environ.get("BENCH_TICK_SQLITE", "/tmp/jianfu_bench_tick.db"))
    print(f"scheduler tick: SQLite ({template}), {units_total:,} units with a group each, {total:,} entries")
    prepare(template, units_total, total)
    work = template.with_name(template.stem + "-run.db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, work)
    url = f"sqlite:///{work}"
    ready, stop = work.with_suffix(".ready"), work.with_suffix(".stop")
    ready.unlink(missing_ok=True)
    stop.unlink(missing_ok=True)
    member = subprocess.Popen([sys.executable, __file__, "--chat", url, str(ready), str(stop)],
                              stdout=subprocess.PIPE, text=True)
    while not ready.exists():
        if member.poll() is not None:
            raise SystemExit("the chat process failed to start")
        time.sleep(0.1)

    from bot.scheduler import Scheduler

    db = Database(url)
    scheduler = Scheduler(db, FixedClock(NOW), config_dir=CONFIG_DIR)
    start, began = time.perf_counter(), time.time()
    report = scheduler.tick()
    seconds = time.perf_counter() - start
    print(f"  tick done in {seconds:.1f} s", flush=True)
    time.sleep(CHAT_EVERY * 2)  # one more message after the tick
    stop.touch()
    out, _ = member.communicate(timeout=120)
    results = json.loads(out.strip().splitlines()[-1])
    with db.session() as s:
        queued = s.scalar(select(func.count(Outbox.id))) or 0
    weekly = sum(1 for k in report.queued if k.startswith("weekly:"))
    print(f"  tick: {seconds:.1f} s, queued {len(report.queued):,} pushes ({weekly:,} weekly digests; "
          f"outbox rows {queued:,})  {'ok' if seconds <= 10 else 'OVER 10 s'}")
    times = sorted(r["seconds"] for r in results)
    failed = [r for r in results if not r["ok"]]
    if times:
        print(f"  chat during the tick: {len(times)} messages, median {statistics.median(times) * 1000:.0f} ms, "
              f"max {times[-1] * 1000:.0f} ms, failed {len(failed)}"
              f"  {'ok' if not failed and times[-1] < 3 else 'NOT OK'}")
    slowest = max(results, key=lambda r: r["seconds"], default=None)
    if slowest is not None:
        print(f"    slowest: {slowest['text']} sent {slowest['at'] - slowest['seconds'] - began:+.1f} s after the tick "
              f"began, {slowest['seconds'] * 1000:.0f} ms")
    for r in failed[:3]:
        print(f"    failed: {r['text']} → {r['reply']}")
    db.dispose()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--chat":
        chat(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        run()
