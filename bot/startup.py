"""The cyclic garbage collector held off while a process starts (issue 17: start time).

Starting builds some million containers that all live on — the imported modules (SQLAlchemy's above
all), the parser's tables, the rule book, the example banks' index — and Python's collector, which runs
every 700 net allocations, goes through them again and again for garbage there is almost none of:
≈0.2 s of a `say`'s CPU, ≈0.07 s of reading the banks' index alone. An entry point (`python -m bot`,
bot.wsgi) calls `hold()` before its imports; once what the process keeps is built, `release()` freezes it
(out of every later collection's reach: a server's forked workers do not copy the pages they share with the
master by collecting them) and turns the collector back on. It does not collect first: a full collection of
a warmed-up server (≈300,000 tracked objects) costs 0.15–0.2 s and finds some 800 objects of garbage,
which stay frozen. `say` (one
message, then the process ends) never releases it: its cyclic garbage is a few MB at most.

Only a process whose entry point held the collector is affected: a test that calls bot.cli.main, or any
code importing the bot, keeps the collector as it was.
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """Collect no cycles until `release()` (an entry point, before its imports)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """What the start built, frozen; the collector on again. Nothing unless `hold()` disabled it."""
    global _held
    if not _held:
        return
    _held = False
    gc.freeze()
    gc.enable()


def held() -> bool:
    return _held
