"""`python -m bot …`: the command line (design §5). Every command takes --db and --now."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from bot import startup
from bot.clock import parse_now
from bot.messages import IncomingMessage
from bot.runtime import (
    DEMO_ORG,
    Runtime,
    build,
    demo_refusal,
    init_db,
    platform_credentials,
    seed,
    seed_if_empty,
    warm_up,
)
from config.settings import Settings

Command = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[Command, str]] = {}
# Commands that parse the arguments left over themselves (`args.rest`): a platform's own push options.
PASSTHROUGH: set[str] = set()


def command(name: str, help_text: str, passthrough: bool = False) -> Callable[[Command], Command]:
    def register(fn: Command) -> Command:
        COMMANDS[name] = (fn, help_text)
        if passthrough:
            PASSTHROUGH.add(name)
        return fn

    return register


# Commands that keep the garbage collector held (bot.startup) past the start: `say` handles one message and
# ends; `serve` releases it once warmed up. Every other command gets it back before it runs.
HOLDS_COLLECTOR = frozenset({"say", "serve"})
# Commands that answer real people (webhooks, Stream mode) or push to them (the scheduler).
SERVING_COMMANDS = frozenset({"serve", "clock", "dingtalk-stream"})
DEMO_REFUSED_EXIT = 3


def local_default(args: argparse.Namespace) -> bool:
    """Neither --db nor DATABASE_URL: the developer's own ./data/jianfu.db, the one database the demo
    county may enter by itself (so `make run` on a fresh clone has someone to talk to)."""
    return not args.db and not os.environ.get("DATABASE_URL", "").strip()


def runtime_from(args: argparse.Namespace, prepare: bool = True) -> Runtime:
    """Build the runtime; with prepare, migrate, and load the demo organisation into an empty database
    when it is the local default without platform credentials. A database named by --db or DATABASE_URL
    gets the demo only from `seed-demo`. A serving command exits when the demo admin meets credentials."""
    runtime = build(Settings.from_env(), clock=parse_now(args.now), db_url=args.db)
    if prepare:
        init_db(runtime.db)
        if local_default(args) and not platform_credentials(runtime.settings):
            seed_if_empty(runtime.db, clock=runtime.clock)
    if getattr(args, "command", None) in SERVING_COMMANDS:
        refusal = demo_refusal(runtime)
        if refusal is not None:
            print(refusal, file=sys.stderr, flush=True)
            raise SystemExit(DEMO_REFUSED_EXIT)
    return runtime


def console_message(runtime: Runtime, args: argparse.Namespace, text: str) -> IncomingMessage:
    """A console message from --user, in the console group of their unit (the console channel's)."""
    from bot.channels.console import console_message as message

    with runtime.db.session() as session:
        return message(session, args.user, text, args.unit)


@command("say", "send one message and print the reply")
def cmd_say(args: argparse.Namespace) -> int:
    runtime = runtime_from(args)
    reply = runtime.dispatcher.handle(console_message(runtime, args, args.text))
    if args.json:
        print(json.dumps(reply.to_json(), ensure_ascii=False, default=str))
    else:
        print(reply.text)
    return 0


@command("chat", "interactive console as a chosen member")
def cmd_chat(args: argparse.Namespace) -> int:
    runtime = runtime_from(args)
    print(f"减负助手控制台：以“{args.user}”身份发言，输入“帮助”查看示例，Ctrl-D 退出。")
    for line in sys.stdin:
        if not line.strip():
            continue
        reply = runtime.dispatcher.handle(console_message(runtime, args, line))
        print(reply.text, flush=True)
    return 0


@command("parse", "read messages on stdin, print design §4 JSON per line")
def cmd_parse(args: argparse.Namespace) -> int:
    from bot.channels.mentions import strip_mentions
    from bot.nlu import Lexicon, parse
    from storage import repo

    runtime = runtime_from(args)
    with runtime.db.session() as session:
        lexicon = Lexicon.from_units(repo.lexicon_units(session), runtime.services.schedules.current().organiser_level)
    now = runtime.clock.now()
    for line in sys.stdin:
        text = line.rstrip("\n")
        if not text.strip():
            continue
        # a chat message as typed: its @-mentions go, as the channel receiving it would strip them
        print(json.dumps(parse(strip_mentions(text), now, lexicon).to_json(), ensure_ascii=False), flush=True)
    return 0


@command("init-db", "create or migrate the database to the newest schema")
def cmd_init_db(args: argparse.Namespace) -> int:
    runtime = runtime_from(args, prepare=False)
    init_db(runtime.db)
    print(f"数据库已就绪：{runtime.db.url}")
    return 0


@command("seed-demo", "load the demo organisation, or an org file (--file); --remove takes the demo out")
def cmd_seed_demo(args: argparse.Namespace) -> int:
    import yaml

    from storage import demo
    from storage.seed import OrgFileError

    runtime = runtime_from(args, prepare=False)
    init_db(runtime.db)
    if args.remove:
        return _remove_demo(runtime)
    path = Path(args.file) if args.file else DEMO_ORG
    if not path.is_file():
        print(f"组织文件不存在：{path}", file=sys.stderr)
        return 2
    if path.resolve() != DEMO_ORG.resolve():
        with runtime.db.session() as session:
            present = demo.is_present(session, demo.read_demo(DEMO_ORG))
        if present:
            print("数据库中有示范县演示数据，本县组织文件不能与之合并。请先运行 python -m bot seed-demo --remove，"
                  "再载入本文件。\nThe demo county is in this database: run `seed-demo --remove` first.",
                  file=sys.stderr)
            return 2
    try:
        result = seed(runtime.db, path, runtime.clock, history=args.history)
    except (OrgFileError, ValueError, yaml.YAMLError) as exc:
        print(f"组织文件有误，未载入：{exc}", file=sys.stderr)
        return 2
    print(
        f"单位新增{result.units_added}个，成员新增{result.members_added}人，"
        f"群新增{result.groups_added}个，额度新增{result.quotas_added}项"
        + (f"，示范台账{result.demo_entries}条（演示数据，seed-demo --remove 时删除）" if result.demo_entries else "")
        + "。" if result.changed else "组织架构无变化。"
    )
    return 0


def _remove_demo(runtime: Runtime) -> int:
    from storage import demo

    with runtime.db.session() as session:
        removal = demo.remove(session, demo.read_demo(DEMO_ORG))
    if not removal.changed:
        print("数据库中没有示范县演示数据，无需删除。")
        return 0
    lines = [(f"已删除示范县演示数据：单位{len(removal.units_removed)}个，成员{removal.members_removed}人，"
              f"台账{removal.entries_removed}条，额度{removal.quotas_removed}项。")]
    if removal.units_kept:
        kept = "；".join(f"{name}（{why}）" for name, why in removal.units_kept.items())
        lines.append(f"以下单位另有本县数据，予以保留：{kept}。如已载入本县组织文件，请再载入一次以补齐额度。")
    print("\n".join(lines))
    return 0


@command("serve", "serve HTTP (webhooks, /healthz) with the scheduler in-process when SCHEDULER=on")
def cmd_serve(args: argparse.Namespace) -> int:
    from werkzeug.serving import make_server

    from bot.app import create_app
    from bot.board import links

    runtime = runtime_from(args)
    warm_up(runtime, shared=False)
    app = create_app(runtime)
    startup.release()  # what the start built, frozen; the collector back on for serving
    server = make_server(args.host, args.port, app, threaded=True)
    background = None
    if runtime.settings.scheduler:  # APScheduler and the scheduler's jobs: imported only when they run here
        from bot.background import start_background

        background = start_background(runtime)
    print(
        f"减负助手已启动：http://{args.host}:{args.port}/healthz （数据库 {runtime.db.url}）\n"
        f"本地对话：.venv/bin/python -m bot chat --user 张三\n"
        f"单条消息：.venv/bin/python -m bot say --user 张三 \"明天开会，3个乡镇参加\"",
        flush=True,
    )
    board = links.demo_link(runtime.db, runtime.settings, runtime.clock.now(), runtime.services.board_link_ttl,
                            f"http://{args.host}:{args.port}")
    if board is not None:  # the demo county: its admin's 减负看板
        print(f"减负看板：{board}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        if background is not None:
            background.shutdown()
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="database URL (default: DATABASE_URL or sqlite:///data/jianfu.db)")
    common.add_argument("--now", help="fixed clock, ISO 8601, e.g. 2026-11-22T10:00:00+08:00")
    common.add_argument("--user", default="张三", help="console: the member who speaks")
    common.add_argument("--unit", help="console: the member's unit, when names repeat")
    parser = argparse.ArgumentParser(prog="python -m bot", description="减负助手")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (_fn, help_text) in COMMANDS.items():
        # a passthrough command must not take an option meant for its own parser as an abbreviation
        p = sub.add_parser(name, help=help_text, parents=[common], allow_abbrev=name not in PASSTHROUGH)
        if name == "say":
            p.add_argument("text")
            p.add_argument("--json", action="store_true", help="print the structured reply")
        if name == "seed-demo":
            p.add_argument("--file", help="organisation YAML (default: the demo, config/org.example.yaml)")
            p.add_argument("--remove", action="store_true",
                           help="take the demo county out, with whatever it alone owns")
            p.add_argument("--history", action="store_true",
                           help="with the demo: two years of demo ledger too (what `make run` loads into a new database)")
        if name == "serve":
            p.add_argument("--host", default="127.0.0.1")
            p.add_argument("--port", type=int, default=8000)
        for extend in ARGUMENT_HOOKS.get(name, []):
            extend(p)
    return parser


# Commands defined in other modules add their arguments here.
ARGUMENT_HOOKS: dict[str, list[Callable[[argparse.ArgumentParser], None]]] = {}


# Modules that define more commands with @command (and ARGUMENT_HOOKS); imported before parsing,
# with each registered platform's own (bot.channels.registry).
EXTENSION_MODULES: tuple[str, ...] = ("bot.xlsx.cli", "bot.stats.cli", "bot.scheduler.cli", "bot.channels.cli")


def load_extensions() -> None:
    import importlib

    from bot.channels.registry import cli_modules

    for name in (*cli_modules(), *EXTENSION_MODULES):
        importlib.import_module(name)


def main(argv: list[str] | None = None) -> int:
    load_extensions()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args, rest = parser.parse_known_args(argv)
    if rest and args.command not in PASSTHROUGH:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    args.rest = rest
    if args.command not in HOLDS_COLLECTOR:
        startup.release()
    fn, _ = COMMANDS[args.command]
    return fn(args)
