"""Issue 2: the CLI as a user runs it, in separate processes on one database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from paths import REPO_ROOT
from suite import is_postgres

NOW = "2026-11-22T10:00:00+08:00"


@pytest.fixture
def cli_db(tmp_path: Path, db_url: str) -> str:
    # On PostgreSQL the per-test database (truncated, no demo org) is used. A database named by --db
    # never gets the demo by itself (issue 15): it is loaded here as an operator would.
    url = db_url if is_postgres() else f"sqlite:///{tmp_path / 't.db'}"
    run(url, "seed-demo")
    return url


def run(db: str, *args: str, stdin: str | None = None) -> str:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    out = subprocess.run(
        [sys.executable, "-m", "bot", *args, "--db", db, "--now", NOW],
        cwd=REPO_ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    return out.stdout.strip()


def test_say_sequence_record_count_undo(cli_db):
    recorded = json.loads(run(cli_db, "say", "--user", "张三", "--json", "明天开会，3个乡镇参加"))
    assert recorded["intent"] == "record" and len(recorded["entry_ids"]) == 1
    assert set(recorded) == {"text", "intent", "entry_ids", "data"}  # no verdict on a plain record
    assert "2026-11-23（周一）" in recorded["text"] and "城关镇" in recorded["text"]
    assert recorded["data"]["entry"]["attendees_count"] == 3
    assert json.loads(run(cli_db, "say", "--user", "张三", "--json", "本月开会多少次"))["data"]["count"] == 1
    assert "已撤销" in run(cli_db, "say", "--user", "张三", "撤销")
    assert json.loads(run(cli_db, "say", "--user", "张三", "--json", "本月开会多少次"))["data"]["count"] == 0


def test_parse_command_follows_contract(cli_db):
    lines = run(cli_db, "parse", stdin="明天开会，3个乡镇参加\n\n撤销\n").splitlines()
    first = json.loads(lines[0])
    assert first["intent"] == "record" and first["kind"] == "meeting" and first["date"] == "2026-11-23"
    assert first["attendees"] == {"count": 3, "scope": "乡镇"}
    for key in ("text", "direction", "subtype", "time", "quantity", "scale", "duration_minutes",
                "unit", "title", "period"):
        assert key in first
    assert json.loads(lines[1])["intent"] == "undo"


def test_seed_demo_is_idempotent_from_cli(cli_db):
    run(cli_db, "init-db")
    first = run(cli_db, "seed-demo")
    assert "单位新增" in first or "无变化" in first
    assert run(cli_db, "seed-demo") == "组织架构无变化。"


def test_chat_console_answers_each_line(cli_db):
    out = run(cli_db, "chat", "--user", "张三", stdin="明天开会\n撤销\n")
    assert "已记录 #" in out and "已撤销 #" in out


def test_unknown_user_from_cli(cli_db):
    assert "绑定" in run(cli_db, "say", "--user", "赵六", "明天开会")
