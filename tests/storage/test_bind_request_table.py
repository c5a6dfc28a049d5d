"""Issue 15 defects 10 and 11: bind requests are rows of their own (migration 0006 moves the pending member
rows), and a request for a unit without a manager says who confirms it and tells them."""

from __future__ import annotations

import uuid
from pathlib import Path

from alembic import command
from filing_support import pushes
from sqlalchemy import select, text

from bot.usertext import strip
from bot.messages import IncomingMessage, Reply
from storage.db import Database
from storage.migrate import alembic_config, upgrade
from storage.models import Member


def bind_requests():
    from storage.models import BindRequest  # issue 15: the table this file is about

    return BindRequest


def wecom(runtime, body: str, sender: str, chat: str = "wr-chat-1") -> Reply:
    return runtime.dispatcher.handle(IncomingMessage(platform="wecom", message_id=uuid.uuid4().hex, chat_id=chat,
                                                     sender_id=sender, text=body))


def console(runtime, user: str, body: str) -> Reply:
    with runtime.db.session() as s:
        chat = s.scalar(select(Member).where(Member.name == user)).unit.name
    return runtime.dispatcher.handle(IncomingMessage(platform="console", message_id=uuid.uuid4().hex, chat_id=chat,
                                                     sender_id=user, text=body))


# --- defect 11: the table and the migration ---------------------------------------------------------

def test_a_request_is_a_bind_request_row_never_a_member_named_x_bind_request(runtime):
    with runtime.db.session() as s:
        s.execute(text("DELETE FROM member_identity WHERE platform = 'wecom' AND member_id = "
                       "(SELECT id FROM member WHERE name = '李四')"))
    asked = wecom(runtime, "绑定 城关镇 李四", sender="lisi_wx")
    assert asked.intent == "bind"
    with runtime.db.session() as s:
        assert not s.scalars(select(Member.name).where(Member.name.contains("绑定申请"))).all()
        request = s.scalar(select(bind_requests()))
        assert (request.name, request.platform, request.external_id, request.status) == \
            ("李四", "wecom", "lisi_wx", "pending")
        assert request.member.name == "李四" and request.unit.name == "城关镇"
    assert "新增账号绑定生效" in console(runtime, "李四", "同意绑定 李四").text
    with runtime.db.session() as s:
        request = s.scalar(select(bind_requests()))
        assert request.status == "confirmed" and s.get(Member, request.decided_by).name == "李四"
        assert s.scalar(select(Member).where(Member.name == "李四")).account("wecom") == "lisi_wx"


def _old_database(path: Path) -> Database:
    """A database at revision 0004 holding the pending member rows the old code wrote."""
    db = Database(f"sqlite:///{path}")
    upgrade(db, "0004_inbound_chat")
    now = "2026-11-01 02:00:00"
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO unit (id, name, aliases, level, parent_id, active, created_at) VALUES "
                          "(1, '示范县', '[]', 'county', NULL, 1, :t), (2, '城关镇', '[]', 'town', 1, 1, :t)"),
                     {"t": now})
        rows = [
            (1, 2, "李四", "manager", "active", None, "0202"),
            (2, 2, "李四（绑定申请）", "member", "pending", "lisi_wx", None),  # a second account for 李四
            (3, 2, "赵六", "member", "pending", "zhaoliu", None),  # a newcomer on WeCom
            (4, 2, "钱二", "member", "pending", None, None),  # a newcomer on the console
            (5, 2, "张三", "member", "pending", "zs_used", "zs_claimed"),  # the earliest code's switched member
        ]
        for row in rows:
            conn.execute(text("INSERT INTO member (id, unit_id, name, roles, status, wecom_userid, dingtalk_staff_id, "
                              "created_at) VALUES (:i, :u, :n, :r, :s, :w, :d, :t)"),
                         dict(zip("iunrswd", row, strict=True), t=now))
        conn.execute(text("INSERT INTO inbound_message (platform, external_id, sender_id, sender_external, text, "
                          "reply_data, status, received_at) VALUES ('wecom', 'm1', 5, 'zs_used', '明天开会', '{}', "
                          "'done', :t)"), {"t": now})
    return db


def test_migration_0006_moves_the_pending_member_rows(tmp_path):
    db = _old_database(tmp_path / "old.db")
    upgrade(db)
    with db.engine.connect() as conn:
        accounts = {(r.member_id, r.platform): r.external_id for r in conn.execute(
            text("SELECT member_id, platform, external_id FROM member_identity"))}
        members = {r.name: (r.status, accounts.get((r.id, "wecom")), accounts.get((r.id, "dingtalk")))
                   for r in conn.execute(text("SELECT id, name, status FROM member"))}
        requests = sorted(tuple(r) for r in conn.execute(text(
            "SELECT name, platform, external_id, member_id, status FROM bind_request")))
    assert members == {"李四": ("active", None, "0202"), "张三": ("active", "zs_used", None)}
    assert requests == [
        ("张三", "dingtalk", "zs_claimed", 5, "pending"),
        ("李四", "wecom", "lisi_wx", 1, "pending"),
        ("赵六", "wecom", "zhaoliu", None, "pending"),
        ("钱二", "console", "钱二", None, "pending"),
    ]
    command.downgrade(alembic_config(db), "0004_inbound_chat")
    with db.engine.connect() as conn:
        pending = sorted(tuple(r) for r in conn.execute(text(
            "SELECT name, wecom_userid, dingtalk_staff_id FROM member WHERE status = 'pending'")))
    assert pending == [("张三（绑定申请）", None, "zs_claimed"), ("李四（绑定申请）", "lisi_wx", None),
                       ("赵六", "zhaoliu", None), ("钱二", None, None)]
    db.dispose()


def test_one_open_request_per_account(runtime):
    wecom(runtime, "绑定 城关镇 赵六", sender="zhaoliu")
    again = wecom(runtime, "绑定 青山镇 赵七", sender="zhaoliu")
    assert "您已提交绑定申请（城关镇 赵六）" in again.text
    console(runtime, "李四", "拒绝绑定 赵六")
    assert "已提交绑定申请" in wecom(runtime, "绑定 城关镇 赵六", sender="zhaoliu").text
    with runtime.db.session() as s:
        table = bind_requests()
        assert [r.status for r in s.scalars(select(table).order_by(table.id))] == ["denied", "pending"]


# --- defect 10: a unit without a manager --------------------------------------------------------------

def test_a_unit_without_a_manager_names_the_admin_who_confirms_and_tells_them(runtime):
    asked = wecom(runtime, "绑定 青山镇 孙二", sender="suner")
    assert asked.intent == "bind"
    assert "青山镇暂无单位管理员" in asked.text and "系统管理员（县委办王五）" in asked.text
    assert asked.data["confirmers"] == ["王五"]
    told = {p.target: strip(p.payload["text"]) for p in pushes(runtime, "bind:")}
    assert "县委办" in told and "同意绑定 青山镇 孙二" in told["县委办"] and "暂无单位管理员" in told["县委办"]
    done = console(runtime, "王五", "同意绑定 青山镇 孙二")
    assert "绑定生效" in done.text
    assert wecom(runtime, "明天开会", sender="suner").intent == "record"


def test_a_unit_with_a_manager_is_confirmed_there(runtime):
    asked = wecom(runtime, "绑定 城关镇 赵六", sender="zhaoliu")
    assert "待本单位管理员确认" in asked.text and asked.data["confirmers"] == ["李四"]
    assert {p.target for p in pushes(runtime, "bind:")} == {"城关镇"}
