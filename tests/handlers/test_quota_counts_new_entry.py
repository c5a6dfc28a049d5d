"""Issue 15 defect 3: a quota counts the entry being recorded, and 100 % is the over-quota alert.

城关镇 may hold 16 meetings this year. The reply to the 15th says 15 of 16 (a reminder at 80 %); the
16th uses the quota up: the over-quota alert (flagged, never 【可以】), which the scheduler turns into a
超配额通报 to the unit head (a Notification) and the quarterly bulletin counts as 提醒人次.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.clock import TZ
from bot.scheduler import Scheduler, digests, periods
from bot.scheduler.config import load_config
from bot.scheduler.targets import county_scope
from storage.models import Entry, Member, Notification

MONDAY = dt.datetime(2026, 11, 23, 10, 0, tzinfo=TZ)


def test_the_new_entry_counts_and_a_full_quota_is_the_alert(runtime, say, clock):
    clock.set(MONDAY)
    assert say("城关镇本年度会议额度设为16次", user="王五").data["after"] == 16
    for day in range(1, 15):
        assert say(f"11月{day}日召开第{day}次工作例会").entry_ids
    fifteenth = say("11月16日召开第15次工作例会")
    assert "配额16次，连同本条已用15次（94%），已达80%预警线" in fifteenth.text, fifteenth.text
    cfg = load_config(runtime.settings.config_dir)
    scheduler = Scheduler(runtime.db, clock, cfg, config_dir=runtime.settings.config_dir,
                          services=runtime.services, exclusive=False)
    scheduler.tick(MONDAY)

    sixteenth = say("11月17日召开第16次工作例会")
    assert "配额16次，连同本条已用16次（100%），配额已用满" in sixteenth.text, sixteenth.text
    assert "【可以】" not in sixteenth.text and "预警线" not in sixteenth.text, sixteenth.text
    with runtime.db.session() as s:
        flags = s.get(Entry, sixteenth.entry_ids[0]).flags
    assert [f["item"] for f in flags if f["item"] == "R-QUOTA"] == ["R-QUOTA"], flags
    scheduler.tick(MONDAY + dt.timedelta(minutes=1))

    with runtime.db.session() as s:
        lisi = s.scalars(select(Member.id).where(Member.name == "李四")).one()
        sent = [(n.kind, n.member_id) for n in s.scalars(select(Notification).order_by(Notification.id))
                if n.kind in ("reminder", "over_quota")]
        assert sent == [("reminder", lisi), ("over_quota", lisi)], sent
        occ = periods.quarterly(2027, 1, cfg.digests["quarterly"].time, cfg.calendar)
        bulletin = digests.quarterly(s, occ, county_scope(s), cfg).text()
    assert "提醒单位主要负责人2人次（接近配额提醒1人次、超配额通报1人次）" in bulletin, bulletin
    assert "城关镇" in bulletin


def test_a_check_counts_the_proposal_on_top_of_what_is_used(runtime, say, clock):
    clock.set(MONDAY)
    say("城关镇本年度会议额度设为4次", user="王五")
    for day in (2, 3, 4):
        say(f"11月{day}日召开工作例会")
    asked = say("周二可以开会吗")
    assert asked.intent == "check", asked.text
    assert "已用3次，加上此项为4次（100%），配额已用满" in asked.text, asked.text
