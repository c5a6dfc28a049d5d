"""Numbers and dates the rules need, read straight from the message, for whatever the parser left empty.

Head-count, meeting/speech/remark length, document length, the day (下周三, 周四的会改到周三) and
who attends: so a check still works on "下周三开全县动员大会，200人，3小时，可以吗" whatever the
parser returns. It deliberately knows only what the rules use; kind and direction are in kinds.py.
"""

from __future__ import annotations

import datetime as dt
import re

import cn2an  # type: ignore[import-untyped]

from bot.rules.textmatch import normalize

_CN_NUM = "零〇一二两三四五六七八九十百千万"
_NUM = rf"(\d+(?:\.\d+)?|[{_CN_NUM}]+)"
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5,
            "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}


# --- numbers ------------------------------------------------------------------------------------

def to_number(token: str) -> float | None:
    """Arabic or Chinese numerals (二十, 两, 一百五十) → number."""
    try:
        return float(token)
    except ValueError:
        pass
    try:
        return float(cn2an.cn2an(token, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


_HOURS = rf"{_NUM}\s*个?\s*(半)?\s*(?:小时|钟头)"
_MINUTES = rf"{_NUM}\s*分钟"
_DURATION = rf"(?:{_HOURS}(?:\s*{_MINUTES})?|{_MINUTES}|半个?小时|一天半|半天|一天|整天|全天)"
_SPEECH = rf"(?:讲话|主报告|作报告|报告|致辞|主题报告|讲)[^，,。；;]{{0,6}}?({_DURATION})|({_DURATION})的?(?:讲话|主报告|报告)"
_REMARK = rf"发言(?:[^，,。；;]{{0,6}}?|[^。；;]{{0,3}}每[个人位家]?)({_DURATION})|({_DURATION})的?发言"


def minutes_of(span: str) -> int | None:
    """'3小时' → 180, '一个半小时' → 90, '1小时20分钟' → 80, '半天' → 240."""
    fixed = {"半小时": 30, "半个小时": 30, "一天半": 720, "半天": 240, "一天": 480, "整天": 480, "全天": 480}
    if span in fixed:
        return fixed[span]
    total = 0.0
    found = False
    if m := re.search(_HOURS, span):
        hours = to_number(m.group(1))
        if hours is not None:
            total += hours * 60 + (30 if m.group(2) else 0)
            found = True
    if m := re.search(_MINUTES, span):
        mins = to_number(m.group(1))
        if mins is not None:
            total += mins
            found = True
    return round(total) if found else None


def _span_minutes(match: re.Match[str] | None) -> int | None:
    if not match:
        return None
    span = next((g for g in match.groups() if g), None)
    return minutes_of(span) if span else None


def durations(text: str) -> tuple[int | None, int | None, int | None]:
    """(meeting minutes, speech minutes, remark minutes); speech and remark spans are not the meeting's."""
    norm = normalize(text)
    speech_m = re.search(_SPEECH, norm)
    remark_m = re.search(_REMARK, norm)
    rest = norm
    for m in (speech_m, remark_m):
        if m:
            rest = rest.replace(m.group(0), "，")
    meeting_m = re.search(_DURATION, rest)
    meeting = minutes_of(meeting_m.group(0)) if meeting_m else None
    return meeting, _span_minutes(speech_m), _span_minutes(remark_m)


def head_count(text: str) -> int | None:
    """'200人', '二十余人', '50多名干部' → people; '多/余' means strictly more, so 150多人 → 151."""
    m = re.search(rf"{_NUM}\s*(多|余|来)?\s*个?\s*(?:人|名)(?!次|员|大)", normalize(text))
    if not m:
        return None
    n = to_number(m.group(1))
    if n is None:
        return None
    return int(n) + (1 if m.group(2) in ("多", "余") else 0)


def length_chars(text: str) -> int | None:
    """'6000字', '五千多字', '1.2万字' → characters."""
    m = re.search(rf"{_NUM}\s*(千|万)?\s*(多|余)?\s*个?字", normalize(text))
    if not m:
        return None
    n = to_number(m.group(1))
    if n is None:
        return None
    n *= {"千": 1000, "万": 10000}.get(m.group(2) or "", 1)
    if n < 100:  # "五个字" is not a document's length
        return None
    return int(n) + (1 if m.group(3) else 0)


# --- dates --------------------------------------------------------------------------------------

_PAST = re.compile(r"(?<!为)了|已经|刚才|刚刚")


_MOVED = re.compile(r"(?:改|调|挪|推迟|推|提前|换)(?:到|在|至)")


def resolve_date(text: str, today: dt.date) -> dt.date | None:
    """今天/明天, 下周三, 本周五, 周四 (next on/after today; last if past tense), 11月25日, 25号.

    "周四的会改到周三" is about Wednesday: a date after 改到/调到/推迟到 wins.
    """
    norm = normalize(text)
    if (moved := _MOVED.search(norm)) and (day := _resolve(norm[moved.end():], today, norm)) is not None:
        return day
    return _resolve(norm, today, norm)


def moved_date(text: str, today: dt.date) -> dt.date | None:
    """The new date of a meeting being moved (周四的会改到周三 → Wednesday), else None."""
    norm = normalize(text)
    moved = _MOVED.search(norm)
    return _resolve(norm[moved.end():], today, norm) if moved else None


def _resolve(norm: str, today: dt.date, whole: str) -> dt.date | None:
    for word, offset in (("大后天", 3), ("后天", 2), ("明天", 1), ("明早", 1), ("今天", 0), ("今早", 0),
                         ("今晚", 0), ("前天", -2), ("昨天", -1)):
        if word in norm:
            return today + dt.timedelta(days=offset)
    if m := re.search(r"(?:(\d{4})年)?(\d{1,2}|[一二三四五六七八九十]+)月(\d{1,2}|[一二三四五六七八九十]+)[日号]", norm):
        month, day = to_number(m.group(2)), to_number(m.group(3))
        year = int(m.group(1)) if m.group(1) else today.year
        try:
            return dt.date(year, int(month or 0), int(day or 0))
        except ValueError:
            return None
    if m := re.search(r"(下下|下|本|这|上)个?(?:周|星期|礼拜)([一二三四五六日天1-7末])", norm):
        monday = today - dt.timedelta(days=today.weekday())
        week = {"下下": 2, "下": 1, "本": 0, "这": 0, "上": -1}[m.group(1)]
        return monday + dt.timedelta(weeks=week, days=_WEEKDAY[m.group(2)])
    if m := re.search(r"(?:周|星期|礼拜)([一二三四五六日天1-7])", norm):
        target = _WEEKDAY[m.group(1)]
        if _PAST.search(whole):
            return today - dt.timedelta(days=(today.weekday() - target) % 7)
        return today + dt.timedelta(days=(target - today.weekday()) % 7)
    if m := re.search(r"(\d{1,2})[日号]", norm):
        try:
            return today.replace(day=int(m.group(1)))
        except ValueError:
            return None
    return None


_SCOPE = re.compile(r"县直各单位|县直单位|县直各部门|(?:各|\d+个|[一二三四五六七八九十两]+个)(?:乡镇|村|社区|部门|单位|学校)")


def attendees_scope(text: str) -> str | None:
    """Who attends, as the ledger words it: 各乡镇, 12个村, 县直各单位."""
    m = _SCOPE.search(normalize(text))
    return m.group(0) if m else None
