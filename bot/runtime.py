"""Wiring: one place that builds the database, the services and the dispatcher from settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from bot.channels.registry import Channels
from bot.clock import Clock, SystemClock
from bot.dispatcher import Dispatcher
from bot.services import Services
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

    @property
    def services(self) -> Services:
        """The services every message, tick and command of this runtime is handled with."""
        return self.dispatcher.services

    @services.setter
    def services(self, services: Services) -> None:
        """Hand the runtime other services (tests: a copy with another export or config folder)."""
        self.dispatcher.services = services
        self.settings = services.settings

    @property
    def channels(self) -> Channels:
        """The registered platforms, configured by the settings (Services.channels)."""
        return self.services.channels


def build(
    settings: Settings | None = None,
    clock: Clock | None = None,
    db_url: str | None = None,
    db: Database | None = None,
) -> Runtime:
    settings = settings or Settings.from_env()
    db = db or Database(db_url or settings.database_url)
    clock = clock or SystemClock()
    services = Services.from_settings(settings, db, clock)
    dispatcher = Dispatcher(db, clock, services, max_text_chars=settings.max_text_chars)
    return Runtime(settings=settings, db=db, clock=clock, dispatcher=dispatcher)


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
    from storage import repo

    with runtime.db.session() as session:
        lexicon = Lexicon.from_units(repo.lexicon_units(session))
    warm_up_parser(lexicon)
    runtime.services.rules.current()
