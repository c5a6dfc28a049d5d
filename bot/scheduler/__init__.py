"""Scheduled analyses, reminders and alerts (每周一分析、每月一研判、每季一通报), pushed exactly once.

- config.py     config/schedules.yaml (defaults) → ScheduleConfig
- periods.py    when each digest is due and which period it covers (days and months: bot.calendar)
- targets.py    which groups get which digest (county groups: county-wide; unit groups: their unit)
- figures.py    the numbers (repo.count_entries, 同比, rankings, quota usage)
- digests.py    weekly / monthly / quarterly builders → render.Digest → bot.push.Push
- reminders.py  day-before and 备案 reminders, quota alerts (with Notification rows)
- runner.py     Scheduler.tick(now): lease → plan → queue in the Outbox under dedupe keys
- service.py    APScheduler wiring (SQLAlchemy job store), used by bot.background
- cli.py        `python -m bot push-now …` and `python -m bot clock`

Importing the package (bot.services reads config.py at every start) loads none of the others: the runner,
the digests and their charts come with the first `Scheduler` asked for (issue 17: start time).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.scheduler.config import ScheduleConfig, load_config
    from bot.scheduler.runner import Scheduler, TickReport

__all__ = ["ScheduleConfig", "Scheduler", "TickReport", "load_config"]
_HOMES = {"ScheduleConfig": "config", "load_config": "config", "Scheduler": "runner", "TickReport": "runner"}


def __getattr__(name: str) -> Any:
    """`from bot.scheduler import Scheduler`: the runner module, imported on first use."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
