"""Issue 18 #3: member text in a group push is words, never markup — on WeCom markdown, DingTalk markdown
(custom robot and sampleMarkdown) and plain text; the bot's own ### and ** still render. Asserted on
the payloads the fake platform servers receive."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from bot.background import outbox_worker
from bot.channels.dingtalk.render import escape_markdown as dingtalk_markdown
from bot.channels.wecom.render import escape_markdown as wecom_markdown
from bot.clock import TZ, FixedClock
from bot.runtime import build
from bot.scheduler import Scheduler
from bot.scheduler.config import load_config
from bot.usertext import OPEN, CLOSE, escape_text
from config.settings import DingTalkSettings, Settings, WeComSettings
from fake_dingtalk import APP_KEY, APP_SECRET, ROBOT_CODE, FakeDingTalk, millis
from fake_wecom import FakeWeCom
from storage import repo
from storage.models import Conversation, Member, Unit

EVIL = '[x](http://a) <@all> **b** <font color="warning">c</font>'
ACTIVE = ("](", "<@", "**b", "<font", "http://", "@all>")  # what would render if the text were markup
SECRET = "SECa1b2c3d4e5f6+/=robot"
KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
MONDAY = dt.datetime(2026, 11, 23, 9, 30, tzinfo=TZ)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(MONDAY)


@pytest.fixture
def servers(clock):
    wecom = FakeWeCom(clock=clock).start()
    ding = FakeDingTalk(APP_KEY, APP_SECRET, now_ms=lambda: millis(clock.now())).start()
    yield wecom, ding
    wecom.stop()
    ding.stop()


@pytest.fixture
def runtime(demo_db, clock, servers, tmp_path, monkeypatch):
    wecom, ding = servers
    ding.robot_secrets["robot-token-1"] = SECRET
    monkeypatch.chdir(tmp_path)
    settings = Settings(database_url=demo_db.url, scheduler=False,
                        wecom=WeComSettings(api_base=wecom.base_url),
                        dingtalk=DingTalkSettings(app_key=APP_KEY, app_secret=APP_SECRET, robot_code=ROBOT_CODE,
                                                  api_base=ding.base_url, oapi_base=ding.base_url))
    return build(settings, clock=clock, db=demo_db)


def _groups(runtime) -> None:
    """城关镇 has a WeCom group (robot KEY), a DingTalk group on a custom robot and one on the group API."""
    with runtime.db.session() as s:
        town = repo.unit_by_name(s, "城关镇").id
        s.add(Conversation(platform="wecom", external_id="wrTOWN", title="城关镇企微群", unit_id=town,
                           push_target=KEY))
        s.add(Conversation(platform="dingtalk", external_id="cidTOWNrobot", title="城关镇钉钉群", unit_id=town,
                           push_target="robot-token-1", push_secret=SECRET))
        s.add(Conversation(platform="dingtalk", external_id="cidTOWNapi", title="城关镇钉钉群2", unit_id=town))


def _entry(runtime, title: str, day: dt.date, status: str) -> int:
    with runtime.db.session() as s:
        zhang = s.scalars(select(Member).where(Member.name == "张三")).one()
        town = s.scalars(select(Unit).where(Unit.name == "城关镇")).one()
        entry = repo.create_entry(s, zhang, unit_id=town.id, kind="meeting", direction="outgoing", title=title,
                                  occurs_on=day, status=status, filing_required=True, raw_text=f"开会《{title}》",
                                  created_by=zhang.id)
        return entry.id


def _received(wecom: FakeWeCom, ding: FakeDingTalk) -> list[str]:
    found = [s.content for s in wecom.webhook[KEY]]
    for request in ding.delivered("webhook"):
        body = request.body
        found.append(body["markdown"]["text"] if body["msgtype"] == "markdown" else body["text"]["content"])
    for request in ding.delivered("group"):
        param = json.loads(request.body["msgParam"])
        found.append(param.get("text") or param.get("content") or "")
    return found


def test_escaping_functions_leave_nothing_that_renders() -> None:
    for escape in (wecom_markdown, dingtalk_markdown):
        shown = escape(EVIL)
        assert not any(a in shown for a in ACTIVE), shown
        assert "x" in shown and "b" in shown and "c" in shown  # the words are still there
    plain = escape_text(EVIL)
    assert "http://" not in plain and "@all" not in plain


def test_weekly_digest_shows_a_markup_title_as_words_on_both_platforms(runtime, servers, clock) -> None:
    wecom, ding = servers
    _groups(runtime)
    _entry(runtime, f"安全生产会{EVIL}", MONDAY.date() + dt.timedelta(days=2), "filed")
    report = Scheduler(runtime.db, clock, load_config(), channels=runtime.channels).tick()
    assert [k for k in report.queued if k.startswith("weekly:")], report.queued
    outbox_worker(runtime).run_once()

    received = _received(wecom, ding)
    digests = [r for r in received if "每周一分析" in r]
    assert len(digests) == 3, received
    for content in digests:
        assert "安全生产会" in content
        assert not any(a in content for a in ACTIVE), content
        assert OPEN not in content and CLOSE not in content
    wecom_digest = wecom.webhook[KEY][0]
    assert wecom_digest.msgtype == "markdown" and wecom_digest.content.startswith("### 每周一分析")  # bot markup stays
    assert "**" in wecom_digest.content


def test_filing_notice_and_reminder_echo_the_original_as_words(runtime, servers, clock, say) -> None:
    wecom, ding = servers
    _groups(runtime)
    with runtime.db.session() as s:  # the approvers (县委办) have a WeCom group too
        s.add(Conversation(platform="wecom", external_id="wrOFFICE", title="县委办企微群",
                           unit_id=repo.unit_by_name(s, "县委办").id, push_target=KEY))
    reply = say(f"报备：11月26日召开《{EVIL}》会议，80人")
    assert reply.intent == "file", reply.text
    clock.set(dt.datetime(2026, 11, 25, 16, 5, tzinfo=TZ))  # the day before: 待审批提醒 and 会前提醒
    Scheduler(runtime.db, clock, load_config(), channels=runtime.channels).tick()
    outbox_worker(runtime).run_once()
    received = _received(wecom, ding)
    notices = [r for r in received if "报备待审批" in r]
    assert notices and all("原文" in n for n in notices), received
    reminders = [r for r in received if "待审批提醒" in r or "会前提醒" in r]
    assert reminders, received
    for content in notices:  # plain text: no markup renders there; links and mentions must not work
        assert "http://" not in content and "@all" not in content, content
    for content in reminders:
        assert not any(a in content for a in ACTIVE), content
    for content in notices + reminders:
        assert OPEN not in content and CLOSE not in content
