"""Issue 16: a push's chart on DingTalk — a markdown image at the app's signed address when PUBLIC_BASE_URL is
set (GET /charts/<token>.png draws it), else one line pointing to the board. Fake DingTalk on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re

import pytest
from PIL import Image

from bot.app import create_app
from bot.background import outbox_worker
from bot.charts import bar_chart
from bot.clock import TZ, FixedClock
from bot.push import Push, push_to_conversation
from bot.runtime import build
from storage.models import Conversation

BASE = "https://jianfu.example.gov.cn"
IMAGE = re.compile(r"!\[[^\]]*\]\((?P<url>[^)]+)\)")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(dt.datetime(2026, 12, 1, 10, 0, tzinfo=TZ))  # a working day, inside the push window


def _push(runtime, conversation_id: int) -> None:
    chart = bar_chart("示范县 各单位发文", ["城关镇", "青山镇"], {"本期": [3, 2], "去年同期": [4, 3]})
    with runtime.db.session() as s:
        conversation = s.get(Conversation, conversation_id)
        assert push_to_conversation(s, conversation, Push(title="每月一研判", text="全文", markdown="### 全文",
                                                          chart=chart.to_json()),
                                    "monthly:2026-11:conv:test", now=runtime.clock.now(),
                                    channels=runtime.channels) is not None


def test_with_a_public_address_the_chart_is_a_markdown_image_the_app_serves(dt_runtime, fake, group, clock,
                                                                          tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runtime = build(dataclasses.replace(dt_runtime.settings, public_base_url=BASE), clock=clock, db=dt_runtime.db)
    _push(runtime, group)
    outbox_worker(runtime).run_once()

    sent = fake.delivered("group")
    assert [r.body["msgKey"] for r in sent] == ["sampleMarkdown", "sampleMarkdown"]  # the text, then its chart
    assert json.loads(sent[0].body["msgParam"])["text"] == "### 全文"
    shown = json.loads(sent[1].body["msgParam"])
    found = IMAGE.search(shown["text"])
    assert found and found["url"].startswith(f"{BASE}/charts/") and found["url"].endswith(".png")

    client = create_app(runtime).test_client()
    path = found["url"].removeprefix(BASE)
    answer = client.get(path)
    assert answer.status_code == 200 and answer.mimetype == "image/png"
    assert Image.open(io.BytesIO(answer.data)).size == (960, 540)

    token = path.removeprefix("/charts/").removesuffix(".png")
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(f"/charts/{tampered}.png").status_code == 404
    body, _, signature = token.partition(".")
    assert client.get(f"/charts/{body[:-1]}x.{signature}.png").status_code == 404
    clock.advance(dt.timedelta(days=401))
    assert client.get(path).status_code == 410


def test_without_a_public_address_the_chart_is_a_line_to_the_board(dt_runtime, fake, group, worker):
    _push(dt_runtime, group)
    worker.run_once()
    sent = fake.delivered("group")
    assert [r.body["msgKey"] for r in sent] == ["sampleMarkdown", "sampleText"]
    assert "打开看板" in json.loads(sent[1].body["msgParam"])["content"]
