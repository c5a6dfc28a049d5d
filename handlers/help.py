"""帮助 and the hint for messages the bot did not understand: short examples, no manual.

Each intent declares its own example (handlers.registry); 帮助 shows them in declaration order, one
topic per line: fragments marked `same_line` continue the line above, and fragments of the same label
share it (“审批：同意 #12 / 不同意 #12 理由：……”).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from bot import permissions
from bot.checking import check_reply
from bot.context import Context
from bot.messages import Reply
from bot.nlu import Intent
from bot.nlu.acts import ASK_VERBS, ask_text

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
        return ask_which_act(ctx, intent)
    return Reply(
        text="未能识别。可以这样说：“明天开会，3个乡镇参加”“本月发文数”。回复“帮助”查看更多。",
        intent="unknown",
    )


def ask_which_act(ctx: Context, intent: Intent) -> Reply:
    """是要登记，还是问能否召开？ Nothing is recorded (design §4). When the rules can judge the item, their
    answer follows at once, so a cadre who was asking is not made to ask twice."""
    question = ask_text(intent)
    data = {"ambiguous": list(intent.ambiguous)}
    if intent.kind is None:
        return Reply(text=question, intent="unknown", data=data)
    if permissions.role_refusal(ctx.member, "check") is not None:
        return Reply(text=question, intent="unknown", data=data)
    as_check = dataclasses.replace(ctx, action="check")  # the verdict is given under the check's own permission
    verdict = check_reply(as_check, dataclasses.replace(intent, intent="check", ambiguous=[]))
    if verdict.intent != "check" or verdict.data.get("verdict") in (None, "unknown"):
        return Reply(text=question, intent="unknown", data=data)
    verb = ASK_VERBS.get(intent.kind, "办理")
    return Reply(text=f"{question}\n如是问能否{verb}：{verdict.text}", intent="check", data={**verdict.data, **data})
