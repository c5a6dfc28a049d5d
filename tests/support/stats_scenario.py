"""Shared scenario for the statistics tests: a month of mixed entries across units (fixed clock
2026-11-22), last year's ledger for 城关镇, baselines for 青山镇 and 河口镇, and reminders.

Entries are inserted directly with storage.repo.create_entry (scope decided later by the statistics'
own catch-up) and a few through chat. The expected figures are worked out by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from bot.clock import TZ
from bot.nlu import Period
from storage import repo
from storage.models import Baseline, Entry, Member, Notification, Unit

D = dt.date
THIS_MONTH = Period(D(2026, 11, 1), D(2026, 11, 30), "本月")
LAST_MONTH = Period(D(2026, 10, 1), D(2026, 10, 31), "上月")
LAST_WEEK = Period(D(2026, 11, 9), D(2026, 11, 15), "上周")
THIS_YEAR = Period(D(2026, 1, 1), D(2026, 12, 31), "今年")
JAN_TO_NOV = Period(D(2026, 1, 1), D(2026, 11, 30), "今年1-11月")

# What the parser is expected to make of each phrasing (the NLU contract the handlers rely on).
PHRASES: dict[str, dict[str, Any]] = {
    "本月发文数": dict(intent="query", kind="document", direction="outgoing", period=THIS_MONTH),
    "本月开了几次会": dict(intent="query", kind="meeting", direction="outgoing", period=THIS_MONTH),
    "今年1-11月收上级来文多少件": dict(intent="query", kind="document", direction="incoming", period=JAN_TO_NOV),
    "党委发文今年几件": dict(intent="query", kind="document", direction="outgoing", subtype="党委发文",
                      period=THIS_YEAR),
    "上周接受了几次督查": dict(intent="query", kind="inspection", direction="incoming", subtype="督查",
                       period=LAST_WEEK),
    "本月发文数同比": dict(intent="query", kind="document", direction="outgoing", period=THIS_MONTH, compare="yoy"),
    "本月发文数环比": dict(intent="query", kind="document", direction="outgoing", period=THIS_MONTH, compare="mom"),
    "青山镇本月发文数同比": dict(intent="query", kind="document", direction="outgoing", period=THIS_MONTH,
                         compare="yoy", unit="青山镇"),
    "青山镇上周发文数同比": dict(intent="query", kind="document", direction="outgoing", period=LAST_WEEK,
                         compare="yoy", unit="青山镇"),
    "白沙乡本月发文数同比": dict(intent="query", kind="document", direction="outgoing", period=THIS_MONTH,
                         compare="yoy", unit="白沙乡"),
    "青山镇本月发文数": dict(intent="query", kind="document", direction="outgoing", period=THIS_MONTH,
                       unit="青山镇"),
    "各乡镇本月发文排名": dict(intent="query", kind="document", direction="outgoing", period=THIS_MONTH,
                        group_by="unit", args={"scope_level": "乡镇"}),
    "生成汇报 今年1-11月": dict(intent="report", period=JAN_TO_NOV),
    "双台账比对 本月": dict(intent="compare", period=THIS_MONTH),
    "导出本月台账": dict(intent="export", period=THIS_MONTH),
}


def build_month(db: Any) -> dict[str, int]:
    """Insert the scenario; returns ids of entries the tests look at."""
    ids: dict[str, int] = {}
    with db.session() as s:
        units = {u.name: u.id for u in s.scalars(select(Unit))}
        zhang = s.scalars(select(Member).where(Member.name == "张三")).one()

        def add(unit: str, kind: str, direction: str, day: dt.date, name: str | None = None, **fields: Any) -> None:
            entry = repo.create_entry(s, zhang if unit == "城关镇" else None, unit_id=units[unit], kind=kind,
                                      direction=direction, occurs_on=day, **fields)
            if name:
                ids[name] = entry.id

        # 城关镇, this month. 发文 6 with the chat one (党委1, 政府3, one voided 党委 not counted).
        add("城关镇", "document", "outgoing", D(2026, 11, 3), subtype="党委发文", title="关于做好冬季安全生产工作的通知")
        add("城关镇", "document", "outgoing", D(2026, 11, 5), subtype="政府发文", quantity=2)
        add("城关镇", "document", "outgoing", D(2026, 11, 10), title="城关镇工作简报第12期", name="briefing")
        add("城关镇", "document", "outgoing", D(2026, 11, 16), subtype="政府发文", title="关于报送人员名单的便函",
            name="memo")
        add("城关镇", "document", "outgoing", D(2026, 11, 20), subtype="党委发文", name="voided")
        # earlier this year: 党委 2 in March, 4 unsplit in October (环比: 6 vs 4)
        add("城关镇", "document", "outgoing", D(2026, 3, 15), subtype="党委发文", quantity=2)
        add("城关镇", "document", "outgoing", D(2026, 10, 9), quantity=4)
        # 收上级来文: 今年1-11月 3+2+4 = 9 (December's is outside)
        add("城关镇", "document", "incoming", D(2026, 11, 2), quantity=3)
        add("城关镇", "document", "incoming", D(2026, 11, 12), quantity=2)
        add("城关镇", "document", "incoming", D(2026, 3, 10), quantity=4)
        add("城关镇", "document", "incoming", D(2026, 12, 2), quantity=1)
        # meetings held: 3 here + 2 by chat = 5; two are 培训会
        add("城关镇", "meeting", "outgoing", D(2026, 11, 4), title="全镇安全生产工作会")
        add("城关镇", "meeting", "outgoing", D(2026, 11, 11), title="全镇业务培训会", name="training")
        add("城关镇", "meeting", "outgoing", D(2026, 11, 18), title="党委理论学习中心组学习会")
        add("城关镇", "meeting", "incoming", D(2026, 11, 6), title="参加县防汛视频会议")
        # inspections received: 上周 (9–15 Nov) 督查 group = 督查 + 检查 = 2; 考核 apart
        add("城关镇", "inspection", "incoming", D(2026, 11, 3), subtype="督查")
        add("城关镇", "inspection", "incoming", D(2026, 11, 10), subtype="督查")
        add("城关镇", "inspection", "incoming", D(2026, 11, 12), subtype="检查")
        add("城关镇", "inspection", "incoming", D(2026, 11, 13), subtype="考核")
        add("城关镇", "inspection", "outgoing", D(2026, 11, 17), subtype="督导")
        add("城关镇", "report", "incoming", D(2026, 11, 8), quantity=2, title="报送第三季度安全生产报表")
        add("城关镇", "report", "outgoing", D(2026, 11, 9))

        # 城关镇, last year's ledger
        add("城关镇", "document", "outgoing", D(2025, 11, 4), subtype="党委发文", quantity=2)
        add("城关镇", "document", "outgoing", D(2025, 11, 14), subtype="政府发文", quantity=4)
        add("城关镇", "document", "outgoing", D(2025, 11, 20), quantity=2)
        add("城关镇", "document", "incoming", D(2025, 5, 10), quantity=6)
        add("城关镇", "document", "incoming", D(2025, 10, 10), quantity=4)
        for month in range(3, 11):
            add("城关镇", "meeting", "outgoing", D(2025, month, 8), title="月度工作例会")
        for day in (1, 2, 3):
            add("城关镇", "inspection", "incoming", D(2025, 9, day), subtype="督查")
        add("城关镇", "inspection", "incoming", D(2025, 9, 4), subtype="考核")

        # other towns: 青山镇 7 (4 + 3 上周), 白沙乡 3, 河口镇 3
        add("青山镇", "document", "outgoing", D(2026, 11, 2), quantity=4)
        add("青山镇", "document", "outgoing", D(2026, 11, 10), quantity=3)
        add("青山镇", "meeting", "outgoing", D(2026, 11, 5))
        add("白沙乡", "document", "outgoing", D(2026, 11, 9), quantity=3)
        add("河口镇", "document", "outgoing", D(2026, 11, 3), quantity=3)
        # baselines: 青山镇 November 2025 = 4; 河口镇 only October 2025
        s.add(Baseline(unit_id=units["青山镇"], kind="document", direction="outgoing", subtype=None,
                       year=2025, month=11, count=4))
        s.add(Baseline(unit_id=units["河口镇"], kind="document", direction="outgoing", subtype=None,
                       year=2025, month=10, count=5))
        # reminders: 3 人次 over 2 units this year (the quota warning and last year's do not count)
        for unit, kind, at in (("青山镇", "reminder", dt.datetime(2026, 11, 5, 9)),
                               ("青山镇", "over_quota", dt.datetime(2026, 11, 10, 9)),
                               ("河口镇", "reminder", dt.datetime(2026, 10, 1, 9)),
                               ("白沙乡", "quota_warning", dt.datetime(2026, 11, 6, 9)),
                               ("白沙乡", "reminder", dt.datetime(2025, 12, 20, 9))):
            s.add(Notification(kind=kind, unit_id=units[unit], text="提醒", at=at.replace(tzinfo=TZ)))
        s.flush()
        repo.void_entry(s, s.get(Entry, ids["voided"]), zhang)
    return ids


CHAT_RECORDS = ("明天发文", "昨天召开业务培训会", "今天召开安全生产调度会")


def switch_rules(runtime: Any, tmp_path: Path, **counts: bool) -> Path:
    """Copy the deployment's config to tmp and set category switches (培训会=False …)."""
    folder = tmp_path / "config"
    if not folder.exists():
        shutil.copytree(runtime.settings.config_dir, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = folder / "counting_rules.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for name, value in counts.items():
        if name in ("held", "attended"):
            data["meetings"][name] = value
        else:
            data["categories"][name]["count"] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    runtime.services = runtime.services.with_config_dir(folder)
    return folder
