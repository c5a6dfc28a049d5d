"""POST /dingtalk/robot: the enterprise-internal robot in HTTP mode.

Order matters: the `timestamp`/`sign` headers are checked before the body is read (401 unsigned, 403
signed wrongly or outside the one-hour window), so an unsigned request reaches nothing; a (timestamp, sign)
pair is then good for one msgId only, and chatbotCorpId/robotCode must be ours when configured (replay.py). Then the body
(over MAX_CONTENT_LENGTH → 413), JSON (400), fields (400), and the message goes to the dispatcher.
The reply goes to the sessionWebhook (see inbound.py); the HTTP answer itself is an empty JSON object.
"""

from __future__ import annotations

import json
import logging

from flask import Flask, jsonify, request

from flask.typing import ResponseReturnValue

from bot.channels.dingtalk import replay
from bot.channels.dingtalk.inbound import DingTalkInbound
from bot.channels.dingtalk.payload import Callback, PayloadError, parse_callback
from bot.channels.dingtalk.senders import now_ms
from bot.channels.dingtalk.sign import Check, verify_callback
from bot.runtime import Runtime

log = logging.getLogger(__name__)

PATH = "/dingtalk/robot"


def register(app: Flask, runtime: Runtime) -> None:
    settings = runtime.settings.dingtalk
    if not settings.app_secret:
        log.info("DINGTALK_APP_SECRET not set: %s is not served", PATH)
        return
    inbound = DingTalkInbound(runtime)

    @app.post(PATH)
    def dingtalk_robot():  # type: ignore[no-untyped-def]
        check = verify_callback(
            request.headers.get("timestamp"), request.headers.get("sign"), settings.app_secret,
            now_ms(runtime.clock),
        )
        if check is not Check.OK:
            log.warning("dingtalk callback refused (%s) from %s", check.value, request.remote_addr)
            return jsonify(error="signature", reason=check.value), check.http_status
        raw = request.get_data(cache=False)  # over the size limit this raises 413
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested beyond reason
            return jsonify(error="body is not JSON"), 400
        try:
            callback = parse_callback(data)
        except PayloadError as exc:
            log.warning("dingtalk callback malformed: %s", exc)
            return jsonify(error=str(exc)), 400
        refused = _refused(callback)
        if refused is not None:
            return refused
        inbound.handle(callback)
        return jsonify({})

    def _refused(callback: Callback) -> ResponseReturnValue | None:
        """Another organisation's or robot's callback, or a signature already used for another message."""
        other = replay.foreign(callback, settings)
        if other is not None:
            log.warning("dingtalk callback for another %s refused from %s", other, request.remote_addr)
            return jsonify(error="not this robot", reason=other), 403
        if not replay.claim(runtime.db, str(request.headers.get("timestamp")), str(request.headers.get("sign")),
                            callback.message_id, runtime.clock.now()):
            log.warning("dingtalk signature replayed with another message from %s", request.remote_addr)
            return jsonify(error="signature", reason="replayed"), 403
        return None
