"""One way to call the WeCom API: JSON in, JSON out, every failure a DeliveryError the Outbox understands.

WeCom answers HTTP 200 with an `errcode` for API errors (protocols.md §2.1), so the JSON is always
checked; network failures and non-200 answers are transient (retried with backoff).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from bot.outbox import DeliveryError

if TYPE_CHECKING:  # imported when first used: a `say` or a worker that pushes nothing never loads requests (≈55 ms)
    import requests

log = logging.getLogger(__name__)

TIMEOUT = (5.0, 10.0)  # connect, read (seconds)
# errcode 45009: "api freq out of limit". WeCom counts per minute; try again after one.
FREQUENCY_LIMITED = 45009
RATE_RETRY_SECONDS = 60.0


def new_session() -> requests.Session:
    import requests

    session = requests.Session()
    session.trust_env = False  # no proxies from the environment between us and WeCom
    return session


def call(
    http: requests.Session,
    method: str,
    url: str,
    *,
    params: dict[str, str] | None = None,
    body: dict[str, Any] | None = None,
    what: str = "WeCom API",
) -> dict[str, Any]:
    """The decoded JSON answer (errcode not yet checked), or DeliveryError for transport failures."""
    import requests

    try:
        response = http.request(method, url, params=params, json=body, timeout=TIMEOUT)
    except requests.RequestException as exc:
        raise DeliveryError(f"{what}: {type(exc).__name__}") from exc
    if response.status_code != 200:
        raise DeliveryError(f"{what}: HTTP {response.status_code}")
    try:
        data = response.json()
    except ValueError as exc:
        raise DeliveryError(f"{what}: answer is not JSON") from exc
    if not isinstance(data, dict):
        raise DeliveryError(f"{what}: answer is not a JSON object")
    return data


def errcode(data: dict[str, Any]) -> int:
    try:
        return int(data.get("errcode", 0))
    except (TypeError, ValueError):
        return -1


def describe(data: dict[str, Any]) -> str:
    return f"errcode {errcode(data)}: {str(data.get('errmsg', ''))[:200]}"


def same_origin(url: str, base: str) -> bool:
    """True when `url` points at the configured WeCom API host (no posting secrets elsewhere)."""
    target, allowed = urlsplit(url), urlsplit(base)
    return (target.scheme, target.netloc) == (allowed.scheme, allowed.netloc)


def mask(secret: str) -> str:
    """A robot key or token shown in logs: enough to recognise, not enough to use."""
    return secret[:4] + "…" if len(secret) > 8 else "…"
