"""Wiring: one place that builds the database, the services and the dispatcher from settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from bot.calendar import work_calendar
from bot.channels.registry import Channels
from bot.clock import TZ, Clock, SystemClock
from bot.dispatcher import Dispatcher
from bot.services import Services
from config.settings import CONFIG_DIR, Settings
from storage import demo
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Unit

if TYPE_CHECKING:
    from storage.seed import SeedResult

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


def seed(db: Database, path: Path = DEMO_ORG, clock: Clock | None = None, history: bool = False) -> SeedResult:
    """Load an org file; with `history`, the demo's comes with two years of demo ledger (storage.demo_ledger)."""
    from storage import demo_ledger  # a server that finds its database seeded never loads these
    from storage.seed import load_org_file

    with db.session() as session:
        result = load_org_file(session, path)
        if history and path.resolve() == DEMO_ORG.resolve():
            today = (clock or SystemClock()).now().astimezone(TZ).date()
            result.demo_entries = demo_ledger.load(session, demo.read_demo(path).county, today,
                                                   work_calendar().is_workday).entries
        return result


def seed_if_empty(db: Database, path: Path = DEMO_ORG, clock: Clock | None = None) -> SeedResult | None:
    """The demo, with its two years of ledger, into an empty database: only the local default gets this
    (bot.cli decides), so `make run` on a fresh clone shows figures, trends and 同比 at once."""
    with db.session() as session:
        if session.scalar(select(func.count(Unit.id))):
            return None
    return seed(db, path, clock, history=True)


def platform_credentials(settings: Settings) -> list[str]:
    """The WECOM_*/DINGTALK_* settings that are set: a process holding any of them talks to real people."""
    named = {
        "WECOM_AIBOT_TOKEN": settings.wecom.aibot_token, "WECOM_AIBOT_AES_KEY": settings.wecom.aibot_aes_key,
        "WECOM_CORP_ID": settings.wecom.corp_id, "WECOM_APP_TOKEN": settings.wecom.app_token,
        "WECOM_APP_AES_KEY": settings.wecom.app_aes_key, "WECOM_APP_SECRET": settings.wecom.app_secret,
        "WECOM_AGENT_ID": settings.wecom.agent_id, "DINGTALK_APP_KEY": settings.dingtalk.app_key,
        "DINGTALK_APP_SECRET": settings.dingtalk.app_secret, "DINGTALK_ROBOT_CODE": settings.dingtalk.robot_code,
    }
    return [name for name, value in named.items() if value]


def demo_refusal(runtime: Runtime, path: Path = DEMO_ORG) -> str | None:
    """Why this process must not serve: platform credentials are set while the demo admin (王五) is still
    in the database, so real groups would reach a fictional county's approver. None when it may serve."""
    credentials = platform_credentials(runtime.settings)
    if not credentials:
        return None
    org = demo.read_demo(path)
    with runtime.db.session() as session:
        admins = demo.demo_admins(session, org)
        if not admins:
            return None
        who = "、".join(f"{m.unit.name}{m.name}" for m in admins)
    return (
        f"拒绝启动：数据库（{runtime.db.url}）中仍有示范县演示数据（系统管理员{who}），"
        f"而已配置平台凭据（{'、'.join(credentials)}）。请先运行 python -m bot seed-demo --remove 删除示范数据，"
        f"再载入本县组织文件（python -m bot seed-demo --file 本县.yaml，模板见 config/org.template.yaml）。\n"
        f"Refusing to start: the demo county ({org.county}, admin {who}) is still in the database while platform "
        f"credentials are set. Run `python -m bot seed-demo --remove`, then load your own org file."
    )


# Messages as members send them most (records said with the commonest time words, and questions): parsed once by a
# server's master (warm_up), so that what the parser and the rules build when they first meet such words — the
# time scanner's expressions per pair of characters (bot.nlu.firstchars.Dispatched), the rules' look-ups — is built
# once and shared by the forked workers, not once by each on its first messages (≈0.2 s of each worker's CPU).
WARM_MESSAGES = (
    "今天上午开会，3个乡镇参加", "明天下午召开安全生产工作会议", "昨天党委发文2件", "后天收到上级文件5件",
    "前天接受县纪委督查", "下周一开展防汛督查", "下周三政府发文1件", "本周五上报材料3份", "上周四开了两次会",
    "3月5日县委办来文4件", "本月发文数", "本月开了几次会", "今年收了多少上级文件", "本周开会几次",
)


def warm_up(runtime: Runtime, shared: bool = True) -> None:
    """Load the parser's dictionaries and the rules before the first message, so that the first
    webhook answers inside the platform's 5-second window instead of paying seconds of loading.

    `shared`: forked workers will share what is built here (gunicorn --preload), so the example banks'
    tables are all decoded now, once, the dispatcher's lexicon is made, and WARM_MESSAGES are parsed (and a
    record's rules worked out) once. A process that serves alone (`serve`) leaves them to be done as its
    messages need them: ≈0.08 s less before its first reply (issue 17)."""
    from bot import regexcache
    from bot.dispatcher import RULES_RUN
    from bot.nlu import Lexicon, learned, parse
    from bot.nlu import warm_up as warm_up_parser
    from storage import repo

    from bot.rules import prepare as prepare_rules
    from bot.rules import topic
    from bot.rules.meaning import meaning_book, tokens
    from bot.rules.textmatch import compile_alternations

    with runtime.db.read() as session:
        # The dispatcher's own, when its workers share it: each would make it again on its first message.
        lexicon = runtime.dispatcher.lexicon(session) if shared else Lexicon.from_units(repo.lexicon_units(session))
    warm_up_parser(lexicon)  # loads the process's one jieba dictionary (bot.nlu.wordseg)
    learned.model()  # the parser's second opinion, shared by forked workers
    book = runtime.services.rules.current()
    topic.keywords("安全生产工作会议")  # the rules' own tokenizers: made here, shared by forked workers
    tokens.words("开个安全生产会议")
    meanings = meaning_book(book)  # the example banks, indexed (≈0.5 s): else the first record of each process pays it
    if meanings is not None and shared:
        meanings.index.unpack()  # all its tables decoded here, shared by forked workers (bot.rules.meaning.termcache)
    compile_alternations(book)  # the rules' word lists, one expression each: else each worker compiles them
    if shared:
        now = runtime.clock.now()
        for text in WARM_MESSAGES:
            parsed = parse(text, now, lexicon)
            if parsed.intent in RULES_RUN:
                prepare_rules(book, text, parsed.title)
    regexcache.save()  # what this start compiled, for the next process (a server's master never exits)
    regexcache.release()  # and let go of the file's index: ≈20 MB less in the master and every forked worker
