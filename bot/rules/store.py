"""Hot reload: rules change in the YAML without a restart, and a broken edit never takes the bot down.

`RuleStore.current()` is cheap (a few stat calls); it reloads only when a file's mtime or size
changed, keeps serving the last good RuleBook when the new files are malformed, and exposes why.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from bot.rules.loader import LISTS_FILE, RULES_FILE, RuleConfigError, load_rulebook
from bot.rules.schema import RuleBook

log = logging.getLogger(__name__)

DEFAULT_CONFIG_DIR = Path(__file__).resolve().parents[2] / "config"

_Stamp = tuple[tuple[str, int, int], ...]


class RuleStore:
    """The shipped defaults in config/, overlaid by a deployment's folder (JIANFU_CONFIG) if different."""

    def __init__(self, config_dir: Path | str | None = None, default_dir: Path | str = DEFAULT_CONFIG_DIR) -> None:
        dirs = [Path(default_dir).resolve()]
        if config_dir is not None and Path(config_dir).resolve() != dirs[0]:
            dirs.append(Path(config_dir).resolve())
        self.dirs = dirs
        self._lock = threading.Lock()
        self._book: RuleBook | None = None
        self._stamp: _Stamp | None = None
        self.error: RuleConfigError | None = None  # why the newest files were refused, if they were

    def _files(self) -> list[Path]:
        return [d / name for d in self.dirs for name in (LISTS_FILE, RULES_FILE)]

    def _stamp_now(self) -> _Stamp:
        out = []
        for path in self._files():
            try:
                st = path.stat()
                out.append((str(path), st.st_mtime_ns, st.st_size))
            except FileNotFoundError:
                out.append((str(path), -1, -1))
        return tuple(out)

    def current(self) -> RuleBook:
        """The newest valid RuleBook. Raises RuleConfigError only if no valid rules were ever loaded."""
        stamp = self._stamp_now()
        with self._lock:
            if stamp != self._stamp:
                self._stamp = stamp
                try:
                    self._book = load_rulebook(self.dirs)
                    self.error = None
                except RuleConfigError as exc:
                    self.error = exc
                    log.error("rules not reloaded, keeping the previous ones: %s", exc)
            if self._book is None:
                assert self.error is not None
                raise self.error
            return self._book

    def reload(self) -> RuleBook:
        """Force a re-read on the next access (e.g. after an admin command)."""
        with self._lock:
            self._stamp = None
        return self.current()


_default: RuleStore | None = None
_default_lock = threading.Lock()


def default_store(config_dir: Path | str | None = None) -> RuleStore:
    """A process-wide store; the first call decides the overlay folder (normally settings.config_dir)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = RuleStore(config_dir)
        return _default


def rule_store(services: dict[str, Any]) -> RuleStore:
    """The store of this process's services (tests may inject their own as services["rules"])."""
    store: RuleStore | None = services.get("rules")
    if store is None:
        settings = services.get("settings")
        store = default_store(settings.config_dir) if settings is not None else default_store()
        services["rules"] = store
    return store


def available_rulebook(services: dict[str, Any]) -> RuleBook | None:
    """The current RuleBook, or None when no valid rules were ever loaded: a filing goes on without
    them (approvers check by hand) rather than failing."""
    try:
        return rule_store(services).current()
    except RuleConfigError:
        log.exception("rule book unavailable")
        return None
