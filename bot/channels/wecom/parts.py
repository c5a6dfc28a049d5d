"""One Outbox row = one WeCom message, even for a digest longer than WeCom's byte limit.

A long push is sent head first; the sender hands the rest back to the Outbox worker (the sender
contract, bot/outbox.py), which queues it as the next row in line for the target. So each part is
retried on its own (a 45009 on part 2 never resends part 1), the worker's per-target rate limit counts
real messages, and a restart in between loses nothing.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from typing import Any

from bot.channels import charts
from bot.channels.wecom import api
from bot.channels.wecom.render import (
    MARKER_RESERVE,
    Rendered,
    limit_for,
    mark_part,
    render_payload,
    split_text,
)
from bot.clock import Clock
from bot.outbox import Claimed, DeliveryError
from storage.db import Database

log = logging.getLogger(__name__)


CONTENT_TOO_LONG = 40058  # WeCom counted the message longer than its limit: cut smaller


def raise_for(data: dict[str, Any], permanent_codes: frozenset[int] = frozenset()) -> None:
    """Turn a WeCom API answer into the Outbox's terms: nothing on errcode 0, a timed retry on the
    frequency limit, TooLong on 40058, a permanent failure on `permanent_codes`, else a retry."""
    code = api.errcode(data)
    if code == 0:
        return
    if code == api.FREQUENCY_LIMITED:
        raise DeliveryError(api.describe(data), retry_after=api.RATE_RETRY_SECONDS)
    if code == CONTENT_TOO_LONG:
        raise TooLong(api.describe(data))
    raise DeliveryError(api.describe(data), permanent=code in permanent_codes)


class TooLong(Exception):
    """WeCom refused the content as too long (errcode 40058): cut smaller and send again."""


class SplittingSender(ABC):
    """An Outbox sender that sends one WeCom message per row, splitting long content (see module doc).

    Subclasses set `channel`, may refuse a target in `check_target`, and implement `deliver`, which
    sends exactly one message or raises DeliveryError / TooLong.
    """

    channel = ""
    markdown_allowed = True
    sends_images = False  # a chart item goes as an image message; else as a line pointing to the board
    MIN_LIMIT = 256
    IMAGE_MAX_BYTES = 2 * 1024 * 1024  # WeCom: a picture at most 2 MB before base64

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def check_target(self, target: str) -> None:
        """Raise DeliveryError(permanent=True) for a target known to be dead."""
        return None  # an optional hook: by default no target is known dead

    @abstractmethod
    def deliver(self, target: str, message: Rendered) -> None:
        """Send exactly one message or raise DeliveryError / TooLong."""

    def send(self, push: Claimed) -> dict[str, Any] | None:
        """Send the head of the push; return the rest (for the worker to queue next), or None."""
        payload = push.payload
        self.check_target(push.target)
        if charts.is_chart(payload):
            self.deliver(push.target, self._chart_message(payload))
            return None
        rendered = render_payload(payload, self.markdown_allowed)
        if not rendered.content.strip():
            raise DeliveryError("empty push", permanent=True)
        limit = int(payload.get("_limit") or limit_for(rendered.kind))
        while True:
            pieces = split_text(rendered.content, limit - MARKER_RESERVE)
            total = push.part - 1 + len(pieces)
            head = Rendered(rendered.kind, mark_part(pieces[0], push.part, total), rendered.mention)
            try:
                self.deliver(push.target, head)
                break
            except TooLong:
                if limit // 2 < self.MIN_LIMIT:
                    raise DeliveryError("content refused as too long", permanent=True) from None
                limit //= 2
                log.warning("%s refused %d bytes as too long; splitting smaller", self.channel, limit * 2)
        rest = "".join(pieces[1:])
        if not rest.strip():
            return None
        return {"title": payload.get("title"), "_kind": rendered.kind, "_content": rest, "_limit": limit,
                "mention": []}

    def _chart_message(self, payload: dict[str, Any]) -> Rendered:
        if not self.sends_images:
            return Rendered("text", charts.hint(payload))
        data = charts.png(payload)
        if len(data) > self.IMAGE_MAX_BYTES:
            raise DeliveryError(f"图表图片{len(data)}字节，超过企业微信2MB上限", permanent=True)
        body = charts.image_body(data)
        return Rendered("image", body["base64"], md5=body["md5"])
