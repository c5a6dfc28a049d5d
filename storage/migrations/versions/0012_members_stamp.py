"""stamp "members": a database made before the accounts' per-process copy (storage.repo) has no members stamp
until a member, an account or a unit next changes, and until then every message looks its sender up; the row
is written here so the copy is used from the first message after the upgrade.

Revision ID: 0012_members_stamp
Revises: 0011_entry_filing_index
"""
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0012_members_stamp"
down_revision = "0011_entry_filing_index"
branch_labels = None
depends_on = None

_STAMP = sa.table("stamp", sa.column("name", sa.String), sa.column("value", sa.String))


def upgrade() -> None:
    found = op.get_bind().execute(sa.select(_STAMP.c.name).where(_STAMP.c.name == "members")).first()
    if found is None:
        op.execute(_STAMP.insert().values(name="members", value=uuid.uuid4().hex))


def downgrade() -> None:
    op.execute(_STAMP.delete().where(_STAMP.c.name == "members"))
