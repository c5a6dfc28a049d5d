"""Issue 5: HTTP-mode callbacks are verified by their `timestamp`/`sign` headers before anything else."""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse

import pytest
from sqlalchemy import func, select

from bot.app import create_app
from bot.channels.dingtalk.sign import WINDOW_MS, Check, robot_send_url, sign, verify_callback
from fake_dingtalk import (
    APP_SECRET,
    millis,
    raw_query,
    robot_callback,
    robot_sign,
    signed_headers,
)
from storage.models import Conversation, Entry, InboundMessage, Outbox


def test_sign_matches_the_independently_computed_value_in_the_research_notes():
    # research/protocols.md §4.1: timestamp 1612172996026, appSecret "this is secret".
    assert sign("1612172996026", "this is secret") == "5KsmZxVIZNCHNIhPjh9cAdMu/cPREvJw2FqZCfsVSdY="


def test_verify_accepts_within_the_hour_either_side_and_refuses_beyond():
    now = 1_800_000_000_000
    for offset in (0, -WINDOW_MS, WINDOW_MS, -59 * 60_000):
        ts = str(now + offset)
        assert verify_callback(ts, sign(ts, "s"), "s", now) is Check.OK
    for offset in (-61 * 60_000, 61 * 60_000):
        ts = str(now + offset)
        assert verify_callback(ts, sign(ts, "s"), "s", now) is Check.STALE


@pytest.mark.parametrize(
    "timestamp, signature, expected",
    [
        (None, "x", Check.MISSING),
        ("1800000000000", None, Check.MISSING),
        ("", "", Check.MISSING),
        ("18e11", "x", Check.MALFORMED),
        ("-1800000000000", "x", Check.MALFORMED),
        ("１８００００００００００００", "x", Check.MALFORMED),  # full-width digits
        ("9" * 40, "x", Check.MALFORMED),
    ],
)
def test_verify_refuses_missing_and_malformed_headers(timestamp, signature, expected):
    assert verify_callback(timestamp, signature, "s", 1_800_000_000_000) is expected
    assert expected.http_status == 401


def test_robot_send_url_appends_an_url_encoded_sign():
    url = robot_send_url("https://oapi.dingtalk.com/robot/send?access_token=abc", "SECsecret", 1612172996026)
    query = raw_query(url)
    assert query["access_token"] == "abc" and query["timestamp"] == "1612172996026"
    expected = sign("1612172996026", "SECsecret")
    assert query["sign"] == urllib.parse.quote_plus(expected)
    assert urllib.parse.unquote_plus(query["sign"]) == expected
    assert robot_send_url("https://x/robot/send?access_token=abc", None, 1) == "https://x/robot/send?access_token=abc"


# --- over HTTP: refused requests reach nothing ------------------------------------------------

def nothing_reached(runtime, fake) -> bool:
    with runtime.db.session() as s:
        rows = [s.scalar(select(func.count(model.id))) for model in (InboundMessage, Outbox, Entry)]
        conversations = s.scalar(select(func.count(Conversation.id)).where(Conversation.platform == "dingtalk"))
    return rows == [0, 0, 0] and conversations <= 1 and fake.received() == []


def post(client, body: dict, headers: dict):
    return client.post("/dingtalk/robot", data=json.dumps(body, ensure_ascii=False).encode(), headers=headers)


def test_a_correct_sign_is_accepted(dt_runtime, fake, group, clock):
    client = create_app(dt_runtime).test_client()
    body = robot_callback("明天开会，3个乡镇参加", "msg-ok", fake.session_webhook("s-ok"), clock.now())
    response = post(client, body, signed_headers(millis(clock.now())))
    assert response.status_code == 200
    assert len(fake.delivered("session")) == 1


def tampered(signature: str) -> str:
    return ("A" if signature[0] != "A" else "B") + signature[1:]


REFUSALS = {
    "wrong secret": (lambda now: signed_headers(now, secret="not-the-app-secret"), 403),
    "tampered sign": (lambda now: {**signed_headers(now), "sign": tampered(signed_headers(now)["sign"])}, 403),
    "61 minutes old": (lambda now: signed_headers(now - 61 * 60_000), 403),
    "61 minutes ahead": (lambda now: signed_headers(now + 61 * 60_000), 403),
    "sign of another timestamp": (
        lambda now: {**signed_headers(now), "sign": robot_sign(str(now - 1), APP_SECRET)}, 403),
    "no headers": (lambda now: {"Content-Type": "application/json"}, 401),
    "no sign": (lambda now: {"timestamp": str(now)}, 401),
    "no timestamp": (lambda now: {"sign": signed_headers(now)["sign"]}, 401),
    "timestamp in seconds text": (lambda now: {**signed_headers(now), "timestamp": "now"}, 401),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_bad_signatures_are_refused_and_reach_nothing(case, dt_runtime, fake, group, clock):
    client = create_app(dt_runtime).test_client()
    make_headers, status = REFUSALS[case]
    body = robot_callback("明天开会，3个乡镇参加", f"msg-{case}", fake.session_webhook("s-bad"), clock.now())
    response = post(client, body, make_headers(millis(clock.now())))
    assert response.status_code == status
    assert nothing_reached(dt_runtime, fake)


def test_the_window_follows_the_injected_clock(dt_runtime, fake, group, clock):
    client = create_app(dt_runtime).test_client()
    signed_at = millis(clock.now())
    clock.advance(dt.timedelta(minutes=61))
    body = robot_callback("明天开会，3个乡镇参加", "msg-late", fake.session_webhook("s-late"), clock.now())
    assert post(client, body, signed_headers(signed_at)).status_code == 403
    assert nothing_reached(dt_runtime, fake)
