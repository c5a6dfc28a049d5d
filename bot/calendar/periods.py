"""Periods (inclusive date ranges with the words the user used) and month, quarter and year arithmetic.

Every month end, month shift, quarter and 同比/环比 period in the bot comes from here.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass
class Period:
    start: dt.date
    end: dt.date  # inclusive
    label: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "label": self.label}


# --- months ----------------------------------------------------------------------------------

def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), month_end(year, month)


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) `delta` months later (earlier when negative)."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` later; a day the month lacks becomes its last (1-31 → 2-28)."""
    year, month = shift_month(day.year, day.month, months)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_whole_months(period: Period) -> bool:
    return period.start.day == 1 and period.end == month_end(period.end.year, period.end.month)


def months_in(period: Period) -> list[tuple[int, int]]:
    """(year, month) of every month the period touches, in order."""
    found = []
    year, month = period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        found.append((year, month))
        year, month = shift_month(year, month, 1)
    return found


# --- quarters and years ----------------------------------------------------------------------

# The quarters' numerals, as users say them (三季度, 前三季度) and digests title them (第三季度).
QUARTER_NUMERALS = "一二三四"


def quarter_name(quarter: int, ordinal: bool = True) -> str:
    """第三季度 (a digest's title); with ordinal=False 三季度, as a question says it."""
    return f"{'第' if ordinal else ''}{QUARTER_NUMERALS[quarter - 1]}季度"


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, delta: int) -> tuple[int, int]:
    """(year, quarter) `delta` quarters later (earlier when negative)."""
    index = year * 4 + (quarter - 1) + delta
    return index // 4, index % 4 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 3 * quarter - 2, 1), month_end(year, 3 * quarter)


def period_bounds(unit: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The year, quarter or month containing `day` (a quota's period), both ends inclusive."""
    if unit == "month":
        return month_bounds(day.year, day.month)
    if unit == "quarter":
        return quarter_bounds(day.year, quarter_of(day))
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def quota_unit_of(period: Period) -> str:
    """The shortest quota period (period_bounds' unit) holding `period`: 这个月 is a monthly quota's."""
    start, end = period.start, period.end
    if (start.year, start.month) == (end.year, end.month):
        return "month"
    if start.year == end.year and quarter_of(start) == quarter_of(end):
        return "quarter"
    return "year"


def year_earlier(day: dt.date, years: int = 1) -> dt.date:
    """The same date `years` earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


# --- the periods questions default to and compare with ---------------------------------------

def this_month(today: dt.date) -> Period:
    return Period(*month_bounds(today.year, today.month), "本月")


def year_to_month_end(today: dt.date) -> Period:
    """今年1月1日 to the end of the current month: the span a year-end 汇报 covers (今年1－11月)."""
    return Period(dt.date(today.year, 1, 1), month_end(today.year, today.month), f"今年1-{today.month}月")


SAME_PERIOD_LAST_YEAR = "去年同期"  # the label of year_ago's period


def year_ago(period: Period) -> Period:
    """同比: the same dates one year earlier; a whole-month period stays whole months (2029-02 → all
    of 2028-02, to the 29th)."""
    start, end = year_earlier(period.start), year_earlier(period.end)
    if is_whole_months(period):
        end = month_end(end.year, end.month)
    return Period(start, end, SAME_PERIOD_LAST_YEAR)


def year_so_far(period: Period, today: dt.date) -> Period:
    """今年…同比 or 今年…几回了, asked before December: this year to today, so that 同期 is last year to the same day,
    not a year whose months are still to come set against a whole one (in December the year-end question means the
    whole year)."""
    whole_year = (period.start, period.end) == (dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))
    return Period(period.start, today, "今年以来") if whole_year and today.month < 12 else period


def previous(period: Period) -> Period:
    """环比: the period of the same length just before (whole months move by months)."""
    if is_whole_months(period):
        count = len(months_in(period))
        sy, sm = shift_month(period.start.year, period.start.month, -count)
        ey, em = shift_month(period.end.year, period.end.month, -count)
        return Period(dt.date(sy, sm, 1), month_end(ey, em), "上期")
    length = dt.timedelta(days=(period.end - period.start).days + 1)
    return Period(period.start - length, period.end - length, "上期")
