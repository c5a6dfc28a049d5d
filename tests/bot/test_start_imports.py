"""What a start imports (issue 17: start time): the scheduler's runner, digests and charts, APScheduler and the
seeding code come with the commands that use them, not with every `python -m bot` or web worker."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOT_AT_START = ("bot.scheduler.runner", "bot.scheduler.digests", "bot.scheduler.charts", "bot.background",
                "apscheduler", "storage.seed")


def test_the_commands_and_the_app_load_without_the_scheduler_and_the_seeding_code() -> None:
    code = ("import sys; import bot.cli; bot.cli.load_extensions(); import bot.app; "
            f"print(' '.join(m for m in {NOT_AT_START!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.stdout.strip() == ""


def test_the_scheduler_package_still_hands_out_its_names() -> None:
    import bot.scheduler
    from bot.scheduler import Scheduler, ScheduleConfig, TickReport, load_config
    from bot.scheduler.config import ScheduleConfig as Config
    from bot.scheduler.runner import Scheduler as Runner

    assert Scheduler is Runner and ScheduleConfig is Config and TickReport.__name__ == "TickReport"
    assert callable(load_config)
    with pytest.raises(AttributeError):
        bot.scheduler.Nothing  # noqa: B018
