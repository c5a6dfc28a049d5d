"""帮助 and the hint for messages the bot did not understand: short examples, no manual."""

from __future__ import annotations

from bot.messages import Reply
from bot.nlu import Intent
from handlers.context import Context

EXAMPLES = (
    "记录：明天开会，3个乡镇参加 / 下周三县委办发文2件 / 昨天接受县纪委督查",
    "查询：本月开了几次会 / 今年1-11月收上级来文多少件",
    "撤销：撤销（撤销您上一条）/ 撤销 #12",
)


def handle(ctx: Context, intent: Intent) -> Reply:
    text = "减负助手可以这样用（一句话即可）：\n" + "\n".join(EXAMPLES)
    return Reply(text=text, intent="help")


def unknown(ctx: Context, intent: Intent) -> Reply:
    return Reply(
        text="未能识别。可以这样说：“明天开会，3个乡镇参加”“本月发文数”。回复“帮助”查看更多。",
        intent="unknown",
    )
