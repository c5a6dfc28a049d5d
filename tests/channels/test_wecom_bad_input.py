"""Issue 4: bad callbacks never give a 5xx and never reach the ledger (or even the dispatcher)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from bot.app import create_app
from suite import NOW
from fake_wecom import (
    aibot_callback,
    aibot_text,
    app_callback,
    app_text_xml,
    encrypt,
    signature,
    wecom_runtime,
)
from storage import repo
from storage.models import Conversation, Entry, InboundMessage

TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo"
KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt"
OTHER_KEY = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR"
CORP = "ww1436e0e65a779aee"
GROUP = "wrBADINPUTGROUP"
TS = int(NOW.timestamp())
GOOD_TEXT = "@减负助手 明天开会，3个乡镇参加"


@pytest.fixture
def client(demo_db, clock):
    runtime = wecom_runtime(demo_db, clock, aibot_token=TOKEN, aibot_aes_key=KEY, app_token=TOKEN,
                            app_aes_key=KEY, corp_id=CORP)
    with demo_db.session() as s:
        s.add(Conversation(platform="wecom", external_id=GROUP, unit_id=repo.unit_by_name(s, "城关镇").id))
    app = create_app(runtime)
    yield app.test_client()
    app.extensions["wecom"].close()


def untouched(db) -> bool:
    with db.session() as s:
        return (s.scalar(select(func.count(Entry.id))) == 0
                and s.scalar(select(func.count(InboundMessage.id))) == 0)


def signed(enc: str, ts: int = TS, nonce: str = "12345", token: str = TOKEN) -> dict[str, str]:
    return {"msg_signature": signature(token, str(ts), nonce, enc), "timestamp": str(ts), "nonce": nonce}


def aibot_message(msgid: str = "bad-1") -> dict:
    return aibot_text(msgid, "zhangsan", GOOD_TEXT, GROUP)


def app_message(msg_id: int = 9001) -> str:
    return app_text_xml(CORP, "zhangsan", GOOD_TEXT, msg_id, TS)


def refused(response, *statuses: int) -> bool:
    return response.status_code in statuses and response.status_code < 500


# --- signatures, receive ids, keys ---------------------------------------------------------------------

def test_forged_signature_is_refused(client, demo_db):
    cb = aibot_callback(TOKEN, KEY, aibot_message(), TS)
    forged = {**cb.query, "msg_signature": "0" * 40}
    assert refused(client.post("/wecom/aibot", query_string=forged, data=cb.body), 403)
    wrong_token = aibot_callback("not-our-token", KEY, aibot_message(), TS)
    assert refused(client.post("/wecom/aibot", query_string=wrong_token.query, data=wrong_token.body), 403)
    app_cb = app_callback("not-our-token", KEY, CORP, app_message(), TS)
    assert refused(client.post("/wecom/app", query_string=app_cb.query, data=app_cb.body), 403)
    assert untouched(demo_db)


def test_handshake_with_a_forged_signature_is_refused(client):
    echostr = encrypt(KEY, "123", "")
    query = {**signed(echostr), "echostr": echostr, "msg_signature": "f" * 40}
    assert refused(client.get("/wecom/aibot", query_string=query), 403)


def test_wrong_corp_id_is_refused_not_a_500(client, demo_db):
    """Signed with our token and key, but encrypted for another corp (wechatpy's InvalidCorpIdException)."""
    cb = app_callback(TOKEN, KEY, "wwSOMEOTHERCORP", app_message(), TS)
    assert refused(client.post("/wecom/app", query_string=cb.query, data=cb.body), 403)
    echostr = encrypt(KEY, "5927782489442352469", "wwSOMEOTHERCORP")
    assert refused(client.get("/wecom/app", query_string={**signed(echostr), "echostr": echostr}), 403)
    assert untouched(demo_db)


def test_wrong_aes_key_is_refused(client, demo_db):
    enc = encrypt(OTHER_KEY, json.dumps(aibot_message()), "")
    response = client.post("/wecom/aibot", query_string=signed(enc), data=json.dumps({"encrypt": enc}))
    assert refused(response, 400, 403)
    enc = encrypt(OTHER_KEY, app_message(), CORP)
    body = f"<xml><ToUserName>{CORP}</ToUserName><Encrypt><![CDATA[{enc}]]></Encrypt></xml>"
    assert refused(client.post("/wecom/app", query_string=signed(enc), data=body), 400, 403)
    assert untouched(demo_db)


@pytest.mark.parametrize("ciphertext", ["not base64 at all!", "QUJD", "A" * 44, "=" * 8])
def test_signed_garbage_ciphertext_is_refused(client, demo_db, ciphertext):
    response = client.post("/wecom/aibot", query_string=signed(ciphertext),
                           data=json.dumps({"encrypt": ciphertext}))
    assert refused(response, 400, 403)
    assert untouched(demo_db)


# --- parameters and freshness ---------------------------------------------------------------------------

@pytest.mark.parametrize("missing", ["msg_signature", "timestamp", "nonce"])
def test_missing_parameters_are_refused(client, demo_db, missing):
    cb = aibot_callback(TOKEN, KEY, aibot_message(), TS)
    query = {k: v for k, v in cb.query.items() if k != missing}
    assert refused(client.post("/wecom/aibot", query_string=query, data=cb.body), 400)
    assert refused(client.post("/wecom/app", query_string=query, data=b"<xml/>"), 400)
    assert untouched(demo_db)


def test_handshake_without_echostr_is_refused(client):
    assert refused(client.get("/wecom/aibot", query_string=signed("")), 400)


@pytest.mark.parametrize("offset", [-31 * 60, 31 * 60, -24 * 3600])
def test_stale_or_future_timestamps_are_refused(client, demo_db, offset):
    cb = aibot_callback(TOKEN, KEY, aibot_message(), TS + offset)
    assert refused(client.post("/wecom/aibot", query_string=cb.query, data=cb.body), 400)
    assert untouched(demo_db)


def test_timestamps_inside_the_window_are_accepted(client, demo_db):
    cb = aibot_callback(TOKEN, KEY, aibot_message("skewed"), TS - 10 * 60)
    assert client.post("/wecom/aibot", query_string=cb.query, data=cb.body).status_code == 200


@pytest.mark.parametrize("timestamp", ["abc", "1793325600000", "-5", "1.5", "17933256\n"])
def test_malformed_timestamps_are_refused(client, timestamp):
    cb = aibot_callback(TOKEN, KEY, aibot_message(), TS)
    query = {**cb.query, "timestamp": timestamp}
    assert refused(client.post("/wecom/aibot", query_string=query, data=cb.body), 400)


# --- bodies ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", [b"", b"{", b"[]", b'{"encrypt": 5}', b'{"encrypt": ""}', b"\xff\xfe{}",
                                  b"<xml><Encrypt>x</Encrypt></xml>"])
def test_malformed_json_is_refused(client, demo_db, body):
    assert refused(client.post("/wecom/aibot", query_string=signed("x"), data=body), 400)
    assert untouched(demo_db)


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
                  b"<xml><Encrypt>&lol2;</Encrypt></xml>")


@pytest.mark.parametrize("body", [b"", b"<xml><Encrypt>abc", b"not xml", b"<root><Encrypt>a</Encrypt></root>",
                                  b"<xml><ToUserName>x</ToUserName></xml>", b'{"encrypt": "abc"}',
                                  BILLION_LAUGHS])
def test_malformed_xml_is_refused(client, demo_db, body):
    assert refused(client.post("/wecom/app", query_string=signed("abc"), data=body), 400, 403)
    assert untouched(demo_db)


def test_signed_and_encrypted_but_malformed_inner_messages_are_refused(client, demo_db):
    for inner in ("not json", "[1, 2]", json.dumps({"msgtype": "text", "text": {"content": "明天开会"}})):
        enc = encrypt(KEY, inner, "")
        response = client.post("/wecom/aibot", query_string=signed(enc), data=json.dumps({"encrypt": enc}))
        assert refused(response, 400), inner
    for inner in ("<xml><MsgType>text</MsgType></xml>", "<xml><oops>", "<other/>",
                  f"<xml><FromUserName>zhangsan</FromUserName><MsgType>text</MsgType><Content>{GOOD_TEXT}"
                  "</Content></xml>"):
        enc = encrypt(KEY, inner, CORP)
        body = f"<xml><Encrypt><![CDATA[{enc}]]></Encrypt></xml>"
        assert refused(client.post("/wecom/app", query_string=signed(enc), data=body), 400), inner
    assert untouched(demo_db)


def test_one_megabyte_body_is_refused_with_413(client, demo_db):
    big = b'{"encrypt": "' + b"A" * (1024 * 1024) + b'"}'
    response = client.post("/wecom/aibot", query_string=signed("A"), data=big, content_type="application/json")
    assert response.status_code == 413
    response = client.post("/wecom/app", query_string=signed("A"), data=b"<xml>" + b"A" * (1024 * 1024))
    assert response.status_code == 413
    assert untouched(demo_db)


def test_replayed_msgid_is_recorded_once(client, demo_db):
    """The same signed request replayed (inside the window) and the same msgid re-encrypted."""
    cb = aibot_callback(TOKEN, KEY, aibot_message("replayed"), TS)
    first = client.post("/wecom/aibot", query_string=cb.query, data=cb.body)
    replay = client.post("/wecom/aibot", query_string=cb.query, data=cb.body)
    again = aibot_callback(TOKEN, KEY, aibot_message("replayed"), TS + 60)
    third = client.post("/wecom/aibot", query_string=again.query, data=again.body)
    assert {first.status_code, replay.status_code, third.status_code} == {200}
    with demo_db.session() as s:
        assert s.scalar(select(func.count(Entry.id))) == 1
        assert s.scalar(select(func.count(InboundMessage.id))) == 1


def test_wrong_methods_are_refused(client):
    assert client.put("/wecom/aibot").status_code == 405
    assert client.delete("/wecom/app").status_code == 405


def test_a_misconfigured_key_stops_start_up_naming_the_setting(demo_db, clock):
    runtime = wecom_runtime(demo_db, clock, aibot_token=TOKEN, aibot_aes_key=KEY[:-1])
    with pytest.raises(RuntimeError, match="WECOM_AIBOT_AES_KEY"):
        create_app(runtime)


def test_without_wecom_settings_no_wecom_route_exists(demo_db, clock):
    client = create_app(wecom_runtime(demo_db, clock)).test_client()
    assert client.get("/wecom/aibot").status_code == 404
    assert client.post("/wecom/app").status_code == 404


# --- parser limits: nesting and encodings (review fixes) -------------------------------------------------

@pytest.mark.parametrize("body", [b"[" * 100_000, b'{"a":' * 50_000, b'{"encrypt": ' + b"[" * 100_000])
def test_deeply_nested_json_is_refused_before_the_signature_check(client, demo_db, body):
    assert client.post("/wecom/aibot", query_string=signed("x"), data=body).status_code == 400
    assert untouched(demo_db)


def test_deeply_nested_json_inside_a_signed_message_is_refused(client, demo_db):
    enc = encrypt(KEY, "[" * 100_000, "")
    response = client.post("/wecom/aibot", query_string=signed(enc), data=json.dumps({"encrypt": enc}))
    assert response.status_code == 400
    assert untouched(demo_db)


UTF16_LAUGHS = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
                "<xml><Encrypt>&lol2;</Encrypt></xml>").encode("utf-16")
EXTERNAL_ENTITY = b'<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><Encrypt>&x;</Encrypt></xml>'


@pytest.mark.parametrize("body", [UTF16_LAUGHS, EXTERNAL_ENTITY])
def test_declarations_hidden_by_another_encoding_are_refused(client, demo_db, body):
    """A byte search for "<!DOCTYPE" misses UTF-16; the parser itself must refuse every DTD."""
    from bot.channels.wecom.app import parse_envelope
    from bot.channels.wecom.callback import MalformedCallback

    with pytest.raises(MalformedCallback, match="DTD"):
        parse_envelope(body)
    response = client.post("/wecom/app", query_string=signed("lollollol"), data=body)
    assert response.status_code == 400 and response.get_json()["error"] == "MalformedCallback"
    assert untouched(demo_db)


def test_deep_xml_within_the_size_limit_is_parsed_not_a_500(client, demo_db):
    depth = 70_000
    body = b"<xml>" + b"<a>" * depth + b"</a>" * depth + b"<Encrypt>abc</Encrypt></xml>"
    assert len(body) < 512 * 1024
    response = client.post("/wecom/app", query_string=signed("abc"), data=body)
    assert response.status_code == 400 and response.get_json()["error"] == "Undecryptable"  # got that far
    assert untouched(demo_db)
