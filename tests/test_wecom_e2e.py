"""Issue 4 end to end over HTTP on 127.0.0.1: a real server thread, the requests client, WeCom's encryption."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import select
from werkzeug.serving import make_server

from bot.app import create_app
from conftest import NOW
from fake_wecom import aibot_callback, aibot_text, decrypt, signature, wecom_runtime
from storage import repo
from storage.models import Conversation, Entry, InboundMessage

TOKEN = "QDG6eK"
KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
GROUP = "wrOgQhDgAAcwMTB7YmDkbeBsgT_KAAAA"


@pytest.fixture
def server(demo_db, clock):
    runtime = wecom_runtime(demo_db, clock, aibot_token=TOKEN, aibot_aes_key=KEY)
    app = create_app(runtime)
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    with demo_db.session() as s:  # the group is bound to 城关镇
        s.add(Conversation(platform="wecom", external_id=GROUP, title="城关镇工作群",
                           unit_id=repo.unit_by_name(s, "城关镇").id))
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()
    app.extensions["wecom"].close()


def deliver(base: str, message: dict, nonce: str) -> requests.Response:
    cb = aibot_callback(TOKEN, KEY, message, int(NOW.timestamp()), nonce=nonce)
    with requests.Session() as http:
        http.trust_env = False
        return http.post(f"{base}/wecom/aibot", params=cb.query, data=cb.body,
                         headers={"Content-Type": "application/json"}, timeout=10)


def decrypted_reply(response: requests.Response) -> str:
    assert response.status_code == 200
    envelope = response.json()
    assert envelope["msgsignature"] == signature(TOKEN, envelope["timestamp"], envelope["nonce"],
                                                 envelope["encrypt"])
    body = json.loads(decrypt(KEY, envelope["encrypt"]).message)
    assert body["msgtype"] == "stream" and body["stream"]["finish"] is True
    return body["stream"]["content"]


def test_group_message_lands_in_the_ledger_and_the_reply_says_so(server, demo_db):
    message = aibot_text("CAIQ16HMjQYY", "zhangsan", "@减负助手 明天开会，3个乡镇参加", GROUP,
                         response_url="https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=x")
    text = decrypted_reply(deliver(server, message, "e2e-1"))
    assert text.startswith("已记录")
    assert "召开会议" in text and "2026-11-23" in text and "城关镇" in text and "3个乡镇参加" in text
    with demo_db.session() as s:
        entry = s.scalars(select(Entry)).one()
        assert entry.unit.name == "城关镇" and entry.kind == "meeting" and entry.direction == "outgoing"
        assert entry.occurs_on.isoformat() == "2026-11-23"
        assert (entry.attendees_count, entry.attendees_scope) == (3, "乡镇")
        assert entry.creator.account("wecom") == "zhangsan"
        assert f"#{entry.id}" in text


def test_three_deliveries_at_the_same_moment_over_http_record_one_entry(server, demo_db):
    message = aibot_text("CAIQ16HMjQYZ", "zhangsan", "@减负助手 明天开会，3个乡镇参加", GROUP)
    with ThreadPoolExecutor(max_workers=3) as pool:
        responses = list(pool.map(lambda i: deliver(server, message, f"same-{i}"), range(3)))
    assert all(r.status_code == 200 for r in responses)
    texts = [decrypted_reply(r) for r in responses if r.content]
    assert texts and all(t == texts[0] for t in texts) and texts[0].startswith("已记录")
    with demo_db.session() as s:
        assert len(s.scalars(select(Entry)).all()) == 1
        assert len(s.scalars(select(InboundMessage)).all()) == 1
