"""Working days on the official calendar, and the daytime window in which group pushes may go out.

Whether a day is a working day is decided in this order:

1. schedules.yaml `calendar.extra_workdays` / `calendar.extra_holidays`: a deployment's additions (the
   next year's State Council arrangement before chinesecalendar ships it, a local day off);
2. chinesecalendar: the State Council's holidays and 调休 make-up working days (2004–2026 in 1.11.0);
3. THE fallback, for a year chinesecalendar has no data for: Monday to Friday, minus the statutory
   holidays whose solar dates are fixed by 《全国年节及纪念日放假办法》 (as revised by 国务院令第798号,
   in force since 2025): 元旦 1-1, 劳动节 5-1 and 5-2, 国庆节 10-1 to 10-3. Every annual arrangement gives
   these days off (its 调休 only moves days around them), so they are certain before it is published;
   春节, 清明, 端午, 中秋 and the 调休 days are not, and are not guessed. A warning is logged once per year.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import chinese_calendar

from bot.clock import TZ

log = logging.getLogger(__name__)

FIXED_HOLIDAYS = frozenset({(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)})
# No calendar has a year without working days: a search that finds none this far gives up loudly.
_MAX_DAYS_OFF = 366
_warned_years: set[int] = set()


@lru_cache(maxsize=8192)
def _official(day: dt.date) -> bool | None:
    """chinesecalendar's answer, or None for a year it has no data for (its lookup is slow: cached)."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


def _fallback(day: dt.date) -> bool:
    if day.year not in _warned_years:
        _warned_years.add(day.year)
        log.warning("chinesecalendar has no data for %s: assuming Mon–Fri minus 1-1, 5-1, 5-2, 10-1…10-3; "
                    "add the official arrangement to schedules.yaml calendar.extra_*", day.year)
    return day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS


@dataclass(frozen=True)
class PushWindow:
    """Daytime hours (Asia/Shanghai) in which group pushes may go out: start inclusive, end exclusive."""

    start: dt.time = dt.time(8, 0)
    end: dt.time = dt.time(20, 0)

    def contains(self, moment: dt.time) -> bool:
        return self.start <= moment < self.end

    def __str__(self) -> str:
        return f"{self.start:%H:%M}—{self.end:%H:%M}"


class WorkCalendar:
    """Working days and the push window: the one answer for NLU, rules, scheduler, Outbox and storage."""

    def __init__(
        self,
        extra_holidays: Iterable[dt.date] = (),
        extra_workdays: Iterable[dt.date] = (),
        window: PushWindow = PushWindow(),
    ) -> None:
        self.extra_holidays = frozenset(extra_holidays)
        self.extra_workdays = frozenset(extra_workdays)
        self.window = window
        self._known: dict[dt.date, bool] = {}

    def __repr__(self) -> str:
        return (f"WorkCalendar(extra_holidays={len(self.extra_holidays)}, "
                f"extra_workdays={len(self.extra_workdays)}, window={self.window})")

    # --- days ------------------------------------------------------------------------------

    def is_workday(self, day: dt.date) -> bool:
        known = self._known.get(day)
        if known is None:
            known = self._known[day] = self._decide(day)
        return known

    def _decide(self, day: dt.date) -> bool:
        if day in self.extra_workdays:
            return True
        if day in self.extra_holidays:
            return False
        official = _official(day)
        return _fallback(day) if official is None else official

    def _step_to_workday(self, day: dt.date, step: int) -> dt.date:
        """`day` itself when it is a working day, else the nearest one in the direction of `step`."""
        for _ in range(_MAX_DAYS_OFF):
            if self.is_workday(day):
                return day
            day += dt.timedelta(days=step)
        raise ValueError(f"no working day within {_MAX_DAYS_OFF} days of {day}: check calendar.extra_holidays")

    def next_workday(self, day: dt.date) -> dt.date:
        """The day itself when it is a working day, else the next one (a digest due on a holiday)."""
        return self._step_to_workday(day, 1)

    def previous_workday(self, day: dt.date) -> dt.date:
        """The last working day strictly before `day`."""
        return self._step_to_workday(day - dt.timedelta(days=1), -1)

    def days_off_around(self, day: dt.date) -> tuple[dt.date, dt.date]:
        """The run of days off (a holiday with the weekend and 调休 joined to it) that holds `day`: 国庆放假那几天.
        A working day is its own run."""
        if self.is_workday(day):
            return day, day
        return (self.previous_workday(day) + dt.timedelta(days=1),
                self.next_workday(day) - dt.timedelta(days=1))

    def add_workdays(self, day: dt.date, count: int) -> dt.date:
        """The count-th working day after `day`, before it when count is negative; `day` itself never
        counts ("3个工作日后", a reminder N working days after an item)."""
        step = 1 if count >= 0 else -1
        for _ in range(abs(count)):
            day = self._step_to_workday(day + dt.timedelta(days=step), step)
        return day

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days strictly after `start` and strictly before `end` (报备: days left before an item)."""
        return self._count(start + dt.timedelta(days=1), end - dt.timedelta(days=1))

    def workdays_after(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]: how late a push is."""
        return self._count(start + dt.timedelta(days=1), end)

    def _count(self, first: dt.date, last: dt.date) -> int:
        count, day = 0, first
        while day <= last:
            count += self.is_workday(day)
            day += dt.timedelta(days=1)
        return count

    def first_workday(self, year: int, month: int) -> dt.date:
        return self.next_workday(dt.date(year, month, 1))

    # --- the push window -------------------------------------------------------------------

    def deliverable(self, at: dt.datetime) -> bool:
        """May a group push go out at this moment: a working day, inside the window."""
        local = at.astimezone(TZ)
        return self.is_workday(local.date()) and self.window.contains(local.time())

    def next_deliverable(self, at: dt.datetime) -> dt.datetime:
        """`at` itself when deliverable, else when the window next opens on a working day."""
        local = at.astimezone(TZ)
        day = local.date()
        if self.is_workday(day) and local.time() < self.window.start:
            return dt.datetime.combine(day, self.window.start, tzinfo=TZ)
        if self.deliverable(local):
            return local
        return dt.datetime.combine(self.next_workday(day + dt.timedelta(days=1)), self.window.start, tzinfo=TZ)

    def on_workday(self, day: dt.date, time: dt.time) -> dt.datetime:
        """A digest's moment: `time` on `day`, or on the next working day when `day` is a holiday."""
        return self.next_deliverable(dt.datetime.combine(self.next_workday(day), time, tzinfo=TZ))
