"""The group-robot (消息推送, formerly 群机器人) webhook: the Outbox sender of channel "wecom_webhook".

`POST {api}/cgi-bin/webhook/send?key=KEY` (path/99110, protocols.md §2.1). The target is the robot
key kept in Conversation.push_target (a full webhook URL is accepted too; only its key is used, and
always against the configured API host). The webhook needs no app credentials.

A push's chart item (bot.channels.charts) goes as an image message: the PNG in base64 with its md5.
errcode 45009 (too frequent) → retried after a minute; 93000 (invalid webhook URL: the robot was
removed) → the target is disabled and the admins told (notify.py), the row goes dead; 40058 (too
long) → the message is cut smaller. Everything else is transient and retried with backoff, so an
outage loses nothing. The 20-per-minute limit is enforced by the Outbox worker (the channel's rate_limits).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit


from bot.channels.wecom import api
from bot.channels.wecom.notify import disable_wecom_target, target_disabled
from bot.channels.wecom.parts import SplittingSender, raise_for
from bot.channels.wecom.render import Rendered
from bot.clock import TZ, Clock
from bot.outbox import DeliveryError, RateLimit
from storage.db import Database

if TYPE_CHECKING:
    import requests

    from bot.channels.registry import Channels

log = logging.getLogger(__name__)

CHANNEL = "wecom_webhook"
RATE_LIMIT = RateLimit(count=20, window=dt.timedelta(minutes=1))
INVALID_WEBHOOK = 93000
_KEY = re.compile(r"[A-Za-z0-9_-]{1,128}")


def robot_key(target: str) -> str:
    """The robot key from a Conversation.push_target: the key itself or a webhook URL holding it."""
    value = target.strip()
    if value.startswith(("http://", "https://")):
        keys = parse_qs(urlsplit(value).query).get("key") or [""]
        value = keys[0]
    if not _KEY.fullmatch(value):
        raise DeliveryError("push target is not a WeCom robot key", permanent=True)
    return value


def webhook_body(message: Rendered) -> dict[str, Any]:
    if message.kind == "image":  # path/91770 图片类型: base64 of the picture (≤ 2 MB), md5 before encoding
        return {"msgtype": "image", "image": {"base64": message.content, "md5": message.md5}}
    if message.kind == "markdown":
        return {"msgtype": "markdown", "markdown": {"content": message.content}}
    text: dict[str, Any] = {"content": message.content}
    if message.mention:
        text["mentioned_list"] = list(message.mention)
    return {"msgtype": "text", "text": text}


class WebhookSender(SplittingSender):
    channel = CHANNEL
    sends_images = True

    def __init__(
        self,
        db: Database,
        clock: Clock,
        api_base: str = "https://qyapi.weixin.qq.com",
        http: requests.Session | None = None,
        channels: Channels | None = None,
    ) -> None:
        super().__init__(db, clock)
        self.url = api_base.rstrip("/") + "/cgi-bin/webhook/send"
        self.http = http or api.new_session()
        if channels is None:
            from bot.channels.registry import Channels

            channels = Channels()
        self.channels = channels  # routes the admins' notice when a robot is gone

    def check_target(self, target: str) -> None:
        robot_key(target)
        with self.db.session() as session:
            if target_disabled(session, target):
                raise DeliveryError("push target disabled (robot removed)", permanent=True)

    def deliver(self, target: str, message: Rendered) -> None:
        key = robot_key(target)
        data = api.call(self.http, "POST", self.url, params={"key": key}, body=webhook_body(message),
                        what=f"webhook {api.mask(key)}")
        if api.errcode(data) == INVALID_WEBHOOK:
            self._disable(target)  # the robot was removed: stop pushing there and tell the admins
        raise_for(data, permanent_codes=frozenset({INVALID_WEBHOOK}))

    def _disable(self, target: str) -> None:
        now = self.clock.now()
        reason = f"企业微信错误码93000，{now.astimezone(TZ):%Y-%m-%d %H:%M}"
        with self.db.session() as session:
            disabled = disable_wecom_target(session, target, reason, now, self.channels)
        log.error("WeCom robot %s is gone (93000); disabled conversations %s",
                  api.mask(robot_key(target)), disabled)
