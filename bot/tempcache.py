"""Files in the temporary folder that spare a later process the work an earlier one did at start (issue 17):
jieba's dictionary (bot.nlu.wordseg), the example banks' index (bot.rules.meaning.termcache), compiled
patterns (bot.regexcache) — where jieba keeps its own cache.

Each file is named after everything it was made from, so a stale one is never read; written to a
temporary file and renamed, so none is ever read half written; and read only when this user owns it and
nobody else may write it, so that another account on the machine cannot plant one. Without a writable
temporary folder nothing is kept and every process does the work again: slower, never different.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path


def path(kind: str, parts: Iterable[str], suffix: str) -> Path:
    """`jianfu-<kind>-<digest of parts>-<uid><suffix>` in the temporary folder: one per user."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x1d")
    return Path(tempfile.gettempdir()) / f"jianfu-{kind}-{digest.hexdigest()[:16]}-{os.getuid()}{suffix}"


def trusted(file: Path) -> bool:
    """A regular file of this user's that no one else may write."""
    try:
        info = file.stat()
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o022


def read_bytes(file: Path) -> bytes | None:
    """The file's content, or None when there is none yet or it is not to be trusted."""
    if not trusted(file):
        return None
    try:
        return file.read_bytes()
    except OSError:
        return None


def mapped(file: Path) -> mmap.mmap | None:
    """The file mapped read-only (pages are read when touched, and shared with other processes mapping it),
    or None when there is none, it is empty or it is not to be trusted (checked on the file opened)."""
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not (stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o022) or not info.st_size:
            return None
        return mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)


def write(file: Path, fill: Callable[[str], None]) -> None:
    """`fill(temporary path)` writes the content, which is then renamed to `file`; nothing on failure."""
    try:
        fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=file.name, suffix=".tmp")  # mode 0600
        os.close(fd)
    except OSError:
        return
    try:
        fill(tmp)
        os.replace(tmp, file)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_bytes(file: Path, data: bytes) -> None:
    def fill(tmp: str) -> None:
        Path(tmp).write_bytes(data)

    write(file, fill)
