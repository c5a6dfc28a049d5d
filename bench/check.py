"""A check ("可以开吗") with a 100,000-entry ledger: the median time of parse → proposal → evaluate.

evaluate() runs every rule set, the ledger-aware ones (三个凡是, quotas, 年度只减不增, yearly caps) against
the ledger, and the meaning pass (bot.rules.meaning) over the example banks. Goal (issue 14): ≤ 5 ms median
on SQLite. Also prints the meaning pass alone. The ledger is generated once and kept in BENCH_CHECK_SQLITE
(default /tmp/jianfu_bench_check.db). Options: BENCH_ENTRIES (default 100000), BENCH_RUNS (default 5).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert, literal, select

from bot.clock import TZ
from bot.nlu import parse
from bot.rules import RuleStore, evaluate, proposal_from_intent
from bot.rules.context import CheckContext
from bot.rules.meaning import revise
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Entry, EntryTopic, Quota, Unit
from storage.topics import KINDS as TOPIC_KINDS
from storage.topics import topic_rows
from storage.timeutil import UTC

COUNTY = "检查基准县"
NOW = dt.datetime(2026, 11, 22, 10, tzinfo=TZ)
KINDS = [("meeting", "outgoing"), ("meeting", "incoming"), ("document", "outgoing"), ("document", "incoming"),
         ("inspection", "outgoing"), ("inspection", "incoming"), ("report", "outgoing"), ("report", "incoming")]
TITLES = ["安全生产工作会", "秸秆禁烧工作推进会", "关于做好冬季森林防火工作的通知", "人居环境整治现场会",
          "环境卫生检查", "年度考核", "报送季度报表", "党建工作推进会", "防汛调度会", None]
# Questions in cadres' words: meetings, documents, inspections, reports; compliance and violations.
QUESTIONS = [
    "下周三开全镇安全生产推进会，各村书记参加，可以吗",
    "周四开个党建工作会行不行",
    "这件事不开会了，打电话跟各村说一声就行，可以吗",
    "县里的文件我们照抄一遍，换个文头发下去行不行",
    "上级文件已经发到各乡镇了，我们还要不要再转发一次",
    "下周去各村检查一下环境卫生",
    "检查组来了要不要安排一桌饭",
    "上面来检查时，乡镇党政领导得一路跟着，每到一个点还要汇报",
    "系统里有的数据直接调用，不再让各村填表上报，可以吧",
    "要求各村每天在群里接龙报进度，行吗",
    "下周二开全县动员大会，200人，3小时，可以吗",
    "这期简报实在没什么内容，就停发一期，可以吧",
    "任务刚布置下去，第二天就去督查落实情况，行吗",
    "两个内容相近的会合成一个开，可以吗",
    "周五召开镇人民代表大会，可以吗",
    "局里今年已经开过一次全县系统大会，年底再开一次行吗",
]


def build_ledger(db: Database, total: int) -> dict[str, tuple[int, str]]:
    """Units of every level and `total` entries over 2025–2026; returns name → (id, level)."""
    rng = random.Random(14)
    with db.engine.begin() as conn:
        conn.execute(insert(Unit), [{"name": COUNTY, "level": "county", "aliases": [], "active": True,
                                                "created_at": NOW}])
        county = conn.execute(select(Unit.id).where(Unit.name == COUNTY)).scalar_one()
        rows = [{"name": f"第{i}镇", "level": "town", "parent_id": county, "aliases": [], "active": True,
                 "created_at": NOW} for i in range(1, 21)]
        rows += [{"name": f"县直{i}局", "level": "department", "parent_id": county, "aliases": [], "active": True,
                  "created_at": NOW} for i in range(1, 11)]
        conn.execute(insert(Unit), rows)
        units = {name: (uid, level) for name, uid, level in conn.execute(select(Unit.name, Unit.id, Unit.level))}
        ids = [uid for uid, _ in units.values()]
        conn.execute(insert(Quota), [
            {"unit_id": uid, "kind": "meeting", "direction": "outgoing", "period": "year", "year": 2026, "limit": 300}
            for uid in ids])
        start, days = dt.date(2025, 1, 1), 730
        batch: list[dict[str, object]] = []
        for n in range(total):
            kind, direction = rng.choice(KINDS)
            day = start + dt.timedelta(days=rng.randrange(days))
            at = dt.datetime.combine(day, dt.time(9), tzinfo=UTC)
            title = rng.choice(TITLES)
            batch.append({"unit_id": rng.choice(ids), "kind": kind, "direction": direction, "title": title,
                          "raw_text": title, "occurs_on": day, "quantity": 1, "in_scope": True,
                          "scope_reason": "全口径", "status": "recorded", "flags": [], "filing_required": False,
                          "created_at": at, "updated_at": at})
            if len(batch) == 20_000 or n == total - 1:
                conn.execute(insert(Entry), batch)
                batch.clear()
        for title in TITLES:  # the topic words the ORM would have written with each entry (storage.topics)
            for key in {r["key"] for r in topic_rows(0, 0, "meeting", "outgoing", start, title, title)}:
                conn.execute(insert(EntryTopic).from_select(
                    ["entry_id", "key", "unit_id", "kind", "direction", "occurs_on"],
                    select(Entry.id, literal(key), Entry.unit_id, Entry.kind, Entry.direction, Entry.occurs_on)
                    .where(Entry.title == title, Entry.kind.in_(TOPIC_KINDS))))
    return units


def prepare(path: Path, total: int) -> tuple[Database, dict[str, tuple[int, str]]]:
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    with db.session() as s:
        ours = s.scalar(select(Unit.id).where(Unit.name == COUNTY)) is not None
        count = s.scalar(select(func.count(Entry.id)))
        topics = s.scalar(select(func.count()).select_from(EntryTopic))
    if ours and count == total and topics:
        with db.session() as s:
            units = {u.name: (u.id, u.level) for u in s.scalars(select(Unit))}
        return db, units
    db.dispose()
    path.unlink(missing_ok=True)
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    began = time.perf_counter()
    units = build_ledger(db, total)
    print(f"  generated {total:,} entries in {time.perf_counter() - began:.1f} s")
    return db, units


def main() -> None:
    total = int(os.environ.get("BENCH_ENTRIES", "100000"))
    runs = int(os.environ.get("BENCH_RUNS", "5"))
    db, units = prepare(Path(os.environ.get("BENCH_CHECK_SQLITE", "/tmp/jianfu_bench_check.db")), total)
    store = RuleStore()
    book = store.current()
    askers = [units["第1镇"], units["县直1局"], units[COUNTY]]
    for text in QUESTIONS:  # warm up: jieba, the example index, regex caches
        evaluate(proposal_from_intent(parse(text, NOW), now=NOW), book, None, NOW.date())
    full: list[float] = []
    parsing: list[float] = []
    rules: list[float] = []
    meaning: list[float] = []
    with db.session() as session:
        for _ in range(runs):
            for n, text in enumerate(QUESTIONS):
                unit_id, level = askers[n % len(askers)]
                began = time.perf_counter()
                proposal = proposal_from_intent(parse(text, NOW), now=NOW, unit_id=unit_id, unit_level=level)
                parsed = time.perf_counter()
                evaluate(proposal, store.current(), session, NOW.date())
                done = time.perf_counter()
                full.append((done - began) * 1000)
                parsing.append((parsed - began) * 1000)
                rules.append((done - parsed) * 1000)
                ctx = CheckContext.build(proposal, book, session, NOW.date())
                began = time.perf_counter()
                revise(ctx, [], [])
                meaning.append((time.perf_counter() - began) * 1000)
    print(f"check (parse + evaluate, {total:,}-entry ledger, SQLite): median {statistics.median(full):.2f} ms, "
          f"p90 {sorted(full)[int(len(full) * 0.9)]:.2f} ms over {len(full)} checks (goal ≤ 5 ms median)")
    print(f"  of which parse → proposal: median {statistics.median(parsing):.2f} ms; "
          f"evaluate (all rules, ledger, meaning): median {statistics.median(rules):.2f} ms")
    print(f"  meaning pass alone: median {statistics.median(meaning):.2f} ms")
    db.dispose()


if __name__ == "__main__":
    main()
