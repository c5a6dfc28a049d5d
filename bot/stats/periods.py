"""How statistics answers use periods: which comparison period (同比, 环比), a period cut at today,
and how a period is named in Chinese.

Periods and their arithmetic (year_ago, previous, whole months) are bot.calendar's.
"""

from __future__ import annotations

import datetime as dt

from bot.calendar import Period, is_whole_months, previous, year_ago


def compared(period: Period, compare: str | None) -> Period | None:
    if compare == "yoy":
        return year_ago(period)
    if compare == "mom":
        return previous(period)
    return None


def compared_as_of(asked: Period, period: Period, compare: str | None) -> Period | None:
    """The compared period of `period`, the asked one cut at today (as_of): 同比 the same dates a
    year earlier; 环比 the same days of the period before the asked one (本月 up to the 22nd against
    1–22 of last month, not the 22 days just before)."""
    if compare != "mom" or period.end == asked.end:
        return compared(period, compare)
    base = previous(asked)
    return Period(base.start, min(base.end, base.start + (period.end - period.start)), base.label)


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
