"""Fake DingTalk servers on 127.0.0.1 for the DingTalk channel tests.

`FakeDingTalk` answers the HTTP APIs the bot calls, as DingTalk documents them (research/protocols.md §4, §5):
- POST /v1.0/oauth2/accessToken              → {"accessToken", "expireIn"}
- POST /v1.0/robot/groupMessages/send        → {"processQueryKey"} (needs x-acs-dingtalk-access-token)
- POST /robot/send?access_token=…            → custom robot; checks 加签 (timestamp, sign) when a secret is set
- POST /robot/sendBySession?session=…        → sessionWebhook replies; an unknown/expired session gets 300001
- POST /v1.0/gateway/connections/open        → {"endpoint", "ticket"} for Stream mode

Every request is recorded. A test scripts failures with `fail(kind, status, body, times)`: the next `times`
requests of that kind get that answer (and are recorded, but count as not delivered).

`FakeStreamGateway` is the Stream-mode websocket: each connection plays one script of steps
(send a frame, wait for its ack, close cleanly, drop abruptly).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import threading
import urllib.parse
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response


@dataclass
class Recorded:
    kind: str  # token | group | webhook | session | gateway | unknown
    path: str
    args: dict[str, str]
    headers: dict[str, str]
    body: Any
    delivered: bool


@dataclass
class Scripted:
    status: int
    body: dict[str, Any]


def robot_sign(timestamp: str, secret: str) -> str:
    """DingTalk's 加签 before URL-encoding: Base64(HmacSHA256(secret, timestamp + "\\n" + secret))."""
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


class FakeDingTalk:
    def __init__(self, app_key: str = "dingappkey", app_secret: str = "app-secret", now_ms: Any = None) -> None:
        self.app_key = app_key
        self.app_secret = app_secret
        # callable returning "now" in ms for the 加签 window; None skips the window check
        self.now_ms = now_ms
        self.requests: list[Recorded] = []
        self.robot_secrets: dict[str, str] = {}  # custom robot access_token → SEC secret
        self.live_sessions: set[str] = set()  # session ids whose sessionWebhook still works
        self.tokens_issued = 0
        self.stream_endpoint = ""
        self._script: dict[str, deque[Scripted]] = {}
        self._lock = threading.Lock()
        self._server = make_server("127.0.0.1", 0, self._wsgi, threaded=True)
        self.base_url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    # --- lifecycle -------------------------------------------------------------------------

    def start(self) -> FakeDingTalk:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # --- set-up helpers --------------------------------------------------------------------

    def session_webhook(self, session: str) -> str:
        self.live_sessions.add(session)
        return f"{self.base_url}/robot/sendBySession?session={session}"

    def fail(self, kind: str, status: int, body: dict[str, Any], times: int = 1) -> None:
        with self._lock:
            queue = self._script.setdefault(kind, deque())
            for _ in range(times):
                queue.append(Scripted(status, body))

    def delivered(self, kind: str) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if r.kind == kind and r.delivered]

    def received(self, kind: str | None = None) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if kind is None or r.kind == kind]

    # --- the server ------------------------------------------------------------------------

    def _wsgi(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        kind = {
            "/v1.0/oauth2/accessToken": "token",
            "/v1.0/robot/groupMessages/send": "group",
            "/robot/send": "webhook",
            "/robot/sendBySession": "session",
            "/v1.0/gateway/connections/open": "gateway",
        }.get(request.path, "unknown")
        try:
            body: Any = json.loads(request.get_data(as_text=True) or "null")
        except ValueError:
            body = request.get_data(as_text=True)
        status, answer = self._answer(kind, request, body)
        with self._lock:
            self.requests.append(
                Recorded(kind, request.path, dict(request.args), dict(request.headers), body,
                         delivered=status == 200 and answer.get("errcode", 0) == 0 and kind != "unknown")
            )
        response = Response(json.dumps(answer, ensure_ascii=False), status=status, mimetype="application/json")
        return response(environ, start_response)

    def _answer(self, kind: str, request: Request, body: Any) -> tuple[int, dict[str, Any]]:
        with self._lock:
            queue = self._script.get(kind)
            scripted = queue.popleft() if queue else None
        if scripted is not None:
            return scripted.status, scripted.body
        if kind == "token":
            if not isinstance(body, dict) or body.get("appKey") != self.app_key or body.get("appSecret") != self.app_secret:
                return 400, {"code": "invalidClientIdOrSecret", "message": "无效的clientId或者clientSecret"}
            with self._lock:
                self.tokens_issued += 1
                token = f"token-{self.tokens_issued}"
            return 200, {"accessToken": token, "expireIn": 7200}
        if kind == "group":
            token = request.headers.get("x-acs-dingtalk-access-token", "")
            if not token.startswith("token-"):
                return 401, {"code": "InvalidAuthentication", "message": "不合法的access_token"}
            return 200, {"processQueryKey": f"pqk-{len(self.requests)}"}
        if kind == "webhook":
            return 200, self._check_robot(request)
        if kind == "session":
            if request.args.get("session") not in self.live_sessions:
                return 200, {"errcode": 300001, "errmsg": "session不存在"}
            return 200, {"errcode": 0, "errmsg": "ok"}
        if kind == "gateway":
            return 200, {"endpoint": self.stream_endpoint, "ticket": "ticket+/="}
        return 404, {"errcode": 404, "errmsg": "not found"}

    def _check_robot(self, request: Request) -> dict[str, Any]:
        token = request.args.get("access_token", "")
        if token not in self.robot_secrets:
            return {"errcode": 300001, "errmsg": "token is not exist"}
        secret = self.robot_secrets[token]
        if not secret:
            return {"errcode": 0, "errmsg": "ok"}
        timestamp, sign = request.args.get("timestamp", ""), request.args.get("sign", "")
        if not timestamp or not sign:
            return {"errcode": 310000, "errmsg": "sign not match"}
        if self.now_ms is not None and abs(int(timestamp) - int(self.now_ms())) > 3600 * 1000:
            return {"errcode": 310000, "errmsg": "invalid timestamp"}
        # request.args has URL-decoded the sign once, as DingTalk does.
        if not hmac.compare_digest(sign, robot_sign(timestamp, secret)):
            return {"errcode": 310000, "errmsg": "sign not match"}
        return {"errcode": 0, "errmsg": "ok"}


def raw_query(url: str) -> dict[str, str]:
    """The query string of a URL without decoding, to check what was put on the wire."""
    query = urllib.parse.urlsplit(url).query
    return dict(part.split("=", 1) for part in query.split("&") if "=" in part)


# --- Stream mode ------------------------------------------------------------------------------

ROBOT_TOPIC = "/v1.0/im/bot/messages/get"


def callback_frame(data: dict[str, Any], message_id: str, topic: str = ROBOT_TOPIC) -> dict[str, Any]:
    """A CALLBACK frame as the Stream gateway sends it: headers plus the payload as a JSON string."""
    return {
        "specVersion": "1.0",
        "type": "CALLBACK",
        "headers": {
            "appId": "app-1",
            "connectionId": "conn-1",
            "contentType": "application/json",
            "messageId": message_id,
            "time": "1700000000000",
            "topic": topic,
        },
        "data": json.dumps(data, ensure_ascii=False),
    }


def system_frame(topic: str, message_id: str) -> dict[str, Any]:
    return {
        "specVersion": "1.0",
        "type": "SYSTEM",
        "headers": {"contentType": "application/json", "messageId": message_id, "topic": topic},
        "data": json.dumps({}),
    }


@dataclass
class StreamStep:
    action: str  # send | ack | close | drop | hold
    frame: dict[str, Any] | None = None
    message_id: str = ""


@dataclass
class StreamConnection:
    acks: list[dict[str, Any]] = field(default_factory=list)
    closed_by_client: bool = False


class FakeStreamGateway:
    """A websocket server playing one script per connection; the last script repeats as `hold`."""

    def __init__(self, scripts: list[list[StreamStep]]) -> None:
        self.scripts = scripts
        self.connections: list[StreamConnection] = []
        self.changed = threading.Condition()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self.port = 0
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/connect"

    def start(self) -> FakeStreamGateway:
        self._thread.start()
        self._ready.wait(5)
        return self

    def stop(self) -> None:
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(5)

    def wait_for(self, predicate: Any, timeout: float = 10.0) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: predicate(self), timeout)

    def all_acks(self) -> list[dict[str, Any]]:
        with self.changed:
            return [ack for conn in self.connections for ack in conn.acks]

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._serve())

    async def _serve(self) -> None:
        from websockets.asyncio.server import serve

        self._stop = asyncio.Event()
        async with serve(self._handle, "127.0.0.1", 0) as server:
            self.port = server.sockets[0].getsockname()[1]
            self._ready.set()
            await self._stop.wait()

    async def _handle(self, websocket: Any) -> None:
        with self.changed:
            index = len(self.connections)
            conn = StreamConnection()
            self.connections.append(conn)
            self.changed.notify_all()
        script = self.scripts[index] if index < len(self.scripts) else [StreamStep("hold")]
        pending: dict[str, asyncio.Future[None]] = {}

        async def read_acks() -> None:
            try:
                async for raw in websocket:
                    ack = json.loads(raw)
                    with self.changed:
                        conn.acks.append(ack)
                        self.changed.notify_all()
                    waiter = pending.pop(ack.get("headers", {}).get("messageId", ""), None)
                    if waiter is not None and not waiter.done():
                        waiter.set_result(None)
            except Exception:
                pass
            with self.changed:
                conn.closed_by_client = True
                self.changed.notify_all()

        reader = asyncio.create_task(read_acks())
        try:
            for step in script:
                if step.action == "send" and step.frame is not None:
                    mid = step.frame["headers"]["messageId"]
                    pending[mid] = asyncio.get_running_loop().create_future()
                    await websocket.send(json.dumps(step.frame, ensure_ascii=False))
                elif step.action == "ack":
                    waiter = pending.get(step.message_id)
                    if waiter is not None:
                        await asyncio.wait_for(waiter, 10)
                elif step.action == "close":
                    await websocket.close(1000, "bye")
                    return
                elif step.action == "drop":
                    websocket.transport.abort()  # no close frame: an abnormal closure for the client
                    return
                elif step.action == "hold":
                    await reader
                    return
            await reader
        finally:
            reader.cancel()


# --- fixtures and helpers shared by tests/channels/test_dingtalk_*.py (import the fixtures by name) ---

import datetime as _dt  # noqa: E402
from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402

APP_KEY = "dingappkey"
APP_SECRET = "gkhEZsC5vPbT_app-secret"
ROBOT_CODE = "dingrobotcode"
GROUP_CID = "cidXianWeiBan7Niz+Gb5VVrw=="


def millis(at: _dt.datetime) -> int:
    return int(at.timestamp() * 1000)


def signed_headers(timestamp_ms: int, secret: str = APP_SECRET) -> dict[str, str]:
    return {"timestamp": str(timestamp_ms), "sign": robot_sign(str(timestamp_ms), secret),
            "Content-Type": "application/json; charset=utf-8"}


def robot_callback(
    text: str,
    msg_id: str,
    webhook: str,
    now: _dt.datetime,
    staff_id: str = "0101",
    nick: str = "王五",
    conversation_id: str = GROUP_CID,
    title: str = "县委办工作群",
) -> dict[str, Any]:
    """A group @-message as the enterprise robot receives it (shape of research/protocols.md §4.1)."""
    created = millis(now)
    return {
        "conversationId": conversation_id,
        "atUsers": [{"dingtalkId": "$:LWCP_v1:$I3cyfTzrws4nCbY289cXbKCVcdd1wize"}],
        "chatbotCorpId": "dingcorp",
        "chatbotUserId": "$:LWCP_v1:$I3cyfTzrws4nCbY289cXbKCVcdd1wize",
        "msgId": msg_id,
        "senderNick": nick,
        "isAdmin": False,
        "senderStaffId": staff_id,
        "sessionWebhookExpiredTime": created + 5_400_000,
        "createAt": created,
        "senderCorpId": "dingcorp",
        "conversationType": "2",
        "senderId": f"$:LWCP_v1:$sender{staff_id}==",
        "conversationTitle": title,
        "isInAtList": True,
        "sessionWebhook": webhook,
        "text": {"content": f"  {text}"},
        "robotCode": ROBOT_CODE,
        "msgtype": "text",
    }


@pytest.fixture
def fake(clock: Any) -> Iterator[FakeDingTalk]:
    server = FakeDingTalk(APP_KEY, APP_SECRET, now_ms=lambda: millis(clock.now())).start()
    yield server
    server.stop()


@pytest.fixture
def dt_runtime(demo_db: Any, clock: Any, fake: FakeDingTalk) -> Any:
    from bot.runtime import build
    from config.settings import DingTalkSettings, Settings

    settings = Settings(
        database_url=demo_db.url,
        scheduler=False,
        dingtalk=DingTalkSettings(
            app_key=APP_KEY, app_secret=APP_SECRET, robot_code=ROBOT_CODE,
            api_base=fake.base_url, oapi_base=fake.base_url,
        ),
    )
    return build(settings, clock=clock, db=demo_db)


@pytest.fixture
def group(dt_runtime: Any) -> int:
    """A DingTalk group bound to 县委办; returns the Conversation id."""
    from storage import repo
    from storage.models import Conversation

    with dt_runtime.db.session() as session:
        unit = repo.unit_by_name(session, "县委办")
        conversation = Conversation(platform="dingtalk", external_id=GROUP_CID, title="县委办工作群", unit_id=unit.id)
        session.add(conversation)
        session.flush()
        return conversation.id


@pytest.fixture
def worker(dt_runtime: Any, tmp_path: Any, monkeypatch: Any) -> Any:
    """The production outbox worker (bot.background) over the test runtime; console pushes go to tmp_path."""
    from bot.background import outbox_worker

    monkeypatch.chdir(tmp_path)  # the console sender writes data/pushes.log relative to the working dir
    return outbox_worker(dt_runtime)
