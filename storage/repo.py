"""Repository functions: the only place that knows how ledger rows are found, written and counted."""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from dataclasses import dataclass
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar, cast, overload

from sqlalchemy import event as sa_event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import (Connection, Table, and_, bindparam, func, insert, literal, literal_column, select, union_all,
                        update)
from sqlalchemy import cast as sql_cast
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import NoResultFound
from sqlalchemy.orm import Session, class_mapper, joinedload, make_transient_to_detached
from sqlalchemy.orm.attributes import instance_state, set_committed_value

from bot.calendar import WorkCalendar, work_calendar
from storage.models import (
    BindRequest,
    Conversation,
    Entry,
    EntryEvent,
    InboundMessage,
    Member,
    NOT_COUNTED,
    MemberIdentity,
    PendingQuestion,
    Quota,
    QuotaAdjustment,
    Stamp,
    Unit,
)
from storage import topics
from storage.direct import Direct
from storage.timeutil import utcnow

_Loaded = TypeVar("_Loaded", Member, Unit, Conversation)

# A message left "processing" this long was abandoned by a crashed worker and may be taken over.
STALE_PROCESSING = dt.timedelta(seconds=60)

# Entry fields a user can see and change; the audit trail records these.
ENTRY_FIELDS = (
    "unit_id", "kind", "direction", "subtype", "title", "doc_number", "occurs_on", "starts_at",
    "duration_minutes", "quantity", "attendees_count", "attendees_scope", "attendees_text",
    "scale", "location", "counterpart", "in_scope", "scope_reason", "status", "flags",
    "filing_required", "decision_note", "archive_note",
)


def rows_updated(session: Session, statement: Any) -> int:
    """Rows an UPDATE changed: how a conditional UPDATE tells which worker won a claim."""
    result = session.execute(statement)
    return int(getattr(result, "rowcount", 0) or 0)


# --- units and members ------------------------------------------------------------------------

def unit_by_name(session: Session, name: str) -> Unit | None:
    unit = session.scalar(select(Unit).where(Unit.name == name))
    if unit is not None:
        return unit
    for candidate in session.scalars(select(Unit).where(Unit.active.is_(True))):
        if name in (candidate.aliases or []):
            return candidate
    return None


UNITS_VERSION = "units"  # Stamp row: changes whenever a unit is added, renamed or retired
MEMBERS_VERSION = "members"  # Stamp row: changes whenever a member, an account or a unit changes
QUOTAS_VERSION = "quotas"  # Stamp row: changes whenever a quota is added, changed or deleted through the ORM
_MEMBERS_SEEN = "jianfu_members_version"  # Session.info: the members stamp as read in this transaction
_QUOTAS_SEEN = "jianfu_quotas_version"  # Session.info: the quotas stamp as read in this transaction


# The statements every message runs are built once (bound parameters): building a statement and its cache
# key cost more than the SQLite query itself (bench/profile_path.py).
# Those that load no ORM object run on the session's connection: a Core statement keeps its cache key, where
# the ORM's set-up for each execution (and its cache key, made anew) costs as much as the query again.
_STAMP_TABLE = cast(Table, Stamp.__table__)
_STAMPS = Direct(select(_STAMP_TABLE.c.name, _STAMP_TABLE.c.value).where(
    _STAMP_TABLE.c.name.in_([UNITS_VERSION, MEMBERS_VERSION, QUOTAS_VERSION])))


def _core(session: Session | Connection) -> Connection:
    """The connection a Core statement runs on, in the session's transaction (no autoflush: the caller's
    pending objects are flushed already, or are none of the statement's business)."""
    return session if isinstance(session, Connection) else connection_of(session)


def autoflushed(session: Session) -> Connection:
    """The session's connection, for a Core statement that reads what an ORM query would read: what is pending
    is flushed first, as the ORM's autoflush would have it (unless the caller turned autoflush off)."""
    if session.autoflush:
        session.flush()
    return connection_of(session)


_CONNECTION = "jianfu_connection"  # Session.info: the connection its transaction began on


def connection_of(session: Session) -> Connection:
    """session.connection(): once the transaction has begun, the connection it began on, without the state checks
    and look-ups of each call (a message asks some ten times). Forgotten when the transaction ends and after any
    rollback (a failed flush's too: session.connection() then raises, as it should)."""
    found: Connection | None = session.info.get(_CONNECTION)
    return found if found is not None else session.connection()


@sa_event.listens_for(Session, "after_begin")
def _remember_connection(session: Session, _transaction: Any, connection: Connection) -> None:
    session.info[_CONNECTION] = connection


@sa_event.listens_for(Session, "after_transaction_end")
def _forget_connection(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(_CONNECTION, None)
        session.info.pop(_QUESTION_SEEN, None)  # read in the transaction: no answer for the next one
        session.info.pop(_CHAT_READ, None)
        session.info.pop(_TWINS, None)
        session.info.pop(_QUOTAS_SEEN, None)  # the stamp as read in the transaction: the next one reads its own


@sa_event.listens_for(Session, "after_soft_rollback")
def _forget_connection_after_rollback(session: Session, _previous: Any) -> None:
    session.info.pop(_CONNECTION, None)


_RESERVED = "#inbound"  # the row of _STAMPS_RESERVING that carries the reserved message id
_STAMPS_RESERVING = Direct(union_all(
    select(_STAMP_TABLE.c.name, _STAMP_TABLE.c.value).where(
        _STAMP_TABLE.c.name.in_([UNITS_VERSION, MEMBERS_VERSION, QUOTAS_VERSION])),
    select(literal(_RESERVED, type_=_STAMP_TABLE.c.name.type),
           sql_cast(func.nextval(func.pg_get_serial_sequence(InboundMessage.__tablename__, "id")),
                _STAMP_TABLE.c.value.type))))


def units_version(session: Session | Connection, reserve_inbound: bool = False,
                  chat: tuple[str, str, str] | None = None) -> str:
    """The units' version stamp, so a process rebuilds its lexicon only when it changed; read with the members'
    and the quotas' stamps in one look-up, which a session keeps for the accounts' cache
    (member_by_platform_id_any_status) and the quotas' (quota_keys). `reserve_inbound` (PostgreSQL): the same
    look-up takes the next message id from its sequence, for a message stored with its reply in one INSERT at
    the end of the transaction (reserved_inbound_id) instead of a claim first and an UPDATE last. `chat` (platform,
    chat id, the sender's account), in a session: the same look-up reads the chat too (stamps_and_chat), which
    conversation() then takes without a statement of its own: one round trip fewer per message."""
    reserve = reserve_inbound and isinstance(session, Session) and _core(session).dialect.name == "postgresql"
    stamps: dict[str, Any]
    if chat is not None and isinstance(session, Session):
        stamps = _stamps_and_chat(session, reserve, *chat)
    else:
        stamps = dict((_STAMPS_RESERVING if reserve else _STAMPS).rows(_core(session), {}))
    if isinstance(session, Session):
        session.info[_MEMBERS_SEEN] = stamps.get(MEMBERS_VERSION, "")
        session.info[_QUOTAS_SEEN] = stamps.get(QUOTAS_VERSION, "")
        if reserve:
            session.info[_RESERVED] = int(stamps[_RESERVED])
    return str(stamps.get(UNITS_VERSION, ""))


def reserved_inbound_id(session: Session) -> int | None:
    """The message id units_version reserved in this session (once: taken by the caller), else None."""
    reserved: int | None = session.info.pop(_RESERVED, None)
    return reserved


@sa_event.listens_for(Session, "before_flush")
def _bump_versions(session: Session, _context: Any, _instances: Any) -> None:
    """A flush that changes a unit changes the units' and the members' stamps; one that changes a member or an
    account, the members'. In the flush's transaction: every process sees the new stamp with the change."""
    changed = (*session.new, *session.dirty, *session.deleted)
    names = []
    if any(isinstance(o, Unit) for o in changed):
        names = [UNITS_VERSION, MEMBERS_VERSION]
    elif any(isinstance(o, (Member, MemberIdentity)) for o in changed):
        names = [MEMBERS_VERSION]
    if any(isinstance(o, Quota) for o in changed):
        names.append(QUOTAS_VERSION)
        session.info.pop(_QUOTAS_SEEN, None)  # this transaction's own changes: the copy no longer answers for it
    if MEMBERS_VERSION in names:
        session.info.pop(_MEMBERS_SEEN, None)  # likewise
    for name in names:
        stamp = uuid.uuid4().hex
        row = session.get(Stamp, name)
        if row is None:
            session.add(Stamp(name=name, value=stamp))
        else:
            row.value = stamp


def lexicon_units(session: Session | Connection) -> list[tuple[str, list[str], str]]:
    rows = session.execute(select(Unit.name, Unit.aliases, Unit.level).where(Unit.active.is_(True)))
    return [(name, list(aliases or []), level) for name, aliases, level in rows]


def descendant_ids(session: Session, unit_id: int) -> list[int]:
    """The unit and every unit below it in the tree."""
    parents = dict(session.execute(select(Unit.id, Unit.parent_id)).tuples().all())
    found, frontier = [unit_id], [unit_id]
    while frontier:
        frontier = [uid for uid, parent in parents.items() if parent in frontier]
        found.extend(frontier)
    return found


def tree_roots(session: Session) -> list[Unit]:
    """Units without a parent, oldest first: the tops of the unit tree (one, the county, as a rule)."""
    return list(session.scalars(select(Unit).where(Unit.parent_id.is_(None)).order_by(Unit.id)))


@overload
def tree_root(session: Session, unit: Unit) -> Unit: ...
@overload
def tree_root(session: Session, unit: None = None) -> Unit | None: ...
def tree_root(session: Session, unit: Unit | None = None) -> Unit | None:
    """The top of the unit tree above `unit`, else the oldest unit without a parent.

    Whatever its level: a deployment topped by a town (its villages below) is named after the town.
    """
    if unit is None:
        return next(iter(tree_roots(session)), None)
    seen: set[int] = set()
    while unit.parent is not None and unit.id not in seen:  # a cycle in bad data must not hang
        seen.add(unit.id)
        unit = unit.parent
    return unit


def members_named(session: Session, name: str, unit_name: str | None = None) -> list[Member]:
    query = select(Member).where(Member.name == name, Member.status == "active").options(joinedload(Member.unit))
    if unit_name:
        unit = unit_by_name(session, unit_name)
        if unit is None:
            return []
        query = query.where(Member.unit_id == unit.id)
    return list(session.scalars(query))


def member_by_platform_id(session: Session, platform: str, user_id: str) -> Member | None:
    """The active member this platform account belongs to."""
    member = member_by_platform_id_any_status(session, platform, user_id)
    return member if member is not None and member.status == "active" else None


_CONVERSATION_TABLE = cast(Table, Conversation.__table__)
_CONVERSATION = Direct(select(_CONVERSATION_TABLE).where(_CONVERSATION_TABLE.c.platform == bindparam("platform"),
                                                         _CONVERSATION_TABLE.c.external_id == bindparam("external_id")))
_CONVERSATION_COLUMNS = tuple(_CONVERSATION_TABLE.c.keys())


_QUESTION_TABLE = cast(Table, PendingQuestion.__table__)
_CONVERSATION_AND_QUESTION = Direct(
    select(_CONVERSATION_TABLE, select(_QUESTION_TABLE.c.id).where(
        _QUESTION_TABLE.c.conversation_id == _CONVERSATION_TABLE.c.id,
        _QUESTION_TABLE.c.member_id == bindparam("member_id")).limit(1).scalar_subquery())
    .where(_CONVERSATION_TABLE.c.platform == bindparam("platform"),
           _CONVERSATION_TABLE.c.external_id == bindparam("external_id")))
_QUESTION_SEEN = "jianfu_question_seen"  # Session.info: {(chat id, member id): a question waits}, read with the chat
_CHAT_READ = "jianfu_chat_read"  # Session.info: the chat as the stamps' look-up read it (ChatRead), for conversation()
_MEMBER_ID_AT = tuple(cast(Table, Member.__table__).c.keys()).index("id")  # in an account's cached row


@dataclass(frozen=True)
class ChatRead:
    """A chat read with the stamps at the start of a transaction: its row (None: no such chat) and, for the member
    `asked` about (None: none known yet), whether a question waits for that member's answer in it."""

    platform: str
    external_id: str
    asked: int | None
    row: tuple[Any, ...] | None
    waits: bool


def _stamps_of_chat(reserve: bool) -> Direct:
    """The stamps, and the chat with whether a question waits in it for a member, in one row (the chat's columns
    None when there is no such chat); with the next message id from its sequence when `reserve` (PostgreSQL)."""
    stamps = [select(_STAMP_TABLE.c.value).where(_STAMP_TABLE.c.name == name).scalar_subquery().label(name)
              for name in (UNITS_VERSION, MEMBERS_VERSION, QUOTAS_VERSION)]
    if reserve:
        stamps.append(func.nextval(func.pg_get_serial_sequence(InboundMessage.__tablename__, "id")).label(_RESERVED))
    question = select(_QUESTION_TABLE.c.id).where(
        _QUESTION_TABLE.c.conversation_id == _CONVERSATION_TABLE.c.id,
        _QUESTION_TABLE.c.member_id == bindparam("member_id", type_=_QUESTION_TABLE.c.member_id.type),
    ).limit(1).scalar_subquery()
    one_row = select(literal(1).label("one")).subquery("one_row")
    chat = one_row.outerjoin(_CONVERSATION_TABLE, and_(_CONVERSATION_TABLE.c.platform == bindparam("platform"),
                                                        _CONVERSATION_TABLE.c.external_id == bindparam("external_id")))
    return Direct(select(*stamps, *_CONVERSATION_TABLE.c, question).select_from(chat))


_STAMPS_AND_CHAT = {reserve: _stamps_of_chat(reserve) for reserve in (False, True)}
_STAMP_NAMES = (UNITS_VERSION, MEMBERS_VERSION, QUOTAS_VERSION)


def _stamps_and_chat(session: Session, reserve: bool, platform: str, external_id: str, account: str) -> dict[str, Any]:
    """The stamps (and the reserved message id) by name, the chat kept in the session for conversation(); asked
    about the member this process last knew the account as (the accounts' cache, whatever its stamp)."""
    known = _accounts[1].get((platform, account))
    asked = None if known is None else int(known[_MEMBER_ID_AT])
    row = _STAMPS_AND_CHAT[reserve].first(_core(session), {"platform": platform, "external_id": external_id,
                                                           "member_id": asked})
    assert row is not None  # one row, whatever the chat
    width = len(_STAMP_NAMES) + reserve
    names = (*_STAMP_NAMES, _RESERVED)[:width]
    stamps = {name: value for name, value in zip(names, row[:width], strict=True) if value is not None}
    chat = row[width:-1]
    session.info[_CHAT_READ] = ChatRead(platform, external_id, asked, None if chat[0] is None else chat,
                                        row[-1] is not None)
    return stamps


def _chat_read(session: Session, platform: str, external_id: str, asked: int | None) -> ChatRead | None:
    """The chat as read with the stamps in this transaction (told once), when it answers this look-up: the same
    chat, asked about the same member (or none), and nothing written since that a look-up would flush first."""
    read: ChatRead | None = session.info.pop(_CHAT_READ, None)
    if read is None or (read.platform, read.external_id) != (platform, external_id):
        return None
    if asked is not None and read.asked != asked:
        return None
    if session.new or session.dirty or session.deleted:
        return None
    return read


def conversation(session: Session, platform: str, external_id: str, asked: int | None = None) -> Conversation | None:
    """The chat, read by a Core statement (asked for every message) and taken into the session as loaded. With
    `asked` (a member's id), the same statement reads whether a question waits for that member's answer in the
    chat, for bot.ledger.pending (question_seen): one round trip fewer per message."""
    read = _chat_read(session, platform, external_id, asked)
    if read is not None:
        return _chat_taken(session, read, asked)
    params = {"platform": platform, "external_id": external_id}
    if asked is None:
        row = _CONVERSATION.first(autoflushed(session), params)
        return None if row is None else _as_loaded(session, Conversation,
                                                   dict(zip(_CONVERSATION_COLUMNS, row, strict=True)))
    row = _CONVERSATION_AND_QUESTION.first(autoflushed(session), {**params, "member_id": asked})
    if row is None:
        return None
    found = _as_loaded(session, Conversation, dict(zip(_CONVERSATION_COLUMNS, row[:-1], strict=True)))
    session.info.setdefault(_QUESTION_SEEN, {})[(found.id, asked)] = row[-1] is not None
    return found


def _chat_taken(session: Session, read: ChatRead, asked: int | None) -> Conversation | None:
    """The chat read with the stamps, taken into the session as conversation() loads it."""
    if read.row is None:
        return None
    found = _as_loaded(session, Conversation, dict(zip(_CONVERSATION_COLUMNS, read.row, strict=True)))
    if asked is not None:
        session.info.setdefault(_QUESTION_SEEN, {})[(found.id, asked)] = read.waits
    return found


def remember_chat(session: Session, platform: str, external_id: str, title: str | None) -> Conversation | None:
    """A chat seen for the first time, stored by one INSERT that skips a chat stored meanwhile (no savepoint, no ORM
    flush: a first message paid both) and taken into the session as stored; None when another transaction stored
    it first (the caller reads that one)."""
    values = {name: default() for name, default in _CONVERSATION_DEFAULTS.items()}
    values.update(platform=platform, external_id=external_id, title=title)
    conn = autoflushed(session)  # what is pending goes first, as the chat's own flush had it
    new_id = _INSERT_CONVERSATION[conn.dialect.name].scalar(conn, values)
    if new_id is None:
        return None
    return _as_loaded(session, Conversation, {"id": int(new_id), **values})


def _insert_chat(insert: Callable[[Table], sqlite.Insert | postgresql.Insert]) -> Direct:
    return Direct(insert(_CONVERSATION_TABLE).on_conflict_do_nothing(index_elements=["platform", "external_id"])
                  .returning(_CONVERSATION_TABLE.c.id))


_INSERT_CONVERSATION = {"postgresql": _insert_chat(postgresql.insert), "sqlite": _insert_chat(sqlite.insert)}


def question_read(session: Session, conversation_id: int, member_id: int, waits: bool) -> None:
    """Tell question_seen what a look-up of this message found before the transaction (the read unit's)."""
    session.info.setdefault(_QUESTION_SEEN, {})[(conversation_id, member_id)] = waits


def question_seen(session: Session, conversation_id: int, member_id: int) -> bool | None:
    """Whether a question waited for the member's answer in the chat, as conversation() read it in this transaction
    (told once); None when it was not read."""
    seen: dict[tuple[int, int], bool] | None = session.info.get(_QUESTION_SEEN)
    return None if not seen else seen.pop((conversation_id, member_id), None)


def configure_group_push(
    session: Session,
    platform: str,
    external_id: str,
    push_target: str | None,
    push_secret: str | None = None,
    bind_unit: str | None = None,
) -> Conversation | str:
    """Set a group's push robot and re-enable its pushes (after a platform disabled them); create the
    group if the bot has not seen it yet. Returns the Conversation, or a Chinese error."""
    unit = None
    if bind_unit:
        unit = unit_by_name(session, bind_unit)
        if unit is None:
            return f"未找到单位“{bind_unit}”。"
    found = conversation(session, platform, external_id)
    if found is None:
        found = Conversation(platform=platform, external_id=external_id)
        session.add(found)
    if unit is not None:
        found.unit_id = unit.id
    found.push_target = push_target
    found.push_secret = push_secret
    found.push_enabled = True
    found.push_disabled_reason = None
    session.flush()
    return found


# --- inbound messages: dedupe ------------------------------------------------------------------

def insert_inbound(conn: Session | Connection, platform: str, external_id: str, now: dt.datetime,
                   **fields: Any) -> int | None:
    """Store a delivery in one statement that skips a duplicate (no savepoint, no ORM): its id, or None when
    the message was delivered before (then claim_inbound tells what became of it)."""
    values = {"platform": platform, "external_id": external_id, "received_at": now, **fields}
    core = _core(conn)  # a Core INSERT: through the session, the ORM's bulk-insert set-up costs more than it
    new_id = _INSERT_INBOUND[core.dialect.name].scalar(core, values)
    return int(new_id) if new_id is not None else None


def _insert_inbound(insert: Callable[[Table], sqlite.Insert | postgresql.Insert]) -> Direct:
    """INSERT … ON CONFLICT DO NOTHING RETURNING id, its columns those of the values it is executed with."""
    table = cast(Table, InboundMessage.__table__)
    return Direct(insert(table).on_conflict_do_nothing(index_elements=["platform", "external_id"])
                  .returning(table.c.id))


_INSERT_INBOUND = {"postgresql": _insert_inbound(postgresql.insert), "sqlite": _insert_inbound(sqlite.insert)}

_INBOUND = cast(Table, InboundMessage.__table__)
_REPLY_INBOUND = Direct(
    update(_INBOUND).where(_INBOUND.c.id == bindparam("inbound_id"))
    .values(conversation_id=bindparam("conversation_id"),
            sender_id=func.coalesce(bindparam("sender_id", type_=_INBOUND.c.sender_id.type), _INBOUND.c.sender_id),
            intent=func.coalesce(bindparam("intent", type_=_INBOUND.c.intent.type), _INBOUND.c.intent,
                                 bindparam("reply_intent", type_=_INBOUND.c.intent.type)),
            reply=bindparam("reply"), reply_data=bindparam("reply_data", type_=_INBOUND.c.reply_data.type),
            status=bindparam("status"), replied_at=bindparam("replied_at", type_=_INBOUND.c.replied_at.type))
    .returning(_INBOUND.c.late_at)
)


def reply_inbound(session: Session, inbound_id: int, *, conversation_id: int | None, sender_id: int | None,
                  intent: str | None, reply_intent: str | None, reply: str, reply_data: dict[str, Any],
                  status: str) -> dt.datetime | None:
    """Store a message's reply in one UPDATE and return its late state as committed now (the UPDATE locks
    the row): the sender and intent found now, else those already stored, else the reply's intent."""
    session.flush()  # what the handler wrote goes first, as an ORM statement would have it
    row = _REPLY_INBOUND.first(connection_of(session), {
        "inbound_id": inbound_id, "conversation_id": conversation_id, "sender_id": sender_id or None,
        "intent": intent or None, "reply_intent": reply_intent, "reply": reply, "reply_data": reply_data,
        "status": status, "replied_at": utcnow(),
    })
    if row is None:
        raise NoResultFound(f"inbound message {inbound_id} is not stored")
    late_at: dt.datetime | None = row[0]
    return late_at


def claim_inbound(
    session: Session, platform: str, external_id: str, now: dt.datetime, late: bool = False, **fields: Any
) -> tuple[int, InboundMessage | None, str]:
    """Insert the message or find the earlier delivery; `late`: the route answers empty now (late_at is set).

    Returns (id, earlier row, state): "new" when this call owns the processing (no row loaded), "done"
    when an earlier delivery finished (reuse its reply), "busy" when another worker is processing it now.
    """
    if late:
        fields["late_at"] = now
    new_id = insert_inbound(session, platform, external_id, now, **fields)
    if new_id is not None:
        return new_id, None, "new"
    existing = session.scalar(
        select(InboundMessage).where(
            InboundMessage.platform == platform, InboundMessage.external_id == external_id
        )
    )
    assert existing is not None
    if existing.status == "done":
        return existing.id, existing, "done"
    # Take over a delivery a crashed worker left behind; one taker wins the UPDATE.
    taken = rows_updated(session,
        update(InboundMessage)
        .where(
            InboundMessage.id == existing.id,
            InboundMessage.status.in_(("processing", "failed")),
            InboundMessage.received_at < now - STALE_PROCESSING,
        )
        .values(received_at=now, status="processing", **({"late_at": now} if late else {})),
    )
    if taken:
        session.refresh(existing)
        return existing.id, existing, "new"
    return existing.id, existing, "busy"


# --- entries -----------------------------------------------------------------------------------

def snapshot(entry: Entry) -> dict[str, Any]:
    return {name: _plain(getattr(entry, name)) for name in ENTRY_FIELDS}


def _defaults(table: Table) -> dict[str, Any]:
    """Every column but the id, with the value an INSERT gives it when none is given (its default, else None)."""
    found: dict[str, Any] = {}
    for column in table.columns:
        if column.primary_key:
            continue
        default = column.default
        if default is None:
            found[column.key] = lambda: None
        elif default.is_callable:
            found[column.key] = functools.partial(default.arg, None)  # type: ignore[attr-defined]
        else:
            found[column.key] = functools.partial(lambda value: value, default.arg)  # type: ignore[attr-defined]
    return found


# An entry is written by one Core INSERT and taken into the session as written (repo.create_entry): the ORM's
# flush of a new object cost three times the statement.
_ENTRY = cast(Table, Entry.__table__)
_ENTRY_DEFAULTS = _defaults(_ENTRY)
_CONVERSATION_DEFAULTS = _defaults(_CONVERSATION_TABLE)
_INSERT_ENTRY = Direct(insert(_ENTRY).returning(_ENTRY.c.id))
# Its "create" event likewise; the session remembers it (by entry id) for amend_creation.
_EVENT = cast(Table, EntryEvent.__table__)
_INSERT_EVENT = Direct(insert(_EVENT).returning(_EVENT.c.id))
_UPDATE_EVENT_CHANGES = Direct(update(_EVENT).where(_EVENT.c.id == bindparam("event_id")).values(
    changes=bindparam("changes")))
_CREATED = "jianfu_created_events"  # Session.info key: {entry id: (create event id, its changes)}


def create_entry(
    session: Session, member: Member | None, *, at: dt.datetime | None = None, twin_since: dt.datetime | None = None,
    **fields: Any,
) -> Entry:
    """Insert an entry and its "create" event; `at` is the caller's clock (default: now). With `twin_since`, the
    INSERT also finds the entry's twin recorded since then (similar_recent_entry_id, which then reads no more)."""
    if at is not None:
        fields.setdefault("created_at", at)
        fields.setdefault("updated_at", at)
    session.flush()  # what is pending goes first, as the entry's own flush had it
    values = {name: fields[name] if name in fields else default() for name, default in _ENTRY_DEFAULTS.items()}
    values.update(fields)
    conn = connection_of(session)
    twins: dict[tuple[Any, ...], int | None] = {}  # another entry written makes earlier findings stale
    session.info[_TWINS] = twins
    if twin_since is None:
        entry_id = _INSERT_ENTRY.scalar(conn, values)
    else:
        twin_of = {"twin_" + name: values[name] for name in _TWIN_FIELDS}
        row = _INSERT_ENTRY_TWIN[bool(values["title"])].first(conn, {**values, **twin_of, "twin_since": twin_since})
        assert row is not None
        entry_id = row[0]
        twins[(entry_id, twin_since, *twin_of.values())] = None if row[1] is None else int(row[1])
    entry = as_loaded(Entry, {"id": entry_id, **values})  # as written, without a read
    take_in(session, entry)
    topics.write(conn, [entry])
    after = snapshot(entry)
    changes = {k: [None, v] for k, v in after.items() if v is not None}
    event_id = _INSERT_EVENT.scalar(conn, {"entry_id": entry.id, "member_id": member.id if member else None,
                                           "action": "create", "changes": changes, "at": at or utcnow()})
    session.info.setdefault(_CREATED, {})[entry.id] = (event_id, changes)  # for amend_creation, without a read
    return entry


def change_entry(
    session: Session,
    entry: Entry,
    member: Member | None,
    action: str,
    *,
    at: dt.datetime | None = None,
    **changes: Any,
) -> dict[str, list[Any]]:
    """Apply changes and write one audit event with before/after values of what really changed."""
    diff: dict[str, list[Any]] = {}
    for name, value in changes.items():
        before = _plain(getattr(entry, name))
        after = _plain(value)
        if before != after:
            diff[name] = [before, after]
            setattr(entry, name, value)
    if diff or action != "update":
        entry.updated_at = at or utcnow()
        session.flush()
        record_event(session, entry, member, action, diff, at=at)
    return diff


def void_entry(
    session: Session, entry: Entry, member: Member | None, at: dt.datetime | None = None
) -> None:
    change_entry(session, entry, member, "void", at=at, status="voided")


def record_event(
    session: Session,
    entry: Entry,
    member: Member | None,
    action: str,
    changes: dict[str, Any],
    at: dt.datetime | None = None,
    flush: bool = True,
) -> EntryEvent:
    event = EntryEvent(
        entry_id=entry.id,
        member_id=member.id if member else None,
        action=action,
        changes=changes,
        at=at or utcnow(),
    )
    session.add(event)
    if flush:
        session.flush()
    return event


def latest_own_entry(
    session: Session, member_id: int, kind: str | None = None, on: dt.date | None = None
) -> Entry | None:
    """The member's most recent live entry, optionally of a kind and date ("明天的会取消了")."""
    query = select(Entry).where(Entry.created_by == member_id, Entry.status != "voided")
    if kind:
        query = query.where(Entry.kind == kind)
    if on:
        query = query.where(Entry.occurs_on == on)
    return session.scalar(query.order_by(Entry.id.desc()).limit(1))


# What makes two entries twins (similar_recent_entry_id), besides the window: the same values of these.
_TWIN_FIELDS = ("unit_id", "kind", "direction", "occurs_on", "title")
_TWINS = "jianfu_twins"  # Session.info: {(entry id, since, *_TWIN_FIELDS): twin id}, found by the entry's INSERT


def _twin_query(titled: bool, new_row: bool) -> Any:
    """The first counted entry of the same unit, kind, direction, date and title recorded since `since`, other than
    the entry itself — given as `entry_id`, or (`new_row`) the row an INSERT … RETURNING writes."""
    entry = Entry.__table__.alias("twin").c if new_row else Entry.__table__.c
    given = "twin_" if new_row else ""
    # The new row's id, named as it is in RETURNING: SQLite renders the subquery's own columns unqualified there
    # (they are the twin's: the innermost FROM), PostgreSQL qualified by the alias.
    other = entry.id != (literal_column("entry.id") if new_row else bindparam("entry_id"))
    query = select(entry.id).where(
        other,
        entry.unit_id == bindparam(given + "unit_id"),
        entry.kind == bindparam(given + "kind"),
        entry.direction == bindparam(given + "direction"),
        entry.occurs_on == bindparam(given + "occurs_on"),
        entry.created_at >= bindparam(given + "since", type_=entry.created_at.type),
        entry.status.not_in(NOT_COUNTED),
    )
    query = query.where(entry.title == bindparam(given + "title")) if titled else query.where(entry.title.is_(None))
    return query.order_by(entry.id).limit(1)


_SIMILAR_RECENT = {titled: Direct(_twin_query(titled, new_row=False)) for titled in (True, False)}
# The entry's INSERT that also finds its twin: one statement fewer per record (handlers.record.duplicate_hint).
_INSERT_ENTRY_TWIN = {titled: Direct(insert(_ENTRY).returning(_ENTRY.c.id, _twin_query(titled, new_row=True)
                                                              .scalar_subquery()))
                      for titled in (True, False)}


def similar_recent_entry_id(session: Session, entry: Entry, since: dt.datetime) -> int | None:
    """Another counted entry of the same unit, kind, direction, date and title, recorded since `since` (as found by
    the entry's INSERT when it looked since then and nothing it compares has changed)."""
    key = (entry.id, since, *(getattr(entry, name) for name in _TWIN_FIELDS))
    found_ahead: dict[tuple[Any, ...], int | None] = session.info.get(_TWINS) or {}
    if key in found_ahead:
        return found_ahead[key]
    found = _SIMILAR_RECENT[bool(entry.title)].scalar(_core(session), {
        "entry_id": entry.id, "unit_id": entry.unit_id, "kind": entry.kind, "direction": entry.direction,
        "occurs_on": entry.occurs_on, "since": since, "title": entry.title})
    return int(found) if found is not None else None


def count_entries(
    session: Session,
    unit_ids: Sequence[int],
    start: dt.date,
    end: dt.date,
    kind: str | None = None,
    direction: str | None = None,
    subtypes: Iterable[str] | None = None,
    in_scope_only: bool = False,
    exclude_id: int | None = None,
) -> int:
    """Sum of quantities of counted entries (not voided, not rejected) dated within [start, end];
    `exclude_id` leaves out the entry being checked."""
    statement = _count_entries(bool(kind), bool(direction), subtypes is not None, in_scope_only, exclude_id is not None)
    return int(autoflushed(session).scalar(statement, {
        "unit_ids": list(unit_ids), "start": start, "end": end, "kind": kind, "direction": direction,
        "subtypes": list(subtypes) if subtypes is not None else [], "exclude_id": exclude_id}) or 0)


@functools.cache
def _count_entries(by_kind: bool, by_direction: bool, by_subtypes: bool, in_scope_only: bool, excluding: bool) -> Any:
    """count_entries' statement for one shape of question, built once (bound parameters; the lists expand at
    execution): the rules count the ledger at every record."""
    query = select(func.coalesce(func.sum(Entry.quantity), 0)).where(
        Entry.unit_id.in_(bindparam("unit_ids", expanding=True)),
        Entry.occurs_on >= bindparam("start"),
        Entry.occurs_on <= bindparam("end"),
        Entry.counted(),
    )
    if by_kind:
        query = query.where(Entry.kind == bindparam("kind"))
    if by_direction:
        query = query.where(Entry.direction == bindparam("direction"))
    if by_subtypes:
        query = query.where(Entry.subtype.in_(bindparam("subtypes", expanding=True)))
    if in_scope_only:
        query = query.where(Entry.in_scope.is_(True))
    if excluding:
        query = query.where(Entry.id != bindparam("exclude_id"))
    return query


def _plain(value: Any) -> Any:
    """A JSON-safe form of a column value for the audit trail."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


# --- filing, corrections and the audit trail (issue 9) -----------------------------------------

def last_event_id(session: Session, entry_id: int) -> int:
    return int(session.scalar(select(func.max(EntryEvent.id)).where(EntryEvent.entry_id == entry_id)) or 0)


def amend_creation(session: Session, entry: Entry, **fields: Any) -> None:
    """Set fields decided by the same message that created the entry (rule flags, 须报备), shown in its
    create event: one message, one event."""
    amended = {name: [None, _plain(v)] for name, v in fields.items()}
    written = session.info.get(_CREATED, {}).get(entry.id)
    if written is None:  # created by another unit: its event is looked up and changed through the ORM
        for name, value in fields.items():
            setattr(entry, name, value)
        created = next((e for e in reversed(entry_events(session, entry.id)) if e.action == "create"), None)
        if created is not None:
            created.changes = {**created.changes, **amended}
        return
    # Created by this unit (create_entry): two Core UPDATEs, the entry as loaded, no flush of the ORM's.
    event_id, changes = written
    changes.update(amended)
    conn = connection_of(session)
    _set_entry_columns(tuple(fields)).rows(conn, {"entry_id": entry.id, **fields})
    _UPDATE_EVENT_CHANGES.rows(conn, {"event_id": event_id, "changes": changes})
    for name, value in fields.items():
        set_committed_value(entry, name, value)


@functools.cache
def _set_entry_columns(names: tuple[str, ...]) -> Direct:
    """UPDATE of these columns of one entry, built once per set of columns (bound parameters of their names)."""
    return Direct(update(_ENTRY).where(_ENTRY.c.id == bindparam("entry_id")).values(
        {name: bindparam(name) for name in names}))


def entry_events(session: Session, entry_id: int) -> list[EntryEvent]:
    return list(session.scalars(select(EntryEvent).where(EntryEvent.entry_id == entry_id).order_by(EntryEvent.id)))


def conversations_of_units(session: Session, unit_ids: Iterable[int]) -> list[Conversation]:
    """Groups bound to any of the units, oldest first."""
    ids = list(unit_ids)
    if not ids:
        return []
    return list(
        session.scalars(select(Conversation).where(Conversation.unit_id.in_(ids)).order_by(Conversation.id))
    )


def unarchived_due(
    session: Session, today: dt.date, working_days: int, calendar: WorkCalendar | None = None
) -> list[Entry]:
    """Approved items whose date lies `working_days` working days or more behind today, still not archived.

    For the scheduler's 备案 reminders (seed 002 §三 坚持事后备案). Oldest first. Items held without
    required filing are not here: they cannot be archived (不予认可) and unfiled_held lists them.
    Working days are the process's calendar (bot.calendar) unless one is given.
    """
    tomorrow = today + dt.timedelta(days=1)
    # The latest day with `working_days` working days after it, up to and including today.
    cutoff = (calendar or work_calendar()).add_workdays(tomorrow, -working_days) - dt.timedelta(days=1)
    return list(
        session.scalars(
            select(Entry)
            .where(Entry.status == "approved", Entry.occurs_on <= cutoff)
            .order_by(Entry.occurs_on, Entry.id)
        )
    )


def unfiled_held(session: Session, unit_ids: Sequence[int] | None, start: dt.date, end: dt.date) -> list[Entry]:
    """Items that needed filing but were held without it (status recorded, filing_required), by date.

    Written so the (status, filing_required, unit_id, occurs_on) index answers it: with an ORDER BY on the date,
    or no bound on the unit, SQLite's planner took (status, occurs_on) instead and read every recorded entry
    of the period (0.36 s at 1,000,000 entries). The few rows found are sorted here."""
    query = select(Entry).where(
        Entry.filing_required.is_(True),
        Entry.status == "recorded",
        Entry.occurs_on >= start,
        Entry.occurs_on <= end,
        Entry.unit_id.in_(list(unit_ids)) if unit_ids is not None else Entry.unit_id >= 0,
    )
    return sorted(session.scalars(query), key=lambda e: (e.occurs_on, e.id))


def member_in_unit(session: Session, unit_id: int, name: str) -> Member | None:
    """The member of this name in the unit, whatever their status."""
    return session.scalar(select(Member).where(Member.unit_id == unit_id, Member.name == name))


def member_by_platform_id_any_status(session: Session, platform: str, user_id: str) -> Member | None:
    """The member (active or pending) this platform account belongs to, with its unit (the dispatcher reads
    member.unit next): one Core statement, the rows taken into the session as loaded. Once the session has
    read the members' stamp (units_version), the row comes from this process's copy as of that stamp."""
    if not platform or not user_id:
        return None
    row = _account_row(session, platform, user_id)
    if row is None:
        return None
    member = _as_loaded(session, Member, dict(zip(_MEMBER_COLUMNS, row[:_MEMBER_WIDTH], strict=True)))
    if row[_MEMBER_WIDTH] is not None and "unit" not in sa_inspect(member).dict:  # the unit's id: it has one
        unit = _as_loaded(session, Unit, dict(zip(_UNIT_COLUMNS, row[_MEMBER_WIDTH:], strict=True)))
        set_committed_value(member, "unit", unit)
    return member


# The accounts' rows (member and unit columns; None: no such account) as of one members stamp, per process.
_accounts: tuple[str, dict[tuple[str, str], tuple[Any, ...] | None]] = ("", {})


def _account_row(session: Session, platform: str, user_id: str) -> tuple[Any, ...] | None:
    global _accounts
    seen = session.info.get(_MEMBERS_SEEN)  # "": no stamp yet (a database whose members never changed since)
    if not seen or (session.autoflush and (session.new or session.deleted or session.dirty)):
        row = autoflushed(session).execute(_MEMBER_BY_ACCOUNT, {"platform": platform, "external_id": user_id}).first()
        return None if row is None else tuple(row)
    version, rows = _accounts
    if version != seen:
        version, rows = _accounts = (seen, {})
    key = (platform, user_id)
    if key not in rows:
        row = connection_of(session).execute(_MEMBER_BY_ACCOUNT, {"platform": platform, "external_id": user_id}).first()
        rows[key] = None if row is None else tuple(row)
    return rows[key]


# What quotas there are — (unit id, kind, direction, year) — as of one quotas stamp, per process.
_quota_keys: tuple[str, frozenset[tuple[int, str, str, int]]] | None = None
_QUOTA_TABLE = cast(Table, Quota.__table__)
_QUOTA_KEYS = Direct(select(_QUOTA_TABLE.c.unit_id, _QUOTA_TABLE.c.kind, _QUOTA_TABLE.c.direction,
                            _QUOTA_TABLE.c.year).distinct())


def quota_keys(session: Session) -> frozenset[tuple[int, str, str, int]] | None:
    """Which (unit id, kind, direction, year) have a quota, from this process's copy as of the quotas stamp this
    transaction read (units_version), so that a record whose unit has none (as a rule) looks nothing up; None
    when the stamp was not read or the session has changes of its own. No stamp row yet ("") is a version too:
    every quota written through the ORM writes one (_bump_versions), and deletions only leave keys that the
    look-up behind them finds gone."""
    global _quota_keys
    seen: str | None = session.info.get(_QUOTAS_SEEN)
    if seen is None or session.new or session.deleted or session.dirty:
        return None
    cached = _quota_keys
    if cached is None or cached[0] != seen:
        keys = frozenset((int(u), str(k), str(d), int(y)) for u, k, d, y in _QUOTA_KEYS.rows(connection_of(session), {}))
        cached = _quota_keys = (seen, keys)
    return cached[1]


_MEMBER, _UNIT, _IDENTITY = (cast(Table, m.__table__) for m in (Member, Unit, MemberIdentity))
_MEMBER_WIDTH = len(_MEMBER.c)  # the member's columns, then the unit's
_MEMBER_COLUMNS, _UNIT_COLUMNS = tuple(_MEMBER.c.keys()), tuple(_UNIT.c.keys())  # named once, not per message
_MEMBER_BY_ACCOUNT = (
    select(*_MEMBER.c, *_UNIT.c)
    .select_from(_MEMBER.join(_IDENTITY, _IDENTITY.c.member_id == _MEMBER.c.id)
                 .outerjoin(_UNIT, _UNIT.c.id == _MEMBER.c.unit_id))
    .where(_IDENTITY.c.platform == bindparam("platform"), _IDENTITY.c.external_id == bindparam("external_id"))
)




def _as_loaded(session: Session, cls: type[_Loaded], values: Mapping[Any, Any]) -> _Loaded:
    """The object a query would give for a row of all its table's columns: the session's own when it has
    one of that id (left as it is, as a query leaves it), else one taken in as loaded, without a read."""
    found: _Loaded | None = session.identity_map.get(class_mapper(cls).identity_key_from_primary_key((values["id"],)))
    if found is not None:
        return found
    made = as_loaded(cls, values)
    take_in(session, made)
    return made


def take_in(session: Session, loaded: object) -> None:
    """session.add() of an object as_loaded made: its state taken in as persistent, without add()'s cascade over the
    mapper's relationships, of which such an object has none loaded (a quarter of add(), some five times a message).
    Session._update_impl is what add() does for a detached object, before that cascade."""
    session._update_impl(instance_state(loaded))


_Mapped = TypeVar("_Mapped")


def take_over(session: Session, loaded: _Mapped) -> _Mapped:
    """An object a closed read unit loaded (Database.read detaches them as loaded), taken into this session as it
    is, with the objects its loaded relationships hold: what merge(load=False) did by copying each of them (two
    copies a message, a tenth of the write transaction's work). The object itself when the session holds it
    already; the session's merge when it holds another of that identity, or the object is not detached."""
    if loaded in session:
        return loaded
    found: list[Any] = []
    pending = [instance_state(loaded)]
    while pending:
        state = pending.pop()
        if state.key is None or state.session_id is not None or state.key in session.identity_map:
            return session.merge(loaded, load=False)
        found.append(state)
        for relationship in state.mapper.relationships:
            held = state.dict.get(relationship.key)
            for other in (held if isinstance(held, list) else () if held is None else (held,)):
                other_state = instance_state(other)
                if other_state not in found and other_state not in pending:
                    pending.append(other_state)
    for state in found:
        session._update_impl(state)
    return loaded


def as_loaded(cls: type[_Mapped], values: Mapping[str, Any]) -> _Mapped:
    """A detached object of these column values, as a query loads one: the values go straight into its state
    (as the ORM's loader puts them), without the constructor's per-attribute change events, which a flush
    would then find nothing in; relationships not given load when first read."""
    made: _Mapped = class_mapper(cls).class_manager.new_instance()
    made.__dict__.update(values)
    make_transient_to_detached(made)
    return made


def as_constructed(cls: type[_Mapped], values: Mapping[str, Any]) -> _Mapped:
    """A transient object of these column values, as cls(**values) makes it, for reading what it would be (it is
    never added): the values go straight into its state, without the constructor's per-attribute change events."""
    made: _Mapped = class_mapper(cls).class_manager.new_instance()
    made.__dict__.update(values)
    return made


def add_account(session: Session, member: Member, platform: str, external_id: str) -> MemberIdentity:
    """Bind a platform account to the member (the caller checked it is free and the platform unbound)."""
    identity = MemberIdentity(platform=platform, external_id=external_id)
    member.identities.append(identity)
    session.flush()
    return identity


def open_bind_request_from(session: Session, platform: str, external_id: str) -> BindRequest | None:
    """The account's request still waiting for an answer (at most one: a partial unique index)."""
    return session.scalar(select(BindRequest).where(
        BindRequest.platform == platform, BindRequest.external_id == external_id, BindRequest.status == "pending"))


def open_bind_requests_named(session: Session, name: str, unit_ids: Iterable[int] | None) -> list[BindRequest]:
    """Open requests to be `name` in the units (None: any unit), oldest first."""
    query = select(BindRequest).where(BindRequest.name == name, BindRequest.status == "pending")
    if unit_ids is not None:
        query = query.where(BindRequest.unit_id.in_(list(unit_ids)))
    return list(session.scalars(query.order_by(BindRequest.id)))


def quota_row(
    session: Session, unit_id: int, kind: str, direction: str, period: str, year: int
) -> Quota | None:
    return session.scalar(
        select(Quota).where(
            Quota.unit_id == unit_id,
            Quota.kind == kind,
            Quota.direction == direction,
            Quota.period == period,
            Quota.year == year,
        )
    )


def adjust_quota(
    session: Session, quota: Quota, delta: int, reason: str, member: Member | None, at: dt.datetime
) -> QuotaAdjustment:
    """Record an adjustment with why, by whom and when; the base limit stays as set.

    The limit in force is `limit + sum(adjustments)` (bot.rules.quotas.effective_limit).
    """
    adjustment = QuotaAdjustment(delta=delta, reason=reason, approved_by=member.id if member else None, at=at)
    quota.adjustments.append(adjustment)
    session.flush()
    return adjustment
