"""帮助 and the hint for messages the bot did not understand: short examples, no manual."""

from __future__ import annotations

from bot.messages import Reply
from bot.nlu import Intent
from handlers.context import Context

EXAMPLES = (
    "记录：明天开会，3个乡镇参加 / 下周三县委办发文2件 / 昨天接受县纪委督查",
    "查询：本月开了几次会 / 今年1-11月收上级来文多少件，同比 / 各乡镇本月发文排名",
    "对照：周四可以开表彰会吗 / 可以发个转发上级文件的通知吗",
    "报备：报备：下周二召开全县安全生产工作会议，80人，2小时；审批：同意 #12 / 不同意 #12 理由：……",
    "备案：备案 #12 纪要已归档；更正：#12 日期改为后天；撤销：撤销 / 撤销 #12；记录：#12 记录",
    "汇总：生成汇报 今年1-11月 / 双台账比对 本月 / 导出本月台账",
    "设置：绑定 城关镇 张三 / 本群绑定城关镇 / 订阅周报",
)


def handle(ctx: Context, intent: Intent) -> Reply:
    text = "减负助手可以这样用（一句话即可）：\n" + "\n".join(EXAMPLES)
    return Reply(text=text, intent="help")


def unknown(ctx: Context, intent: Intent) -> Reply:
    return Reply(
        text="未能识别。可以这样说：“明天开会，3个乡镇参加”“本月发文数”。回复“帮助”查看更多。",
        intent="unknown",
    )
