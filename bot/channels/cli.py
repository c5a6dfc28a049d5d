"""`groups` and `group-push`: the chat groups the bot has seen on each platform, and a group's push robot.

- `groups [--platform P]`: every group of every platform (or of P) with its unit and push state;
- `group-push --platform P --chat ID [--bind-unit 单位] …`: give the group its push robot and re-enable
  pushes the platform refused. What follows is P's own (`Channel.add_push_arguments`: a robot key, a
  webhook and its 加签 secret …). A robot's key, webhook or secret lets anyone post to the group, so it
  is set on the server, never said in a chat.

The platforms are those of bot.channels.registry that administer groups; each says how its arguments
read and how a group's push path shows, so nothing here knows one platform from another. A platform's
old command names stay as aliases (`alias_groups`, `alias_push`, called from its cli_module).
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import select

from bot.channels.base import Channel
from bot.channels.registry import channel_class, group_platforms
from bot.cli import ARGUMENT_HOOKS, command, runtime_from
from bot.runtime import Runtime, init_db
from storage import repo
from storage.models import Conversation

PROG = "python -m bot"


def _runtime(args: argparse.Namespace) -> Runtime:
    """Migrate, but never load the demo organisation into a real deployment's database."""
    runtime = runtime_from(args, prepare=False)
    init_db(runtime.db)
    return runtime


def _platform(platform: str) -> type[Channel]:
    kind = channel_class(platform)
    if kind is None or not kind.administers_groups:
        raise ValueError(f"no group administration on platform {platform!r}")
    return kind


# --- groups ---------------------------------------------------------------------------------------

def list_groups(args: argparse.Namespace, platforms: list[str]) -> int:
    """One line per group: id, title, unit, push state; a heading per platform when listing several."""
    runtime = _runtime(args)
    with runtime.db.session() as session:
        for platform in platforms:
            channel = runtime.channels.get(platform)
            assert channel is not None, platform
            if len(platforms) > 1:
                print(f"{channel.label}（{platform}）：")
            rows = session.scalars(
                select(Conversation).where(Conversation.platform == platform).order_by(Conversation.id)
            ).all()
            if not rows:
                print(f"尚无{channel.label}群：在群里@机器人说一句话后，该群即出现在此列表。")
            for c in rows:
                unit = c.unit.name if c.unit else "未绑定"
                print(f"{c.external_id}\t{c.title or ''}\t{unit}\t{channel.push_state(c)}")
    return 0


def _platform_argument(parser: argparse.ArgumentParser, required: bool) -> None:
    names = [kind.platform for kind in group_platforms()]
    parser.add_argument("--platform", choices=names, required=required,
                        help="the platform (default: every platform)" if not required else "the group's platform")


ARGUMENT_HOOKS.setdefault("groups", []).append(lambda parser: _platform_argument(parser, required=False))


@command("groups", "list the chat groups the bot has seen (every platform, or --platform), their unit and push state")
def cmd_groups(args: argparse.Namespace) -> int:
    return list_groups(args, [args.platform] if args.platform else [kind.platform for kind in group_platforms()])


# --- group-push -----------------------------------------------------------------------------------

def push_parser(kind: type[Channel], command_line: str) -> argparse.ArgumentParser:
    """The parser of a platform's own push arguments (what follows --chat and --bind-unit)."""
    parser = argparse.ArgumentParser(prog=f"{command_line} --chat ID", add_help=False, allow_abbrev=False)
    kind.add_push_arguments(parser)
    return parser


def set_push(args: argparse.Namespace, platform: str, command_line: str) -> int:
    """Check the platform's arguments before touching the database, then set the group's push path."""
    kind = _platform(platform)
    options = push_parser(kind, command_line).parse_args(args.rest)  # exits 2 with its usage, as argparse does
    push = kind.group_push(args.chat, options)
    if isinstance(push, str):
        print(push)
        return 2
    runtime = _runtime(args)
    with runtime.db.session() as session:
        result = repo.configure_group_push(session, platform, args.chat, push.target, push.secret, args.bind_unit)
    if isinstance(result, str):
        print(result)
        return 2
    print(push.confirmation)
    channel = runtime.channels.get(platform)
    for note in channel.push_notes(push) if channel is not None else []:
        print(note)
    return 0


def _group_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--chat", required=True, help="the group's id on its platform (see `groups`)")
    parser.add_argument("--bind-unit", default=None, help="also bind the group to this unit")


def _push_arguments(parser: argparse.ArgumentParser) -> None:
    _platform_argument(parser, required=True)
    _group_arguments(parser)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = "each platform's own arguments:\n\n" + "\n".join(
        push_parser(kind, f"{PROG} group-push --platform {kind.platform}").format_help() for kind in group_platforms()
    )


ARGUMENT_HOOKS.setdefault("group-push", []).append(_push_arguments)


@command("group-push", "give a group its push robot (and re-enable its pushes); the platform's own arguments follow",
         passthrough=True)
def cmd_group_push(args: argparse.Namespace) -> int:
    return set_push(args, args.platform, f"{PROG} group-push --platform {args.platform}")


# --- old command names ----------------------------------------------------------------------------

def _renamed(old: str, new: str) -> None:
    print(f"提示：{old} 已改为 {PROG} {new}（旧命令仍可用）。", file=sys.stderr)


def alias_groups(old: str, platform: str) -> None:
    """`old` keeps working as `groups --platform platform`, saying so in one line."""
    new = f"groups --platform {platform}"

    @command(old, f"old name of `{new}`")
    def cmd_alias(args: argparse.Namespace) -> int:
        _renamed(old, new)
        return list_groups(args, [platform])


def alias_push(old: str, platform: str) -> None:
    """`old` keeps working as `group-push --platform platform`, saying so in one line."""
    new = f"group-push --platform {platform}"

    def arguments(parser: argparse.ArgumentParser) -> None:
        _group_arguments(parser)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        parser.epilog = "the platform's own arguments:\n\n" + push_parser(_platform(platform), f"{PROG} {old}").format_help()

    ARGUMENT_HOOKS.setdefault(old, []).append(arguments)

    @command(old, f"old name of `{new}`", passthrough=True)
    def cmd_alias(args: argparse.Namespace) -> int:
        _renamed(old, new)
        return set_push(args, platform, f"{PROG} {old}")
