"""Stream mode (`python -m bot dingtalk-stream`): robot messages over the dingtalk-stream websocket.

No public URL is needed: the process opens a connection to DingTalk's gateway and gets the same callback
JSON as HTTP mode on the topic /v1.0/im/bot/messages/get. Every frame is acked (a malformed one too, so
DingTalk does not redeliver it forever); a redelivered message is recognised by its msgId in the
dispatcher and its reply is not sent twice (inbound.py).

Pinned: dingtalk-stream 0.24.3 with websockets 14.2. The SDK's own `start()` loop does reconnect with 14.2
(checked against tests/support/fake_dingtalk.py: clean close → at once, dropped TCP → after 10 s, `disconnect`
frame → at once), but it cannot be stopped, has no timeout on the gateway call and sleeps a fixed 10 s.
So `LedgerStreamClient.run()` keeps the SDK's frame routing and handlers and supplies the connection loop:
gateway call with a timeout, exponential backoff (1 s → 30 s) after failures, an immediate reconnect after
a clean close or a `disconnect` frame, a stop event for SIGTERM, and in-flight handlers finished on stop.
Dead connections are detected by websockets' keepalive pings (20 s interval, 20 s timeout).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import signal
import sys
from typing import Any
from urllib.parse import quote_plus

import requests
from dingtalk_stream import AckMessage, CallbackMessage, ChatbotHandler, ChatbotMessage, Credential, SystemMessage
from dingtalk_stream.stream import DingTalkStreamClient
from dingtalk_stream.version import VERSION_STRING
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from bot.channels.dingtalk.inbound import DingTalkInbound
from bot.channels.dingtalk.payload import PayloadError, parse_callback
from bot.runtime import Runtime

log = logging.getLogger(__name__)

TOPIC = ChatbotMessage.TOPIC  # /v1.0/im/bot/messages/get
GATEWAY_TIMEOUT_SECONDS = 10
MAX_FRAME_BYTES = 1 << 20
DRAIN_SECONDS = 10


class LedgerChatbotHandler(ChatbotHandler):  # type: ignore[misc]  # dingtalk_stream ships no types
    """Hands each robot message to the shared inbound path; the database work runs in a thread so the
    websocket keeps answering pings meanwhile."""

    def __init__(self, inbound: DingTalkInbound) -> None:
        super().__init__()
        self.inbound = inbound

    async def process(self, callback: CallbackMessage) -> tuple[int, str]:
        try:
            message = parse_callback(callback.data)
        except PayloadError as exc:
            log.warning("dingtalk stream frame %s ignored: %s", callback.headers.message_id, exc)
            return AckMessage.STATUS_OK, f"ignored: {exc}"
        try:
            await asyncio.to_thread(self.inbound.handle, message)
        except Exception:  # the database is down, say: let DingTalk redeliver; the msgId dedupes it
            log.exception("dingtalk stream message %s failed", message.message_id)
            return AckMessage.STATUS_SYSTEM_EXCEPTION, "error"
        return AckMessage.STATUS_OK, "OK"


class LedgerStreamClient(DingTalkStreamClient):  # type: ignore[misc]  # dingtalk_stream ships no types
    def __init__(
        self,
        credential: Credential,
        api_base: str,
        backoff_min: float = 1.0,
        backoff_max: float = 30.0,
    ) -> None:
        super().__init__(credential, logger=logging.getLogger("dingtalk_stream.client"))
        self.api_base = api_base.rstrip("/")
        self.backoff_min = backoff_min
        self.backoff_max = backoff_max
        self.connections = 0  # websockets opened so far
        self._tasks: set[asyncio.Task[Any]] = set()

    # --- the gateway ---------------------------------------------------------------------

    def open_connection(self) -> dict[str, Any] | None:
        """Ask the gateway for an endpoint and a one-time ticket (the SDK's call, with a timeout)."""
        topics = [{"type": "CALLBACK", "topic": topic} for topic in self.callback_handler_map]
        body = {
            "clientId": self.credential.client_id,
            "clientSecret": self.credential.client_secret,
            "subscriptions": topics,
            "ua": f"dingtalk-sdk-python/v{VERSION_STRING}-union",
            "localIp": "",
        }
        try:
            response = requests.post(
                f"{self.api_base}/v1.0/gateway/connections/open", json=body,
                headers={"Accept": "application/json"}, timeout=GATEWAY_TIMEOUT_SECONDS,
            )
            response.raise_for_status()
            answer = response.json()
        except (requests.RequestException, ValueError) as exc:
            log.warning("dingtalk stream gateway refused: %s", exc)
            return None
        if not isinstance(answer, dict) or not answer.get("endpoint") or not answer.get("ticket"):
            log.warning("dingtalk stream gateway answered without endpoint/ticket")
            return None
        return answer

    # --- the connection loop ------------------------------------------------------------------

    async def run(self, stop: asyncio.Event | None = None) -> None:
        """Stay connected until `stop` is set, reconnecting after every drop."""
        stop = stop or asyncio.Event()
        self.pre_start()
        failures = 0
        while not stop.is_set():
            outcome = await self._connect_once(stop)
            if outcome == "clean":
                failures = 0
                continue
            failures = 1 if outcome == "dropped" else failures + 1
            delay = min(self.backoff_max, self.backoff_min * 2 ** (failures - 1))
            log.warning("dingtalk stream %s; reconnecting in %.1f s", outcome, delay)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=DRAIN_SECONDS)

    async def _connect_once(self, stop: asyncio.Event) -> str:
        """One connection's life: "clean" (closed normally), "dropped" (lost after opening) or "failed"."""
        connection = await asyncio.to_thread(self.open_connection)
        if not connection:
            return "failed"
        uri = f'{connection["endpoint"]}?ticket={quote_plus(str(connection["ticket"]))}'
        opened = False
        try:
            async with connect(uri, open_timeout=GATEWAY_TIMEOUT_SECONDS, max_size=MAX_FRAME_BYTES) as websocket:
                opened = True
                self.websocket = websocket
                self.connections += 1
                log.info("dingtalk stream connected (connection %d)", self.connections)
                closer = asyncio.create_task(self._close_on(stop, websocket))
                try:
                    async for raw in websocket:
                        self._spawn(self._on_frame(raw))
                finally:
                    closer.cancel()
            return "clean"
        except ConnectionClosed as exc:
            log.warning("dingtalk stream connection lost: %s", exc)
        except Exception as exc:  # refused handshake, DNS, TLS, timeouts …: retry with backoff
            log.warning("dingtalk stream connection failed: %r", exc)
        return "dropped" if opened else "failed"

    @staticmethod
    async def _close_on(stop: asyncio.Event, websocket: Any) -> None:
        await stop.wait()
        await websocket.close()

    def _spawn(self, coroutine: Any) -> None:
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _on_frame(self, raw: str | bytes) -> None:
        try:
            frame = json.loads(raw)
        except (ValueError, RecursionError):  # not JSON, or nested beyond reason
            log.warning("dingtalk stream sent a frame that is not JSON")
            return
        if isinstance(frame, dict):
            await self.background_task(frame)  # the SDK's: route, ack, close on `disconnect`

    # --- routing ---------------------------------------------------------------------------

    async def route_message(self, json_message: dict[str, Any]) -> str:
        """The SDK's routing, plus: every callback is acked (malformed or unknown topic too), pings quietly."""
        raw_headers = json_message.get("headers")
        headers: dict[str, Any] = raw_headers if isinstance(raw_headers, dict) else {}
        kind, topic = json_message.get("type"), headers.get("topic")
        if kind == CallbackMessage.TYPE:
            try:
                CallbackMessage.from_dict(json_message)
            except (ValueError, TypeError, AttributeError, RecursionError) as exc:
                log.warning("dingtalk stream callback %s malformed: %s", headers.get("messageId"), exc)
                await self._ack(headers.get("messageId"), AckMessage.STATUS_OK, "ignored: malformed")
                return ""
            if topic not in self.callback_handler_map:
                await self._ack(headers.get("messageId"), AckMessage.STATUS_NOT_IMPLEMENT, "no handler")
                return ""
        if kind == SystemMessage.TYPE and topic != SystemMessage.TOPIC_DISCONNECT:
            ack = await self.system_handler.raw_process(SystemMessage.from_dict(json_message))
            await self.websocket.send(json.dumps(ack.to_dict()))
            return ""
        result: str = await super().route_message(json_message)
        return result

    async def _ack(self, message_id: Any, code: int, message: str) -> None:
        ack = AckMessage()
        ack.code = code
        ack.headers.message_id = message_id if isinstance(message_id, str) else None
        ack.headers.content_type = "application/json"
        ack.data = {"response": message}
        await self.websocket.send(json.dumps(ack.to_dict()))


def build_client(runtime: Runtime, inbound: DingTalkInbound | None = None, **options: Any) -> LedgerStreamClient:
    settings = runtime.settings.dingtalk
    client = LedgerStreamClient(Credential(settings.app_key, settings.app_secret), settings.api_base, **options)
    client.register_callback_handler(TOPIC, LedgerChatbotHandler(inbound or DingTalkInbound(runtime)))
    return client


def serve_stream(runtime: Runtime) -> int:
    """Run until SIGINT/SIGTERM; the Procfile's `dingtalk` process."""
    settings = runtime.settings.dingtalk
    if not (settings.app_key and settings.app_secret):
        print("未配置 DINGTALK_APP_KEY / DINGTALK_APP_SECRET，无法以 Stream 模式连接钉钉。", file=sys.stderr)
        return 2
    logging.getLogger("bot.channels.dingtalk").setLevel(logging.INFO)
    client = build_client(runtime)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await client.run(stop)

    print(f"减负助手钉钉 Stream 模式启动：AppKey {settings.app_key}，数据库 {runtime.db.url}", flush=True)
    asyncio.run(main())
    return 0
