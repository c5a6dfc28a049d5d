"""The one calendar and period core: working days (official holidays, 调休, schedules.yaml additions,
one documented fallback), the daytime push window, and periods with their month/quarter/year arithmetic.

Everything that counts working days or shifts months goes through here: the parser ("3个工作日后",
"上季度"), the rules (报备 lead time, quota periods), the scheduler (digest days, reminders), the Outbox
(the push window) and storage (备案 due dates).

- workdays.py  WorkCalendar and PushWindow
- periods.py   Period and the month, quarter and year arithmetic
- config.py    the calendar's part of schedules.yaml, and the process's calendar (work_calendar)
"""

from __future__ import annotations

from bot.calendar.config import (
    ScheduleConfigError,
    calendar_from_config,
    default_calendar,
    parse_time,
    work_calendar,
)
from bot.calendar.periods import (
    QUARTER_NUMERALS,
    SAME_PERIOD_LAST_YEAR,
    Period,
    add_months,
    is_whole_months,
    month_bounds,
    month_end,
    months_in,
    period_bounds,
    quota_unit_of,
    previous,
    quarter_bounds,
    quarter_name,
    quarter_of,
    shift_month,
    shift_quarter,
    this_month,
    year_ago,
    year_earlier,
    year_so_far,
    year_to_month_end,
)
from bot.calendar.workdays import FIXED_HOLIDAYS, PushWindow, WorkCalendar

__all__ = [
    "FIXED_HOLIDAYS",
    "QUARTER_NUMERALS",
    "SAME_PERIOD_LAST_YEAR",
    "Period",
    "PushWindow",
    "ScheduleConfigError",
    "WorkCalendar",
    "add_months",
    "calendar_from_config",
    "default_calendar",
    "is_whole_months",
    "month_bounds",
    "month_end",
    "months_in",
    "parse_time",
    "period_bounds",
    "previous",
    "quarter_bounds",
    "quarter_name",
    "quarter_of",
    "quota_unit_of",
    "shift_month",
    "shift_quarter",
    "this_month",
    "work_calendar",
    "year_ago",
    "year_earlier",
    "year_so_far",
    "year_to_month_end",
]
