"""CPU per message on the /wecom/app path without HTTP: the dispatcher alone, one thread, on bench/load.py's
mix (80 % records, 20 % statistics questions) from 100 towns with one bound member each.

    python bench/profile_path.py [--db URL] [--n 1500] [--profile out.prof]
    python bench/profile_path.py --skewed 6 [--db URL] [--n 1000]   # 4 members, one growing ledger
    python bench/profile_path.py --statements [--db URL] [--n 500]   # statements and transactions a message

Prints wall and CPU milliseconds per message (CPU time is the steadier figure on a shared machine). With
`--profile`, the measured messages run under cProfile and the 30 costliest functions (cumulative) follow;
for proportions undistorted by cProfile, run the script under a sampling profiler (py-spy record) instead.
With `--skewed R`, R rounds of n messages come from 4 members of 2 towns into one growing ledger, as
bench/load.py's skewed load sends them, and the CPU per message of each round is printed: the cost of a
message must not grow with the ledger (over HTTP, the round-to-round figures also carry the machine's noise).
`--db` is a PostgreSQL URL (wiped of the bench's org first, as bench/load.py does) or, by default, a fresh
SQLite file. `--statements` counts what a message sends the database (every statement, by its first words, and
the transactions begun, committed and rolled back: on PostgreSQL each is a round trip of its own, BEGIN
included: the driver's own BEGIN is counted apart), per message and per kind of message (record, question).
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import os
import pstats
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import load  # noqa: E402  (bench/load.py: the mix, the org and the database set-up)

WARM = 300  # messages first: the dictionaries, the statement cache and the ledger's first rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="", help="PostgreSQL URL; default a fresh SQLite file")
    ap.add_argument("--n", type=int, default=1500)
    ap.add_argument("--profile", default="", help="write cProfile data here and print the top of it")
    ap.add_argument("--skewed", type=int, default=0, help="rounds of messages from 4 members into one ledger")
    ap.add_argument("--statements", action="store_true", help="count the statements and transactions a message")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="jianfu-path-"))
    try:
        if args.statements:
            statements(args.db or f"sqlite:///{work}/path.db", args.n, work)
        elif args.skewed:
            skewed(args.db or f"sqlite:///{work}/path.db", args.skewed, args.n, work)
        else:
            run(args.db or f"sqlite:///{work}/path.db", args.n, args.profile, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def sender(url: str, org: str, work: Path, users: list[str]) -> Callable[[int, str], None]:
    """The dispatcher of a runtime built on `org`, as a function of (message number, text)."""
    load.prepare(url, org, work)
    os.environ.update({**load.ENV, "DATABASE_URL": url})
    from bot.channels.wecom.callback import one_to_one_chat_id
    from bot.messages import IncomingMessage
    from bot.runtime import build, warm_up
    from config.loader import look_at_files_every

    look_at_files_every(1.0)  # as bot.wsgi has it
    runtime = build()
    warm_up(runtime)
    base = time.time_ns()

    def send(i: int, text: str) -> None:
        user = users[i % len(users)]
        runtime.dispatcher.handle(IncomingMessage(
            platform="wecom", message_id=f"app:{base}{i:07d}", chat_id=one_to_one_chat_id(user), sender_id=user,
            text=text, is_group=False))

    return send


def skewed(url: str, rounds: int, n: int, work: Path) -> None:
    send = sender(url, load.org_yaml(2, 2), work, ["u1_0", "u1_1", "u2_0", "u2_1"])
    sent = 0
    for text in load.mix(WARM, seed=99):
        send(sent, text)
        sent += 1
    for rnd in range(1, rounds + 1):
        cpu = time.process_time()
        for text in load.mix(n, seed=100 + rnd):  # the skewed load's messages (bench/load.py)
            send(sent, text)
            sent += 1
        print(f"round {rnd}: {(time.process_time() - cpu) / n * 1000:.2f} ms CPU per message, "
              f"{sent} messages in the ledger's two towns; {url.split(':')[0]}", flush=True)


def statements(url: str, n: int, work: Path) -> None:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    send_text = sender(url, load.org_yaml(100, 1), work, [f"u{i}_0" for i in range(1, 101)])
    texts = load.mix(WARM + n, seed=1)
    for i in range(WARM):
        send_text(i, texts[i])
    seen: collections.Counter[str] = collections.Counter()

    def on_statement(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        words = statement.split()
        seen[" ".join(words[:3] if words[0] in ("INSERT", "DELETE") else words[:2])] += 1

    def on(what: str) -> Callable[..., None]:
        def count(*_args: object) -> None:
            seen[what] += 1
        return count

    listeners = [("before_cursor_execute", on_statement), ("begin", on("(begin)")), ("commit", on("(commit)")),
                 ("rollback", on("(rollback)"))]
    per_kind: dict[str, list[int]] = collections.defaultdict(list)
    for name, listener in listeners:
        event.listen(Engine, name, listener)
    begins = None
    if url.startswith("postgresql"):  # psycopg sends a BEGIN of its own before a transaction's first statement
        import psycopg

        begins = psycopg.Connection._get_tx_start_command

        def begin_sent(conn: psycopg.Connection[Any]) -> bytes:
            seen["(BEGIN sent by the driver)"] += 1
            return begins(conn)

        psycopg.Connection._get_tx_start_command = begin_sent  # type: ignore[method-assign,assignment]
    try:
        for i in range(WARM, WARM + n):
            before = sum(v for k, v in seen.items() if not k.startswith("("))
            send_text(i, texts[i])
            kind = "question" if texts[i] in load.QUERIES else "record"
            per_kind[kind].append(sum(v for k, v in seen.items() if not k.startswith("(")) - before)
    finally:
        for name, listener in listeners:
            event.remove(Engine, name, listener)
        if begins is not None:
            psycopg.Connection._get_tx_start_command = begins  # type: ignore[method-assign]
    total = sum(v for k, v in seen.items() if not k.startswith("("))
    print(f"{n} messages, {url.split(':')[0]}: {total / n:.2f} statements a message; "
          + "; ".join(f"{kind} {sum(c) / len(c):.2f} ({len(c)})" for kind, c in sorted(per_kind.items())))
    for what, count in seen.most_common():
        print(f"  {count / n:6.3f}  {what}")


def run(url: str, n: int, profile: str, work: Path) -> None:
    send_text = sender(url, load.org_yaml(100, 1), work, [f"u{i}_0" for i in range(1, 101)])
    texts = load.mix(WARM + n, seed=1)

    def send(i: int) -> None:
        send_text(i, texts[i])

    for i in range(WARM):
        send(i)
    profiler = cProfile.Profile() if profile else None
    wall, cpu = time.perf_counter(), time.process_time()
    if profiler is not None:
        profiler.enable()
    for i in range(WARM, WARM + n):
        send(i)
    if profiler is not None:
        profiler.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{n} messages, {url.split(':')[0]}: {wall / n * 1000:.2f} ms wall, {cpu / n * 1000:.2f} ms CPU per message"
          f"{' (under cProfile)' if profiler else ''}; load {os.getloadavg()[0]:.1f}")
    if profiler is not None:
        profiler.dump_stats(profile)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
