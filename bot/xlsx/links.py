"""Signed download links for exported files that expire: /exports/<token>.

The token is bot.signing's (the one implementation of signed links), carrying {"f": file id, "n": download
name}; its key and expiry rules are there. Files live in the export folder (Services.export_dir: JIANFU_EXPORT_DIR,
else ./data/exports) under random names; old ones are removed when new ones are made.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import time
from pathlib import Path

from bot import signing
from bot.signing import KEY_NAME, NEVER, LinkExpired, LinkInvalid, signing_key

__all__ = [
    "KEY_NAME",
    "LINK_TTL",
    "NEVER",
    "LinkExpired",
    "LinkInvalid",
    "file_path",
    "make_token",
    "new_file_id",
    "read_token",
    "remove_old",
    "signing_key",
]

LINK_TTL = dt.timedelta(hours=24)
FILE_ID = re.compile(r"^[0-9a-f]{32}$")


def make_token(key: bytes, file_id: str, name: str, expires: dt.datetime) -> str:
    return signing.sign(key, {"f": file_id, "n": name}, expires)


def read_token(key: bytes, token: str, now: dt.datetime) -> tuple[str, str]:
    """(file id, download name); raises LinkInvalid or LinkExpired."""
    data = signing.read(key, token, now)
    try:
        file_id, name = str(data["f"]), str(data["n"])
    except KeyError as exc:
        raise LinkInvalid("内容无效") from exc
    if not FILE_ID.match(file_id):
        raise LinkInvalid("文件名无效")
    return file_id, name


def file_path(directory: Path, file_id: str) -> Path:
    if not FILE_ID.match(file_id):
        raise LinkInvalid("文件名无效")
    return directory / f"{file_id}.xlsx"


def new_file_id() -> str:
    return secrets.token_hex(16)


def remove_old(directory: Path, older_than: dt.timedelta) -> int:
    """Delete exports whose links have long expired (by file age); returns how many."""
    if not directory.is_dir():
        return 0
    limit = time.time() - older_than.total_seconds()
    removed = 0
    for path in directory.glob("*.xlsx"):
        if FILE_ID.match(path.stem) and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
