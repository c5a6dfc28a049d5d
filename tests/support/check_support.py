"""Asking a check question through the bot and reading its verdict: the round tests of issue 14 share it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def verdict_of(say: Callable[..., Any], text: str, user: str = "张三") -> tuple[str, set[str]]:
    """(verdict, the items cited) of the bot's answer; the answer must be a check, never a record or a query."""
    reply = say(text, user=user)
    assert reply.intent == "check", (text, reply.intent, reply.text)
    return reply.data["verdict"], {r["item"] for r in reply.data["rules"]}
