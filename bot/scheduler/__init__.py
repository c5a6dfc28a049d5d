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
"""

from bot.scheduler.config import ScheduleConfig, load_config
from bot.scheduler.runner import Scheduler, TickReport

__all__ = ["ScheduleConfig", "Scheduler", "TickReport", "load_config"]
