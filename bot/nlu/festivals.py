"""Chinese festivals, public holidays and lunar dates → Gregorian dates.

The lunar calendar is not computed here: `lunar_python` (6tail, MIT) does the conversion, so the
leap months and month lengths are a maintained library's, not a table of ours. This module only
knows which festival is which day and how to pick the occurrence a message means:
the next one on or after today, or, in the past tense, the last one on or before today (design §4,
the same rule as a bare weekday). A year written before the festival picks that year's occurrence;
for a lunar festival that is the lunar year of that number (今年除夕 said in December = the coming one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache

from lunar_python import Lunar, LunarYear, Solar

FIRST_YEAR, LAST_YEAR = 2000, 2099  # the only years the bot ever returns (design §4)

# name → (lunar?, month, day); 除夕 (the lunar year's last day), 清明 and 冬至 (solar terms) are computed;
# 小年 is the northern 腊月二十三.
_FIXED: dict[str, tuple[bool, int, int]] = {
    "春节": (True, 1, 1), "元宵": (True, 1, 15), "端午": (True, 5, 5), "七夕": (True, 7, 7),
    "中秋": (True, 8, 15), "重阳": (True, 9, 9), "腊八": (True, 12, 8),
    "元旦": (False, 1, 1), "五一": (False, 5, 1), "劳动节": (False, 5, 1), "国庆": (False, 10, 1),
    "小年": (True, 12, 23), "二月二": (True, 2, 2), "龙抬头": (True, 2, 2), "三月三": (True, 3, 3),
    # commemorative days work is planned around (教师节表彰大会, 建军节前走访慰问)
    "妇女节": (False, 3, 8), "植树节": (False, 3, 12), "青年节": (False, 5, 4), "儿童节": (False, 6, 1),
    "建党节": (False, 7, 1), "建军节": (False, 8, 1), "教师节": (False, 9, 10),
    # their short names, as 五一 is 劳动节's (七一表彰会, 六一那天, 八一前走访)
    "五四": (False, 5, 4), "六一": (False, 6, 1), "七一": (False, 7, 1), "八一": (False, 8, 1),
}
# Solar terms (节气) a date is told by (惊蛰那天, 春分前): the table of the Gregorian year; 雨水, 小满, 白露, 霜降,
# 小雪 and 大雪 are left out, being everyday words as often as days.
SOLAR_TERMS = ("立春", "惊蛰", "春分", "清明", "谷雨", "立夏", "芒种", "夏至", "小暑", "大暑", "立秋", "处暑", "秋分",
               "寒露", "立冬", "冬至", "小寒", "大寒")
FESTIVAL_NAMES = (*_FIXED, "除夕", *SOLAR_TERMS)

LUNAR_MONTHS = {"正": 1, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
                "十": 10, "冬": 11, "十一": 11, "腊": 12, "十二": 12}


@lru_cache(maxsize=1024)  # a lunar year costs milliseconds to build; parse has ~50 µs
def _lunar_to_solar(year: int, month: int, day: int) -> dt.date | None:
    """Lunar year/month/day → Gregorian date, None when the day does not exist that year."""
    if not FIRST_YEAR - 1 <= year <= LAST_YEAR + 1:
        return None
    if day > LunarYear.fromYear(year).getMonth(month).getDayCount():
        return None
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


@lru_cache(maxsize=1024)
def festival_in_year(name: str, year: int) -> dt.date | None:
    """The festival's date in `year` (a lunar year for lunar festivals)."""
    if not FIRST_YEAR - 1 <= year <= LAST_YEAR + 1:
        return None
    if name == "除夕":
        return _lunar_to_solar(year, 12, LunarYear.fromYear(year).getMonth(12).getDayCount())
    if name in SOLAR_TERMS:  # solar terms of the Gregorian year: 冬至 closes lunar year `year`'s table
        solar = Lunar.fromYmd(year, 3, 1).getJieQiTable()["DONG_ZHI" if name == "冬至" else name]
        return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())
    is_lunar, month, day = _FIXED[name]
    return _lunar_to_solar(year, month, day) if is_lunar else dt.date(year, month, day)


def _nearest(candidates: Callable[[int], dt.date | None], today: dt.date, past: bool) -> dt.date | None:
    """The occurrence on/after today (future) or on/before today (past), from years around today."""
    days = [d for y in (today.year - 2, today.year - 1, today.year, today.year + 1) if (d := candidates(y))]
    if past:
        earlier = [d for d in days if d <= today]
        return max(earlier) if earlier else None
    later = [d for d in days if d >= today]
    return min(later) if later else None


def festival(name: str, today: dt.date, past: bool, year: int | None = None) -> dt.date | None:
    """The festival a message means: the one in `year` if written, else the next (or last) one."""
    if year is not None:
        return festival_in_year(name, year)
    return _nearest(lambda y: festival_in_year(name, y), today, past)


def lunar_date(month: int, day: int, today: dt.date, past: bool, year: int | None = None) -> dt.date | None:
    """正月初八, 腊月二十三: a lunar month and day, the next (or last) occurrence unless a year is written."""
    if year is not None:
        return _lunar_to_solar(year, month, day)
    return _nearest(lambda y: _lunar_to_solar(y, month, day), today, past)


def lunar_month(month: int, today: dt.date, past: bool, year: int | None = None) -> tuple[dt.date, dt.date] | None:
    """正月里, 腊月份: the first and last Gregorian days of that lunar month (chosen like lunar_date)."""
    first = lunar_date(month, 1, today, past, year)
    if first is None:
        return None
    lunar_year = Solar.fromYmd(first.year, first.month, first.day).getLunar().getYear()
    length = LunarYear.fromYear(lunar_year).getMonth(month).getDayCount()
    return first, first + dt.timedelta(days=length - 1)


def lunar_day(day: int, today: dt.date, past: bool) -> dt.date | None:
    """A bare 初八: day 8 of this lunar month, else of the next (future) or previous (past) one."""
    if not 1 <= day <= 30:
        return None
    lunar = Solar.fromYmd(today.year, today.month, today.day).getLunar()
    month_start = today - dt.timedelta(days=lunar.getDay() - 1)
    this = month_start + dt.timedelta(days=day - 1)
    if past and this > today:
        before = month_start - dt.timedelta(days=1)
        prev_day = Solar.fromYmd(before.year, before.month, before.day).getLunar().getDay()
        return before - dt.timedelta(days=prev_day - day)
    if not past and this < today:
        length = LunarYear.fromYear(lunar.getYear()).getMonth(lunar.getMonth()).getDayCount()
        return month_start + dt.timedelta(days=length + day - 1)
    return this
