"""Review fix: a reply to a member's own message goes out at once, even at night. Only scheduled group
pushes wait for the outbox's daytime window; late and overflow replies never do."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from types import SimpleNamespace

import pytest
from sqlalchemy import select

import handlers
from bot.app import create_app
from bot.channels.wecom.appmsg import CHANNEL as APP, AppMessageSender
from bot.channels.wecom.response_url import CHANNEL as RESPONSE_URL, ResponseUrlSender
from bot.clock import TZ
from bot.messages import Reply
from bot.outbox import OutboxWorker
from fake_wecom import FakeWeCom, aibot_callback, aibot_text, app_callback, app_text_xml, wecom_runtime
from storage.models import Outbox
from slow_path import slow_parsing

TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo"
KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt"
CORP = "wwfakecorp"
NIGHT = dt.datetime(2026, 11, 23, 21, 0, tzinfo=TZ)  # Monday 21:00, outside the 08:00–20:00 window
TS = int(NIGHT.timestamp())


@pytest.fixture
def fake(clock):
    clock.set(NIGHT)
    server = FakeWeCom(clock=clock, corp_id=CORP).start()
    yield server
    server.stop()


def make(db, clock, fake: FakeWeCom, budget: float):
    runtime = wecom_runtime(db, clock, budget=budget, app_token=TOKEN, app_aes_key=KEY, corp_id=CORP,
                            app_secret="fake-secret", agent_id="1000002", aibot_token=TOKEN, aibot_aes_key=KEY,
                            api_base=fake.base_url)
    app = create_app(runtime)
    return SimpleNamespace(runtime=runtime, client=app.test_client(), channel=app.extensions["wecom"])


def post_app(client, inner_xml: str):
    cb = app_callback(TOKEN, KEY, CORP, inner_xml, TS)
    return client.post("/wecom/app", query_string=cb.query, data=cb.body, content_type="text/xml")


def slow_records(monkeypatch) -> threading.Event:
    return slow_parsing(monkeypatch)


def statuses(db) -> list[tuple[str, str]]:
    with db.session() as s:
        return [(r.channel, r.status) for r in s.scalars(select(Outbox).order_by(Outbox.id))]


def test_late_app_reply_is_delivered_at_night(demo_db, clock, fake, monkeypatch):
    made = make(demo_db, clock, fake, budget=0.2)
    release = slow_records(monkeypatch)
    response = post_app(made.client, app_text_xml(CORP, "zhangsan", "今天开会，3个乡镇参加", 8101, TS))
    assert response.status_code == 200 and response.data == b""  # past the budget: the reply follows
    release.set()
    made.channel.close()
    worker = OutboxWorker(demo_db, {APP: AppMessageSender(demo_db, clock, made.runtime.settings.wecom)}, clock)
    worker.run_once()
    assert clock.now() == NIGHT
    assert [m["touser"] for m in fake.app_messages] == ["zhangsan"]
    assert "已记录" in fake.app_messages[0]["text"]["content"]
    assert statuses(demo_db) == [(APP, "sent")]


def test_overflow_of_a_passive_app_reply_is_delivered_at_night(demo_db, clock, fake, monkeypatch):
    lines = [f"第{i}项：城关镇本月召开会议{i}次，印发文件{i}件。" for i in range(1, 121)]
    monkeypatch.setitem(handlers.HANDLERS, "help", lambda ctx, intent: Reply(text="\n".join(lines), intent="help"))
    made = make(demo_db, clock, fake, budget=30.0)
    try:
        response = post_app(made.client, app_text_xml(CORP, "zhangsan", "帮助", 8102, TS))
        assert response.status_code == 200 and response.data
    finally:
        made.channel.close()
    worker = OutboxWorker(demo_db, {APP: AppMessageSender(demo_db, clock, made.runtime.settings.wecom)}, clock)
    for _ in range(5):
        worker.run_once()
    assert clock.now() == NIGHT
    delivered = "\n".join(m["text"]["content"] for m in fake.app_messages)
    assert lines[-1] in delivered
    assert statuses(demo_db) and all(status == "sent" for _, status in statuses(demo_db))


def test_late_aibot_reply_is_delivered_at_night(demo_db, clock, fake, monkeypatch):
    made = make(demo_db, clock, fake, budget=0.2)
    release = slow_records(monkeypatch)
    code = uuid.uuid4().hex
    message = aibot_text("night-1", "zhangsan", "今天开会，3个乡镇参加", response_url=fake.response_url(code))
    cb = aibot_callback(TOKEN, KEY, message, TS)
    response = made.client.post("/wecom/aibot", query_string=cb.query, data=cb.body)
    assert response.status_code == 200 and response.data == b""
    release.set()
    made.channel.close()
    worker = OutboxWorker(demo_db, {RESPONSE_URL: ResponseUrlSender(clock, fake.base_url)}, clock)
    worker.run_once()
    assert len(fake.responses[code]) == 1 and "已记录" in fake.responses[code][0]["markdown"]["content"]
    assert statuses(demo_db) == [(RESPONSE_URL, "sent")]
