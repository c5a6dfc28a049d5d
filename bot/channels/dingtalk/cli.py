"""DingTalk commands (the channel's cli_module, loaded by bot.cli):

- `dingtalk-stream`: the Stream-mode receiver (Procfile: dingtalk). The SDK is imported only when it runs.
- `dingtalk-groups` and `dingtalk-push`: old names of `groups --platform dingtalk` and
  `group-push --platform dingtalk` (bot/channels/cli.py; the push arguments are DingTalkChannel's).
"""

from __future__ import annotations

import argparse

from bot.channels.cli import alias_groups, alias_push
from bot.cli import command, runtime_from


@command("dingtalk-stream", "receive DingTalk robot messages in Stream mode (no public URL needed)")
def cmd_dingtalk_stream(args: argparse.Namespace) -> int:
    from bot.channels.dingtalk.stream_mode import serve_stream

    return serve_stream(runtime_from(args))


# Old names of the group commands (bot/channels/cli.py), kept as aliases.
alias_groups("dingtalk-groups", "dingtalk")
alias_push("dingtalk-push", "dingtalk")
