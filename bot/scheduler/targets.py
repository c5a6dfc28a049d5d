"""Which groups get which digest, at what time, about which units.

County groups (bound to the county office or to the county itself) get county-wide digests; every other
unit's group gets its own unit's. Conversation.subscriptions overrides the config defaults per group:
{"weekly": {"enabled": true, "day": "mon", "time": "08:00", "since": ISO, "by": member id}, ...}
and {"charts": {"enabled": false, ...}} when the group takes its digests without the chart image.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager

from bot.calendar import parse_time
from bot.channels.registry import Channels
from bot.scheduler.batch import current
from bot.push import Push
from bot.scheduler.config import PUSH_DAYS, ScheduleConfig
from storage import repo
from storage.models import Conversation, Unit


@dataclass(frozen=True)
class Scope:
    key: str  # "county" or "unit:<id>": digests are built once per scope and period
    name: str  # 示范县 / 城关镇
    unit_ids: tuple[int, ...]  # whose entries are counted
    county: bool
    unit_id: int | None = None  # the unit of a unit scope


@dataclass(frozen=True)
class Setting:
    enabled: bool
    day: str
    time: dt.time
    since: dt.datetime | None = None  # set by "订阅…": nothing older than this is sent


@dataclass
class Target:
    conversation: Conversation
    setting: Setting
    county: bool  # a county group: county-wide digests

    def scope(self, session: Session, cache: dict[str, Scope] | None = None) -> Scope:
        """The units this group's digest covers (built only when a digest is due)."""
        cache = cache if cache is not None else {}
        if self.county:
            if "county" not in cache:
                cache["county"] = county_scope(session)
            return cache["county"]
        assert self.conversation.unit is not None
        return unit_scope(self.conversation.unit)


def is_county_group(conversation: Conversation, cfg: ScheduleConfig) -> bool:
    unit = conversation.unit
    return unit is not None and (unit.level == "county" or cfg.is_county_office(unit.name, unit.aliases or []))


def _county_office_group(conversation: Conversation, cfg: ScheduleConfig) -> bool:
    unit = conversation.unit
    return unit is not None and cfg.is_county_office(unit.name, unit.aliases or [])


def county_scope(session: Session) -> Scope:
    batch = current(session)
    if batch is not None:  # in a tick: once, however many digests ask
        return batch.remember("county_scope", lambda: _county_scope(session))
    return _county_scope(session)


def _county_scope(session: Session) -> Scope:
    root = repo.tree_root(session)
    units = list(session.scalars(select(Unit).where(Unit.active.is_(True)).order_by(Unit.id)))
    return Scope(key="county", name=root.name if root else "全县",
                 unit_ids=tuple(u.id for u in units), county=True)


def unit_scope(unit: Unit) -> Scope:
    return Scope(key=f"unit:{unit.id}", name=unit.name, unit_ids=(unit.id,), county=False,
                 unit_id=unit.id)


def setting_for(conversation: Conversation, job: str, cfg: ScheduleConfig) -> Setting:
    default = cfg.digests[job]
    county = is_county_group(conversation, cfg)
    enabled = default.county_groups if county else default.unit_groups
    if county and not _county_office_group(conversation, cfg):
        enabled = enabled and cfg.county_unit_groups  # the same county digest once, in the office's group
    own: dict[str, Any] = dict((conversation.subscriptions or {}).get(job) or {})
    own_day = own.get("day")
    day = own_day if isinstance(own_day, str) and own_day in PUSH_DAYS else default.day
    try:
        time = parse_time(own["time"], job) if own.get("time") else default.time
    except ValueError:
        time = default.time
    since = None
    if own.get("since"):
        try:
            since = dt.datetime.fromisoformat(str(own["since"]))
        except ValueError:
            since = None
    return Setting(
        enabled=bool(own.get("enabled", enabled)),
        day=day,
        time=time,
        since=since,
    )


CHARTS = "charts"  # the key of the chart setting in Conversation.subscriptions


def charts_enabled(conversation: Conversation) -> bool:
    """Whether this group's 月报/季报 bring their chart (on unless the group switched it off)."""
    own = (conversation.subscriptions or {}).get(CHARTS) or {}
    return bool(own.get("enabled", True)) if isinstance(own, dict) else True


def as_group_takes(push: Push, conversation: Conversation) -> Push:
    """The push without its chart for a group that switched chart images off."""
    return push if push.chart is None or charts_enabled(conversation) else dataclasses.replace(push, chart=None)


def push_conversations(session: Session, channels: Channels) -> list[Conversation]:
    """Groups bound to an active unit that have a push path, in a stable order."""
    rows = session.scalars(
        select(Conversation).join(Unit, Conversation.unit_id == Unit.id)
        .where(Unit.active.is_(True)).options(contains_eager(Conversation.unit)).order_by(Conversation.id)
    )
    return [c for c in rows if channels.route(c) is not None]


def digest_targets(session: Session, cfg: ScheduleConfig, job: str, channels: Channels,
                   conversations: list[Conversation] | None = None) -> list[Target]:
    """The groups that receive this digest, with their settings."""
    if conversations is None:
        conversations = push_conversations(session, channels)
    targets = []
    for conversation in conversations:
        setting = setting_for(conversation, job, cfg)
        if setting.enabled:
            targets.append(Target(conversation, setting, is_county_group(conversation, cfg)))
    return targets
