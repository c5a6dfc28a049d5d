"""entry (status, filing_required, unit_id, occurs_on): the filing queue (已报备待审批, 已同意待备案) and the 应报备未报备 list
look entries up by status; without it they scanned the whole ledger (the 看板 at 1,000,000 entries).

Revision ID: 0011_entry_filing_index
Revises: 0010_message_path
"""
from alembic import op

revision = "0011_entry_filing_index"
down_revision = "0010_message_path"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_entry_status", "entry", ["status", "filing_required", "unit_id", "occurs_on"])


def downgrade() -> None:
    op.drop_index("ix_entry_status", table_name="entry")
