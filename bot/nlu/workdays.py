"""Working-day arithmetic on the official calendar (3个工作日后).

`chinesecalendar` carries the State Council's holiday and 调休 schedule for the years it knows
(2004–2026 in 1.11.0). Beyond that the schedule is not yet published, so we fall back to
Monday–Friday minus the fixed-date statutory holidays (元旦, 劳动节, 国庆 1–3), which is the best
guess available and is what the schedule will contain at least.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import chinese_calendar

_FIXED_HOLIDAYS = {(1, 1), (5, 1), (10, 1), (10, 2), (10, 3)}


@lru_cache(maxsize=4096)
def is_workday(day: dt.date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except (NotImplementedError, ValueError):
        return day.weekday() < 5 and (day.month, day.day) not in _FIXED_HOLIDAYS


def add_workdays(start: dt.date, count: int) -> dt.date:
    """The `count`-th working day after `start` (before it when negative); `start` itself never counts."""
    step = 1 if count >= 0 else -1
    day, left = start, abs(count)
    for _ in range(4000):  # bounded: parse must stay total even for absurd counts
        if left == 0:
            return day
        day += dt.timedelta(days=step)
        if is_workday(day):
            left -= 1
    return day
