"""Issue 5: pushes to DingTalk groups through the Outbox — the custom robot with 加签 and keyword, the
group-message OpenAPI with a shared access token, the 20/min limit, 130101, 310000, outages, and the
fallback of an expired sessionWebhook. The worker runs on the FixedClock: no real waiting."""

from __future__ import annotations

import datetime as dt
import socket
import urllib.parse

import pytest
from sqlalchemy import select

from bot.channels.dingtalk.inbound import DingTalkInbound, reply_key
from bot.channels.dingtalk.payload import parse_callback
from bot.channels.dingtalk.senders import AccessTokens, GroupMessageSender
from bot.clock import TZ, FixedClock
from bot.messages import Reply
from bot.outbox import Claimed, enqueue
from bot.push import Push, push_to_conversation
from fake_dingtalk import (
    GROUP_CID,
    ROBOT_CODE,
    millis,
    raw_query,
    robot_callback,
    robot_sign,
)
from storage.models import Conversation, Member, Notification, Outbox, TokenCache

SECRET = "SECa1b2c3d4e5f6+/=robot"


@pytest.fixture
def clock() -> FixedClock:
    """A Monday morning: group pushes go out only inside the push window, on working days (bot.calendar)."""
    return FixedClock(dt.datetime(2026, 11, 23, 10, 0, tzinfo=TZ))


def configure(runtime, conversation_id: int, target: str | None, secret: str | None = None) -> None:
    with runtime.db.session() as s:
        conversation = s.get(Conversation, conversation_id)
        conversation.push_target = target
        conversation.push_secret = secret


def push(runtime, conversation_id: int, key: str, text: str = "本周台账分析", markdown: str | None = None):
    with runtime.db.session() as s:
        conversation = s.get(Conversation, conversation_id)
        return push_to_conversation(
            s, conversation, Push(title="每周一分析", text=text, markdown=markdown), key,
            now=runtime.clock.now(), channels=runtime.channels,
        )


def rows(runtime) -> list[Outbox]:
    with runtime.db.session() as s:
        return list(s.scalars(select(Outbox).order_by(Outbox.id)))


# --- custom robot ----------------------------------------------------------------------------

def test_custom_robot_push_carries_a_valid_signed_url_and_the_keyword(dt_runtime, fake, group, worker, clock):
    configure(dt_runtime, group, "robot-token-1", SECRET)
    fake.robot_secrets["robot-token-1"] = SECRET
    push(dt_runtime, group, "weekly:1", markdown="### 本周\n- 发文 2 件")

    assert worker.run_once() == 1

    [sent] = fake.delivered("webhook")
    assert sent.args["timestamp"] == str(millis(clock.now()))
    assert sent.args["sign"] == robot_sign(sent.args["timestamp"], SECRET)
    assert sent.body["msgtype"] == "markdown" and sent.body["markdown"]["title"] == "每周一分析"
    assert "减负助手" in sent.body["markdown"]["text"]


def test_the_sign_is_url_encoded_on_the_wire(dt_runtime, fake, group, worker, monkeypatch):
    urls: list[str] = []
    import bot.channels.dingtalk.senders as senders

    real = senders.post_json
    monkeypatch.setattr(senders, "post_json", lambda url, body, headers=None: (urls.append(url), real(url, body, headers))[1])
    configure(dt_runtime, group, "robot-token-1", SECRET)
    fake.robot_secrets["robot-token-1"] = SECRET
    push(dt_runtime, group, "weekly:enc")
    assert worker.run_once() == 1
    query = raw_query(urls[0])
    assert query["sign"] == urllib.parse.quote_plus(urllib.parse.unquote_plus(query["sign"]))
    assert query["sign"].endswith("%3D") and not set("+/=") & set(query["sign"])


def test_a_full_webhook_url_as_target_works_too(dt_runtime, fake, group, worker):
    target = f"{fake.base_url}/robot/send?access_token=robot-token-2"
    configure(dt_runtime, group, target, SECRET)
    fake.robot_secrets["robot-token-2"] = SECRET
    push(dt_runtime, group, "weekly:url", text="减负助手提醒：本周无会日为周四、周五")
    assert worker.run_once() == 1
    [sent] = fake.delivered("webhook")
    assert sent.body["text"]["content"] == "减负助手提醒：本周无会日为周四、周五"  # keyword present: unchanged


def test_rate_limit_holds_the_21st_push_a_minute_and_loses_nothing(dt_runtime, fake, group, worker, clock):
    configure(dt_runtime, group, "robot-busy", SECRET)
    fake.robot_secrets["robot-busy"] = SECRET
    for n in range(25):
        push(dt_runtime, group, f"burst:{n}", text=f"第{n}条")

    assert worker.run_once() == 20
    assert worker.run_once() == 0
    clock.advance(dt.timedelta(seconds=30))
    assert worker.run_once() == 0
    clock.advance(dt.timedelta(seconds=31))
    assert worker.run_once() == 5

    contents = [r.body["text"]["content"] for r in fake.received("webhook")]
    assert contents == [f"【减负助手】第{n}条" for n in range(25)]  # each once, in order
    assert {r.status for r in rows(dt_runtime)} == {"sent"}


def test_130101_backs_off_ten_minutes_then_sends_once(dt_runtime, fake, group, worker, clock):
    configure(dt_runtime, group, "robot-blocked", SECRET)
    fake.robot_secrets["robot-blocked"] = SECRET
    fake.fail("webhook", 200, {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"})
    push(dt_runtime, group, "blocked:1")
    push(dt_runtime, group, "blocked:2")

    assert worker.run_once() == 0
    [first, _second] = rows(dt_runtime)
    assert first.status == "pending" and first.due_at == clock.now() + dt.timedelta(minutes=10)
    assert "130101" in first.last_error
    clock.advance(dt.timedelta(minutes=9, seconds=59))
    assert worker.run_once() == 0  # the second one waits behind the first: order kept
    clock.advance(dt.timedelta(seconds=1))
    assert worker.run_once() == 2
    assert len(fake.received("webhook")) == 3 and len(fake.delivered("webhook")) == 2


def test_an_outage_loses_nothing_and_sends_nothing_twice(dt_runtime, fake, group, worker, clock):
    configure(dt_runtime, group, "robot-outage", SECRET)
    fake.robot_secrets["robot-outage"] = SECRET
    fake.fail("webhook", 503, {"errmsg": "service unavailable"}, times=3)
    for n in range(3):
        push(dt_runtime, group, f"outage:{n}", text=f"第{n}条")

    for _ in range(12):
        worker.run_once()
        clock.advance(dt.timedelta(minutes=2))

    delivered = [r.body["text"]["content"] for r in fake.delivered("webhook")]
    assert delivered == ["【减负助手】第0条", "【减负助手】第1条", "【减负助手】第2条"]
    assert {r.status for r in rows(dt_runtime)} == {"sent"}


def test_an_unreachable_server_is_retried_later(dt_runtime, fake, group, worker, clock):
    with socket.socket() as probe:  # a port nobody listens on: connection refused at once
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    configure(dt_runtime, group, f"http://127.0.0.1:{port}/robot/send?access_token=gone", None)
    push(dt_runtime, group, "unreachable:1")
    assert worker.run_once() == 0
    [row] = rows(dt_runtime)
    assert row.status == "pending" and row.due_at > clock.now() and "网络错误" in row.last_error


def test_310000_disables_the_group_and_notifies(dt_runtime, fake, group, worker, clock):
    configure(dt_runtime, group, "robot-wrong-secret", "SECnot-the-right-one")
    fake.robot_secrets["robot-wrong-secret"] = SECRET
    push(dt_runtime, group, "cfg:1")
    push(dt_runtime, group, "cfg:2")

    assert worker.run_once() == 0
    assert worker.run_once() == 1  # only the admins' notice, to 县委办's console group
    first, second = rows(dt_runtime)[:2]
    assert first.status == "dead" and "310000" in first.last_error
    assert second.status == "dead" and "推送已停用" in second.last_error  # not tried against DingTalk
    assert len(fake.received("webhook")) == 1
    with dt_runtime.db.session() as s:
        conversation = s.get(Conversation, group)
        assert not conversation.push_enabled and "310000" in conversation.push_disabled_reason
        [note] = s.scalars(select(Notification).where(Notification.kind == "push_disabled"))  # one per admin: 王五
        # both pushes given up are on record too (the worker's on_dead), without the robot's token
        dead = s.scalars(select(Notification).where(Notification.kind == "push_dead")).all()
        assert sorted(n.dedupe_key for n in dead) == [f"push-dead:{first.id}", f"push-dead:{second.id}"]
        assert "cfg:1" in dead[0].text and "robot-wrong-secret" not in dead[0].text
        assert note.kind == "push_disabled" and s.get(Member, note.member_id).name == "王五"
        assert note.unit_id == conversation.unit_id and "县委办工作群" in note.text and "310000" in note.text
        [notice] = s.scalars(select(Outbox).where(Outbox.dedupe_key.like("push-disabled:%")))
        assert (notice.channel, notice.target) == ("console", "县委办")  # the admins' unit's console group
    assert push(dt_runtime, group, "cfg:3") is None  # nothing more is queued for this group
    assert len(fake.received("webhook")) == 1


def test_a_keyword_mismatch_is_a_configuration_error_too(dt_runtime, fake, group, worker):
    configure(dt_runtime, group, "robot-keyword", None)
    fake.robot_secrets["robot-keyword"] = ""
    fake.fail("webhook", 200, {"errcode": 310000, "errmsg": "keywords not in content"})
    push(dt_runtime, group, "kw:1")
    worker.run_once()
    row = rows(dt_runtime)[0]
    assert row.status == "dead" and "keywords not in content" in row.last_error


# --- group-message OpenAPI -------------------------------------------------------------------

def test_group_api_push_uses_one_cached_token_across_processes(dt_runtime, fake, group, clock):
    from bot.background import outbox_worker

    with dt_runtime.db.session() as s:
        other = Conversation(platform="dingtalk", external_id="cidOtherGroup==", title="城关镇群")
        s.add(other)
        s.flush()
        other_id = other.id
    push(dt_runtime, group, "api:1", markdown="**本周**发文 2 件")
    push(dt_runtime, other_id, "api:2", text="本周台账分析")

    first, second = outbox_worker(dt_runtime), outbox_worker(dt_runtime)  # two processes' workers
    first.batch = 1
    assert first.run_once(max_rounds=1) == 1
    assert second.run_once() == 1

    assert fake.tokens_issued == 1
    sent = fake.delivered("group")
    assert [r.headers["X-Acs-Dingtalk-Access-Token"] for r in sent] == ["token-1", "token-1"]
    assert sent[0].body["robotCode"] == ROBOT_CODE and sent[0].body["openConversationId"] == GROUP_CID
    assert sent[0].body["msgKey"] == "sampleMarkdown"
    assert sent[1].body["msgKey"] == "sampleText" and '"content": "本周台账分析"' in sent[1].body["msgParam"]
    with dt_runtime.db.session() as s:
        [token] = s.scalars(select(TokenCache))
        assert token.expires_at == clock.now() + dt.timedelta(seconds=7200) - AccessTokens.MARGIN


def test_an_expired_or_refused_token_is_renewed(dt_runtime, fake, group, clock, worker):
    push(dt_runtime, group, "tok:1")
    assert worker.run_once() == 1
    clock.advance(dt.timedelta(hours=2))  # past expireIn minus the margin
    push(dt_runtime, group, "tok:2")
    fake.fail("group", 401, {"code": "InvalidAuthentication", "message": "不合法的access_token"})
    assert worker.run_once() == 1
    assert fake.tokens_issued == 3  # first, expiry, refusal
    assert [r.headers["X-Acs-Dingtalk-Access-Token"] for r in fake.delivered("group")] == ["token-1", "token-3"]


def test_group_api_throttling_and_configuration_errors(dt_runtime, fake, group, clock, worker):
    fake.fail("group", 403, {"code": "Forbidden.AccessDenied.QpsLimitForApi", "message": "qps"})
    push(dt_runtime, group, "thr:1")
    assert worker.run_once() == 0
    [row] = rows(dt_runtime)
    assert row.due_at == clock.now() + dt.timedelta(minutes=10)
    clock.advance(dt.timedelta(minutes=10))
    fake.fail("group", 400, {"code": "bot.stopped", "message": "群机器人已经停用"})
    assert worker.run_once() == 0
    assert rows(dt_runtime)[0].status == "dead"
    with dt_runtime.db.session() as s:
        assert "bot.stopped" in s.get(Conversation, group).push_disabled_reason


def test_wrong_app_credentials_keep_the_push_queued(dt_runtime, fake, group, worker):
    fake.app_secret = "rotated"
    push(dt_runtime, group, "cred:1")
    assert worker.run_once() == 0
    [row] = rows(dt_runtime)
    assert row.status == "pending" and "AppKey" in row.last_error


def test_group_sender_without_robot_code_refuses(dt_runtime, fake, group):
    from dataclasses import replace

    settings = replace(dt_runtime.settings.dingtalk, robot_code="")
    tokens = AccessTokens(dt_runtime.db, dt_runtime.clock, settings)
    sender = GroupMessageSender(dt_runtime.db, dt_runtime.clock, settings, tokens)
    from bot.outbox import DeliveryError

    with pytest.raises(DeliveryError) as caught:
        sender.send(Claimed(0, "dingtalk_group", GROUP_CID, {"title": "t", "text": "x"}, "k", dt_runtime.clock.now()))
    assert caught.value.permanent and fake.received() == []


# --- replies whose sessionWebhook expired --------------------------------------------------------

def reply_later(runtime, fake, clock, expires_in: dt.timedelta, session: str = "s-old") -> None:
    """Queue a reply the way inbound.py does, but let it wait instead of sending at once."""
    body = robot_callback("明天开会", "msgLate==", fake.session_webhook(session), clock.now())
    body["sessionWebhookExpiredTime"] = millis(clock.now() + expires_in)
    callback = parse_callback(body)
    inbound = DingTalkInbound(runtime)
    inbound.deliver_now = lambda row_id: False  # the process died before sending
    inbound.answer(callback, Reply(text="已记录：会议1次"))


def test_an_expired_session_webhook_falls_back_to_the_custom_robot(dt_runtime, fake, group, clock, worker):
    configure(dt_runtime, group, "robot-fallback", SECRET)
    fake.robot_secrets["robot-fallback"] = SECRET
    reply_later(dt_runtime, fake, clock, expires_in=dt.timedelta(minutes=90))
    clock.advance(dt.timedelta(minutes=91))

    # the session row hands over to the group's push path, where the same run sends it
    assert worker.run_once() == 2

    assert fake.received("session") == []
    [sent] = fake.delivered("webhook")
    assert sent.body["text"]["content"] == "@0101 【减负助手】已记录：会议1次"
    assert sent.body["at"]["atUserIds"] == ["0101"]
    keys = [r.dedupe_key for r in rows(dt_runtime)]
    assert keys == [reply_key("msgLate=="), reply_key("msgLate==") + ":fallback"]


def test_a_session_dingtalk_no_longer_knows_falls_back_to_the_group_api(dt_runtime, fake, group, clock, worker):
    reply_later(dt_runtime, fake, clock, expires_in=dt.timedelta(minutes=90), session="s-gone")
    fake.live_sessions.discard("s-gone")  # DingTalk answers 300001
    assert worker.run_once() == 2  # handed over to the group API and sent in the same run
    assert len(fake.received("session")) == 1
    [sent] = fake.delivered("group")
    assert sent.body["openConversationId"] == GROUP_CID and "已记录：会议1次" in sent.body["msgParam"]


def test_an_expired_reply_without_any_push_path_is_dropped_with_the_reason(dt_runtime, fake, group, clock):
    from bot.background import senders
    from bot.outbox import OutboxWorker

    reply_later(dt_runtime, fake, clock, expires_in=dt.timedelta(seconds=10))
    clock.advance(dt.timedelta(minutes=5))
    only_session = {"dingtalk_session": senders(dt_runtime)["dingtalk_session"]}
    OutboxWorker(dt_runtime.db, only_session, clock).run_once()
    session_row, fallback_row = rows(dt_runtime)
    assert session_row.status == "sent"  # handed over …
    assert (fallback_row.channel, fallback_row.target) == ("dingtalk_group", GROUP_CID)  # … robotCode is set
    with dt_runtime.db.session() as s:
        s.get(Conversation, group).push_enabled = False
        enqueue(s, "dingtalk_session", "https://gone", {"text": "x", "conversation_id": GROUP_CID,
                "expires_at": 1, "reply_key": "k"}, "k", now=clock.now())
    OutboxWorker(dt_runtime.db, only_session, clock).run_once()
    dead = rows(dt_runtime)[-1]
    assert dead.status == "dead" and "未配置推送途径" in dead.last_error
