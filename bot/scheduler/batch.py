"""One tick's queries for every unit at once (issue 18: 3,000 units must not mean 3,000 × N queries).

While a tick plans, `batched(session)` is in force: the digest builders ask, as always, for one scope's
figures, lists and quotas (bot.scheduler.figures), and the first such question of a kind is answered for
every unit with one query — the statistics of bot.stats (`figures`, `tally`) over all unit ids — and
remembered for the rest of the tick; each later scope takes its part. Outside a tick (push-now, tests)
nothing is remembered and every question queries its own units, as before.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Hashable, Iterator
from contextvars import ContextVar
from typing import Any, TypeVar

from sqlalchemy.orm import Session

T = TypeVar("T")


class Batch:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._memo: dict[Hashable, Any] = {}

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        if key not in self._memo:
            self._memo[key] = compute()
        value: T = self._memo[key]
        return value


_CURRENT: ContextVar[Batch | None] = ContextVar("scheduler_batch", default=None)


@contextlib.contextmanager
def batched(session: Session) -> Iterator[Batch]:
    """Answer the tick's questions for all units at once, as long as the block lasts."""
    batch = Batch(session)
    token = _CURRENT.set(batch)
    try:
        yield batch
    finally:
        _CURRENT.reset(token)


def current(session: Session) -> Batch | None:
    """The batch of this session's tick, if one is in force."""
    batch = _CURRENT.get()
    return batch if batch is not None and batch.session is session else None
