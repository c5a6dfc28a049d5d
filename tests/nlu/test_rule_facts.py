"""The facts the rules once parsed from the raw message themselves now come from bot.nlu.parse.

bot/rules/facts.py and bot/rules/kinds.py are gone: head-count, durations (the meeting's, a speech's,
a remark's), a document's length, the day (weekdays, a moved date) and the kind and direction are
Intent fields, and proposal_from_intent copies them. Where the two old readings disagreed, the
parser decides and the case says so.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.clock import TZ
from bot.nlu import Intent, parse
from bot.rules import proposal_from_entry, proposal_from_intent
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Entry, Unit

NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=TZ)  # a Sunday


def parsed(text: str) -> Intent:
    return parse(text, NOW)


@pytest.mark.parametrize(("text", "people"), [
    ("明天开会，200人", 200),
    ("明天开会，二十余人参加", 20),  # the parser keeps the stated base (facts.head_count said 21)
    ("明天开会，150多人参加", 150),  # likewise (was 151)
    ("来了50名干部开会", 50),
    ("县人大开会", None),
    ("开会3人次", 3),  # 人次 is a head-count to the parser (facts.head_count said None)
])
def test_head_count(text: str, people: int | None) -> None:
    assert parsed(text).scale == people
    assert proposal_from_intent(parsed(text)).scale == people


@pytest.mark.parametrize(("text", "meeting", "speech", "remark"), [
    ("明天开会，开3小时", 180, None, None),
    ("开一个半小时的会", 90, None, None),
    ("会议1小时20分钟", 80, None, None),
    ("明天开会，开半天，书记讲话45分钟，每人发言10分钟", 240, 45, 10),
    ("开个表彰会，表态发言，每个8分钟", None, None, 8),
    ("开个会，书记讲一个小时", None, 60, None),
    ("开个推进会，书记讲话45分钟", None, 45, None),  # the speech is no longer the meeting's duration
    ("开一个半小时的会，书记讲一个小时", 90, 60, None),
])
def test_durations(text: str, meeting: int | None, speech: int | None, remark: int | None) -> None:
    intent = parsed(text)
    assert (intent.duration_minutes, intent.speech_minutes, intent.remark_minutes) == (meeting, speech, remark)
    p = proposal_from_intent(intent)
    assert (p.duration_minutes, p.speech_minutes, p.remark_minutes) == (meeting, speech, remark)


@pytest.mark.parametrize(("text", "chars"), [
    ("印发一个6000字的通知", 6000),
    ("印发五千多字的通知", 5000),  # the stated base, as for every count (facts.length_chars said 5001)
    ("印发1.2万字的文件", 12000),
    ("发个通知，五个字", None),  # no document is five characters long
])
def test_document_length(text: str, chars: int | None) -> None:
    intent = parsed(text)
    assert intent.kind == "document" and intent.doc_length_chars == chars
    assert proposal_from_intent(intent).length_chars == chars


def test_a_length_counts_only_for_documents() -> None:
    intent = parsed("开个会，讲话稿5000字")
    assert intent.kind == "meeting" and intent.doc_length_chars == 5000
    assert proposal_from_intent(intent).length_chars is None


@pytest.mark.parametrize(("text", "day"), [
    ("下周三开会", dt.date(2026, 11, 25)),
    ("周四可以开会吗", dt.date(2026, 11, 26)),
    ("周四开了个会", dt.date(2026, 11, 19)),  # past tense: the last Thursday
    ("上周五临时开了个会", dt.date(2026, 11, 13)),
    ("下下周一开会", dt.date(2026, 11, 30)),
    ("12月2日开会", dt.date(2026, 12, 2)),
    ("明天开会", dt.date(2026, 11, 23)),
    ("周四的会改到周三开，可以吗", dt.date(2026, 11, 25)),  # the date it is moved to
    ("周四开会", dt.date(2026, 11, 26)),
    ("下个月开会", None),
])
def test_dates_and_weekdays(text: str, day: dt.date | None) -> None:
    assert parsed(text).date == day
    assert proposal_from_intent(parsed(text)).date == day


def test_a_question_about_moving_a_meeting_is_a_check_not_a_correction() -> None:
    intent = parsed("周四的会改到周三开行不行")
    assert (intent.intent, intent.kind, intent.date) == ("check", "meeting", dt.date(2026, 11, 25))
    assert parsed("周一开的会改到周二").intent == "correct"  # said as a statement it still corrects


@pytest.mark.parametrize(("text", "kind", "direction"), [
    ("能不能开个表彰会", "meeting", "outgoing"),
    ("11月26日开全镇安全生产大检查部署会", "meeting", "outgoing"),  # 开…会 is a verb: the meeting
    ("可以发个转发上级文件的通知吗", "document", "outgoing"),
    ("刚下发的文件，第二天就去督查落实情况", "inspection", "outgoing"),  # the done clause is context
    ("文件已经发了，还要开个会再部署一遍吗", "meeting", "outgoing"),
    ("检查组来了要不要请他们吃个饭", "inspection", "incoming"),  # a visiting team
    ("督查组今天到城关镇督查", "inspection", "outgoing"),  # a team sent out
    ("督查时要求每个乡镇准备一份综合汇报材料", "inspection", "outgoing"),  # the frame of the demand
    ("要求各村每天上报一次防火巡查情况", "report", "outgoing"),
    ("各村每周报一次安全生产台账", "report", "outgoing"),  # lower units made to report
    ("上级要我们每周报一次材料", "report", "incoming"),
    ("让网格员每天定位打卡", "report", "outgoing"),
    ("要求各单位下载安装某某学习APP并每天登录学习", "report", "outgoing"),
    ("我们局能不能给各乡镇下个文", "document", "outgoing"),
    ("周五开个防汛应急会商会", "meeting", "outgoing"),
    ("下周去市里参加安全生产会议", "meeting", "incoming"),
    ("下周三县里开全县林长制工作会议，我们镇去参加", "meeting", "incoming"),
    ("下周四县里要求开视频会，我们设分会场", "meeting", "incoming"),
    ("各乡镇主要负责同志都要来参加县里的业务培训会", "meeting", "outgoing"),
    ("把各村支书都叫到镇里集中开会", "meeting", "outgoing"),
    ("检查的时候主要看各村的会议记录", "inspection", "outgoing"),
    ("迎接国检之前，全县先组织一次模拟检查", "inspection", "outgoing"),
    ("上面要来暗访，提前通知各村做好准备", "inspection", "incoming"),
    ("为了这次检查，把近三年的会议记录全部重新抄一遍", "inspection", "incoming"),
    ("把书记在全镇大会上的讲话整理一下，以镇党委文件下发", "document", "outgoing"),
    ("机关食堂换菜单", None, None),
])
def test_kind_and_direction_from_the_words(text: str, kind: str | None, direction: str | None) -> None:
    intent = parsed(text)
    assert (intent.kind, intent.direction) == (kind, direction)
    p = proposal_from_intent(intent)
    assert (p.kind, p.direction) == (kind, direction)


def test_county_units_do_not_treat_the_county_as_upper_level() -> None:
    intent = parsed("各乡镇主要负责同志参加县里的业务培训会")
    assert (intent.direction, intent.counterpart, intent.counterpart_level) == ("incoming", "县里", "county")
    assert proposal_from_intent(intent, unit_level="town").direction == "incoming"
    assert proposal_from_intent(intent, unit_level="county").direction == "outgoing"
    assert parsed("接受县纪委督查").counterpart_level is None  # an office of the county, not the county


def test_the_proposal_reads_the_intent_not_the_text() -> None:
    """A hand-built Intent is taken as it is: the text is only the keyword triggers' haystack."""
    intent = Intent(text="下周三开全县动员大会，200人，3小时，讲话1小时，5000字", intent="check", kind="meeting",
                    direction="outgoing", scale=210)
    p = proposal_from_intent(intent, unit_id=7, unit_level="county")
    assert p.scale == 210 and p.date is None and p.duration_minutes is None
    assert p.speech_minutes is None and p.length_chars is None
    assert p.text == intent.text and p.unit_id == 7


def test_new_fields_travel_in_the_parse_json_only_when_set() -> None:
    data = parsed("明天开会，开半天，书记讲话45分钟，每人发言10分钟").to_json()
    assert data["duration_minutes"] == 240 and data["speech_minutes"] == 45 and data["remark_minutes"] == 10
    assert "doc_length_chars" not in data and "counterpart_level" not in data
    assert parsed("印发一个6000字的通知").to_json()["doc_length_chars"] == 6000
    assert Intent.from_json(data).speech_minutes == 45


def test_an_entry_gets_its_speech_and_length_from_the_parser(tmp_path: Path) -> None:
    db = Database("sqlite:///" + str(tmp_path / "t.db"))
    upgrade(db)
    with db.session() as s:
        town = Unit(name="城关镇", level="town")
        s.add(town)
        s.flush()
        meeting = Entry(unit_id=town.id, kind="meeting", direction="outgoing", occurs_on=dt.date(2026, 11, 19),
                        raw_text="周四开了个党建工作会，领导讲话50分钟，每人发言10分钟", duration_minutes=120)
        document = Entry(unit_id=town.id, kind="document", direction="outgoing", occurs_on=dt.date(2026, 11, 19),
                         raw_text="印发了一个六千多字的通知")
        s.add_all([meeting, document])
        s.flush()
        p = proposal_from_entry(meeting)
        assert (p.duration_minutes, p.speech_minutes, p.remark_minutes) == (120, 50, 10)  # duration: the stored field
        assert proposal_from_entry(document).length_chars == 6000
    db.dispose()
