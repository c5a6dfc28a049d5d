"""Dates of issue 13: open and joined ranges, two-digit years, halves, ordinal weeks and months,
lunar dates, festivals and holidays, and the 2000–2099 bound (design §4)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.nlu import parse
from bot.nlu.timeexpr import extract

NOW = dt.datetime(2026, 12, 2, 10, 0)  # a Wednesday
D = dt.date
FIRST, LAST = D(2000, 1, 1), D(2099, 12, 31)


def period_of(text: str, now: dt.datetime = NOW) -> tuple[dt.date, dt.date] | None:
    period = parse(text, now).period
    return None if period is None else (period.start, period.end)


@pytest.mark.parametrize(("text", "want"), [
    ("2024年以来一共开了多少会", (D(2024, 1, 1), D(2026, 12, 2))),
    ("2023年起市里来督查过几回", (D(2023, 1, 1), D(2026, 12, 2))),
    ("自2020年发文多少件", (D(2020, 1, 1), D(2026, 12, 2))),
    ("19年以来参加上级会议一共多少场", (D(2019, 1, 1), D(2026, 12, 2))),
    ("国庆以来下村督查几次了", (D(2026, 10, 1), D(2026, 12, 2))),
    ("春节以来接受督查多少次", (D(2026, 2, 17), D(2026, 12, 2))),
    ("中秋到现在收了几个文", (D(2026, 9, 25), D(2026, 12, 2))),
    ("端午以后收了多少文", (D(2026, 6, 19), D(2026, 12, 2))),
    ("2020年以后发文多少件", (D(2020, 1, 1), D(2026, 12, 2))),
    ("2020年以前发文多少件", (FIRST, D(2020, 12, 31))),
    ("2010年之后2018年之前发文多少件", (D(2010, 1, 1), D(2018, 12, 31))),
])
def test_open_ranges_run_to_today_or_from_the_first_day(text: str, want: tuple[dt.date, dt.date]) -> None:
    assert period_of(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("2016至2018年 局里开会总数查一下", (D(2016, 1, 1), D(2018, 12, 31))),
    ("19年到21年发文总量多少", (D(2019, 1, 1), D(2021, 12, 31))),
    ("五一到国庆这段时间发了几个文", (D(2026, 5, 1), D(2026, 10, 1))),
    ("端午到中秋之间督查了几次", (D(2026, 6, 19), D(2026, 9, 25))),
    ("24年全年收文总数？", (D(2024, 1, 1), D(2024, 12, 31))),
    ("23年上半年报了多少材料", (D(2023, 1, 1), D(2023, 6, 30))),
    ("2018年前半年发文多少", (D(2018, 1, 1), D(2018, 6, 30))),
    ("24年下半年接受考核几次", (D(2024, 7, 1), D(2024, 12, 31))),
    ("后半年开了多少会", (D(2026, 7, 1), D(2026, 12, 31))),
    ("十月的第一周开了几次会", (D(2026, 10, 1), D(2026, 10, 4))),
    ("十月的第二周开了几次会", (D(2026, 10, 5), D(2026, 10, 11))),
    ("今年第三个月发文多少", (D(2026, 3, 1), D(2026, 3, 31))),
])
def test_ranges_keep_both_ends(text: str, want: tuple[dt.date, dt.date]) -> None:
    assert period_of(text) == want


def test_a_date_range_keeps_its_year_on_the_second_end() -> None:
    info = extract("2026年12月3日至12月5日开展督查", NOW)
    assert (info.date, info.date_end) == (D(2026, 12, 3), D(2026, 12, 5))
    info = extract("2020年12月3日至12月5日开展督查", NOW)
    assert (info.date, info.date_end) == (D(2020, 12, 3), D(2020, 12, 5))


@pytest.mark.parametrize(("text", "want"), [
    ("正月初八开会", D(2027, 2, 13)),  # lunar, never 月初
    ("初八那天县里开全县农村工作会议", D(2026, 12, 16)),  # day 8 of this lunar month
    ("春节开会", D(2027, 2, 6)), ("除夕值班调度会", D(2027, 2, 5)), ("元宵节开会", D(2027, 2, 20)),
    ("端午开会", D(2027, 6, 9)), ("中秋开会", D(2027, 9, 15)), ("重阳节开会", D(2027, 10, 8)),
    ("元旦开会", D(2027, 1, 1)), ("清明开会", D(2027, 4, 5)), ("五一开会", D(2027, 5, 1)),
    ("国庆节开会", D(2027, 10, 1)),
    ("国庆那天我们开过一个安全值班调度会", D(2026, 10, 1)),  # past tense: the last one
    ("中秋开了个会", D(2026, 9, 25)),
    ("国庆节前报送材料", D(2027, 10, 1)),  # a holiday as a deadline
    ("2025年中秋开了会", D(2025, 10, 6)),
])
def test_festivals_and_lunar_dates_resolve_like_bare_weekdays(text: str, want: dt.date) -> None:
    assert extract(text, NOW).date == want


def test_lunar_first_days_are_not_month_starts() -> None:
    assert parse("正月初八开会", NOW).date == D(2027, 2, 13)
    assert extract("十月初开会", NOW).date == D(2026, 10, 1)  # 月初 still is the solar month's start


@pytest.mark.parametrize("text", [
    "2020年以后发文多少件", "2018年前半年发文多少", "2010年之后2018年之前发文多少件", "1990年以来发文多少件",
    "3000年发文多少件", "1999年12月31日开会", "2100年1月1日开会", "0000年上半年发文多少",
])
def test_no_period_or_date_outside_2000_2099(text: str) -> None:
    intent = parse(text, NOW)
    for day in (intent.date, intent.date_end):
        assert day is None or FIRST <= day <= LAST
    if intent.period is not None:
        assert FIRST <= intent.period.start <= intent.period.end <= LAST


def test_an_impossible_year_asks() -> None:
    assert parse("1990年发文多少件", NOW).missing == ["period"]
    assert "date" in parse("2100年1月1日开会", NOW).missing


_ANCHORS = st.one_of(
    st.integers(0, 9999).map(lambda y: f"{y}年"),
    st.integers(0, 9999).map(lambda y: f"{y:04d}年"),
    st.integers(0, 99).map(lambda y: f"{y:02d}年"),
    st.tuples(st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)).map(lambda t: f"{t[0]}年{t[1]}月{t[2]}日"),
    st.tuples(st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)).map(lambda t: f"{t[0]}-{t[1]}-{t[2]}"),
    st.sampled_from(["国庆", "春节", "中秋", "除夕", "正月初八", "初三", "五一", "上半年", "后半年", "第三个月",
                     "十月的第一周", "今年", "去年", "本月"]),
)
_SUFFIXES = st.sampled_from(["", "以前", "以后", "以来", "之前", "之后", "起", "至今", "前半年", "下半年", "底", "初"])
_JOINS = st.sampled_from(["至", "到", "-", ""])
_TAILS = st.sampled_from(["发文多少件", "去年同期发文多少", "明天开会", "开了几次会", "开会", "接受督查2次", "的台账导出", ""])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ANCHORS, _SUFFIXES, _JOINS, _ANCHORS, _SUFFIXES, _TAILS,
       st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2099, 12, 31)))
def test_parse_never_returns_a_day_outside_2000_2099(
    first: str, suffix1: str, join: str, second: str, suffix2: str, tail: str, now: dt.datetime,
) -> None:
    text = f"{first}{suffix1}{join}{second}{suffix2}{tail}"
    intent = parse(text, now)
    for day in (intent.date, intent.date_end):
        assert day is None or FIRST <= day <= LAST, text
    if intent.period is not None:
        assert FIRST <= intent.period.start <= LAST and FIRST <= intent.period.end <= LAST, text


def test_a_year_word_before_a_non_numeral_is_still_the_year() -> None:
    """今年一共…: 一 here starts a word, not a month; 今年一月 stays January."""
    assert period_of("今年一共提醒了多少人次") == (D(2026, 1, 1), D(2026, 12, 31))
    assert period_of("今年一月发文多少") == (D(2026, 1, 1), D(2026, 1, 31))
