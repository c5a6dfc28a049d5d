"""bot.nlu's time parser against Duckling's Chinese corpus (shared/research/duckling_zh_time_corpus.txt).

Every row is run with the corpus reference time, Tuesday 2013-02-12 04:30 (wall clock of its UTC-2
zone). Rows fall into three groups:
- shared: date-level expressions whose meaning the project shares with Duckling (days, weekdays,
  weeks, months, years, N-unit ranges, clock times, dayparts). Agreement on these must be ≥ 90 %.
- deliberate disagreements: the project's semantics differ on purpose (DELIBERATE below, each with
  the reason); the test checks that we give *our* documented answer for them.
- out of scope: holidays, sub-day offsets (上两秒), 现在/此刻, Cantonese-only words, US-style
  month/day/year, time zones — not ledger vocabulary (OUT_OF_SCOPE below).
Duckling intervals are half-open; ours are inclusive, so its `end` minus one grain is compared.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.nlu.normalize import normalize
from bot.nlu.timeexpr import TimeInfo, extract
from paths import REPO_ROOT

REFERENCE = dt.datetime(2013, 2, 12, 4, 30)
MIN_AGREEMENT = 0.90


def corpus_path() -> Path | None:
    """shared/ sits beside the repository (…/main and …/shared), in CI as on the dev machine."""
    for base in (REPO_ROOT.parent, REPO_ROOT):
        candidate = base / "shared" / "research" / "duckling_zh_time_corpus.txt"
        if candidate.is_file():
            return candidate
    return None


# phrase pattern → reason; the value we give instead is checked in test_deliberate_disagreements
DELIBERATE = {
    r"^下(?:周|礼拜|週|禮拜|星期)三$":
        "下周三 is Wednesday of next week (design §4); Duckling reads it as the coming Wednesday",
    r"^(?:这|這)(?:周|礼拜|週|禮拜)一$|^今個(?:星期|礼拜|禮拜)一$":
        "这周一 is this week's Monday even when past (design §4); Duckling moves it to next Monday",
    r"^(?:兩|两|三)(?:天|日|星期|個禮拜|个礼拜|個月|个月|年)(?:之)?(?:前|後|后)$":
        "N天前/后 is the single day N days away (a ledger date); Duckling returns an N-day range",
    r"^(?:这|這)(?:周|週)末$":
        "周末 is Saturday..Sunday; Duckling starts it on Friday 18:00",
    r"^(?:星期|礼拜|周|禮拜|週)二$":
        "bare 周X on that very weekday is today ('on or after today', design §4); the reference time is a "
        "Tuesday and Duckling skips to next week",
}
DELIBERATE_VALUES = {  # what we answer instead, by the rule above
    "下周三": dt.date(2013, 2, 20), "这周一": dt.date(2013, 2, 11), "三天後": dt.date(2013, 2, 15),
    "兩天前": dt.date(2013, 2, 10), "兩個月前": dt.date(2012, 12, 12), "这周末": dt.date(2013, 2, 16),
    "周二": dt.date(2013, 2, 12),
}
OUT_OF_SCOPE = [
    (r"秒|分钟|分鐘|小时|小時|個鐘", "offsets in seconds, minutes or hours are not ledger dates"),
    (r"^(?:现在|此时|此刻|当前|現在|此時|當前|宜家|而家|依家)$", "'now' is not a date expression the ledger stores"),
    (r"尋日|聽日|晏晝|踏|搭|個字|大後日|大後天|今個月廿", "Cantonese colloquial forms, outside Mandarin work chat"),
    (r"^\d{1,2}/\d{1,2}/\d{2,4}$", "month/day/year order; Chinese documents write year-month-day"),
    (r"CET", "explicit foreign time zones"),
]


@dataclass(frozen=True)
class CorpusRow:
    locale: str
    phrase: str
    kind: str
    start: dt.datetime
    end: dt.datetime | None
    grain: str
    holiday: str


def load_corpus() -> list[CorpusRow]:
    path = corpus_path()
    if path is None:
        # CI always has shared/ beside the clone: there a missing corpus is a failure, not a skip.
        if os.environ.get("CI"):
            pytest.fail("shared/research/duckling_zh_time_corpus.txt not found beside the repository")
        pytest.skip("shared/research/duckling_zh_time_corpus.txt not found beside the repository")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("locale\t"):
            continue
        cells = line.split("\t") + [""] * 7
        locale, phrase, kind, start, end, grain, holiday = cells[:7]
        rows.append(CorpusRow(locale, phrase, kind, _wall(start), _wall(end) if end else None, grain, holiday))
    return rows


def _wall(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value).replace(tzinfo=None)


def classify(row: CorpusRow) -> tuple[str, str]:
    """('shared' | 'deliberate' | 'out', reason)."""
    if row.holiday or row.locale != "zh":  # the region rows are all 国庆 (its date differs by region)
        return "out", "holiday names are not ledger vocabulary"
    for pattern, reason in OUT_OF_SCOPE:
        if re.search(pattern, row.phrase):
            return "out", reason
    if row.grain == "second":
        return "out", "second-grain values"
    for pattern, reason in DELIBERATE.items():
        if re.search(pattern, row.phrase):
            return "deliberate", reason
    return "shared", ""


def _grain_end(start: dt.date, grain: str) -> dt.date:
    if grain == "week":
        return start + dt.timedelta(days=6)
    if grain == "month":
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if grain == "year":
        return start.replace(month=12, day=31)
    return start


_HOUR_DAYPART = {4: "morning", 12: "afternoon", 18: "evening", 0: "night"}


def agrees(row: CorpusRow) -> bool:
    info = extract(normalize(row.phrase), REFERENCE)
    if row.kind == "value" and row.grain == "day":
        return info.date == row.start.date()
    if row.kind == "value" and row.grain in ("week", "month", "year"):
        period = info.query_period()
        return period is not None and (period.start, period.end) == (
            row.start.date(), _grain_end(row.start.date(), row.grain))
    if row.kind == "value" and row.grain in ("hour", "minute"):
        day = info.date or REFERENCE.date()
        return day == row.start.date() and info.time == row.start.time()
    if row.kind == "interval" and row.end is not None and row.grain in ("day", "week", "month", "year"):
        period = info.query_period()
        return period is not None and (period.start, period.end) == (
            row.start.date(), row.end.date() - dt.timedelta(days=1))
    if row.kind == "interval" and row.grain == "hour":
        day = info.date or REFERENCE.date()
        return day == row.start.date() and info.daypart == _HOUR_DAYPART.get(row.start.hour)
    return False


def test_agreement_on_shared_rows(capsys: pytest.CaptureFixture[str]) -> None:
    rows = load_corpus()
    groups: dict[str, list[CorpusRow]] = {"shared": [], "deliberate": [], "out": []}
    for row in rows:
        groups[classify(row)[0]].append(row)
    shared = groups["shared"]
    disagreeing = [row for row in shared if not agrees(row)]
    agreement = 1 - len(disagreeing) / len(shared)
    with capsys.disabled():
        print(f"\nDuckling ZH corpus: {len(rows)} rows; shared {len(shared)}, deliberate {len(groups['deliberate'])}, "
              f"out of scope {len(groups['out'])}; agreement on shared rows {agreement:.1%}"
              f" ({len(shared) - len(disagreeing)}/{len(shared)})")
        for row in disagreeing:
            print(f"  disagree: {row.phrase} → Duckling {row.start:%Y-%m-%d %H:%M} {row.kind}/{row.grain}")
    assert len(shared) >= 150
    assert agreement >= MIN_AGREEMENT


def test_deliberate_disagreements_follow_the_projects_rules() -> None:
    rows = load_corpus()
    deliberate = [row for row in rows if classify(row)[0] == "deliberate"]
    assert len(deliberate) >= 10
    for phrase, ours in DELIBERATE_VALUES.items():
        info = extract(normalize(phrase), REFERENCE)
        assert info.date == ours, (phrase, info)
    for row in deliberate:
        assert not agrees(row), f"{row.phrase} is listed as a deliberate disagreement but agrees"


DAYPARTS = {"morning", "noon", "afternoon", "evening", "night"}  # what bot.nlu.Intent.daypart may hold


def test_every_row_parses_without_error() -> None:
    """Every row gives well-formed values (dates of this century in order, clock times, a known daypart),
    and every shared row is read as what Duckling found: a day or a period, or a clock time or a daypart."""
    rows = load_corpus()
    assert rows
    for row in rows:
        info = extract(normalize(row.phrase), REFERENCE)
        assert isinstance(info, TimeInfo), row.phrase
        periods = [p for p in (info.period, info.day_period, *info.periods) if p is not None]
        days = [d for d in (info.date, info.date_end) if d is not None]
        days += [d for p in periods for d in (p.start, p.end)]
        for day in days:
            assert type(day) is dt.date and 2000 <= day.year <= 2099, (row.phrase, day)
        for period in periods:
            assert period.start <= period.end, (row.phrase, period)
        if info.date is not None and info.date_end is not None:
            assert info.date <= info.date_end, (row.phrase, info)
        for clock in (info.time, info.time_end):
            assert clock is None or type(clock) is dt.time, (row.phrase, clock)
        assert info.daypart is None or info.daypart in DAYPARTS, (row.phrase, info.daypart)
        if classify(row)[0] != "shared":
            continue
        assert info.found, row.phrase
        if row.grain in ("day", "week", "month", "year"):
            assert info.date is not None or info.query_period() is not None, (row.phrase, info)
        else:
            assert info.time is not None or info.daypart is not None, (row.phrase, info)
