"""Issue 16: the 每月一研判 and 每季一通报 carry one chart, as an extra Outbox item after the complete text.

The digest declares the chart as data; WeCom's group robot gets it as an image message (PNG in base64 with
its md5), against the fake WeCom on 127.0.0.1. A group may switch the image off in chat.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from PIL import Image
from sqlalchemy import select

from bot.channels.wecom.webhook import CHANNEL as WEBHOOK, RATE_LIMIT, WebhookSender
from bot.charts import Chart
from bot.charts import fonts as chart_fonts
from bot.clock import FixedClock
from bot.outbox import OutboxWorker
from bot.push import CHART_SUFFIX
from bot.scheduler import Scheduler, digests, periods
from bot.scheduler.config import load_config
from bot.scheduler.figures import BURDEN, Grid
from bot.scheduler.targets import county_scope
from fake_wecom import FakeWeCom
from sched_support import add_entry, at
from storage import repo
from storage.models import Conversation, Outbox

KEY = "chart-robot-office"
PUSH_DAY = at(2026, 12, 1, 9, 0)  # Tuesday 12-01: the first working day of December, 09:00


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(PUSH_DAY)


@pytest.fixture
def wecom(clock):
    server = FakeWeCom(clock=clock).start()
    yield server
    server.stop()


@pytest.fixture
def office(demo_db):
    """县委办's WeCom group, pushing through robot KEY: it gets the county-wide digests."""
    with demo_db.session() as s:
        conversation = Conversation(platform="wecom", external_id="wrOFFICE", title="县委办工作群",
                                    unit_id=repo.unit_by_name(s, "县委办").id, push_target=KEY)
        s.add(conversation)
        s.flush()
        return conversation.id


def _ledger(db) -> None:
    """November 2026 against November 2025: 5 against 7 (同比 falling, as the seeds report)."""
    add_entry(db, "城关镇", "meeting", "outgoing", dt.date(2026, 11, 10), quantity=3)
    add_entry(db, "青山镇", "document", "outgoing", dt.date(2026, 11, 12), quantity=2)
    add_entry(db, "城关镇", "meeting", "outgoing", dt.date(2025, 11, 10), quantity=4)
    add_entry(db, "青山镇", "document", "outgoing", dt.date(2025, 11, 12), quantity=3)


def _send(db, clock, wecom) -> None:
    worker = OutboxWorker(db, {WEBHOOK: WebhookSender(db, clock, wecom.base_url)}, clock, {WEBHOOK: RATE_LIMIT})
    for _ in range(20):
        worker.run_once()
        clock.advance(dt.timedelta(seconds=5))


def test_the_monthly_push_to_a_wecom_robot_carries_a_png_whose_md5_matches(demo_db, clock, wecom, office):
    _ledger(demo_db)
    Scheduler(demo_db, clock, load_config()).tick(PUSH_DAY)
    _send(demo_db, clock, wecom)

    sent = wecom.webhook[KEY]  # the weekly analysis of the week before (caught up on Tuesday), then the 月报
    assert [s.msgtype for s in sent] == ["markdown", "markdown", "image"]
    assert sent[0].content.startswith("### 每周一分析") and "图表" not in sent[0].content
    assert sent[1].content.startswith("### 每月一研判｜示范县 11月")  # the complete text first, then its chart
    image = sent[2]
    assert image.content == hashlib.md5(image.data).hexdigest()  # the md5 WeCom was given is the picture's
    picture = Image.open(io.BytesIO(image.data))
    assert picture.format == "PNG" and picture.size == (960, 540)
    picture.verify()

    with demo_db.session() as s:
        item = s.scalar(select(Outbox).where(Outbox.dedupe_key.like(f"monthly:2026-11:conv:{office}{CHART_SUFFIX}")))
        assert item is not None and item.status == "sent"
        chart = Chart.from_json(item.payload["chart"])
    assert chart.kind == "trend" and chart.labels[-1] == "11月" and len(chart.labels) == 12
    series = dict(chart.series)
    assert series["本期"][-1] == 5 and series["去年同期"][-1] == 7


def test_the_chart_shows_the_figures_the_digest_counts(demo_db, clock):
    """The chart is drawn from the digest's own Grid: its last month equals the 月报's figures."""
    _ledger(demo_db)
    cfg = load_config()
    occ = periods.current("monthly", PUSH_DAY.date(), "mon", dt.time(9), cfg.calendar)
    with demo_db.session() as s:
        scope = county_scope(s)
        digest = digests.build(s, occ, scope, cfg)
        totals = Grid(s, list(scope.unit_ids), occ.start, occ.end, "yoy", BURDEN).totals()
    assert digest.chart is not None
    series = dict(digest.chart.series)
    assert series["本期"][-1] == sum(t.value for t in totals.values()) == 5
    assert "召开会议3次（同比下降25％）" in digest.text() and "发文2件" in digest.text()


def test_the_quarterly_bulletin_compares_the_units(demo_db, clock):
    add_entry(demo_db, "城关镇", "meeting", "outgoing", dt.date(2026, 8, 10), quantity=3)
    add_entry(demo_db, "县教育局", "document", "outgoing", dt.date(2026, 9, 2), quantity=2)
    cfg = load_config()
    occ = periods.current("quarterly", dt.date(2026, 10, 9), "mon", dt.time(9), cfg.calendar)
    with demo_db.session() as s:
        digest = digests.build(s, occ, county_scope(s), cfg)
    assert digest.chart is not None and digest.chart.kind == "bar"
    bars = dict(zip(digest.chart.labels, dict(digest.chart.series)["本期"], strict=True))
    assert bars == {"城关镇": 3, "县教育局": 2}  # units with nothing in either year are left out
    assert "第1名 城关镇 3" in digest.text()


def test_a_group_that_switched_the_image_off_gets_the_text_alone(demo_db, clock, wecom, office, say):
    _ledger(demo_db)
    refused = say("关闭推送图表", user="张三")  # a member may not change the group's pushes
    assert refused.intent == "refused"
    assert "不再附图表图片" in say("关闭推送图表", user="李四").text  # 城关镇's manager, in its group
    assert "已不附图表图片" in say("推送不带图片", user="李四").text
    with demo_db.session() as s:  # 县委办's robot group: switched off by the admin
        group = s.get(Conversation, office)
        group.subscriptions = {"charts": {"enabled": False}}
    Scheduler(demo_db, clock, load_config()).tick(PUSH_DAY)
    _send(demo_db, clock, wecom)
    assert [s.msgtype for s in wecom.webhook[KEY]] == ["markdown", "markdown"]
    with demo_db.session() as s:
        keys = list(s.scalars(select(Outbox.dedupe_key).where(Outbox.dedupe_key.like("monthly:%"))))
        chengguan = s.scalar(select(Conversation.id).where(Conversation.platform == "console",
                                                         Conversation.external_id == "城关镇"))
    assert f"monthly:2026-11:conv:{chengguan}" in keys and f"monthly:2026-11:conv:{chengguan}{CHART_SUFFIX}" not in keys
    assert "将在文字之后附一张图表图片" in say("开启推送图表", user="李四").text
    assert "月报、季报附图表" in say("本群订阅了哪些推送", user="张三").text


def test_without_a_cjk_font_the_image_fails_clearly_and_the_text_still_goes(demo_db, clock, wecom, office, monkeypatch):
    _ledger(demo_db)
    monkeypatch.setattr(chart_fonts, "_candidates", lambda: [])
    chart_fonts.cjk_font_file.cache_clear()
    chart_fonts.cjk_font.cache_clear()
    try:
        Scheduler(demo_db, clock, load_config()).tick(PUSH_DAY)
        _send(demo_db, clock, wecom)
    finally:
        chart_fonts.cjk_font_file.cache_clear()
        chart_fonts.cjk_font.cache_clear()
    assert [s.msgtype for s in wecom.webhook[KEY]] == ["markdown", "markdown"]
    with demo_db.session() as s:
        item = s.scalar(select(Outbox).where(Outbox.dedupe_key == f"monthly:2026-11:conv:{office}{CHART_SUFFIX}"))
        assert item is not None and item.status == "dead" and "fonts-wqy-microhei" in (item.last_error or "")
