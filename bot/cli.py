"""`python -m bot …`: the command line (design §5). Every command takes --db and --now."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from bot.clock import parse_now
from bot.messages import IncomingMessage
from bot.runtime import DEMO_ORG, Runtime, build, init_db, seed, seed_if_empty, warm_up
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


def runtime_from(args: argparse.Namespace, prepare: bool = True) -> Runtime:
    """Build the runtime; with prepare, migrate and load the demo organisation into an empty database."""
    runtime = build(Settings.from_env(), clock=parse_now(args.now), db_url=args.db)
    if prepare:
        init_db(runtime.db)
        seed_if_empty(runtime.db)
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
        lexicon = Lexicon.from_units(repo.lexicon_units(session))
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


@command("seed-demo", "load the demo organisation (or --file); loading twice changes nothing")
def cmd_seed_demo(args: argparse.Namespace) -> int:
    runtime = runtime_from(args, prepare=False)
    init_db(runtime.db)
    result = seed(runtime.db, Path(args.file) if args.file else DEMO_ORG)
    print(
        f"单位新增{result.units_added}个，成员新增{result.members_added}人，"
        f"群新增{result.groups_added}个，额度新增{result.quotas_added}项。"
        if result.changed else "组织架构无变化。"
    )
    return 0


@command("serve", "serve HTTP (webhooks, /healthz) with the scheduler in-process when SCHEDULER=on")
def cmd_serve(args: argparse.Namespace) -> int:
    from werkzeug.serving import make_server

    from bot.app import create_app
    from bot.background import start_background

    runtime = runtime_from(args)
    warm_up(runtime)
    app = create_app(runtime)
    server = make_server(args.host, args.port, app, threaded=True)
    background = start_background(runtime) if runtime.settings.scheduler else None
    print(
        f"减负助手已启动：http://{args.host}:{args.port}/healthz （数据库 {runtime.db.url}）\n"
        f"本地对话：.venv/bin/python -m bot chat --user 张三\n"
        f"单条消息：.venv/bin/python -m bot say --user 张三 \"明天开会，3个乡镇参加\"",
        flush=True,
    )
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
            p.add_argument("--file", help="organisation YAML (default: config/org.example.yaml)")
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
    fn, _ = COMMANDS[args.command]
    return fn(args)
