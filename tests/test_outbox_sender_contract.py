"""The Outbox sender contract: a sender gets the row the worker claimed and returns what it left unsent;
the worker queues that rest next in line for the target. A push given up is recorded for the admins
(the production worker's on_dead)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from bot.background import outbox_worker
from bot.outbox import Claimed, DeliveryError, OutboxWorker, enqueue
from bot.push import PUSH_DEAD
from storage.models import Notification, Outbox


class Chunking:
    """Sends at most `size` characters of payload["text"] per message; hands the rest back."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.claimed: list[Claimed] = []
        self.messages: list[tuple[str, str]] = []
        self.fail_next = False

    def send(self, push: Claimed) -> dict[str, Any] | None:
        self.claimed.append(push)
        if self.fail_next:
            self.fail_next = False
            raise DeliveryError("busy")
        text = str(push.payload["text"])
        self.messages.append((push.target, text[: self.size]))
        rest = text[self.size:]
        return {"text": rest} if rest else None


def test_the_rest_a_sender_hands_back_is_queued_next_in_line(db, clock):
    sender = Chunking(size=3)
    with db.session() as s:
        enqueue(s, "t", "group", {"text": "一二三四五六七"}, "digest", now=clock.now())
        enqueue(s, "t", "group", {"text": "后来的"}, "later", now=clock.now())  # the same moment
    OutboxWorker(db, {"t": sender}, clock, owner="test").run_once()

    assert sender.messages == [("group", "一二三"), ("group", "四五六"), ("group", "七"), ("group", "后来的")]
    first = sender.claimed[0]
    assert (first.channel, first.target, first.dedupe_key, first.part) == ("t", "group", "digest", 1)
    assert [c.part for c in sender.claimed[:3]] == [1, 2, 3]
    with db.session() as s:
        rows = s.scalars(select(Outbox).order_by(Outbox.created_at, Outbox.id)).all()
        assert [(r.dedupe_key, r.status) for r in rows] == [
            ("digest#p3", "sent"), ("digest#p2", "sent"), ("digest", "sent"), ("later", "sent")]
        assert rows[0].payload == {"text": "七", "_root": "digest", "_part": 3}


def test_a_failing_part_is_retried_alone(db, clock):
    sender = Chunking(size=2)
    with db.session() as s:
        enqueue(s, "t", "group", {"text": "甲乙丙丁"}, "k", now=clock.now())
    worker = OutboxWorker(db, {"t": sender}, clock, owner="test")
    assert worker.run_once(max_rounds=1) == 1  # part 1 sent, the rest queued
    sender.fail_next = True
    assert worker.run_once() == 0  # part 2 fails: it waits, part 1 is not sent again
    clock.advance(dt.timedelta(minutes=5))
    worker.run_once()
    assert sender.messages == [("group", "甲乙"), ("group", "丙丁")]


class Refusing:
    def send(self, push: Claimed) -> None:
        raise DeliveryError("robot removed", permanent=True)


def test_the_production_worker_records_a_push_it_gives_up(runtime, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with runtime.db.session() as s:
        row = enqueue(s, "console", "城关镇", {"title": "每周一分析", "text": "x"}, "weekly:1", now=runtime.clock.now())
        row_id = row.id
    worker = outbox_worker(runtime)
    worker.senders["console"] = Refusing()
    worker.run_once()
    with runtime.db.session() as s:
        assert s.get(Outbox, row_id).status == "dead"
        [note] = s.scalars(select(Notification).where(Notification.kind == PUSH_DEAD))
        assert note.dedupe_key == f"push-dead:{row_id}" and note.at == runtime.clock.now()
        assert "每周一分析" in note.text and "weekly:1" in note.text and "robot removed" in note.text
