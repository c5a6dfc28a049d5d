"""Wiring: one place that builds the database, the dispatcher and its services from settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bot.channels.registry import Channels
from bot.clock import Clock, SystemClock
from bot.dispatcher import Dispatcher
from config.settings import CONFIG_DIR, Settings
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Unit
from storage.seed import SeedResult, load_org_file

DEMO_ORG = CONFIG_DIR / "org.example.yaml"


@dataclass
class Runtime:
    settings: Settings
    db: Database
    clock: Clock
    dispatcher: Dispatcher
    services: dict[str, Any] = field(default_factory=dict)
    channels: Channels = field(default_factory=Channels)  # the registered platforms, configured by settings


def build(
    settings: Settings | None = None,
    clock: Clock | None = None,
    db_url: str | None = None,
    db: Database | None = None,
) -> Runtime:
    settings = settings or Settings.from_env()
    db = db or Database(db_url or settings.database_url)
    clock = clock or SystemClock()
    channels = Channels(settings)
    services: dict[str, Any] = {"settings": settings, "db": db, "channels": channels}
    dispatcher = Dispatcher(db, clock, services, max_text_chars=settings.max_text_chars)
    return Runtime(settings=settings, db=db, clock=clock, dispatcher=dispatcher, services=services,
                   channels=channels)


def init_db(db: Database) -> None:
    upgrade(db)


def seed(db: Database, path: Path = DEMO_ORG) -> SeedResult:
    with db.session() as session:
        return load_org_file(session, path)


def seed_if_empty(db: Database, path: Path = DEMO_ORG) -> SeedResult | None:
    with db.session() as session:
        if session.scalar(select(func.count(Unit.id))):
            return None
    return seed(db, path)


def warm_up(runtime: Runtime) -> None:
    """Load the parser's dictionaries and the rules before the first message, so that the first
    webhook answers inside the platform's 5-second window instead of paying seconds of loading."""
    from bot.nlu import Lexicon
    from bot.nlu import warm_up as warm_up_parser
    from bot.rules.store import rule_store
    from storage import repo

    with runtime.db.session() as session:
        lexicon = Lexicon.from_units(repo.lexicon_units(session))
    warm_up_parser(lexicon)
    rule_store(runtime.services).current()
