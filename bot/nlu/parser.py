"""First parser: records, queries, undo and help for the foundation (deepened by the NLU work)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from bot.nlu.intent import Attendees, Intent, Period
from bot.nlu.lexicon import EMPTY, Lexicon

_KIND_WORDS = (
    ("meeting", "outgoing", ("开会", "召开", "会议", "次会")),
    ("document", "incoming", ("收文", "来文", "收到")),
    ("document", "outgoing", ("发文", "印发", "下发")),
    ("inspection", "incoming", ("接受", "迎检")),
    ("inspection", "outgoing", ("督查", "检查", "考核", "调研", "督导")),
    ("report", "incoming", ("上报", "报送", "材料", "报表")),
)
_DAY_WORDS = {"今天": 0, "明天": 1, "后天": 2, "昨天": -1, "前天": -2}
_CN_DIGITS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def parse(text: str, now: dt.datetime, lexicon: Lexicon = EMPTY) -> Intent:
    clean = text.strip().rstrip("。？?！!")
    result = Intent(text=text)
    if not clean:
        return result
    if clean in ("帮助", "help", "?", "怎么用"):
        result.intent = "help"
        return result
    m = re.match(r"^撤销\s*(?:#(\d+))?$", clean)
    if m:
        result.intent = "undo"
        result.entry_id = int(m.group(1)) if m.group(1) else None
        return result
    for kind, direction, words in _KIND_WORDS:
        if any(w in clean for w in words):
            result.kind, result.direction = kind, direction
            break
    if result.kind is None:
        return result
    today = now.date()
    if any(q in clean for q in ("几", "多少", "数")):
        result.intent = "query"
        result.period = _period(clean, today)
        return result
    result.intent = "record"
    result.quantity = 1
    for word, offset in _DAY_WORDS.items():
        if word in clean:
            result.date = today + dt.timedelta(days=offset)
    m = re.search(r"(\d+|[一两二三四五六七八九十])个(乡镇|村|单位|部门)", clean)
    if m:
        count = int(m.group(1)) if m.group(1).isdigit() else _CN_DIGITS[m.group(1)]
        result.attendees = Attendees(count=count, scope=m.group(2))
    for alias, name in lexicon.units.items():
        if alias in clean:
            result.unit = name
    if result.date is None:
        result.missing.append("date")
    return result


def _period(text: str, today: dt.date) -> Period:
    if "今年" in text:
        return Period(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31), "今年")
    last = calendar.monthrange(today.year, today.month)[1]
    return Period(today.replace(day=1), today.replace(day=last), "本月")
