"""Make message handling slow where it holds no lock (parsing), to test the late-reply path: a slow
step inside the write transaction would also hold back the route's own "answered late" write."""

from __future__ import annotations

import threading
from typing import Any

import pytest

import bot.dispatcher


def slow_parsing(monkeypatch: pytest.MonkeyPatch, wait_s: float = 5.0) -> threading.Event:
    """Every message waits in parse() until the returned event is set (at most wait_s)."""
    release = threading.Event()
    original = bot.dispatcher.parse

    def slow(*args: Any, **kwargs: Any) -> Any:
        release.wait(wait_s)
        return original(*args, **kwargs)

    monkeypatch.setattr(bot.dispatcher, "parse", slow)
    return release
