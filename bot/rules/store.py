"""Hot reload: rules change in the YAML without a restart, and a broken edit never takes the bot down.

`RuleStore.current()` is cheap (a few stat calls); it reloads only when a file's mtime or size
changed, keeps serving the last good RuleBook when the new files are malformed, and exposes why
(`error`). The watching is config.loader's, as for every YAML file of config/.
"""

from __future__ import annotations

import logging
from pathlib import Path

from bot.rules.loader import LISTS_FILE, RULES_FILE, RuleConfigError, load_rulebook
from bot.rules.schema import RuleBook
from config.loader import Watched, config_dirs, shared
from config.settings import CONFIG_DIR

log = logging.getLogger(__name__)

DEFAULT_CONFIG_DIR = CONFIG_DIR


class RuleStore(Watched[RuleBook]):
    """The shipped defaults in config/, overlaid by a deployment's folder (JIANFU_CONFIG) if different."""

    def __init__(self, config_dir: Path | str | None = None, default_dir: Path | str = DEFAULT_CONFIG_DIR) -> None:
        self.dirs = list(config_dirs(config_dir, default_dir))
        files = [d / name for d in self.dirs for name in (LISTS_FILE, RULES_FILE)]
        super().__init__(files, lambda: load_rulebook(self.dirs), (RuleConfigError,), "rules")


def default_store(config_dir: Path | str | None = None) -> RuleStore:
    """The process's store for this config folder (default: the shipped rules alone)."""
    dirs = config_dirs(config_dir)
    return shared(("rules", *dirs), lambda: RuleStore(config_dir))


def available_rulebook(store: RuleStore) -> RuleBook | None:
    """The current RuleBook, or None when no valid rules were ever loaded: a filing goes on without
    them (approvers check by hand) rather than failing."""
    try:
        return store.current()
    except RuleConfigError:
        log.exception("rule book unavailable")
        return None
