"""Period arithmetic for 同比/环比 and the seeds' percent wording."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.calendar import is_whole_months, months_in, previous, year_ago
from bot.nlu import Period
from bot.stats.periods import report_phrase
from bot.stats.phrasing import change_text

D = dt.date


def test_year_ago_keeps_dates_and_month_ends():
    assert year_ago(Period(D(2026, 11, 9), D(2026, 11, 15), "上周")) == Period(D(2025, 11, 9), D(2025, 11, 15), "去年同期")
    leap = year_ago(Period(D(2028, 2, 1), D(2028, 2, 29), "2月"))
    assert (leap.start, leap.end) == (D(2027, 2, 1), D(2027, 2, 28))


def test_previous_moves_whole_months_by_months_and_other_spans_by_days():
    assert previous(Period(D(2026, 3, 1), D(2026, 3, 31), "本月")).start == D(2026, 2, 1)
    assert previous(Period(D(2026, 3, 1), D(2026, 3, 31), "本月")).end == D(2026, 2, 28)
    quarter = previous(Period(D(2026, 1, 1), D(2026, 3, 31), "本季度"))
    assert (quarter.start, quarter.end) == (D(2025, 10, 1), D(2025, 12, 31))
    week = previous(Period(D(2026, 11, 16), D(2026, 11, 22), "本周"))
    assert (week.start, week.end) == (D(2026, 11, 9), D(2026, 11, 15))


@given(st.dates(min_value=D(2001, 1, 1), max_value=D(2098, 12, 31)), st.integers(0, 400))
def test_previous_has_the_same_length_and_ends_before(start, length):
    period = Period(start, start + dt.timedelta(days=length), "")
    before = previous(period)
    assert before.end < period.start
    if is_whole_months(period):
        assert is_whole_months(before) and len(months_in(before)) == len(months_in(period))
        assert before.end == period.start - dt.timedelta(days=1)
    else:
        assert before.end - before.start == period.end - period.start
        assert before.end == period.start - dt.timedelta(days=1)


def test_months_in():
    assert months_in(Period(D(2025, 11, 20), D(2026, 2, 3), "")) == [(2025, 11), (2025, 12), (2026, 1), (2026, 2)]


@pytest.mark.parametrize("current, previous_value, compare, text", [
    (7, 8, "yoy", "同比下降12.5％"),
    (12, 8, "yoy", "同比增加50％"),
    (8, 8, "yoy", "与去年同期持平"),
    (5, 0, "yoy", "去年同期为0"),
    (5, None, "yoy", "去年同期无数据"),
    (2, 3, "yoy", "同比下降33.3％"),
    (1, 3, "yoy", "同比下降66.7％"),
    (6, 4, "mom", "环比增加50％"),
    (4, 4, "mom", "与上期持平"),
])
def test_change_wording(current, previous_value, compare, text):
    assert change_text(current, previous_value, compare) == text


def test_meetings_say_reduced():
    assert change_text(5, 8, "yoy", down="减少") == "同比减少37.5％"


@pytest.mark.parametrize("period, text", [
    (Period(D(2026, 1, 1), D(2026, 11, 30), ""), "今年1－11月"),
    (Period(D(2026, 11, 1), D(2026, 11, 30), ""), "今年11月"),
    (Period(D(2025, 1, 1), D(2025, 12, 31), ""), "去年"),
    (Period(D(2024, 3, 1), D(2024, 5, 31), ""), "2024年3－5月"),
    (Period(D(2026, 11, 9), D(2026, 11, 15), ""), "今年11月9日至11月15日"),
])
def test_report_phrase(period, text):
    assert report_phrase(period, D(2026, 11, 22)) == text
