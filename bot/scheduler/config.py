"""config/schedules.yaml as typed, validated settings: the defaults every group starts from."""

from __future__ import annotations

import re

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bot.calendar import WorkCalendar, calendar_from_config, default_calendar
from bot.calendar.config import FILE_NAME, ScheduleConfigError, parse_time, read_schedules
from config.loader import Watched, config_dirs, shared

# 党办系统全县培训, 我们县委办本系统的会: the county office's own line of offices, not the county it convenes for
OWN_SYSTEM = re.compile(r"本系统|党办系统|办公室系统|两办系统|系统内")

JOBS = ("weekly", "monthly", "quarterly")
JOB_NAMES = {"weekly": "周报", "monthly": "月报", "quarterly": "季报"}
JOB_TITLES = {"weekly": "每周一分析", "monthly": "每月一研判", "quarterly": "每季一通报"}
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = dict(zip(DAYS, ("周一", "周二", "周三", "周四", "周五", "周六", "周日"), strict=True))
# A weekly digest goes out on a weekday: a weekend day would always slide into the next week.
PUSH_DAYS = DAYS[:5]


@dataclass(frozen=True)
class DigestDefaults:
    time: dt.time
    day: str = "mon"  # weekly only
    grace_workdays: int = 2
    county_groups: bool = True
    unit_groups: bool = True


@dataclass(frozen=True)
class EventReminder:
    enabled: bool = True
    time: dt.time = dt.time(16, 0)
    kinds: tuple[str, ...] = ("meeting", "inspection")
    latest: dt.time = dt.time(9, 0)
    lookahead_days: int = 20


@dataclass(frozen=True)
class ArchiveReminder:
    enabled: bool = True
    after_workdays: int = 3
    time: dt.time = dt.time(10, 0)
    lookback_days: int = 60


@dataclass(frozen=True)
class QuotaAlerts:
    enabled: bool = True
    # Not set here: taken from the rules (rules.yaml `quotas`) at every tick, see figures.quota_thresholds.
    warn_at: float = 0.8
    alert_at: float = 1.0


@dataclass(frozen=True)
class ScheduleConfig:
    county_office: tuple[str, ...] = ("县委办",)
    # Groups bound to the county unit itself (the 示范县 console group) get county-wide digests only when
    # this is true or they subscribe: by default the county office's group alone gets them (no duplicates).
    county_unit_groups: bool = False
    # Working days and the push window (schedules.yaml `calendar`, `push_window`), read by bot.calendar.
    calendar: WorkCalendar = field(default_factory=default_calendar)
    digests: dict[str, DigestDefaults] = field(default_factory=lambda: {
        "weekly": DigestDefaults(time=dt.time(9, 0), day="mon", grace_workdays=2),
        "monthly": DigestDefaults(time=dt.time(9, 0), grace_workdays=5),
        "quarterly": DigestDefaults(time=dt.time(9, 0), grace_workdays=10, unit_groups=False),
    })
    event: EventReminder = field(default_factory=EventReminder)
    archive: ArchiveReminder = field(default_factory=ArchiveReminder)
    quota: QuotaAlerts = field(default_factory=QuotaAlerts)
    max_detail_lines: int = 8

    def is_county_office(self, name: str, aliases: Sequence[str] = ()) -> bool:
        """The county's own office (县委办 by default): it gets the county-wide digests, and the meetings it
        convenes for the 县委/县政府 are held to the county's limits, not a department's."""
        return name in self.county_office or bool(set(aliases) & set(self.county_office))

    def organiser_level(self, name: str, aliases: Sequence[str], level: str, said: str | None = None) -> str:
        """The level the rules and the parser hold a unit to: the county office speaks for the county, except
        in a meeting of its own line of offices (党办系统, 本系统: `said`), which is a department's."""
        if level != "department" or not self.is_county_office(name, aliases):
            return level
        return level if said and OWN_SYSTEM.search(said) else "county"

    def with_thresholds(self, warn_at: float, alert_at: float) -> ScheduleConfig:
        """A copy with the quota thresholds the rules use."""
        return replace(self, quota=replace(self.quota, warn_at=warn_at, alert_at=alert_at))

    def with_digest(self, job: str, **changes: Any) -> ScheduleConfig:
        """A copy with one digest's defaults changed (tests and the CLI use it)."""
        digests = dict(self.digests)
        digests[job] = replace(digests[job], **changes)
        return replace(self, digests=digests)


def _bool(data: dict[str, Any], key: str, default: bool, where: str) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise ScheduleConfigError(f"{where}.{key}: 应为 true/false")
    return value


def _int(data: dict[str, Any], key: str, default: int, where: str, low: int = 0) -> int:
    value = data.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < low:
        raise ScheduleConfigError(f"{where}.{key}: 应为不小于{low}的整数")
    return value


def parse_config(data: dict[str, Any]) -> ScheduleConfig:
    base = ScheduleConfig()
    calendar = calendar_from_config(data)
    window = calendar.window
    digests: dict[str, DigestDefaults] = {}
    raw_digests = data.get("digests") or {}
    for job in JOBS:
        raw = raw_digests.get(job) or {}
        where = f"digests.{job}"
        default = base.digests[job]
        day = str(raw.get("day", default.day)).lower()
        if day not in PUSH_DAYS:
            raise ScheduleConfigError(f"{where}.day: 应为 {'/'.join(PUSH_DAYS)}")
        time = parse_time(raw.get("time", default.time.strftime("%H:%M")), f"{where}.time")
        if not window.contains(time):
            raise ScheduleConfigError(f"{where}.time: 须在推送时段 {window} 内")
        digests[job] = DigestDefaults(
            time=time,
            day=day,
            grace_workdays=_int(raw, "grace_workdays", default.grace_workdays, where),
            county_groups=_bool(raw, "county_groups", default.county_groups, where),
            unit_groups=_bool(raw, "unit_groups", default.unit_groups, where),
        )
    reminders = data.get("reminders") or {}
    ev = reminders.get("event") or {}
    kinds = tuple(ev.get("kinds") or base.event.kinds)
    event = EventReminder(
        enabled=_bool(ev, "enabled", True, "reminders.event"),
        time=parse_time(ev.get("time", "16:00"), "reminders.event.time"),
        kinds=kinds,
        latest=parse_time(ev.get("latest", "09:00"), "reminders.event.latest"),
        lookahead_days=_int(ev, "lookahead_days", 20, "reminders.event", 1),
    )
    ar = reminders.get("archive") or {}
    archive = ArchiveReminder(
        enabled=_bool(ar, "enabled", True, "reminders.archive"),
        after_workdays=_int(ar, "after_workdays", 3, "reminders.archive", 1),
        time=parse_time(ar.get("time", "10:00"), "reminders.archive.time"),
        lookback_days=_int(ar, "lookback_days", 60, "reminders.archive", 1),
    )
    qa = data.get("quota_alerts") or {}
    for where, t in (("reminders.event.time", event.time), ("reminders.archive.time", archive.time)):
        if not window.contains(t):
            raise ScheduleConfigError(f"{where}: 须在推送时段内")
    offices = data.get("county_office", list(base.county_office))
    if isinstance(offices, str):
        offices = [offices]
    return ScheduleConfig(
        county_office=tuple(str(o) for o in offices),
        county_unit_groups=_bool(data, "county_unit_groups", False, "county_unit_groups"),
        calendar=calendar,
        digests=digests,
        event=event,
        archive=archive,
        quota=QuotaAlerts(enabled=_bool(qa, "enabled", True, "quota_alerts")),
        max_detail_lines=_int(data, "max_detail_lines", 8, "max_detail_lines", 1),
    )


def _build(dirs: tuple[Path, ...]) -> ScheduleConfig:
    layered = read_schedules(dirs)
    return parse_config(layered.doc) if layered.paths else ScheduleConfig()


def schedules_file(config_dir: Path | None = None) -> Watched[ScheduleConfig]:
    """The process's schedules.yaml of this config folder, re-read when it changes; a refused edit keeps
    the last good settings (with none yet, ScheduleConfigError is raised)."""
    dirs = config_dirs(config_dir)
    return shared((FILE_NAME, *dirs), lambda: Watched(
        [d / FILE_NAME for d in dirs], lambda: _build(dirs), (ScheduleConfigError,), FILE_NAME))


def load_config(config_dir: Path | None = None) -> ScheduleConfig:
    """The shipped schedules.yaml with the deployment folder's laid over it (config.loader)."""
    return schedules_file(config_dir).current()
