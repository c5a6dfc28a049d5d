"""member_identity: a member's platform accounts in one table instead of one column per platform.

Until now every platform had its own column on member (wecom_userid, dingtalk_staff_id), so a new
platform meant a migration and a switch wherever an account was looked up. Now an account is a row
(member_id, platform, external_id): (platform, external_id) is unique (an account is one member's),
and (member_id, platform) too (one account per platform, as the columns allowed).

upgrade: create the table, copy every non-empty column value into it, drop the two columns.
downgrade: add the columns back, copy the accounts of those two platforms into them, drop the table
(accounts on any other platform have no column to go back to and are lost).

Revision ID: 0005_member_identity
Revises: 0004_inbound_chat
"""
from alembic import op
import sqlalchemy as sa

revision = "0005_member_identity"
down_revision = "0004_inbound_chat"
branch_labels = None
depends_on = None

# The platform each retired column held the accounts of.
COLUMNS = {"wecom_userid": "wecom", "dingtalk_staff_id": "dingtalk"}


def upgrade() -> None:
    op.create_table(
        "member_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name="fk_member_identity_member"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("platform", "external_id", name="uq_member_identity_account"),
        sa.UniqueConstraint("member_id", "platform", name="uq_member_identity_platform"),
    )
    op.create_index("ix_member_identity_member_id", "member_identity", ["member_id"])
    for column, platform in COLUMNS.items():
        op.execute(
            f"INSERT INTO member_identity (member_id, platform, external_id) "
            f"SELECT id, '{platform}', {column} FROM member "
            f"WHERE {column} IS NOT NULL AND {column} <> '' ORDER BY id"
        )
    with op.batch_alter_table("member") as batch:
        for column in COLUMNS:
            batch.drop_column(column)


def downgrade() -> None:
    with op.batch_alter_table("member") as batch:
        for column in COLUMNS:
            batch.add_column(sa.Column(column, sa.String(length=64), nullable=True))
            batch.create_unique_constraint(f"uq_member_{column}", [column])
    for column, platform in COLUMNS.items():
        op.execute(
            f"UPDATE member SET {column} = (SELECT i.external_id FROM member_identity i "
            f"WHERE i.member_id = member.id AND i.platform = '{platform}')"
        )
    op.drop_index("ix_member_identity_member_id", table_name="member_identity")
    op.drop_table("member_identity")
