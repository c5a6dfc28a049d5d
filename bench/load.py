"""The message path under load, A/B: the project under its Procfile `web` line (B) against a bare WeCom
callback (A, bench/anchor_wecom_app.py), the same encrypted messages, alternated so the ratio is fair.

    python bench/load.py [--db URL] [--n 2000] [--c 8] [--rounds 3] [--skewed 5] [--skewed-n 1000]
    python bench/load.py --burst 10000 [--burst-c 32] [--db URL]   # the saturating burst alone

`--db` is a PostgreSQL URL (an empty database is best; it is wiped of the bench's org first) or, by
default, a fresh SQLite file. Each round prints one line per side: req/s, p50, p99 (ms), RSS per worker
(MB), the server's CPU per message (all its processes: steadier than req/s when other work shares the
machine), lost (sent but not stored, or not answered 200), late (answered empty, reply queued), doubled
(answered passively *and* queued late) and the ratio B/A. The skewed load then sends rounds of messages
from 4 members of 2 units into one growing ledger and prints how throughput changes round to round.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOKEN, KEY, CORP = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo", "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt", "ww1436e0e65a779aee"
ENV = {"WECOM_CORP_ID": CORP, "WECOM_APP_TOKEN": TOKEN, "WECOM_APP_AES_KEY": KEY, "SCHEDULER": "off"}

# The realistic mix (80 % records, 20 % statistics questions), as in ../shared/perf/messages.py.
DAYS = ["今天", "昨天", "明天", "后天", "前天", "下周一", "下周二", "下周三", "下周四", "本周五"]
NUMS = ["1", "2", "3", "4", "5", "两", "三"]
RECORDS = ["{d}开会，{n}个乡镇参加", "{d}党委发文{n}件", "{d}政府发文{n}件", "{d}收到县委办来文{n}件", "{d}接受县纪委督查",
           "{d}召开安全生产工作会议", "{d}上午开了防汛工作会", "{d}开展安全生产督查", "{d}上报安全生产材料{n}份",
           "{d}收到上级文件{n}件", "{d}下午开会，{n}个部门参加", "{d}发文{n}件"]
QUERIES = ["本月发文数", "本月开了几次会", "今年收了多少上级文件", "本月督查检查几次", "本周开会几次"]


def mix(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(RECORDS).format(d=rng.choice(DAYS), n=rng.choice(NUMS)) if rng.random() < 0.8
            else rng.choice(QUERIES) for _ in range(n)]


def org_yaml(towns: int, members_per_town: int) -> str:
    lines = ["county: 压测县", "units:", "  - {name: 压测县, level: county}",
             "  - {name: 县委办, level: department, parent: 压测县}"]
    lines += [f"  - {{name: 第{i}镇, level: town, parent: 压测县}}" for i in range(1, towns + 1)]
    lines += ["members:", "  - {unit: 县委办, name: 管理员, roles: [admin, approver], ids: {wecom: benchadmin}}"]
    for i in range(1, towns + 1):
        for j in range(members_per_town):
            lines.append(f"  - {{unit: 第{i}镇, name: 登记员{i}_{j}, roles: [member], ids: {{wecom: u{i}_{j}}}}}")
    return "\n".join(lines) + "\n"


# --- servers ---------------------------------------------------------------------------------------

def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A gunicorn started in its own process group; `rss_mb` is the mean RSS of its workers."""

    def __init__(self, command: str, env: dict[str, str], cwd: Path) -> None:
        self.port = _free_port()
        full = {**os.environ, **env, "PORT": str(self.port)}
        command = command.replace("gunicorn ", f"{sys.executable} -m gunicorn ", 1)
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(command, shell=True, env=full, cwd=cwd, start_new_session=True,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.ready_after = self._wait()

    def _wait(self) -> float:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/healthz")
                conn.getresponse().read()
                return time.perf_counter() - self.started
            except OSError:
                time.sleep(0.05)
        raise SystemExit(f"server on {self.port} did not start")

    def rss_mb(self) -> tuple[float, float]:
        """Mean (RSS, PSS) of the workers in MB: RSS counts pages shared with the master (the preloaded
        dictionaries) in every worker, PSS divides them among the processes sharing them."""
        sizes = []
        for pid in _descendants(self.proc.pid)[1:]:
            try:
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            except OSError:
                continue
            if b"gunicorn" not in cmd:
                continue
            fields = {ln.split(":")[0]: int(ln.split()[1]) / 1024 for ln in rollup.splitlines()[1:] if ln.endswith("kB")}
            sizes.append((fields.get("Rss", 0.0), fields.get("Pss", 0.0)))
        workers = sorted(sizes)[1:] if len(sizes) > 1 else sizes  # drop the (smallest) master
        if not workers:
            return 0.0, 0.0
        return round(statistics.mean(r for r, _ in workers), 1), round(statistics.mean(p for _, p in workers), 1)

    def cpu_s(self) -> float:
        """CPU seconds (user + system) the server's processes have used: per message, steadier than req/s on a
        machine shared with other work."""
        total = 0
        for pid in _descendants(self.proc.pid):
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.proc.pid, signal.SIGKILL)


def _descendants(pid: int) -> list[int]:
    out, frontier = [], [pid]
    while frontier:
        p = frontier.pop()
        out.append(p)
        try:
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        frontier.extend(int(c) for c in children)
    return out


def web_line() -> str:
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.startswith("web:"):
            # The web line binds gunicorn behind the proxy (127.0.0.1:8001); the bench talks to it directly.
            web = line.removeprefix("web:").strip().replace("${PORT:-8000}", "$PORT")
            return web.replace("127.0.0.1:8001", "127.0.0.1:$PORT")
    raise SystemExit("Procfile has no web line")


# --- the client ------------------------------------------------------------------------------------

@dataclass
class Result:
    label: str
    rps: float
    p50: float
    p99: float
    kinds: dict[str, int]
    ids: list[str]
    replied: set[str]  # message ids answered with a non-empty passive reply
    failed: set[str]  # message ids whose last delivery was not answered 200
    cpu_ms: float = 0.0  # the server's CPU per message (all its processes)


def encrypt_all(texts: list[str], users: list[str]) -> tuple[list[tuple[str, bytes]], list[str]]:
    import xmltodict  # type: ignore[import-untyped]
    from wechatpy.enterprise.crypto import WeChatCrypto  # type: ignore[import-untyped]

    crypto = WeChatCrypto(TOKEN, KEY, CORP)
    base = time.time_ns() // 1000
    bodies, ids = [], []
    for i, text in enumerate(texts):
        ts, msgid = str(int(time.time())), f"{base}{i:06d}"
        inner = (f"<xml><ToUserName>{CORP}</ToUserName><FromUserName>{users[i % len(users)]}</FromUserName>"
                 f"<CreateTime>{ts}</CreateTime><MsgType>text</MsgType><Content>{text}</Content>"
                 f"<MsgId>{msgid}</MsgId><AgentID>1000002</AgentID></xml>")
        d = xmltodict.parse(crypto.encrypt_message(inner, str(i), ts))["xml"]
        q = urllib.parse.urlencode({"msg_signature": d["MsgSignature"], "timestamp": d["TimeStamp"], "nonce": d["Nonce"]})
        body = (f"<xml><ToUserName><![CDATA[{CORP}]]></ToUserName><Encrypt><![CDATA[{d['Encrypt']}]]></Encrypt>"
                f"<AgentID>1000002</AgentID></xml>").encode()
        bodies.append((q, body))
        ids.append(f"app:{msgid}")  # the message id the bot stores (bot.channels.wecom.app)
    return bodies, ids


def send(label: str, port: int, bodies: list[tuple[str, bytes]], ids: list[str], clients: int,
         retries: int = 0, retry_after: float = 1.0) -> Result:
    lat: list[float] = []
    replies: list[tuple[int, bytes]] = [(0, b"")] * len(bodies)
    lock = threading.Lock()
    it = iter(range(len(bodies)))
    redelivered = [0]

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                i = next(it, None)
            if i is None:
                return
            q, body = bodies[i]
            t = time.perf_counter()
            for attempt in range(retries + 1):  # WeCom delivers again what was not answered 200
                if attempt:
                    time.sleep(retry_after)
                try:
                    conn.request("POST", f"/wecom/app?{q}", body, {"Content-Type": "text/xml"})
                    r = conn.getresponse()
                    replies[i] = (r.status, r.read())
                except Exception as exc:
                    replies[i] = (0, repr(exc).encode())
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                if replies[i][0] == 200:
                    break
                with lock:
                    redelivered[0] += 1
            with lock:
                lat.append((time.perf_counter() - t) * 1000)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    lat.sort()
    kinds: collections.Counter[str] = collections.Counter()
    replied, failed = set(), set()
    for msgid, (status, data) in zip(ids, replies, strict=True):
        if status != 200:
            kinds[f"http{status}"] += 1
            failed.add(msgid)
        elif not data.strip():
            kinds["empty200"] += 1
        else:
            kinds["answered"] += 1
            replied.add(msgid)
    if redelivered[0]:
        kinds["redelivered"] = redelivered[0]
    return Result(label, round(len(bodies) / elapsed, 1), round(statistics.median(lat), 1),
                  round(lat[max(int(len(lat) * 0.99) - 1, 0)], 1), dict(kinds), ids, replied, failed)


def ledger_state(url: str, ids: list[str], wait_s: float = 30.0) -> tuple[int, int, int]:
    """(lost, late, doubled) of a project run, once the late replies have been queued (waits up to wait_s)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    deadline = time.time() + wait_s
    wanted = set(ids)
    while True:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT external_id, status FROM inbound_message WHERE platform = 'wecom'"
                                     " AND external_id >= :lo AND external_id <= :hi"),
                                {"lo": min(ids), "hi": max(ids)}).all()
            late_keys = {k.removeprefix("wecom-late:") for (k,) in conn.execute(
                text("SELECT dedupe_key FROM outbox WHERE dedupe_key LIKE 'wecom-late:%'")).all()}
        stored = {eid: status for eid, status in rows if eid in wanted}
        if all(s != "processing" for s in stored.values()) or time.time() > deadline:
            break
        time.sleep(0.5)
    engine.dispose()
    lost = len(wanted - set(stored))
    return lost, len(wanted & late_keys), 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="", help="PostgreSQL URL; default a fresh SQLite file")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--c", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--skewed", type=int, default=5, help="rounds of the skewed load (0: none)")
    ap.add_argument("--skewed-n", type=int, default=1000)
    ap.add_argument("--towns", type=int, default=100)
    ap.add_argument("--burst", type=int, default=0, help="send this many messages as fast as possible (alone)")
    ap.add_argument("--burst-c", type=int, default=32, help="clients of the burst")
    ap.add_argument("--retry-after", type=float, default=1.0, help="seconds before a non-200 is delivered again")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="jianfu-load-"))
    try:
        if args.burst:
            burst(args, work)
            return
        if args.rounds:
            ab(args, work)
        if args.skewed:
            skewed(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def prepare(url: str, org: str, work: Path) -> None:
    path = work / "org.yaml"
    path.write_text(org, encoding="utf-8")
    if url.startswith("postgresql"):
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
    env = {**os.environ, **{k: v for k, v in ENV.items() if k != "WECOM_APP_TOKEN"}, "DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "bot", "seed-demo", "--file", str(path)], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def line(r: Result, mem: tuple[float, float], lost: int, late: int, doubled: int, ratio: str = "") -> str:
    return (f"{r.label:8s} {r.rps:7.1f} req/s  p50 {r.p50:7.1f} ms  p99 {r.p99:8.1f} ms  CPU {r.cpu_ms:5.2f} ms/msg  "
            f"RSS {mem[0]:6.1f} MB (PSS {mem[1]:6.1f})  "
            f"lost {lost}  late {late}  doubled {doubled}  {json.dumps(r.kinds)}{ratio}")


def ab(args: argparse.Namespace, work: Path) -> None:
    url = args.db or f"sqlite:///{work}/ab.db"
    prepare(url, org_yaml(args.towns, 1), work)
    users = [f"u{i}_0" for i in range(1, args.towns + 1)]
    print(f"A/B: {args.n} messages × {args.rounds} rounds, {args.c} clients, {args.towns} towns, {url.split(':')[0]}, "
          f"load {os.getloadavg()[0]:.1f}")
    ratios = []
    for rnd in range(1, args.rounds + 1):
        texts = mix(args.n, seed=rnd)
        results = {}
        for side in ("A", "B") if rnd % 2 else ("B", "A"):
            bodies, ids = encrypt_all(texts, users)
            if side == "A":
                server = Server("gunicorn -w 2 -b 127.0.0.1:$PORT anchor_wecom_app:app", {}, ROOT / "bench")
            else:
                server = Server(web_line(), {**ENV, "DATABASE_URL": url}, ROOT)
            try:
                cpu = server.cpu_s()
                r = send(side, server.port, bodies, ids, args.c)
                r.cpu_ms = (server.cpu_s() - cpu) / len(ids) * 1000
                rss = server.rss_mb()
            finally:
                server.stop()
            lost, late, doubled = (len(ids) - r.kinds.get("answered", 0), 0, 0) if side == "A" else ledger_state(url, ids)
            if side == "B":
                doubled = len(r.replied & set(_late_ids(url, ids)))
                lost += sum(v for k, v in r.kinds.items() if k.startswith("http") and k != "http200")
            results[side] = r
            ratio = f"  ratio B/A {results['B'].rps / results['A'].rps:.3f}" if len(results) == 2 else ""
            ratio += f"  load {os.getloadavg()[0]:.1f}"
            print(f"round {rnd} " + line(r, rss, lost, late, doubled, ratio), flush=True)
        ratios.append(results["B"].rps / results["A"].rps)
    print(f"ratio B/A per round: {', '.join(f'{x:.3f}' for x in ratios)}; median {statistics.median(ratios):.3f}")


def burst(args: argparse.Namespace, work: Path) -> None:
    """N messages at once from many clients: every one must be stored once and answered (now or late)."""
    url = args.db or f"sqlite:///{work}/burst.db"
    prepare(url, org_yaml(args.towns, 1), work)
    users = [f"u{i}_0" for i in range(1, args.towns + 1)]
    bodies, ids = encrypt_all(mix(args.burst, seed=7), users)
    server = Server(web_line(), {**ENV, "DATABASE_URL": url}, ROOT)
    print(f"burst: {args.burst} messages, {args.burst_c} clients, {url.split(':')[0]}, load {os.getloadavg()[0]:.1f}")
    try:
        cpu = server.cpu_s()
        r = send("burst", server.port, bodies, ids, args.burst_c, retries=3, retry_after=args.retry_after)
        r.cpu_ms = (server.cpu_s() - cpu) / len(ids) * 1000
        rss = server.rss_mb()
    finally:
        server.stop()
    late = ledger_state(url, ids, wait_s=120)[1]  # waits until no message is still being processed
    unstored = _unstored(url, ids)
    lost = len(unstored | r.failed)  # never stored, or never answered 200 even when delivered again
    doubled = len(r.replied & set(_late_ids(url, ids)))
    print(line(r, rss, lost, late, doubled))
    print(f"stored once: {_stored_once(url, ids)} of {len(ids)}")


def _unstored(url: str, ids: list[str]) -> set[str]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        stored = {eid for (eid,) in conn.execute(text("SELECT external_id FROM inbound_message WHERE platform = 'wecom'"))}
    engine.dispose()
    return set(ids) - stored


def _stored_once(url: str, ids: list[str]) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT external_id, count(*) FROM inbound_message WHERE platform = 'wecom'"
                                 " GROUP BY external_id")).all()
    engine.dispose()
    wanted = set(ids)
    return sum(1 for eid, n in rows if eid in wanted and n == 1)


def _late_ids(url: str, ids: list[str]) -> list[str]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        keys = [k for (k,) in conn.execute(text("SELECT dedupe_key FROM outbox WHERE dedupe_key LIKE 'wecom-late:%'"))]
    engine.dispose()
    wanted = set(ids)
    return [k.removeprefix("wecom-late:") for k in keys if k.removeprefix("wecom-late:") in wanted]


def skewed(args: argparse.Namespace, work: Path) -> None:
    """Few members, one growing ledger: throughput must not fall from round to round."""
    url = (args.db or f"sqlite:///{work}/skewed.db")
    prepare(url, org_yaml(2, 2), work)
    users = ["u1_0", "u1_1", "u2_0", "u2_1"]
    server = Server(web_line(), {**ENV, "DATABASE_URL": url}, ROOT)
    bodies, ids = encrypt_all(["明天召开安全生产工作会议"], users)
    send("first", server.port, bodies, ids, 1)  # a record: the parser's and the rules' dictionaries
    first_reply = time.perf_counter() - server.started
    print(f"skewed: {args.skewed} rounds × {args.skewed_n} messages from 4 members of 2 towns; start to /healthz "
          f"{server.ready_after:.2f} s, to the first reply {first_reply:.2f} s")
    first: tuple[float, float] | None = None
    try:
        for rnd in range(1, args.skewed + 1):
            bodies, ids = encrypt_all(mix(args.skewed_n, seed=100 + rnd), users)
            cpu = server.cpu_s()
            r = send(f"skew{rnd}", server.port, bodies, ids, args.c)
            r.cpu_ms = (server.cpu_s() - cpu) / len(ids) * 1000
            lost, late, _ = ledger_state(url, ids)
            first = first or (r.rps, r.cpu_ms)
            print(line(r, server.rss_mb(), lost, late, 0, f"  vs round 1 {r.rps / first[0]:.2f} "
                       f"(CPU/msg {r.cpu_ms / first[1]:.2f}); load {os.getloadavg()[0]:.1f}"), flush=True)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
