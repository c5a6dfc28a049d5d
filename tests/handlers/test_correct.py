"""Issue 9: corrections with history — “#12 日期改为后天”, “#12 参会人数改为50人”, “撤销 #12”, “#12 记录”.

Every change is one audit event with the member, the (injected) time and before/after values; a voided
entry no longer counts but its record can still be shown.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from suite import NOW
from filing_support import act, add_people, entry, intent
from storage import repo
from storage.models import EntryEvent


def events(runtime, entry_id: int) -> list[EntryEvent]:
    with runtime.db.session() as s:
        rows = list(s.scalars(select(EntryEvent).where(EntryEvent.entry_id == entry_id).order_by(EntryEvent.id)))
        for row in rows:
            _ = row.member
            s.expunge(row)
        return rows


def count_meetings(runtime, day: dt.date) -> int:
    with runtime.db.session() as s:
        unit = repo.unit_by_name(s, "城关镇")
        return repo.count_entries(s, [unit.id], day, day, kind="meeting")


def test_corrections_void_and_history_in_chat(runtime, clock, say):
    recorded = say("明天开会，3个乡镇参加")
    entry_id = recorded.entry_ids[0]
    assert entry(runtime, entry_id).occurs_on == dt.date(2026, 11, 23)

    clock.advance(dt.timedelta(minutes=5))
    moved = say(f"#{entry_id} 日期改为后天")
    assert moved.intent == "correct", moved.text
    assert entry(runtime, entry_id).occurs_on == dt.date(2026, 11, 24)
    assert "2026-11-23（周一）→2026-11-24（周二）" in moved.text

    clock.advance(dt.timedelta(minutes=5))
    resized = say(f"#{entry_id} 参会人数改为50人", user="李四")  # the unit's manager may correct it too
    assert resized.intent == "correct" and entry(runtime, entry_id).scale == 50

    trail = events(runtime, entry_id)
    assert [(e.action, e.member.name) for e in trail] == [("create", "张三"), ("correct", "张三"), ("correct", "李四")]
    assert trail[1].changes == {"occurs_on": ["2026-11-23", "2026-11-24"]}
    assert trail[2].changes == {"scale": [None, 50]}
    assert [e.at for e in trail] == [NOW, NOW + dt.timedelta(minutes=5), NOW + dt.timedelta(minutes=10)]

    assert count_meetings(runtime, dt.date(2026, 11, 24)) == 1
    clock.advance(dt.timedelta(minutes=5))
    voided = say(f"撤销 #{entry_id}")
    assert voided.intent == "undo" and count_meetings(runtime, dt.date(2026, 11, 24)) == 0

    history = say(f"#{entry_id} 记录")
    assert history.intent == "history"
    lines = history.text.splitlines()
    assert "当前：已撤销" in lines[0] and "不计入统计" in lines[0]
    assert lines[1:4] == [
        "1. 11-22 10:00 张三 登记",
        "2. 11-22 10:05 张三 更正：日期 2026-11-23（周一）→2026-11-24（周二）",
        "3. 11-22 10:10 李四 更正：参会人数 空→50人",
    ]
    # 撤销 is the foundation's undo handler: its event carries the wall-clock time, not the test clock
    assert re.fullmatch(r"4\. \d\d-\d\d \d\d:\d\d 张三 撤销（不再计入统计）", lines[4])
    assert [row["action"] for row in history.data["events"]] == ["create", "correct", "correct", "void"]

    refused = say(f"#{entry_id} 参会人数改为60人")
    assert "已撤销" in refused.text and entry(runtime, entry_id).scale == 50


def test_history_of_another_units_entry_is_not_shown(runtime, say):
    add_people(runtime)
    entry_id = say("明天开会，3个乡镇参加").entry_ids[0]
    other = say(f"#{entry_id} 记录", user="周八")
    assert other.text == f"未找到您可操作的 #{entry_id}。"
    assert say("#9999 记录", user="周八").text == "未找到您可操作的 #9999。"
    # the county office's approver reads it (its approval scope), and so does an admin
    assert act(runtime, "孙七", intent("history", entry_id=entry_id)).intent == "history"
    assert act(runtime, "郑十", intent("history", entry_id=entry_id)).intent == "history"


def test_bad_corrections_change_nothing(runtime, say):
    entry_id = say("明天下午3点开会").entry_ids[0]
    before = len(events(runtime, entry_id))
    for changes, expected in (
        ({"scale": "很多"}, "无法识别"),
        ({"scale": -5}, "无法识别"),
        ({"scale": None}, "请说明参会人数的新值"),  # the field named, its value not understood: asked, never “None”
        ({"date": "下辈子"}, "无法识别"),
        ({"colour": "红"}, "不能更正"),
        ({}, "请说明要更正的内容"),
        ({"kind": "party"}, "无法识别"),
        ({"unit": "青山镇"}, "您只能办理本单位"),
    ):
        reply = act(runtime, "张三", intent("correct", entry_id=entry_id, changes=changes))
        assert expected in reply.text, (changes, reply.text)
    assert len(events(runtime, entry_id)) == before
    same = act(runtime, "张三", intent("correct", entry_id=entry_id, changes={"date": "2026-11-23"}))
    assert "未变" in same.text and len(events(runtime, entry_id)) == before


def test_moving_the_date_keeps_the_time_of_day(runtime, say):
    entry_id = say("明天下午3点开会").entry_ids[0]
    starts = entry(runtime, entry_id).starts_at
    if starts is None:  # the parser may not read the time yet; set it as a correction would
        act(runtime, "张三", intent("correct", entry_id=entry_id, changes={"time": "15:00"}))
    act(runtime, "张三", intent("correct", entry_id=entry_id, changes={"date": "2026-11-26"}))
    moved = entry(runtime, entry_id)
    local = moved.starts_at.astimezone(NOW.tzinfo)
    assert (moved.occurs_on, local.date(), local.hour, local.minute) == (
        dt.date(2026, 11, 26), dt.date(2026, 11, 26), 15, 0)


def test_correcting_kind_to_one_that_needs_filing_flags_it(runtime, say):
    entry_id = say("明天收到上级来文").entry_ids[0]
    assert not entry(runtime, entry_id).filing_required
    reply = act(runtime, "张三", intent("correct", entry_id=entry_id,
                                        changes={"kind": "meeting", "direction": "outgoing",
                                                 "title": "全县秋粮收购工作会议"}))
    assert "须事前报备" in reply.text
    item = entry(runtime, entry_id)
    assert item.filing_required and any(f["item"] == "UNFILED" for f in item.flags)


def test_new_date_and_time_in_one_correction(runtime, say):
    entry_id = say("明天开会").entry_ids[0]
    act(runtime, "张三", intent("correct", entry_id=entry_id, changes={"date": "2026-11-27", "time": "09:30"}))
    moved = entry(runtime, entry_id)
    local = moved.starts_at.astimezone(NOW.tzinfo)
    assert (moved.occurs_on, local.date(), local.time()) == (dt.date(2026, 11, 27), dt.date(2026, 11, 27),
                                                            dt.time(9, 30))


# --- a correction runs the rules again --------------------------------------------------------------

def _flag_items(runtime, entry_id: int) -> list[str]:
    return [f["item"] for f in entry(runtime, entry_id).flags]


def test_moving_a_meeting_onto_a_no_meeting_day_flags_it_and_says_so(runtime, say):
    entry_id = say("明天召开全镇工作会议，50人，2小时").entry_ids[0]
    assert _flag_items(runtime, entry_id) == []
    moved = say(f"#{entry_id} 日期改为11月26日")
    assert moved.intent == "correct" and "已更正" in moved.text
    assert "无会日" in moved.text and "已记录" not in moved.text
    assert "R-NMD" in _flag_items(runtime, entry_id)
    trail = events(runtime, entry_id)
    assert [e.action for e in trail] == ["create", "correct", "check"]
    assert [f["item"] for f in trail[-1].changes["flags"][1]] == _flag_items(runtime, entry_id)

    back = say(f"#{entry_id} 日期改为11月24日")
    assert _flag_items(runtime, entry_id) == []
    assert "规则提醒已清除" in back.text


def test_lengthening_a_meeting_flags_the_time_limit(runtime, say):
    entry_id = say("明天召开全镇工作会议，50人，2小时").entry_ids[0]
    longer = say(f"#{entry_id} 时长改为5小时")
    assert longer.intent == "correct"
    flags = entry(runtime, entry_id).flags
    assert flags, longer.text
    assert all(f["reason"] in longer.text for f in flags)


def test_rule_recheck_keeps_the_unfiled_flag(runtime):
    recorded = act(runtime, "张三", intent("record", "昨天召开了全县农业农村工作会议", kind="meeting",
                                           direction="outgoing", date=dt.date(2026, 11, 21),
                                           title="全县农业农村工作会议", quantity=1))
    entry_id = recorded.entry_ids[0]
    assert "UNFILED" in _flag_items(runtime, entry_id)
    act(runtime, "张三", intent("correct", entry_id=entry_id, changes={"date": dt.date(2026, 11, 19)}))
    items = _flag_items(runtime, entry_id)
    assert "UNFILED" in items and "R-NMD" in items


def test_a_correction_without_number_changes_the_entry_it_names(runtime, say):
    """更正：昨天收文是5件不是3件 names yesterday's received documents: the sender's newer meeting is left alone,
    and a correction naming no entry of that kind and day asks for the number instead of guessing."""
    received = say("昨天收到县委办文件3件").entry_ids[0]
    meeting = say("明天开会，3个乡镇参加").entry_ids[0]
    reply = say("更正：昨天收文是5件不是3件")
    assert reply.intent == "correct" and reply.entry_ids == [received], reply.text
    assert entry(runtime, received).quantity == 5
    assert [e.action for e in events(runtime, meeting)] == ["create"]

    moved = say("把昨天那条会议改成视频会")  # no meeting yesterday: nothing changes, the bot asks
    assert "请注明编号" in moved.text, moved.text
    assert [e.action for e in events(runtime, meeting)] == ["create"]
    assert len(events(runtime, received)) == 2

    counted = say("把明天那个会的人数改成45人")
    assert counted.entry_ids == [meeting] and entry(runtime, meeting).scale == 45


def test_a_correction_names_who_sent_or_inspected(runtime, say):
    """那条改成县委组织部来的 / 督查的对象改成河口镇: the other party, never the item's kind or its attendees."""
    from bot.nlu import parse
    from nlu_data import demo_lexicon

    lexicon = demo_lexicon()
    came = parse("把9月10日那条改成县委组织部来的", NOW, lexicon)
    assert (came.intent, came.changes, came.date) == (
        "correct", {"counterpart": "县委组织部", "direction": "incoming"}, dt.date(2026, 9, 10))
    target = parse("把28号那次督查的对象改成河口镇", NOW, lexicon)
    assert (target.changes, target.kind) == ({"counterpart": "河口镇"}, "inspection")
    came_to_check = parse("更正：昨天那个检查是市应急局来查我们，不是我们去查", NOW, lexicon)
    assert (came_to_check.direction, came_to_check.date) == ("incoming", dt.date(2026, 11, 21))


def test_a_field_of_the_meeting_pointed_at_is_filled_in(runtime, say):
    entry_id = say("明天下午3点开会，12个人").entry_ids[0]
    reply = say("那个会，参会人数是15个，给补上")
    assert f"#{entry_id}" in reply.text and "15人" in reply.text and "None" not in reply.text
    assert entry(runtime, entry_id).scale == 15


def test_a_document_number_is_corrected_in_chat_and_kept_in_the_history(runtime, clock, say):
    """昨天发的…方案，文号是…9号，不是8号 (round 68): the 文号 is a field an entry keeps, mended as any other."""
    recorded = say("今天印发春耕生产工作方案，河政发〔2026〕8号")
    entry_id = recorded.entry_ids[0]
    assert entry(runtime, entry_id).doc_number == "河政发〔2026〕8号"

    clock.advance(dt.timedelta(minutes=5))
    fixed = say(f"#{entry_id} 文号是河政发〔2026〕9号，不是8号")
    assert fixed.intent == "correct", fixed.text
    assert entry(runtime, entry_id).doc_number == "河政发〔2026〕9号"
    assert "文号" in fixed.text
    assert events(runtime, entry_id)[-1].changes == {"doc_number": ["河政发〔2026〕8号", "河政发〔2026〕9号"]}
