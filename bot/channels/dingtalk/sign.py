"""DingTalk signatures (research/protocols.md §4.1, §5).

Both directions use Base64(HmacSHA256(key=secret, message=timestamp + "\\n" + secret)):
- incoming HTTP-mode callbacks carry it in the `timestamp`/`sign` headers, keyed by the app's AppSecret,
  compared as is (not URL-encoded), timestamp within one hour of our clock;
- outgoing custom-robot pushes (加签) append `&timestamp=…&sign=…` to the webhook URL, keyed by the robot's
  `SEC…` secret, with the sign URL-encoded.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import hmac
import urllib.parse

# DingTalk refuses (and we refuse) a signature whose timestamp is more than an hour from now.
WINDOW_MS = 60 * 60 * 1000


def sign(timestamp: str, secret: str) -> str:
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


class Check(enum.Enum):
    OK = "ok"
    MISSING = "missing"  # a header is absent or empty
    MALFORMED = "malformed"  # the timestamp is not a number of milliseconds
    STALE = "stale"  # outside the one-hour window, either side
    MISMATCH = "mismatch"  # wrong secret or tampered sign

    @property
    def http_status(self) -> int:
        """401 when the request is not signed at all, 403 when it is signed wrongly."""
        return {Check.OK: 200, Check.MISSING: 401, Check.MALFORMED: 401}.get(self, 403)


def verify_callback(timestamp: str | None, signature: str | None, app_secret: str, now_ms: int) -> Check:
    """Check an HTTP-mode callback's headers before anything else is looked at."""
    if not timestamp or not signature or not app_secret:
        return Check.MISSING
    if not timestamp.isascii() or not timestamp.isdigit() or len(timestamp) > 15:
        return Check.MALFORMED
    if abs(now_ms - int(timestamp)) > WINDOW_MS:
        return Check.STALE
    if not hmac.compare_digest(signature.encode("utf-8", "replace"), sign(timestamp, app_secret).encode("ascii")):
        return Check.MISMATCH
    return Check.OK


def robot_send_url(url: str, secret: str | None, now_ms: int) -> str:
    """The custom-robot webhook URL with 加签 parameters appended (unchanged when there is no secret)."""
    if not secret:
        return url
    timestamp = str(now_ms)
    encoded = urllib.parse.quote_plus(sign(timestamp, secret))
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}timestamp={timestamp}&sign={encoded}"
