"""End-to-end cost of one chat message: dispatcher → parse → handler → SQLite (or BENCH_DATABASE_URL).

Prints messages per second for records and for queries, and the database size after the run.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.clock import TZ, FixedClock
from bot.messages import IncomingMessage
from bot.runtime import build, init_db, seed_if_empty
from config.settings import Settings

RECORDS = ("明天开会，3个乡镇参加", "下周三县委办发文2件", "昨天接受县纪委督查", "上报安全生产材料1份")
QUERIES = ("本月开了几次会", "本月发文数", "今年收了多少上级文件")


def run(n: int) -> None:
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    rt = build(Settings(database_url=url, scheduler=False), clock=FixedClock(dt.datetime(2026, 11, 22, 10, tzinfo=TZ)))
    init_db(rt.db)
    seed_if_empty(rt.db)

    def send(text: str) -> None:
        rt.dispatcher.handle(IncomingMessage(platform="console", message_id=uuid.uuid4().hex,
                                             chat_id="城关镇", sender_id="张三", text=text))

    for label, texts in (("record", RECORDS), ("query", QUERIES)):
        start = time.perf_counter()
        for i in range(n):
            send(texts[i % len(texts)])
        elapsed = time.perf_counter() - start
        print(f"{label:7s} {n} messages in {elapsed:.2f} s: {n / elapsed:,.0f} msg/s, {elapsed / n * 1000:.2f} ms each")
    print(f"database: {rt.db.dialect} {url}")


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
