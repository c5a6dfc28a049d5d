"""Issue 18 #4: a DingTalk HTTP-mode (timestamp, sign) pair is good for one message id; a replay with a new
body and a new msgId is refused (4xx) and records nothing; another organisation's or robot's callback too."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator

import pytest
import requests
from sqlalchemy import func, select
from werkzeug.serving import make_server

from bot.app import create_app
from bot.runtime import build
from config.settings import DingTalkSettings, Settings
from fake_dingtalk import APP_KEY, APP_SECRET, ROBOT_CODE, millis, robot_callback, signed_headers
from storage.models import DingTalkSignUse, Entry, InboundMessage


def _serve(runtime) -> tuple[str, object]:
    server = make_server("127.0.0.1", 0, create_app(runtime), threaded=True)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server


@pytest.fixture
def bot_url(dt_runtime) -> Iterator[str]:
    url, server = _serve(dt_runtime)
    yield url
    server.shutdown()
    server.server_close()


def post(url: str, body: dict, headers: dict[str, str]) -> requests.Response:
    return requests.post(f"{url}/dingtalk/robot", data=json.dumps(body, ensure_ascii=False).encode(),
                         headers=headers, timeout=10)


def counts(runtime) -> tuple[int, int]:
    with runtime.db.session() as s:
        return (s.scalar(select(func.count(Entry.id))) or 0, s.scalar(select(func.count(InboundMessage.id))) or 0)


def test_a_signature_replayed_with_a_new_body_and_msgid_is_refused_and_records_nothing(
    bot_url, dt_runtime, fake, group, clock
):
    webhook = fake.session_webhook("session-1")
    headers = signed_headers(millis(clock.now()))
    first = post(bot_url, robot_callback("今天发文1件", "msgA==", webhook, clock.now()), headers)
    assert first.status_code == 200
    assert counts(dt_runtime) == (1, 1)

    clock.advance(dt.timedelta(minutes=50))  # well inside the one-hour sign window
    forged = robot_callback("同意 #1", "msgForged==", webhook, clock.now())
    replayed = post(bot_url, forged, headers)
    assert 400 <= replayed.status_code < 500
    assert counts(dt_runtime) == (1, 1)

    # The same message delivered again with its own headers is a redelivery, not a replay.
    again = post(bot_url, robot_callback("今天发文1件", "msgA==", webhook, clock.now()), headers)
    assert again.status_code == 200 and counts(dt_runtime) == (1, 1)


def test_the_used_signature_is_shared_by_every_worker(dt_runtime, fake, group, clock):
    """Two app instances (two gunicorn workers) over one database: the second refuses the pair the first used."""
    webhook = fake.session_webhook("session-2")
    headers = signed_headers(millis(clock.now()))
    one, server_one = _serve(dt_runtime)
    two, server_two = _serve(build(dt_runtime.settings, clock=clock, db=dt_runtime.db))
    try:
        assert post(one, robot_callback("今天发文1件", "msgB==", webhook, clock.now()), headers).status_code == 200
        assert post(two, robot_callback("今天发文3件", "msgC==", webhook, clock.now()), headers).status_code == 403
    finally:
        for server in (server_one, server_two):
            server.shutdown()
            server.server_close()
    assert counts(dt_runtime) == (1, 1)


def test_expired_pairs_are_forgotten(bot_url, dt_runtime, fake, group, clock):
    webhook = fake.session_webhook("session-3")
    assert post(bot_url, robot_callback("今天发文1件", "msgD==", webhook, clock.now()),
                signed_headers(millis(clock.now()))).status_code == 200
    clock.advance(dt.timedelta(hours=2))
    assert post(bot_url, robot_callback("今天发文2件", "msgE==", webhook, clock.now()),
                signed_headers(millis(clock.now()))).status_code == 200
    with dt_runtime.db.session() as s:
        assert s.scalar(select(func.count()).select_from(DingTalkSignUse)) == 1


@pytest.mark.parametrize("field,value", [("chatbotCorpId", "dingOTHERcorp"), ("robotCode", "otherrobot")])
def test_a_callback_for_another_organisation_or_robot_is_refused(demo_db, clock, fake, field, value):
    settings = Settings(database_url=demo_db.url, scheduler=False, dingtalk=DingTalkSettings(
        app_key=APP_KEY, app_secret=APP_SECRET, robot_code=ROBOT_CODE, corp_id="dingcorp",
        api_base=fake.base_url, oapi_base=fake.base_url))
    runtime = build(settings, clock=clock, db=demo_db)
    url, server = _serve(runtime)
    try:
        body = robot_callback("今天发文1件", "msgF==", fake.session_webhook("s4"), clock.now())
        ok = post(url, body, signed_headers(millis(clock.now())))
        assert ok.status_code == 200
        clock.advance(dt.timedelta(seconds=1))
        body = {**robot_callback("今天发文2件", "msgG==", fake.session_webhook("s4"), clock.now()), field: value}
        refused = post(url, body, signed_headers(millis(clock.now())))
        assert refused.status_code == 403
    finally:
        server.shutdown()
        server.server_close()
    assert counts(runtime) == (1, 1)
