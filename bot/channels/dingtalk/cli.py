"""DingTalk commands (the channel's cli_module, loaded by bot.cli):

- `dingtalk-stream`: the Stream-mode receiver (Procfile: dingtalk). The SDK is imported only when it runs.
- `dingtalk-groups`: the DingTalk groups the bot has seen, their unit and push state.
- `dingtalk-push`: give a group its custom robot (webhook + 加签 secret), or send it through the
  group-message OpenAPI (`--api`), and re-enable pushes stopped by 310000. The webhook and secret let
  anyone post to the group, so they are set on the server, never said in a chat.
"""

from __future__ import annotations

import argparse

from sqlalchemy import select

from bot.cli import ARGUMENT_HOOKS, command, runtime_from
from bot.runtime import Runtime, init_db
from storage import repo
from storage.models import Conversation


@command("dingtalk-stream", "receive DingTalk robot messages in Stream mode (no public URL needed)")
def cmd_dingtalk_stream(args: argparse.Namespace) -> int:
    from bot.channels.dingtalk.stream_mode import serve_stream

    return serve_stream(runtime_from(args))


def _runtime(args: argparse.Namespace) -> Runtime:
    """Migrate, but never load the demo organisation into a real deployment's database."""
    runtime = runtime_from(args, prepare=False)
    init_db(runtime.db)
    return runtime


def mask(secret: str) -> str:
    """Enough of a webhook token or secret to recognise it, not enough to use it."""
    token = secret.rsplit("access_token=", 1)[-1]
    return token[:4] + "…" if len(token) > 8 else "…"


@command("dingtalk-groups", "list the DingTalk groups the bot has seen, their unit and push state")
def cmd_dingtalk_groups(args: argparse.Namespace) -> int:
    runtime = _runtime(args)
    api = bool(runtime.settings.dingtalk.robot_code)
    with runtime.db.session() as session:
        rows = session.scalars(
            select(Conversation).where(Conversation.platform == "dingtalk").order_by(Conversation.id)
        ).all()
        if not rows:
            print("尚无钉钉群：在群里@机器人说一句话后，该群即出现在此列表。")
        for c in rows:
            unit = c.unit.name if c.unit else "未绑定"
            if not c.push_enabled:
                push = f"推送已停用（{c.push_disabled_reason or ''}）"
            elif c.push_target:
                push = f"自定义机器人 {mask(c.push_target)}{'，加签' if c.push_secret else ''}"
            else:
                push = "群消息接口（robotCode）" if api else "未配置推送"
            print(f"{c.external_id}\t{c.title or ''}\t{unit}\t{push}")
    return 0


def _push_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--chat", required=True, help="the group's conversationId (see dingtalk-groups)")
    how = parser.add_mutually_exclusive_group(required=True)
    how.add_argument("--webhook", help="the custom robot's webhook URL, or its access_token")
    how.add_argument("--api", action="store_true", help="push through the group-message OpenAPI instead")
    parser.add_argument("--secret", default=None, help="the custom robot's 加签 secret (SEC…)")
    parser.add_argument("--bind-unit", default=None, help="also bind the group to this unit")


ARGUMENT_HOOKS.setdefault("dingtalk-push", []).append(_push_arguments)


@command("dingtalk-push", "set a DingTalk group's push robot (and re-enable its pushes)")
def cmd_dingtalk_push(args: argparse.Namespace) -> int:
    webhook = (args.webhook or "").strip()
    if args.webhook is not None and (not webhook or any(ch.isspace() for ch in webhook)):
        print("不是有效的自定义机器人 Webhook 地址或 access_token。")
        return 2
    if args.secret is not None and not args.secret.strip().startswith("SEC"):
        print("加签密钥应以 SEC 开头（机器人安全设置中复制）。")
        return 2
    runtime = _runtime(args)
    with runtime.db.session() as session:
        result = repo.configure_group_push(
            session, "dingtalk", args.chat, webhook or None,
            args.secret.strip() if webhook and args.secret else None, args.bind_unit,
        )
    if isinstance(result, str):
        print(result)
        return 2
    if webhook:
        print(f"已设置群 {args.chat} 的自定义机器人 {mask(webhook)}{'（加签）' if args.secret else ''}，推送已启用。")
    else:
        print(f"群 {args.chat} 改由群消息接口推送，推送已启用。")
        if not runtime.settings.dingtalk.robot_code:
            print("注意：尚未配置 DINGTALK_ROBOT_CODE，配置后群消息接口才能发送。")
    return 0
