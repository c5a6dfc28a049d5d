"""Issue 7: "导出本月台账" in chat gives an expiring signed link served by GET /exports/<token>,
and the export-xlsx / import-xlsx commands."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
from openpyxl import load_workbook

from bot.app import create_app
from bot.runtime import build
from paths import REPO_ROOT

NOW = "2026-11-22T10:00:00+08:00"


@pytest.fixture
def exported(runtime, say, tmp_path):
    runtime.services = dataclasses.replace(runtime.services, export_dir=tmp_path / "exports")
    say("明天召开安全生产调度会")
    reply = say("导出本月台账")
    assert reply.intent == "export", reply.text
    return reply


def path_of(reply) -> str:
    return urlparse(reply.data["url"]).path


def test_link_serves_the_file_until_it_expires(exported, runtime, clock):
    client = create_app(runtime).test_client()
    response = client.get(path_of(exported))
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    wb = load_workbook(io.BytesIO(response.data))
    assert wb["会议"]["A1"].value == "城关镇2026年11月会议台账"
    assert wb["会议"].cell(row=4, column=3).value == "召开会议"

    clock.advance(dt.timedelta(hours=23, minutes=59))
    assert client.get(path_of(exported)).status_code == 200
    clock.advance(dt.timedelta(minutes=2))
    assert client.get(path_of(exported)).status_code == 410


def test_tampered_or_foreign_links_are_not_found(exported, runtime):
    client = create_app(runtime).test_client()
    path = path_of(exported)
    payload, signature = path.rsplit("/", 1)[1].split(".")
    forged = payload[:-2] + ("A" if payload[-2] != "A" else "B") + payload[-1]
    assert client.get(f"/exports/{forged}.{signature}").status_code == 404
    assert client.get(f"/exports/{payload}.{signature[:-1]}x").status_code in (404,)
    assert client.get("/exports/not-a-token").status_code == 404
    assert client.get("/exports/../../etc/passwd").status_code == 404


def test_link_checks_in_another_process_of_the_same_deployment(exported, runtime, clock):
    other = build(runtime.settings, clock=clock, db=runtime.db)
    other.services = dataclasses.replace(other.services, export_dir=runtime.services.export_dir)
    assert create_app(other).test_client().get(path_of(exported)).status_code == 200


def test_missing_file_is_not_found(exported, runtime):
    Path(exported.attachment).unlink()
    assert create_app(runtime).test_client().get(path_of(exported)).status_code == 404


def test_member_cannot_export_another_unit(runtime, say, tmp_path):
    runtime.services = dataclasses.replace(runtime.services, export_dir=tmp_path / "exports")
    reply = say("导出青山镇本月台账")
    assert reply.intent == "refused" and reply.attachment is None and "青山镇" not in reply.text
    assert not (tmp_path / "exports").exists() or not list((tmp_path / "exports").iterdir())


# --- the command line ------------------------------------------------------------------------------

def run(db: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    out = subprocess.run([sys.executable, "-m", "bot", *args, "--db", db, "--now", NOW], cwd=REPO_ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert "Traceback" not in out.stderr, out.stderr
    if check:
        assert out.returncode == 0, out.stderr
    return out


def test_cli_export_then_import_into_another_database(runtime, say, tmp_path):
    source = runtime.db.url
    target = f"sqlite:///{tmp_path / 'target.db'}"
    for text in ("明天召开安全生产调度会", "今天发文", "昨天收到上级来文"):
        assert say(text).intent == "record"
    runtime.db.dispose()
    out = tmp_path / "台账.xlsx"
    exported = run(source, "export-xlsx", "--month", "2026-11", "--scope", "城关镇", "--out", str(out))
    assert "已导出城关镇2026年11月台账：3条" in exported.stdout and out.is_file()

    run(target, "seed-demo")  # a database named by --db gets the organisation only when it is loaded
    checked = run(target, "import-xlsx", str(out), "--dry-run")
    assert "校验通过" in checked.stdout
    imported = run(target, "import-xlsx", str(out))
    assert "已导入：台账3条" in imported.stdout
    again = run(target, "import-xlsx", str(out), check=False)
    assert again.returncode == 1 and "未导入任何数据" in again.stdout and again.stdout.count("重复") == 3


def test_cli_reports_bad_arguments(tmp_path):
    db = f"sqlite:///{tmp_path / 't.db'}"
    missing = run(db, "import-xlsx", str(tmp_path / "none.xlsx"), check=False)
    assert missing.returncode == 2 and "文件不存在" in missing.stderr
    unknown = run(db, "export-xlsx", "--scope", "火星镇", "--out", str(tmp_path / "x.xlsx"), check=False)
    assert unknown.returncode == 2 and "未找到单位" in unknown.stderr
    recompute = run(db, "recompute-scope")
    assert "统计口径：全口径" in recompute.stdout
