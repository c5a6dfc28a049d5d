"""Issue 2: the record → query → undo sequence, the audit trail, dedupe and the one-question completion."""

from __future__ import annotations

from sqlalchemy import func, select

from storage.models import Entry, EntryEvent, InboundMessage


def live_entries(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Entry.id)).where(Entry.status != "voided"))


def test_record_query_undo_with_audit_trail(say, runtime):
    reply = say("明天开会，3个乡镇参加")
    assert reply.intent == "record"
    assert len(reply.entry_ids) == 1
    assert "2026-11-23（周一）" in reply.text and "城关镇" in reply.text and "3个乡镇" in reply.text
    with runtime.db.session() as s:
        entry = s.get(Entry, reply.entry_ids[0])
        assert (entry.kind, entry.direction, entry.occurs_on.isoformat()) == ("meeting", "outgoing", "2026-11-23")
        assert (entry.attendees_count, entry.attendees_scope) == (3, "乡镇")
        assert entry.unit.name == "城关镇" and entry.creator.name == "张三"

    count = say("本月开会多少次")  # the month's ledger, tomorrow's meeting included (开了几次会: held only)
    assert count.intent == "query" and count.data["count"] == 1
    assert "1次" in count.text

    undo = say("撤销")
    assert undo.intent == "undo" and undo.entry_ids == reply.entry_ids
    assert say("本月开会多少次").data["count"] == 0

    with runtime.db.session() as s:
        events = select(EntryEvent).where(EntryEvent.entry_id == reply.entry_ids[0]).order_by(EntryEvent.id)
        actions = [e.action for e in s.scalars(events)]
        assert actions == ["create", "void"]
        void = s.scalars(select(EntryEvent).where(EntryEvent.action == "void")).one()
        assert void.changes == {"status": ["recorded", "voided"]}
        assert void.member.name == "张三"
        # the row is still there: voided, never deleted
        assert s.get(Entry, reply.entry_ids[0]).status == "voided"
        messages = s.scalars(select(InboundMessage).order_by(InboundMessage.id)).all()
        assert [m.intent for m in messages] == ["record", "query", "undo", "query"]


def test_undo_specific_entry_respects_ownership(say, runtime):
    first = say("明天开会").entry_ids[0]
    say("后天开会")
    assert say(f"撤销 #{first}").entry_ids == [first]
    # 李四 is the manager of 城关镇: may void 张三's entry. 王五 (县委办 admin) too.
    second = say("后天发文2件").entry_ids[0]
    other = say(f"撤销 #{second}", user="李四")
    assert other.intent == "undo" and other.entry_ids == [second]
    missing = say("撤销 #9999")
    assert not missing.entry_ids and "未找到" in missing.text


def test_duplicate_delivery_records_once_and_replays_reply(say, runtime):
    first = say("明天开会，3个乡镇参加", message_id="m-1")
    again = say("明天开会，3个乡镇参加", message_id="m-1")
    assert again.duplicate and again.text == first.text and again.entry_ids == first.entry_ids
    assert live_entries(runtime.db) == 1


def test_missing_date_asks_one_question_then_completes(say, runtime):
    question = say("开个安全生产调度会")
    assert question.intent == "record" and not question.entry_ids
    assert "哪一天" in question.text
    assert live_entries(runtime.db) == 0
    done = say("周三")
    assert done.intent == "record" and len(done.entry_ids) == 1
    with runtime.db.session() as s:
        entry = s.get(Entry, done.entry_ids[0])
        assert entry.occurs_on.isoformat() == "2026-11-25" and entry.kind == "meeting"


def test_pending_question_expires_after_ten_minutes(say, runtime, clock):
    import datetime as dt

    say("开个安全生产调度会")
    clock.advance(dt.timedelta(minutes=11))
    late = say("周三")
    assert not late.entry_ids
    assert live_entries(runtime.db) == 0


def test_data_survives_restart(say, runtime):
    from storage.db import Database

    entry_id = say("明天开会").entry_ids[0]
    runtime.db.dispose()
    reopened = Database(runtime.db.url)
    with reopened.session() as s:
        assert s.get(Entry, entry_id).kind == "meeting"
    reopened.dispose()


def test_undo_and_correct_without_an_id_pick_the_senders_entry(say, runtime):
    meeting = say("明天开会").entry_ids[0]
    document = say("后天发文2件").entry_ids[0]
    cancelled = say("明天的会取消了")
    assert cancelled.intent == "undo" and cancelled.entry_ids == [meeting]
    corrected = say("上一条日期改为周五")
    assert corrected.intent == "correct" and corrected.entry_ids == [document]
    with runtime.db.session() as s:
        assert s.get(Entry, document).occurs_on.isoformat() == "2026-11-27"
        assert s.get(Entry, meeting).status == "voided"
    # 李四 has recorded nothing: nothing of 张三's is touched by his bare 撤销
    assert not say("撤销", user="李四").entry_ids


def test_a_rejected_filing_is_kept_but_not_counted(say, runtime):
    from storage import repo

    entry_id = say("明天开会").entry_ids[0]
    assert say("本月开会多少次").data["count"] == 1
    with runtime.db.session() as s:
        repo.change_entry(s, s.get(Entry, entry_id), None, "reject", status="rejected")
    assert say("本月开会多少次").data["count"] == 0
    with runtime.db.session() as s:
        assert s.get(Entry, entry_id).status == "rejected"


def test_a_message_abandoned_by_a_crashed_worker_is_resumed_and_answered(runtime):
    import datetime as dt

    from storage.models import Outbox
    from storage.timeutil import utcnow

    with runtime.db.session() as s:  # a worker claimed it two minutes ago, then died
        s.add(InboundMessage(platform="console", external_id="lost-1", chat_external="城关镇",
                             sender_external="张三", text="明天开会，3个乡镇参加", status="processing",
                             received_at=utcnow() - dt.timedelta(minutes=2)))
    assert runtime.dispatcher.resume_abandoned() == 1
    assert runtime.dispatcher.resume_abandoned() == 0  # done: never twice
    with runtime.db.session() as s:
        [entry] = s.scalars(select(Entry)).all()
        assert entry.occurs_on.isoformat() == "2026-11-23" and entry.attendees_count == 3
        [push] = s.scalars(select(Outbox)).all()
        assert push.channel == "console" and push.target == "城关镇" and "已记录" in push.payload["text"]
        assert s.scalars(select(InboundMessage.status)).one() == "done"


def test_the_same_item_told_twice_is_recorded_with_a_hint(say, runtime):
    first = say("明天开会，3个乡镇参加")
    assert "重复" not in first.text
    second = say("明天开会，3个乡镇参加", user="李四")
    assert len(second.entry_ids) == 1 and f"#{first.entry_ids[0]}" in second.text and "重复" in second.text
    assert "重复" not in say("后天开会").text


def test_a_completed_record_keeps_the_original_words(say, runtime):
    say("发文3件")
    done = say("今天")
    with runtime.db.session() as s:
        entry = s.get(Entry, done.entry_ids[0])
        assert entry.raw_text == "发文3件（补充：今天）" and entry.quantity == 3


def test_changes_are_dated_by_the_clock(say, runtime, clock):
    import datetime as dt

    entry_id = say("明天开会").entry_ids[0]
    clock.advance(dt.timedelta(hours=5))
    say(f"#{entry_id} 日期改为后天")
    with runtime.db.session() as s:
        entry = s.get(Entry, entry_id)
        assert entry.updated_at == clock.now() and entry.created_at == clock.now() - dt.timedelta(hours=5)


def test_an_unreadable_period_is_asked_for_not_replaced_by_this_month(say):
    reply = say("今年1-13月发文数")
    assert reply.data.get("missing") == ["period"] and "期间" in reply.text
    assert "count" not in reply.data


def test_the_record_reply_names_the_counterpart(say):
    reply = say("昨天县委办来文件了，3个")
    assert "来自：县委办" in reply.text and "3件" in reply.text
