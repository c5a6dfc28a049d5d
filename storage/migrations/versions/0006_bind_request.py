"""bind_request: a bind request is its own row, no longer a pending member named "X（绑定申请）".

Existing pending member rows move into it:
- "X（绑定申请）" (an account asking to join the bound member X): one request per platform id it
  carries, pointing at X; the row is deleted.
- a newcomer's pending row that never acted: one request (console: the name is the id); the row is
  deleted.
- a member the earliest code switched to pending (it acted, or holds a role): the ids it has sent
  messages from stay its own; every other id it carries becomes a request pointing at it and is
  taken off it; the member is active again.

Revision ID: 0006_bind_request
Revises: 0005_member_identity (accounts are member_identity rows)
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0006_bind_request"
down_revision = "0005_member_identity"
branch_labels = None
depends_on = None

REQUEST_MARK = "（绑定申请）"
OPEN = sa.text("status = 'pending'")

member = sa.table(
    "member", sa.column("id", sa.Integer), sa.column("unit_id", sa.Integer), sa.column("name", sa.String),
    sa.column("roles", sa.String), sa.column("status", sa.String), sa.column("created_at", sa.DateTime),
)
identity = sa.table(
    "member_identity", sa.column("id", sa.Integer), sa.column("member_id", sa.Integer),
    sa.column("platform", sa.String), sa.column("external_id", sa.String),
)
bind_request = sa.table(
    "bind_request", sa.column("id", sa.Integer), sa.column("unit_id", sa.Integer), sa.column("name", sa.String),
    sa.column("platform", sa.String), sa.column("external_id", sa.String), sa.column("member_id", sa.Integer),
    sa.column("status", sa.String), sa.column("created_at", sa.DateTime),
)
# Every column that refers to a member: a pending row referred to by any of them has acted.
MEMBER_REFERENCES = (("entry", "created_by"), ("inbound_message", "sender_id"), ("entry_event", "member_id"),
                     ("notification", "member_id"), ("pending_question", "member_id"),
                     ("quota_adjustment", "approved_by"))


def upgrade() -> None:
    op.create_table(
        "bind_request",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("unit.id"), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("member.id"), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.Integer(), sa.ForeignKey("member.id"), nullable=True),
    )
    op.create_index("ux_bind_request_open", "bind_request", ["platform", "external_id"], unique=True,
                    sqlite_where=OPEN, postgresql_where=OPEN)
    op.create_index("ix_bind_request_unit_name", "bind_request", ["unit_id", "name", "status"])
    _move_pending_members(op.get_bind())


def _move_pending_members(conn: sa.Connection) -> None:
    pending = conn.execute(sa.select(member).where(member.c.status == "pending").order_by(member.c.id)).all()
    for row in pending:
        created = row.created_at or dt.datetime.now(dt.UTC)
        ids = _accounts(conn, row.id)
        if row.name.endswith(REQUEST_MARK) and not _acted(conn, row.id):
            name = row.name.removesuffix(REQUEST_MARK)
            target = conn.scalar(sa.select(member.c.id).where(member.c.unit_id == row.unit_id, member.c.name == name))
            _drop_member(conn, row.id)
            for platform, value in ids.items():
                _request(conn, row.unit_id, name, platform, value, target, created)
        elif row.roles in ("member", "", None) and not _acted(conn, row.id):
            _drop_member(conn, row.id)
            for platform, value in (ids or {"console": row.name}).items():
                _request(conn, row.unit_id, row.name, platform, value, None, created)
        else:
            used = set(conn.execute(sa.text(
                "SELECT platform, sender_external FROM inbound_message WHERE sender_id = :id"), {"id": row.id}).tuples())
            conn.execute(sa.update(member).where(member.c.id == row.id).values(status="active"))
            for platform, value in ids.items():
                if (platform, value) not in used:
                    conn.execute(sa.delete(identity).where(identity.c.member_id == row.id, identity.c.platform == platform))
                    _request(conn, row.unit_id, row.name, platform, value, row.id, created)


def _accounts(conn: sa.Connection, member_id: int) -> dict[str, str]:
    rows = conn.execute(sa.select(identity.c.platform, identity.c.external_id)
                        .where(identity.c.member_id == member_id)).all()
    return {platform: external for platform, external in rows}


def _drop_member(conn: sa.Connection, member_id: int) -> None:
    conn.execute(sa.delete(identity).where(identity.c.member_id == member_id))
    conn.execute(sa.delete(member).where(member.c.id == member_id))


def _acted(conn: sa.Connection, member_id: int) -> bool:
    for table, column in MEMBER_REFERENCES:
        if conn.scalar(sa.text(f"SELECT 1 FROM {table} WHERE {column} = :id LIMIT 1"), {"id": member_id}):
            return True
    return False


def _request(conn: sa.Connection, unit_id: int, name: str, platform: str, external_id: str,
             member_id: int | None, created: dt.datetime) -> None:
    conn.execute(sa.insert(bind_request).values(unit_id=unit_id, name=name, platform=platform,
                                                external_id=str(external_id), member_id=member_id,
                                                status="pending", created_at=created))


def downgrade() -> None:
    """Open requests go back to pending member rows (decided ones are history and are dropped)."""
    conn = op.get_bind()
    rows = conn.execute(sa.select(bind_request).where(bind_request.c.status == "pending")
                        .order_by(bind_request.c.id)).all()
    for row in rows:
        name = row.name if row.member_id is None else f"{row.name}{REQUEST_MARK}"
        taken = conn.scalar(sa.select(member.c.id).where(member.c.unit_id == row.unit_id, member.c.name == name))
        if taken is not None:
            continue
        conn.execute(sa.insert(member).values(unit_id=row.unit_id, name=name, roles="member", status="pending",
                                              created_at=row.created_at))
        new_id = conn.scalar(sa.select(member.c.id).where(member.c.unit_id == row.unit_id, member.c.name == name))
        if new_id is not None and row.platform != "console":
            conn.execute(sa.insert(identity).values(member_id=new_id, platform=row.platform, external_id=row.external_id))
    op.drop_index("ix_bind_request_unit_name", table_name="bind_request")
    op.drop_index("ux_bind_request_open", table_name="bind_request")
    op.drop_table("bind_request")
