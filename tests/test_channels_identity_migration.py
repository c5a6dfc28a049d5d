"""Member accounts live in one table, member_identity (migration 0005): upgrading a database that has
members moves their per-platform columns into it, downgrading moves them back; org files keep working
with the old per-platform keys and take `ids: {platform: account}`."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from storage import repo
from storage.db import Database
from storage.migrate import alembic_config, upgrade
from storage.models import Member, MemberIdentity
from storage.seed import OrgFileError, load_org

BEFORE = "0004_inbound_chat"
STAMP = "2026-11-01 00:00:00"


@pytest.fixture
def old_db(tmp_path) -> Database:
    """A SQLite database at 0004 holding members with accounts, and rows that refer to the members."""
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(db, BEFORE)
    with db.engine.begin() as c:
        c.execute(text("INSERT INTO unit (id, name, aliases, level, active, created_at) "
                       f"VALUES (1, '县委办', '[]', 'county', 1, '{STAMP}'), (2, '城关镇', '[]', 'town', 1, '{STAMP}')"))
        c.execute(text(
            "INSERT INTO member (id, unit_id, name, roles, wecom_userid, dingtalk_staff_id, status, created_at) VALUES "
            f"(1, 1, '王五', 'admin', 'wangwu', '0101', 'active', '{STAMP}'),"
            f"(2, 2, '张三', 'member', 'zhangsan', NULL, 'active', '{STAMP}'),"
            f"(3, 2, '李四', 'manager', NULL, '0202', 'active', '{STAMP}'),"
            f"(4, 2, '赵六', 'member', '', NULL, 'pending', '{STAMP}')"
        ))
        c.execute(text("INSERT INTO inbound_message (id, platform, external_id, sender_id, sender_external, text, "
                       "reply_data, status, received_at) "
                       f"VALUES (1, 'wecom', 'm1', 2, 'zhangsan', '明天开会', '{{}}', 'done', '{STAMP}')"))
        c.execute(text("INSERT INTO entry (id, unit_id, kind, direction, occurs_on, quantity, in_scope, status, flags, "
                       "filing_required, source_message_id, created_by, created_at, updated_at) "
                       f"VALUES (1, 2, 'meeting', 'outgoing', '2026-11-02', 1, 1, 'recorded', '[]', 0, 1, 2, "
                       f"'{STAMP}', '{STAMP}')"))
    yield db
    db.dispose()


def accounts(db: Database) -> list[tuple[int, str, str]]:
    with db.engine.connect() as c:
        return [tuple(r) for r in c.execute(text(
            "SELECT member_id, platform, external_id FROM member_identity ORDER BY member_id, platform"))]


def test_upgrade_moves_every_account_into_member_identity(old_db):
    upgrade(old_db)
    assert accounts(old_db) == [(1, "dingtalk", "0101"), (1, "wecom", "wangwu"), (2, "wecom", "zhangsan"),
                                (3, "dingtalk", "0202")]  # 赵六's empty string is no account
    columns = {c["name"] for c in inspect(old_db.engine).get_columns("member")}
    assert "wecom_userid" not in columns and "dingtalk_staff_id" not in columns
    with old_db.session() as s:
        assert repo.member_by_platform_id(s, "wecom", "zhangsan").name == "张三"
        assert repo.member_by_platform_id(s, "dingtalk", "0202").name == "李四"
        assert s.get(Member, 1).account("dingtalk") == "0101"
        # the rows that refer to members survived the rebuild of the member table
        assert s.scalar(text("SELECT created_by FROM entry WHERE id = 1")) == 2
        assert s.scalar(text("SELECT sender_id FROM inbound_message WHERE id = 1")) == 2
        assert s.execute(text("PRAGMA foreign_key_check")).all() == []


def test_an_account_belongs_to_one_member_and_a_member_has_one_per_platform(old_db):
    upgrade(old_db)
    with pytest.raises(IntegrityError), old_db.session() as s:
        s.add(MemberIdentity(member_id=3, platform="wecom", external_id="zhangsan"))
        s.flush()
    with pytest.raises(IntegrityError), old_db.session() as s:
        s.add(MemberIdentity(member_id=2, platform="wecom", external_id="zhangsan_2"))
        s.flush()


def test_downgrade_moves_the_accounts_back(old_db):
    upgrade(old_db)
    with old_db.session() as s:
        repo.add_account(s, s.get(Member, 2), "dingtalk", "0201")
    command.downgrade(alembic_config(old_db), BEFORE)
    assert "member_identity" not in inspect(old_db.engine).get_table_names()
    with old_db.engine.connect() as c:
        rows = c.execute(text("SELECT id, wecom_userid, dingtalk_staff_id FROM member ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [(1, "wangwu", "0101"), (2, "zhangsan", "0201"), (3, None, "0202"),
                                        (4, None, None)]
    upgrade(old_db)  # and up again
    assert (2, "dingtalk", "0201") in accounts(old_db)


ORG = {
    "units": [{"name": "示范县", "level": "county"}, {"name": "城关镇", "level": "town", "parent": "示范县"}],
    "members": [
        {"unit": "城关镇", "name": "旧写法", "wecom_userid": "old_wx", "dingtalk_staff_id": 201},
        {"unit": "城关镇", "name": "新写法", "ids": {"wecom": "new_wx", "feishu": "ou_new"}},
        {"unit": "城关镇", "name": "两种都写", "wecom_userid": "both_wx", "ids": {"wecom": "both_wx", "dingtalk": "0203"}},
    ],
}


def test_org_files_take_ids_and_the_old_per_platform_keys(db):
    with db.session() as s:
        assert load_org(s, ORG).members_added == 3
        found = {m.name: {i.platform: i.external_id for i in m.identities} for m in s.scalars(select(Member))}
    assert found == {
        "旧写法": {"wecom": "old_wx", "dingtalk": "201"},
        "新写法": {"wecom": "new_wx", "feishu": "ou_new"},
        "两种都写": {"wecom": "both_wx", "dingtalk": "0203"},
    }
    with db.session() as s:
        assert load_org(s, ORG).members_added == 0  # loading twice changes nothing


def test_an_org_file_giving_two_accounts_on_one_platform_is_refused(db):
    spec = {"units": ORG["units"], "members": [
        {"unit": "城关镇", "name": "甲", "wecom_userid": "a", "ids": {"wecom": "b"}}]}
    with pytest.raises(OrgFileError, match="members\\[0\\]"), db.session() as s:
        load_org(s, spec)


def test_member_accounts_are_found_whatever_their_platform(db):
    with db.session() as s:
        load_org(s, ORG)
        assert repo.member_by_platform_id(s, "feishu", "ou_new").name == "新写法"
        assert repo.member_by_platform_id(s, "feishu", "new_wx") is None
        assert repo.member_by_platform_id(s, "", "") is None
