"""What flows through the dispatcher: a platform-neutral incoming message and the reply to it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class IncomingMessage:
    platform: str  # the channel it came through (bot/channels/registry.py), e.g. console
    message_id: str  # the platform's id, unique per platform: the dedupe key
    chat_id: str  # the platform's conversation id (group or 1:1)
    sender_id: str  # the platform's user id (console: the member's name)
    text: str  # as the member wrote it, @-mentions stripped by the channel
    sender_name: str | None = None
    chat_title: str | None = None
    is_group: bool = True
    # console only: disambiguates members of the same name in different units
    sender_unit: str | None = None
    received_at: dt.datetime | None = None


@dataclass
class Reply:
    text: str
    intent: str = "unknown"
    entry_ids: list[int] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    markdown: str | None = None
    # platform user ids to @-mention in the answer
    mention: list[str] = field(default_factory=list)
    # True when this answers a repeated delivery (the platform retried)
    duplicate: bool = False
    # a file produced for the user (export), path on disk
    attachment: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "intent": self.intent,
            "entry_ids": self.entry_ids,
            "data": self.data,
        }
        # A rules check also carries its verdict and cited rules at the top level (design §5, issue 6).
        for key in ("verdict", "rules"):
            if key in self.data:
                out[key] = self.data[key]
        return out

    @classmethod
    def from_stored(cls, text: str, intent: str | None, data: dict[str, Any]) -> Reply:
        stored = dict(data or {})
        entry_ids = list(stored.pop("entry_ids", []))
        return cls(text=text, intent=intent or "unknown", entry_ids=entry_ids, data=stored, duplicate=True)
