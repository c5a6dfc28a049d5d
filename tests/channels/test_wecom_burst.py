"""Issue 17: 200 concurrent messages at two gunicorn worker processes (the Procfile's web options) on one SQLite
file — every one is stored once and answered once, now (a passive reply) or late (the Outbox), never both, never
neither."""

from __future__ import annotations

import http.client
import os
import shlex
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fake_wecom import app_callback, app_text_xml
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Entry, InboundMessage, Outbox
from storage.seed import load_org_file

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo"
KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt"
CORP = "wwburstcorp"
MESSAGES = 200
TEXTS = ("今天开会，3个乡镇参加", "昨天党委发文2件", "本月发文数", "明天召开安全生产工作会议", "本月开了几次会")
ORG = """county: 并发县
units:
  - {name: 并发县, level: county}
  - {name: 县委办, level: department, parent: 并发县}
  - {name: 东镇, level: town, parent: 并发县}
  - {name: 西镇, level: town, parent: 并发县}
members:
  - {unit: 县委办, name: 管理员, roles: [admin, approver], ids: {wecom: admin}}
  - {unit: 东镇, name: 东一, roles: [member], ids: {wecom: e1}}
  - {unit: 东镇, name: 东二, roles: [member], ids: {wecom: e2}}
  - {unit: 西镇, name: 西一, roles: [member], ids: {wecom: w1}}
  - {unit: 西镇, name: 西二, roles: [member], ids: {wecom: w2}}
"""
USERS = ("e1", "e2", "w1", "w2")


def _procfile_workers() -> list[str]:
    """The worker options of the Procfile's web line (its worker model and count, as deployed), without its bind
    address and application."""
    web = next(line for line in (ROOT / "Procfile").read_text(encoding="utf-8").splitlines() if line.startswith("web:"))
    words = shlex.split(web.removeprefix("web:"))
    options = words[words.index("gunicorn") + 1:-1]
    bind = options.index("--bind")
    assert "--workers" in options and "--preload" in options
    return options[:bind] + options[bind + 2:]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'burst.db'}"
    db = Database(url)
    upgrade(db)
    (tmp_path / "org.yaml").write_text(ORG, encoding="utf-8")
    with db.session() as s:
        load_org_file(s, tmp_path / "org.yaml")
    port = _port()
    env = {**os.environ, "DATABASE_URL": url, "SCHEDULER": "off", "WECOM_CORP_ID": CORP, "WECOM_APP_TOKEN": TOKEN,
           "WECOM_APP_AES_KEY": KEY, "REPLY_BUDGET_SECONDS": "3"}
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", *_procfile_workers(), "--bind", f"127.0.0.1:{port}",
                             "bot.wsgi:app"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 60
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                break
        except OSError:
            pass
        assert time.time() < deadline and proc.poll() is None, "gunicorn did not start"
        time.sleep(0.1)
    yield port, db
    proc.terminate()
    proc.wait(timeout=30)
    db.dispose()


def _deliver(port: int, i: int) -> tuple[int, bytes]:
    """One message as WeCom sends it: again (up to 3 times) when not acknowledged with a 200."""
    now = int(time.time())
    inner = app_text_xml(CORP, USERS[i % len(USERS)], TEXTS[i % len(TEXTS)], 9_000_000 + i, now)
    status, body = 0, b""
    for attempt in range(3):
        cb = app_callback(TOKEN, KEY, CORP, inner, now, nonce=f"{i}-{attempt}")
        query = "&".join(f"{k}={v}" for k, v in cb.query.items())
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("POST", f"/wecom/app?{query}", cb.body, {"Content-Type": "text/xml"})
            response = conn.getresponse()
            status, body = response.status, response.read()
        except OSError:
            status = 0
        if status == 200:
            break
        time.sleep(0.5)
    return status, body


def test_200_concurrent_messages_two_workers_one_sqlite_file(served) -> None:  # type: ignore[no-untyped-def]
    port, db = served
    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(lambda i: _deliver(port, i), range(MESSAGES)))
    assert [s for s, _ in results].count(200) == MESSAGES
    ids = [f"app:{9_000_000 + i}" for i in range(MESSAGES)]
    deadline = time.time() + 60
    while True:  # late replies finish in the background
        with db.session() as s:
            rows = dict(s.execute(select(InboundMessage.external_id, InboundMessage.status)
                                  .where(InboundMessage.external_id.in_(ids))).tuples().all())
        if all(status == "done" for status in rows.values()) or time.time() > deadline:
            break
        time.sleep(0.5)
    assert sorted(rows) == sorted(ids) and set(rows.values()) == {"done"}  # every one stored once, answered
    with db.session() as s:
        late = {k.removeprefix("wecom-late:") for k in s.scalars(select(Outbox.dedupe_key))}
        recorded = s.scalar(select(func.count()).select_from(Entry))
        per_message = s.execute(select(Entry.source_message_id, func.count()).group_by(Entry.source_message_id)
                                .having(func.count() > 1)).all()
    for msg_id, (_status, body) in zip(ids, results, strict=True):
        assert bool(body) != (msg_id in late), f"{msg_id}: answered {'twice' if body else 'never'}"
    assert per_message == []  # no message recorded twice
    records = [TEXTS[i % len(TEXTS)] for i in range(MESSAGES)]
    assert recorded == sum(1 for text in records if not text.startswith("本月"))  # questions record nothing
