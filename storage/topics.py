"""EntryTopic rows kept in step with their entries, whatever path writes them (an ORM flush hook).

What an entry is about is decided by the rules' topic extractor (bot.rules.topic registers it at import;
storage knows no jieba): once, when the entry is written or its text, kind, unit or date changes, so the
三个凡是 look-ups are index seeks on (unit, kind, direction, key, date) instead of re-reading old entries.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, delete, event, insert
from sqlalchemy.orm import Session, attributes

from storage.direct import Direct
from storage.models import Entry, EntryTopic

KINDS = ("meeting", "document")  # the kinds the 三个凡是 look up
FIELDS = ("unit_id", "kind", "direction", "occurs_on", "title", "raw_text")
MAX_KEYS = 12  # a long message says what it is about in its first words

Extractor = Callable[[str | None, str | None], Iterable[str]]
_extract: Extractor | None = None


def register(extract: Extractor) -> None:
    """Set the function giving an entry's subject words from its title and raw text."""
    global _extract
    _extract = extract


def topic_rows(entry_id: int, unit_id: int, kind: str, direction: str, occurs_on: dt.date,
               title: str | None, raw_text: str | None) -> list[dict[str, Any]]:
    if _extract is None or kind not in KINDS:
        return []
    keys = sorted({k[:32] for k in _extract(title, raw_text)})[:MAX_KEYS]
    return [{"entry_id": entry_id, "key": k, "unit_id": unit_id, "kind": kind, "direction": direction,
             "occurs_on": occurs_on} for k in keys]


@event.listens_for(Session, "after_flush")
def _sync(session: Session, _context: Any) -> None:
    if _extract is None:
        return
    new = [o for o in session.new if isinstance(o, Entry)]
    changed = [o for o in session.dirty if isinstance(o, Entry) and any(
        attributes.get_history(o, name).has_changes() for name in FIELDS)]
    if not new and not changed:
        return
    conn = session.connection()
    if changed:
        conn.execute(delete(EntryTopic).where(EntryTopic.entry_id.in_([e.id for e in changed])))
    write(conn, (*new, *changed))


def write(conn: Connection, entries: Iterable[Entry]) -> None:
    """Insert the subject words of entries that have none yet (the flush hook's, and repo.create_entry's for
    the entries it writes without a flush)."""
    rows = [r for e in entries
            for r in topic_rows(e.id, e.unit_id, e.kind, e.direction, e.occurs_on, e.title, e.raw_text)]
    if not rows:
        return
    if conn.dialect.name != "postgresql" or len(rows) > MAX_KEYS:
        _INSERT.many(conn, rows)
        return
    # psycopg runs an executemany as a pipeline: one INSERT of all the rows costs half its CPU (and one round trip).
    _insert_rows(len(rows)).rows(conn, {f"{name}_{i}": value for i, row in enumerate(rows) for name, value in row.items()})


_INSERT = Direct(insert(EntryTopic))  # every meeting or document recorded
_TOPICS = cast(Table, EntryTopic.__table__)


@functools.cache
def _insert_rows(n: int) -> Direct:
    """The INSERT of `n` topic rows in one VALUES list, their parameters named column_i."""
    return Direct(insert(_TOPICS).values([{column.key: bindparam(f"{column.key}_{i}", type_=column.type)
                                           for column in _TOPICS.columns} for i in range(n)]))
