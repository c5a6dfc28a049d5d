"""Review fixes for DingTalk replies: a sessionWebhook is used only on DingTalk's oapi host, a createAt
out of any sane range is ignored, and replies go out at once even at night."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from bot.app import create_app
from bot.channels.dingtalk.payload import Callback, parse_callback, session_webhook_allowed
from bot.clock import TZ
from bot.outbox import enqueue
from fake_dingtalk import APP_KEY, APP_SECRET, GROUP_CID, FakeDingTalk, millis, robot_callback, signed_headers
from storage.models import Conversation, Entry, Outbox

NIGHT = dt.datetime(2026, 11, 23, 21, 0, tzinfo=TZ)  # Monday 21:00, outside the 08:00–20:00 window


@pytest.fixture
def elsewhere(clock) -> Iterator[FakeDingTalk]:
    """A second server on 127.0.0.1 that is not the configured oapi host: nothing may be posted to it."""
    server = FakeDingTalk(APP_KEY, APP_SECRET).start()
    yield server
    server.stop()


@pytest.fixture
def client(dt_runtime):
    return create_app(dt_runtime).test_client()


def deliver(client, body: dict, at: dt.datetime):
    return client.post("/dingtalk/robot", data=json.dumps(body, ensure_ascii=False).encode(),
                       headers=signed_headers(millis(at)))


def with_custom_robot(runtime, fake: FakeDingTalk, group: int) -> None:
    with runtime.db.session() as s:
        s.get(Conversation, group).push_target = "robot-xwb"
    fake.robot_secrets["robot-xwb"] = ""


def outbox(runtime) -> list[Outbox]:
    with runtime.db.session() as s:
        return list(s.scalars(select(Outbox).order_by(Outbox.id)))


# --- where a sessionWebhook may point ------------------------------------------------------------

OAPI = "https://oapi.dingtalk.com"


@pytest.mark.parametrize("url, allowed", [
    ("https://oapi.dingtalk.com/robot/sendBySession?session=abc", True),
    ("https://OAPI.dingtalk.com/robot/sendBySession?session=abc", True),
    ("https://oapi.dingtalk.com:443/robot/sendBySession?session=abc", False),  # not the configured port
    ("http://oapi.dingtalk.com/robot/sendBySession?session=abc", False),
    ("https://oapi.dingtalk.com.evil.cn/robot/sendBySession?session=abc", False),
    ("https://oapi.dingtalk.com@evil.cn/robot/sendBySession?session=abc", False),
    ("https://evil.cn/robot/sendBySession?session=abc#@oapi.dingtalk.com", False),
    ("https://oapi.dingtalk.com/robot/send?access_token=abc", False),
    ("https://oapi.dingtalk.com/topapi/message/corpconversation/asyncsend_v2", False),
    ("https://oapi.dingtalk.com:99999/robot/sendBySession", False),
    ("https://[::1/robot/sendBySession", False),
    ("http://127.0.0.1:8080/robot/sendBySession?session=abc", False),
    ("file:///etc/passwd", False),
])
def test_only_session_webhooks_on_the_oapi_host_are_allowed(url, allowed):
    assert session_webhook_allowed(url, OAPI) is allowed


def test_a_session_webhook_pointing_elsewhere_is_never_posted_to(client, dt_runtime, fake, group, clock, worker,
                                                                 elsewhere):
    """The HTTP-mode sign covers only the timestamp: a captured header pair can carry any body."""
    with_custom_robot(dt_runtime, fake, group)
    foreign = elsewhere.session_webhook("stolen")
    response = deliver(client, robot_callback("本月开了几个会", "msgForeign==", foreign, clock.now()), clock.now())
    assert response.status_code == 200
    worker.run_once()
    assert elsewhere.received() == []
    [sent] = fake.delivered("webhook")  # the reply took the group's own push path instead
    assert sent.args["access_token"] == "robot-xwb"
    assert all(row.target != foreign for row in outbox(dt_runtime))


def test_a_wrong_path_on_the_oapi_host_is_not_used(client, dt_runtime, fake, group, clock, worker):
    with_custom_robot(dt_runtime, fake, group)
    webhook = f"{fake.base_url}/robot/send?access_token=robot-xwb"
    assert deliver(client, robot_callback("本月开了几个会", "msgPath==", webhook, clock.now()), clock.now()).status_code == 200
    worker.run_once()
    assert fake.received("session") == []
    assert [r.args["access_token"] for r in fake.delivered("webhook")] == ["robot-xwb"]
    assert outbox(dt_runtime)[0].target == f"conversation:{GROUP_CID}"


def test_a_foreign_session_webhook_already_queued_is_not_posted_to(dt_runtime, fake, group, clock, worker, elsewhere):
    """A row queued before the check existed (or by other code) is checked again by the sender."""
    with_custom_robot(dt_runtime, fake, group)
    with dt_runtime.db.session() as s:
        enqueue(s, "dingtalk_session", elsewhere.session_webhook("old"),
                {"text": "已记录", "conversation_id": GROUP_CID, "is_group": True, "reply_key": "old"},
                "old", now=clock.now())
    worker.run_once()
    assert elsewhere.received() == []
    assert len(fake.delivered("webhook")) == 1


def test_a_proper_session_webhook_still_gets_the_reply(client, dt_runtime, fake, group, clock):
    webhook = fake.session_webhook("good")
    assert deliver(client, robot_callback("本月开了几个会", "msgGood==", webhook, clock.now()), clock.now()).status_code == 200
    [sent] = fake.delivered("session")
    assert sent.args["session"] == "good"


# --- createAt -------------------------------------------------------------------------------------

@pytest.mark.parametrize("created", [10**15 - 1, "999999999999999", 1, -5, 10**30, 4_102_444_800_001, 1e300])
def test_a_created_at_out_of_range_counts_as_absent(client, dt_runtime, fake, group, clock, created):
    body = robot_callback("明天开会，3个乡镇参加", f"msgCreated{uuid.uuid4().hex}==",
                          fake.session_webhook("c"), clock.now())
    body["createAt"] = created
    assert parse_callback(body).created_ms is None
    response = deliver(client, body, clock.now())
    assert response.status_code == 200
    with dt_runtime.db.session() as s:
        assert s.scalar(select(Entry.id)) is not None  # recorded, not refused and redelivered forever
    assert len(fake.delivered("session")) == 1


def test_a_created_at_in_range_is_kept():
    body = robot_callback("明天开会", "msgIn==", "", NIGHT)
    assert parse_callback(body).incoming().received_at == NIGHT


def test_incoming_never_raises_on_an_impossible_timestamp():
    callback = Callback(message_id="m", conversation_id="c", sender_id="s", sender_staff_id="s", msgtype="text",
                        text="x", created_ms=10**15 - 1)
    assert callback.incoming().received_at is None


# --- replies at night ---------------------------------------------------------------------------------

def test_a_reply_goes_out_at_once_at_night(client, dt_runtime, fake, group, clock):
    clock.set(NIGHT)
    webhook = fake.session_webhook("night")
    assert deliver(client, robot_callback("本月开了几个会", "msgNight==", webhook, NIGHT), NIGHT).status_code == 200
    assert len(fake.delivered("session")) == 1
    assert [row.status for row in outbox(dt_runtime)] == ["sent"]


def test_the_fallback_of_an_expired_reply_goes_out_at_night(client, dt_runtime, fake, group, clock, worker):
    clock.set(NIGHT)
    with_custom_robot(dt_runtime, fake, group)
    body = robot_callback("本月开了几个会", "msgNightLate==", fake.session_webhook("n2"), NIGHT)
    body["sessionWebhookExpiredTime"] = millis(NIGHT + dt.timedelta(seconds=10))  # within the safety margin
    assert deliver(client, body, NIGHT).status_code == 200
    worker.run_once()
    worker.run_once()
    assert clock.now() == NIGHT
    assert fake.received("session") == []
    assert len(fake.delivered("webhook")) == 1
    assert [row.status for row in outbox(dt_runtime)] == ["sent", "sent"]


def test_a_stream_frame_with_an_impossible_created_at_is_acked_ok_not_redelivered(dt_runtime, fake, group, clock):
    """A system-exception ack would make DingTalk redeliver the frame for ever."""
    import asyncio

    from dingtalk_stream import AckMessage, CallbackMessage

    from bot.channels.dingtalk.inbound import DingTalkInbound
    from bot.channels.dingtalk.stream_mode import LedgerChatbotHandler
    from fake_dingtalk import callback_frame

    data = robot_callback("明天开会，3个乡镇参加", "msgStreamAt==", fake.session_webhook("sa"), clock.now())
    data["createAt"] = 10**15 - 1
    handler = LedgerChatbotHandler(DingTalkInbound(dt_runtime))
    ack = asyncio.run(handler.raw_process(CallbackMessage.from_dict(callback_frame(data, message_id="f-at"))))
    assert ack.code == AckMessage.STATUS_OK
    with dt_runtime.db.session() as s:
        assert s.scalar(select(Entry.id)) is not None
