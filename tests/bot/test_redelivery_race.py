"""One write per message (issue 17): the claim of a delivery is stored with its answer, so two workers may both
work out a redelivered message; the unique message id lets one of them record it, and the other answers with
that one's stored reply (or empty) — never a second entry."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import func, select

import bot.dispatcher
from bot.channels.console import console_message
from bot.runtime import build
from config.settings import Settings
from storage.models import Entry, InboundMessage


def test_two_workers_racing_for_one_message_record_it_once(demo_db, clock, monkeypatch: pytest.MonkeyPatch):
    workers = [build(Settings(database_url=demo_db.url, scheduler=False), clock=clock, db=demo_db)
               for _ in range(2)]  # two dispatchers: what one process knows is in flight, the other does not
    both_parsed = threading.Barrier(2, timeout=5)
    original = bot.dispatcher.parse

    def parse_together(*args: Any, **kwargs: Any) -> Any:
        both_parsed.wait()  # neither has written anything yet
        return original(*args, **kwargs)

    monkeypatch.setattr(bot.dispatcher, "parse", parse_together)
    with demo_db.session() as session:
        message = console_message(session, "张三", "明天开会，3个乡镇参加", None, "race-1")
    replies: list[Any] = [None, None]

    def deliver(i: int) -> None:
        replies[i] = workers[i].dispatcher.handle(message)

    threads = [threading.Thread(target=deliver, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    [winner] = [r for r in replies if not r.duplicate]
    [loser] = [r for r in replies if r.duplicate]
    assert "已记录" in winner.text
    assert loser.text in ("", winner.text)
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Entry)) == 1
        assert s.execute(select(InboundMessage.status)).scalars().all() == ["done"]


def test_a_failing_handler_is_stored_as_failed_and_answered(runtime, monkeypatch: pytest.MonkeyPatch):
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(bot.dispatcher, "handler_for", lambda _name: broken)
    with runtime.db.session() as session:
        message = console_message(session, "张三", "明天开会，3个乡镇参加", None, "fails-1")
    reply = runtime.dispatcher.handle(message)
    assert reply.text == bot.dispatcher.FAILED_REPLY
    with runtime.db.session() as s:
        assert s.execute(select(InboundMessage.status, InboundMessage.reply)).all() == [("failed", reply.text)]
        assert s.scalar(select(func.count()).select_from(Entry)) == 0


def test_a_record_is_stored_with_the_message_it_came_from(runtime):
    """PostgreSQL stores the message last, with its reply, under the id its entry already refers to (checked at
    commit: migration 0013); SQLite claims it first. Either way the entry points at the stored, answered message."""
    with runtime.db.session() as session:
        message = console_message(session, "张三", "明天开会，3个乡镇参加", None, "stored-with-1")
    reply = runtime.dispatcher.handle(message)
    assert "已记录" in reply.text
    with runtime.db.session() as s:
        [(source, entry_id)] = s.execute(select(Entry.source_message_id, Entry.id)).all()
        stored = s.get(InboundMessage, source)
        assert stored is not None and stored.external_id == "stored-with-1"
        assert (stored.status, stored.reply, stored.reply_data["entry_ids"]) == ("done", reply.text, [entry_id])
