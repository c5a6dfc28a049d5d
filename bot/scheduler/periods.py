"""When each digest is due and which period it covers: pure date arithmetic (on bot.calendar), no database.

A digest is identified by the period it covers ("2026-W47", "2026-10", "2026-Q3"); that id goes into
the Outbox dedupe key, so moving a group's push day never sends the same period twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.calendar import (
    WorkCalendar,
    month_bounds,
    quarter_bounds,
    quarter_name,
    quarter_of,
    shift_month,
    shift_quarter,
)
from bot.clock import TZ
from bot.scheduler.config import DAYS

@dataclass(frozen=True)
class Occurrence:
    job: str  # weekly | monthly | quarterly
    period: str  # the covered period's id
    start: dt.date  # covered period, inclusive
    end: dt.date
    at: dt.datetime  # when it is pushed (a working day inside the window)
    label: str  # the covered period in Chinese

    def key(self, conversation_id: int) -> str:
        return f"{self.job}:{self.period}:conv:{conversation_id}"


def short(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def span_label(start: dt.date, end: dt.date) -> str:
    tail = f"{end.day}日" if (start.year, start.month) == (end.year, end.month) else short(end)
    return f"{short(start)}—{tail}"


# --- one occurrence per job ---------------------------------------------------------------------

def weekly(push_monday: dt.date, day: str, time: dt.time, cal: WorkCalendar) -> Occurrence:
    """Pushed in the week starting `push_monday`, covering the ISO week before it."""
    start = push_monday - dt.timedelta(days=7)
    end = push_monday - dt.timedelta(days=1)
    year, week, _ = start.isocalendar()
    nominal = push_monday + dt.timedelta(days=DAYS.index(day))
    return Occurrence(
        job="weekly",
        period=f"{year}-W{week:02d}",
        start=start,
        end=end,
        at=cal.on_workday(nominal, time),
        label=f"{span_label(start, end)}（第{week}周）",
    )


def monthly(push_year: int, push_month: int, time: dt.time, cal: WorkCalendar) -> Occurrence:
    """Pushed on the first working day of the month, covering the month before."""
    year, month = shift_month(push_year, push_month, -1)
    start, end = month_bounds(year, month)
    return Occurrence(
        job="monthly",
        period=f"{year}-{month:02d}",
        start=start,
        end=end,
        at=cal.on_workday(cal.first_workday(push_year, push_month), time),
        label=f"{year}年{month}月",
    )


def quarterly(push_year: int, push_quarter: int, time: dt.time, cal: WorkCalendar) -> Occurrence:
    """Pushed on the first working day of the quarter, covering the quarter before."""
    year, quarter = shift_quarter(push_year, push_quarter, -1)
    start, end = quarter_bounds(year, quarter)
    push_start, _ = quarter_bounds(push_year, push_quarter)
    return Occurrence(
        job="quarterly",
        period=f"{year}-Q{quarter}",
        start=start,
        end=end,
        at=cal.on_workday(cal.first_workday(push_year, push_start.month), time),
        label=f"{year}年{quarter_name(quarter)}",
    )


def current(job: str, today: dt.date, day: str, time: dt.time, cal: WorkCalendar) -> Occurrence:
    """The occurrence whose push period contains `today` (what push-now sends)."""
    if job == "weekly":
        return weekly(today - dt.timedelta(days=today.weekday()), day, time, cal)
    if job == "monthly":
        return monthly(today.year, today.month, time, cal)
    return quarterly(today.year, quarter_of(today), time, cal)


def recent(job: str, now: dt.datetime, day: str, time: dt.time, cal: WorkCalendar,
           periods: int = 4) -> list[Occurrence]:
    """The occurrences of the last few push periods, oldest first (holidays may delay one into the next)."""
    today = now.astimezone(TZ).date()
    found: list[Occurrence] = []
    for back in range(periods - 1, -1, -1):
        if job == "weekly":
            monday = today - dt.timedelta(days=today.weekday() + 7 * back)
            found.append(weekly(monday, day, time, cal))
        elif job == "monthly":
            year, month = shift_month(today.year, today.month, -back)
            found.append(monthly(year, month, time, cal))
        else:
            year, quarter = shift_quarter(today.year, quarter_of(today), -back)
            found.append(quarterly(year, quarter, time, cal))
    return found


def due(job: str, now: dt.datetime, day: str, time: dt.time, grace_workdays: int,
        cal: WorkCalendar, since: dt.datetime | None = None) -> list[Occurrence]:
    """Occurrences whose moment has come and that are at most `grace_workdays` working days late."""
    result = []
    for occ in recent(job, now, day, time, cal):
        if occ.at > now or (since is not None and occ.at < since):
            continue
        if (now - occ.at).days > 7 * (grace_workdays + 2):
            continue  # far beyond any grace: skip counting working days
        late = cal.workdays_after(occ.at.astimezone(TZ).date(), now.astimezone(TZ).date())
        if late <= grace_workdays:
            result.append(occ)
    return result
