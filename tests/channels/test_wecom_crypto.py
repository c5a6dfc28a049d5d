"""Issue 4: the official WeCom crypto vectors (research/protocols.md §1.5, verbatim) through the real routes.

Replies are checked with the independent implementation in fake_wecom (cryptography directly, not wechatpy).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from sqlalchemy import func, select

from bot.app import create_app
from bot.channels.wecom.crypto import BadSignature, WeComCrypto
from bot.clock import FixedClock
from fake_wecom import decrypt, signature, wecom_runtime
from storage.models import Entry, InboundMessage

# Vector A: official WeCom Python sample (sbzhu/weworkapi_python callback/Sample.py @ 27220fb).
A_TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo"
A_KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt"
A_CORP = "ww1436e0e65a779aee"
A1 = {
    "msg_signature": "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb",
    "timestamp": "1476416373",
    "nonce": "47744683",
    "echostr": "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==",
}
A2 = {
    "msg_signature": "0c3914025cb4b4d68103f6bfc8db550f79dcf48e",
    "timestamp": "1476422779",
    "nonce": "1597212914",
}
A2_BODY = "<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName>\n<Encrypt><![CDATA[Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+]]></Encrypt>\n<AgentID><![CDATA[1000002]]></AgentID>\n</xml>"  # noqa: E501
A3 = {
    "msg_signature": "e3647471e395139e2308c1fa963f2d648a00b90e",
    "timestamp": "1409659813",
    "nonce": "1372623149",
}
A3_BODY = '{ "tousername": "wx5823bf96d3bd56c7", "encrypt": "cjhLUX7UU4yCSelv1vz7T0zT8huF51bAMVWriNvO1FMegHrQZNrtvRxbwf0fUPsFvwqR0U0fgiJNEA5Y30F2MoI2S7vv3EjVQ68C0cjw9frBoUE2Hj0BvFp9h3u6Vbsg4lc1C8AtHdaN8orKuNKkLRLuYEL52R1J3v8olJGZRLnRdVKIivixmX/eQpzgeExtp20jI1HxRP1AAZ6xZoILdqDPO549LO4WeG+685JRUTdiwcY5fjZlqeMxuT4PpMn1X9OWsS7NRj06Wa5E3Tvg4twjWp39KPfOdRte6P1T4JU=", "agentid": 218 }'  # noqa: E501

# Vector B: wechatpy tests/test_crypto.py @ 5b8502e.
B_TOKEN = "123456"
B_KEY = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR"
B_CORP = "wx49f0ab532d5d035a"
B1 = {
    "msg_signature": "dd6b9c95b495b3f7e2901bfbc76c664930ffdb96",
    "timestamp": "1411443780",
    "nonce": "437374425",
    "echostr": "4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==",
}
B2 = {
    "msg_signature": "74d92dfeb87ba7c714f89d98870ae5eb62dff26d",
    "timestamp": "1411525903",
    "nonce": "461056294",
}
B2_ENCRYPT = "RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0="  # noqa: E501
B2_BODY = f"<xml><ToUserName><![CDATA[wx49f0ab532d5d035a]]></ToUserName>\n<Encrypt><![CDATA[{B2_ENCRYPT}]]></Encrypt>\n<AgentID><![CDATA[1]]></AgentID>\n</xml>"  # noqa: E501
B3_PLAINTEXT = """<xml>
<MsgType><![CDATA[text]]></MsgType>
<Content><![CDATA[test]]></Content>
<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>
<ToUserName><![CDATA[messense]]></ToUserName>
<AgentID>1</AgentID>
<CreateTime>1411525903</CreateTime>
</xml>"""
B3_ENCRYPT = "9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3"  # noqa: E501
B3_SIGNATURE = "407518b7649e86ef23978113f92d27afa9296533"


def at(timestamp: str) -> FixedClock:
    return FixedClock(dt.datetime.fromtimestamp(int(timestamp), tz=dt.UTC))


def client_for(db, clock, token: str, key: str, corp: str):
    runtime = wecom_runtime(db, clock, app_token=token, app_aes_key=key, corp_id=corp,
                            aibot_token=token, aibot_aes_key=key)
    return create_app(runtime).test_client()


def inbound(db, external_id: str) -> InboundMessage | None:
    with db.session() as s:
        return s.scalar(select(InboundMessage).where(InboundMessage.external_id == external_id))


def entries(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Entry.id)))


def reply_plaintext(body: bytes, token: str, key: str, receive_id: str) -> ElementTree.Element:
    """Check the reply envelope's signature and decrypt it independently of the bot's wechatpy."""
    envelope = ElementTree.fromstring(body)
    enc = envelope.findtext("Encrypt")
    ts, nonce = envelope.findtext("TimeStamp"), envelope.findtext("Nonce")
    assert envelope.findtext("MsgSignature") == signature(token, ts, nonce, enc)
    plain = decrypt(key, enc)
    assert plain.receive_id == receive_id
    return ElementTree.fromstring(plain.message)


def test_a1_get_handshake_returns_the_exact_plaintext(demo_db):
    client = client_for(demo_db, at(A1["timestamp"]), A_TOKEN, A_KEY, A_CORP)
    response = client.get("/wecom/app", query_string=A1)
    assert response.status_code == 200
    assert response.data == b"1288432023552776189"  # no quotes, BOM or newline


def test_a1_percent_encoded_as_wecom_sends_it_is_decoded_once(demo_db):
    client = client_for(demo_db, at(A1["timestamp"]), A_TOKEN, A_KEY, A_CORP)
    query = "&".join(f"{k}={quote(v, safe='')}" for k, v in A1.items())
    assert "%2B" in query and "%2F" in query and "%3D" in query
    assert client.get(f"/wecom/app?{query}").data == b"1288432023552776189"


def test_a1_on_the_ai_bot_route_is_refused_for_its_corp_receive_id(demo_db):
    """The AI bot's receive id is "": the app's handshake must not verify there (403, not 500)."""
    client = client_for(demo_db, at(A1["timestamp"]), A_TOKEN, A_KEY, A_CORP)
    response = client.get("/wecom/aibot", query_string=A1)
    assert response.status_code == 403


def test_a2_post_decrypts_to_the_expected_message_and_the_reply_decrypts_back(demo_db):
    client = client_for(demo_db, at(A2["timestamp"]), A_TOKEN, A_KEY, A_CORP)
    response = client.post("/wecom/app", query_string=A2, data=A2_BODY.encode(),
                           content_type="text/xml")
    assert response.status_code == 200
    row = inbound(demo_db, "app:1456453720")
    assert row is not None and row.text == "你好" and row.sender_external == "ChenJiaShun"
    reply = reply_plaintext(response.data, A_TOKEN, A_KEY, A_CORP)
    assert reply.findtext("ToUserName") == "ChenJiaShun"
    assert reply.findtext("FromUserName") == A_CORP
    assert reply.findtext("MsgType") == "text"
    assert reply.findtext("AgentID") == "1000002"
    assert "绑定" in reply.findtext("Content")  # ChenJiaShun is nobody we know: told how to bind
    assert entries(demo_db) == 0


def test_a3_json_envelope_with_a_corp_receive_id_is_refused_by_the_ai_bot(demo_db):
    client = client_for(demo_db, at(A3["timestamp"]), A_TOKEN, A_KEY, A_CORP)
    response = client.post("/wecom/aibot", query_string=A3, data=A3_BODY.encode(),
                           content_type="application/json")
    assert response.status_code == 403


def test_b1_get_handshake_and_its_negative_nonce(demo_db):
    client = client_for(demo_db, at(B1["timestamp"]), B_TOKEN, B_KEY, B_CORP)
    assert client.get("/wecom/app", query_string=B1).data == b"5927782489442352469"
    forged = {**B1, "nonce": "437374424"}
    assert client.get("/wecom/app", query_string=forged).status_code == 403


def test_b2_post_decrypts_to_the_expected_message(demo_db):
    client = client_for(demo_db, at(B2["timestamp"]), B_TOKEN, B_KEY, B_CORP)
    response = client.post("/wecom/app", query_string=B2, data=B2_BODY.encode())
    assert response.status_code == 200
    row = inbound(demo_db, "app:4363689963896700987")
    assert row is not None and row.text == "test" and row.sender_external == "messense"
    reply = reply_plaintext(response.data, B_TOKEN, B_KEY, B_CORP)
    assert reply.findtext("ToUserName") == "messense"
    assert reply.findtext("AgentID") == "1"


def test_b3_encrypt_reproduces_the_official_ciphertext_and_signature():
    assert len(B3_PLAINTEXT.encode()) == 247
    crypto = WeComCrypto(B_TOKEN, B_KEY, B_CORP, random_prefix=lambda: "1234567890123456")
    envelope = crypto.encrypt(B3_PLAINTEXT, "461056294", "1411525903")
    assert envelope.encrypt == B3_ENCRYPT
    assert envelope.signature == B3_SIGNATURE
    assert (envelope.timestamp, envelope.nonce) == ("1411525903", "461056294")
    plain = decrypt(B_KEY, envelope.encrypt)
    assert (plain.message, plain.receive_id, plain.random, plain.pad) == (
        B3_PLAINTEXT, B_CORP, b"1234567890123456", 3)


def test_b3_envelope_is_what_the_route_answers_with():
    crypto = WeComCrypto(B_TOKEN, B_KEY, B_CORP, random_prefix=lambda: "1234567890123456")
    root = ElementTree.fromstring(crypto.encrypt(B3_PLAINTEXT, "461056294", "1411525903").as_xml())
    assert root.findtext("Encrypt") == B3_ENCRYPT
    assert root.findtext("MsgSignature") == B3_SIGNATURE
    assert root.findtext("TimeStamp") == "1411525903" and root.findtext("Nonce") == "461056294"


def test_default_random_prefix_differs_between_replies():
    crypto = WeComCrypto(B_TOKEN, B_KEY, B_CORP)
    first = decrypt(B_KEY, crypto.encrypt("x", "1", "1").encrypt).random
    second = decrypt(B_KEY, crypto.encrypt("x", "1", "1").encrypt).random
    assert first != second and len(first) == 16


def test_wrapper_turns_wechatpy_errors_into_typed_refusals():
    crypto = WeComCrypto(B_TOKEN, B_KEY, B_CORP)
    with pytest.raises(BadSignature):
        crypto.verify_url(B1["msg_signature"], B1["timestamp"], "437374424", B1["echostr"])


@pytest.mark.parametrize("key", ["short", "!" * 43, "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1a"])
def test_misconfigured_aes_key_is_refused_at_start_up(key):
    with pytest.raises(ValueError):
        WeComCrypto(B_TOKEN, key, B_CORP)
