"""What a tick decided to push: a dedupe key, a group, a lazily built message, and who is notified."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.push import Push
from storage.models import Conversation


@dataclass(frozen=True)
class Note:
    """A Notification row to log once the push is queued (its key makes it once per alert, not per group)."""

    key: str
    kind: str  # reminder | archive_reminder | quota_warning | over_quota
    unit_id: int | None
    member_id: int | None
    entry_id: int | None
    text: str


@dataclass
class Planned:
    key: str  # Outbox dedupe key: "<job>:<period>:conv:<id>", "reminder:entry:…", "quota:…"
    conversation: Conversation
    build: Callable[[], Push | None]  # called only when the key is not queued yet; None: nothing to send
    notes: list[Note] = field(default_factory=list)
    kind: str = ""  # weekly | monthly | quarterly | reminder | archive_reminder | quota_warning | over_quota
