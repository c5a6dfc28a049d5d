"""A DingTalk robot callback (HTTP mode body, or Stream `data`) → the fields the bot needs.

Both modes deliver the same JSON (research/protocols.md §4.1). Every field is checked here, so that a
malformed callback becomes a PayloadError (HTTP 400 / a quiet ack) and never an exception further in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from bot.channels.mentions import strip_mentions
from bot.messages import IncomingMessage

# Column widths in storage/models.py: InboundMessage.external_id, Conversation.external_id, Outbox.target.
MAX_ID_CHARS = 128
MAX_WEBHOOK_CHARS = 512
MAX_TITLE_CHARS = 128
# The path DingTalk gives every sessionWebhook (https://oapi.dingtalk.com/robot/sendBySession?session=…).
SESSION_WEBHOOK_PATH = "/robot/sendBySession"
# Millisecond timestamps outside 2000-01-01 … 2100-01-01 are nonsense; they count as absent.
MIN_MILLIS = 946_684_800_000
MAX_MILLIS = 4_102_444_800_000


class PayloadError(ValueError):
    """The callback lacks a field the bot needs or has one of the wrong shape."""


@dataclass(frozen=True)
class Callback:
    message_id: str
    conversation_id: str
    sender_id: str  # senderStaffId (the org's userid: the member's dingtalk account) or senderId
    sender_staff_id: str | None
    msgtype: str
    text: str  # text.content stripped; "" for other message types
    sender_name: str | None = None
    chat_title: str | None = None
    is_group: bool = True
    session_webhook: str | None = None
    session_expires_ms: int | None = None  # sessionWebhookExpiredTime, ms since the epoch
    created_ms: int | None = None
    corp_id: str | None = None  # chatbotCorpId: the organisation the robot belongs to
    robot_code: str | None = None  # robotCode: which robot was @-mentioned

    @property
    def is_text(self) -> bool:
        return self.msgtype == "text"

    def incoming(self) -> IncomingMessage:
        received = None
        if self.created_ms:
            try:
                received = dt.datetime.fromtimestamp(self.created_ms / 1000, dt.UTC)
            except (ValueError, OverflowError, OSError):  # parse_callback bounds it; never raise here
                received = None
        return IncomingMessage(
            platform="dingtalk",
            message_id=self.message_id,
            chat_id=self.conversation_id,
            sender_id=self.sender_id,
            text=self.text,
            sender_name=self.sender_name,
            chat_title=self.chat_title,
            is_group=self.is_group,
            received_at=received,
        )


def parse_callback(data: Any) -> Callback:
    if not isinstance(data, dict):
        raise PayloadError("callback is not a JSON object")
    message_id = _identifier(data, "msgId")
    conversation_id = _identifier(data, "conversationId")
    staff_id = _optional_identifier(data, "senderStaffId")
    sender_id = staff_id or _optional_identifier(data, "senderId")
    if not sender_id:
        raise PayloadError("senderStaffId and senderId are both missing")
    msgtype = data.get("msgtype")
    if not isinstance(msgtype, str) or not msgtype:
        raise PayloadError("msgtype is missing")
    text = ""
    if msgtype == "text":
        body = data.get("text")
        content = body.get("content") if isinstance(body, dict) else None
        if not isinstance(content, str):
            raise PayloadError("text.content is missing")
        # DingTalk cuts the robot's own @ (leaving blanks); a typed "@减负助手" or a colleague's @ may remain.
        text = strip_mentions(content)
    webhook = data.get("sessionWebhook")
    if not isinstance(webhook, str) or not webhook.startswith(("https://", "http://")) or len(webhook) > MAX_WEBHOOK_CHARS:
        webhook = None  # replies then take the group push path
    return Callback(
        message_id=message_id,
        conversation_id=conversation_id,
        sender_id=sender_id,
        sender_staff_id=staff_id,
        msgtype=msgtype,
        text=text,
        sender_name=_short_text(data.get("senderNick")),
        chat_title=_short_text(data.get("conversationTitle")),
        is_group=str(data.get("conversationType", "2")) != "1",
        session_webhook=webhook,
        session_expires_ms=_millis(data.get("sessionWebhookExpiredTime")),
        created_ms=_millis(data.get("createAt")),
        corp_id=_optional_identifier(data, "chatbotCorpId"),
        robot_code=_optional_identifier(data, "robotCode"),
    )


def _identifier(data: dict[str, Any], name: str) -> str:
    value = _optional_identifier(data, name)
    if not value:
        raise PayloadError(f"{name} is missing")
    return value


def _optional_identifier(data: dict[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise PayloadError(f"{name} is not a string")
    text = str(value).strip()
    if len(text) > MAX_ID_CHARS or any(ch in text for ch in "\x00\r\n"):
        raise PayloadError(f"{name} is malformed")
    return text or None


def _short_text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()[:MAX_TITLE_CHARS]


def _millis(value: Any) -> int | None:
    """A millisecond timestamp given as a number or a numeric string; anything else counts as absent."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value == value and abs(value) < 1e16:
        number = int(value)
    elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit() and len(value.strip()) <= 15:
        number = int(value.strip())
    else:
        return None
    return number if MIN_MILLIS <= number <= MAX_MILLIS else None


def session_webhook_allowed(url: str, oapi_base: str) -> bool:
    """True for a sessionWebhook on the configured DingTalk oapi host (scheme, host and port) and path.

    The HTTP-mode signature covers only the timestamp, so a captured header pair can carry any body for
    an hour: a sessionWebhook pointing elsewhere would make the bot post ledger answers (or requests to
    internal addresses) wherever the body says.
    """
    try:
        target, allowed = urlsplit(url), urlsplit(oapi_base)
        target_port, allowed_port = target.port, allowed.port
    except ValueError:  # malformed netloc or port
        return False
    return (
        target.scheme.lower() == allowed.scheme.lower()
        and target.scheme.lower() in ("https", "http")
        and bool(target.hostname) and target.hostname == allowed.hostname
        and target_port == allowed_port
        and target.username is None and target.password is None
        and target.path == SESSION_WEBHOOK_PATH
        and not target.fragment
    )
