"""`make run` (python -m bot serve on the local demo) prints the board link of the demo admin 王五,
and the link opens his overview of every unit."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from paths import REPO_ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_prints_the_board_link_of_the_demo_admin(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WECOM_", "DINGTALK_")) and k != "DATABASE_URL"}
    env.update(PYTHONPATH=str(REPO_ROOT), SCHEDULER="off")
    assert subprocess.run([sys.executable, "-m", "bot", "seed-demo", "--db", f"sqlite:///{tmp_path}/d.db"],
                          cwd=REPO_ROOT, env=env, capture_output=True, timeout=120).returncode == 0
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--db", f"sqlite:///{tmp_path}/d.db",
                               "--port", str(port), "--now", "2026-11-22T10:00:00+08:00"],
                              cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = ""
        deadline = time.monotonic() + 120
        while "减负看板" not in line and time.monotonic() < deadline:
            line = server.stdout.readline() if server.stdout else ""
            if not line and server.poll() is not None:
                break
        found = re.search(r"(http://127\.0\.0\.1:\d+/board/[\w.-]+/)", line)
        assert found and "王五" in line and "12小时内有效" in line, line
        with urllib.request.urlopen(found.group(1), timeout=60) as page:
            html = page.read().decode()
        assert page.status == 200 and "各单位总览" in html and "县应急管理局" in html
    finally:
        server.terminate()
        server.wait(timeout=20)
