"""The bot's own pushes must not add to the burden: no empty unit digests, no duplicate county digest,
only non-zero lines, honest rankings — and the weekly analysis flags items held without approval or
not archived, and the day-before reminder of an unapproved item reaches the approvers.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from bot.scheduler import Scheduler, digests, periods
from bot.scheduler.config import load_config, parse_config
from bot.scheduler.targets import unit_scope
from config.settings import CONFIG_DIR
from storage.models import Outbox, Unit
from sched_support import add_entry, at, set_status

ZERO = re.compile(r"(?<![\d.])0(次|件|份|条|项|个)")


def _pushes(db, prefix: str) -> dict[str, str]:
    """Console group (= unit name) → text of the push queued under a key starting with prefix."""
    with db.session() as s:
        rows = s.scalars(select(Outbox).where(Outbox.dedupe_key.like(f"{prefix}%")).order_by(Outbox.id))
        return {r.target: r.payload["text"] for r in rows if "chart" not in r.payload}  # the text, not its chart


def test_only_units_with_news_get_their_digest_and_the_county_digest_goes_once(runtime):
    add_entry(runtime.db, "城关镇", "meeting", "outgoing", dt.date(2026, 11, 17))
    add_entry(runtime.db, "城关镇", "document", "outgoing", dt.date(2026, 11, 18), quantity=2)
    scheduler = Scheduler(runtime.db, runtime.clock, load_config())
    scheduler.tick(at(2026, 11, 23, 9))
    weekly = _pushes(runtime.db, "weekly:2026-W47:")
    assert set(weekly) == {"城关镇", "县委办"}  # not 示范县 (same county digest), not the six empty units
    town = weekly["城关镇"]
    assert "召开会议1次" in town and "发文2件" in town
    assert not ZERO.search(town), town  # only non-zero lines
    assert "来自上级" not in town and "规则提示" not in town and "应报备未报备" not in town
    scheduler.tick(at(2026, 11, 23, 9, 1))  # the skipped ones are not tried again and again
    assert set(_pushes(runtime.db, "weekly:2026-W47:")) == {"城关镇", "县委办"}

    scheduler.tick(at(2026, 12, 1, 9))
    monthly = _pushes(runtime.db, "monthly:2026-11:")
    assert set(monthly) == {"城关镇", "县委办"}
    own = monthly["城关镇"]
    assert "在乡镇（街道）中排第1" in own and "按数量由多到少排序" in own
    assert "2026年6月" not in own and not ZERO.search(own), own  # no six lines of zero trend


def test_a_unit_recording_news_later_in_the_grace_period_gets_its_digest(runtime):
    scheduler = Scheduler(runtime.db, runtime.clock, load_config())
    scheduler.tick(at(2026, 11, 23, 9))
    assert set(_pushes(runtime.db, "weekly:2026-W47:")) == {"县委办"}
    add_entry(runtime.db, "青山镇", "inspection", "outgoing", dt.date(2026, 11, 20))  # recorded late
    scheduler.tick(at(2026, 11, 23, 10))
    assert set(_pushes(runtime.db, "weekly:2026-W47:")) == {"县委办", "青山镇"}


def test_the_county_unit_group_gets_county_digests_only_when_configured(runtime):
    assert load_config().county_unit_groups is False  # the shipped default
    assert "county_unit_groups: false" in (CONFIG_DIR / "schedules.yaml").read_text(encoding="utf-8")
    cfg = parse_config({"county_unit_groups": True})
    Scheduler(runtime.db, runtime.clock, cfg).tick(at(2026, 11, 23, 9))
    assert set(_pushes(runtime.db, "weekly:2026-W47:")) == {"县委办", "示范县"}


def test_rankings_go_from_most_to_least_and_units_with_nothing_have_no_rank(runtime):
    for day, unit in ((8, "城关镇"), (9, "城关镇"), (14, "青山镇")):
        add_entry(runtime.db, unit, "meeting", "outgoing", dt.date(2026, 10, day))
    add_entry(runtime.db, "白沙乡", "document", "incoming", dt.date(2026, 10, 20))  # received only
    cfg = load_config()
    occ = periods.monthly(2026, 11, dt.time(9), cfg.calendar)
    with runtime.db.session() as s:
        def own(name: str) -> digests.Digest:
            return digests.build(s, occ, unit_scope(s.scalar(select(Unit).where(Unit.name == name))), cfg)

        second = own("青山镇").push().text
        received = own("白沙乡")
        assert own("河口镇").quiet and not received.quiet
    assert "在乡镇（街道）中排第2（按数量由多到少排序" in second
    text = received.push().text
    assert "收上级来文1件" in text and "本期无" in text and "排第" not in text


def test_weekly_analysis_flags_filed_but_unapproved_and_held_but_unarchived_items(runtime, say):
    filed = say("报备：12月2日到各村开展环保督查", user="张三")
    assert filed.intent == "file", filed.text
    unapproved = filed.entry_ids[0]
    meeting = say("报备：11月25日召开全镇安全生产工作会议，30人，1小时", user="张三")
    assert meeting.intent == "file", meeting.text
    held = meeting.entry_ids[0]
    assert say(f"同意 #{held}", user="王五").intent == "approve"

    Scheduler(runtime.db, runtime.clock, load_config()).tick(at(2026, 12, 7, 9))
    weekly = _pushes(runtime.db, "weekly:2026-W49:")
    for text in (weekly["城关镇"], weekly["县委办"]):
        assert "报备未获审批即开展" in text and f"#{unapproved}" in text
        assert "待备案" in text and f"#{held}" in text
    town = weekly["城关镇"]
    assert re.search(r"报备未获审批即开展或待审批已过期1项", town), town
    assert re.search(r"待备案1项", town), town

    set_status(runtime.db, held, "archived")
    Scheduler(runtime.db, runtime.clock, load_config()).tick(at(2026, 12, 14, 9))
    later = _pushes(runtime.db, "weekly:2026-W50:")["城关镇"]
    assert f"#{unapproved}" in later and f"#{held}" not in later  # still unapproved; archived now


def test_the_day_before_reminder_of_an_unapproved_item_goes_to_the_approvers_too(runtime, say):
    filed = say("报备：12月2日到各村开展环保督查", user="张三")
    pending = filed.entry_ids[0]
    approved = say("报备：12月2日召开全镇防汛工作会议", user="张三").entry_ids[0]
    assert say(f"同意 #{approved}", user="王五").intent == "approve"

    Scheduler(runtime.db, runtime.clock, load_config()).tick(at(2026, 12, 1, 16))
    town = _pushes(runtime.db, f"reminder:entry:{pending}:")
    assert set(town) == {"城关镇", "县委办"}
    assert f"#{pending} 明日开展，尚待审批" in town["县委办"]
    assert "同意" in town["县委办"]
    assert set(_pushes(runtime.db, f"reminder:entry:{approved}:")) == {"城关镇"}  # approved: organiser only
