"""`wecom-groups` and `wecom-push`: see the WeCom groups the bot knows and give one its robot key.

The robot key is a secret (anyone holding it can post to the group), so it is set on the server, not
said in a chat. `wecom-push` also re-enables a group whose pushes were stopped by errcode 93000.
The WeCom channel's cli_module, loaded by bot.cli.
"""

from __future__ import annotations

import argparse

from sqlalchemy import select

from bot.channels.wecom.api import mask
from bot.channels.wecom.webhook import robot_key
from bot.cli import ARGUMENT_HOOKS, command, runtime_from
from bot.outbox import DeliveryError
from bot.runtime import Runtime, init_db
from storage import repo
from storage.models import Conversation


def _runtime(args: argparse.Namespace) -> Runtime:
    """Migrate, but never load the demo organisation into a real deployment's database."""
    runtime = runtime_from(args, prepare=False)
    init_db(runtime.db)
    return runtime


@command("wecom-groups", "list the WeCom groups the bot has seen, their unit and push state")
def cmd_wecom_groups(args: argparse.Namespace) -> int:
    runtime = _runtime(args)
    with runtime.db.session() as session:
        rows = session.scalars(
            select(Conversation).where(Conversation.platform == "wecom").order_by(Conversation.id)
        ).all()
        if not rows:
            print("尚无企业微信群：在群里@机器人说一句话后，该群即出现在此列表。")
        for c in rows:
            unit = c.unit.name if c.unit else "未绑定"
            if not c.push_target:
                push = "未配置推送"
            elif c.push_enabled:
                push = f"推送 {mask(c.push_target)}"
            else:
                push = f"推送已停用（{c.push_disabled_reason or ''}）"
            print(f"{c.external_id}\t{c.title or ''}\t{unit}\t{push}")
    return 0


def _push_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--chat", required=True, help="the group's chatid (see wecom-groups)")
    parser.add_argument("--key", required=True, help="the group robot's key, or its whole webhook URL")
    parser.add_argument("--bind-unit", default=None, help="also bind the group to this unit")


ARGUMENT_HOOKS.setdefault("wecom-push", []).append(_push_arguments)


@command("wecom-push", "set a WeCom group's robot key (and re-enable its pushes)")
def cmd_wecom_push(args: argparse.Namespace) -> int:
    try:
        key = robot_key(args.key)
    except DeliveryError:
        print("不是有效的群机器人 key 或 Webhook 地址。")
        return 2
    runtime = _runtime(args)
    with runtime.db.session() as session:
        result = repo.configure_group_push(session, "wecom", args.chat, key, bind_unit=args.bind_unit)
    if isinstance(result, str):
        print(result)
        return 2
    print(f"已设置群 {args.chat} 的推送机器人 {mask(key)}，推送已启用。")
    return 0
