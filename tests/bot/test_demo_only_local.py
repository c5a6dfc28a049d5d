"""Issue 15 defect 2: the demo county belongs to the local default database only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from paths import REPO_ROOT
from suite import is_postgres
from sqlalchemy import func, select

from bot.runtime import DEMO_ORG, build
from config.settings import Settings, WeComSettings
from storage.db import Database
from storage.models import Entry, Member, Quota, Unit
from storage.seed import load_org_file

NOW = "2026-11-22T10:00:00+08:00"
TEMPLATE = REPO_ROOT / "config" / "org.template.yaml"
PLATFORM_ENV = ("WECOM_AIBOT_TOKEN", "WECOM_AIBOT_AES_KEY", "WECOM_CORP_ID", "WECOM_APP_TOKEN", "WECOM_APP_AES_KEY",
                "WECOM_APP_SECRET", "WECOM_AGENT_ID", "DINGTALK_APP_KEY", "DINGTALK_APP_SECRET", "DINGTALK_ROBOT_CODE")


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in PLATFORM_ENV and k != "DATABASE_URL"}
    return {**env, "PYTHONPATH": str(REPO_ROOT), **extra}


def bot(*args: str, cwd: Path = REPO_ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    out = subprocess.run([sys.executable, "-m", "bot", *args, "--now", NOW], cwd=cwd, env=env or clean_env(), check=False,
                         capture_output=True, text=True, timeout=120)
    assert "Traceback" not in out.stderr, out.stderr
    return out


@pytest.fixture
def url(tmp_path: Path, db_url: str) -> str:
    return db_url if is_postgres() else f"sqlite:///{tmp_path / 'county.db'}"


def counts(url: str) -> tuple[int, int, int]:
    db = Database(url)
    try:
        with db.session() as s:
            return (s.scalar(select(func.count(Unit.id))) or 0, s.scalar(select(func.count(Member.id))) or 0,
                    s.scalar(select(func.count(Quota.id))) or 0)
    finally:
        db.dispose()


def test_a_database_given_by_db_or_database_url_never_gets_the_demo(url):
    assert bot("init-db", "--db", url).returncode == 0
    assert counts(url) == (0, 0, 0)
    said = bot("say", "--db", url, "--user", "张三", "明天开会，3个乡镇参加")
    assert said.returncode == 0 and "尚未绑定" in said.stdout
    assert bot("parse", "--db", url).returncode == 0
    env_url = bot("say", "--user", "王五", "本月开了几次会", env=clean_env(DATABASE_URL=url))
    assert "尚未绑定" in env_url.stdout
    assert counts(url) == (0, 0, 0)


def test_the_local_default_still_shows_the_demo(tmp_path):
    """`make run` on a fresh clone: no --db, no DATABASE_URL → ./data/jianfu.db with the demo in it."""
    said = bot("say", "--user", "张三", "明天开会，3个乡镇参加", cwd=tmp_path)
    assert said.returncode == 0 and "已记录 #" in said.stdout and "城关镇" in said.stdout
    assert (tmp_path / "data" / "jianfu.db").is_file()


def test_a_real_county_in_order_init_db_org_file_start(url):
    assert bot("init-db", "--db", url).returncode == 0
    loaded = bot("seed-demo", "--db", url, "--file", str(TEMPLATE))
    assert loaded.returncode == 0 and "单位新增6个" in loaded.stdout
    db = Database(url)
    with db.session() as s:
        assert s.scalar(select(Unit).where(Unit.name == "示范县")) is None
        assert s.scalar(select(Member).where(Member.name == "王五")) is None
    db.dispose()
    from bot.runtime import demo_refusal, platform_credentials

    settings = Settings(database_url=url, wecom=WeComSettings(aibot_token="t", aibot_aes_key="k" * 43))
    runtime = build(settings, db=Database(url))
    assert platform_credentials(settings) == ["WECOM_AIBOT_TOKEN", "WECOM_AIBOT_AES_KEY"]
    assert demo_refusal(runtime) is None  # the county's own org: serve starts
    runtime.db.dispose()


def test_serve_refuses_platform_credentials_while_the_demo_admin_is_there(url):
    assert bot("seed-demo", "--db", url).returncode == 0
    for command in ("serve", "clock"):
        out = bot(command, "--db", url, env=clean_env(WECOM_AIBOT_TOKEN="token", WECOM_AIBOT_AES_KEY="k" * 43))
        assert out.returncode == 3, out.stdout
        assert "拒绝启动" in out.stderr and "王五" in out.stderr and "seed-demo --remove" in out.stderr
        assert "Refusing to start" in out.stderr


def test_a_real_org_file_does_not_merge_into_the_demo(url):
    assert bot("seed-demo", "--db", url).returncode == 0
    merged = bot("seed-demo", "--db", url, "--file", str(TEMPLATE))
    assert merged.returncode == 2 and "seed-demo --remove" in merged.stderr
    assert counts(url)[0] == 9  # the demo's units only


def test_seed_demo_remove_takes_out_the_demo_and_what_it_alone_owns(url):
    assert bot("seed-demo", "--db", url).returncode == 0
    assert "已记录" in bot("say", "--db", url, "--user", "张三", "明天开会，3个乡镇参加").stdout
    assert "已报备" in bot("say", "--db", url, "--user", "李四", "报备：下周二召开全县安全生产工作会议，80人").stdout
    removed = bot("seed-demo", "--db", url, "--remove")
    assert removed.returncode == 0 and "已删除示范县演示数据：单位9个，成员4人，台账2条，额度16项" in removed.stdout
    assert counts(url) == (0, 0, 0)
    assert "无需删除" in bot("seed-demo", "--db", url, "--remove").stdout
    loaded = bot("seed-demo", "--db", url, "--file", str(TEMPLATE))
    assert loaded.returncode == 0 and "单位新增6个" in loaded.stdout


def test_remove_keeps_a_unit_the_county_has_a_stake_in(db):
    """A county that merged into the demo before this fix: its own member and entries stay."""
    with db.session() as s:
        load_org_file(s, DEMO_ORG)
        town = s.scalar(select(Unit).where(Unit.name == "青山镇"))
        real = Member(unit_id=town.id, name="孙八", roles="manager")
        s.add(real)
        s.flush()
        import datetime as dt

        s.add(Entry(unit_id=town.id, kind="meeting", direction="outgoing", occurs_on=dt.date(2026, 11, 20),
                    created_by=real.id))
    from storage import demo  # issue 15: the module this test is about

    with db.session() as s:
        removal = demo.remove(s, demo.read_demo(DEMO_ORG))
    assert set(removal.units_kept) == {"青山镇", "示范县"}
    assert "孙八" in removal.units_kept["青山镇"]
    with db.session() as s:
        names = set(s.scalars(select(Unit.name)))
        assert names == {"示范县", "青山镇"}
        assert [m.name for m in s.scalars(select(Member))] == ["孙八"]
        assert s.scalar(select(func.count(Entry.id))) == 1
        assert s.scalar(select(func.count(Quota.id))) == 0  # the demo's 青山镇 figures went with it
        assert not demo.is_present(s, demo.read_demo(DEMO_ORG))
