"""Keyword matching and the text fallbacks: negation, 能不能-questions, numbers, dates, kind."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.rules import facts, kinds
from bot.rules.textmatch import Pattern, normalize

SUNDAY = dt.date(2026, 11, 22)


def find(word: str, text: str) -> str | None:
    return Pattern.compile(word).find(normalize(text))


@pytest.mark.parametrize(("word", "text", "hit"), [
    ("迎送", "迎检要不要搞个迎送仪式", True),
    ("迎送", "不搞迎送仪式", False),
    ("横幅", "没有拉横幅", False),
    ("宴请", "能不能宴请检查组", True),  # 能不能 is a question, not a negation
    ("检查", "不定期检查", True),  # 不定期 negates nothing
    ("没有实质", "这个会没有实质内容", True),  # the word carries its own negation
    ("照搬", "照搬照抄，原封不动", True),
    ("re:吃[^，,。]{0,3}饭", "安排吃顿便饭", True),
    ("APP", "下载安装学习app", True),  # full/half width and case
])
def test_matching(word: str, text: str, hit: bool) -> None:
    assert (find(word, text) is not None) is hit


def test_normalize_makes_a_not_a_questions_neutral() -> None:
    assert normalize("能不能开会") == "能否开会"
    assert normalize("要不要发文") == "要否发文"
    assert normalize("ＡＰＰ２００人") == "app200人"


@pytest.mark.parametrize(("text", "people"), [
    ("200人", 200), ("二十余人", 21), ("150多人参加", 151), ("来了50名干部", 50), ("县人大", None), ("3人次", None),
])
def test_head_count(text: str, people: int | None) -> None:
    assert facts.head_count(text) == people


@pytest.mark.parametrize(("text", "expected"), [
    ("开3小时", (180, None, None)),
    ("一个半小时的会", (90, None, None)),
    ("会议1小时20分钟", (80, None, None)),
    ("开半天，书记讲话45分钟，每人发言10分钟", (240, 45, 10)),
    ("表态发言，每个8分钟", (None, None, 8)),
    ("书记讲一个小时", (None, 60, None)),
])
def test_durations(text: str, expected: tuple[int | None, int | None, int | None]) -> None:
    assert facts.durations(text) == expected


@pytest.mark.parametrize(("text", "chars"), [("6000字", 6000), ("五千多字", 5001), ("1.2万字", 12000), ("五个字", None)])
def test_length(text: str, chars: int | None) -> None:
    assert facts.length_chars(text) == chars


@pytest.mark.parametrize(("text", "day"), [
    ("下周三开会", dt.date(2026, 11, 25)),
    ("周四可以开会吗", dt.date(2026, 11, 26)),
    ("周四开了个会", dt.date(2026, 11, 19)),  # past tense: the last Thursday
    ("上周五临时开了个会", dt.date(2026, 11, 13)),
    ("下下周一", dt.date(2026, 11, 30)),
    ("12月2日开会", dt.date(2026, 12, 2)),
    ("明天开会", dt.date(2026, 11, 23)),
    ("周四的会改到周三开", dt.date(2026, 11, 25)),
    ("下个月开会", None),
])
def test_resolve_date(text: str, day: dt.date | None) -> None:
    assert facts.resolve_date(text, SUNDAY) == day


def test_moved_date_only_when_moved() -> None:
    assert facts.moved_date("周四的会改到周三开", SUNDAY) == dt.date(2026, 11, 25)
    assert facts.moved_date("周四开会", SUNDAY) is None


@pytest.mark.parametrize(("text", "kind", "direction"), [
    ("能不能开个表彰会", "meeting", "outgoing"),
    ("11月26日开全镇安全生产大检查部署会", "meeting", "outgoing"),
    ("可以发个转发上级文件的通知吗", "document", "outgoing"),
    ("刚下发的文件，第二天就去督查落实情况", "inspection", "outgoing"),
    ("检查组来了要不要请他们吃个饭", "inspection", "incoming"),
    ("要求各村每天上报一次防火巡查情况", "report", "outgoing"),
    ("上级要我们每周报一次材料", "report", "incoming"),
    ("下周去市里参加安全生产会议", "meeting", "incoming"),
    ("把各村支书都叫到镇里集中开会", "meeting", "outgoing"),
    ("检查的时候主要看各村的会议记录", "inspection", "outgoing"),
    ("把书记在全镇大会上的讲话整理一下，以镇党委文件下发", "document", "outgoing"),
    ("机关食堂换菜单", None, None),
])
def test_kind_and_direction(text: str, kind: str | None, direction: str | None) -> None:
    found = kinds.detect_kind(text)
    assert found == kind
    assert kinds.detect_direction(text, found) == direction


def test_county_units_do_not_treat_the_county_as_upper_level() -> None:
    text = "各乡镇主要负责同志参加县里的业务培训会"
    assert kinds.detect_direction(text, "meeting", "town") == "incoming"
    assert kinds.detect_direction(text, "meeting", "county") == "outgoing"
