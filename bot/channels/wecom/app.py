"""The self-built app (自建应用) callback: decrypted XML in, an encrypted XML text reply out.

A self-built app only receives what members send to it 1:1 (protocols.md §0), so every app message
lives in the member's 1:1 conversation. Inner XML (path/96467): ToUserName (corp id), FromUserName
(userid), CreateTime, MsgType, Content, MsgId, AgentID.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.channels.mentions import strip_mentions
from bot.channels.wecom.callback import MalformedCallback, one_to_one_chat_id, parse_xml
from bot.messages import IncomingMessage

# The dedupe key space of app MsgIds, kept apart from the AI bot's msgids.
MESSAGE_PREFIX = "app:"


@dataclass(frozen=True)
class AppCallback:
    msg_type: str
    corp_id: str
    userid: str
    content: str
    msg_id: str
    agent_id: str
    event: str

    def incoming(self, received_at: dt.datetime | None = None) -> IncomingMessage:
        return IncomingMessage(
            platform="wecom",
            message_id=MESSAGE_PREFIX + self.msg_id,
            chat_id=one_to_one_chat_id(self.userid),
            sender_id=self.userid,
            text=strip_mentions(self.content),
            is_group=False,
            received_at=received_at,
        )


def parse_envelope(body: bytes) -> str:
    """`<xml><ToUserName/><Encrypt/><AgentID/></xml>` → the ciphertext."""
    encrypt = (parse_xml(body).findtext("Encrypt") or "").strip()
    if not encrypt:
        raise MalformedCallback("no Encrypt element")
    return encrypt


def parse_callback(plaintext: str) -> AppCallback:
    root = parse_xml(plaintext)
    msg_type = (root.findtext("MsgType") or "").strip()
    userid = (root.findtext("FromUserName") or "").strip()
    msg_id = (root.findtext("MsgId") or "").strip()
    if not msg_type or not userid:
        raise MalformedCallback("message without MsgType or FromUserName")
    if msg_type != "event" and not msg_id.isdigit():
        raise MalformedCallback("message without MsgId")
    return AppCallback(
        msg_type=msg_type,
        corp_id=(root.findtext("ToUserName") or "").strip(),
        userid=userid,
        content=root.findtext("Content") or "",
        msg_id=msg_id,
        agent_id=(root.findtext("AgentID") or "").strip(),
        event=(root.findtext("Event") or "").strip(),
    )


def text_reply(callback: AppCallback, content: str, now: dt.datetime, agent_id: str = "") -> str:
    """The plaintext reply XML (protocols.md §1.4), addressed back to the sender: what wechatpy's enterprise
    TextReply renders, node for node (tests/channels/test_wecom_app.py compares them), written out here because its
    field descriptors cost more per reply than encrypting it."""
    agent = agent_id or callback.agent_id
    return ("<xml>\n<MsgType><![CDATA[text]]></MsgType>\n"
            f"<AgentID>{int(agent) if agent.isdigit() else 0}</AgentID>\n"
            f"<Content><![CDATA[{_cdata_safe(content)}]]></Content>\n"
            f"<FromUserName><![CDATA[{callback.corp_id}]]></FromUserName>\n"
            f"<ToUserName><![CDATA[{callback.userid}]]></ToUserName>\n"
            f"<CreateTime>{int(now.timestamp())}</CreateTime>\n</xml>")


def _cdata_safe(text: str) -> str:
    """wechatpy wraps Content in CDATA without escaping; a "]]>" in the text would end it early."""
    return text.replace("]]>", "]]]]><![CDATA[>")
