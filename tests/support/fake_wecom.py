"""A fake WeCom for tests: the API server on 127.0.0.1, and WeCom's side of the callback crypto.

- `FakeWeCom`: webhook/send, gettoken, message/send, appchat/send and aibot/response on a real HTTP
  server thread. It enforces what WeCom documents (20 webhook messages a minute per key, 2048/4096
  byte limits, token validity) against an injected clock, records what it accepted, and can be told
  to fail: forced errcodes per key, an outage (HTTP 503), removed keys (93000), invalidated tokens.
- `encrypt`/`decrypt`/`signature`: an implementation of the callback crypto written from
  protocols.md §1.2/§7 with `cryptography` directly — independent of wechatpy, which the bot uses.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import secrets
import struct
import threading
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

# --- WeCom's side of the callback crypto (independent of wechatpy) -----------------------------------


def signature(token: str, timestamp: str, nonce: str, encrypt: str) -> str:
    return hashlib.sha1("".join(sorted([token, timestamp, nonce, encrypt])).encode()).hexdigest()


def _key(aes_key_43: str) -> bytes:
    return base64.b64decode(aes_key_43 + "=")


def encrypt(aes_key_43: str, plaintext: str, receive_id: str, random16: bytes | None = None) -> str:
    key = _key(aes_key_43)
    msg = plaintext.encode("utf-8")
    raw = (random16 or secrets.token_bytes(16)) + struct.pack(">I", len(msg)) + msg + receive_id.encode()
    pad = 32 - len(raw) % 32
    raw += bytes([pad]) * pad
    enc = Cipher(algorithms.AES(key), modes.CBC(key[:16])).encryptor()
    return base64.b64encode(enc.update(raw) + enc.finalize()).decode()


@dataclass(frozen=True)
class Decrypted:
    message: str
    receive_id: str
    random: bytes
    pad: int


def decrypt(aes_key_43: str, b64: str) -> Decrypted:
    key = _key(aes_key_43)
    dec = Cipher(algorithms.AES(key), modes.CBC(key[:16])).decryptor()
    plain = dec.update(base64.b64decode(b64)) + dec.finalize()
    pad = plain[-1]
    if not 1 <= pad <= 32:
        raise ValueError("bad padding")
    plain = plain[:-pad]
    length = struct.unpack(">I", plain[16:20])[0]
    return Decrypted(
        message=plain[20:20 + length].decode("utf-8"),
        receive_id=plain[20 + length:].decode("utf-8"),
        random=plain[:16],
        pad=pad,
    )


@dataclass(frozen=True)
class Callback:
    """A callback as WeCom would send it: query string and body."""

    query: dict[str, str]
    body: bytes

    def url(self, path: str) -> str:
        return f"{path}?{urlencode(self.query)}"


def aibot_callback(token: str, aes_key: str, message: dict[str, Any], timestamp: int,
                   nonce: str | None = None) -> Callback:
    enc = encrypt(aes_key, json.dumps(message, ensure_ascii=False), "")
    nonce = nonce or secrets.token_hex(8)
    query = {"msg_signature": signature(token, str(timestamp), nonce, enc),
             "timestamp": str(timestamp), "nonce": nonce}
    return Callback(query, json.dumps({"encrypt": enc}).encode())


def app_callback(token: str, aes_key: str, corp_id: str, inner_xml: str, timestamp: int,
                 nonce: str | None = None, agent_id: str = "1000002") -> Callback:
    enc = encrypt(aes_key, inner_xml, corp_id)
    nonce = nonce or str(secrets.randbelow(10**9))
    query = {"msg_signature": signature(token, str(timestamp), nonce, enc),
             "timestamp": str(timestamp), "nonce": nonce}
    body = (f"<xml><ToUserName><![CDATA[{corp_id}]]></ToUserName>\n<Encrypt><![CDATA[{enc}]]></Encrypt>\n"
            f"<AgentID><![CDATA[{agent_id}]]></AgentID>\n</xml>")
    return Callback(query, body.encode())


def aibot_text(msgid: str, userid: str, content: str, chatid: str = "", response_url: str = "") -> dict[str, Any]:
    """A text message in the AI bot's callback shape (path/100719)."""
    message: dict[str, Any] = {
        "msgid": msgid, "aibotid": "AIBOTID", "chattype": "group" if chatid else "single",
        "from": {"userid": userid}, "response_url": response_url, "msgtype": "text",
        "text": {"content": content},
    }
    if chatid:
        message["chatid"] = chatid
    return message


def app_text_xml(corp_id: str, userid: str, content: str, msg_id: int, create_time: int,
                 agent_id: int = 1000002) -> str:
    return (f"<xml><ToUserName><![CDATA[{corp_id}]]></ToUserName><FromUserName><![CDATA[{userid}]]>"
            f"</FromUserName><CreateTime>{create_time}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId><AgentID>{agent_id}</AgentID></xml>")


# --- the API server ------------------------------------------------------------------------------------

WEBHOOK_PER_MINUTE = 20
TEXT_MAX = 2048
MARKDOWN_MAX = 4096


@dataclass
class Sent:
    at: dt.datetime
    msgtype: str
    content: str
    mentioned: list[str] = field(default_factory=list)
    data: bytes = b""  # an image message: the picture as decoded from its base64


class FakeWeCom:
    def __init__(self, clock: Any = None, corp_id: str = "wwfakecorp", secret: str = "fake-secret") -> None:
        self.clock = clock
        self.corp_id = corp_id
        self.secret = secret
        self.lock = threading.Lock()
        self.webhook: dict[str, list[Sent]] = defaultdict(list)
        self.forced: dict[str, deque[int]] = defaultdict(deque)
        self.removed_keys: set[str] = set()
        self.down = False
        self.calls = 0
        self.rate_rejections = 0
        self.text_max = TEXT_MAX
        self.markdown_max = MARKDOWN_MAX
        self.tokens: dict[str, dt.datetime] = {}
        self.token_fetches = 0
        self.app_messages: list[dict[str, Any]] = []
        self.app_forced: deque[int] = deque()
        self.responses: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self._server = make_server("127.0.0.1", 0, self._wsgi, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    # lifecycle
    def start(self) -> FakeWeCom:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def now(self) -> dt.datetime:
        return self.clock.now() if self.clock is not None else dt.datetime.now(dt.UTC)

    # controls
    def force(self, key: str, *codes: int) -> None:
        self.forced[key].extend(codes)

    def invalidate_tokens(self) -> None:
        with self.lock:
            self.tokens.clear()

    def response_url(self, code: str) -> str:
        return f"{self.base_url}/cgi-bin/aibot/response?response_code={code}"

    def max_in_any_minute(self, key: str) -> int:
        times = [s.at for s in self.webhook[key]]
        return max((sum(1 for t in times if start <= t < start + dt.timedelta(minutes=1)) for start in times),
                   default=0)

    # WSGI
    def _wsgi(self, environ: Any, start_response: Any) -> Any:
        request = Request(environ)
        with self.lock:
            self.calls += 1
            response = Response("upstream unavailable", status=503) if self.down else self._route(request)
        return response(environ, start_response)

    def _route(self, request: Request) -> Response:
        path = request.path
        if path == "/cgi-bin/webhook/send" and request.method == "POST":
            return _json(self._webhook(request))
        if path == "/cgi-bin/gettoken":
            return _json(self._gettoken(request))
        if path in ("/cgi-bin/message/send", "/cgi-bin/appchat/send") and request.method == "POST":
            return _json(self._app_send(request, path))
        if path == "/cgi-bin/aibot/response" and request.method == "POST":
            return _json(self._respond(request))
        return Response("not found", status=404)

    def _webhook(self, request: Request) -> dict[str, Any]:
        key = request.args.get("key", "")
        if key in self.removed_keys:
            return {"errcode": 93000, "errmsg": "invalid webhook url"}
        if self.forced[key]:
            code = self.forced[key].popleft()
            return {"errcode": code, "errmsg": "forced by test"}
        body = request.get_json(silent=True) or {}
        msgtype = body.get("msgtype")
        part = body.get(msgtype) if isinstance(msgtype, str) else None
        if msgtype == "image" and isinstance(part, dict):
            return self._image(key, part)
        if msgtype not in ("text", "markdown") or not isinstance(part, dict):
            return {"errcode": 40008, "errmsg": "invalid message type"}
        content = str(part.get("content", ""))
        limit = self.text_max if msgtype == "text" else self.markdown_max
        if len(content.encode("utf-8")) > limit:
            return {"errcode": 40058, "errmsg": f"{msgtype}.content exceed max length {limit}"}
        now = self.now()
        recent = [s for s in self.webhook[key] if s.at > now - dt.timedelta(minutes=1)]
        if len(recent) >= WEBHOOK_PER_MINUTE:
            self.rate_rejections += 1
            return {"errcode": 45009, "errmsg": "api freq out of limit"}
        self.webhook[key].append(Sent(now, msgtype, content, list(part.get("mentioned_list") or [])))
        return {"errcode": 0, "errmsg": "ok"}

    def _image(self, key: str, part: dict[str, Any]) -> dict[str, Any]:
        """An image message (path/91770): base64 of a JPG/PNG of at most 2 MB and the md5 of its bytes."""
        try:
            data = base64.b64decode(str(part.get("base64", "")), validate=True)
        except ValueError:
            return {"errcode": 40008, "errmsg": "invalid image base64"}
        if not data or len(data) > 2 * 1024 * 1024:
            return {"errcode": 40009, "errmsg": "invalid image size"}
        if hashlib.md5(data).hexdigest() != part.get("md5"):
            return {"errcode": 40008, "errmsg": "invalid image md5"}
        if not data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8")):
            return {"errcode": 40008, "errmsg": "image is neither PNG nor JPG"}
        self.webhook[key].append(Sent(self.now(), "image", str(part["md5"]), [], data))
        return {"errcode": 0, "errmsg": "ok"}

    def _gettoken(self, request: Request) -> dict[str, Any]:
        if request.args.get("corpid") != self.corp_id or request.args.get("corpsecret") != self.secret:
            return {"errcode": 40001, "errmsg": "invalid credential"}
        self.token_fetches += 1
        token = f"tok-{self.token_fetches}-{secrets.token_hex(4)}"
        self.tokens[token] = self.now() + dt.timedelta(seconds=7200)
        return {"errcode": 0, "errmsg": "ok", "access_token": token, "expires_in": 7200}

    def _app_send(self, request: Request, path: str) -> dict[str, Any]:
        token = request.args.get("access_token", "")
        if token not in self.tokens:
            return {"errcode": 40014, "errmsg": "invalid access_token"}
        if self.tokens[token] <= self.now():
            return {"errcode": 42001, "errmsg": "access_token expired"}
        if self.app_forced:
            return {"errcode": self.app_forced.popleft(), "errmsg": "forced by test"}
        body = request.get_json(silent=True) or {}
        content = str((body.get("text") or {}).get("content", ""))
        if len(content.encode("utf-8")) > self.text_max:
            return {"errcode": 40058, "errmsg": "content exceed max length"}
        self.app_messages.append({"path": path, **body})
        return {"errcode": 0, "errmsg": "ok", "msgid": secrets.token_hex(6)}

    def _respond(self, request: Request) -> dict[str, Any]:
        code = request.args.get("response_code", "")
        if self.responses[code]:
            return {"errcode": 40001, "errmsg": "response_code used"}
        self.responses[code].append(request.get_json(silent=True) or {})
        return {"errcode": 0, "errmsg": "ok"}


def _json(data: dict[str, Any]) -> Response:
    return Response(json.dumps(data, ensure_ascii=False), mimetype="application/json")


# --- wiring the bot under test ----------------------------------------------------------------------

def wecom_runtime(db: Any, clock: Any, budget: float = 30.0, **wecom: str) -> Any:
    """A Runtime over `db` whose WeCom settings are `wecom` (token/key/corp id… and api_base).

    The reply budget defaults to 30 s so that a cold first message (jieba loading its dictionary
    takes seconds) still answers passively on a loaded CI machine; tests of the late path pass a
    small budget explicitly.
    """
    from bot.runtime import build
    from config.settings import Settings, WeComSettings

    settings = Settings(database_url=db.url, scheduler=False, reply_budget_seconds=budget,
                        wecom=WeComSettings(**wecom))
    return build(settings, clock=clock, db=db)
