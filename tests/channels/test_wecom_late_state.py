"""Issue 18 #6 and #7: nothing is acknowledged before it is stored, and the "answered late" state is in the
database, so a redelivery to any worker never gets a second answer."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from sqlalchemy import func, select

import bot.channels.wecom.routes as routes
from fake_wecom import app_text_xml
from slow_path import slow_parsing
from storage.models import Entry, Outbox
from suite import is_postgres
from test_wecom_app import CORP, TS, make_app, post

# The reads below open the SQLite file as another process would (and the first test holds its write lock).
pytestmark = pytest.mark.skipif(is_postgres(), reason="SQLite file semantics")


def _rows(db, external_id: str) -> list[tuple[str, object]]:
    """(status, late_at) of the stored deliveries of one message, read as another process would."""
    conn = sqlite3.connect(db.url.removeprefix("sqlite:///"))
    conn.row_factory = sqlite3.Row
    try:
        rows = conn.execute("SELECT * FROM inbound_message WHERE external_id = ?", (external_id,)).fetchall()
        return [(r["status"], dict(r).get("late_at")) for r in rows]
    finally:
        conn.close()


def test_no_empty_answer_before_the_message_is_stored(demo_db, clock):
    """The database is busy past the budget: the answer waits (or is a 503), never an unstored empty 200."""
    made = make_app(demo_db, clock, budget=0.2)
    path = demo_db.url.removeprefix("sqlite:///")
    holder = sqlite3.connect(path, isolation_level=None, timeout=5, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock for a second
    threading.Timer(1.0, lambda: holder.execute("COMMIT")).start()
    try:
        response = post(made.client, app_text_xml(CORP, "zhangsan", "明天开会，3个乡镇参加", 7601, TS))
        rows = _rows(demo_db, "app:7601")  # what a kill -9 right after the answer would leave
        assert response.status_code in (200, 503)
        if response.status_code == 200:
            assert len(rows) == 1, "acknowledged but not stored"
            if not response.data:
                assert rows[0][1] is not None, "answered empty without the late state stored"
    finally:
        made.channel.close()
        holder.close()


def test_late_state_is_committed_before_the_empty_answer(demo_db, clock, monkeypatch):
    made = make_app(demo_db, clock, budget=0.2)
    release = slow_parsing(monkeypatch)
    try:
        response = post(made.client, app_text_xml(CORP, "zhangsan", "明天开会，3个乡镇参加", 7602, TS))
        assert response.status_code == 200 and response.data == b""
        [(status, late_at)] = _rows(demo_db, "app:7602")  # at once, as a crash right after the answer leaves it
        assert status == "processing" and late_at is not None
    finally:
        release.set()
        made.channel.close()
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Outbox)) == 1  # the reply went the late way, once
        assert s.scalar(select(func.count()).select_from(Entry)) == 1


def test_redelivery_racing_a_late_reply_is_answered_empty_by_another_worker(demo_db, clock, monkeypatch):
    """Worker 1 answered empty (late); its reply is being queued when WeCom's retry reaches worker 2."""
    first, second = make_app(demo_db, clock, budget=0.2), make_app(demo_db, clock, budget=3.0)
    release = slow_parsing(monkeypatch)
    queued = threading.Event()
    original_enqueue = routes.enqueue

    def slow_enqueue(*args, **kwargs):  # type: ignore[no-untyped-def]
        queued.wait(0.6)  # the late reply is slow to be queued
        return original_enqueue(*args, **kwargs)

    monkeypatch.setattr(routes, "enqueue", slow_enqueue)
    message = app_text_xml(CORP, "zhangsan", "明天开会，3个乡镇参加", 7603, TS)
    try:
        assert post(first.client, message).data == b""  # past the budget
        release.set()
        time.sleep(0.3)  # the reply is ready and being queued
        retry = post(second.client, message, nonce="retry")
        queued.set()
        assert retry.status_code == 200 and retry.data == b"", "two replies: passive and late"
    finally:
        release.set()
        queued.set()
        first.channel.close()
        second.channel.close()
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Outbox)) == 1
        assert s.scalar(select(func.count()).select_from(Entry)) == 1
