"""entry.source_message_id checked at commit on PostgreSQL: the dispatcher answers a message in one transaction and
stores the message last, with its reply, in one INSERT under an id reserved from its sequence (bot.dispatcher:
_commit's `reserved`), rather than a claim's INSERT first and the reply's UPDATE last — the entry the handler writes
in between refers to a message row that exists by the end of the transaction. SQLite keeps the immediate check: its
path stores the claim first (its write transaction is the database-wide lock, held only to write).

Revision ID: 0013_entry_message_deferred
Revises: 0012_members_stamp
"""
import sqlalchemy as sa
from alembic import op

revision = "0013_entry_message_deferred"
down_revision = "0012_members_stamp"
branch_labels = None
depends_on = None


def _constraint() -> str | None:
    """The foreign key's name as the database has it (PostgreSQL named it when the table was made)."""
    for fk in sa.inspect(op.get_bind()).get_foreign_keys("entry"):
        if fk["constrained_columns"] == ["source_message_id"]:
            return fk["name"]
    return None


def _alter(check: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    name = _constraint()
    if name is not None:
        op.execute(f'ALTER TABLE entry ALTER CONSTRAINT "{name}" {check}')


def upgrade() -> None:
    _alter("DEFERRABLE INITIALLY DEFERRED")


def downgrade() -> None:
    _alter("NOT DEFERRABLE")
