"""Compiled regular expressions kept between processes (issue 17: start time).

The parser and the rule book compile about 2,600 patterns when a process starts — a quarter of a `say`
or of a server's start, paid again by every process, because Python keeps compiled patterns in memory
only. What `re` makes of a pattern (its parse turned into a list of opcodes) depends on nothing but the
pattern, the flags and the Python build, so it is kept in a file in the temporary folder, beside jieba's
dictionary (bot.nlu.wordseg), and a later process rebuilds each pattern with `_sre.compile`, the call
`re` itself ends with. A pattern rebuilt so is equal (`==`: same flags, text and code) to one compiled
afresh. Anything unexpected — another Python, a file unreadable or not ours, a call `_sre` refuses —
falls back to compiling: slower, never different.

`install()` puts the cache under `re` for the whole process (every `re.compile`, `re.search(str, …)`);
`save()` writes what was compiled anew, once the process has compiled what it needs (after warm-up,
and at exit).
"""

from __future__ import annotations

import atexit
import marshal
import re
import sys
import threading
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

import _sre  # type: ignore[import-not-found]
import re._compiler as _compiler  # type: ignore[import-not-found]
import re._parser as _parser  # type: ignore[import-not-found]

from bot import tempcache

MAX_PATTERNS = 20_000  # past this, a save keeps only what this process used (test runs compile many one-offs)
_CODE_TYPE = {2: "H", 4: "I"}.get(_sre.CODESIZE, "I")

# (pattern, flags) → (flags as compiled, code as bytes, groups, group index, index group); or, for `remembered`,
# a longer key → a string
_Key = tuple[str | int | bool, ...]
_Compiled = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]

_lock = threading.Lock()
_stored: dict[_Key, _Compiled | str] = {}
_new: dict[_Key, _Compiled | str] = {}
_used: set[_Key] = set()
_original: Callable[..., Any] | None = None


def cache_path() -> Path:
    """The file for this Python build (another Python gets another file), in bot.tempcache."""
    return tempcache.path("regex", (sys.version, str(sys.implementation.cache_tag), str(_sre.MAGIC),
                                    str(_sre.CODESIZE)), ".marshal")


def install() -> None:
    """Serve `re`'s compilations from the file from now on (once per process; later calls do nothing)."""
    global _original
    with _lock:
        if _original is not None:
            return
        _stored.update(_load(cache_path()))
        _original = _compiler.compile
        _compiler.compile = _compile
    atexit.register(save)


def save() -> None:
    """Write the file again when this process compiled patterns it did not hold: into a temporary file,
    then renamed, so that another process never reads half a file."""
    with _lock:
        if not _new:
            return
        merged = {**_stored, **_new}
        if len(merged) > MAX_PATTERNS:
            merged = {key: value for key, value in merged.items() if key in _used}
        _stored.update(_new)
        _new.clear()
    tempcache.write_bytes(cache_path(), marshal.dumps(merged))


def remembered(key: tuple[str | int | bool, ...], derive: Callable[[], str]) -> str:
    """A string worked out from patterns alone (a guard, bot.nlu.firstchars), kept in the same file: `key`
    names everything it depends on, the code that derives it included."""
    found = _stored.get(key, _new.get(key))
    if isinstance(found, str):  # "" too: a pattern left unguarded
        _used.add(key)
        return found
    value = derive()
    with _lock:
        _new[key] = value
        _used.add(key)
    return value


def _cached(key: _Key, pattern: str) -> Any:
    """The pattern rebuilt from the code stored under `key`, counted as used; None when none is stored or it is stale."""
    stored = _stored.get(key, _new.get(key))
    if isinstance(stored, tuple):
        compiled = _rebuilt(pattern, stored)
        if compiled is not None:
            _used.add(key)
            return compiled
    return None


def built(key: _Key, pattern: str, build: Callable[[], _Compiled | None]) -> Any:
    """`pattern` compiled from the code `build` works out (code `re` would not make by itself, bot.nlu.firstchars),
    kept in the same file under `key`, which names the code that builds it; None when `build` cannot or `_sre`
    refuses the code (the caller compiles the pattern as `re` does)."""
    cached = _cached(key, pattern)
    if cached is not None:
        return cached
    entry = build()
    compiled = _rebuilt(pattern, entry) if entry is not None else None
    if entry is not None and compiled is not None:
        with _lock:
            if len(_new) < MAX_PATTERNS:
                _new[key] = entry
                _used.add(key)
    return compiled


def entry(parsed: Any, flags: int, code: list[int]) -> _Compiled:
    """What the file keeps of a pattern compiled from `code`: its flags, code, groups and group names."""
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), array(_CODE_TYPE, code).tobytes(), parsed.state.groups - 1, groupindex,
            tuple(indexgroup))


def _rebuilt(pattern: str, stored: _Compiled) -> Any:
    try:
        return _sre.compile(pattern, stored[0], array(_CODE_TYPE, stored[1]).tolist(), *stored[2:])
    except (TypeError, ValueError, OverflowError, RuntimeError):
        return None


def _load(path: Path) -> dict[_Key, _Compiled | str]:
    raw = tempcache.read_bytes(path)
    try:
        loaded = marshal.loads(raw) if raw is not None else None
    except (EOFError, ValueError, TypeError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _compile(pattern: Any, flags: int = 0) -> Any:
    """`re._compiler.compile`, from the file when it holds the pattern."""
    original = _original
    assert original is not None
    if not isinstance(pattern, str) or flags & re.DEBUG:
        return original(pattern, flags)
    key: _Key = (pattern, int(flags))
    cached = _cached(key, pattern)
    if cached is not None:
        return cached
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    found = entry(parsed, flags, code)
    compiled = _sre.compile(pattern, found[0], code, *found[2:])
    with _lock:
        if len(_new) < MAX_PATTERNS:  # a process that compiles patterns without end keeps no more than a file holds
            _new[key] = found
            _used.add(key)
    return compiled
