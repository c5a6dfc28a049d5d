"""Start time and memory (issue 17): `say` wall time, process start to the first answered /wecom/app
message for `serve` and for the Procfile `web` line (gunicorn --preload), and RSS/PSS per gunicorn worker
after N encrypted messages, each beside the bare WeCom callback (bench/anchor_wecom_app.py) where the
comparison makes sense.

    python bench/start.py [--n 400] [--c 4] [--repeat 3]

Targets (issue 17): `say` ≤ 1.5 s, start to first reply ≤ 1.5 s, RSS ≤ 150 MB per worker. RSS counts
the pages a worker shares with the gunicorn master (what warm_up built) in full; PSS divides them among
the processes sharing them. The machine's load average and the CPU seconds are printed: wall times mean
little when other work shares the cores. Under PYTHONDONTWRITEBYTECODE every process compiles the
project's modules from source (≈0.2 s); --bytecode measures with compiled modules cached, as deployed.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import ENV, ROOT, Server, _descendants, encrypt_all, mix, org_yaml, prepare, send, web_line

SAY_TEXTS = ("明天召开安全生产工作会议", "本月发文数")
FIRST = "明天召开安全生产工作会议"  # a record: parser, rules and topic words all needed


def memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of one process in MB, from /proc/<pid>/smaps_rollup."""
    fields: dict[str, float] = {}
    for ln in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        if ln.endswith("kB"):
            fields[ln.split(":")[0]] = int(ln.split()[1]) / 1024
    return round(fields.get("Rss", 0.0), 1), round(fields.get("Pss", 0.0), 1)


def say_times(url: str, repeat: int) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of `python -m bot say` (a new process each time) per text: on a shared
    machine the CPU time (user + system) says more than the wall time."""
    env = {**os.environ, "DATABASE_URL": url}
    env.pop("WECOM_APP_TOKEN", None)
    out = {}
    for text in SAY_TEXTS:
        times, cpu = [], []
        for _ in range(repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "bot", "say", "--user", "登记员1_0", text], cwd=ROOT, env=env,
                           check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        out[text] = (statistics.median(times), statistics.median(cpu))
    return out


def cpu_seconds(server: Server) -> float:
    """User + system CPU seconds the server's processes (shell, master, workers) have used so far."""
    total = 0
    for pid in _descendants(server.proc.pid):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
    return total / os.sysconf("SC_CLK_TCK")


def start_to_reply(command: str, env: dict[str, str], cwd: Path) -> tuple[Server, float, float, float]:
    """Start a server; (server, seconds to its first HTTP answer, seconds to its first answered record,
    CPU seconds its processes used until then)."""
    bodies, ids = encrypt_all([FIRST], ["u1_0"])
    server = Server(command, env, cwd)
    r = send("first", server.port, bodies, ids, 1)
    first = time.perf_counter() - server.started
    if r.kinds.get("answered") != 1:
        server.stop()
        raise SystemExit(f"no answer to the first message: {r.kinds}")
    return server, server.ready_after, first, cpu_seconds(server)


def workers_memory(server: Server) -> list[tuple[float, float]]:
    """(RSS, PSS) of each gunicorn worker: the gunicorn processes with no children (not the master, nor its shell)."""
    pids = _descendants(server.proc.pid)
    parents = set()
    for pid in pids:
        try:
            parents.add(int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1]))
        except OSError:
            continue
    return [memory_mb(pid) for pid in pids if pid not in parents and b"gunicorn" in Path(f"/proc/{pid}/cmdline").read_bytes()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=400, help="messages sent before memory is read")
    ap.add_argument("--c", type=int, default=4, help="clients")
    ap.add_argument("--repeat", type=int, default=3, help="runs per start-time figure (median)")
    ap.add_argument("--towns", type=int, default=100)
    ap.add_argument("--bytecode", action="store_true",
                    help="let the processes cache compiled modules (in a temporary folder) even under "
                         "PYTHONDONTWRITEBYTECODE, as a deployment does; one `say` first fills the cache")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="jianfu-start-"))
    if args.bytecode:
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    print(f"compiled modules cached: {'no (PYTHONDONTWRITEBYTECODE)' if os.environ.get('PYTHONDONTWRITEBYTECODE') else 'yes'}")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    try:
        url = f"sqlite:///{work}/start.db"
        prepare(url, org_yaml(args.towns, 1), work)
        if args.bytecode:
            say_times(url, 1)  # fills the bytecode cache (and the dictionary and bank files, if missing)
        for text, (seconds, cpu) in say_times(url, args.repeat).items():
            print(f"say {text!r:28s} {seconds:5.2f} s (CPU {cpu:4.2f} s)  (target ≤ 1.5 s)")

        env = {**ENV, "DATABASE_URL": url}
        serve = f"{sys.executable} -m bot serve --host 127.0.0.1 --port $PORT"
        rows: dict[str, list[tuple[float, float, float]]] = {"serve": [], "gunicorn": [], "bare": []}
        for _ in range(args.repeat):
            for label, command, cwd, side_env in (
                ("serve", serve, ROOT, env),
                ("gunicorn", web_line(), ROOT, env),
                ("bare", "gunicorn -w 2 -b 127.0.0.1:$PORT anchor_wecom_app:app", ROOT / "bench", {}),
            ):
                server, ready, first, cpu = start_to_reply(command, side_env, cwd)
                server.stop()
                rows[label].append((ready, first, cpu))
        bare_first = statistics.median(f for _, f, _ in rows["bare"])
        for label, runs in rows.items():
            ready, first, cpu = (statistics.median(run[i] for run in runs) for i in range(3))
            target = "" if label == "bare" else f"  (target ≤ 1.5 s; {first / bare_first:.1f}× bare)"
            print(f"start {label:9s} to first HTTP answer {ready:5.2f} s, to first reply {first:5.2f} s "
                  f"(CPU {cpu:4.2f} s){target}")

        texts = mix(args.n, seed=7)
        users = [f"u{i}_0" for i in range(1, args.towns + 1)]
        mems = {}
        for label, command, cwd, side_env in (
            ("bare", "gunicorn -w 2 -b 127.0.0.1:$PORT anchor_wecom_app:app", ROOT / "bench", {}),
            ("gunicorn", web_line(), ROOT, env),
        ):
            server = Server(command, side_env, cwd)
            try:
                bodies, ids = encrypt_all(texts, users)
                r = send(label, server.port, bodies, ids, args.c)
                mems[label] = workers_memory(server)
            finally:
                server.stop()
            rss = statistics.mean(m[0] for m in mems[label])
            pss = statistics.mean(m[1] for m in mems[label])
            bare_rss = statistics.mean(m[0] for m in mems["bare"])
            ratio = "" if label == "bare" else f"  (target RSS ≤ 150 MB; {rss / bare_rss:.1f}× bare)"
            print(f"memory {label:9s} after {args.n} messages ({r.rps:.0f} req/s): RSS {rss:6.1f} MB, PSS {pss:6.1f} MB "
                  f"per worker {[m[0] for m in mems[label]]}{ratio}")
        gun, bare = mems["gunicorn"], mems["bare"]
        print(f"ratio gunicorn/bare: RSS {statistics.mean(m[0] for m in gun) / statistics.mean(m[0] for m in bare):.1f}×, "
              f"PSS {statistics.mean(m[1] for m in gun) / statistics.mean(m[1] for m in bare):.1f}×")
        print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
