"""The self-built app's message API: the Outbox sender of channel "wecom_app" (late replies, 1:1 pushes).

Targets: "user:<userid>" → `message/send` (path/90236); "chat:<chatid>" → `appchat/send`
(path/90248, only for groups the app created). Text only: app markdown shows as "暂不支持此消息类型"
in the WeChat plugin (peers.md §3.4), and text content is limited to 2048 bytes (split by parts.py).

The access_token (path/91039, valid `expires_in` seconds, normally 7200) lives in the TokenCache table,
so every web and clock process shares one token instead of each fetching its own. On 40014 (invalid)
or 42001 (expired), and 40001, the cached token is dropped — only if it is still the one that
failed, so a token another process just fetched survives — and the call is retried once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from bot.channels.wecom import api
from bot.channels.wecom.parts import SplittingSender, raise_for
from bot.channels.wecom.render import Rendered
from bot.clock import Clock
from bot.outbox import DeliveryError, RateLimit
from config.settings import WeComSettings
from storage.db import Database
from storage.models import TokenCache

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

CHANNEL = "wecom_app"
# message/send allows 30 messages per member per minute (path/90236); excess is dropped silently.
RATE_LIMIT = RateLimit(count=30, window=dt.timedelta(minutes=1))
TOKEN_ERRORS = (40001, 40014, 42001)
ALL_RECIPIENTS_INVALID = 81013
# Refresh a little before WeCom's expiry, so a token is never used in its last minutes.
TOKEN_MARGIN = dt.timedelta(minutes=5)


class AccessTokens:
    """The app's access_token, cached in the database and shared by all processes."""

    def __init__(self, db: Database, clock: Clock, settings: WeComSettings, http: requests.Session) -> None:
        self.db = db
        self.clock = clock
        self.settings = settings
        self.http = http
        self.url = settings.api_base.rstrip("/") + "/cgi-bin/gettoken"
        digest = hashlib.sha256(settings.app_secret.encode()).hexdigest()[:12]
        self.name = f"wecom_app:{settings.corp_id}:{digest}"

    def get(self) -> str:
        now = self.clock.now()
        with self.db.session() as session:
            row = session.get(TokenCache, self.name)
            if row is not None and row.expires_at > now:
                return row.value
        return self._fetch()

    def invalidate(self, token: str) -> None:
        """Drop the cached token if it is still the one WeCom refused."""
        with self.db.session() as session:
            session.execute(delete(TokenCache).where(TokenCache.name == self.name, TokenCache.value == token))

    def _fetch(self) -> str:
        data = api.call(self.http, "GET", self.url,
                        params={"corpid": self.settings.corp_id, "corpsecret": self.settings.app_secret},
                        what="gettoken")
        token = data.get("access_token")
        if api.errcode(data) != 0 or not isinstance(token, str) or not token:
            # 40013 wrong corp id, 40001 wrong secret, 60020 untrusted IP…: an admin must fix the
            # settings; the push waits in the Outbox meanwhile.
            log.error("WeCom gettoken failed: %s", api.describe(data))
            raise DeliveryError(f"gettoken: {api.describe(data)}")
        try:
            lifetime = dt.timedelta(seconds=int(data.get("expires_in", 7200)))
        except (TypeError, ValueError):
            lifetime = dt.timedelta(seconds=7200)
        expires_at = self.clock.now() + max(lifetime - TOKEN_MARGIN, dt.timedelta(seconds=60))
        self._store(token, expires_at)
        return token

    def _store(self, token: str, expires_at: dt.datetime) -> None:
        for _ in range(2):  # another process may insert the row between our look and our write
            try:
                with self.db.session() as session:
                    row = session.get(TokenCache, self.name)
                    if row is None:
                        session.add(TokenCache(name=self.name, value=token, expires_at=expires_at))
                    else:
                        row.value, row.expires_at = token, expires_at
                return
            except IntegrityError:
                continue


class AppMessageSender(SplittingSender):
    channel = CHANNEL
    markdown_allowed = False

    def __init__(
        self,
        db: Database,
        clock: Clock,
        settings: WeComSettings,
        http: requests.Session | None = None,
    ) -> None:
        super().__init__(db, clock)
        if not (settings.corp_id and settings.app_secret and settings.agent_id.isdigit()):
            raise ValueError("WECOM_CORP_ID, WECOM_APP_SECRET and a numeric WECOM_AGENT_ID are required")
        self.settings = settings
        self.http = http or api.new_session()
        self.tokens = AccessTokens(db, clock, settings, self.http)
        self.base = settings.api_base.rstrip("/")

    def check_target(self, target: str) -> None:
        kind, _, ident = target.partition(":")
        if kind not in ("user", "chat") or not ident:
            raise DeliveryError(f"app push target must be user:<id> or chat:<id>, not {target!r}",
                                permanent=True)

    def deliver(self, target: str, message: Rendered) -> None:
        path, body = self._request(target, message.content)
        raise_for(self._call(path, body), permanent_codes=frozenset({ALL_RECIPIENTS_INVALID}))

    def _request(self, target: str, content: str) -> tuple[str, dict[str, Any]]:
        kind, _, ident = target.partition(":")
        text = {"content": content}
        if kind == "chat":
            return "/cgi-bin/appchat/send", {"chatid": ident, "msgtype": "text", "text": text, "safe": 0}
        return "/cgi-bin/message/send", {
            "touser": ident, "msgtype": "text", "agentid": int(self.settings.agent_id),
            "text": text, "safe": 0,
        }

    def _call(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """Call with the shared token; on a token error refresh it and try once more."""
        data: dict[str, Any] = {}
        for _ in range(2):
            token = self.tokens.get()
            data = api.call(self.http, "POST", self.base + path, params={"access_token": token},
                            body=body, what=path)
            if api.errcode(data) not in TOKEN_ERRORS:
                return data
            log.info("WeCom access_token refused (%s); refreshing", api.describe(data))
            self.tokens.invalidate(token)
        return data
