"""Late AI-bot replies: the Outbox sender of channel "wecom_response_url".

When handling runs past the reply budget the callback is answered empty and the reply is posted
to the message's `response_url` (path/101138): once, within one hour, as markdown. Because it can
be used only once the reply is not split; an over-long one is cut with a note. Failures are retried
until the URL's hour is over, then the row goes dead (the reply stays in InboundMessage).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import requests

from bot.channels.wecom import api
from bot.channels.wecom.render import MARKDOWN_MAX_BYTES, escape_markdown, truncate_bytes
from bot.clock import Clock
from bot.outbox import Claimed, DeliveryError
from bot.usertext import render

log = logging.getLogger(__name__)

CHANNEL = "wecom_response_url"
# Valid for one hour after the message; we stop trying a little before that.
VALIDITY = dt.timedelta(minutes=55)


def late_payload(text: str, now: dt.datetime) -> dict[str, Any]:
    """What the late-reply path queues: the platform-neutral fields plus the URL's expiry.

    Never daytime_only: the URL lives one hour and the member is waiting for this answer."""
    return {"title": "减负助手", "text": text, "markdown": None, "mention": [], "daytime_only": False,
            "_expires_at": (now + VALIDITY).isoformat()}


class ResponseUrlSender:
    def __init__(self, clock: Clock, api_base: str = "https://qyapi.weixin.qq.com",
                 http: requests.Session | None = None) -> None:
        self.clock = clock
        self.api_base = api_base
        self.http = http or api.new_session()

    def send(self, push: Claimed) -> None:
        target, payload = push.target, push.payload
        if not api.same_origin(target, self.api_base):
            raise DeliveryError("response_url is not on the WeCom API host", permanent=True)
        content = truncate_bytes(render(str(payload.get("markdown") or payload.get("text") or ""), escape_markdown),
                                 MARKDOWN_MAX_BYTES)
        if not content.strip():
            raise DeliveryError("empty reply", permanent=True)
        body = {"msgtype": "markdown", "markdown": {"content": content}}
        try:
            data = api.call(self.http, "POST", target, body=body, what="response_url")
            if api.errcode(data) != 0:
                raise DeliveryError(api.describe(data))
        except DeliveryError as exc:
            if self._expired(payload):
                raise DeliveryError(f"response_url expired: {exc}", permanent=True) from exc
            raise

    def _expired(self, payload: dict[str, Any]) -> bool:
        try:
            expires = dt.datetime.fromisoformat(str(payload.get("_expires_at")))
        except ValueError:
            return False
        return self.clock.now() >= expires
