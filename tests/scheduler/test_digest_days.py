"""Issue 8: working days (chinesecalendar, 调休), the push window, and when each digest falls due."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest

from bot.calendar import WorkCalendar
from bot.scheduler import periods
from bot.scheduler.config import ScheduleConfigError, load_config, parse_config
from sched_support import at

CAL = WorkCalendar()
D = dt.date


def test_the_2026_national_day_calendar_is_what_chinesecalendar_says():
    # 国庆+中秋 2026: 10-01..10-07 off; Sunday 09-20 and Saturday 10-10 are make-up working days (调休);
    # 中秋 09-25..09-27 off.
    for day in (D(2026, 10, d) for d in range(1, 8)):
        assert not chinese_calendar.is_workday(day) and not CAL.is_workday(day)
    for day in (D(2026, 9, 20), D(2026, 10, 10)):
        assert day.weekday() >= 5 and chinese_calendar.is_workday(day) and CAL.is_workday(day)
    assert not CAL.is_workday(D(2026, 9, 25))  # a Friday, 中秋


def test_day_arithmetic_skips_the_holiday_week_and_counts_make_up_days():
    assert CAL.next_workday(D(2026, 10, 1)) == D(2026, 10, 8)
    assert CAL.previous_workday(D(2026, 10, 8)) == D(2026, 9, 30)
    assert CAL.previous_workday(D(2026, 10, 12)) == D(2026, 10, 10)  # Monday → the make-up Saturday
    assert CAL.add_workdays(D(2026, 9, 29), 3) == D(2026, 10, 9)  # 9-30, 10-08, 10-09
    assert CAL.workdays_after(D(2026, 9, 30), D(2026, 10, 8)) == 1
    assert CAL.first_workday(2026, 10) == D(2026, 10, 8)
    assert CAL.first_workday(2026, 11) == D(2026, 11, 2)  # 11-01 is a Sunday


def test_no_push_at_night_or_on_a_holiday():
    assert CAL.deliverable(at(2026, 11, 23, 8, 0))
    assert not CAL.deliverable(at(2026, 11, 23, 7, 59))
    assert not CAL.deliverable(at(2026, 11, 23, 20, 0))
    assert not CAL.deliverable(at(2026, 10, 5, 10, 0))  # 国庆
    assert CAL.next_deliverable(at(2026, 11, 23, 21, 30)) == at(2026, 11, 24, 8, 0)
    assert CAL.next_deliverable(at(2026, 11, 23, 6, 0)) == at(2026, 11, 23, 8, 0)
    assert CAL.next_deliverable(at(2026, 9, 30, 22, 0)) == at(2026, 10, 8, 8, 0)
    assert CAL.next_deliverable(at(2026, 9, 19, 12, 0)) == at(2026, 9, 20, 8, 0)  # Sat → make-up Sunday


def test_digest_moments_in_the_fourth_quarter_of_2026():
    nine = dt.time(9, 0)
    week41 = periods.weekly(D(2026, 10, 5), "mon", nine, CAL)
    assert (week41.at, week41.period, week41.start, week41.end) == (
        at(2026, 10, 8, 9), "2026-W40", D(2026, 9, 28), D(2026, 10, 4))
    assert periods.weekly(D(2026, 10, 12), "mon", nine, CAL).at == at(2026, 10, 12, 9)
    october = periods.monthly(2026, 10, nine, CAL)
    assert (october.at, october.period, october.start, october.end) == (
        at(2026, 10, 8, 9), "2026-09", D(2026, 9, 1), D(2026, 9, 30))
    assert periods.monthly(2026, 11, nine, CAL).at == at(2026, 11, 2, 9)
    assert periods.monthly(2026, 12, nine, CAL).at == at(2026, 12, 1, 9)
    q4 = periods.quarterly(2026, 4, nine, CAL)
    assert (q4.at, q4.period, q4.start, q4.end) == (at(2026, 10, 8, 9), "2026-Q3", D(2026, 7, 1), D(2026, 9, 30))
    assert periods.quarterly(2026, 1, nine, CAL).period == "2025-Q4"


def test_a_missed_digest_stays_due_for_its_grace_in_working_days_then_is_dropped():
    nine = dt.time(9, 0)
    due = lambda now: [o.period for o in periods.due("weekly", now, "mon", nine, 2, CAL)]  # noqa: E731
    assert due(at(2026, 11, 23, 8, 59)) == []
    assert due(at(2026, 11, 23, 9, 0)) == ["2026-W47"]
    assert due(at(2026, 11, 25, 19, 0)) == ["2026-W47"]  # two working days late
    assert due(at(2026, 11, 26, 9, 0)) == []  # three: dropped, next week's comes
    # Thursday 10-08 09:00 after 国庆: the week-40 digest is due, late by 0 working days.
    assert due(at(2026, 10, 8, 9, 0)) == ["2026-W40"]
    # A subscription made after the moment does not pull in the old digest.
    assert periods.due("weekly", at(2026, 11, 23, 10), "mon", nine, 2, CAL, since=at(2026, 11, 23, 9, 30)) == []


def test_a_year_without_calendar_data_falls_back_and_can_be_configured():
    assert CAL.is_workday(D(2027, 1, 4))  # Monday
    assert not CAL.is_workday(D(2027, 1, 1))  # 元旦, fixed
    assert not CAL.is_workday(D(2027, 1, 2))  # Saturday
    configured = WorkCalendar(extra_holidays=frozenset({D(2027, 2, 8)}), extra_workdays=frozenset({D(2027, 2, 20)}))
    assert not configured.is_workday(D(2027, 2, 8)) and configured.is_workday(D(2027, 2, 20))


def test_the_shipped_schedules_yaml_loads():
    cfg = load_config()
    assert cfg.digests["weekly"].day == "mon" and cfg.digests["weekly"].time == dt.time(9, 0)
    assert cfg.county_office == ("县委办",) and not cfg.digests["quarterly"].unit_groups


def test_schedule_config_rejects_night_times_and_bad_values():
    with pytest.raises(ScheduleConfigError):
        parse_config({"digests": {"weekly": {"time": "22:00"}}})
    with pytest.raises(ScheduleConfigError):
        parse_config({"digests": {"weekly": {"day": "someday"}}})
    with pytest.raises(ScheduleConfigError):
        parse_config({"push_window": {"start": "20:00", "end": "08:00"}})
    with pytest.raises(ScheduleConfigError):
        parse_config({"reminders": {"event": {"time": "21:30"}}})
    cfg = parse_config({"digests": {"weekly": {"day": "tue", "time": "8:30"}}, "calendar": {"extra_holidays": ["2027-01-04"]}})
    assert cfg.digests["weekly"].day == "tue" and cfg.digests["weekly"].time == dt.time(8, 30)
    assert D(2027, 1, 4) in cfg.calendar.extra_holidays
