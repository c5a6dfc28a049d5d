"""The one path every message takes (design §2):

IncomingMessage (from a channel, @-mentions stripped) → validate → dedupe by (platform, message id) →
identify member and unit (as the channel identifies its senders) → parse() → the intent's permission
(handlers.registry) → handler → Reply, with the reply stored so that a retried delivery gets the same
answer. A sender who is not a member reaches only the intents declared open to unbound senders (绑定).
No exception reaches the user: a failing handler rolls back and the user gets a short apology.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from bot.channels.registry import channel_class
from bot.clock import Clock, SystemClock
from bot.context import Context, Visitor
from bot.ledger.pending import take_pending
from bot.messages import IncomingMessage, Reply
from bot.nlu import Lexicon, parse
from handlers.registry import answer_unbound, handler_for
from storage import repo
from storage.db import Database
from storage.models import Conversation, InboundMessage, Member
from storage.timeutil import utcnow

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 2000
EMPTY_REPLY = "消息为空。请用一句话说明事项，如“明天开会，3个乡镇参加”。"
TOO_LONG_REPLY = "消息过长（超过{limit}字），请精简为一句话后重发。"
FAILED_REPLY = "处理出错，本条未记录，请稍后重试。如多次出现，请联系县委办。"
OUT_OF_RANGE_REPLY = "数值超出合理范围，本条未记录，请核实后重发。"
UNBOUND_USER_REPLY = (
    "您尚未绑定单位，本条未记录。请发送“绑定 单位 姓名”（如：绑定 城关镇 张三），"
    "经单位管理员确认后即可使用。"
)
AMBIGUOUS_USER_REPLY = "有多位同名成员（{units}），请指明单位。"
UNBOUND_GROUP_HINT = "（本群尚未绑定单位。请单位管理员在群内@我发送“本群绑定单位名”，如：本群绑定城关镇。）"


class Dispatcher:
    def __init__(
        self,
        db: Database,
        clock: Clock | None,
        services: Services,
        max_text_chars: int = MAX_TEXT_CHARS,
    ) -> None:
        self.db = db
        self.clock = clock or SystemClock()
        self.services = services
        self.max_text_chars = max_text_chars

    def handle(self, msg: IncomingMessage) -> Reply:
        text = normalize(msg.text)
        if not text:
            return Reply(text=EMPTY_REPLY, intent="invalid")
        if len(text) > self.max_text_chars:
            return Reply(text=TOO_LONG_REPLY.format(limit=self.max_text_chars), intent="invalid")
        try:
            inbound_id, early = self._claim(msg, text)
        except Exception:
            log.exception("could not store inbound message %s/%s", msg.platform, msg.message_id)
            return Reply(text=FAILED_REPLY, intent="error")
        if early is not None:
            return early
        try:
            with self.db.session() as session:
                inbound = session.get(InboundMessage, inbound_id)
                assert inbound is not None
                reply = self._answer(session, msg, text, inbound)
                self._store_reply(inbound, reply, status="done")
            return reply
        except Exception as exc:
            log.exception("handler failed for %s/%s", msg.platform, msg.message_id)
            text = OUT_OF_RANGE_REPLY if isinstance(exc, DataError) else FAILED_REPLY
            reply = Reply(text=text, intent="error")
            try:
                with self.db.session() as session:
                    inbound = session.get(InboundMessage, inbound_id)
                    if inbound is not None:
                        self._store_reply(inbound, reply, status="failed")
            except Exception:
                log.exception("could not mark %s as failed", inbound_id)
            return reply

    def resume_abandoned(self, limit: int = 20) -> int:
        """Re-run messages a crashed worker left "processing" past the takeover age, and deliver their
        answers through the chat's push path: a message is never silently dropped. Returns how many."""
        cutoff = utcnow() - repo.STALE_PROCESSING
        with self.db.session() as session:
            rows = session.execute(
                select(InboundMessage.platform, InboundMessage.external_id, InboundMessage.chat_external,
                       InboundMessage.sender_external, InboundMessage.text)
                .where(InboundMessage.status == "processing", InboundMessage.received_at < cutoff)
                .order_by(InboundMessage.id)
                .limit(limit)
            ).all()
        resumed = 0
        for platform, external_id, chat, sender, text in rows:
            msg = IncomingMessage(platform=platform, message_id=external_id, chat_id=chat or "",
                                  sender_id=sender or "", text=text)
            reply = self.handle(msg)
            if reply.duplicate or not reply.text:
                continue  # another worker took it over first
            resumed += 1
            self._deliver_resumed(msg, reply)
        return resumed

    def _deliver_resumed(self, msg: IncomingMessage, reply: Reply) -> None:
        from bot.push import Push, push_to_conversation

        with self.db.session() as session:
            conversation = repo.conversation(session, msg.platform, msg.chat_id)
            if conversation is None:
                log.warning("resumed message %s has no chat to answer in", msg.message_id)
                return
            push = Push(title="减负助手", text=reply.text, mention=[msg.sender_id] if msg.sender_id else [])
            push_to_conversation(
                session, conversation, push, dedupe_key=f"resumed:{msg.platform}:{msg.message_id}",
                now=self.clock.now(), channels=self.services.channels,
            )

    # --- steps -----------------------------------------------------------------------------

    def _claim(self, msg: IncomingMessage, text: str) -> tuple[int, Reply | None]:
        """Store the delivery first and commit, so concurrent retries see it."""
        with self.db.session() as session:
            row, state = repo.claim_inbound(
                session,
                msg.platform,
                msg.message_id,
                now=utcnow(),
                text=text,
                sender_external=msg.sender_id,
                chat_external=msg.chat_id,
            )
            if state == "done":
                return row.id, Reply.from_stored(row.reply or "", row.intent, row.reply_data)
            if state == "busy":
                return row.id, Reply(text="", intent="duplicate", duplicate=True)
            return row.id, None

    def _answer(
        self, session: Session, msg: IncomingMessage, text: str, inbound: InboundMessage
    ) -> Reply:
        conversation = self._conversation(session, msg)
        inbound.conversation_id = conversation.id if conversation else None
        lexicon = Lexicon.from_units(repo.lexicon_units(session))
        intent = parse(text, self.clock.now(), lexicon)
        member = self._member(session, msg)
        if isinstance(member, Reply):
            visitor = Visitor(session=session, clock=self.clock, message=msg, services=self.services)
            return answer_unbound(visitor, intent) or member
        inbound.sender_id = member.id
        ctx = Context(
            session=session,
            clock=self.clock,
            member=member,
            unit=member.unit,
            conversation=conversation,
            message=inbound,
            services=self.services,
        )
        merged = take_pending(ctx, intent)
        if merged is not None:
            intent = merged
        reply = handler_for(intent.intent)(ctx, intent)
        inbound.intent = intent.intent
        if msg.is_group and conversation is not None and conversation.unit_id is None and intent.intent != "bind":
            reply.text = f"{reply.text}\n{UNBOUND_GROUP_HINT}"
        return reply

    def _conversation(self, session: Session, msg: IncomingMessage) -> Conversation | None:
        found = repo.conversation(session, msg.platform, msg.chat_id)
        channel = channel_class(msg.platform)
        if found is not None or not msg.chat_id or channel is None or not channel.remembers_new_chats:
            return found
        # Remember a new chat (unbound) so a manager can bind it to a unit later. Several first
        # messages of a new group may arrive at once: the loser of the insert reads the winner's row.
        created = Conversation(platform=msg.platform, external_id=msg.chat_id, title=msg.chat_title)
        try:
            with session.begin_nested():
                session.add(created)
                session.flush()
        except IntegrityError:
            return repo.conversation(session, msg.platform, msg.chat_id)
        return created

    def _member(self, session: Session, msg: IncomingMessage) -> Member | Reply:
        """The sender, as the channel the message came through identifies them."""
        channel = channel_class(msg.platform)
        found = channel.identify(session, msg) if channel is not None else []
        if len(found) > 1:
            units = "、".join(m.unit.name for m in found)
            return Reply(text=AMBIGUOUS_USER_REPLY.format(units=units), intent="unbound")
        if not found:
            return Reply(text=UNBOUND_USER_REPLY, intent="unbound")
        return found[0]

    @staticmethod
    def _store_reply(inbound: InboundMessage, reply: Reply, status: str) -> None:
        inbound.reply = reply.text
        inbound.intent = inbound.intent or reply.intent
        inbound.reply_data = {**reply.data, "entry_ids": reply.entry_ids}
        inbound.status = status
        inbound.replied_at = utcnow()


_SPACES = re.compile(r"[ \t\u3000\u2005]+")


def normalize(text: str) -> str:
    """Drop control characters, collapse blanks and trim; keep the words as typed. (@-mentions were
    stripped by the channel that received the message: bot.channels.mentions.)"""
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\n\t")
    text = _SPACES.sub(" ", text)
    return text.strip()


__all__ = ["Dispatcher", "normalize"]
