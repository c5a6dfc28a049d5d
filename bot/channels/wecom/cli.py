"""The WeCom channel's cli_module: its old command names, kept as aliases of the group commands
(bot/channels/cli.py): `wecom-groups` is `groups --platform wecom`, `wecom-push` is
`group-push --platform wecom --chat … --key …`."""

from __future__ import annotations

from bot.channels.cli import alias_groups, alias_push

alias_groups("wecom-groups", "wecom")
alias_push("wecom-push", "wecom")
