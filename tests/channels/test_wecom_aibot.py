"""Issue 4: the 智能机器人 callback through the real Flask route — flow, binding, dedupe, late replies."""

from __future__ import annotations

import json
import threading
import uuid
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from bot.app import create_app
import bot.dispatcher as bot_dispatcher
from bot.channels.wecom.response_url import CHANNEL as RESPONSE_URL, ResponseUrlSender
from bot.outbox import OutboxWorker
from suite import NOW
from fake_wecom import FakeWeCom, aibot_callback, aibot_text, decrypt, signature, wecom_runtime
from storage import repo
from storage.models import Conversation, Entry, InboundMessage, Outbox
from slow_path import slow_parsing

TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo"
KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt"
GROUP = "wrkSFfCgAAxxxxGROUP1"
TS = int(NOW.timestamp())


def bind_group(db, chatid: str = GROUP, unit: str = "城关镇") -> None:
    with db.session() as s:
        s.add(Conversation(platform="wecom", external_id=chatid, title="城关镇工作群",
                           unit_id=repo.unit_by_name(s, unit).id))


def make_bot(db, clock, budget: float = 30.0, api_base: str = "https://qyapi.weixin.qq.com"):
    runtime = wecom_runtime(db, clock, budget=budget, aibot_token=TOKEN, aibot_aes_key=KEY, api_base=api_base)
    app = create_app(runtime)
    return SimpleNamespace(runtime=runtime, app=app, client=app.test_client(),
                           channel=app.extensions["wecom"])


@pytest.fixture
def bot(demo_db, clock):
    made = make_bot(demo_db, clock)
    yield made
    made.channel.close()


def post(client, message: dict, nonce: str | None = None):
    cb = aibot_callback(TOKEN, KEY, message, TS, nonce=nonce)
    return client.post("/wecom/aibot", query_string=cb.query, data=cb.body, content_type="application/json")


def answer(response) -> dict:
    """The decrypted passive reply, checked with the independent implementation."""
    assert response.status_code == 200, response.data
    envelope = response.get_json()
    assert envelope["msgsignature"] == signature(TOKEN, envelope["timestamp"], envelope["nonce"],
                                                 envelope["encrypt"])
    plain = decrypt(KEY, envelope["encrypt"])
    assert plain.receive_id == ""
    return json.loads(plain.message)


def stream_text(response) -> str:
    body = answer(response)
    assert body["msgtype"] == "stream" and body["stream"]["finish"] is True
    return body["stream"]["content"]


def count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(model.id)))


def test_get_handshake_answers_the_plaintext_echostr(bot):
    from fake_wecom import encrypt

    echostr = encrypt(KEY, "6241978211935405823", "")
    query = {"msg_signature": signature(TOKEN, str(TS), "n1", echostr), "timestamp": str(TS),
             "nonce": "n1", "echostr": echostr}
    response = bot.client.get("/wecom/aibot", query_string=query)
    assert response.status_code == 200 and response.data == b"6241978211935405823"


def test_group_at_message_is_recorded_for_the_bound_unit(bot, demo_db):
    bind_group(demo_db)
    text = stream_text(post(bot.client, aibot_text("m1", "zhangsan", "@减负助手 明天开会，3个乡镇参加", GROUP)))
    assert "已记录" in text and "城关镇" in text and "3个乡镇参加" in text
    assert "尚未绑定" not in text
    with demo_db.session() as s:
        entry = s.scalars(select(Entry)).one()
        assert (entry.kind, entry.attendees_count, entry.unit.name) == ("meeting", 3, "城关镇")
        assert entry.conversation_id == repo.conversation(s, "wecom", GROUP).id
        row = s.scalars(select(InboundMessage)).one()
        assert row.external_id == "aibot:m1" and row.text == "明天开会，3个乡镇参加"


def test_unbound_user_is_told_how_to_bind_and_nothing_is_recorded(bot, demo_db):
    bind_group(demo_db)
    text = stream_text(post(bot.client, aibot_text("m2", "zhaoliu", "@减负助手 明天开会", GROUP)))
    assert "绑定" in text
    assert count(demo_db, Entry) == 0


def test_unbound_group_answer_carries_the_bind_hint(bot, demo_db):
    text = stream_text(post(bot.client, aibot_text("m3", "zhangsan", "@减负助手 明天开会，3个乡镇参加",
                                                   "wrNEWGROUP")))
    assert "已记录" in text and "本群尚未绑定单位" in text
    with demo_db.session() as s:  # the new group is remembered, unbound, for an admin to bind
        conversation = repo.conversation(s, "wecom", "wrNEWGROUP")
        assert conversation is not None and conversation.unit_id is None


def test_single_chat_uses_the_members_one_to_one_conversation(bot, demo_db):
    text = stream_text(post(bot.client, aibot_text("m4", "zhangsan", "后天发文1件")))
    assert "已记录" in text and "尚未绑定" not in text
    with demo_db.session() as s:
        assert repo.conversation(s, "wecom", "user:zhangsan") is not None


@pytest.mark.parametrize("msgtype, part", [
    ("image", {"image": {"url": "https://example.invalid/i"}}),
    ("mixed", {"mixed": {"msg_item": [{"msgtype": "text", "text": {"content": "@减负助手 看图"}}]}}),
    ("voice", {"voice": {"content": "明天开会"}}),
    ("file", {"file": {"url": "https://example.invalid/f"}}),
])
def test_non_text_messages_get_a_polite_chinese_reply(bot, demo_db, msgtype, part):
    message = {"msgid": f"nt-{msgtype}", "aibotid": "A", "chatid": GROUP, "chattype": "group",
               "from": {"userid": "zhangsan"}, "msgtype": msgtype, **part}
    text = stream_text(post(bot.client, message))
    assert "文字" in text
    assert count(demo_db, InboundMessage) == 0


def test_enter_chat_gets_a_welcome_and_other_events_an_empty_answer(bot):
    event = {"msgid": "e1", "aibotid": "A", "chattype": "single", "from": {"userid": "zhangsan"},
             "msgtype": "event", "event": {"eventtype": "enter_chat"}}
    body = answer(post(bot.client, event))
    assert body["msgtype"] == "text" and "减负助手" in body["text"]["content"]
    other = {**event, "event": {"eventtype": "template_card_event"}}
    response = post(bot.client, other)
    assert response.status_code == 200 and response.data == b""


def test_stream_refresh_is_answered_empty(bot):
    refresh = {"msgid": "r1", "aibotid": "A", "chattype": "single", "from": {"userid": "zhangsan"},
               "msgtype": "stream", "stream": {"id": "abc"}}
    response = post(bot.client, refresh)
    assert response.status_code == 200 and response.data == b""


def test_three_deliveries_record_once_and_retries_get_the_same_reply(bot, demo_db):
    bind_group(demo_db)
    message = aibot_text("dup-1", "zhangsan", "@减负助手 明天开会，3个乡镇参加", GROUP)
    texts = [stream_text(post(bot.client, message, nonce=f"n{i}")) for i in range(3)]
    assert texts[0] == texts[1] == texts[2] and "已记录" in texts[0]
    assert count(demo_db, Entry) == 1 and count(demo_db, InboundMessage) == 1


def test_three_simultaneous_deliveries_record_once(bot, demo_db, monkeypatch):
    """The first delivery is held while it parses (before its write transaction, so SQLite does not serialise
    the others) until the two others have been answered: they store its claim, answer empty, and it records."""
    bind_group(demo_db)
    message = aibot_text("dup-2", "zhangsan", "@减负助手 明天开会，3个乡镇参加", GROUP)
    others_answered = threading.Event()
    answered: list = []
    lock = threading.Lock()
    original_parse = bot_dispatcher.parse
    parsing: list = []

    def held_parse(*args, **kwargs):
        with lock:
            parsing.append(threading.current_thread())
            first = len(parsing) == 1
        if first:  # this delivery owns the message
            others_answered.wait(2)
        return original_parse(*args, **kwargs)

    monkeypatch.setattr(bot_dispatcher, "parse", held_parse)
    barrier = threading.Barrier(3)

    def deliver(i: int) -> None:
        client = bot.app.test_client()
        barrier.wait()
        response = post(client, message, nonce=f"s{i}")
        with lock:
            answered.append(response)
            if sum(1 for r in answered if r.data == b"") == 2:
                others_answered.set()

    threads = [threading.Thread(target=deliver, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert others_answered.is_set()  # two retries answered empty while the first was still working
    assert len(answered) == 3 and all(r.status_code == 200 for r in answered)
    full = [stream_text(r) for r in answered if r.data]
    assert len(full) == 1 and "已记录" in full[0]
    assert count(demo_db, Entry) == 1 and count(demo_db, InboundMessage) == 1
    assert len(parsing) == 1  # the redeliveries were answered without being worked out again


def test_slow_handling_answers_empty_and_replies_once_through_response_url(demo_db, clock, monkeypatch):
    fake = FakeWeCom(clock=clock).start()
    made = make_bot(demo_db, clock, budget=0.2, api_base=fake.base_url)
    try:
        bind_group(demo_db)
        release = slow_parsing(monkeypatch)
        code = uuid.uuid4().hex
        message = aibot_text("late-1", "zhangsan", "@减负助手 明天开会，3个乡镇参加", GROUP,
                             response_url=fake.response_url(code))
        first = post(made.client, message)
        assert first.status_code == 200 and first.data == b""  # within the budget, no reply yet
        release.set()
        made.channel.close()  # waits for the worker thread and its late-reply callback
        other_process = make_bot(demo_db, clock, api_base=fake.base_url)
        retry = post(other_process.client, message, nonce="retry")
        other_process.channel.close()
        assert retry.status_code == 200 and retry.data == b""  # its answer went the late way
        with demo_db.session() as s:
            late = s.scalars(select(Outbox)).one()
            assert (late.channel, late.target) == (RESPONSE_URL, fake.response_url(code))
        worker = OutboxWorker(demo_db, {RESPONSE_URL: ResponseUrlSender(clock, fake.base_url)}, clock)
        assert worker.run_once() == 1 and worker.run_once() == 0
        assert len(fake.responses[code]) == 1
        content = fake.responses[code][0]["markdown"]["content"]
        assert "已记录" in content and "3个乡镇参加" in content
        assert count(demo_db, Entry) == 1
    finally:
        fake.stop()
