"""storage.direct: a statement run straight on the DBAPI cursor reads and writes what the same Core statement run by
SQLAlchemy does — defaults, dates, aware times, JSON, fixed IN lists and ones given per call — and fails as it does."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import bindparam, insert, select
from sqlalchemy.exc import IntegrityError

from storage.db import Database, WriteInReadUnit
from storage.direct import Direct
from storage.models import Conversation, Entry, Unit
from storage.timeutil import utcnow

CONVERSATION = Conversation.__table__
ENTRY = Entry.__table__


def _unit(db: Database) -> int:
    with db.session() as s:
        unit = Unit(name="城关镇", level="town")
        s.add(unit)
        s.flush()
        return unit.id


def test_an_insert_gives_the_columns_it_is_not_given_their_defaults_and_reads_back_as_core_reads(db) -> None:
    unit_id = _unit(db)
    add = Direct(insert(CONVERSATION).returning(CONVERSATION.c.id, CONVERSATION.c.created_at))
    by_key = Direct(select(CONVERSATION).where(CONVERSATION.c.external_id == bindparam("external_id")))
    before = utcnow()
    with db.session() as s:
        new_id, created = add.first(s.connection(), {"platform": "wecom", "external_id": "g1", "unit_id": unit_id,
                                                    "subscriptions": {"weekly": {"enabled": True, "day": "一"}}})
    assert created.tzinfo is not None and created >= before  # the column's Python default, made aware
    with db.read() as s:
        direct = by_key.first(s.connection(), {"external_id": "g1"})
        core = s.connection().execute(select(CONVERSATION).where(CONVERSATION.c.external_id == "g1")).first()
    assert direct == tuple(core) and direct[0] == new_id
    assert direct[CONVERSATION.c.keys().index("subscriptions")] == {"weekly": {"enabled": True, "day": "一"}}
    assert direct[CONVERSATION.c.keys().index("push_enabled")] is True


def test_dates_and_a_fixed_in_list_select_as_core_selects(db) -> None:
    unit_id = _unit(db)
    day = dt.date(2026, 11, 17)
    with db.session() as s:
        for status in ("recorded", "voided"):
            s.add(Entry(unit_id=unit_id, kind="meeting", direction="outgoing", occurs_on=day, status=status))
    counted = (select(ENTRY.c.id, ENTRY.c.occurs_on, ENTRY.c.created_at)
               .where(ENTRY.c.occurs_on == bindparam("day"), Entry.counted()).order_by(ENTRY.c.id))
    with db.read() as s:
        direct = Direct(counted).rows(s.connection(), {"day": day})
        core = [tuple(r) for r in s.connection().execute(counted, {"day": day})]
    assert direct == core and len(direct) == 1 and direct[0][1] == day


def test_a_duplicate_fails_as_sqlalchemys_integrity_error(db) -> None:
    add = Direct(insert(CONVERSATION))
    with db.session() as s:
        add.rows(s.connection(), {"platform": "wecom", "external_id": "g1"})
    with pytest.raises(IntegrityError), db.session() as s:
        add.rows(s.connection(), {"platform": "wecom", "external_id": "g1"})


def test_a_read_unit_refuses_a_direct_write(db) -> None:
    add = Direct(insert(CONVERSATION))
    with pytest.raises(WriteInReadUnit), db.read() as s:
        add.rows(s.connection(), {"platform": "wecom", "external_id": "g1"})
    with db.read() as s:
        assert s.scalar(select(CONVERSATION.c.id)) is None


def test_lists_given_per_call_select_as_core_selects_whatever_their_lengths(db) -> None:
    unit_id = _unit(db)
    days = [dt.date(2026, 11, d) for d in (15, 16, 17)]
    with db.session() as s:
        for day in days:
            for status in ("recorded", "voided"):
                s.add(Entry(unit_id=unit_id, kind="meeting", direction="outgoing", occurs_on=day, status=status))
    counted = (select(ENTRY.c.id, ENTRY.c.occurs_on)
               .where(ENTRY.c.occurs_on.in_(bindparam("days", expanding=True)), Entry.counted(),
                      ENTRY.c.unit_id.in_(bindparam("units", expanding=True)), ENTRY.c.kind == bindparam("kind"))
               .order_by(ENTRY.c.id))
    statement = Direct(counted)
    asked = [(days, [unit_id]), (days[:1], [unit_id, unit_id + 1]), ([], [unit_id]), (days[1:], [unit_id]), (days, [])]
    with db.read() as s:
        for listed, units in asked:
            params = {"days": listed, "units": units, "kind": "meeting"}
            direct = statement.rows(s.connection(), params)
            core = [tuple(r) for r in s.connection().execute(counted, params)]
            assert direct == core
            assert len(direct) == (len(listed) if units else 0)
