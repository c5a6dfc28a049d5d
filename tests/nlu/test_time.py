"""The time semantics of design §4, one rule per test (see bot/nlu/timeexpr.py for the decisions)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.calendar import work_calendar
from bot.nlu import parse
from bot.nlu.timeexpr import extract

SUNDAY = dt.datetime(2026, 11, 22, 10, 0)
WEDNESDAY = dt.datetime(2026, 11, 25, 9, 0)
D = dt.date


def date_of(text: str, now: dt.datetime = SUNDAY) -> dt.date | None:
    return extract(text, now).date


def period_of(text: str, now: dt.datetime = SUNDAY) -> tuple[dt.date, dt.date, str]:
    """As a query reads it: in the past tense (11月1日到15日 is this month's, not next year's)."""
    period = extract(text, now, past=True).query_period()
    assert period is not None, text
    return period.start, period.end, period.label


@pytest.mark.parametrize(("text", "want"), [
    ("下周一", D(2026, 11, 23)), ("下周三", D(2026, 11, 25)), ("下周日", D(2026, 11, 29)),
    ("这周三", D(2026, 11, 18)), ("本周五", D(2026, 11, 20)), ("上周五", D(2026, 11, 13)),
    ("上上周三", D(2026, 11, 4)), ("下下周一", D(2026, 11, 30)), ("下个星期二", D(2026, 11, 24)),
    ("下礼拜一", D(2026, 11, 23)),
])
def test_prefixed_weekdays_use_monday_weeks(text: str, want: dt.date) -> None:
    assert date_of(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("周三开会", D(2026, 11, 25)), ("周三开了会", D(2026, 11, 18)), ("周三", D(2026, 11, 25)),
    ("星期五开会", D(2026, 11, 27)), ("礼拜五开过会", D(2026, 11, 20)), ("周日开会", D(2026, 11, 22)),
    ("已于周二召开", D(2026, 11, 17)),
])
def test_bare_weekday_is_next_or_last_by_tense(text: str, want: dt.date) -> None:
    assert date_of(text) == want


def test_bare_weekday_on_that_weekday_is_today_and_next_week_is_next_week() -> None:
    assert date_of("周三开会", WEDNESDAY) == D(2026, 11, 25)
    assert date_of("下周三开会", WEDNESDAY) == D(2026, 12, 2)
    assert date_of("周一开会", WEDNESDAY) == D(2026, 11, 30)
    assert date_of("周一开了会", WEDNESDAY) == D(2026, 11, 23)


@pytest.mark.parametrize(("text", "want"), [
    ("25号开会", D(2026, 11, 25)), ("20日召开推进会", D(2026, 11, 20)), ("12号开会", D(2026, 11, 12)),
    ("3号开会", D(2026, 12, 3)), ("12号准备开会", D(2026, 12, 12)),
    ("12号开了会", D(2026, 11, 12)), ("22号开会", D(2026, 11, 22)), ("31号开会", D(2026, 12, 31)),
    ("25号开了会", D(2026, 10, 25)), ("拟于20日召开", D(2026, 12, 20)), ("本月28日", D(2026, 11, 28)),
    ("下个月5号", D(2026, 12, 5)),
])
def test_day_of_month_follows_the_tense_else_the_nearer_month(text: str, want: dt.date) -> None:
    assert date_of(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("3月5日", D(2027, 3, 5)), ("3月5日开了会", D(2026, 3, 5)), ("2026年3月5日", D(2026, 3, 5)),
    ("12月25日开了会", D(2025, 12, 25)), ("11月22日开会", D(2026, 11, 22)),
    ("拟于3月5日召开", D(2027, 3, 5)), ("12.1", D(2026, 12, 1)), ("2026-12-08", D(2026, 12, 8)),
    ("二零二六年十二月八号", D(2026, 12, 8)), ("明年1月5日", D(2027, 1, 5)),
])
def test_month_day_is_the_next_occurrence_unless_tense_says_otherwise(text: str, want: dt.date) -> None:
    assert date_of(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("本月", (D(2026, 11, 1), D(2026, 11, 30), "本月")),
    ("这个月", (D(2026, 11, 1), D(2026, 11, 30), "本月")),
    ("上月", (D(2026, 10, 1), D(2026, 10, 31), "上月")),
    ("下个月", (D(2026, 12, 1), D(2026, 12, 31), "下月")),
    ("本周", (D(2026, 11, 16), D(2026, 11, 22), "本周")),
    ("上周", (D(2026, 11, 9), D(2026, 11, 15), "上周")),
    ("本季度", (D(2026, 10, 1), D(2026, 12, 31), "本季度")),
    ("上季度", (D(2026, 7, 1), D(2026, 9, 30), "上季度")),
    ("今年", (D(2026, 1, 1), D(2026, 12, 31), "今年")),
    ("去年", (D(2025, 1, 1), D(2025, 12, 31), "去年")),
    ("今年1-11月", (D(2026, 1, 1), D(2026, 11, 30), "今年1-11月")),
    ("今年1至11月", (D(2026, 1, 1), D(2026, 11, 30), "今年1-11月")),
    ("3月份", (D(2026, 3, 1), D(2026, 3, 31), "3月")),
    ("月初", (D(2026, 11, 1), D(2026, 11, 10), "月初")),
    ("月底", (D(2026, 11, 21), D(2026, 11, 30), "月底")),
    ("上半年", (D(2026, 1, 1), D(2026, 6, 30), "上半年")),
    ("近7天", (D(2026, 11, 16), D(2026, 11, 22), "近7天")),
    ("今年以来", (D(2026, 1, 1), D(2026, 11, 22), "今年以来")),
    ("11月1日到15日", (D(2026, 11, 1), D(2026, 11, 15), "11月1日至11月15日")),
])
def test_periods_are_inclusive(text: str, want: tuple[dt.date, dt.date, str]) -> None:
    assert period_of(text) == want


def test_month_edges_as_dates() -> None:
    assert date_of("月底前上报") == D(2026, 11, 30)
    assert date_of("下月初开会") == D(2026, 12, 1)
    assert date_of("年底前开会") == D(2026, 12, 31)


def test_quarters_and_months_across_the_year_boundary() -> None:
    january = dt.datetime(2026, 1, 5, 9)
    assert period_of("上季度", january)[:2] == (D(2025, 10, 1), D(2025, 12, 31))
    assert period_of("上月", january)[:2] == (D(2025, 12, 1), D(2025, 12, 31))
    assert period_of("下个月", dt.datetime(2026, 12, 31, 16))[:2] == (D(2027, 1, 1), D(2027, 1, 31))


def test_same_period_last_year_in_a_query() -> None:
    now = dt.datetime(2026, 11, 22, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    alone = parse("去年同期收文多少", now)
    assert (alone.period.start, alone.period.end, alone.period.label) == (D(2025, 11, 1), D(2025, 11, 30), "去年同期")
    compared = parse("今年1-11月发文和去年同期比", now)
    assert (compared.period.start, compared.period.end, compared.compare) == (D(2026, 1, 1), D(2026, 11, 30), "yoy")


def test_working_days_follow_the_official_calendar() -> None:
    assert date_of("3个工作日后", SUNDAY) == D(2026, 11, 25)
    before_national_day = dt.datetime(2026, 9, 29, 10)
    assert date_of("3个工作日后", before_national_day) == D(2026, 10, 9)  # 10-01..10-07 off
    assert date_of("5个工作日后", before_national_day) == D(2026, 10, 12)  # Saturday 10-10 is worked
    assert work_calendar().is_workday(D(2026, 9, 20))  # a Sunday made a working day (调休)
    assert work_calendar().add_workdays(D(2026, 9, 18), 1) == D(2026, 9, 20)
    assert date_of("10个工作日内") == D(2026, 12, 4)


def test_working_days_beyond_the_published_calendar_skip_weekends_and_fixed_holidays() -> None:
    assert not work_calendar().is_workday(D(2027, 1, 1))
    assert work_calendar().add_workdays(D(2026, 12, 31), 3) == D(2027, 1, 6)


@pytest.mark.parametrize(("text", "want_date", "want_time", "want_daypart"), [
    ("后天下午3点", D(2026, 11, 24), dt.time(15, 0), "afternoon"),
    ("明早", D(2026, 11, 23), None, "morning"),
    ("明天上午9点半", D(2026, 11, 23), dt.time(9, 30), "morning"),
    ("今晚7点", D(2026, 11, 22), dt.time(19, 0), "evening"),
    ("明天3点", D(2026, 11, 23), dt.time(15, 0), None),  # office hours: 3点 is the afternoon
    ("明天8点", D(2026, 11, 23), dt.time(8, 0), None),
    ("明天14:30", D(2026, 11, 23), dt.time(14, 30), None),
    ("中午12点", None, dt.time(12, 0), "noon"),
    ("下午两点一刻", None, dt.time(14, 15), "afternoon"),
])
def test_clock_times_and_dayparts(text: str, want_date: dt.date | None, want_time: dt.time | None,
                                  want_daypart: str | None) -> None:
    info = extract(text, SUNDAY)
    assert (info.date, info.time, info.daypart) == (want_date, want_time, want_daypart)


@pytest.mark.parametrize("text", ["早一点开会", "两点意见", "3个乡镇", "1.5小时", "二十余人", "发文2件", "一周一次"])
def test_counts_and_idioms_are_not_times(text: str) -> None:
    info = extract(text, SUNDAY)
    assert info.date is None and info.time is None


def test_a_range_gives_the_record_an_end_date() -> None:
    info = extract("12月3日至5日对全县学校开展督查", SUNDAY)
    assert (info.date, info.date_end) == (D(2026, 12, 3), D(2026, 12, 5))


def test_impossible_dates_are_dropped_not_raised() -> None:
    for text in ("2月30日", "13月5日", "32号", "99999个工作日后", "9999年12月31日之后3年"):
        extract(text, SUNDAY)
    assert date_of("2月30日") is None
