"""Issue 18 #5: the production front. The Procfile puts nginx (deploy/nginx/proxy.conf) in front of gunicorn,
which listens on loopback only; with nginx in front, clients trickling their headers and bodies do not stop
gunicorn: /healthz still answers at once. nginx and gunicorn are started on 127.0.0.1 for real (nginx is a
Debian package, installed by .ci/run)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools import require

from paths import REPO_ROOT

CONF = REPO_ROOT / "deploy" / "nginx" / "proxy.conf"
SLOW_CLIENTS = 12  # more than gunicorn's workers × threads below


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(port: int, path: str, timeout: float = 5) -> int:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        return int(conn.recv(200).split(b" ", 2)[1])


def _wait(port: int, proc: subprocess.Popen[bytes], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if _get(port, "/healthz") == 200:
                return
        except (OSError, IndexError, ValueError):
            pass
        if proc.poll() is not None:
            raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "exited")
        time.sleep(0.3)
    raise RuntimeError("did not start")


def test_the_procfile_runs_gunicorn_on_loopback_behind_nginx() -> None:
    procfile = (REPO_ROOT / "Procfile").read_text(encoding="utf-8")
    web = next(line for line in procfile.splitlines() if line.startswith("web:"))
    assert "--bind 127.0.0.1:8001" in web
    proxy = next(line for line in procfile.splitlines() if line.startswith("proxy:"))
    assert "deploy/nginx/proxy.conf" in proxy and "nginx" in proxy
    conf = CONF.read_text(encoding="utf-8")
    for directive in ("client_header_timeout", "client_body_timeout", "proxy_request_buffering on",
                      "server 127.0.0.1:8001"):
        assert directive in conf


@pytest.fixture
def front(db_url: str, tmp_path: Path) -> Iterator[int]:
    nginx = require(["nginx", "/usr/sbin/nginx"], "the production front test", "nginx-light")
    app_port, public_port = _port(), _port()
    gunicorn = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "--workers", "1", "--threads", "2", "--timeout", "60",
         "--bind", f"127.0.0.1:{app_port}", "bot.wsgi:app"],
        cwd=REPO_ROOT, env={**os.environ, "DATABASE_URL": db_url, "SCHEDULER": "off",
                            "JIANFU_EXPORT_DIR": str(tmp_path)},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    prefix = tmp_path / "nginx"
    for sub in ("logs", "tmp", "run"):
        (prefix / sub).mkdir(parents=True)
    conf = CONF.read_text(encoding="utf-8").replace("127.0.0.1:8001", f"127.0.0.1:{app_port}")
    conf = re.sub(r"listen 8000;", f"listen 127.0.0.1:{public_port};", conf)
    conf = conf.replace("client_header_timeout 10s", "client_header_timeout 3s")  # the test need not wait 10 s
    (prefix / "proxy.conf").write_text(conf, encoding="utf-8")
    proxy = subprocess.Popen([nginx, "-p", str(prefix), "-c", str(prefix / "proxy.conf"), "-g", "daemon off;"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait(app_port, gunicorn)
        _wait(public_port, proxy, 20)
        yield public_port
    finally:
        for proc in (proxy, gunicorn):
            proc.terminate()
            proc.wait(timeout=30)


def test_slow_clients_do_not_stop_the_health_check_or_the_callbacks(front: int) -> None:
    slow = []
    try:
        for _ in range(SLOW_CLIENTS):  # each sends half a request and then trickles
            conn = socket.create_connection(("127.0.0.1", front), timeout=5)
            conn.sendall(b"POST /dingtalk/robot HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
            slow.append(conn)
        time.sleep(0.5)
        started = time.monotonic()
        assert _get(front, "/healthz", timeout=3) == 200
        assert time.monotonic() - started < 2
        assert _get(front, "/not-served") == 404  # only the callbacks, /healthz and /exports/ pass
        for conn in slow:  # the stalled bodies are cut by nginx (client_body_timeout), never by gunicorn
            conn.settimeout(20)
        answer = slow[0].recv(200)
        assert answer == b"" or b" 408 " in answer or b" 400 " in answer, answer
    finally:
        for conn in slow:
            conn.close()
