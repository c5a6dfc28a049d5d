"""Working days by the official holiday calendar (chinesecalendar, with 调休), and the daytime push window.

Every scheduled push is moved onto a working day inside the window, so nothing goes out at night,
on a weekend or in the 国庆 week, while make-up Saturdays and Sundays (调休) count as working days.
"""

from __future__ import annotations

import datetime as dt
import logging

import chinese_calendar

from bot.clock import TZ

log = logging.getLogger(__name__)

# Used only for a year chinesecalendar has no data for (it ships each year's arrangement once
# published): the statutory days fixed in the solar calendar.
FIXED_HOLIDAYS = ((1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3))
_warned_years: set[int] = set()


class WorkCalendar:
    def __init__(
        self,
        window_start: dt.time = dt.time(8, 0),
        window_end: dt.time = dt.time(20, 0),
        extra_holidays: frozenset[dt.date] = frozenset(),
        extra_workdays: frozenset[dt.date] = frozenset(),
    ) -> None:
        self.window_start = window_start
        self.window_end = window_end
        self.extra_holidays = extra_holidays
        self.extra_workdays = extra_workdays
        self._known: dict[dt.date, bool] = {}  # chinesecalendar's lookup is slow; ticks ask often

    # --- days ------------------------------------------------------------------------------

    def is_workday(self, day: dt.date) -> bool:
        known = self._known.get(day)
        if known is None:
            known = self._known[day] = self._is_workday(day)
        return known

    def _is_workday(self, day: dt.date) -> bool:
        if day in self.extra_workdays:
            return True
        if day in self.extra_holidays:
            return False
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            if day.year not in _warned_years:
                _warned_years.add(day.year)
                log.warning("chinesecalendar has no data for %s: assuming Mon–Fri minus fixed holidays; "
                            "add the official arrangement to schedules.yaml calendar.*", day.year)
            return day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS

    def next_workday(self, day: dt.date) -> dt.date:
        """The day itself when it is a working day, else the next one."""
        while not self.is_workday(day):
            day += dt.timedelta(days=1)
        return day

    def previous_workday(self, day: dt.date) -> dt.date:
        """The last working day strictly before `day`."""
        day -= dt.timedelta(days=1)
        while not self.is_workday(day):
            day -= dt.timedelta(days=1)
        return day

    def add_workdays(self, day: dt.date, count: int) -> dt.date:
        """The count-th working day after `day` (day itself not counted)."""
        while count > 0:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                count -= 1
        return day

    def workdays_after(self, start: dt.date, end: dt.date) -> int:
        """How many working days lie in (start, end]."""
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                count += 1
        return count

    def first_workday(self, year: int, month: int) -> dt.date:
        return self.next_workday(dt.date(year, month, 1))

    # --- moments ---------------------------------------------------------------------------

    def deliverable(self, at: dt.datetime) -> bool:
        """May a push go out at this moment: a working day, inside the window."""
        local = at.astimezone(TZ)
        return self.is_workday(local.date()) and self.window_start <= local.time() < self.window_end

    def next_deliverable(self, at: dt.datetime) -> dt.datetime:
        """`at` itself when deliverable, else the next working morning (or today's window start)."""
        local = at.astimezone(TZ)
        day = local.date()
        if self.is_workday(day) and local.time() < self.window_start:
            return dt.datetime.combine(day, self.window_start, tzinfo=TZ)
        if self.deliverable(local):
            return local
        nxt = self.next_workday(day + dt.timedelta(days=1)) if self.is_workday(day) else self.next_workday(day)
        return dt.datetime.combine(nxt, self.window_start, tzinfo=TZ)

    def on_workday(self, day: dt.date, time: dt.time) -> dt.datetime:
        """A digest's moment: `time` on `day`, or on the next working day when `day` is a holiday."""
        return self.next_deliverable(dt.datetime.combine(self.next_workday(day), time, tzinfo=TZ))
