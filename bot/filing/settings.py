"""The deployment's 报备/审批/备案 settings (config/filing.yaml), overlaid by JIANFU_CONFIG.

Read by the role model (who approves which units), the filing requirement's fallback and the scheduler.
A malformed file never takes the bot down: a wrong value falls back to its default, an unreadable file
keeps the last good settings (the defaults at first), and the problem is logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from config.loader import ConfigFileError, Watched, config_dirs, read_layered, shared

log = logging.getLogger(__name__)

FILE_NAME = "filing.yaml"
KINDS = ("meeting", "document", "inspection", "report")
DIRECTIONS = ("outgoing", "incoming")


@dataclass(frozen=True)
class FilingSettings:
    approver_units: tuple[str, ...] = ("县委办", "县政府办")
    # kind → directions that must be filed; used only when rules.yaml has no advance_filing items.
    requires: dict[str, tuple[str, ...]] = field(
        default_factory=lambda: {"meeting": ("outgoing",), "document": ("outgoing",), "inspection": ("outgoing",)}
    )

    def kind_requires_filing(self, kind: str, direction: str | None) -> bool:
        return (direction or "outgoing") in self.requires.get(kind, ())


def settings_file(config_dir: Path | str | None = None) -> Watched[FilingSettings]:
    """The process's filing settings of this config folder, re-read when the file changes. A file that
    cannot be read is refused: the last good settings stay, or the defaults when there were none."""
    dirs = config_dirs(config_dir)
    return shared((FILE_NAME, *dirs), lambda: Watched(
        [d / FILE_NAME for d in dirs], lambda: _build(read_layered(FILE_NAME, dirs).doc), (ConfigFileError,),
        FILE_NAME, fallback=FilingSettings()))


def load(config_dir: Path | str | None = None) -> FilingSettings:
    """The shipped config/filing.yaml with the deployment folder's file laid over it (config.loader)."""
    return settings_file(config_dir).current()


def _build(data: dict[str, Any]) -> FilingSettings:
    default = FilingSettings()
    units = data.get("approver_units", default.approver_units)
    if isinstance(units, str):
        units = [units]
    if not isinstance(units, (list, tuple)) or not all(isinstance(u, str) for u in units):
        log.error("filing.yaml approver_units must be a list of unit names; keeping defaults")
        units = default.approver_units
    requires = default.requires
    raw = data.get("requires")
    if isinstance(raw, dict):
        parsed: dict[str, tuple[str, ...]] = {}
        for kind, directions in raw.items():
            values = [directions] if isinstance(directions, str) else list(directions or [])
            if kind in KINDS and all(d in DIRECTIONS for d in values):
                parsed[kind] = tuple(values)
            else:
                log.error("filing.yaml requires.%s=%r ignored", kind, directions)
        requires = parsed
    return FilingSettings(approver_units=tuple(units), requires=requires)
