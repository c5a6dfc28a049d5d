"""Issue 8: managers set their group's digests by chat ("订阅周报", "退订月报", "周报改为周一8点");
members cannot; the scheduler follows each group's settings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.nlu import Intent
from bot.scheduler import Scheduler
from bot.scheduler.config import load_config
from handlers import handler_for
from bot.context import Context
from storage.models import Conversation, InboundMessage, Member, Outbox, Unit
from sched_support import add_entry, at


def _every_unit_received_documents(db, *days: dt.date) -> int:
    """Give every unit something in these days, so that no unit's digest is skipped as empty; returns
    the number of groups that then get digests (all but the county unit's own: 县委办's get the county's)."""
    with db.session() as s:
        names = [u.name for u in s.scalars(select(Unit).where(Unit.level != "county"))]
        groups = len(list(s.scalars(select(Conversation.id).join(Unit, Conversation.unit_id == Unit.id)
                                    .where(Unit.level != "county"))))
    for name in names:
        for day in days:
            add_entry(db, name, "document", "incoming", day)
    return groups


def _subscriptions(db, group: str) -> dict:
    with db.session() as s:
        conv = s.scalar(select(Conversation).where(Conversation.platform == "console",
                                                   Conversation.external_id == group))
        return dict(conv.subscriptions or {})


def _queued(db, prefix: str) -> dict[str, dt.datetime]:
    """Console group → when a push with this key prefix was queued."""
    with db.session() as s:
        rows = s.execute(select(Outbox.target, Outbox.created_at).where(Outbox.dedupe_key.like(f"{prefix}%")))
        return {target: created for target, created in rows}


def test_a_member_cannot_change_the_groups_digests(runtime, say):
    reply = say("订阅周报", user="张三")
    assert reply.intent == "refused"
    assert "\n" not in reply.text and "权限" in reply.text
    reply = say("退订月报", user="张三")
    assert reply.intent == "refused"
    assert _subscriptions(runtime.db, "城关镇") == {}


def test_a_manager_moves_the_weekly_digest_and_the_scheduler_follows(runtime, say):
    groups = _every_unit_received_documents(runtime.db, dt.date(2026, 11, 18))
    reply = say("周报改为周一8点", user="李四")
    assert reply.intent == "subscribe"
    assert "每周一 08:00" in reply.text and "顺延" in reply.text
    assert _subscriptions(runtime.db, "城关镇")["weekly"]["time"] == "08:00"

    scheduler = Scheduler(runtime.db, runtime.clock, load_config())
    scheduler.tick(at(2026, 11, 23, 8, 0))
    assert set(_queued(runtime.db, "weekly:")) == {"城关镇"}
    scheduler.tick(at(2026, 11, 23, 9, 0))
    queued = _queued(runtime.db, "weekly:")
    assert queued["城关镇"] == at(2026, 11, 23, 8, 0) and queued["县委办"] == at(2026, 11, 23, 9, 0)
    assert len(queued) == groups  # every group once


def test_unsubscribing_stops_the_monthly_review_for_that_group_only(runtime, say):
    assert say("退订月报", user="李四").text.startswith("本群已退订月报")
    assert say("退订月报", user="李四").text == "本群未订阅月报，无需退订。"
    _every_unit_received_documents(runtime.db, dt.date(2026, 11, 18))
    Scheduler(runtime.db, runtime.clock, load_config()).tick(at(2026, 12, 1, 9, 0))
    monthly = _queued(runtime.db, "monthly:2026-11:")
    assert "城关镇" not in monthly and "县委办" in monthly and "青山镇" in monthly


def test_a_new_subscription_does_not_pull_in_an_older_digest(runtime, say):
    # 季报 is not sent to unit groups by default; 城关镇 subscribes on Friday 10-09, the day after the
    # Q3 bulletin went out: it gets the next one (2027-01), not the old one, though still within grace.
    _every_unit_received_documents(runtime.db, dt.date(2026, 9, 15))
    runtime.clock.set(at(2026, 10, 9, 10))
    reply = say("订阅季报", user="李四")
    assert reply.intent == "subscribe" and "本单位季报" in reply.text and "每季度首个工作日 09:00" in reply.text
    assert "已订阅" in say("订阅季报", user="李四").text  # twice: no change
    Scheduler(runtime.db, runtime.clock, load_config()).tick(at(2026, 10, 9, 10, 1))
    assert set(_queued(runtime.db, "quarterly:2026-Q3:")) == {"县委办"}  # not 示范县: the county digest once


def test_a_manager_acts_only_on_groups_of_units_they_cover(runtime):
    with runtime.db.session() as s:
        manager = s.scalar(select(Member).where(Member.name == "李四"))
        other = s.scalar(select(Conversation).where(Conversation.external_id == "青山镇"))
        message = InboundMessage(platform="console", external_id="m-1", text="订阅季报")
        s.add(message)
        s.flush()
        ctx = Context(session=s, clock=runtime.clock, member=manager, unit=manager.unit, conversation=other,
                      message=message, services=runtime.services)
        reply = handler_for("subscribe")(ctx, Intent(text="订阅季报", intent="subscribe",
                                             args={"action": "subscribe", "digest": "quarterly"}))
        assert reply.intent == "refused" and "青山镇" not in reply.text
        assert not other.subscriptions


def test_bad_schedule_requests_get_a_clear_answer(runtime, say):
    night = say("周报改为周一22点", user="李四")
    assert night.intent in ("subscribe", "refused") and "20:00" in night.text and "夜间" in night.text
    assert "weekly" not in _subscriptions(runtime.db, "城关镇")
    weekend = say("周报改为周六9点", user="李四")
    assert "周一至周五" in weekend.text
    assert "weekly" not in _subscriptions(runtime.db, "城关镇")
    monthly = say("月报改为10点", user="李四")
    assert "每月首个工作日 10:00" in monthly.text


def test_an_admin_sets_any_group_and_the_status_is_shown(runtime):
    with runtime.db.session() as s:
        admin = s.scalar(select(Member).where(Member.name == "王五"))
        group = s.scalar(select(Conversation).where(Conversation.external_id == "白沙乡"))
        message = InboundMessage(platform="console", external_id="m-2", text="")
        s.add(message)
        s.flush()
        ctx = Context(session=s, clock=runtime.clock, member=admin, unit=admin.unit, conversation=group,
                      message=message, services=runtime.services)
        changed = handler_for("subscribe")(ctx, Intent(text="", intent="subscribe", args={
            "action": "reschedule", "digest": "weekly", "day": "fri", "time": "16:30"}))
        assert "每周五 16:30" in changed.text
        status = handler_for("subscribe")(ctx, Intent(text="", intent="subscribe", args={"action": "status"}))
        assert status.text == "本群推送（本单位）：周报 每周五 16:30；月报 每月首个工作日 09:00；季报 未订阅；月报、季报附图表。"
