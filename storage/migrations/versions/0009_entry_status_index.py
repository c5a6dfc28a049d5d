"""entry (status, occurs_on): the scheduler's lists by status — filed or approved items due, overdue or
to archive — seek their rows instead of reading the whole ledger (issue 18: a tick over 1,000,000 entries).

Revision ID: 0009_entry_status_index
Revises: 0008_dingtalk_sign_use
"""
from alembic import op

revision = "0009_entry_status_index"
down_revision = "0008_dingtalk_sign_use"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_entry_status_date", "entry", ["status", "occurs_on"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_entry_status_date", table_name="entry")
