"""What handlers, the scheduler and the CLI share in a process: built once by bot.runtime.build().

Every field is typed and set at construction; the configuration files are watched stores (config.loader)
that re-read their YAML when it changes, so holding one here never freezes a deployment's settings.
A test that needs other services makes a copy: `dataclasses.replace(services, export_dir=…)` or
`services.with_config_dir(folder)`, and hands it to the runtime (`runtime.services = …`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from bot.channels.registry import Channels
from bot.clock import Clock
from bot.filing.settings import FilingSettings, settings_file
from bot.rules.store import RuleStore, default_store
from bot.scheduler.config import ScheduleConfig, schedules_file
from bot.stats.counting_rules import CountingRules, rules_file
from bot.xlsx.links import LINK_TTL
from config.loader import Watched
from config.settings import Settings
from storage.db import Database

@dataclass(frozen=True)
class Services:
    settings: Settings
    db: Database
    clock: Clock
    rules: RuleStore  # negative_lists.yaml + rules.yaml → RuleBook
    counting_rules: Watched[CountingRules]  # counting_rules.yaml (统计口径)
    schedules: Watched[ScheduleConfig]  # schedules.yaml (digests, reminders, calendar, push window)
    filing: Watched[FilingSettings]  # filing.yaml (approver units, what must be filed)
    channels: Channels  # the registered platforms, configured by the settings
    export_dir: Path  # where exported workbooks are written and downloaded from
    export_link_ttl: dt.timedelta = LINK_TTL  # how long a download link stays valid

    @property
    def board_link_ttl(self) -> dt.timedelta:
        """How long a 看板 link stays valid: JIANFU_BOARD_LINK_HOURS, default 12 h."""
        return dt.timedelta(hours=self.settings.board_link_hours)

    @classmethod
    def from_settings(cls, settings: Settings, db: Database, clock: Clock) -> Services:
        """The services of a deployment: its config folder's files, its export folder."""
        folder = settings.config_dir
        return cls(
            settings=settings,
            db=db,
            clock=clock,
            rules=default_store(folder),
            counting_rules=rules_file(folder),
            schedules=schedules_file(folder),
            filing=settings_file(folder),
            channels=Channels(settings),
            export_dir=settings.export_dir,
        )

    def with_config_dir(self, folder: Path) -> Services:
        """The same services reading the YAML of another config folder (over the shipped files)."""
        settings = dataclasses.replace(self.settings, config_dir=folder)
        return dataclasses.replace(Services.from_settings(settings, self.db, self.clock), channels=self.channels,
                                   export_dir=self.export_dir, export_link_ttl=self.export_link_ttl)
