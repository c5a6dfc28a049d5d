"""The 智能机器人 (AI bot) in API mode: decrypted JSON callbacks in, passive `stream` replies out.

Callback shape (developer.work.weixin.qq.com path/100719, protocols.md §2.2):
`{"msgid", "aibotid", "chatid", "chattype": "group"|"single", "from": {"userid"}, "response_url",
  "msgtype": "text"|"image"|"mixed"|"voice"|"file"|"stream"|"event", "text": {"content"}, ...}`.
The @-mention of the bot stays in `text.content`; it is stripped here (bot.channels.mentions), the one
place it is, before the dispatcher sees the message.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any

from bot.channels.mentions import strip_mentions
from bot.channels.wecom.callback import MalformedCallback, one_to_one_chat_id
from bot.channels.wecom.render import truncate_bytes
from bot.messages import IncomingMessage

# The dedupe key space of AI-bot msgids, kept apart from the self-built app's MsgIds.
MESSAGE_PREFIX = "aibot:"
# [UNCERTAIN] path/101031 limits stream.content; 20480 bytes is the figure the SDKs carry.
STREAM_CONTENT_MAX_BYTES = 20480
WELCOME_TEXT = (
    "您好，我是减负助手，负责登记会议、发文、督查检查和报送材料台账。"
    "请用一句话告诉我，如“明天开会，3个乡镇参加”；发送“帮助”查看更多用法。"
)


@dataclass(frozen=True)
class AibotCallback:
    msgid: str
    msgtype: str
    userid: str
    chatid: str
    chattype: str
    response_url: str
    text: str
    event_type: str

    @property
    def is_group(self) -> bool:
        return self.chattype == "group"

    @property
    def chat_id(self) -> str:
        """Groups by chatid; 1:1 chats by user, the same conversation as the app's 1:1 chat."""
        return self.chatid if self.is_group and self.chatid else one_to_one_chat_id(self.userid)

    def incoming(self, received_at: Any = None) -> IncomingMessage:
        return IncomingMessage(
            platform="wecom",
            message_id=MESSAGE_PREFIX + self.msgid,
            chat_id=self.chat_id,
            sender_id=self.userid,
            text=self.text,
            is_group=self.is_group,
            received_at=received_at,
        )


def parse_envelope(body: bytes) -> str:
    """The POST body `{"encrypt": "…"}` → the ciphertext."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # RecursionError: "[" * 100000
        raise MalformedCallback("body is not JSON") from exc
    encrypt = data.get("encrypt") if isinstance(data, dict) else None
    if not isinstance(encrypt, str) or not encrypt:
        raise MalformedCallback("no encrypt field")
    return encrypt


def parse_callback(plaintext: str) -> AibotCallback:
    try:
        data = json.loads(plaintext)
    except (ValueError, RecursionError) as exc:
        raise MalformedCallback("decrypted message is not JSON") from exc
    if not isinstance(data, dict):
        raise MalformedCallback("decrypted message is not an object")
    msgtype = _text(data.get("msgtype"))
    sender = data.get("from")
    userid = _text(sender.get("userid")) if isinstance(sender, dict) else ""
    msgid = _text(data.get("msgid"))
    if not msgtype:
        raise MalformedCallback("no msgtype")
    if msgtype not in ("event", "stream") and (not msgid or not userid):
        raise MalformedCallback("message without msgid or sender")
    text_part = data.get("text")
    event = data.get("event")
    return AibotCallback(
        msgid=msgid,
        msgtype=msgtype,
        userid=userid,
        chatid=_text(data.get("chatid")),
        chattype=_text(data.get("chattype")) or "single",
        response_url=_text(data.get("response_url")),
        text=strip_mentions(_text(text_part.get("content")) if isinstance(text_part, dict) else ""),
        event_type=_text(event.get("eventtype")) if isinstance(event, dict) else "",
    )


def stream_reply(content: str) -> str:
    """A finished stream: the whole answer in one passive reply, so WeCom sends no refresh callbacks."""
    body = {
        "msgtype": "stream",
        "stream": {
            "id": secrets.token_hex(8),
            "finish": True,
            "content": truncate_bytes(content, STREAM_CONTENT_MAX_BYTES),
        },
    }
    return json.dumps(body, ensure_ascii=False)


def welcome_reply() -> str:
    """Text replies are allowed only for the enter_chat event (path/101031)."""
    return json.dumps({"msgtype": "text", "text": {"content": WELCOME_TEXT}}, ensure_ascii=False)


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return ""
