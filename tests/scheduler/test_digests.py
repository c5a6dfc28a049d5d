"""Issue 8: digest contents and rendering, `push-now`, and the clock process wiring."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import time

from sqlalchemy import inspect, select, text

from bot.cli import main
from bot.clock import FixedClock
from bot.scheduler import Scheduler, digests, periods
from bot.scheduler.config import load_config
from bot.scheduler.render import Digest, Section
from bot.scheduler.targets import county_scope, unit_scope
from paths import REPO_ROOT
from storage.models import Baseline, Outbox, Unit
from sched_support import add_entry, at

MONDAY = "2026-11-23T09:30:00+08:00"


def _blocks(output: str) -> dict[str, str]:
    """push-now --dry-run output → {group title: digest text}."""
    found = {}
    for block in output.split("=== ")[1:]:
        header, _, body = block.partition(" ===\n")
        found[header.split(" → ")[0]] = body
    return found


def _number(pattern: str, body: str) -> int:
    match = re.search(pattern, body)
    assert match, (pattern, body)
    return int(match.group(1))


def test_push_now_weekly_dry_run_prints_the_figures_the_statistics_give(runtime, say, capsys):
    recorded_by_units = set()
    for message, user in (("2026年11月17日召开安全生产会议", "张三"), ("2026年11月18日发文2件", "张三"),
                          ("2026年11月19日收到上级来文3件", "张三"), ("2026年11月20日开会，3个乡镇参加", "李四"),
                          ("2026年11月18日发文1件", "王五")):
        assert say(message, user=user).intent == "record", message
        recorded_by_units.add("县委办" if user == "王五" else "城关镇")
    add_entry(runtime.db, "城关镇", "meeting", "outgoing", dt.date(2025, 11, 17), quantity=4)  # 同比

    assert main(["push-now", "weekly", "--dry-run", "--db", runtime.db.url, "--now", MONDAY]) == 0
    printed = capsys.readouterr()
    blocks = _blocks(printed.out)
    # Only units with something to report get their digest; the county digest goes to 县委办's group only.
    assert set(blocks) == {f"{u}工作群" for u in recorded_by_units}
    assert "青山镇工作群：本期无记录" in printed.err and "示范县" not in printed.err
    town, county = blocks["城关镇工作群"], blocks["县委办工作群"]
    assert town.startswith("【每周一分析｜城关镇 第47周】")

    runtime.clock.set(dt.datetime.fromisoformat(MONDAY))
    asked = say("上周开会同比", user="张三")
    meetings = asked.data["figures"]["meeting.outgoing"]
    assert _number(r"召开会议(\d+)次", town) == meetings["count"] == 2
    assert f"召开会议2次（{meetings['change']}）" in town  # 同比下降50％, worded as the answer words it
    issued = say("上周发文多少件", user="张三").data["count"]
    received = say("上周收上级来文多少件", user="张三").data["count"]
    assert _number(r"发文(\d+)件", town) == issued == 2
    assert _number(r"收上级来文(\d+)件", town) == received == 3
    office = say("上周发文多少件", user="王五").data["count"]
    assert _number(r"：召开会议\d+次[^，]*，发文(\d+)件", county) == issued + office == 3
    assert "城关镇 2/2/0/0" in county and "县委办 0/1/0/0" in county  # per unit: 会议/发文/督查/材料
    assert not re.search(r"(?<![\d.])0(次|件|份|条|项|个)", town), town  # only non-zero lines


def test_push_now_sends_under_the_scheduled_key_so_the_scheduler_does_not_repeat_it(runtime, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # the console channel writes data/pushes.log under the working directory
    assert main(["push-now", "weekly", "--unit", "城关镇", "--db", runtime.db.url, "--now", MONDAY]) == 0
    assert "入队1条，已发送1条" in capsys.readouterr().out
    log = (tmp_path / "data" / "pushes.log").read_text(encoding="utf-8")
    assert "每周一分析｜城关镇 第47周" in log

    report = Scheduler(runtime.db, FixedClock(dt.datetime.fromisoformat(MONDAY)), load_config()).tick()
    # The ledger is empty: of the rest only the county office's group gets a (county) digest.
    assert report.queued == ["weekly:2026-W47:conv:2"]  # 县委办
    assert main(["push-now", "weekly", "--unit", "城关镇", "--db", runtime.db.url, "--now", MONDAY]) == 0
    with runtime.db.session() as s:
        keys = list(s.scalars(select(Outbox.dedupe_key).where(Outbox.target == "城关镇")))
    assert keys[0] == "weekly:2026-W47:conv:3" and keys[1].startswith("weekly:2026-W47:conv:3:manual:")


def test_monthly_review_compares_with_imported_baseline_and_ranks_units(runtime):
    with runtime.db.session() as s:
        town = s.scalar(select(Unit).where(Unit.name == "城关镇"))
        s.add(Baseline(unit_id=town.id, kind="meeting", direction="outgoing", subtype=None, year=2025, month=10, count=5))
    for day, unit in ((8, "城关镇"), (9, "城关镇"), (12, "城关镇"), (13, "城关镇"), (14, "青山镇"), (15, "县教育局")):
        add_entry(runtime.db, unit, "meeting", "outgoing", dt.date(2026, 10, day))
    cfg = load_config()
    occ = periods.monthly(2026, 11, dt.time(9), cfg.calendar)
    with runtime.db.session() as s:
        town = s.scalar(select(Unit).where(Unit.name == "城关镇"))
        own = digests.build(s, occ, unit_scope(town), cfg).push().text
        county = digests.build(s, occ, county_scope(s), cfg).push().text
    assert "2026年10月：召开会议4次（同比下降20％）" in own  # 5 last October, from the imported baseline
    assert "在乡镇（街道）中排第1（按数量由多到少排序，共2个单位有记录）" in own
    assert "乡镇（街道）最多：城关镇（4）" in county and "县直部门最多：县教育局（1）" in county
    assert "单位排名·乡镇（街道）（开会发文督查材料合计，按数量由多到少排序）" in county
    assert "第1名 城关镇 4（会议4）" in county
    assert "第2名 青山镇 1" in county and "本期无：白沙乡、河口镇" in county and "第3名" not in county


def test_a_long_digest_keeps_its_headline_and_fits_one_wecom_message(runtime):
    for i in range(80):
        add_entry(runtime.db, "城关镇", "meeting", "outgoing", dt.date(2026, 11, 19), title=f"第{i}次调度会",
                  flags=[{"list": "会议负面清单", "item": "R-NMD", "text": "周四周五为无会日", "source": "seed 000",
                          "verdict": "discouraged", "reason": "11月19日为周四，属无会日，且会议时长超过规定"}])
    cfg = load_config()
    occ = periods.weekly(dt.date(2026, 11, 23), "mon", dt.time(9), cfg.calendar)
    with runtime.db.session() as s:
        push = digests.build(s, occ, county_scope(s), cfg).push(max_lines=500)
    assert len(push.markdown.encode("utf-8")) <= 4096
    assert push.title == "每周一分析｜示范县 第47周"
    assert push.markdown.startswith("### 每周一分析｜示范县 第47周\n\n上周（11月16日—22日）：召开会议80次")
    assert "规则提示80条" in push.markdown and "…另有" in push.markdown
    assert "**" not in push.text and "###" not in push.text and push.text.startswith("【每周一分析")


def test_render_cuts_details_never_the_headline():
    digest = Digest("标题", ["头条数字一", "头条数字二"],
                    [Section("甲", [f"明细{i}" * 20 for i in range(300)]), Section("乙", ["短"])])
    push = digest.push(max_lines=1000)
    assert len(push.markdown.encode()) <= 4000
    assert "头条数字一  \n头条数字二" in push.markdown and "- 短" in push.markdown
    short = Digest("标题", ["头条"], [Section("甲", ["一", "二", "三"])]).push(max_lines=2)
    assert short.text == "【标题】\n\n头条\n\n甲：\n- 一\n- 二\n…另有1项"


def test_the_clock_process_runs_the_scheduler_with_a_database_job_store(tmp_path):
    url = f"sqlite:///{tmp_path / 'clock.db'}"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "JIANFU_CONFIG": str(REPO_ROOT / "config")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "clock", "--db", url, "--now", "2026-11-22T10:00:00+08:00"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        from storage.db import Database

        db = Database(url)
        deadline = time.monotonic() + 60
        rows: list[tuple[str, float]] = []
        while time.monotonic() < deadline and not rows:
            time.sleep(0.2)
            if "apscheduler_jobs" in inspect(db.engine).get_table_names():
                with db.engine.connect() as conn:
                    rows = [tuple(r) for r in conn.execute(text("SELECT id, next_run_time FROM apscheduler_jobs"))]
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert [r[0] for r in rows] == ["scheduler-tick"] and rows[0][1] > 0
        db.dispose()
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert "定时任务已启动" in out


def test_the_tick_job_runs_the_scheduler_of_its_process(runtime):
    from apscheduler.schedulers.background import BackgroundScheduler

    from bot.scheduler import service

    aps = BackgroundScheduler()
    scheduler = service.add_scheduler_jobs(aps, runtime, name="test")
    aps.start(paused=True)
    try:
        job = aps.get_job(service.TICK_JOB_ID)
        assert job is not None and job.args == ("test",) and job.misfire_grace_time == service.MISFIRE_GRACE_SECONDS
        assert job.coalesce is True
        runtime.clock.set(at(2026, 11, 23, 9))
        service.run_tick("test")  # what APScheduler calls every minute
        with runtime.db.session() as s:
            # empty ledger: only the county office's group (county-wide digests are always sent)
            assert list(s.scalars(select(Outbox.target).where(Outbox.dedupe_key.like("weekly:2026-W47:%")))) == ["县委办"]
        service.run_tick("nobody")  # an unknown name is logged, not raised
        assert scheduler.owner
    finally:
        aps.shutdown(wait=False)
