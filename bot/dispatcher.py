"""The one path every message takes (design §2):

IncomingMessage (from a channel, @-mentions stripped) → validate → identify member and unit (as the channel
identifies its senders) → parse() → the intent's permission (handlers.registry) → handler → Reply. One write
transaction per message stores it — claimed by (platform, message id), which dedupes deliveries — with what
the handler writes and the reply, so that a retried delivery gets the same answer. A sender who is not a
member reaches only the intents declared open to unbound senders (绑定).
No exception reaches the user: a failing handler rolls back and the user gets a short apology.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select, update
from sqlalchemy.exc import DataError
from sqlalchemy.orm import Session

from bot.channels.registry import channel_class
from bot.clock import Clock, SystemClock
from bot.context import Context, Visitor
from bot.ledger.pending import take_pending
from bot.messages import IncomingMessage, Reply
from bot.nlu import Intent, Lexicon, Speaker, parse
from bot.rules import prepare as prepare_rules
from handlers.registry import answer_unbound, handler_for
from handlers.registry import prepare as prepare_handler
from storage import repo
from storage.db import Database, WriteInReadUnit, database_locked
from storage.models import Conversation, InboundMessage, Member
from storage.timeutil import utcnow

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)
# Intents whose handlers normally only read (SQLite: tried without the write lock first; one that writes after
# all — a pending question answered, a first message from a new chat — is done again as a write transaction).
READ_FIRST = frozenset({"query", "check", "report", "compare", "help", "unknown", "history", "approvals", "lookup",
                        "quota"})
# Intents whose handler runs the rules on the message's words (record-time flagging): that part is worked out
# before the write transaction (bot.rules.prepare).
RULES_RUN = frozenset({"record"})
# Called inside the reply's write transaction when the route answered empty before the reply was ready.
LateHook = Callable[[Session, Reply], None]
# The handler's part of the write transaction: given the transaction and the id the message is stored under.
Work = Callable[[Session, int], "Answer"]


class NotStored(RuntimeError):
    """Neither the answer nor the failure could be stored: nothing may be acknowledged (the platform delivers
    the message again)."""


class _ClaimedElsewhere(RuntimeError):
    """PostgreSQL: the message, answered in a transaction that stores it last, had been stored by another delivery
    meanwhile; that transaction is rolled back (nothing the handler wrote stays) and the message is claimed as
    any redelivery is."""


@dataclass(eq=False)
class Delivery:
    """A valid delivery this process answers: what the route's request thread and the worker thread share.

    Its claim (the InboundMessage row) is stored by the reply's own write transaction — one write per
    message — or ahead of it, when the route must answer before the reply is ready (Dispatcher.mark_late)
    or a redelivery arrives meanwhile. `lock` orders those writes, so they never pass each other."""

    msg: IncomingMessage
    text: str
    lock: threading.Lock = field(default_factory=threading.Lock)
    inbound_id: int | None = None  # the stored claim, once committed
    answered: Reply | None = None  # the reply, once committed
    late: bool = False  # …which went the late way (the route had answered empty)

    @property
    def key(self) -> tuple[str, str]:
        return self.msg.platform, self.msg.message_id


@dataclass
class Answer:
    """What processing found, carried from the read unit into the write transaction."""

    reply: Reply
    conversation_id: int | None
    sender_id: int | None = None
    intent: str | None = None


@dataclass(frozen=True)
class Ahead:
    """SQLite: what the read unit worked out for a record's write transaction — the handler's prepared part,
    and the sender and chat found (detached, as loaded), which the write transaction takes over without
    looking them up again, so that the write lock is held only to write."""

    prepared: object | None = None
    sender: Member | None = None
    chat: Conversation | None = None
    question: bool | None = None  # whether a question waited for the sender's answer in the chat (None: not read)


NOTHING_AHEAD = Ahead()

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
        self._lexicon: tuple[tuple[str, tuple[str, ...]], Lexicon] | None = None
        self._in_flight: dict[tuple[str, str], Delivery] = {}  # the deliveries this process is answering
        self._in_flight_lock = threading.Lock()

    def handle(self, msg: IncomingMessage, on_late: LateHook | None = None) -> Reply:
        """accept() then process(): the whole path, for channels that answer when it is done."""
        try:
            accepted = self.accept(msg)
        except Exception:
            log.exception("could not store inbound message %s/%s", msg.platform, msg.message_id)
            return Reply(text=FAILED_REPLY, intent="error")
        if isinstance(accepted, Reply):
            return accepted
        try:
            return self.process(accepted, on_late)
        except NotStored:
            return Reply(text=FAILED_REPLY, intent="error")

    def accept(self, msg: IncomingMessage, wait_s: float | None = None) -> Delivery | Reply:
        """Validate the delivery and take it on; nothing is written yet (process() stores it with its answer).

        A Reply: invalid input, or a redelivery of a message this process is answering now — whose claim is
        then stored first (an empty duplicate is an acknowledgement), or whose committed answer is repeated.
        Raises when that claim could not be stored within `wait_s`: nothing may be acknowledged then."""
        text = normalize(msg.text)
        if not text:
            return Reply(text=EMPTY_REPLY, intent="invalid")
        if len(text) > self.max_text_chars:
            return Reply(text=TOO_LONG_REPLY.format(limit=self.max_text_chars), intent="invalid")
        delivery = Delivery(msg, text)
        with self._in_flight_lock:
            running = self._in_flight.setdefault(delivery.key, delivery)
        if running is delivery:
            return delivery
        with self._held(running, wait_s) as left:
            if running.answered is None:
                with self._claiming(running, left) as session:
                    early = self._claim_in(session, running, late=False)
                return early or _busy()
        return _busy() if running.late else replace(running.answered, duplicate=True)

    def process(self, delivery: Delivery, on_late: LateHook | None = None) -> Reply:
        """Answer an accepted delivery. Reads (parse, identify, rules) run without the write lock; the claim, what
        the handler writes, the reply and — when the route has meanwhile answered empty — the late reply
        (`on_late`) are one write transaction. A redelivery that lost the claim to another gets that one's
        stored reply, or an empty duplicate while it runs. Raises NotStored when nothing could be stored."""
        try:
            return self._process(delivery, on_late)
        except Exception as exc:
            log.exception("handler failed for %s/%s", *delivery.key)
            reply = Reply(text=OUT_OF_RANGE_REPLY if isinstance(exc, DataError) else FAILED_REPLY, intent="error")
            try:
                return self._commit(delivery, on_late, Answer(reply, None), status="failed")
            except Exception as failed:
                log.exception("could not store %s/%s as failed", *delivery.key)
                if delivery.inbound_id is None:
                    raise NotStored(delivery.key) from failed
            return reply
        finally:
            with self._in_flight_lock:
                if self._in_flight.get(delivery.key) is delivery:
                    del self._in_flight[delivery.key]

    def mark_late(self, delivery: Delivery, wait_s: float | None = None) -> Reply | None:
        """The route is about to answer empty: store the claim, marked "answered late", first (every worker
        reads it), unless the answer is ready, which is then returned to be sent now. None: the reply follows
        through `on_late` (or the delivery that owns the message answers). Raises when the state could not be
        committed within `wait_s`: then nothing may be answered."""
        with self._held(delivery, wait_s) as left:
            if delivery.answered is not None:  # an empty duplicate: the delivery that owns the message answers
                return delivery.answered if delivery.answered.text else None
            with self._claiming(delivery, left) as session:
                early = self._claim_in(session, delivery, late=True)
        return early if early is not None and early.text else None

    def _process(self, delivery: Delivery, on_late: LateHook | None) -> Reply:
        msg, text = delivery.msg, delivery.text
        if self.db.dialect != "sqlite":  # no database-wide write lock: one transaction, fewest round trips
            return self._process_in_one(delivery, on_late)
        # One read unit: the parse, then the answer of a handler that only reads (a question, a check: it never
        # takes the write lock), or what a writing handler can work out before its write transaction.
        parsed: Intent | None = None
        answer: Answer | None = None
        ahead = NOTHING_AHEAD
        try:
            with self.db.read() as session:
                lexicon = self.lexicon(session, chat=msg)  # first: it reads the stamps the sender's look-up relies on
                sender = self._member(session, msg)  # once: who speaks tells the parser who acts, then answers
                parsed = parse(text, self.clock.now(), lexicon, self._speaker(sender))
                if parsed.intent in READ_FIRST:
                    known = NOTHING_AHEAD if isinstance(sender, Reply) else Ahead(sender=sender)
                    found = self._answer(session, msg, _unstored(text), parsed, known)
                elif parsed.intent in RULES_RUN:
                    prepare_rules(self.services.rules.current(), text, parsed.title)
                    ahead = self._prepare(session, msg, text, parsed, sender)
            if parsed.intent in READ_FIRST:
                answer = found
        except WriteInReadUnit:
            if parsed is None:
                raise
            ahead = NOTHING_AHEAD  # it writes: done again below as one write transaction
        if answer is not None:
            return self._commit(delivery, on_late, answer)
        intent = parsed
        return self._commit(delivery, on_late,
                            lambda s, inbound_id: self._answer(s, msg, self._message_row(s, inbound_id, text), intent,
                                                               ahead))

    def _process_in_one(self, delivery: Delivery, on_late: LateHook | None) -> Reply:
        """PostgreSQL: the whole message in one transaction, stored last with its reply (_commit's `reserved`);
        claimed first, as a redelivery is, when another delivery stored it meanwhile."""
        msg, text = delivery.msg, delivery.text
        parsed: Intent | None = None
        try:
            with self.db.session() as session:
                # First: it reads the stamps the sender's look-up relies on, and reserves the message's id.
                lexicon = self.lexicon(session, reserve_inbound=True, chat=msg)
                sender = self._member(session, msg)
                parsed = intent = parse(text, self.clock.now(), lexicon, self._speaker(sender))
                known = NOTHING_AHEAD if isinstance(sender, Reply) else Ahead(sender=sender)
                return self._commit(delivery, on_late,
                                    lambda s, inbound_id: self._answer(s, msg, self._message_row(s, inbound_id, text),
                                                                       intent, known),
                                    session=session, reserved=repo.reserved_inbound_id(session))
        except _ClaimedElsewhere:
            assert parsed is not None
            again = parsed
        return self._commit(delivery, on_late,
                            lambda s, inbound_id: self._answer(s, msg, self._message_row(s, inbound_id, text), again))

    def _commit(self, delivery: Delivery, on_late: LateHook | None, work: Work | Answer,
                session: Session | None = None, status: str = "done", reserved: int | None = None) -> Reply:
        """The message's one write transaction: its claim (unless stored ahead), then `work` — the handler, or
        the answer already worked out — and the reply; or, when another delivery holds the claim, that one's
        stored reply (or an empty duplicate) and nothing written. On `session` (committed here) when given,
        else a write unit of its own.

        With an id `reserved` for the message (PostgreSQL, repo.units_version) and no claim stored yet, the
        handler runs first, under that id, and the message goes in last with its reply, in one INSERT instead of
        a claim's INSERT and the reply's UPDATE (the ledger's reference to it is checked at commit: migration
        0013). No one can have marked it late meanwhile (mark_late waits for `delivery.lock`); when another
        delivery stored it meanwhile, _ClaimedElsewhere rolls everything back."""
        late_at = None
        with delivery.lock, self._claiming(delivery, session=session) as unit:
            if isinstance(work, Answer) and self._stored_answered(unit, delivery, work, status):
                reply = work.reply  # claim and reply in one INSERT
            elif reserved is not None and delivery.inbound_id is None and not isinstance(work, Answer):
                answer = work(unit, reserved)
                unit.flush()  # what the handler wrote goes first, as it would before the reply's UPDATE
                if not self._stored_answered(unit, delivery, answer, status, reserved):
                    raise _ClaimedElsewhere(delivery.key)
                reply = answer.reply
            else:
                early = self._claim_in(unit, delivery, late=False)
                if early is None:
                    assert delivery.inbound_id is not None
                    answer = work if isinstance(work, Answer) else work(unit, delivery.inbound_id)
                    late_at = self._reply_stored(unit, delivery.inbound_id, answer, on_late, status)
                    reply = answer.reply
                else:
                    reply = early
        delivery.answered, delivery.late = reply, late_at is not None
        return reply

    @staticmethod
    def _stored_answered(session: Session, delivery: Delivery, answer: Answer, status: str,
                         reserved: int | None = None) -> bool:
        """Claim a message whose answer is ready together with that answer, in one INSERT (under the id `reserved`
        for it, when given): False when it was claimed before (by this delivery or another: then as any claim,
        repo.claim_inbound)."""
        if delivery.inbound_id is not None:
            return False
        msg, reply = delivery.msg, answer.reply
        given = {} if reserved is None else {"id": reserved}
        inbound_id = repo.insert_inbound(
            session, msg.platform, msg.message_id, now=utcnow(), text=delivery.text, sender_external=msg.sender_id,
            chat_external=msg.chat_id, conversation_id=answer.conversation_id, sender_id=answer.sender_id or None,
            intent=answer.intent or reply.intent, reply=reply.text,
            reply_data={**reply.data, "entry_ids": reply.entry_ids}, status=status, replied_at=utcnow(), **given)
        delivery.inbound_id = inbound_id
        return inbound_id is not None

    def _prepare(self, session: Session, msg: IncomingMessage, text: str, intent: Intent,
                 member: Member | Reply) -> Ahead:
        """SQLite: what the handler can read and work out before its write transaction (handlers.registry.prepare:
        a record's rules verdict), in the read unit, so that the write lock is held only to write; with the sender
        and chat found. Best effort: whatever it does not work out (or works out for another proposal), the
        handler does itself."""
        try:
            if isinstance(member, Reply):
                return NOTHING_AHEAD
            # No chat in the context: nothing worked out ahead depends on it (the handler's own context has it).
            ctx = Context(session=session, clock=self.clock, member=member, unit=member.unit, conversation=None,
                          message=_unstored(text), services=self.services)
            prepared = prepare_handler(ctx, intent)
            # The chat, and whether a question waits for the sender's answer in it, in one look-up (as _answer's).
            chat = repo.conversation(session, msg.platform, msg.chat_id, member.id) if msg.chat_id else None
            question = repo.question_seen(session, chat.id, member.id) if chat is not None else None
        except Exception:  # the handler, in its write transaction, meets the same and answers for it
            log.warning("could not prepare %s/%s ahead", msg.platform, msg.message_id, exc_info=True)
            return NOTHING_AHEAD
        # Detached as loaded when the read unit closes (Database.read: closed without the ORM's rollback, which
        # would expire them), for the write transaction to take over.
        return Ahead(prepared, member, chat, question)

    @staticmethod
    def _reply_stored(session: Session, inbound_id: int, answer: Answer, on_late: LateHook | None,
                      status: str) -> dt.datetime | None:
        """Store the reply in one UPDATE that also reads the late state as committed now: the UPDATE locks the
        row (PostgreSQL) or runs under the write lock (SQLite), so mark_late and the reply cannot pass each
        other; when the route has meanwhile answered empty, the reply goes the late way in this transaction."""
        reply = answer.reply
        late_at = repo.reply_inbound(session, inbound_id, conversation_id=answer.conversation_id,
                                     sender_id=answer.sender_id, intent=answer.intent, reply_intent=reply.intent,
                                     reply=reply.text, reply_data={**reply.data, "entry_ids": reply.entry_ids},
                                     status=status)
        if late_at is not None and on_late is not None:
            on_late(session, answer.reply)
        return late_at

    @staticmethod
    def _message_row(session: Session, inbound_id: int, text: str) -> InboundMessage:
        """The message for the handler (ctx.message: its id and words) without reading it back: claimed in this
        transaction or before, or (PostgreSQL) to be stored under this id when the handler is done — handlers read
        nothing else of it."""
        row = repo.as_loaded(InboundMessage, {"id": inbound_id, "text": text})
        repo.take_in(session, row)
        return row

    def lexicon(self, session: Session | Connection, reserve_inbound: bool = False,
                chat: IncomingMessage | None = None) -> Lexicon:
        """The units' names for the parser, rebuilt only when the units changed (their version stamp: one
        key read in the message's own transaction; `reserve_inbound`: see repo.units_version). With the message
        `chat`, the same look-up reads its chat for the rest of the transaction (repo.units_version)."""
        schedules = self.services.schedules.current()
        read_chat = (chat.platform, chat.chat_id, chat.sender_id) if chat is not None and chat.chat_id else None
        version = (repo.units_version(session, reserve_inbound, read_chat), schedules.county_office)
        cached = self._lexicon
        if cached is not None and cached[0] == version:
            return cached[1]
        lexicon = Lexicon.from_units(repo.lexicon_units(session), schedules.organiser_level)
        self._lexicon = (version, lexicon)
        return lexicon

    def resume_abandoned(self, limit: int = 20) -> int:
        """Re-run messages a crashed worker left "processing" past the takeover age, and deliver their
        answers through the chat's push path: a message is never silently dropped. Returns how many."""
        cutoff = utcnow() - repo.STALE_PROCESSING
        with self.db.read() as session:
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

    def _write_unit(self, wait_s: float | None) -> contextlib.AbstractContextManager[Session]:
        return self.db.session() if wait_s is None else self.db.session_waiting(wait_s)

    @staticmethod
    @contextlib.contextmanager
    def _held(delivery: Delivery, wait_s: float | None) -> Iterator[float | None]:
        """The delivery's lock, waited for at most `wait_s` (then "database is locked", as a write unit's wait
        ends); yields the seconds left of the wait."""
        started = time.monotonic()
        if not delivery.lock.acquire(timeout=-1 if wait_s is None else max(wait_s, 0.0)):
            raise database_locked()
        try:
            yield None if wait_s is None else max(wait_s - (time.monotonic() - started), 0.001)
        finally:
            delivery.lock.release()

    @contextlib.contextmanager
    def _claiming(self, delivery: Delivery, wait_s: float | None = None,
                  session: Session | None = None) -> Iterator[Session]:
        """A write transaction that may store the delivery's claim (the caller holds its lock): committed at
        the end — `session`'s when given, else a write unit's —; the claim counts only once committed."""
        claimed = delivery.inbound_id
        try:
            if session is None:
                with self._write_unit(wait_s) as unit:
                    yield unit
            else:
                yield session
                session.commit()
        except BaseException:
            delivery.inbound_id = claimed
            raise

    @staticmethod
    def _claim_in(session: Session, delivery: Delivery, late: bool) -> Reply | None:
        """Store the delivery's claim in the caller's transaction (`late`: marked answered late), unless it is
        stored already. None: this delivery owns the message. A Reply: another delivery does — its stored
        answer when it finished and answered it passively, else an empty duplicate; a crashed worker's claim
        is taken over once stale (repo.claim_inbound)."""
        msg = delivery.msg
        if delivery.inbound_id is not None:
            if late and not repo.rows_updated(session, update(InboundMessage).where(
                    InboundMessage.id == delivery.inbound_id, InboundMessage.status == "processing")
                    .values(late_at=utcnow())):
                row = session.get(InboundMessage, delivery.inbound_id)
                assert row is not None
                return replace(Reply.from_stored(row.reply or "", row.intent, row.reply_data), duplicate=False)
            return None
        inbound_id, row, state = repo.claim_inbound(session, msg.platform, msg.message_id, now=utcnow(), late=late,
                                                    text=delivery.text, sender_external=msg.sender_id,
                                                    chat_external=msg.chat_id)
        if state == "new":
            delivery.inbound_id = inbound_id
            return None
        if state == "done" and row is not None and row.late_at is None:
            return Reply.from_stored(row.reply or "", row.intent, row.reply_data)
        return _busy()  # being answered elsewhere, or answered the late way

    def _answer(self, session: Session, msg: IncomingMessage, inbound: InboundMessage, intent: Intent,
                ahead: Ahead = NOTHING_AHEAD) -> Answer:
        """The handler's answer to the message (`inbound`: its row); what the read unit found `ahead` is taken
        over without a query."""
        chat, sender = ahead.chat, ahead.sender
        member = self._member(session, msg) if sender is None else repo.take_over(session, sender)
        # The chat, and whether a question waits for the sender's answer in it (take_pending), in one look-up.
        asked = member.id if isinstance(member, Member) else None
        if chat is None:
            conversation = self._conversation(session, msg, asked)
        else:
            conversation = repo.take_over(session, chat)
            if ahead.question is False and asked is not None:
                # None waited when the read unit looked: not looked up again under the write lock. A message that
                # answers a question was sent after the question was seen, so after it was committed: only a
                # question asked meanwhile by another message, which this one cannot answer, is left waiting.
                repo.question_read(session, conversation.id, asked, waits=False)
        answer = Answer(Reply(text=""), conversation.id if conversation else None)
        if isinstance(member, Reply):
            visitor = Visitor(session=session, clock=self.clock, message=msg, services=self.services)
            answer.reply = answer_unbound(visitor, intent) or member
            return answer
        answer.sender_id = member.id
        ctx = Context(
            session=session,
            clock=self.clock,
            member=member,
            unit=member.unit,
            conversation=conversation,
            message=inbound,
            services=self.services,
            prepared=ahead.prepared,
        )
        merged = take_pending(ctx, intent)
        if merged is not None:
            intent = merged
        reply = handler_for(intent.intent)(ctx, intent)
        answer.intent = intent.intent
        if msg.is_group and conversation is not None and conversation.unit_id is None and intent.intent != "bind":
            reply.text = f"{reply.text}\n{UNBOUND_GROUP_HINT}"
        answer.reply = reply
        return answer

    def _conversation(self, session: Session, msg: IncomingMessage, asked: int | None = None) -> Conversation | None:
        found = repo.conversation(session, msg.platform, msg.chat_id, asked)
        channel = channel_class(msg.platform)
        if found is not None or not msg.chat_id or channel is None or not channel.remembers_new_chats:
            return found
        # Remember a new chat (unbound) so a manager can bind it to a unit later. Several first
        # messages of a new group may arrive at once: the loser of the insert reads the winner's row.
        created = repo.remember_chat(session, msg.platform, msg.chat_id, msg.chat_title)
        return created if created is not None else repo.conversation(session, msg.platform, msg.chat_id)

    def _speaker(self, member: Member | Reply) -> Speaker | None:
        """Who speaks, for the parser: a unit above the sender's, named as the one acting, is the other party."""
        if isinstance(member, Reply):
            return None
        unit = member.unit
        return Speaker(unit.name, self.services.schedules.current().organiser_level(unit.name, unit.aliases or [],
                                                                                    unit.level))

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


def _busy() -> Reply:
    """The answer to a redelivery while the message is being answered (or went the late way): empty."""
    return Reply(text="", intent="duplicate", duplicate=True)


def _unstored(text: str) -> InboundMessage:
    """The message for a handler run in the read unit, before it is stored: its words (no id yet)."""
    return repo.as_constructed(InboundMessage, {"text": text})


_SPACES = re.compile(r"[ \t\u3000\u2005]+")


def normalize(text: str) -> str:
    """Drop control characters, collapse blanks and trim; keep the words as typed. (@-mentions were
    stripped by the channel that received the message: bot.channels.mentions.)"""
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\n\t")
    text = _SPACES.sub(" ", text)
    return text.strip()


__all__ = ["Dispatcher", "normalize"]
