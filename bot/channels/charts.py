"""The chart item of a push, as every platform's sender sees it: data to draw, never what it measures.

A digest's chart reaches the Outbox as {"title", "text", "chart": Chart.to_json()} (bot.push). A sender
draws it in its platform's form: WeCom's group robot as an image message (`png`), DingTalk as a markdown
image whose address is a signed link to this app (`ChartLinks`, served by bot.channels.downloads), or,
where no public address is known, a line pointing to the board. A chart that cannot be drawn (no CJK font
on the server) fails the item for good with the reason; the text before it has gone already.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from typing import Any

from bot import signing
from bot.charts import Chart, CjkFontMissing
from bot.outbox import DeliveryError
from bot.push import BOARD_HINT
from bot.xlsx import links
from storage.db import Database

CHART_KEY = "chart"
LINK_TTL = dt.timedelta(days=400)  # a chart in a group's history stays viewable for over a year
LOCAL_BASE_URL = "http://127.0.0.1:8000"  # Settings' default: not an address a platform can reach
_PURPOSE = b"chart-image:"  # separates these signatures from other links signed with the same key


def is_chart(payload: dict[str, Any]) -> bool:
    return payload.get(CHART_KEY) is not None


def chart_of(payload: dict[str, Any]) -> Chart:
    """The chart of an Outbox item; a permanent DeliveryError for a malformed one."""
    try:
        return Chart.from_json(payload.get(CHART_KEY))
    except ValueError as exc:
        raise DeliveryError(f"图表数据无效：{exc}", permanent=True) from exc


def png(payload: dict[str, Any]) -> bytes:
    """The chart drawn as PNG; a permanent DeliveryError (with the reason) when the server has no CJK font."""
    chart = chart_of(payload)
    try:
        return chart.png()
    except CjkFontMissing as exc:
        raise DeliveryError(str(exc), permanent=True) from exc


def hint(payload: dict[str, Any]) -> str:
    """The line a platform without the image gets (the item's own text, written by bot.push)."""
    return str(payload.get("text") or f"{payload.get('title') or '图表'}：{BOARD_HINT}")


def image_body(data: bytes) -> dict[str, str]:
    """base64 of the bytes and the md5 of the bytes before encoding (WeCom's image message fields)."""
    return {"base64": base64.b64encode(data).decode("ascii"), "md5": hashlib.md5(data).hexdigest()}


def public_base(configured: str) -> str | None:
    """PUBLIC_BASE_URL when it was set (the default local address is not reachable by a platform)."""
    base = (configured or "").strip().rstrip("/")
    return base if base and base != LOCAL_BASE_URL else None


class ChartLinks:
    """Signed, expiring addresses of chart images: {base}/charts/<token>.png, the token naming the
    Outbox item whose chart it draws. Signed with the deployment's link key (bot.xlsx.links.signing_key)."""

    def __init__(self, db: Database, base_url: str, secret_key: str = "") -> None:
        self.db = db
        self.base = public_base(base_url)
        self.secret_key = secret_key

    def key(self) -> bytes:
        with self.db.session() as session:
            return _PURPOSE + links.signing_key(session, self.secret_key)

    def url(self, item_id: int, now: dt.datetime) -> str | None:
        """The image's public address, or None when no public base address is configured."""
        if self.base is None:
            return None
        return f"{self.base}/charts/{make_token(self.key(), item_id, now + LINK_TTL)}.png"


def make_token(key: bytes, item_id: int, expires: dt.datetime) -> str:
    return signing.sign(key, {"o": int(item_id)}, expires)


def read_token(key: bytes, token: str, now: dt.datetime) -> int:
    """The Outbox item id; links.LinkInvalid or links.LinkExpired (bot.signing checks signature and expiry)."""
    data = signing.read(key, token, now)
    try:
        return int(data["o"])
    except (ValueError, KeyError, TypeError) as exc:
        raise links.LinkInvalid("内容无效") from exc
