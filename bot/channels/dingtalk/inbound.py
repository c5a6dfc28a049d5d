"""What both receiving modes do with a parsed callback: dispatch it and reply with the sender @-ed.

The reply is queued in the Outbox (channel dingtalk_session, dedupe key per msgId) and then sent at once
by this process. A redelivered message finds its reply queued already and sends nothing; a reply that
cannot go out now stays in the Outbox for the worker, and one whose sessionWebhook has expired moves to
the group's push path (see senders.SessionWebhookSender).
"""

from __future__ import annotations

import logging

from bot.channels.dingtalk.channel import SESSION_WEBHOOK
from bot.channels.dingtalk.payload import Callback, session_webhook_allowed
from bot.channels.dingtalk.render import DEFAULT_TITLE
from bot.channels.dingtalk.senders import RATE_LIMITS, dingtalk_senders
from bot.messages import Reply
from bot.outbox import OutboxWorker, Sender, enqueue
from bot.push import dead_push_recorder
from bot.runtime import Runtime

log = logging.getLogger(__name__)

CHANNEL = SESSION_WEBHOOK
ONLY_TEXT_REPLY = "目前只能识别文字消息。请用一句话说明事项，如“明天开会，3个乡镇参加”。"


def reply_key(message_id: str) -> str:
    return f"dingtalk:reply:{message_id}"


class DingTalkInbound:
    def __init__(self, runtime: Runtime, senders: dict[str, Sender] | None = None) -> None:
        self.runtime = runtime
        if senders is None:
            senders = dingtalk_senders(runtime.db, runtime.clock, runtime.settings.dingtalk, runtime.channels)
        self.worker = OutboxWorker(runtime.db, senders, runtime.clock, RATE_LIMITS,
                                   on_dead=dead_push_recorder(runtime.clock))

    def handle(self, callback: Callback) -> Reply:
        if callback.is_text:
            reply = self.runtime.dispatcher.handle(callback.incoming())
        else:
            reply = Reply(text=ONLY_TEXT_REPLY, intent="unsupported")
        if reply.text:
            self.answer(callback, reply)
        return reply

    def answer(self, callback: Callback, reply: Reply) -> int | None:
        """Queue the reply once per message and try to deliver it now; the Outbox row id, if new."""
        mention = [callback.sender_staff_id] if callback.sender_staff_id else []
        mention += [m for m in reply.mention if m not in mention]
        key = reply_key(callback.message_id)
        payload = {
            "title": DEFAULT_TITLE,
            "text": reply.text,
            "markdown": reply.markdown,
            "mention": mention,
            "expires_at": callback.session_expires_ms,
            "conversation_id": callback.conversation_id,
            "is_group": callback.is_group,
            "reply_key": key,
            "daytime_only": False,  # a reply the sender is waiting for goes out day or night
        }
        now = self.runtime.clock.now()
        webhook = self._trusted_webhook(callback)
        with self.runtime.db.session() as session:
            # Without a sessionWebhook the target names the group, and the sender takes the push path.
            target = webhook or f"conversation:{callback.conversation_id}"
            row = enqueue(session, CHANNEL, target, payload, key, now=now)
            row_id = row.id if row is not None else None
        if row_id is None:
            log.info("dingtalk message %s: reply queued before, not sent again", callback.message_id)
            return None
        self.deliver_now(row_id)
        return row_id

    def _trusted_webhook(self, callback: Callback) -> str | None:
        """The sessionWebhook if it is on DingTalk's oapi host; any other URL is ignored and logged."""
        webhook = callback.session_webhook
        if webhook and not session_webhook_allowed(webhook, self.runtime.settings.dingtalk.oapi_base):
            log.warning("dingtalk message %s: sessionWebhook not on %s, ignored; the reply takes the group "
                        "push path", callback.message_id, self.runtime.settings.dingtalk.oapi_base)
            return None
        return webhook

    def deliver_now(self, row_id: int) -> bool:
        """Send one queued reply now; on failure it stays queued with a backoff."""
        return self.worker.send_now(row_id)
