"""Issue 4: pushes to WeCom through the Outbox against a fake WeCom on 127.0.0.1, time driven by the FixedClock.

Nothing here waits for real: the OutboxWorker runs, the clock advances, the fake WeCom judges the
20-per-minute limit and the byte limits by the same clock.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from bot.background import rate_limits
from bot.channels.wecom.appmsg import CHANNEL as APP, AccessTokens, AppMessageSender
from bot.channels.wecom.response_url import CHANNEL as RESPONSE_URL, ResponseUrlSender, late_payload
from bot.channels.wecom.webhook import CHANNEL as WEBHOOK, RATE_LIMIT, WebhookSender
from bot.channels.registry import Channels
from bot.clock import TZ, FixedClock
from bot.outbox import Claimed, DeliveryError, OutboxWorker, enqueue
from bot.push import Push, push_to_conversation
from config.settings import WeComSettings
from fake_wecom import FakeWeCom
from storage import repo
from storage.models import Conversation, Notification, Outbox, TokenCache

KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
STEP = dt.timedelta(seconds=5)  # the background worker's interval
MARKER = re.compile(r"\n（\d+/\d+）$")


@pytest.fixture
def clock() -> FixedClock:
    """A Monday morning: group pushes go out only inside the push window, on working days (bot.calendar)."""
    return FixedClock(dt.datetime(2026, 11, 23, 10, 0, tzinfo=TZ))


@pytest.fixture
def fake(clock):
    server = FakeWeCom(clock=clock).start()
    yield server
    server.stop()


@pytest.fixture
def group(demo_db):
    """城关镇's WeCom group, pushing through robot KEY."""
    with demo_db.session() as s:
        conversation = Conversation(platform="wecom", external_id="wrCHENGGUAN", title="城关镇工作群",
                                    unit_id=repo.unit_by_name(s, "城关镇").id, push_target=KEY)
        s.add(conversation)
        s.flush()
        return conversation.id


def webhook_worker(db, clock, fake) -> OutboxWorker:
    return OutboxWorker(db, {WEBHOOK: WebhookSender(db, clock, fake.base_url)}, clock, {WEBHOOK: RATE_LIMIT})


def push(db, clock, conversation_id: int, key: str, text: str, markdown: str | None = None,
         mention: list[str] | None = None) -> None:
    with db.session() as s:
        conversation = s.get(Conversation, conversation_id)
        assert push_to_conversation(s, conversation, Push(title="周报", text=text, markdown=markdown,
                                                          mention=mention or []),
                                    dedupe_key=key, now=clock.now(), channels=Channels()) is not None


def drive(worker: OutboxWorker, clock, until: dt.timedelta, step: dt.timedelta = STEP) -> None:
    """Run the worker every `step` of simulated time until nothing is pending or `until` has passed."""
    end = clock.now() + until
    while clock.now() < end:
        worker.run_once()
        if worker.pending() == 0:
            return
        clock.advance(step)


def statuses(db) -> dict[str, int]:
    with db.session() as s:
        return dict(s.execute(select(Outbox.status, func.count(Outbox.id)).group_by(Outbox.status)).all())


def contents(fake, key: str = KEY) -> list[str]:
    return [sent.content for sent in fake.webhook[key]]


# --- rate limit, 45009, outage ----------------------------------------------------------------------

def test_rate_limit_holds_at_twenty_a_minute_per_robot_key(demo_db, clock, fake, group):
    for i in range(45):
        push(demo_db, clock, group, f"burst-{i}", f"第{i}条提醒")
    start = clock.now()
    drive(webhook_worker(demo_db, clock, fake), clock, dt.timedelta(minutes=10))
    assert contents(fake) == [f"第{i}条提醒" for i in range(45)]  # all, once each, in order
    assert fake.max_in_any_minute(KEY) <= 20
    assert fake.rate_rejections == 0  # WeCom never had to refuse one
    assert clock.now() - start >= dt.timedelta(minutes=2)  # 45 messages need three minutes' windows
    assert statuses(demo_db) == {"sent": 45}


def test_background_wiring_limits_the_webhook_and_the_app_api():
    limits = rate_limits()
    assert limits[WEBHOOK].count == 20 and limits[WEBHOOK].window == dt.timedelta(minutes=1)
    assert limits[APP].count == 30


def test_45009_backs_off_and_retries_losing_nothing_and_sending_nothing_twice(demo_db, clock, fake, group):
    fake.force(KEY, 45009, 45009, 45009)
    for i in range(3):
        push(demo_db, clock, group, f"freq-{i}", f"通知{i}")
    worker = webhook_worker(demo_db, clock, fake)
    worker.run_once()
    with demo_db.session() as s:
        first = s.scalars(select(Outbox).order_by(Outbox.id)).first()
        assert first.status == "pending" and "45009" in first.last_error
        assert first.due_at >= clock.now() + dt.timedelta(seconds=59)  # waits a minute, not a tight loop
    drive(worker, clock, dt.timedelta(minutes=10))
    assert contents(fake) == ["通知0", "通知1", "通知2"]
    assert statuses(demo_db) == {"sent": 3}


def test_an_hour_long_outage_and_a_restart_lose_nothing_and_send_nothing_twice(demo_db, clock, fake, group):
    fake.down = True
    for i in range(5):
        push(demo_db, clock, group, f"outage-{i}", f"分析{i}")
    drive(webhook_worker(demo_db, clock, fake), clock, dt.timedelta(hours=1), step=dt.timedelta(seconds=30))
    assert contents(fake) == [] and statuses(demo_db) == {"pending": 5}
    assert fake.calls <= 15  # backed off (up to 10 minutes), not hammering a dead server
    fake.down = False
    restarted = webhook_worker(demo_db, clock, fake)  # a new process after a restart
    drive(restarted, clock, dt.timedelta(minutes=15))
    assert contents(fake) == [f"分析{i}" for i in range(5)]
    assert statuses(demo_db) == {"sent": 5}


def test_a_push_claimed_by_a_crashed_worker_is_taken_over_after_its_lease(demo_db, clock, fake, group):
    push(demo_db, clock, group, "lease", "租约测试")
    with demo_db.session() as s:  # a worker claimed it and died before sending
        row = s.scalars(select(Outbox)).one()
        row.locked_until, row.lock_owner = clock.now() + dt.timedelta(seconds=60), "dead-host:1"
    worker = webhook_worker(demo_db, clock, fake)
    assert worker.run_once() == 0
    clock.advance(dt.timedelta(seconds=61))
    assert worker.run_once() == 1 and contents(fake) == ["租约测试"]


# --- long digests -----------------------------------------------------------------------------------

def digest(lines: int) -> str:
    rows = [f"- **{unit}**：本周召开会议{i}次，印发文件{i % 7}件，接受督查检查{i % 3}次"
            for i, unit in ((i, ("城关镇", "青山镇", "白沙乡", "河口镇")[i % 4]) for i in range(lines))]
    return "## 减负周报（11月第4周）\n" + "\n".join(rows)


def reassembled(parts: list[str]) -> str:
    return "\n".join(MARKER.sub("", p) for p in parts)


def test_long_markdown_digest_is_split_at_lines_within_4096_bytes(demo_db, clock, fake, group):
    text = digest(260)
    assert len(text.encode()) > 3 * 4096
    push(demo_db, clock, group, "digest", text="纯文本版", markdown=text)
    drive(webhook_worker(demo_db, clock, fake), clock, dt.timedelta(minutes=5))
    sent = fake.webhook[KEY]
    assert len(sent) >= 4 and all(s.msgtype == "markdown" for s in sent)
    assert all(len(s.content.encode()) <= 4096 for s in sent)
    assert [MARKER.search(s.content).group() for s in sent] == [f"\n（{i}/{len(sent)}）" for i in
                                                                 range(1, len(sent) + 1)]
    assert reassembled([s.content for s in sent]) == text  # whole lines, every one once, in order
    assert statuses(demo_db) == {"sent": len(sent)}  # one Outbox row per WeCom message


def test_long_text_with_a_mention_is_split_within_2048_bytes_on_utf8_boundaries(demo_db, clock, fake, group):
    text = "请各乡镇核对台账：" + "减" * 1500 + "\n" + "负" * 10  # one line of 4500+ bytes
    push(demo_db, clock, group, "long-text", text, markdown="**不用**", mention=["zhangsan"])
    drive(webhook_worker(demo_db, clock, fake), clock, dt.timedelta(minutes=5))
    sent = fake.webhook[KEY]
    assert all(s.msgtype == "text" for s in sent)  # mentioned_list only works on text
    assert all(len(s.content.encode()) <= 2048 for s in sent) and len(sent) == 3
    assert [s.mentioned for s in sent] == [["zhangsan"], [], []]
    assert "".join(MARKER.sub("", s.content) for s in sent) == text  # cut between characters, none lost


def test_40058_splits_smaller_until_wecom_accepts(demo_db, clock, fake, group):
    fake.markdown_max = 1500  # WeCom counting stricter than documented
    text = digest(60)
    push(demo_db, clock, group, "strict", text="x", markdown=text)
    drive(webhook_worker(demo_db, clock, fake), clock, dt.timedelta(minutes=5))
    sent = contents(fake)
    assert sent and all(len(s.encode()) <= 1500 for s in sent)
    assert reassembled(sent) == text
    assert statuses(demo_db) == {"sent": len(sent)}


def test_45009_on_a_later_part_does_not_resend_earlier_parts(demo_db, clock, fake, group):
    text = digest(120)
    push(demo_db, clock, group, "parted", text="x", markdown=text)
    worker = webhook_worker(demo_db, clock, fake)
    worker.run_once(max_rounds=1)
    assert len(fake.webhook[KEY]) == 1
    fake.force(KEY, 45009)
    drive(worker, clock, dt.timedelta(minutes=5))
    sent = contents(fake)
    assert len(sent) == len(set(sent)) and reassembled(sent) == text


def test_parts_of_a_digest_stay_ahead_of_later_pushes(demo_db, clock, fake, group):
    text = digest(120)
    push(demo_db, clock, group, "first", text="x", markdown=text)
    push(demo_db, clock, group, "second", "随后的提醒")
    drive(webhook_worker(demo_db, clock, fake), clock, dt.timedelta(minutes=5))
    sent = contents(fake)
    assert sent[-1] == "随后的提醒" and reassembled(sent[:-1]) == text


# --- 93000: the robot is gone -------------------------------------------------------------------------

def test_93000_disables_the_target_marks_the_push_dead_and_tells_the_admins(demo_db, clock, fake, group):
    fake.removed_keys.add(KEY)
    push(demo_db, clock, group, "gone-1", "周报一")
    push(demo_db, clock, group, "gone-2", "周报二")
    worker = webhook_worker(demo_db, clock, fake)
    drive(worker, clock, dt.timedelta(minutes=2))
    assert fake.calls == 1  # the second push is not even tried against a removed robot
    with demo_db.session() as s:
        conversation = s.get(Conversation, group)
        assert conversation.push_enabled is False and "93000" in conversation.push_disabled_reason
        dead = s.scalars(select(Outbox).where(Outbox.channel == WEBHOOK)).all()
        assert [r.status for r in dead] == ["dead", "dead"]
        notes = s.scalars(select(Notification)).all()
        assert [n.member_id for n in notes] == [repo.members_named(s, "王五")[0].id]
        assert notes[0].kind == "push_disabled" and "城关镇工作群" in notes[0].text
        told = s.scalars(select(Outbox).where(Outbox.channel == "console")).all()
        assert [r.target for r in told] == ["县委办"] and "推送已暂停" in told[0].payload["text"]
        # new pushes to the disabled group are not queued at all
        assert push_to_conversation(s, conversation, Push(title="t", text="x"), "after", now=clock.now(),
                                    channels=Channels()) is None


def test_a_target_that_is_not_a_robot_key_is_refused_permanently(demo_db, clock, fake):
    sender = WebhookSender(demo_db, clock, fake.base_url)
    with pytest.raises(DeliveryError) as refused:
        sender.send(Claimed(0, WEBHOOK, "https://evil.example/?x=1", {"title": "t", "text": "x"}, "k", clock.now()))
    assert refused.value.permanent and fake.calls == 0


def test_a_webhook_url_target_is_sent_to_the_configured_host_with_its_key(demo_db, clock, fake):
    sender = WebhookSender(demo_db, clock, fake.base_url)
    sender.send(Claimed(0, WEBHOOK, f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={KEY}",
                        {"title": "t", "text": "直接发送"}, "k", clock.now()))
    assert contents(fake) == ["直接发送"]


# --- app message API and its shared token ----------------------------------------------------------------

def app_settings(fake, secret: str = "fake-secret") -> WeComSettings:
    return WeComSettings(corp_id=fake.corp_id, app_secret=secret, agent_id="1000002", api_base=fake.base_url)


def app_push(db, clock, key: str, target: str, text: str) -> None:
    with db.session() as s:
        enqueue(s, APP, target, Push(title="提醒", text=text).payload(), key, now=clock.now())


def test_access_token_is_cached_in_the_database_and_shared_by_processes(demo_db, clock, fake):
    web = OutboxWorker(demo_db, {APP: AppMessageSender(demo_db, clock, app_settings(fake))}, clock)
    other = OutboxWorker(demo_db, {APP: AppMessageSender(demo_db, clock, app_settings(fake))}, clock)
    app_push(demo_db, clock, "a1", "user:zhangsan", "一")
    web.run_once()
    app_push(demo_db, clock, "a2", "user:lisi", "二")
    other.run_once()
    assert [m["touser"] for m in fake.app_messages] == ["zhangsan", "lisi"]
    assert fake.token_fetches == 1
    with demo_db.session() as s:
        cached = s.scalars(select(TokenCache)).one()
        assert cached.value in fake.tokens
        assert cached.expires_at == clock.now() + dt.timedelta(seconds=7200 - 300)


def test_token_is_refreshed_on_expiry_40014_and_42001(demo_db, clock, fake):
    worker = OutboxWorker(demo_db, {APP: AppMessageSender(demo_db, clock, app_settings(fake))}, clock)
    app_push(demo_db, clock, "t1", "user:zhangsan", "一")
    worker.run_once()
    clock.advance(dt.timedelta(hours=2))  # past our cached expiry: fetched anew before use
    app_push(demo_db, clock, "t2", "user:zhangsan", "二")
    worker.run_once()
    assert fake.token_fetches == 2
    fake.invalidate_tokens()  # WeCom dropped it early: 40014, refresh, retry once
    app_push(demo_db, clock, "t3", "user:zhangsan", "三")
    worker.run_once()
    assert fake.token_fetches == 3
    for token in fake.tokens:  # WeCom says expired (42001) before our cache does
        fake.tokens[token] = clock.now() - dt.timedelta(seconds=1)
    app_push(demo_db, clock, "t4", "user:zhangsan", "四")
    worker.run_once()
    assert fake.token_fetches == 4
    assert [m["text"]["content"] for m in fake.app_messages] == ["一", "二", "三", "四"]
    assert statuses(demo_db) == {"sent": 4}


def test_invalidating_keeps_a_token_another_process_just_fetched(demo_db, clock, fake):
    tokens = AccessTokens(demo_db, clock, app_settings(fake), FakeSession())
    with demo_db.session() as s:
        s.add(TokenCache(name=tokens.name, value="fresh", expires_at=clock.now() + dt.timedelta(hours=1)))
    tokens.invalidate("stale-one")
    assert tokens.get() == "fresh"


class FakeSession:
    def request(self, *args, **kwargs):  # pragma: no cover - must not be called
        raise AssertionError("no HTTP expected")


def test_wrong_secret_keeps_the_push_waiting_until_it_is_fixed(demo_db, clock, fake):
    app_push(demo_db, clock, "s1", "user:zhangsan", "等待")
    broken = OutboxWorker(demo_db, {APP: AppMessageSender(demo_db, clock, app_settings(fake, "wrong"))}, clock)
    drive(broken, clock, dt.timedelta(minutes=30), step=dt.timedelta(minutes=1))
    assert statuses(demo_db) == {"pending": 1} and fake.app_messages == []
    fixed = OutboxWorker(demo_db, {APP: AppMessageSender(demo_db, clock, app_settings(fake))}, clock)
    drive(fixed, clock, dt.timedelta(minutes=15))
    assert [m["text"]["content"] for m in fake.app_messages] == ["等待"]


def test_app_chat_target_uses_appchat_send(demo_db, clock, fake):
    app_push(demo_db, clock, "c1", "chat:wrAPPCHAT", "群消息")
    OutboxWorker(demo_db, {APP: AppMessageSender(demo_db, clock, app_settings(fake))}, clock).run_once()
    assert fake.app_messages == [{"path": "/cgi-bin/appchat/send", "chatid": "wrAPPCHAT", "msgtype": "text",
                                  "text": {"content": "群消息"}, "safe": 0}]


# --- response_url --------------------------------------------------------------------------------------

def test_response_url_is_used_once_and_only_on_the_wecom_host(demo_db, clock, fake):
    url = fake.response_url("abc")
    with demo_db.session() as s:
        enqueue(s, RESPONSE_URL, url, late_payload("已记录 #1", clock.now()), "late-1", now=clock.now())
        enqueue(s, RESPONSE_URL, "https://evil.example/steal", late_payload("x", clock.now()), "late-2",
                now=clock.now())
    worker = OutboxWorker(demo_db, {RESPONSE_URL: ResponseUrlSender(clock, fake.base_url)}, clock)
    drive(worker, clock, dt.timedelta(minutes=1))
    assert fake.responses["abc"] == [{"msgtype": "markdown", "markdown": {"content": "已记录 #1"}}]
    assert statuses(demo_db) == {"sent": 1, "dead": 1}


def test_response_url_gives_up_when_its_hour_is_over(demo_db, clock, fake):
    fake.down = True
    with demo_db.session() as s:
        enqueue(s, RESPONSE_URL, fake.response_url("late"), late_payload("迟到", clock.now()), "late-3",
                now=clock.now())
    worker = OutboxWorker(demo_db, {RESPONSE_URL: ResponseUrlSender(clock, fake.base_url)}, clock)
    drive(worker, clock, dt.timedelta(hours=2), step=dt.timedelta(minutes=1))
    assert statuses(demo_db) == {"dead": 1}


def test_wecom_push_command_sets_a_new_key_and_re_enables_a_disabled_group(demo_db, clock, fake, group, capsys):
    from bot.cli import main

    fake.removed_keys.add(KEY)
    push(demo_db, clock, group, "before", "旧机器人")
    drive(webhook_worker(demo_db, clock, fake), clock, dt.timedelta(minutes=1))
    new_key = "0f3c2a9e-1111-4bc4-97a0-0ec2sifa5bbb"
    url = f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={new_key}"
    assert main(["wecom-push", "--db", demo_db.url, "--chat", "wrCHENGGUAN", "--key", url]) == 0
    with demo_db.session() as s:
        conversation = s.get(Conversation, group)
        assert (conversation.push_target, conversation.push_enabled) == (new_key, True)
        assert conversation.push_disabled_reason is None
    push(demo_db, clock, group, "after", "新机器人")
    drive(webhook_worker(demo_db, clock, fake), clock, dt.timedelta(minutes=1))
    assert contents(fake, new_key) == ["新机器人"]
    assert main(["wecom-groups", "--db", demo_db.url]) == 0
    listed = capsys.readouterr().out
    assert "wrCHENGGUAN" in listed and "城关镇" in listed and new_key not in listed  # the key stays secret
    assert main(["wecom-push", "--db", demo_db.url, "--chat", "wrX", "--key", "not a key!"]) == 2
