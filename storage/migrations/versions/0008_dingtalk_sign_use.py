"""dingtalk_sign_use: a DingTalk HTTP-mode (timestamp, sign) pair is good for one message id (issue 18).

DingTalk signs only the timestamp, so the headers of one callback would carry any body for the hour of the
sign window. Each pair is remembered with the msgId it came with until the window is over, in the
database, so every web worker refuses the same pair with another message.

Revision ID: 0008_dingtalk_sign_use
Revises: 0007_entry_doc_number
"""
from alembic import op
import sqlalchemy as sa

revision = "0008_dingtalk_sign_use"
down_revision = "0007_entry_doc_number"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dingtalk_sign_use",
        sa.Column("signature", sa.String(length=128), primary_key=True),
        sa.Column("message_id", sa.String(length=128), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_dingtalk_sign_use_expires_at", "dingtalk_sign_use", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_dingtalk_sign_use_expires_at", table_name="dingtalk_sign_use")
    op.drop_table("dingtalk_sign_use")
