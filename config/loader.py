"""The one way a YAML file of config/ is found, read, overlaid and re-read (README: "Configuration files").

Every file (negative_lists.yaml, rules.yaml, counting_rules.yaml, schedules.yaml, filing.yaml) is the
shipped file in config/ with the deployment's file of the same name (in the JIANFU_CONFIG folder) laid
over it by one rule, `overlay()`:

- a deployment file whose top level says `extends: default` is merged onto the shipped file: mappings
  key by key, all the way down; a list whose items are all mappings with an `id` is merged item by item
  (an item with a shipped id is merged into that item, a new id is appended); `remove: [...]` in a
  mapping drops, from the shipped mapping at that place, the keys and the list items (by id) it names;
  any other value (text, number, a plain list) replaces the shipped one;
- a deployment file without it replaces the shipped file.

`Watched` keeps a file's parsed value and re-reads it when a file's mtime or size changes; an edit the
file's own validation refuses is logged and kept as `error`, and the last good value stays in force. The
files are looked at on every use unless a server process chose to look at most once a second
(`look_at_files_every`: a message asks a dozen times, a stat per file each time).
Stores are shared per (what, folders) in a process (`shared`), so every runtime of a process reads once.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml

from config.settings import CONFIG_DIR

log = logging.getLogger(__name__)

EXTENDS = "extends"
EXTENDS_DEFAULT = "default"
REMOVE = "remove"

T = TypeVar("T")
W = TypeVar("W", bound="Watched[Any]")


class ConfigFileError(ValueError):
    """A file that cannot be read as a YAML mapping, or whose overlay is malformed."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


# --- folders and files ----------------------------------------------------------------------------

@lru_cache(maxsize=256)  # asked at every parse (the calendar): resolve each folder once
def config_dirs(config_dir: Path | str | None, shipped_dir: Path | str = CONFIG_DIR) -> tuple[Path, ...]:
    """The folders a file is looked up in, shipped first: (shipped,) or (shipped, deployment)."""
    shipped = Path(shipped_dir).resolve()
    if config_dir is None or Path(config_dir).resolve() == shipped:
        return (shipped,)
    return (shipped, Path(config_dir).resolve())


# libyaml's safe loader when PyYAML was built with it: the same documents, ≈8× faster to read (the
# example banks and negative lists are read at every process start).
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> dict[str, Any]:
    """One file's content; an empty file is an empty mapping."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise ConfigFileError(path, f"YAML 语法错误：{exc}") from exc
    except OSError as exc:
        raise ConfigFileError(path, f"无法读取：{exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigFileError(path, "文件内容应为键值映射")
    return data


@dataclass(frozen=True)
class Layered:
    """A file as the deployment sees it: the overlaid content and the files it came from."""

    doc: dict[str, Any]
    paths: tuple[Path, ...]  # the files that exist, shipped first; empty when there is none

    @property
    def origin(self) -> str:
        """The file problems are reported against: the deployment's when it has one."""
        return str(self.paths[-1]) if self.paths else ""


def read_layered(name: str, dirs: Sequence[Path]) -> Layered:
    """The file `name` of each folder in order, each laid over the one before by the one rule."""
    paths = tuple(d / name for d in dirs if (d / name).is_file())
    doc: dict[str, Any] = {}
    for n, path in enumerate(paths):
        data = read_yaml(path)
        extends = data.pop(EXTENDS, None)
        if n > 0 and extends == EXTENDS_DEFAULT:
            try:
                doc = overlay(doc, data)
            except ValueError as exc:
                raise ConfigFileError(path, str(exc)) from exc
        else:
            doc = data
    return Layered(doc=doc, paths=paths)


# --- the one overlay rule -------------------------------------------------------------------------

def overlay(base: Any, patch: Any) -> Any:
    """`patch` laid over `base` (see the module docstring); neither argument is changed."""
    if isinstance(base, dict) and isinstance(patch, dict):
        patch = dict(patch)
        removed = _names(patch.pop(REMOVE, None))
        out = {k: _without(v, removed) for k, v in base.items() if k not in removed}
        for key, value in patch.items():
            out[key] = overlay(out[key], value) if key in out else value
        return out
    if _is_id_list(base) and _is_id_list(patch):
        merged: list[Any] = list(base)
        for item in patch:
            at = next((n for n, old in enumerate(merged) if old["id"] == item["id"]), None)
            if at is None:
                merged.append(item)
            else:
                merged[at] = overlay(merged[at], item)
        return merged
    return patch


def _names(value: Any) -> frozenset[Hashable]:
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise ValueError(f"{REMOVE}: 应为要删除的编号或键名列表")
    return frozenset(value)


def _without(value: Any, ids: frozenset[Hashable]) -> Any:
    if ids and _is_id_list(value):
        return [item for item in value if item["id"] not in ids]
    return value


def _is_id_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(x, dict) and "id" in x for x in value)


# --- watched files --------------------------------------------------------------------------------

_Stamp = tuple[tuple[str, int, int], ...]
_look_every_s = 0.0  # see look_at_files_every


def look_at_files_every(seconds: float) -> None:
    """Let every Watched of this process trust its last look at its files for `seconds` (0: look at every
    use, the default). A server sets it (bot.wsgi): an edit then takes effect within that time."""
    global _look_every_s
    _look_every_s = seconds


def stamp(paths: Iterable[Path]) -> _Stamp:
    """What changes when a file is edited, created or deleted."""
    out = []
    for path in paths:
        try:
            st = path.stat()
            out.append((str(path), st.st_mtime_ns, st.st_size))
        except FileNotFoundError:
            out.append((str(path), -1, -1))
    return tuple(out)


class Watched(Generic[T]):
    """A value parsed from config files, re-read when one of them changes.

    `build` reads the files (with `read_layered`) and validates them, raising one of `refused` when
    they are wrong: then the last good value stays in force and the problem is logged and kept in
    `error`. With no good value yet, `fallback` is served if there is one, else the error is raised.
    """

    def __init__(
        self,
        files: Sequence[Path],
        build: Callable[[], T],
        refused: tuple[type[Exception], ...],
        what: str,
        fallback: T | None = None,
    ) -> None:
        self.files = tuple(files)
        self._build = build
        self._refused = refused
        self.what = what
        self._fallback = fallback
        self._lock = threading.Lock()
        self._value: T | None = None
        self._stamp: _Stamp | None = None
        self._looked = -math.inf  # time.monotonic() of the last look at the files
        self.error: Exception | None = None  # why the newest files were refused, if they were

    def current(self) -> T:
        """The newest good value (a few stat calls when nothing changed; none when the files were looked at
        less than look_at_files_every's seconds ago)."""
        value, looked = self._value, time.monotonic()
        if value is not None and looked - self._looked < _look_every_s:
            return value
        now = stamp(self.files)
        with self._lock:
            self._looked = looked
            if now != self._stamp:
                self._stamp = now
                try:
                    self._value = self._build()
                    self.error = None
                except self._refused as exc:
                    self.error = exc
                    log.error("%s not reloaded, keeping the previous version: %s", self.what, exc)
            if self._value is not None:
                return self._value
            if self._fallback is not None:
                return self._fallback
            assert self.error is not None
            raise self.error.with_traceback(None)  # raised again at every call: no growing traceback

    def reload(self) -> T:
        """Read the files again now, changed or not (e.g. after an admin command)."""
        with self._lock:
            self._stamp = None
            self._looked = -math.inf
        return self.current()


_shared: dict[tuple[Hashable, ...], Watched[Any]] = {}
_shared_lock = threading.Lock()


def shared(key: tuple[Hashable, ...], make: Callable[[], W]) -> W:
    """The process's store for `key` (what is read, from which folders), made on first use."""
    with _shared_lock:
        found = _shared.get(key)
        if found is None:
            found = _shared[key] = make()
        return found  # type: ignore[return-value]
