"""SQLAlchemy 2.0 typed models of the ledger (design §3).

Entries are never deleted: they are voided, and every change writes an EntryEvent.
The schema itself is owned by Alembic (storage/migrations); these classes describe it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.timeutil import UTCDateTime, utcnow


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


# Unit levels, from the top of the tree down (how replies name them: bot.labels).
UNIT_LEVELS = ("county", "town", "department", "village")
# Roles a member may hold; several at once ("admin,approver").
ROLES = ("member", "manager", "approver", "admin")
KINDS = ("meeting", "document", "inspection", "report")
DIRECTIONS = ("outgoing", "incoming")
STATUSES = ("recorded", "filed", "approved", "rejected", "archived", "voided")
# Entries that never count in statistics, quotas or digests: voided ones were withdrawn, and a
# rejected filing was not held. They stay in the ledger and can still be shown.
NOT_COUNTED = ("voided", "rejected")


class Unit(Base):
    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    level: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    parent: Mapped[Unit | None] = relationship(remote_side="Unit.id", back_populates="children")
    children: Mapped[list[Unit]] = relationship(back_populates="parent")
    members: Mapped[list[Member]] = relationship(back_populates="unit")


class Member(Base):
    __tablename__ = "member"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    name: Mapped[str] = mapped_column(String(64))
    roles: Mapped[str] = mapped_column(String(64), default="member")
    mobile: Mapped[str | None] = mapped_column(String(32))
    # "active" members act. (Before migration 0006 a bind request was a "pending" member row; requests
    # are BindRequest rows now, and every member row is active.)
    status: Mapped[str] = mapped_column(String(16), default="active")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    unit: Mapped[Unit] = relationship(back_populates="members")
    identities: Mapped[list[MemberIdentity]] = relationship(
        back_populates="member", cascade="all, delete-orphan", order_by="MemberIdentity.id"
    )

    __table_args__ = (UniqueConstraint("unit_id", "name", name="uq_member_unit_name"),)

    @property
    def role_set(self) -> frozenset[str]:
        return frozenset(r.strip() for r in self.roles.split(",") if r.strip())

    def has_role(self, role: str) -> bool:
        return role in self.role_set

    def account(self, platform: str) -> str | None:
        """The member's id on a platform (the one its messages come from and @-mentions use), if bound."""
        return next((i.external_id for i in self.identities if i.platform == platform), None)


class MemberIdentity(Base):
    """Who a member is on one chat platform: one row per (platform, account), whatever the platform (0005).

    An account belongs to one member; a member has at most one account per platform.
    """

    __tablename__ = "member_identity"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    platform: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(128))

    member: Mapped[Member] = relationship(back_populates="identities")

    __table_args__ = (
        UniqueConstraint("platform", "external_id", name="uq_member_identity_account"),
        UniqueConstraint("member_id", "platform", name="uq_member_identity_platform"),
    )


class BindRequest(Base):
    """An account asking to act as a member (“绑定 城关镇 赵六”), until a manager or an admin answers.

    Nothing acts on a request: confirming creates the member (a newcomer) or adds the account to the
    member named (`member_id`, a second platform); refusing changes no member. Decided requests stay,
    with who decided, as the record of who let whom in. One open request per account (the partial
    unique index) and, in code, per member name of a unit.
    """

    __tablename__ = "bind_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    name: Mapped[str] = mapped_column(String(64))
    platform: Mapped[str] = mapped_column(String(16))  # wecom | dingtalk | console
    external_id: Mapped[str] = mapped_column(String(128))  # the platform user id (console: the name)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))  # the bound member it asks to join
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending | confirmed | denied
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("member.id"))

    unit: Mapped[Unit] = relationship()
    member: Mapped[Member | None] = relationship(foreign_keys=[member_id])

    __table_args__ = (
        Index("ux_bind_request_open", "platform", "external_id", unique=True,
              sqlite_where=text("status = 'pending'"), postgresql_where=text("status = 'pending'")),
        Index("ix_bind_request_unit_name", "unit_id", "name", "status"),
    )


class Conversation(Base):
    """A chat (group or 1:1) on one platform, bound to a unit, with its push settings."""

    __tablename__ = "conversation"

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(128))
    title: Mapped[str | None] = mapped_column(String(128))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    # Where scheduled pushes for this group go (a group robot's key or webhook); its channel reads it.
    push_target: Mapped[str | None] = mapped_column(String(512))
    push_secret: Mapped[str | None] = mapped_column(String(256))
    push_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    push_disabled_reason: Mapped[str | None] = mapped_column(String(256))
    # {"weekly": {"enabled": true, "day": "mon", "time": "09:00"}, ...}
    subscriptions: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    unit: Mapped[Unit | None] = relationship()

    __table_args__ = (UniqueConstraint("platform", "external_id", name="uq_conversation_ext"),)


class Entry(Base):
    __tablename__ = "entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    kind: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str] = mapped_column(String(16))
    subtype: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str | None] = mapped_column(String(200))
    # 文号 of a document (县委发〔2026〕12号), said in the message or imported (migration 0007).
    doc_number: Mapped[str | None] = mapped_column(String(64))
    occurs_on: Mapped[dt.date] = mapped_column(Date)
    starts_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    attendees_count: Mapped[int | None] = mapped_column(Integer)
    attendees_scope: Mapped[str | None] = mapped_column(String(64))
    attendees_text: Mapped[str | None] = mapped_column(String(200))
    scale: Mapped[int | None] = mapped_column(Integer)
    location: Mapped[str | None] = mapped_column(String(128))
    counterpart: Mapped[str | None] = mapped_column(String(128))
    in_scope: Mapped[bool] = mapped_column(Boolean, default=True)
    scope_reason: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="recorded")
    # Rule warnings raised when the entry was recorded or changed: [{"list", "item", "text", "source"}].
    flags: Mapped[list[Any]] = mapped_column(default=list)
    filing_required: Mapped[bool] = mapped_column(Boolean, default=False)
    decision_note: Mapped[str | None] = mapped_column(Text)
    archive_note: Mapped[str | None] = mapped_column(Text)
    raw_text: Mapped[str | None] = mapped_column(Text)
    # Checked at commit on PostgreSQL (migration 0013): the dispatcher stores the message last, with its reply.
    source_message_id: Mapped[int | None] = mapped_column(ForeignKey("inbound_message.id", deferrable=True,
                                                                     initially="DEFERRED"))
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversation.id"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime, default=utcnow  # set by repo.change_entry from the injected clock
    )

    unit: Mapped[Unit] = relationship()
    creator: Mapped[Member | None] = relationship()
    events: Mapped[list[EntryEvent]] = relationship(
        back_populates="entry", order_by="EntryEvent.id"
    )

    @classmethod
    def counted(cls) -> Any:
        """SQL condition: the entry counts (see NOT_COUNTED)."""
        return cls.status.not_in(NOT_COUNTED)

    __table_args__ = (
        Index("ix_entry_unit_kind_date", "unit_id", "kind", "direction", "occurs_on"),
        Index("ix_entry_date", "occurs_on"),
        Index("ix_entry_creator", "created_by", "id"),
        # statistics (migration 0003): counts answered from the index alone; the scope catch-up
        Index("ix_entry_stats", "unit_id", "kind", "direction", "occurs_on", "status", "in_scope",
              "subtype", "quantity"),
        Index("ix_entry_updated", "updated_at"),
        Index("ix_entry_status_date", "status", "occurs_on"),  # the scheduler's lists by status (0009)
        # the filing queue and 应报备未报备 by status (migration 0011)
        Index("ix_entry_status", "status", "filing_required", "unit_id", "occurs_on"),
    )


class EntryTopic(Base):
    """An entry's subject words (bot.rules.topic), written with the entry, so the 三个凡是 find related
    meetings and documents with an index seek instead of reading old entries (migration 0010).
    unit_id, kind, direction and occurs_on repeat the entry's, kept in step by storage.topics."""

    __tablename__ = "entry_topic"

    entry_id: Mapped[int] = mapped_column(ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    unit_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str] = mapped_column(String(16))
    occurs_on: Mapped[dt.date] = mapped_column(Date)

    __table_args__ = (Index("ix_entry_topic_lookup", "unit_id", "kind", "direction", "key", "occurs_on"),)


class EntryEvent(Base):
    """Audit trail: who changed what on an entry, when, with before/after values."""

    __tablename__ = "entry_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entry.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    action: Mapped[str] = mapped_column(String(32))
    # {"field": [before, after], ...}
    changes: Mapped[dict[str, Any]] = mapped_column(default=dict)

    entry: Mapped[Entry] = relationship(back_populates="events")
    member: Mapped[Member | None] = relationship()


class InboundMessage(Base):
    """Every message received, unique per (platform, external_id): dedupe and history."""

    __tablename__ = "inbound_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(128))
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversation.id"))
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    sender_external: Mapped[str | None] = mapped_column(String(128))
    chat_external: Mapped[str | None] = mapped_column(String(128))
    text: Mapped[str] = mapped_column(Text, default="")
    intent: Mapped[str | None] = mapped_column(String(16))
    reply: Mapped[str | None] = mapped_column(Text)
    reply_data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # processing → done; "failed" when the handler raised (the user got an apology).
    status: Mapped[str] = mapped_column(String(16), default="processing")
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    replied_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Set (and committed) before a route answers empty because the reply missed the platform's window:
    # the reply then goes the late way, and every worker answers a redelivery empty (migration 0010).
    late_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("platform", "external_id", name="uq_inbound_ext"),
        Index("ix_inbound_status_received", "status", "received_at"),
    )


class PendingQuestion(Base):
    """A record the bot could not complete: it asked one question and waits for the answer."""

    __tablename__ = "pending_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    intent: Mapped[dict[str, Any]] = mapped_column(default=dict)
    missing: Mapped[str] = mapped_column(String(32))
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("conversation_id", "member_id", name="uq_pending_who"),)


class Outbox(Base):
    """A push waiting to be delivered; dedupe_key makes each push happen at most once."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(512))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    dedupe_key: Mapped[str] = mapped_column(String(256), unique=True)
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    # pending → sent | dead (target disabled or permanently refused)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    lock_owner: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_outbox_due", "status", "due_at"),)


class Quota(Base):
    __tablename__ = "quota"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    kind: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str] = mapped_column(String(16))
    period: Mapped[str] = mapped_column(String(16))  # year | quarter | month
    year: Mapped[int] = mapped_column(Integer)
    limit: Mapped[int] = mapped_column(Integer)

    adjustments: Mapped[list[QuotaAdjustment]] = relationship(back_populates="quota")

    __table_args__ = (
        UniqueConstraint("unit_id", "kind", "direction", "period", "year", name="uq_quota"),
    )


class QuotaAdjustment(Base):
    __tablename__ = "quota_adjustment"

    id: Mapped[int] = mapped_column(primary_key=True)
    quota_id: Mapped[int] = mapped_column(ForeignKey("quota.id"))
    delta: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    quota: Mapped[Quota] = relationship(back_populates="adjustments")


class Baseline(Base):
    """Last year's totals, imported where no old ledger exists, so 同比 can be computed."""

    __tablename__ = "baseline"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    kind: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str] = mapped_column(String(16))
    subtype: Mapped[str | None] = mapped_column(String(32))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    count: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint(
            "unit_id", "kind", "direction", "subtype", "year", "month", name="uq_baseline"
        ),
    )


class Notification(Base):
    """Reminders and alerts sent to people: counted in bulletins (提醒主要负责人 N 人次)."""

    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # reminder | over_quota | quota_warning | ...
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("entry.id"))
    text: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The scheduler's alert key: one row per alert and person however many groups it went to (0002).
    dedupe_key: Mapped[str | None] = mapped_column(String(256))

    __table_args__ = (Index("ux_notification_dedupe_key", "dedupe_key", unique=True),)


class TokenCache(Base):
    """Platform access tokens, shared by every process through the database."""

    __tablename__ = "token_cache"

    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class DingTalkSignUse(Base):
    """A DingTalk HTTP-mode (timestamp, sign) pair and the one message id it was accepted for, kept until
    the sign window is over (bot/channels/dingtalk/replay.py; migration 0008)."""

    __tablename__ = "dingtalk_sign_use"

    signature: Mapped[str] = mapped_column(String(128), primary_key=True)  # "timestamp:sign"
    message_id: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)


class Stamp(Base):
    """A version stamp of data every process caches (the units, for the parser's lexicon; the members and their
    accounts, for identifying senders): a process compares one key to its copy's and rebuilds only when it
    changed (migration 0010)."""

    __tablename__ = "stamp"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(64))


class Lease(Base):
    """A named lock with an expiry, so one process at a time runs a scheduled job."""

    __tablename__ = "lease"

    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    owner: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
