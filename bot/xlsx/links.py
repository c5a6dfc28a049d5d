"""Signed download links for exported files that expire: /exports/<token>.

token = base64url(JSON {"f": file id, "n": download name, "e": expiry, unix seconds}) "." HMAC-SHA256.
The key is JIANFU_SECRET_KEY (Settings.secret_key) when set, else a random key created once and kept in the database
(TokenCache "exports.signing_key"), so every process of a deployment signs and checks alike. Expiry is
checked against the injected clock. Files live in the export folder (Services.export_dir: JIANFU_EXPORT_DIR,
else ./data/exports) under random names; old ones are removed when new ones are made.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import re
import secrets
import time
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import TokenCache
from storage.timeutil import UTC


KEY_NAME = "exports.signing_key"
LINK_TTL = dt.timedelta(hours=24)
FILE_ID = re.compile(r"^[0-9a-f]{32}$")
NEVER = dt.datetime(2999, 12, 31, tzinfo=UTC)


class LinkInvalid(ValueError):
    """Not a token this deployment signed."""


class LinkExpired(ValueError):
    """A genuine token whose time is up."""


def signing_key(session: Session, configured: str) -> bytes:
    """The deployment's key: `configured` (Settings.secret_key, JIANFU_SECRET_KEY) when set, else the
    database's, made by the first process that needs it."""
    if configured:
        return configured.encode()
    row = session.get(TokenCache, KEY_NAME)
    if row is None:
        try:
            with session.begin_nested():
                row = TokenCache(name=KEY_NAME, value=secrets.token_hex(32), expires_at=NEVER)
                session.add(row)
                session.flush()
        except IntegrityError:  # another process made it first
            row = session.get(TokenCache, KEY_NAME)
            assert row is not None
    return row.value.encode()


def make_token(key: bytes, file_id: str, name: str, expires: dt.datetime) -> str:
    payload = _b64(json.dumps({"f": file_id, "n": name, "e": int(expires.timestamp())},
                              ensure_ascii=False, separators=(",", ":")).encode())
    return f"{payload}.{_sign(key, payload)}"


def read_token(key: bytes, token: str, now: dt.datetime) -> tuple[str, str]:
    """(file id, download name); raises LinkInvalid or LinkExpired."""
    if not token.isascii():  # our tokens are base64url; hmac.compare_digest refuses non-ASCII str
        raise LinkInvalid("签名无效")
    payload, _, signature = token.partition(".")
    if not payload or not signature or not hmac.compare_digest(signature.encode(), _sign(key, payload).encode()):
        raise LinkInvalid("签名无效")
    try:
        data = json.loads(_unb64(payload))
        file_id, name, expires = str(data["f"]), str(data["n"]), int(data["e"])
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise LinkInvalid("内容无效") from exc
    if not FILE_ID.match(file_id):
        raise LinkInvalid("文件名无效")
    if now.timestamp() >= expires:
        raise LinkExpired("链接已过期")
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


def _sign(key: bytes, payload: str) -> str:
    return _b64(hmac.new(key, payload.encode(), hashlib.sha256).digest())


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
