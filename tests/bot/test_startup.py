"""bot.startup: the collector held while an entry point starts, and only then."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

from bot import startup

ROOT = Path(__file__).resolve().parents[2]


def test_release_does_nothing_unless_hold_turned_the_collector_off() -> None:
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    startup.release()
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    gc.disable()
    try:
        startup.hold()  # someone else turned it off: not ours to turn back on
        assert not startup.held()
        startup.release()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_hold_then_release_freezes_and_enables() -> None:
    code = ("import gc; from bot import startup; startup.hold(); assert not gc.isenabled() and startup.held(); "
            "x = [[] for _ in range(1000)]; startup.release(); "
            "assert gc.isenabled() and not startup.held() and gc.get_freeze_count() > 1000; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.stdout.strip() == "ok"


def test_a_command_run_in_process_leaves_the_collector_alone(tmp_path) -> None:
    from bot.cli import main

    assert main(["init-db", "--db", f"sqlite:///{tmp_path}/x.db"]) == 0
    assert gc.isenabled() and not startup.held()
