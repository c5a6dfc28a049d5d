"""Issue 4: the self-built app callback (XML, receive id = corp id) through the real Flask route."""

from __future__ import annotations

from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from sqlalchemy import func, select

import handlers
from bot.app import create_app
from bot.channels.wecom.appmsg import CHANNEL as APP, AppMessageSender
from bot.messages import Reply
from bot.outbox import OutboxWorker
from suite import NOW
from fake_wecom import FakeWeCom, app_callback, app_text_xml, decrypt, signature, wecom_runtime
from storage.models import Entry, InboundMessage, Outbox
from slow_path import slow_parsing

TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo"
KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt"
CORP = "wwfakecorp"
TS = int(NOW.timestamp())


def make_app(db, clock, fake: FakeWeCom | None = None, budget: float = 30.0, secret: str = "fake-secret"):
    runtime = wecom_runtime(db, clock, budget=budget, app_token=TOKEN, app_aes_key=KEY, corp_id=CORP,
                            app_secret=secret, agent_id="1000002",
                            api_base=fake.base_url if fake else "https://qyapi.weixin.qq.com")
    app = create_app(runtime)
    return SimpleNamespace(runtime=runtime, client=app.test_client(), channel=app.extensions["wecom"])


@pytest.fixture
def fake(clock):
    server = FakeWeCom(clock=clock, corp_id=CORP).start()
    yield server
    server.stop()


@pytest.fixture
def wecom(demo_db, clock, fake):
    made = make_app(demo_db, clock, fake)
    yield made
    made.channel.close()


def post(client, inner_xml: str, nonce: str | None = None):
    cb = app_callback(TOKEN, KEY, CORP, inner_xml, TS, nonce=nonce)
    return client.post("/wecom/app", query_string=cb.query, data=cb.body, content_type="text/xml")


def reply(response) -> ElementTree.Element:
    assert response.status_code == 200, response.data
    envelope = ElementTree.fromstring(response.data)
    enc, ts, nonce = (envelope.findtext(n) for n in ("Encrypt", "TimeStamp", "Nonce"))
    assert envelope.findtext("MsgSignature") == signature(TOKEN, ts, nonce, enc)
    plain = decrypt(KEY, enc)
    assert plain.receive_id == CORP
    return ElementTree.fromstring(plain.message)


def entries(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Entry.id)))


def test_text_message_is_recorded_and_answered_in_xml(wecom, demo_db):
    answer = reply(post(wecom.client, app_text_xml(CORP, "zhangsan", "明天开会，3个乡镇参加", 7001, TS)))
    assert answer.findtext("ToUserName") == "zhangsan" and answer.findtext("FromUserName") == CORP
    assert answer.findtext("MsgType") == "text" and answer.findtext("AgentID") == "1000002"
    assert "已记录" in answer.findtext("Content") and "城关镇" in answer.findtext("Content")
    assert entries(demo_db) == 1
    with demo_db.session() as s:
        assert s.scalars(select(InboundMessage.external_id)).one() == "app:7001"


def test_retry_of_the_same_msgid_gets_the_same_reply_and_records_once(wecom, demo_db):
    xml = app_text_xml(CORP, "zhangsan", "明天开会，3个乡镇参加", 7002, TS)
    contents = [reply(post(wecom.client, xml, nonce=str(100 + i))).findtext("Content") for i in range(3)]
    assert contents[0] == contents[1] == contents[2]
    assert entries(demo_db) == 1


def test_reply_text_with_cdata_terminator_survives(wecom, monkeypatch):
    monkeypatch.setitem(handlers.HANDLERS, "help", lambda ctx, intent: Reply(text="a]]>b<c>&d", intent="help"))
    answer = reply(post(wecom.client, app_text_xml(CORP, "zhangsan", "帮助", 7003, TS)))
    assert answer.findtext("Content") == "a]]>b<c>&d"


@pytest.mark.parametrize(("content", "agent_id", "callback_agent"), [
    ("已记录：今天开会。\n本月第3次", "1000002", "1000002"), ("a]]>b<c>&d", "", "1000005"), ("", "", "x"), ("ok", "7", "")])
def test_text_reply_renders_what_wechatpy_renders(content, agent_id, callback_agent):
    from wechatpy.enterprise.replies import TextReply

    from bot.channels.wecom.app import AppCallback, text_reply

    callback = AppCallback("text", CORP, "zhangsan", "帮助", "1", callback_agent, "")
    agent = agent_id or callback_agent
    expected = TextReply(source=CORP, target="zhangsan", content=content.replace("]]>", "]]]]><![CDATA[>"),
                         agent=int(agent) if agent.isdigit() else 0, time=TS).render()
    assert text_reply(callback, content, NOW, agent_id) == expected


def test_image_gets_a_polite_reply_and_events_an_empty_answer(wecom, demo_db):
    image = (f"<xml><ToUserName><![CDATA[{CORP}]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>"
             f"<CreateTime>{TS}</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[x]]></PicUrl>"
             "<MediaId><![CDATA[m]]></MediaId><MsgId>7004</MsgId><AgentID>1000002</AgentID></xml>")
    assert "文字" in reply(post(wecom.client, image)).findtext("Content")
    event = (f"<xml><ToUserName><![CDATA[{CORP}]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>"
             f"<CreateTime>{TS}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[enter_agent]]>"
             "</Event><AgentID>1000002</AgentID></xml>")
    response = post(wecom.client, event)
    assert response.status_code == 200 and response.data == b""
    with demo_db.session() as s:
        assert s.scalar(select(func.count(InboundMessage.id))) == 0


def test_long_reply_fills_the_passive_answer_and_the_rest_follows_by_the_app_api(wecom, demo_db, clock, fake,
                                                                              monkeypatch):
    lines = [f"第{i}项：城关镇本月召开会议{i}次，印发文件{i}件。" for i in range(1, 121)]
    full = "\n".join(lines)
    assert len(full.encode()) > 2 * 2048
    monkeypatch.setitem(handlers.HANDLERS, "help", lambda ctx, intent: Reply(text=full, intent="help"))
    first = reply(post(wecom.client, app_text_xml(CORP, "zhangsan", "帮助", 7005, TS))).findtext("Content")
    assert len(first.encode()) <= 2048 and first.endswith("（余下内容随后发送）")
    worker = OutboxWorker(demo_db, {APP: AppMessageSender(demo_db, clock, wecom.runtime.settings.wecom)}, clock)
    for _ in range(10):
        worker.run_once()
    delivered = [m["text"]["content"] for m in fake.app_messages]
    assert all(m["touser"] == "zhangsan" and m["agentid"] == 1000002 for m in fake.app_messages)
    assert all(len(d.encode()) <= 2048 for d in delivered) and len(delivered) >= 2
    received = first.removesuffix("\n（余下内容随后发送）").splitlines()
    for d in delivered:
        received += [line for line in d.splitlines() if not line.startswith("（")]
    assert received == lines  # every line once, in order


def test_slow_handling_answers_empty_and_replies_by_the_app_api(demo_db, clock, fake, monkeypatch):
    made = make_app(demo_db, clock, fake, budget=0.2)
    release = slow_parsing(monkeypatch)
    response = post(made.client, app_text_xml(CORP, "zhangsan", "明天开会，3个乡镇参加", 7006, TS))
    assert response.status_code == 200 and response.data == b""
    release.set()
    made.channel.close()
    with demo_db.session() as s:
        late = s.scalars(select(Outbox)).one()
        assert (late.channel, late.target, late.dedupe_key) == (APP, "user:zhangsan", "wecom-late:app:7006")
    worker = OutboxWorker(demo_db, {APP: AppMessageSender(demo_db, clock, made.runtime.settings.wecom)}, clock)
    assert worker.run_once() == 1
    assert len(fake.app_messages) == 1 and "已记录" in fake.app_messages[0]["text"]["content"]
    assert entries(demo_db) == 1
