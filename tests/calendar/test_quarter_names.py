"""Issue 12 item 8: the quarters' names are written once (bot.calendar.periods): the parser's 三季度 and
前三季度 and the quarterly digest's 第三季度 read the same numerals."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.calendar import QUARTER_NUMERALS, default_calendar, quarter_name
from bot.nlu import parse
from bot.scheduler import periods
from suite import NOW


def test_the_names():
    assert [quarter_name(q) for q in (1, 2, 3, 4)] == ["第一季度", "第二季度", "第三季度", "第四季度"]
    assert [quarter_name(q, ordinal=False) for q in (1, 2, 3, 4)] == ["一季度", "二季度", "三季度", "四季度"]
    assert QUARTER_NUMERALS == "一二三四"


def test_the_quarterly_digest_titles_the_quarter_it_covers():
    occurrence = periods.quarterly(2026, 4, dt.time(9), default_calendar())
    assert (occurrence.period, occurrence.label) == ("2026-Q3", "2026年第三季度")
    assert periods.quarterly(2026, 1, dt.time(9), default_calendar()).label == "2025年第四季度"


@pytest.mark.parametrize("text, label, start, end", [
    ("今年三季度发文多少件", "今年三季度", dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
    ("2025年第2季度发文多少件", "2025年二季度", dt.date(2025, 4, 1), dt.date(2025, 6, 30)),
    ("前三季度开了几次会", "前三季度", dt.date(2026, 1, 1), dt.date(2026, 9, 30)),
    ("今年前两季度开了几次会", "今年前二季度", dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
])
def test_the_parser_reads_and_names_quarters_with_the_same_numerals(text, label, start, end):
    period = parse(text, NOW).period
    assert period is not None
    assert (period.label, period.start, period.end) == (label, start, end)
