"""Issue 5: Stream mode — the ChatbotHandler fed callback frames as the dingtalk-stream SDK delivers them,
and the client against a fake gateway on 127.0.0.1: every frame acked, redeliveries recorded once,
reconnects after a dropped connection and after a `disconnect` frame."""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

import pytest
from dingtalk_stream import AckMessage, CallbackMessage
from sqlalchemy import func, select

from bot.channels.dingtalk.inbound import DingTalkInbound
from bot.channels.dingtalk.stream_mode import TOPIC, LedgerChatbotHandler, build_client
from fake_dingtalk import (
    FakeStreamGateway,
    StreamStep,
    callback_frame,
    robot_callback,
    system_frame,
)
from storage.models import Entry, InboundMessage


def entry_count(runtime) -> int:
    with runtime.db.session() as s:
        return s.scalar(select(func.count(Entry.id)))


def feed(handler: LedgerChatbotHandler, frame: dict[str, Any]) -> AckMessage:
    """What the SDK does with a CALLBACK frame: CallbackMessage.from_dict, then handler.raw_process."""
    return asyncio.run(handler.raw_process(CallbackMessage.from_dict(frame)))


def test_the_same_frame_twice_records_once_and_replies_once(dt_runtime, fake, group, clock):
    handler = LedgerChatbotHandler(DingTalkInbound(dt_runtime))
    data = robot_callback("明天开会，3个乡镇参加", "msgStream001==", fake.session_webhook("st1"), clock.now(),
                          staff_id="0201", nick="张三")
    frame = callback_frame(data, message_id="frame-1")

    first, second = feed(handler, frame), feed(handler, frame)

    assert (first.code, second.code) == (AckMessage.STATUS_OK, AckMessage.STATUS_OK)
    assert first.headers.message_id == second.headers.message_id == "frame-1"
    assert entry_count(dt_runtime) == 1
    [sent] = fake.received("session")
    assert sent.body["at"]["atUserIds"] == ["0201"] and sent.body["text"]["content"].startswith("@0201 ")
    with dt_runtime.db.session() as s:
        [inbound] = s.scalars(select(InboundMessage))
        assert inbound.conversation_id == group and inbound.status == "done"


def test_a_redelivery_with_a_new_frame_id_is_still_recorded_once(dt_runtime, fake, group, clock):
    handler = LedgerChatbotHandler(DingTalkInbound(dt_runtime))
    data = robot_callback("明天开会，3个乡镇参加", "msgStream002==", fake.session_webhook("st2"), clock.now(),
                          staff_id="0201", nick="张三")
    acks = [feed(handler, callback_frame(data, message_id=f"frame-{n}")) for n in range(3)]
    assert [a.code for a in acks] == [200, 200, 200]
    assert entry_count(dt_runtime) == 1 and len(fake.received("session")) == 1


@pytest.mark.parametrize("data", [
    {"msgtype": "text"},  # no msgId, no conversation, no text
    {"msgId": "m", "conversationId": "c", "senderStaffId": "0201", "msgtype": "text", "text": "不是对象"},
    {"msgId": ["m"], "conversationId": "c", "senderStaffId": "0201", "msgtype": "text", "text": {"content": "x"}},
])
def test_malformed_callbacks_are_acked_and_touch_nothing(data, dt_runtime, fake, group):
    handler = LedgerChatbotHandler(DingTalkInbound(dt_runtime))
    ack = feed(handler, callback_frame(data, message_id="frame-bad"))
    assert ack.code == AckMessage.STATUS_OK and ack.data["response"].startswith("ignored")
    assert entry_count(dt_runtime) == 0 and fake.received() == []


def test_a_picture_gets_the_polite_reply(dt_runtime, fake, group, clock):
    handler = LedgerChatbotHandler(DingTalkInbound(dt_runtime))
    data = robot_callback("", "msgPic==", fake.session_webhook("st3"), clock.now())
    data.pop("text")
    data.update(msgtype="picture", content={"downloadCode": "x"})
    assert feed(handler, callback_frame(data, "frame-pic")).code == 200
    [sent] = fake.received("session")
    assert "只能识别文字" in sent.body["text"]["content"]


class RecordingSocket:
    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    async def send(self, raw: str) -> None:
        self.sent.append(json.loads(raw))


def test_the_client_acks_frames_it_cannot_parse_and_pings(dt_runtime, fake):
    client = build_client(dt_runtime)
    client.websocket = RecordingSocket()
    bad_data = {**callback_frame({}, "frame-x"), "data": "{not json"}
    unknown_topic = callback_frame({"msgId": "m"}, "frame-y", topic="/v1.0/some/other/topic")
    for frame in (bad_data, unknown_topic, system_frame("ping", "ping-1")):
        asyncio.run(client.route_message(frame))
    codes = {ack["headers"]["messageId"]: ack["code"] for ack in client.websocket.sent}
    assert codes == {"frame-x": 200, "frame-y": 404, "ping-1": 200}


def run_client(client, stop_holder: dict[str, Any]) -> threading.Thread:
    def main() -> None:
        async def go() -> None:
            stop_holder["loop"] = asyncio.get_running_loop()
            stop_holder["stop"] = asyncio.Event()
            await client.run(stop_holder["stop"])

        asyncio.run(go())

    thread = threading.Thread(target=main, daemon=True)
    thread.start()
    return thread


def test_the_client_reconnects_after_drops_and_records_redeliveries_once(dt_runtime, fake, group, clock):
    first = robot_callback("明天开会，3个乡镇参加", "msgConn1==", fake.session_webhook("c1"), clock.now(),
                           staff_id="0201", nick="张三")
    second = robot_callback("明天开会，5个村参加", "msgConn2==", fake.session_webhook("c2"), clock.now(),
                            staff_id="0202", nick="李四")
    gateway = FakeStreamGateway([
        # connection 1: a message, acked, then the TCP connection dies without a close frame
        [StreamStep("send", callback_frame(first, "f1")), StreamStep("ack", message_id="f1"), StreamStep("drop")],
        # connection 2: DingTalk redelivers the same message, then asks the client to reconnect
        [StreamStep("send", callback_frame(first, "f1-again")), StreamStep("ack", message_id="f1-again"),
         StreamStep("send", system_frame("disconnect", "sys-1")), StreamStep("hold")],
        # connection 3: a new message
        [StreamStep("send", callback_frame(second, "f2")), StreamStep("ack", message_id="f2"), StreamStep("hold")],
    ]).start()
    fake.stream_endpoint = gateway.url
    client = build_client(dt_runtime, backoff_min=0.05, backoff_max=0.2)
    holder: dict[str, Any] = {}
    thread = run_client(client, holder)
    try:
        assert gateway.wait_for(
            lambda g: any(a["headers"].get("messageId") == "f2" for a in g.all_acks()), timeout=15
        ), [a["headers"] for a in gateway.all_acks()]
    finally:
        if "loop" in holder:
            holder["loop"].call_soon_threadsafe(holder["stop"].set)
        thread.join(10)
        gateway.stop()
    assert not thread.is_alive()

    acks = {a["headers"]["messageId"]: a["code"] for a in gateway.all_acks()}
    assert acks == {"f1": 200, "f1-again": 200, "sys-1": 200, "f2": 200}
    assert len(gateway.connections) == 3 and client.connections == 3
    assert len(fake.received("gateway")) == 3
    assert fake.received("gateway")[0].body["subscriptions"] == [{"type": "CALLBACK", "topic": TOPIC}]
    assert entry_count(dt_runtime) == 2
    assert [r.args["session"] for r in fake.received("session")] == ["c1", "c2"]


def test_the_client_retries_a_refusing_gateway_with_backoff(dt_runtime, fake, group, clock):
    fake.fail("gateway", 503, {"code": "ServiceUnavailable"}, times=2)
    gateway = FakeStreamGateway([[StreamStep("hold")]]).start()
    fake.stream_endpoint = gateway.url
    client = build_client(dt_runtime, backoff_min=0.05, backoff_max=0.2)
    holder: dict[str, Any] = {}
    thread = run_client(client, holder)
    try:
        assert gateway.wait_for(lambda g: len(g.connections) == 1, timeout=10)
    finally:
        if "loop" in holder:
            holder["loop"].call_soon_threadsafe(holder["stop"].set)
        thread.join(10)
        gateway.stop()
    assert len(fake.received("gateway")) == 3 and not thread.is_alive()
