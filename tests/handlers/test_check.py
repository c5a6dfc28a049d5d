"""Issue 6 wiring: the check intent answers with a verdict and cited rules; records are flagged, still recorded."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import Entry


def test_exempt_emergency_meeting_on_no_meeting_day_is_allowed_with_a_reminder(say):
    # Sources exempt emergencies and disasters, not a routine safety meeting (see test_rules_meaning).
    data = say("周四要开个突发险情应急处置会，可以吗").to_json()
    assert data["verdict"] == "allowed"
    assert [r["item"] for r in data["rules"]] == ["R-NMD"]


def test_no_meeting_day_check_cites_the_rule(say):
    reply = say("周四可以开表彰会吗")
    assert reply.intent == "check"
    data = reply.to_json()
    assert data["verdict"] in ("discouraged", "forbidden", "needs_approval")
    assert data["rules"], "a verdict other than allowed must cite a rule"
    assert all({"list", "item", "source"} <= set(rule) for rule in data["rules"])
    assert "无会日" in reply.text
    # a Wednesday is not a no-meeting day: the answer differs
    wednesday = say("周三可以开表彰会吗").to_json()
    assert wednesday["verdict"] == "allowed"
    assert not any(r["item"] == data["rules"][0]["item"] for r in wednesday["rules"])


def test_check_with_nothing_matching_says_what_was_checked(say):
    reply = say("下周二可以开个村级财务工作座谈会吗")
    assert reply.intent == "check"
    assert reply.to_json()["verdict"] == "allowed"
    assert "可以" in reply.text


def test_oversized_meeting_gets_every_reason(say):
    reply = say("下周三开全县动员大会，200人，3小时，可以吗", user="王五")
    data = reply.to_json()
    assert data["verdict"] != "allowed"
    assert len(data["rules"]) >= 2, data["rules"]
    for rule in data["rules"]:
        assert rule["source"] and rule["source"] in reply.text


def test_record_on_no_meeting_day_is_recorded_and_flagged(say, runtime):
    reply = say("周四开表彰会，各村支书参加")
    assert reply.intent == "record" and len(reply.entry_ids) == 1
    assert "无会日" in reply.text
    with runtime.db.session() as s:
        entry = s.get(Entry, reply.entry_ids[0])
        assert entry.status == "recorded"
        assert entry.flags and all({"list", "item", "text", "source"} <= set(f) for f in entry.flags)


def test_clean_record_has_no_flags(say, runtime):
    reply = say("下周二上午开安全生产会，3个乡镇参加")
    with runtime.db.session() as s:
        flags = s.scalars(select(Entry.flags).where(Entry.id == reply.entry_ids[0])).one()
    assert flags == []


# --- what the check says when it understood nothing, and how it reads -----------------------------

UNKNOWN = "无法判断：请说明要开的会、发的文或开展的督查检查，如“周四可以开表彰会吗”。"


def test_check_without_an_item_answers_it_cannot_judge(say):
    reply = say("可以吗")
    assert reply.intent == "check"
    assert reply.text == UNKNOWN
    assert reply.to_json()["verdict"] == "unknown"


def test_vague_inspection_question_is_never_answered_yes(say):
    data = say("明天去各村查台账，看资料全不全，行吗").to_json()
    # Either the kind is not understood (asked back) or the 不查无必要的资料材料 item fires; never 可以.
    assert data["verdict"] != "allowed"
    assert data["verdict"] == "unknown" or "I16" in [r["item"] for r in data["rules"]]


def test_inspection_of_village_ledgers_cites_the_negative_list(say):
    reply = say("明天去各村检查台账，看资料全不全，行吗")
    data = reply.to_json()
    assert data["verdict"] == "discouraged"
    assert "I16" in [r["item"] for r in data["rules"]]


def test_replies_quote_without_nested_double_quotes_or_dev_labels(say):
    for reply in (say("周四可以开表彰会吗"), say("周四开表彰会，各村支书参加")):
        assert "‘无会日’" in reply.text
        assert "“无会日”" not in reply.text
        assert "种子材料" not in reply.text and "××" not in reply.text


def test_record_with_warnings_says_recorded_once(say):
    reply = say("周四开表彰会，各村支书参加")
    assert reply.intent == "record"
    assert reply.text.count("已记录") == 1
    assert "无会日" in reply.text


def test_a_record_reaching_eighty_percent_of_the_quota_reminds_without_flagging(say, runtime):
    say("城关镇本年度发文额度设为5件", user="王五")
    for _ in range(3):
        assert "配额" not in say("今天发文1件").text
    fourth = say("今天发文1件")  # it makes 4 of 5: 80 %, a reminder, not a breach
    assert "提醒" in fourth.text and "连同本条已用4件（80%）" in fourth.text, fourth.text
    with runtime.db.session() as s:
        assert s.get(Entry, fourth.entry_ids[0]).flags == []
    fifth = say("今天发文1件")  # 5 of 5: the quota is used up, the over-quota alert (issue 15 defect 3)
    assert "连同本条已用5件（100%），配额已用满" in fifth.text and "【可以】" not in fifth.text, fifth.text
    with runtime.db.session() as s:
        assert [f["item"] for f in s.get(Entry, fifth.entry_ids[0]).flags] == ["R-QUOTA"]


def test_going_to_the_villages_to_check_ledgers_is_an_inspection(say):
    data = say("明天去各村查台账，看资料全不全，行吗").to_json()
    assert data["verdict"] not in ("allowed", "unknown") and data["rules"]
