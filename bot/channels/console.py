"""The local console channel: pushes to console groups are appended to a log file a person can read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.clock import Clock, SystemClock


class ConsolePushSender:
    """Outbox sender for channel "console": one JSON line per push in data/pushes.log."""

    def __init__(self, path: Path = Path("data/pushes.log"), clock: Clock | None = None) -> None:
        self.path = path
        self.clock = clock or SystemClock()

    def send(self, target: str, payload: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = {"at": self.clock.now().isoformat(), "target": target, **payload}
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
