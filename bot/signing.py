"""Signed, expiring tokens: the one implementation behind export download links (bot.xlsx.links) and
board links (bot.board.links).

token = base64url(JSON payload with "e": expiry, unix seconds) "." base64url(HMAC-SHA256(key, payload)).
The key is JIANFU_SECRET_KEY (Settings.secret_key) when set, else a random key created once and kept in
the database (TokenCache "exports.signing_key"), so every process of a deployment signs and checks alike.
Expiry is checked against the injected clock.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import TokenCache
from storage.timeutil import UTC

KEY_NAME = "exports.signing_key"
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


def sign(key: bytes, data: dict[str, Any], expires: dt.datetime) -> str:
    """A token carrying `data` (JSON-able, short keys) valid until `expires`."""
    body = {**data, "e": int(expires.timestamp())}
    payload = _b64(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode())
    return f"{payload}.{_sign(key, payload)}"


def read(key: bytes, token: str, now: dt.datetime) -> dict[str, Any]:
    """The data a token carries ("e": its expiry); raises LinkInvalid (not ours, altered) or LinkExpired."""
    if not token.isascii():  # our tokens are base64url; hmac.compare_digest refuses non-ASCII str
        raise LinkInvalid("签名无效")
    payload, _, signature = token.partition(".")
    if not payload or not signature or not hmac.compare_digest(signature.encode(), _sign(key, payload).encode()):
        raise LinkInvalid("签名无效")
    try:
        data = json.loads(_unb64(payload))
        if not isinstance(data, dict):
            raise TypeError("not an object")
        expires = int(data["e"])
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise LinkInvalid("内容无效") from exc
    if now.timestamp() >= expires:
        raise LinkExpired("链接已过期")
    return data


def _sign(key: bytes, payload: str) -> str:
    return _b64(hmac.new(key, payload.encode(), hashlib.sha256).digest())


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
