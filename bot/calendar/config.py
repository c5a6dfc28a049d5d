"""The calendar's settings: the `push_window` and `calendar` sections of schedules.yaml.

The file is the shipped config/schedules.yaml with the deployment's (JIANFU_CONFIG folder) laid over it
by config.loader's one rule, as for the rest of schedules.yaml (bot.scheduler.config). Calendars are
shared by value: equal settings give the very same WorkCalendar, so the parser, the rules and the
scheduler of a process ask one object.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.calendar.workdays import PushWindow, WorkCalendar
from config.loader import ConfigFileError, Layered, Watched, config_dirs, read_layered, shared
from config.settings import config_dir_from_env

FILE_NAME = "schedules.yaml"


class ScheduleConfigError(ValueError):
    """schedules.yaml is malformed; the message names the key."""


def parse_time(value: Any, where: str) -> dt.time:
    """"9:00", "09:00" or 9 → 09:00."""
    if isinstance(value, int) and 0 <= value < 24:
        return dt.time(value, 0)
    if isinstance(value, str):
        parts = value.strip().replace("：", ":").split(":")
        if len(parts) == 2 and all(p.isdigit() for p in parts):
            hour, minute = int(parts[0]), int(parts[1])
            if 0 <= hour < 24 and 0 <= minute < 60:
                return dt.time(hour, minute)
    raise ScheduleConfigError(f"{where}: 时间应为 HH:MM，实为 {value!r}")


def _dates(values: Any, where: str) -> frozenset[dt.date]:
    out: set[dt.date] = set()
    for i, value in enumerate(values or []):
        try:
            out.add(value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)))
        except ValueError as exc:
            raise ScheduleConfigError(f"{where}[{i}]: 日期应为 YYYY-MM-DD") from exc
    return frozenset(out)


def calendar_from_config(data: dict[str, Any]) -> WorkCalendar:
    """The calendar a parsed schedules.yaml describes."""
    raw_window = data.get("push_window") or {}
    window = PushWindow(parse_time(raw_window.get("start", "08:00"), "push_window.start"),
                        parse_time(raw_window.get("end", "20:00"), "push_window.end"))
    if not window.start < window.end:
        raise ScheduleConfigError("push_window: start 应早于 end")
    raw = data.get("calendar") or {}
    holidays = _dates(raw.get("extra_holidays"), "calendar.extra_holidays")
    workdays = _dates(raw.get("extra_workdays"), "calendar.extra_workdays")
    both = sorted(holidays & workdays)
    if both:
        raise ScheduleConfigError(f"calendar: {both[0].isoformat()} 不能既是 extra_holidays 又是 extra_workdays")
    return _shared(window, holidays, workdays)


@lru_cache(maxsize=32)
def _shared(window: PushWindow, holidays: frozenset[dt.date], workdays: frozenset[dt.date]) -> WorkCalendar:
    return WorkCalendar(extra_holidays=holidays, extra_workdays=workdays, window=window)


def default_calendar() -> WorkCalendar:
    """The calendar without any schedules.yaml: chinesecalendar, the fallback, 08:00–20:00."""
    return calendar_from_config({})


def read_schedules(dirs: Sequence[Path]) -> Layered:
    """schedules.yaml as the deployment sees it: the shipped file with the deployment's laid over it."""
    try:
        return read_layered(FILE_NAME, dirs)
    except ConfigFileError as exc:
        raise ScheduleConfigError(f"{exc.path}: {exc.problem}") from exc


def calendar_file(config_dir: Path | None) -> Watched[WorkCalendar]:
    """The process's calendar of this config folder, re-read when schedules.yaml changes."""
    dirs = config_dirs(config_dir)
    return shared(("calendar", *dirs), lambda: Watched(
        [d / FILE_NAME for d in dirs], lambda: calendar_from_config(read_schedules(dirs).doc),
        (ScheduleConfigError,), f"{FILE_NAME} (calendar, push_window)"))


def work_calendar(config_dir: Path | None = None) -> WorkCalendar:
    """The calendar of the deployment's config folder (default: JIANFU_CONFIG, else the shipped one),
    re-read when the file changes."""
    return calendar_file(config_dir or config_dir_from_env()).current()
