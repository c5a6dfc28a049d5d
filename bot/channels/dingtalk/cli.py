"""The `dingtalk-stream` command; listed in bot.cli.EXTENSION_MODULES. The SDK is imported only when the
command runs, so other commands do not pay for it."""

from __future__ import annotations

import argparse

from bot.cli import command, runtime_from


@command("dingtalk-stream", "receive DingTalk robot messages in Stream mode (no public URL needed)")
def cmd_dingtalk_stream(args: argparse.Namespace) -> int:
    from bot.channels.dingtalk.stream_mode import serve_stream

    return serve_stream(runtime_from(args))
