"""Outbox senders for DingTalk (its Outbox channels are named in channel.py):

- `dingtalk_session` (SessionWebhookSender): replies to a message through its sessionWebhook. When the
  webhook has expired (by its sessionWebhookExpiredTime, or DingTalk answers 300001), the reply is handed
  to the group's push path (its route: custom robot or group-message OpenAPI) instead of being lost.
- `dingtalk_webhook` (CustomRobotSender): the custom robot webhook, with 加签 when the conversation has a
  push_secret, and the security keyword written into every message.
- `dingtalk_group` (GroupMessageSender): the group-message OpenAPI with robotCode + openConversationId;
  the access token lives in TokenCache so every process shares one.

Errors (research/protocols.md §5, peers.md §3.3): 130101 "send too fast" → retry after the 10-minute
block; 310000 (keyword / sign / IP allow-list) and 300001 on a custom robot (token gone) are configuration
errors → the push is dropped as permanent and the group's pushes are disabled with the reason and the admins
notified (notify.py). Network failures, 5xx and token trouble retry with backoff; nothing is sent twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import urllib.parse
from typing import TYPE_CHECKING, Any

import requests
from sqlalchemy import delete, select

from bot.channels.dingtalk.channel import (
    CUSTOM_ROBOT,
    GROUP_API,
    SESSION_WEBHOOK,
    DingTalkChannel,
)
from bot.channels.dingtalk.notify import disable_pushes
from bot.channels.dingtalk.payload import session_webhook_allowed
from bot.channels import charts
from bot.channels.dingtalk.render import chart_payload, group_message, robot_message
from bot.channels.dingtalk.sign import robot_send_url
from bot.clock import Clock
from bot.outbox import Claimed, DeliveryError, RateLimit, Sender, enqueue
from config.settings import DingTalkSettings
from storage.db import Database
from storage.models import Conversation, TokenCache

if TYPE_CHECKING:
    from bot.channels.registry import Channels

log = logging.getLogger(__name__)

HTTP_TIMEOUT_SECONDS = 10
RATE_LIMITS: dict[str, RateLimit] = dict(DingTalkChannel.rate_limits)
PLATFORM = DingTalkChannel.platform
BLOCKED_SECONDS = 600
TOO_FAST = 130101
CONFIG_ERROR = 310000
NO_SUCH_TOKEN = 300001  # custom robot: token is not exist; sessionWebhook: session 不存在 (expired)
# A sessionWebhook this close to its expiry is not tried any more.
SESSION_MARGIN_MS = 30_000
# Group-message OpenAPI codes that mean "this group cannot receive from this robot" (help.dingtalk.io).
GROUP_CONFIG_CODES = frozenset({
    "invalidParameter.robotCode.notExsit", "invalid.openConversationId", "bot.stopped",
    "invalidParameter.robotCode.invalid", "invalidParameter.invalid",
})
TOKEN_INVALID_CODES = frozenset({"InvalidAuthentication", "invalidAuthentication", "Unauthorized"})


def now_ms(clock: Clock) -> int:
    return int(clock.now().timestamp() * 1000)


def post_json(url: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:
    """POST JSON; (status, JSON object) or a transient DeliveryError when the network fails."""
    try:
        response = requests.post(url, json=body, headers=headers, timeout=HTTP_TIMEOUT_SECONDS)
    except requests.RequestException as exc:
        raise DeliveryError(f"网络错误：{type(exc).__name__}") from exc
    try:
        answer = response.json()
    except ValueError:
        answer = {}
    return response.status_code, answer if isinstance(answer, dict) else {}


def disabled(reason: str | None) -> DeliveryError:
    """A push queued before its group's pushes were disabled: dropped with the reason, not retried."""
    return DeliveryError(f"推送已停用：{reason or '未说明原因'}", permanent=True)


def _errcode(answer: dict[str, Any]) -> int:
    """The webhook answer's errcode; an answer without one counts as 0 (the HTTP status decides)."""
    try:
        return int(answer.get("errcode", 0))
    except (TypeError, ValueError):
        return -1


class AccessTokens:
    """The app's OpenAPI access token, cached in TokenCache so every process shares one."""

    # Renew this long before DingTalk's expiry (the SDK keeps 5 minutes too).
    MARGIN = dt.timedelta(minutes=5)

    def __init__(self, db: Database, clock: Clock, settings: DingTalkSettings) -> None:
        self.db = db
        self.clock = clock
        self.settings = settings
        self.name = f"dingtalk:access_token:{settings.app_key}"

    def get(self) -> str:
        now = self.clock.now()
        with self.db.session() as session:
            cached = session.get(TokenCache, self.name)
            if cached is not None and cached.expires_at > now:
                return cached.value
        status, answer = post_json(
            f"{self.settings.api_base}/v1.0/oauth2/accessToken",
            {"appKey": self.settings.app_key, "appSecret": self.settings.app_secret},
        )
        token, expire_in = answer.get("accessToken"), answer.get("expireIn")
        if status != 200 or not isinstance(token, str) or not token or not isinstance(expire_in, int):
            log.error("dingtalk access token refused: %s %s", status, answer)
            raise DeliveryError(
                f"获取钉钉 accessToken 失败（{status} {answer.get('code', '')}），请核对 AppKey/AppSecret",
                retry_after=BLOCKED_SECONDS,
            )
        expires = now + dt.timedelta(seconds=expire_in) - self.MARGIN
        with self.db.session() as session:
            session.merge(TokenCache(name=self.name, value=token, expires_at=expires))
        return token

    def invalidate(self, token: str) -> None:
        """Forget a token DingTalk refused, unless another process has replaced it already."""
        with self.db.session() as session:
            session.execute(delete(TokenCache).where(TokenCache.name == self.name, TokenCache.value == token))


class SessionWebhookSender:
    """Channel dingtalk_session: target = the sessionWebhook URL; payload adds expires_at (ms),
    conversation_id, is_group and reply_key (the dedupe key, reused for the fallback push)."""

    def __init__(self, db: Database, clock: Clock, channels: Channels,
                 oapi_base: str = "https://oapi.dingtalk.com") -> None:
        self.db = db
        self.clock = clock
        self.channels = channels  # the group's push path, when the session is gone
        self.oapi_base = oapi_base

    def send(self, push: Claimed) -> None:
        target, payload = push.target, push.payload
        expires = payload.get("expires_at")
        if target.startswith(("https://", "http://")) and not session_webhook_allowed(target, self.oapi_base):
            log.warning("dingtalk reply %s: sessionWebhook not on %s, not posted there",
                        payload.get("reply_key"), self.oapi_base)
            self._fall_back(payload, "回复地址不是钉钉地址")
            return
        usable = target.startswith(("https://", "http://"))
        if not usable or (isinstance(expires, int) and now_ms(self.clock) >= expires - SESSION_MARGIN_MS):
            self._fall_back(payload, "回复地址已过期")
            return
        status, answer = post_json(target, robot_message(payload))
        code = _errcode(answer)
        if status == 200 and code == 0:
            return
        if code == NO_SUCH_TOKEN:
            self._fall_back(payload, "回复地址已失效")
            return
        if code == TOO_FAST:
            raise DeliveryError("钉钉限流（130101），10 分钟后重发", retry_after=BLOCKED_SECONDS)
        if status >= 500 or status == 429:
            raise DeliveryError(f"钉钉暂不可用（HTTP {status}）")
        raise DeliveryError(f"钉钉拒收回复：HTTP {status} {code} {answer.get('errmsg', '')}".strip(), permanent=True)

    def _fall_back(self, payload: dict[str, Any], why: str) -> None:
        """Queue the reply on the group's push path; this row then counts as handed over."""
        if not payload.get("is_group", True):
            raise DeliveryError(f"{why}，单聊无其他推送途径", permanent=True)
        external_id = str(payload.get("conversation_id") or "")
        neutral = {k: payload.get(k) for k in ("title", "text", "markdown", "mention")}
        neutral["daytime_only"] = False  # still a reply: not held until morning like a scheduled push
        with self.db.session() as session:
            conversation = session.scalar(
                select(Conversation).where(Conversation.platform == PLATFORM, Conversation.external_id == external_id)
            )
            where = self.channels.route(conversation) if conversation is not None else None
            if where is None:
                raise DeliveryError(f"{why}，且该群未配置推送途径（自定义机器人或 robotCode）", permanent=True)
            key = f"{payload.get('reply_key') or external_id}:fallback"
            enqueue(session, where.channel, where.target, neutral, key, now=self.clock.now())
        log.info("dingtalk reply %s: %s, handed to %s", payload.get("reply_key"), why, where.channel)


class CustomRobotSender:
    """Channel dingtalk_webhook: target = the custom robot's access_token or full webhook URL
    (Conversation.push_target); the 加签 secret is that conversation's push_secret."""

    def __init__(
        self, db: Database, clock: Clock, oapi_base: str, channels: Channels, keyword: str | None = "减负助手",
        chart_links: charts.ChartLinks | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.oapi_base = oapi_base.rstrip("/")
        self.channels = channels  # only to route the admins' notice when a robot is refused
        self.keyword = keyword
        self.chart_links = chart_links  # where a chart item's image is served (None: a line to the board)

    def send(self, push: Claimed) -> None:
        target, payload = push.target, _with_chart(push, self.chart_links, self.clock)
        with self.db.session() as session:
            conversation = session.scalar(
                select(Conversation)
                .where(Conversation.platform == PLATFORM, Conversation.push_target == target)
                .order_by(Conversation.id)
            )
            conversation_id = conversation.id if conversation else None
            secret = conversation.push_secret if conversation else None
            if conversation is not None and not conversation.push_enabled:
                raise disabled(conversation.push_disabled_reason)
        url = target if target.startswith(("https://", "http://")) else (
            f"{self.oapi_base}/robot/send?access_token={urllib.parse.quote(target, safe='')}"
        )
        status, answer = post_json(robot_send_url(url, secret, now_ms(self.clock)), robot_message(payload, self.keyword))
        code = _errcode(answer)
        if status == 200 and code == 0:
            return
        if code == TOO_FAST:
            raise DeliveryError("钉钉限流（130101），10 分钟后重发", retry_after=BLOCKED_SECONDS)
        if code in (CONFIG_ERROR, NO_SUCH_TOKEN):
            reason = f"自定义机器人拒收（{code} {answer.get('errmsg', '')}）".strip()
            if conversation_id is not None:
                disable_pushes(self.db, conversation_id, reason, self.clock, self.channels)
            raise DeliveryError(reason, permanent=True)
        if status >= 500 or status == 429:
            raise DeliveryError(f"钉钉暂不可用（HTTP {status}）")
        raise DeliveryError(f"钉钉拒收：HTTP {status} {code} {answer.get('errmsg', '')}".strip(), permanent=True)


class GroupMessageSender:
    """Channel dingtalk_group: target = openConversationId; sent as the app robot (robotCode)."""

    def __init__(self, db: Database, clock: Clock, settings: DingTalkSettings, tokens: AccessTokens,
                 channels: Channels | None = None, chart_links: charts.ChartLinks | None = None) -> None:
        self.db = db
        self.clock = clock
        self.settings = settings
        self.tokens = tokens
        self.chart_links = chart_links
        if channels is None:
            from bot.channels.registry import Channels

            channels = Channels()
        self.channels = channels  # only to route the admins' notice when the group refuses the robot

    def send(self, push: Claimed) -> None:
        target, payload = push.target, _with_chart(push, self.chart_links, self.clock)
        if not self.settings.robot_code:
            raise DeliveryError("未配置 DINGTALK_ROBOT_CODE", permanent=True)
        with self.db.session() as session:
            conversation = session.scalar(
                select(Conversation).where(Conversation.platform == PLATFORM, Conversation.external_id == target)
            )
            conversation_id = conversation.id if conversation else None
            if conversation is not None and not conversation.push_enabled:
                raise disabled(conversation.push_disabled_reason)
        msg_key, msg_param = group_message(payload)
        body = {"robotCode": self.settings.robot_code, "openConversationId": target,
                "msgKey": msg_key, "msgParam": msg_param}
        status, answer = 0, dict[str, Any]()
        for _ in range(2):  # a refused token is renewed once
            token = self.tokens.get()
            status, answer = post_json(
                f"{self.settings.api_base}/v1.0/robot/groupMessages/send", body,
                headers={"x-acs-dingtalk-access-token": token},
            )
            if status == 200:
                return
            if status != 401 and str(answer.get("code", "")) not in TOKEN_INVALID_CODES:
                break
            self.tokens.invalidate(token)
        code = str(answer.get("code", ""))
        if status == 429 or "throttl" in code.lower() or "qpslimit" in code.lower():
            raise DeliveryError(f"钉钉限流（{code or status}），10 分钟后重发", retry_after=BLOCKED_SECONDS)
        if status >= 500 or status == 401:
            raise DeliveryError(f"钉钉暂不可用（HTTP {status} {code}）")
        reason = f"群消息接口拒收（{code or status} {answer.get('message', '')}）".strip()
        if code in GROUP_CONFIG_CODES and conversation_id is not None:
            disable_pushes(self.db, conversation_id, reason, self.clock, self.channels)
        raise DeliveryError(reason, permanent=True)


def _with_chart(push: Claimed, links: charts.ChartLinks | None, clock: Clock) -> dict[str, Any]:
    """The payload to render: a chart item becomes its markdown image (or a line to the board)."""
    if not charts.is_chart(push.payload):
        return push.payload
    charts.chart_of(push.payload)  # a malformed chart is refused here, not shown as a broken image
    return chart_payload(push.payload, links.url(push.id, clock.now()) if links is not None else None)


def dingtalk_senders(db: Database, clock: Clock, settings: DingTalkSettings, channels: Channels,
                     chart_links: charts.ChartLinks | None = None) -> dict[str, Sender]:
    """The DingTalk senders for OutboxWorker; the OpenAPI one only when the app robot is configured."""
    found: dict[str, Sender] = {
        SESSION_WEBHOOK: SessionWebhookSender(db, clock, channels, settings.oapi_base),
        CUSTOM_ROBOT: CustomRobotSender(db, clock, settings.oapi_base, channels, chart_links=chart_links),
    }
    if settings.app_key and settings.app_secret and settings.robot_code:
        found[GROUP_API] = GroupMessageSender(db, clock, settings, AccessTokens(db, clock, settings), channels,
                                              chart_links)
    return found
