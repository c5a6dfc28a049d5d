"""Period arithmetic for comparisons: the same dates a year earlier (同比), the period before (环比),
and how a period is named in Chinese.

Periods are inclusive date ranges (`bot.nlu.Period`). A period made of whole calendar months moves by
months (so 环比 of November is all of October); any other period moves by its own length in days.
"""

from __future__ import annotations

import calendar
import datetime as dt

from bot.nlu import Period


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def this_month(today: dt.date) -> Period:
    return Period(today.replace(day=1), month_end(today.year, today.month), "本月")


def year_to_month_end(today: dt.date) -> Period:
    """今年1月1日 to the end of the current month: the span a year-end 汇报 covers (今年1－11月)."""
    return Period(dt.date(today.year, 1, 1), month_end(today.year, today.month), f"今年1-{today.month}月")


def is_whole_months(period: Period) -> bool:
    return period.start.day == 1 and period.end == month_end(period.end.year, period.end.month)


def months_in(period: Period) -> list[tuple[int, int]]:
    """(year, month) of every month the period touches, in order."""
    found = []
    year, month = period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        found.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 28 February
        return day.replace(year=day.year + years, day=28)


def _shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) - months
    return index // 12, index % 12 + 1


def year_ago(period: Period) -> Period:
    """同比: the same dates one year earlier."""
    start, end = _shift_year(period.start, -1), _shift_year(period.end, -1)
    if is_whole_months(period):  # keep month ends: 2028-02-29 → 2027-02-28, whole month still
        end = month_end(end.year, end.month)
    return Period(start, end, "去年同期")


def previous(period: Period) -> Period:
    """环比: the period of the same length just before (whole months move by months)."""
    if is_whole_months(period):
        count = len(months_in(period))
        sy, sm = _shift_months(period.start.year, period.start.month, count)
        ey, em = _shift_months(period.end.year, period.end.month, count)
        return Period(dt.date(sy, sm, 1), month_end(ey, em), "上期")
    length = (period.end - period.start).days + 1
    return Period(
        period.start - dt.timedelta(days=length), period.end - dt.timedelta(days=length), "上期"
    )


def compared(period: Period, compare: str | None) -> Period | None:
    if compare == "yoy":
        return year_ago(period)
    if compare == "mom":
        return previous(period)
    return None


def not_started(period: Period, today: dt.date) -> bool:
    """A period entirely after today has no figures yet: a question about it is answered so."""
    return period.start > today


def as_of(period: Period, today: dt.date) -> Period:
    """The period cut at today when it runs past it, so that 同比 compares like with like: the days
    elapsed this year against the same days last year (year_ago of the cut period)."""
    if period.end <= today or period.start > today:
        return period
    return Period(period.start, today, period.label)


def as_of_text(day: dt.date) -> str:
    return f"截至{day.month}月{day.day}日"


def span_text(period: Period, asked: Period | None = None) -> str:
    """"本月（2026-11-01至2026-11-30）"; a period cut at today (see as_of) says so:
    "本月截至11月22日（2026-11-01至2026-11-22）"."""
    if asked is not None and asked.end != period.end:
        return f"{period.label}{as_of_text(period.end)}（{period.start.isoformat()}至{period.end.isoformat()}）"
    return _span(period)


NOT_STARTED = "所问期间尚未开始：{span}。"


def _span(period: Period) -> str:
    """"本月（2026-11-01至2026-11-30）": the label the user used, with the dates it resolved to."""
    dates = f"{period.start.isoformat()}至{period.end.isoformat()}"
    if period.start == period.end:
        dates = period.start.isoformat()
    return f"{period.label}（{dates}）" if period.label else dates


def report_phrase(period: Period, today: dt.date) -> str:
    """How a 汇报 names its period, as seed 000 does: 今年1－11月, 今年11月, 2025年, …"""
    start, end = period.start, period.end
    if start.year == end.year:
        year = {today.year: "今年", today.year - 1: "去年"}.get(start.year, f"{start.year}年")
        if is_whole_months(period):
            if (start.month, end.month) == (1, 12):
                return year
            if start.month == end.month:
                return f"{year}{start.month}月"
            return f"{year}{start.month}－{end.month}月"
        return f"{year}{start.month}月{start.day}日至{end.month}月{end.day}日"
    return f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"
