"""The message path (issue 17): inbound_message.late_at (the reply went the late way, committed before the
empty answer), entry_topic (subject words of each entry, for the 三个凡是 look-ups, backfilled) and stamp
(version stamps processes cache by, e.g. of the units for the parser's lexicon).

Revision ID: 0010_message_path
Revises: 0009_entry_status_index
"""
from alembic import op
import sqlalchemy as sa

revision = "0010_message_path"
down_revision = "0009_entry_status_index"
branch_labels = None
depends_on = None

BATCH = 2000


def upgrade() -> None:
    with op.batch_alter_table("inbound_message") as batch_op:
        batch_op.add_column(sa.Column("late_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "entry_topic",
        sa.Column("entry_id", sa.Integer(), sa.ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("key", sa.String(length=32), primary_key=True),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("direction", sa.String(length=16), nullable=False),
        sa.Column("occurs_on", sa.Date(), nullable=False),
    )
    op.create_index("ix_entry_topic_lookup", "entry_topic", ["unit_id", "kind", "direction", "key", "occurs_on"])
    op.create_table(
        "stamp",
        sa.Column("name", sa.String(length=64), primary_key=True),
        sa.Column("value", sa.String(length=64), nullable=False),
    )
    _backfill()


def _backfill() -> None:
    """Topic words of the existing meetings and documents (jieba, once, here rather than per message)."""
    import bot.rules.topic  # noqa: F401  (registers the topic extractor)
    from storage.topics import topic_rows

    bind = op.get_bind()
    entry = sa.table("entry", sa.column("id"), sa.column("unit_id"), sa.column("kind"), sa.column("direction"),
                     sa.column("occurs_on", sa.Date()), sa.column("title"), sa.column("raw_text"))
    topic = sa.table("entry_topic", sa.column("entry_id"), sa.column("key"), sa.column("unit_id"),
                     sa.column("kind"), sa.column("direction"), sa.column("occurs_on", sa.Date()))
    last = 0
    while True:
        rows = bind.execute(sa.select(entry).where(entry.c.id > last, entry.c.kind.in_(("meeting", "document")))
                            .order_by(entry.c.id).limit(BATCH)).all()
        if not rows:
            return
        last = rows[-1].id
        values = [v for r in rows for v in topic_rows(r.id, r.unit_id, r.kind, r.direction, r.occurs_on,
                                                      r.title, r.raw_text)]
        if values:
            bind.execute(topic.insert(), values)


def downgrade() -> None:
    op.drop_table("stamp")
    op.drop_index("ix_entry_topic_lookup", table_name="entry_topic")
    op.drop_table("entry_topic")
    with op.batch_alter_table("inbound_message") as batch_op:
        batch_op.drop_column("late_at")
