"""Background work in a process: the outbox worker and scheduled jobs (APScheduler 3.x).

In the embedded default it runs inside `serve`; in production the Procfile's `clock` process runs it
and web workers set SCHEDULER=off.
"""

from __future__ import annotations

import logging
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler

from bot.calendar import work_calendar
from bot.channels import registry
from bot.clock import TZ
from bot.outbox import OutboxWorker, RateLimit, Sender
from bot.push import dead_push_recorder
from bot.runtime import Runtime

log = logging.getLogger(__name__)

OUTBOX_INTERVAL_SECONDS = 5


def senders(runtime: Runtime) -> dict[str, Sender]:
    """Every registered platform's push senders (those its settings allow), by Outbox channel."""
    return runtime.channels.senders(runtime)


def rate_limits() -> dict[str, RateLimit]:
    return registry.rate_limits()


def outbox_worker(runtime: Runtime) -> OutboxWorker:
    return OutboxWorker(runtime.db, senders(runtime), runtime.clock, rate_limits(),
                        on_dead=dead_push_recorder(runtime.clock),
                        calendar=work_calendar(runtime.settings.config_dir))


def start_background(runtime: Runtime, blocking: bool = False) -> Any:
    scheduler_cls: Any = BackgroundScheduler
    if blocking:
        from apscheduler.schedulers.blocking import BlockingScheduler

        scheduler_cls = BlockingScheduler
    scheduler = scheduler_cls(timezone=TZ)
    worker = outbox_worker(runtime)
    scheduler.add_job(
        worker.run_once, "interval", seconds=OUTBOX_INTERVAL_SECONDS, id="outbox",
        max_instances=1, coalesce=True,
    )
    scheduler.add_job(
        runtime.dispatcher.resume_abandoned, "interval", seconds=60, id="resume-abandoned",
        max_instances=1, coalesce=True,
    )
    from bot.scheduler.service import add_scheduler_jobs

    add_scheduler_jobs(scheduler, runtime)  # digests, reminders, alerts: a tick every minute
    scheduler.start()
    return scheduler
