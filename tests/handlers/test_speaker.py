"""The dispatcher tells the parser who speaks: a unit of the org above the sender's, named as the one
acting, is the other party (issue 13, direction and unit) — a town records a county department's visit as
an inspection it received, not as the department's own entry it may not make."""

from __future__ import annotations

from sqlalchemy import select

from conftest import Say
from storage.models import Entry


def test_a_department_visiting_a_town_is_recorded_by_the_town_as_received(runtime, say: Say) -> None:
    reply = say("县教育局督导组明天到，看中小学食堂", user="张三")
    assert reply.intent == "record", reply.text
    with runtime.db.session() as session:
        entry = session.scalars(select(Entry).order_by(Entry.id.desc())).first()
        assert entry is not None
        assert (entry.kind, entry.direction, entry.unit.name, entry.counterpart) == (
            "inspection", "incoming", "城关镇", "县教育局")


def test_the_county_office_still_records_for_a_town(runtime, say: Say) -> None:
    reply = say("代青山镇登记：青山镇昨天开了安全生产会", user="王五")
    assert reply.intent == "record", reply.text
    with runtime.db.session() as session:
        entry = session.scalars(select(Entry).order_by(Entry.id.desc())).first()
        assert entry is not None and (entry.unit.name, entry.direction) == ("青山镇", "outgoing")
