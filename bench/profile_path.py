"""CPU per message on the /wecom/app path without HTTP: the dispatcher alone, one thread, on bench/load.py's
mix (80 % records, 20 % statistics questions) from 100 towns with one bound member each.

    python bench/profile_path.py [--db URL] [--n 1500] [--profile out.prof]

Prints wall and CPU milliseconds per message (CPU time is the steadier figure on a shared machine). With
`--profile`, the measured messages run under cProfile and the 30 costliest functions (cumulative) follow;
for proportions undistorted by cProfile, run the script under a sampling profiler (py-spy record) instead.
`--db` is a PostgreSQL URL (wiped of the bench's org first, as bench/load.py does) or, by default, a fresh
SQLite file.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import sys
import tempfile
import time
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
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="jianfu-path-"))
    try:
        run(args.db or f"sqlite:///{work}/path.db", args.n, args.profile, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(url: str, n: int, profile: str, work: Path) -> None:
    load.prepare(url, load.org_yaml(100, 1), work)
    os.environ.update({**load.ENV, "DATABASE_URL": url})
    from bot.channels.wecom.callback import one_to_one_chat_id
    from bot.messages import IncomingMessage
    from bot.runtime import build, warm_up
    from config.loader import look_at_files_every

    look_at_files_every(1.0)  # as bot.wsgi has it
    runtime = build()
    warm_up(runtime)
    users = [f"u{i}_0" for i in range(1, 101)]
    texts = load.mix(WARM + n, seed=1)
    base = time.time_ns()

    def send(i: int) -> None:
        user = users[i % len(users)]
        runtime.dispatcher.handle(IncomingMessage(
            platform="wecom", message_id=f"app:{base}{i:06d}", chat_id=one_to_one_chat_id(user), sender_id=user,
            text=texts[i], is_group=False))

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
