"""Issue 18 #10: the URL-verification GET answers only for an echostr that looks like WeCom's (a short
number once decrypted) and never decrypts a body-sized ciphertext: it is no decryption oracle for captured
callbacks or for the bot's own encrypted answers."""

from __future__ import annotations

import json

import pytest

from bot.app import create_app
from fake_wecom import aibot_text, encrypt, signature, wecom_runtime
from suite import NOW

TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo"
KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt"
CORP = "ww1436e0e65a779aee"
TS = int(NOW.timestamp())


@pytest.fixture
def client(demo_db, clock):
    runtime = wecom_runtime(demo_db, clock, aibot_token=TOKEN, aibot_aes_key=KEY, app_token=TOKEN,
                            app_aes_key=KEY, corp_id=CORP)
    return create_app(runtime).test_client()


def handshake(client, path: str, echostr: str):
    query = {"msg_signature": signature(TOKEN, str(TS), "n1", echostr), "timestamp": str(TS), "nonce": "n1",
             "echostr": echostr}
    return client.get(path, query_string=query)


def test_a_real_handshake_still_answers(client) -> None:
    response = handshake(client, "/wecom/aibot", encrypt(KEY, "6241978211935405823", ""))
    assert response.status_code == 200 and response.data == b"6241978211935405823"
    response = handshake(client, "/wecom/app", encrypt(KEY, "5927782489442352469", CORP))
    assert response.status_code == 200 and response.data == b"5927782489442352469"


def test_a_captured_callback_sent_as_echostr_is_not_decrypted(client) -> None:
    captured = encrypt(KEY, json.dumps(aibot_text("m1", "zhangsan", "今天发文1件"), ensure_ascii=False), "")
    response = handshake(client, "/wecom/aibot", captured)
    assert 400 <= response.status_code < 500
    assert b"zhangsan" not in response.data and "发文".encode() not in response.data


@pytest.mark.parametrize("plain", ["今天发文", "abc", "1" * 40, '{"a":1}', "12 34"])
def test_a_short_ciphertext_that_is_no_number_is_refused(client, plain) -> None:
    response = handshake(client, "/wecom/aibot", encrypt(KEY, plain, ""))
    assert 400 <= response.status_code < 500
    assert plain.encode() not in response.data
