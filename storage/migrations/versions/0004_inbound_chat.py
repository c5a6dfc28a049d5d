"""inbound_message.chat_external: the platform chat a message came from, stored when it is claimed,
so a message whose worker died before answering can be re-run and answered in its chat.

Revision ID: 0004_inbound_chat
Revises: 0003_stats_indexes
"""
from alembic import op
import sqlalchemy as sa

revision = "0004_inbound_chat"
down_revision = "0003_stats_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inbound_message") as batch_op:
        batch_op.add_column(sa.Column("chat_external", sa.String(length=128), nullable=True))
        batch_op.create_index("ix_inbound_status_received", ["status", "received_at"])


def downgrade() -> None:
    with op.batch_alter_table("inbound_message") as batch_op:
        batch_op.drop_index("ix_inbound_status_received")
        batch_op.drop_column("chat_external")
