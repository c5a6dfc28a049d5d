"""entry.doc_number: a document's 文号 (县委发〔2026〕12号), said in chat or imported, shown in the 台账.

Revision ID: 0007_entry_doc_number
Revises: 0006_bind_request
"""
from alembic import op
import sqlalchemy as sa

revision = "0007_entry_doc_number"
down_revision = "0006_bind_request"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entry") as batch_op:
        batch_op.add_column(sa.Column("doc_number", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("entry") as batch_op:
        batch_op.drop_column("doc_number")
