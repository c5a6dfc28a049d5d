"""A third platform is one Channel subclass and ONE registry line: a minimal fake Feishu (飞书) is added here
and a message goes through it end to end — webhook → ledger → reply through its own Outbox sender — and
the weekly digest reaches its sender, from the scheduler and from `push-now`. Nothing else is edited: the
member's Feishu account is a member_identity row, the group's push path is the channel's to say."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

import pytest
from flask import Flask, jsonify, request
from sqlalchemy import select

from bot.app import create_app
from bot.background import outbox_worker
from bot.channels import registry
from bot.channels.base import Channel, PushRoute, RenderLimits
from bot.channels.mentions import strip_mentions
from bot.cli import main
from bot.clock import FixedClock
from bot.messages import IncomingMessage
from bot.outbox import Claimed, RateLimit, Sender, enqueue
from bot.runtime import Runtime, build
from bot.scheduler import Scheduler
from bot.scheduler.config import load_config
from config.settings import Settings
from storage import repo
from storage.models import BindRequest, Entry, Member, MemberIdentity, Outbox

if TYPE_CHECKING:
    from bot.channels.registry import Channels

MONDAY_9 = dt.datetime.fromisoformat("2026-11-23T09:00:00+08:00")
CHAT = "oc_chengguan"
HOOK = "https://open.feishu.example/open-apis/bot/v2/hook/chengguan"


class FeishuOutbox:
    """What the fake Feishu received, through the channel's two senders (a process-wide record)."""

    sent: ClassVar[list[tuple[str, str, dict[str, Any]]]] = []
    lock = threading.Lock()


class FeishuSender:
    def __init__(self, channel: str) -> None:
        self.channel = channel

    def send(self, push: Claimed) -> None:
        with FeishuOutbox.lock:
            FeishuOutbox.sent.append((self.channel, push.target, dict(push.payload)))


class FeishuChannel(Channel):
    """Messages arrive at POST /feishu/events; replies go back to the chat, group pushes to its robot."""

    platform = "feishu"
    label = "飞书"
    rate_limits: ClassVar[dict[str, RateLimit]] = {"feishu_bot": RateLimit(5, dt.timedelta(minutes=1))}
    render_limits = RenderLimits(markdown_bytes=30_000, text_bytes=30_000)

    def register_routes(self, app: Flask, runtime: Runtime) -> None:
        @app.post("/feishu/events")
        def feishu_events() -> Any:
            event = request.get_json()
            msg = IncomingMessage(platform=self.platform, message_id=event["message_id"], chat_id=event["chat_id"],
                                  sender_id=event["open_id"], text=strip_mentions(event["text"]))
            reply = runtime.dispatcher.handle(msg)
            with runtime.db.session() as session:
                enqueue(session, "feishu_reply", msg.chat_id, {"title": "减负助手", "text": reply.text},
                        f"feishu:reply:{msg.message_id}", now=runtime.clock.now())
            return jsonify({})

    def push_route(self, conversation: Any) -> PushRoute | None:
        return PushRoute("feishu_bot", conversation.push_target) if conversation.push_target else None

    def senders(self, runtime: Runtime, channels: Channels) -> dict[str, Sender]:
        return {"feishu_reply": FeishuSender("feishu_reply"), "feishu_bot": FeishuSender("feishu_bot")}


@pytest.fixture
def feishu(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str, dict[str, Any]]]]:
    monkeypatch.setattr(registry, "CHANNELS", [*registry.CHANNELS, FeishuChannel])  # the one registry line
    FeishuOutbox.sent.clear()
    yield FeishuOutbox.sent
    FeishuOutbox.sent.clear()


@pytest.fixture
def feishu_runtime(feishu: Any, demo_db: Any, clock: FixedClock, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Runtime:
    monkeypatch.chdir(tmp_path)  # the console channel writes data/pushes.log under the working directory
    runtime = build(Settings(database_url=demo_db.url, scheduler=False), clock=clock, db=demo_db)
    with runtime.db.session() as session:
        zhangsan = repo.members_named(session, "张三")[0]
        repo.add_account(session, zhangsan, "feishu", "ou_zhangsan")  # data, not code: the org file's ids
        assert not isinstance(repo.configure_group_push(session, "feishu", CHAT, HOOK, bind_unit="城关镇"), str)
    return runtime


def post(runtime: Runtime, message_id: str, text: str, open_id: str = "ou_zhangsan") -> None:
    client = create_app(runtime).test_client()
    answer = client.post("/feishu/events", json={"message_id": message_id, "chat_id": CHAT, "open_id": open_id,
                                                 "text": text})
    assert answer.status_code == 200


def test_a_message_on_the_new_platform_is_recorded_and_answered_through_its_sender(feishu_runtime, feishu):
    post(feishu_runtime, "om_1", "@减负助手 昨天开了安全生产会，3个乡镇参加")
    assert outbox_worker(feishu_runtime).run_once() == 1

    with feishu_runtime.db.session() as session:
        [entry] = session.scalars(select(Entry))
        assert (entry.kind, entry.occurs_on, entry.attendees_count) == ("meeting", dt.date(2026, 11, 21), 3)
        assert entry.creator.name == "张三" and entry.unit.name == "城关镇"
        assert entry.raw_text == "昨天开了安全生产会，3个乡镇参加"  # the mention was stripped, by the channel
    [(channel, target, payload)] = feishu
    assert (channel, target) == ("feishu_reply", CHAT)
    assert "已记录" in payload["text"] and f"#{entry.id}" in payload["text"]


def test_an_unknown_account_on_the_new_platform_is_asked_to_bind(feishu_runtime, feishu):
    post(feishu_runtime, "om_2", "明天开会", open_id="ou_stranger")
    outbox_worker(feishu_runtime).run_once()
    assert "绑定" in feishu[0][2]["text"]
    post(feishu_runtime, "om_3", "绑定 城关镇 赵六", open_id="ou_zhaoliu")
    with feishu_runtime.db.session() as session:
        request = session.scalar(select(BindRequest).where(BindRequest.name == "赵六"))
        assert (request.status, request.platform, request.external_id) == ("pending", "feishu", "ou_zhaoliu")
        # the managers are asked in the unit's groups, the Feishu group among them, through its robot
        asked = session.scalars(select(Outbox).where(Outbox.dedupe_key.like(f"bind:{request.id}:%"))).all()
        assert {(r.channel, r.target) for r in asked} == {("console", "城关镇"), ("feishu_bot", HOOK)}
        assert session.scalar(select(Member).where(Member.name == "赵六")) is None  # no member until confirmed
    confirmed = feishu_runtime.dispatcher.handle(IncomingMessage(
        platform="console", message_id="confirm-zhaoliu", chat_id="城关镇", sender_id="李四", text="同意绑定 赵六"))
    assert "绑定生效" in confirmed.text
    with feishu_runtime.db.session() as session:
        identity = session.scalar(select(MemberIdentity).where(MemberIdentity.external_id == "ou_zhaoliu"))
        assert identity is not None and identity.platform == "feishu" and identity.member.name == "赵六"


def test_the_weekly_digest_reaches_the_new_platform_from_the_scheduler(feishu_runtime, feishu):
    post(feishu_runtime, "om_4", "昨天开了安全生产会")
    outbox_worker(feishu_runtime).run_once()
    feishu.clear()

    feishu_runtime.clock.set(MONDAY_9)
    report = Scheduler(feishu_runtime.db, feishu_runtime.clock, load_config(), channels=feishu_runtime.channels).tick()
    with feishu_runtime.db.session() as session:
        group = repo.conversation(session, "feishu", CHAT)
        assert f"weekly:2026-W47:conv:{group.id}" in report.queued
    outbox_worker(feishu_runtime).run_once()
    digests = [(target, payload) for channel, target, payload in feishu if channel == "feishu_bot"]
    assert [target for target, _ in digests] == [HOOK]
    assert digests[0][1]["title"].startswith("每周一分析｜城关镇") and "召开会议1次" in digests[0][1]["text"]


def test_push_now_sends_the_digest_through_the_new_platform(feishu_runtime, feishu, capsys):
    post(feishu_runtime, "om_5", "昨天开了安全生产会")
    outbox_worker(feishu_runtime).run_once()
    feishu.clear()
    assert main(["push-now", "weekly", "--unit", "城关镇", "--db", feishu_runtime.db.url,
                 "--now", MONDAY_9.isoformat()]) == 0
    assert "入队2条，已发送2条" in capsys.readouterr().out  # the console group and the Feishu group
    [(channel, target, payload)] = feishu
    assert (channel, target) == ("feishu_bot", HOOK) and "每周一分析｜城关镇 第47周" in payload["title"]
