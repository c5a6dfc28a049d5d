"""帮助 and the hint for messages the bot did not understand: short examples, no manual.

Each intent declares its own example (handlers.registry); 帮助 shows them in declaration order, one
topic per line: fragments marked `same_line` continue the line above, and fragments of the same label
share it (“审批：同意 #12 / 不同意 #12 理由：……”).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.checking import ask_record_or_check
from bot.context import Context
from bot.messages import Reply
from bot.nlu import Intent

HEADING = "减负助手可以这样用（一句话即可）："


@dataclass(frozen=True)
class Example:
    label: str  # the topic: 记录, 查询, 审批 …
    text: str  # what one says
    same_line: bool = False  # continue the previous topic's line


def lines(examples: Iterable[Example]) -> list[str]:
    """The help lines: “label：text”, a same label joined by “ / ”, topics on one line by “；”."""
    out: list[str] = []
    label = ""
    for example in examples:
        if not example.same_line or not out:
            out.append(f"{example.label}：{example.text}")
        elif example.label == label:
            out[-1] += f" / {example.text}"
        else:
            out[-1] += f"；{example.label}：{example.text}"
        label = example.label
    return out


def reply(examples: Iterable[Example]) -> Reply:
    return Reply(text=HEADING + "\n" + "\n".join(lines(examples)), intent="help")


def unknown(ctx: Context, intent: Intent) -> Reply:
    """未能识别, unless the parser understood the item but not the act: then ask which act."""
    if intent.ambiguous:
        return ask_record_or_check(ctx, intent)
    if intent.args.get("greeting"):
        return Reply(text="在。请直接说要登记或查询的事，如“明天开会，3个乡镇参加”“本月发文数”。回复“帮助”查看更多。",
                     intent="unknown")
    return Reply(
        text="未能识别。可以这样说：“明天开会，3个乡镇参加”“本月发文数”。回复“帮助”查看更多。",
        intent="unknown",
    )
