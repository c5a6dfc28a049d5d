"""Injectable time: every "明天" or "本月" is resolved against a Clock, so tests can fix it."""

from __future__ import annotations

import datetime as dt
from typing import Protocol
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Shanghai")


class Clock(Protocol):
    def now(self) -> dt.datetime: ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(TZ)


class FixedClock:
    """A clock that stands still until moved; `advance` lets simulations walk through time."""

    def __init__(self, at: dt.datetime) -> None:
        self._at = at if at.tzinfo else at.replace(tzinfo=TZ)

    def now(self) -> dt.datetime:
        return self._at

    def set(self, at: dt.datetime) -> None:
        self._at = at if at.tzinfo else at.replace(tzinfo=TZ)

    def advance(self, delta: dt.timedelta) -> None:
        self._at = self._at + delta


def parse_now(value: str | None) -> Clock:
    """`--now 2026-11-22T10:00:00+08:00` → FixedClock; None → SystemClock."""
    if not value:
        return SystemClock()
    return FixedClock(dt.datetime.fromisoformat(value))


def local(at: dt.datetime) -> dt.datetime:
    return at.astimezone(TZ)
