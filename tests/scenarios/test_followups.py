"""Issue 13: a follow-up keeps every slot already understood; the answer fills the slot asked first."""

from __future__ import annotations

from storage.models import Entry


def test_breakdown_then_date_keeps_the_total(say, runtime):
    """发文4个，其中党委2个，政府2个 then 今天: saved with 4, not the default 1. (收文4个，其中… is told as done:
    saved at once for today, with 4.)"""
    asked = say("发文4个，其中党委2个，政府2个")
    assert not asked.entry_ids and "哪一天" in asked.text
    saved = say("今天")
    assert len(saved.entry_ids) == 1
    received = say("收文4个，其中县政府2个，市里2个")
    assert len(received.entry_ids) == 1 and "按今天" in received.text, received.text
    with runtime.db.session() as s:
        entry = s.get(Entry, saved.entry_ids[0])
        assert (entry.kind, entry.direction, entry.quantity) == ("document", "outgoing", 4)
        entry = s.get(Entry, received.entry_ids[0])
        assert (entry.kind, entry.direction, entry.quantity) == ("document", "incoming", 4)


def test_bare_count_answer_completes_the_record(say, runtime):
    """发文 then 2件: the count is kept and the date question stands; 今天 then saves 2."""
    assert not say("发文").entry_ids
    counted = say("2件")
    assert not counted.entry_ids and "哪一天" in counted.text  # still asked, not 未能识别
    saved = say("今天")
    assert len(saved.entry_ids) == 1
    with runtime.db.session() as s:
        entry = s.get(Entry, saved.entry_ids[0])
        assert (entry.kind, entry.direction, entry.quantity) == ("document", "outgoing", 2)


def test_zero_or_negative_quantity_is_asked_back_never_stored(say, runtime):
    for text in ("今天发文0件", "今天发文-2件"):
        reply = say(text)
        assert not reply.entry_ids and "未记录" in reply.text


def test_report_to_an_upper_unit_is_the_counterpart(say, runtime):
    """今天上报县委办三季度工作总结材料 as 李四 (城关镇): 县委办 is the destination, not the acting unit."""
    reply = say("今天上报县委办三季度工作总结材料", user="李四")
    assert len(reply.entry_ids) == 1, reply.text
    with runtime.db.session() as s:
        entry = s.get(Entry, reply.entry_ids[0])
        assert entry.unit.name == "城关镇" and entry.counterpart == "县委办"
        assert (entry.kind, entry.direction) == ("report", "incoming")
