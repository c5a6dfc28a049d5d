"""Flask routes of the WeCom callbacks: GET/POST /wecom/aibot (智能机器人) and GET/POST /wecom/app (自建应用).

Every request is answered inside WeCom's 5-second window (protocols.md §1.3). Nothing is acknowledged that
is not in the database: the dispatcher runs in a worker thread and stores the message with its answer in
one write transaction (Dispatcher.process); the route waits at most `settings.reply_budget_seconds` (3 s,
counted from the request). Past that it stores the message itself, marked "answered late"
(Dispatcher.mark_late), and only then answers an empty 200 — which WeCom takes as "received", with no
retry; the reply is queued in the Outbox in the reply's own write transaction: channel
wecom_response_url (AI bot) or wecom_app (app). When the message cannot be stored the answer is 503 and
WeCom delivers it again. A crash after the late mark leaves the message "processing" for the resume path.

Exactly once: the dispatcher dedupes on (platform, msgid) in the database (and on the deliveries a process
is answering, in memory). A retried delivery gets the stored reply again, or an empty 200 while the first
is still running or when the first one's reply went the late way — read from the database, so every
worker decides alike.

Back-pressure: at most MAX_IN_FLIGHT messages per process are being answered; a request beyond that
waits for a slot (up to the budget) and is otherwise answered 503 without being stored.

Bad input never reaches the dispatcher and never gets a 5xx: missing/stale parameters and malformed
bodies → 400, a wrong signature or receive id → 403, over-size bodies → 413 (MAX_CONTENT_LENGTH).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from flask import Flask, Response, jsonify, request
from sqlalchemy.orm import Session

from bot.channels.wecom import aibot
from bot.channels.wecom import app as appcb
from bot.channels.wecom.callback import MalformedCallback, signed_query
from bot.channels.wecom.crypto import (
    CallbackError,
    Envelope,
    WeComCrypto,
    WrongReceiveId,
)
from bot.channels.wecom.handoff import ReplyThreads
from bot.channels.wecom.render import TEXT_MAX_BYTES, split_text, truncate_bytes
from bot.channels.wecom.response_url import late_payload
from bot.dispatcher import FAILED_REPLY, NotStored
from bot.messages import IncomingMessage, Reply
from bot.outbox import enqueue
from bot.push import Push
from bot.runtime import Runtime

log = logging.getLogger(__name__)
T = TypeVar("T")

REPLY_WORKERS = 8
WINDOW_SECONDS = 4.5  # WeCom waits 5 s for an answer, then delivers again
MAX_IN_FLIGHT = 32  # messages being answered at once in one process (queued beyond REPLY_WORKERS)
NON_TEXT_REPLY = (
    "目前只能识别文字消息，暂不能处理图片、语音、文件等内容。"
    "请用一句话文字说明事项，如“明天开会，3个乡镇参加”。"
)
# Shown under answers in a group not yet bound to a unit (the bind command is handled by the dispatcher).


class Unavailable(Exception):
    """The message was not stored (database busy or down, too many in flight): answer 503, not 200."""


@dataclass(frozen=True)
class LateRoute:
    """Where a reply goes when it misses the budget."""

    channel: str
    target: str


def late_key(message_id: str) -> str:
    return f"wecom-late:{message_id}"


def reply_payload(text: str) -> dict[str, Any]:
    """An app-message reply to a member's own message: sent whenever it is ready, day or night.

    Push.payload() marks scheduled group pushes daytime_only; a reply the member is waiting for
    must not be held until morning.
    """
    return {**Push(title="减负助手", text=text).payload(), "daytime_only": False}


class WeComCallbacks:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.settings = runtime.settings.wecom
        self.budget = runtime.settings.reply_budget_seconds
        self.executor = ReplyThreads(REPLY_WORKERS, "wecom-reply")
        self.aibot_crypto = (
            _crypto("WECOM_AIBOT_AES_KEY", self.settings.aibot_token, self.settings.aibot_aes_key, "")
            if self.settings.aibot_enabled else None
        )
        self.app_crypto = (
            _crypto("WECOM_APP_AES_KEY", self.settings.app_token, self.settings.app_aes_key,
                    self.settings.corp_id)
            if self.settings.app_enabled else None
        )
        self._slots = threading.BoundedSemaphore(MAX_IN_FLIGHT)

    # --- routes ----------------------------------------------------------------------------------

    def aibot_route(self) -> Response:
        """JSON envelope, receive id ""; the answer is a JSON envelope around a finished stream."""
        return self._serve(self.aibot_crypto, "aibot", aibot.parse_envelope, aibot.parse_callback,
                           self._answer_aibot, lambda envelope: jsonify(envelope.as_json()))

    def app_route(self) -> Response:
        """XML envelope, receive id = corp id; the answer is an XML envelope around a text reply."""
        return self._serve(self.app_crypto, "app", appcb.parse_envelope, appcb.parse_callback,
                           self._answer_app,
                           lambda envelope: Response(envelope.as_xml(), mimetype="application/xml"))

    def _serve(
        self,
        crypto: WeComCrypto | None,
        which: str,
        parse_envelope: Callable[[bytes], str],
        parse_callback: Callable[[str], T],
        answer: Callable[[T], str | None],
        wrap: Callable[[Envelope], Response],
    ) -> Response:
        """GET: the handshake. POST: verify, decrypt, parse, answer (or an empty 200), encrypt."""
        assert crypto is not None
        try:
            query = signed_query(request.args, self.runtime.clock.now())
            if request.method == "GET":
                return _plain(crypto.verify_url(query.signature, query.timestamp, query.nonce, _echostr()))
            encrypt = parse_envelope(request.get_data(cache=False))
            callback = parse_callback(crypto.decrypt(query.signature, query.timestamp, query.nonce, encrypt))
        except CallbackError as exc:
            return _refuse(exc, which)
        try:
            plaintext = answer(callback)
        except Unavailable as exc:
            log.warning("wecom %s callback answered 503: %s", which, exc)
            return Response("", status=503, mimetype="text/plain")
        if plaintext is None:
            return _empty()
        return wrap(crypto.encrypt(plaintext, query.nonce, query.timestamp))

    # --- answers ---------------------------------------------------------------------------------

    def _answer_aibot(self, cb: aibot.AibotCallback) -> str | None:
        """The plaintext JSON reply, or None for an empty 200."""
        if cb.msgtype == "event":
            return aibot.welcome_reply() if cb.event_type == "enter_chat" else None
        if cb.msgtype == "stream":
            return None  # a refresh of a stream we never left open
        if cb.msgtype != "text":
            return aibot.stream_reply(NON_TEXT_REPLY)
        msg = cb.incoming(self.runtime.clock.now())
        reply = self._dispatch(msg, LateRoute("wecom_response_url", cb.response_url))
        if reply is None:
            return None
        return aibot.stream_reply(self._final_text(msg, reply))

    def _answer_app(self, cb: appcb.AppCallback) -> str | None:
        """The plaintext reply XML, or None for an empty 200."""
        now = self.runtime.clock.now()
        if cb.msg_type == "event":
            return None
        if cb.msg_type != "text":
            return appcb.text_reply(cb, NON_TEXT_REPLY, now, self.settings.agent_id)
        msg = cb.incoming(now)
        route = LateRoute("wecom_app", f"user:{cb.userid}")
        reply = self._dispatch(msg, route)
        if reply is None:
            return None
        return appcb.text_reply(cb, self._fit_app_reply(msg, reply, route), now, self.settings.agent_id)

    def _fit_app_reply(self, msg: IncomingMessage, reply: Reply, route: LateRoute) -> str:
        """A passive text reply holds 2048 bytes; the rest follows through the app message API."""
        text = self._final_text(msg, reply)
        if len(text.encode("utf-8")) <= TEXT_MAX_BYTES:
            return text
        if not self._app_can_send():
            return truncate_bytes(text, TEXT_MAX_BYTES)
        head, *rest = split_text(text, TEXT_MAX_BYTES - 64)
        self._enqueue(route, reply_payload("".join(rest)),
                      f"wecom-rest:{msg.message_id}")
        return head.rstrip("\n") + "\n（余下内容随后发送）"

    # --- dispatch within the budget --------------------------------------------------------------

    def _dispatch(self, msg: IncomingMessage, late: LateRoute) -> Reply | None:
        """The reply to answer passively, or None: answer empty (late, busy, or a retry of a late one).
        Raises Unavailable when the message could not be stored (the route answers 503)."""
        started = time.monotonic()
        if not self._slots.acquire(timeout=self.budget):
            raise Unavailable("too many messages in flight")
        dispatcher = self.runtime.dispatcher
        try:
            accepted = dispatcher.accept(msg, wait_s=self._left(started))
        except Exception as exc:
            self._slots.release()
            log.exception("could not store %s: answering 503 so that it is delivered again", msg.message_id)
            raise Unavailable("message not stored") from exc
        if isinstance(accepted, Reply):
            self._slots.release()
            return _passive(accepted)
        on_late = partial(self._queue_late, msg, late)
        job = self.executor.submit(partial(dispatcher.process, accepted, on_late), then=self._slots.release)
        try:
            return _passive(job.wait(timeout=max(self.budget - (time.monotonic() - started), 0.0)))
        except TimeoutError:
            pass
        except NotStored as exc:
            raise Unavailable("message not stored") from exc
        except Exception:  # process() answers its own failures; this is a bug, still answered
            log.exception("dispatcher failed for %s", msg.message_id)
            return Reply(text=FAILED_REPLY, intent="error")
        try:  # committed before the empty answer
            ready = dispatcher.mark_late(accepted, wait_s=self._left(started))
        except Exception as exc:  # not answered at all: the redelivery finds the stored reply
            raise Unavailable("late state not stored") from exc
        if ready is not None:
            return ready
        log.info("reply to %s past the %.1f s budget; it will follow via %s", msg.message_id, self.budget, late.channel)
        return None

    @staticmethod
    def _left(started: float) -> float:
        """Seconds left in the platform's window (at least a little, to try once)."""
        return max(WINDOW_SECONDS - (time.monotonic() - started), 0.1)

    def _queue_late(self, msg: IncomingMessage, late: LateRoute, session: Session, reply: Reply) -> None:
        """Queue the reply the route could not wait for, in the transaction that stores it."""
        if not late.target or late.target.endswith(":"):
            log.warning("late reply to %s has nowhere to go (no response_url)", msg.message_id)
            return
        text = self._final_text(msg, reply)
        now = self.runtime.clock.now()
        if late.channel == "wecom_response_url":
            payload = late_payload(text, now)
        else:
            payload = reply_payload(text)
            if not self._app_can_send():
                log.error("late app reply to %s queued, but WECOM_APP_SECRET/WECOM_AGENT_ID are not "
                          "set: it waits in the Outbox until they are", msg.message_id)
        enqueue(session, late.channel, late.target, payload, late_key(msg.message_id), now=now)

    def _enqueue(self, late: LateRoute, payload: dict[str, Any], key: str) -> None:
        now = self.runtime.clock.now()
        with self.runtime.db.session() as session:
            enqueue(session, late.channel, late.target, payload, key, now=now)

    def _final_text(self, msg: IncomingMessage, reply: Reply) -> str:
        return reply.markdown or reply.text

    def _app_can_send(self) -> bool:
        return bool(self.settings.corp_id and self.settings.app_secret and self.settings.agent_id.isdigit())

    def close(self) -> None:
        self.executor.shutdown()


# --- helpers ---------------------------------------------------------------------------------------

def _crypto(variable: str, token: str, aes_key: str, receive_id: str) -> WeComCrypto:
    """Fail at start-up, naming the setting, rather than refusing every callback later."""
    try:
        return WeComCrypto(token, aes_key, receive_id)
    except ValueError as exc:
        raise RuntimeError(f"{variable}: {exc}") from exc


def _echostr() -> str:
    echostr = request.args.get("echostr", "")
    if not echostr:
        raise MalformedCallback("missing echostr")
    return echostr


def _passive(reply: Reply) -> Reply | None:
    """The reply to answer now, or None: an empty duplicate (the message is answered by another delivery, or
    was answered the late way) is answered with an empty 200."""
    return None if reply.duplicate and not reply.text else reply


def _plain(text: str) -> Response:
    """The handshake answer: the bare plaintext, no quotes, BOM or newline (protocols.md §1.1)."""
    return Response(text, status=200, mimetype="text/plain")


def _empty() -> Response:
    return Response("", status=200, mimetype="text/plain")


def _refuse(exc: CallbackError, which: str) -> Response:
    # Scanners probe public callback URLs (peers.md §3.2): log one line, never the body.
    # A wrong receive id under a valid signature is our misconfiguration (WECOM_CORP_ID), not an attack.
    level = logging.ERROR if isinstance(exc, WrongReceiveId) else logging.WARNING
    log.log(level, "wecom %s callback refused (%s): %s from %s", which, type(exc).__name__, exc,
            request.remote_addr)
    response = jsonify(error=type(exc).__name__, code=exc.status)
    response.status_code = exc.status
    return response


def register(app: Flask, runtime: Runtime) -> None:
    """Add the WeCom routes for whichever of the AI bot and the app is configured."""
    settings = runtime.settings.wecom
    if not (settings.aibot_enabled or settings.app_enabled):
        return
    callbacks = WeComCallbacks(runtime)
    app.extensions["wecom"] = callbacks
    if settings.aibot_enabled:
        app.add_url_rule("/wecom/aibot", "wecom_aibot", callbacks.aibot_route, methods=["GET", "POST"])
    if settings.app_enabled:
        app.add_url_rule("/wecom/app", "wecom_app", callbacks.app_route, methods=["GET", "POST"])
