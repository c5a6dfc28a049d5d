"""notification.dedupe_key: log each reminder/alert once, however many groups it went to

The scheduler writes a Notification row for every reminder and quota alert, and the quarterly
bulletin counts them (提醒主要负责人 N 人次). Several scheduler processes may run; the unique key
makes the row exactly-once, like Outbox.dedupe_key does for the push itself. NULLs stay allowed
for rows written by other code.

Revision ID: 0002_notification_key
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = "0002_notification_key"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("notification", sa.Column("dedupe_key", sa.String(length=256), nullable=True))
    op.create_index("ux_notification_dedupe_key", "notification", ["dedupe_key"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_notification_dedupe_key", table_name="notification")
    with op.batch_alter_table("notification") as batch:
        batch.drop_column("dedupe_key")
