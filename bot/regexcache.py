"""Compiled regular expressions kept between processes (issue 17: start time and memory).

The parser and the rule book compile about 2,600 patterns when a process starts — a quarter of a `say`
or of a server's start, paid again by every process, because Python keeps compiled patterns in memory
only. What `re` makes of a pattern (its parse turned into a list of opcodes) depends on nothing but the
pattern, the flags and the Python build, so it is kept in a file in the temporary folder, beside jieba's
dictionary (bot.nlu.wordseg), and a later process rebuilds each pattern with `_sre.compile`, the call
`re` itself ends with. A pattern rebuilt so is equal (`==`: same flags, text and code) to one compiled
afresh. Anything unexpected — another Python, a file unreadable or not ours, a call `_sre` refuses —
falls back to compiling: slower, never different.

The file is an index (pattern and flags → where its code lies) followed by the code itself, and is mapped
rather than read: a process reads the index and the code of the patterns it compiles, never the code of
the others (the file also holds what tests and other commands compiled: ≈20 MB of code where a `say`
needs 1.7 MB). Each save puts what the saving process used last and drops the oldest past MAX_BYTES of code.

`install()` puts the cache under `re` for the whole process (every `re.compile`, `re.search(str, …)`);
`save()` writes what was compiled anew, once the process has compiled what it needs (after warm-up,
and at exit); `release()` lets go of the file once a server's master has compiled what its workers share.
"""

from __future__ import annotations

import atexit
import marshal
import mmap
import re
import struct
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
MAX_BYTES = 8_000_000  # code the file keeps at most: the oldest (least lately saved as used) go first
_CODE_TYPE = {2: "H", 4: "I"}.get(_sre.CODESIZE, "I")
_HEADER = struct.Struct("<8sQ")  # magic, length of the index that follows
_MAGIC = b"jfrx\x02\x00\x00\x00"

# (pattern, flags) → (flags as compiled, code as bytes, groups, group index, index group); or, for `remembered`,
# a longer key → a string
_Key = tuple[str | int | bool, ...]
_Compiled = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
# In the file's index: (flags as compiled, offset of the code after the index, its length in bytes, groups,
# group index, index group)
_Placed = tuple[int, int, int, int, dict[str, int], tuple[str | None, ...]]

_lock = threading.Lock()
_stored: dict[_Key, _Compiled | _Placed | str] = {}
_new: dict[_Key, _Compiled | str] = {}
_used: set[_Key] = set()
_original: Callable[..., Any] | None = None
_code: memoryview | None = None  # the mapped file's code, after the index
_mapped: mmap.mmap | None = None


def cache_path() -> Path:
    """The file for this Python build (another Python gets another file), in bot.tempcache."""
    return tempcache.path("regex", (sys.version, str(sys.implementation.cache_tag), str(_sre.MAGIC),
                                    str(_sre.CODESIZE), _MAGIC.hex()), ".bin")


def install() -> None:
    """Serve `re`'s compilations from the file from now on (once per process; later calls do nothing)."""
    global _original, _code, _mapped
    with _lock:
        if _original is not None:
            return
        _mapped, index, _code = _load(cache_path())
        _stored.update(index)
        _original = _compiler.compile
        _compiler.compile = _compile
    atexit.register(save)


def release() -> None:
    """Forget the file (its index and its mapping): what this process compiled stays compiled, a pattern it
    compiles later is compiled afresh (and saved at exit). A server's master calls it before forking, so that
    no worker carries the index of patterns it never compiles."""
    global _code, _mapped
    with _lock:
        _stored.clear()
        _used.clear()
        _close(_mapped, _code)
        _mapped, _code = None, None


def save() -> None:
    """Write the file again when this process compiled patterns it did not hold: the entries on disk now, then
    what this process used and compiled, last (the newest); into a temporary file, then renamed, so that
    another process never reads half a file."""
    with _lock:
        if not _new:
            return
        new = dict(_new)
        used = set(_used)
        _new.clear()
    mapped, index, code = _load(cache_path())
    try:
        merged: dict[_Key, _Compiled | str] = {}
        for key in [*(k for k in index if k not in used), *(k for k in index if k in used)]:
            value = _materialized(index[key], code)
            if value is not None and key not in new:
                merged[key] = value
    finally:
        _close(mapped, code)
    merged.update(new)
    if len(merged) > MAX_PATTERNS:
        merged = {key: value for key, value in merged.items() if key in used or key in new}
    total = sum(len(value[1]) for value in merged.values() if not isinstance(value, str))
    for key in list(merged):
        if total <= MAX_BYTES:
            break
        value = merged.pop(key)
        total -= 0 if isinstance(value, str) else len(value[1])
    tempcache.write_bytes(cache_path(), _dumps(merged))
    with _lock:
        for key, value in new.items():  # this process's own, now also on disk
            _stored.setdefault(key, value)


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


def stored(key: _Key) -> _Compiled | str | None:
    """What the file (or this process, since) holds under `key`, its code read out."""
    found = _stored.get(key, _new.get(key))
    return None if found is None else _materialized(found, _code)


def _cached(key: _Key, pattern: str) -> Any:
    """The pattern rebuilt from the code stored under `key`, counted as used; None when none is stored or it is stale."""
    found = _stored.get(key, _new.get(key))
    if isinstance(found, tuple):
        compiled = _rebuilt(pattern, _materialized(found, _code))
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


def _materialized(found: _Compiled | _Placed | str, code: memoryview | None) -> Any:
    """An entry with its code as bytes (an index entry's read from the mapped file); None when it lies outside."""
    if isinstance(found, str) or len(found) == 5:
        return found
    try:
        flags, offset, length, groups, groupindex, indexgroup = found
        if code is None or not 0 <= offset <= offset + length <= len(code):
            return None
        return (flags, bytes(code[offset:offset + length]), groups, groupindex, indexgroup)
    except (TypeError, ValueError):  # a damaged index
        return None


def _rebuilt(pattern: str, stored: _Compiled | None) -> Any:
    if stored is None:
        return None
    try:
        return _sre.compile(pattern, stored[0], array(_CODE_TYPE, stored[1]).tolist(), *stored[2:])
    except (TypeError, ValueError, OverflowError, RuntimeError):
        return None


def _dumps(entries: dict[_Key, _Compiled | str]) -> bytes:
    """The file: header, index (marshal), then each entry's code, in the index's order."""
    index: dict[_Key, _Placed | str] = {}
    chunks: list[bytes] = []
    offset = 0
    for key, value in entries.items():
        if isinstance(value, str):
            index[key] = value
            continue
        flags, code, groups, groupindex, indexgroup = value
        index[key] = (flags, offset, len(code), groups, groupindex, indexgroup)
        chunks.append(code)
        offset += len(code)
    head = marshal.dumps(index)
    return b"".join((_HEADER.pack(_MAGIC, len(head)), head, *chunks))


def _load(path: Path) -> tuple[mmap.mmap | None, dict[_Key, _Placed | str], memoryview | None]:
    """(the mapping, the index, the code after it); nothing when there is no trusted, well-formed file."""
    mapped = tempcache.mapped(path)
    if mapped is None:
        return None, {}, None
    try:
        magic, length = _HEADER.unpack_from(mapped, 0)
        if magic != _MAGIC or _HEADER.size + length > len(mapped):
            raise ValueError("not an index")
        index = marshal.loads(mapped[_HEADER.size:_HEADER.size + length])
        if not isinstance(index, dict):
            raise ValueError("not an index")
    except (struct.error, EOFError, ValueError, TypeError):
        mapped.close()
        return None, {}, None
    return mapped, index, memoryview(mapped)[_HEADER.size + length:]


def _close(mapped: mmap.mmap | None, code: memoryview | None) -> None:
    try:
        if code is not None:
            code.release()
        if mapped is not None:
            mapped.close()
    except BufferError:  # a view of it still held somewhere: the mapping goes with the last of them
        pass


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
