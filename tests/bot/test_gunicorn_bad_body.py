"""Issue 18 #9: under gunicorn (as in production), a malformed chunked body is answered 4xx, not 500.
gunicorn is started on 127.0.0.1 with the real WSGI entry point (bot.wsgi) over a migrated database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.channels.dingtalk.sign import sign
from paths import REPO_ROOT

SECRET = "gunicorn-test-app-secret"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def gunicorn(db_url: str, tmp_path: Path) -> Iterator[int]:
    port = _free_port()
    gunicorn_bin = Path(sys.executable).with_name("gunicorn")
    env = {**os.environ, "DATABASE_URL": db_url, "SCHEDULER": "off", "DINGTALK_APP_SECRET": SECRET,
           "JIANFU_EXPORT_DIR": str(tmp_path)}
    proc = subprocess.Popen([str(gunicorn_bin), "--workers", "1", "--bind", f"127.0.0.1:{port}", "bot.wsgi:app"],
                            cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if b" 200 " in _raw(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"):
                    break
            except OSError:
                pass
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "gunicorn exited")
            time.sleep(0.3)
        else:
            raise RuntimeError("gunicorn did not start")
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(request)
        conn.shutdown(socket.SHUT_WR)  # nothing more comes: a cut body ends here
        data = b""
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                return data
            data += chunk
            if b"\r\n\r\n" in data and len(data) > 200:
                return data


@pytest.mark.parametrize("body", [b"zz\r\n{}\r\n0\r\n\r\n", b"5\r\n{}\r\n0\r\n\r\n", b"4\r\n{\"a\"XX"])
def test_a_malformed_chunked_body_gets_a_4xx(gunicorn: int, body: bytes) -> None:
    timestamp = str(int(time.time() * 1000))
    head = (f"POST /dingtalk/robot HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"timestamp: {timestamp}\r\nsign: {sign(timestamp, SECRET)}\r\nTransfer-Encoding: chunked\r\n"
            "Connection: close\r\n\r\n").encode()
    answer = _raw(gunicorn, head + body)
    status = int(answer.split(b" ", 2)[1])
    assert 400 <= status < 500, answer[:300]
