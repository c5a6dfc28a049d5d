"""Issue 5: HTTP mode end to end on 127.0.0.1 — DingTalk posts a signed group @-message, the ledger gets
the entry, and the reply reaches the (fake) sessionWebhook with the sender @-ed. Bad input never gets a 5xx."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from werkzeug.serving import make_server

from bot.app import create_app
from bot.channels.dingtalk.inbound import ONLY_TEXT_REPLY
from fake_dingtalk import (
    millis,
    robot_callback,
    signed_headers,
)
from storage.models import Entry, InboundMessage, Outbox, Unit

ISSUE_TEXT = "下周三下午县委办发文2件"


@pytest.fixture
def bot_url(dt_runtime) -> Iterator[str]:
    """The bot's Flask app served over real HTTP on 127.0.0.1."""
    server = make_server("127.0.0.1", 0, create_app(dt_runtime), threaded=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def deliver(bot_url: str, body: dict | bytes, at: dt.datetime, headers: dict | None = None) -> requests.Response:
    data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode("utf-8")
    return requests.post(f"{bot_url}/dingtalk/robot", data=data, headers=headers or signed_headers(millis(at)),
                         timeout=10)


def entries(runtime) -> list[Entry]:
    with runtime.db.session() as s:
        return list(s.scalars(select(Entry).order_by(Entry.id)))


def test_group_message_lands_in_the_ledger_and_the_reply_mentions_the_sender(
    bot_url, dt_runtime, fake, group, clock
):
    webhook = fake.session_webhook("session-wangwu")
    body = robot_callback(ISSUE_TEXT, "msgWangWu001==", webhook, clock.now())

    response = deliver(bot_url, body, clock.now())

    assert response.status_code == 200
    [entry] = entries(dt_runtime)
    with dt_runtime.db.session() as s:
        assert s.get(Unit, entry.unit_id).name == "县委办"
        inbound = s.scalar(select(InboundMessage).where(InboundMessage.external_id == "msgWangWu001=="))
        assert inbound.platform == "dingtalk" and inbound.sender_external == "0101"
        assert inbound.conversation_id == group
    assert (entry.kind, entry.direction, entry.quantity) == ("document", "outgoing", 2)
    # Weeks start on Monday (design §4): from Sunday 2026-11-22, next week's Wednesday is 11-25.
    assert entry.occurs_on == dt.date(2026, 11, 25)
    assert entry.conversation_id == group and entry.source_message_id == inbound.id

    [sent] = fake.delivered("session")
    assert sent.args["session"] == "session-wangwu"
    assert sent.body["msgtype"] == "text"
    assert sent.body["at"]["atUserIds"] == ["0101"]
    content = sent.body["text"]["content"]
    assert content.startswith("@0101 ") and inbound.reply in content
    with dt_runtime.db.session() as s:
        [row] = s.scalars(select(Outbox))
        assert (row.channel, row.status, row.target) == ("dingtalk_session", "sent", webhook)


def test_a_redelivered_message_is_recorded_and_answered_once(bot_url, dt_runtime, fake, group, clock):
    body = robot_callback("明天开会，3个乡镇参加", "msgTwice==", fake.session_webhook("s2"), clock.now())
    first = deliver(bot_url, body, clock.now())
    clock.advance(dt.timedelta(seconds=5))
    second = deliver(bot_url, body, clock.now())
    assert (first.status_code, second.status_code) == (200, 200)
    assert len(entries(dt_runtime)) == 1
    assert len(fake.received("session")) == 1


def test_an_unbound_sender_is_told_how_to_bind(bot_url, dt_runtime, fake, group, clock):
    body = robot_callback("明天开会", "msgStranger==", fake.session_webhook("s3"), clock.now(),
                          staff_id="9999", nick="赵六")
    assert deliver(bot_url, body, clock.now()).status_code == 200
    assert entries(dt_runtime) == []
    [sent] = fake.delivered("session")
    assert "绑定" in sent.body["text"]["content"] and sent.body["at"]["atUserIds"] == ["9999"]


def test_a_failed_reply_waits_in_the_outbox_and_goes_out_once(bot_url, dt_runtime, fake, group, clock, worker):
    fake.fail("session", 502, {"errmsg": "bad gateway"})
    body = robot_callback("明天开会，3个乡镇参加", "msgOutage==", fake.session_webhook("s4"), clock.now())
    assert deliver(bot_url, body, clock.now()).status_code == 200
    assert len(entries(dt_runtime)) == 1 and fake.delivered("session") == []
    assert worker.run_once() == 0  # backing off
    clock.advance(dt.timedelta(minutes=1))
    assert worker.run_once() == 1
    clock.advance(dt.timedelta(minutes=10))
    assert worker.run_once() == 0
    assert len(fake.delivered("session")) == 1


# --- bad input: 4xx or a polite reply, never a 5xx -------------------------------------------

def test_malformed_json_is_a_400(bot_url, dt_runtime, fake, group, clock):
    for raw in (b"{not json", b"\xff\xfe\x00", b"[" * 100_000, b"", b"null", b"[1, 2]", b'"text"'):
        response = deliver(bot_url, raw, clock.now())
        assert response.status_code == 400, raw[:20]
    assert fake.received() == [] and entries(dt_runtime) == []


@pytest.mark.parametrize("field", ["msgId", "conversationId", "msgtype", "text"])
def test_a_missing_field_is_a_400(field, bot_url, dt_runtime, fake, group, clock):
    body = robot_callback("明天开会", "msgMissing==", fake.session_webhook("s5"), clock.now())
    del body[field]
    assert deliver(bot_url, body, clock.now()).status_code == 400
    assert fake.received() == [] and entries(dt_runtime) == []


def test_a_sender_without_any_id_is_a_400(bot_url, dt_runtime, fake, group, clock):
    body = robot_callback("明天开会", "msgNoSender==", fake.session_webhook("s6"), clock.now())
    del body["senderStaffId"], body["senderId"]
    assert deliver(bot_url, body, clock.now()).status_code == 400


@pytest.mark.parametrize("msgtype, content", [
    ("picture", {"downloadCode": "abc", "pictureDownloadCode": "def"}),
    ("richText", {"richText": [{"text": "明天开会"}, {"downloadCode": "x"}]}),
    ("audio", {"duration": 3000, "downloadCode": "a", "recognition": "明天开会"}),
    ("file", {"fileName": "通知.docx", "downloadCode": "f"}),
])
def test_a_non_text_message_gets_a_polite_reply_once(msgtype, content, bot_url, dt_runtime, fake, group, clock):
    body = robot_callback("", f"msg-{msgtype}", fake.session_webhook("s7"), clock.now())
    body.pop("text")
    body.update(msgtype=msgtype, content=content)
    assert deliver(bot_url, body, clock.now()).status_code == 200
    assert deliver(bot_url, body, clock.now()).status_code == 200
    [sent] = fake.received("session")
    assert ONLY_TEXT_REPLY in sent.body["text"]["content"] and sent.body["at"]["atUserIds"] == ["0101"]
    assert entries(dt_runtime) == []


def test_a_one_megabyte_body_is_a_413_and_reaches_nothing(bot_url, dt_runtime, fake, group, clock):
    body = robot_callback("开会" * (512 * 1024), "msgHuge==", fake.session_webhook("s8"), clock.now())
    raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
    assert len(raw) > 1024 * 1024
    assert deliver(bot_url, raw, clock.now()).status_code == 413
    unsigned = deliver(bot_url, raw, clock.now(), headers={"Content-Type": "application/json"})
    assert unsigned.status_code == 401
    assert fake.received() == [] and entries(dt_runtime) == []
    with dt_runtime.db.session() as s:
        assert s.scalar(select(func.count(InboundMessage.id))) == 0


def test_an_overlong_text_gets_a_short_answer(bot_url, dt_runtime, fake, group, clock):
    body = robot_callback("开会" * 5000, "msgLong==", fake.session_webhook("s9"), clock.now())
    assert deliver(bot_url, body, clock.now()).status_code == 200
    [sent] = fake.delivered("session")
    assert "过长" in sent.body["text"]["content"]
    assert entries(dt_runtime) == []


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
FIELDS = ["msgId", "conversationId", "senderStaffId", "senderId", "msgtype", "text", "sessionWebhook",
          "sessionWebhookExpiredTime", "createAt", "conversationType", "senderNick", "conversationTitle", "content"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(overrides=st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES, max_size=6),
       removed=st.sets(st.sampled_from(FIELDS), max_size=4), msg_id=st.uuids())
def test_no_payload_shape_gives_a_5xx(overrides, removed, msg_id, dt_runtime, fake, group, clock):
    client = create_app(dt_runtime).test_client()
    body = robot_callback("明天开会", f"msg{msg_id.hex}", fake.session_webhook("fuzz"), clock.now())
    body.update(overrides)
    for name in removed:
        body.pop(name, None)
    response = client.post("/dingtalk/robot", data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
                           headers=signed_headers(millis(clock.now())))
    # 403: the examples share one signature, good for one msgId only (issue 18), or name another robotCode
    assert response.status_code in (200, 400, 403), (response.status_code, body)


def test_replies_without_a_session_webhook_take_the_group_push_path(dt_runtime, fake, group, clock, worker):
    from storage.models import Conversation

    with dt_runtime.db.session() as s:
        s.get(Conversation, group).push_target = "robot-xwb"
    fake.robot_secrets["robot-xwb"] = ""
    client = create_app(dt_runtime).test_client()
    body = robot_callback("明天开会，3个乡镇参加", "msgNoWebhook==", "", clock.now())
    response = client.post("/dingtalk/robot", data=json.dumps(body).encode(), headers=signed_headers(millis(clock.now())))
    assert response.status_code == 200
    assert fake.received("session") == []
    assert worker.run_once() == 1
    [sent] = fake.delivered("webhook")
    assert sent.args["access_token"] == "robot-xwb" and sent.body["at"]["atUserIds"] == ["0101"]
    with dt_runtime.db.session() as s:
        keys = sorted(s.scalars(select(Outbox.dedupe_key)))
    assert keys == ["dingtalk:reply:msgNoWebhook==", "dingtalk:reply:msgNoWebhook==:fallback"]
