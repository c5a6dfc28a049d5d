"""The deployment's 报备/审批/备案 settings (config/filing.yaml), overlaid by JIANFU_CONFIG.

Read by the role model (who approves which units), the filing requirement's fallback and the scheduler.
A malformed file never takes the bot down: the shipped defaults stay in force and the problem is logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from config.settings import CONFIG_DIR

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


_cache: dict[tuple[str, ...], tuple[tuple[tuple[int, int], ...], FilingSettings]] = {}


def load(config_dir: Path | str | None = None) -> FilingSettings:
    """The shipped config/filing.yaml, with the deployment folder's file (if any) laid over it key by key."""
    paths = [CONFIG_DIR / FILE_NAME]
    if config_dir is not None and Path(config_dir).resolve() != CONFIG_DIR.resolve():
        paths.append(Path(config_dir) / FILE_NAME)
    key = tuple(str(p) for p in paths)
    stamp = tuple((p.stat().st_mtime_ns, p.stat().st_size) if p.exists() else (-1, -1) for p in paths)
    cached = _cache.get(key)
    if cached and cached[0] == stamp:
        return cached[1]
    merged: dict[str, Any] = {}
    for path in paths:
        if path.exists():
            merged.update(_read(path))
    settings = _build(merged)
    _cache[key] = (stamp, settings)
    return settings


def for_services(services: dict[str, Any]) -> FilingSettings:
    settings = services.get("settings")
    return load(getattr(settings, "config_dir", None))


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        log.error("%s unreadable, keeping defaults: %s", path, exc)
        return {}
    if not isinstance(data, dict):
        log.error("%s: top level must be a mapping; keeping defaults", path)
        return {}
    return data


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
