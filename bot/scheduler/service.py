"""APScheduler wiring: one job, "call Scheduler.tick every minute", kept in a SQLAlchemy job store.

The job store is APScheduler's own table `apscheduler_jobs` in the application database, created by
APScheduler itself when the scheduler starts (decision: it is APScheduler's private format, pickled
job state that changes with APScheduler versions, so it stays out of our Alembic history; our schema
holds only what we read). The job is stored by reference ("bot.scheduler.service:run_tick") with the
name of this process's Scheduler, so every process that starts a scheduler can run it.

APScheduler 3 does not coordinate processes sharing a job store: two processes may both run the tick
in the same minute. That is fine — the Lease and the Outbox dedupe keys make the tick idempotent.
misfire_grace_time and coalesce only decide whether a late APScheduler run happens at all; missed pushes
are found by the tick itself from the schedule (periods.due), not from APScheduler's memory.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

from bot.runtime import Runtime
from bot.scheduler.config import load_config
from bot.scheduler.runner import Scheduler

log = logging.getLogger(__name__)

JOBSTORE = "db"
JOBSTORE_TABLE = "apscheduler_jobs"
TICK_JOB_ID = "scheduler-tick"
TICK_SECONDS = 60
MISFIRE_GRACE_SECONDS = 3600

# Scheduler instances of this process, by name: the stored job names one, not a live object.
_INSTANCES: dict[str, Scheduler] = {}


def scheduler_for(runtime: Runtime) -> Scheduler:
    settings = runtime.settings
    return Scheduler(
        runtime.db,
        clock=runtime.clock,
        config=load_config(settings.config_dir),
        channels=runtime.channels,
        config_dir=settings.config_dir,
        services=runtime.services,
    )


def register(name: str, scheduler: Scheduler) -> None:
    _INSTANCES[name] = scheduler


def run_tick(name: str = "default") -> None:
    """The stored job's function: tick this process's scheduler; never let an error kill the job."""
    scheduler = _INSTANCES.get(name)
    if scheduler is None:
        log.warning("no scheduler named %r in this process; tick skipped", name)
        return
    try:
        scheduler.tick()
    except Exception:
        log.exception("scheduler tick failed")


def close_all() -> None:
    """Release this process's leases on shutdown, so another process takes over at once."""
    for scheduler in _INSTANCES.values():
        try:
            scheduler.close()
        except Exception:
            log.exception("could not release the scheduler lease")


def add_scheduler_jobs(aps: Any, runtime: Runtime, name: str = "default") -> Scheduler:
    """Add the job store and the tick job to an APScheduler scheduler (before or after start)."""
    scheduler = scheduler_for(runtime)
    register(name, scheduler)
    with contextlib.suppress(ValueError):  # added before: this scheduler already has our job store
        aps.add_jobstore(SQLAlchemyJobStore(engine=runtime.db.engine, tablename=JOBSTORE_TABLE), JOBSTORE)
    aps.add_job(
        run_tick, "interval", seconds=TICK_SECONDS, args=[name], id=TICK_JOB_ID, jobstore=JOBSTORE,
        replace_existing=True, coalesce=True, max_instances=1, misfire_grace_time=MISFIRE_GRACE_SECONDS,
    )
    return scheduler
