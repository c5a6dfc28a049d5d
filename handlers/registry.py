"""Every intent the bot answers, declared once.

One `IntentSpec` per intent carries its handler, the permission action the dispatcher checks before the
handler runs, whether it answers about a period (and so asks when the period was unreadable), the
handler for senders who are not bound yet (only 绑定 has one), and its 帮助 example. `HANDLERS`,
`PERIOD_INTENTS`, `OPEN_INTENTS`, the help text and the role check are all derived from `INTENT_SPECS`.

The intent names are the parser's (bot.nlu.INTENTS); the parser's own per-command details stay with it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from bot import permissions
from bot.context import Context, Visitor
from bot.messages import Reply
from bot.nlu import Intent
from handlers import (
    approvals,
    board,
    check,
    compare,
    correct,
    export,
    filing,
    lookup,
    members,
    push_charts,
    query,
    quota,
    record,
    report,
    subscribe,
    undo,
)
from handlers import help as help_handler
from handlers.help import Example

Handler = Callable[[Context, Intent], Reply]
VisitorHandler = Callable[[Visitor, Intent], Reply]
ActionOf = Callable[[Intent], str | None]

ASK_PERIOD = "所问期间无法识别，请写明期间，如“本月”“上周”“今年1-11月”。"


@dataclass(frozen=True)
class IntentSpec:
    name: str
    handler: Handler
    # The permission action (bot.permissions.ACTIONS) the sender needs, or a function of the message
    # when its sub-commands differ (a ranking is "rank", a plain count "query"); None: anyone.
    action: str | ActionOf | None = None
    # Answers about a period: when the message named one the parser could not read ("今年1-13月"),
    # the bot asks instead of silently answering for 本月.
    takes_period: bool = False
    unbound: VisitorHandler | None = None  # the handler for a sender who is not a member yet
    example: Example | None = None  # its line (or part of a line) in 帮助
    # Reads the handler can do before its write transaction (outside SQLite's write lock): what it returns
    # reaches the handler as ctx.prepared.
    prepare: Callable[[Context, Intent], object | None] | None = None

    @property
    def open_to_unbound(self) -> bool:
        return self.unbound is not None

    def action_for(self, intent: Intent) -> str | None:
        return self.action(intent) if callable(self.action) else self.action


def _query(ctx: Context, intent: Intent) -> Reply:
    """今年发文额度还剩几个 asks for figures (design §4) that the quota holds: limit, used and left."""
    return quota.handle(ctx, intent) if quota.shows(intent) else query.handle(ctx, intent)


def _query_action(intent: Intent) -> str:
    return "rank" if query.asks_ranking(intent) else "query"


def _file_action(intent: Intent) -> str:
    return "refile" if filing.names_existing(intent) else "file"


def _approvals_action(intent: Intent) -> str:
    """“#49 审批了吗” reads one entry's record; 待审批 is a list anyone may ask for (what it lists depends on the role)."""
    return "history" if approvals.asks_state(intent) else "query"


def _bind_action(intent: Intent) -> str | None:
    """Binding oneself needs no role (the sender is bound already and is told so)."""
    return {"group": "bind_group", "confirm": "bind_member", "deny": "bind_member"}.get(members.bind_target(intent))


def _quota_action(intent: Intent) -> str:
    return "query" if quota.shows(intent) else "quota"


def _subscribe_action(intent: Intent) -> str | None:
    return "subscribe" if subscribe.changes_settings(intent) else None


def _help(ctx: Context, intent: Intent) -> Reply:
    return help_handler.reply(spec.example for spec in INTENT_SPECS if spec.example is not None)


# In 帮助 order: each example is shown where its intent stands.
INTENT_SPECS: tuple[IntentSpec, ...] = (
    IntentSpec("record", record.handle, action="record", prepare=record.prepare,
               example=Example("记录", "明天开会，3个乡镇参加 / 下周三县委办发文2件 / 昨天接受县纪委督查")),
    IntentSpec("query", _query, action=_query_action, takes_period=True,
               example=Example("查询", "本月开了几次会 / 今年1-11月收上级来文多少件，同比 / 各乡镇本月发文排名")),
    IntentSpec("check", check.handle, action="check",
               example=Example("对照", "周四可以开表彰会吗 / 可以发个转发上级文件的通知吗")),
    IntentSpec("file", filing.handle_file, action=_file_action,
               example=Example("报备", "报备：下周二召开全县安全生产工作会议，80人，2小时")),
    IntentSpec("approve", filing.handle_approve, action="approve",
               example=Example("审批", "同意 #12", same_line=True)),
    IntentSpec("reject", filing.handle_reject, action="reject",
               example=Example("审批", "不同意 #12 理由：……", same_line=True)),
    IntentSpec("approvals", approvals.handle, action=_approvals_action),
    IntentSpec("archive", filing.handle_archive, action="archive",
               example=Example("备案", "备案 #12 纪要已归档")),
    IntentSpec("correct", correct.handle, action="correct",
               example=Example("更正", "#12 日期改为后天", same_line=True)),
    IntentSpec("undo", undo.handle, action="undo",
               example=Example("撤销", "撤销 / 撤销 #12", same_line=True)),
    IntentSpec("restore", undo.restore, action="undo"),
    IntentSpec("confirm", undo.handle_confirm, action="undo"),
    IntentSpec("history", correct.handle_history, action="history",
               example=Example("记录", "#12 记录", same_line=True)),
    IntentSpec("report", report.handle, action="report", takes_period=True,
               example=Example("汇总", "生成汇报 今年1-11月")),
    IntentSpec("compare", compare.handle, action="compare", takes_period=True,
               example=Example("汇总", "双台账比对 本月", same_line=True)),
    IntentSpec("export", export.handle, action="export", takes_period=True,
               example=Example("汇总", "导出本月台账", same_line=True)),
    IntentSpec("board", board.handle, action="query",
               example=Example("看板", "打开看板 / 看板 城关镇", same_line=True)),
    IntentSpec("bind", members.handle_bind, action=_bind_action, unbound=members.request_binding,
               example=Example("设置", "绑定 城关镇 张三 / 本群绑定城关镇")),
    IntentSpec("subscribe", subscribe.handle, action=_subscribe_action,
               example=Example("设置", "订阅周报", same_line=True)),
    IntentSpec("push_charts", push_charts.handle, action="subscribe"),
    IntentSpec("admin", members.handle_admin, action="admin"),
    IntentSpec("quota", quota.handle, action=_quota_action),
    IntentSpec("lookup", lookup.handle, action="check"),
    IntentSpec("help", _help),
    IntentSpec("unknown", help_handler.unknown),
)

SPECS: dict[str, IntentSpec] = {spec.name: spec for spec in INTENT_SPECS}
# The handler each intent runs, looked up per message (a test may swap one in).
HANDLERS: dict[str, Handler] = {spec.name: spec.handler for spec in INTENT_SPECS}
PERIOD_INTENTS = frozenset(spec.name for spec in INTENT_SPECS if spec.takes_period)
OPEN_INTENTS = frozenset(spec.name for spec in INTENT_SPECS if spec.open_to_unbound)


def handler_for(intent_name: str) -> Handler:
    """What the dispatcher runs for a bound member's message: ask for an unreadable period, refuse a
    sender holding no role for the intent's action, then run the handler under that action."""
    spec = SPECS.get(intent_name, SPECS["unknown"])

    def run(ctx: Context, intent: Intent) -> Reply:
        if spec.takes_period and "period" in intent.missing:
            return Reply(text=ASK_PERIOD, intent=intent.intent, data={"missing": ["period"]})
        action = spec.action_for(intent)
        if action is not None:
            refusal = permissions.role_refusal(ctx.member, action)
            if refusal is not None:
                return permissions.refused(refusal)
        handler = HANDLERS.get(intent_name, HANDLERS["unknown"])
        return handler(dataclasses.replace(ctx, action=action), intent)

    return run


def prepare(ctx: Context, intent: Intent) -> object | None:
    """What the intent's handler works out ahead (IntentSpec.prepare) for a sender allowed to run it, else None."""
    spec = SPECS.get(intent.intent)
    if spec is None or spec.prepare is None or (spec.takes_period and "period" in intent.missing):
        return None
    action = spec.action_for(intent)
    if action is not None and permissions.role_refusal(ctx.member, action) is not None:
        return None
    return spec.prepare(dataclasses.replace(ctx, action=action), intent)


def answer_unbound(visitor: Visitor, intent: Intent) -> Reply | None:
    """The reply to a sender who is not a member yet, for an intent open to them; else None."""
    spec = SPECS.get(intent.intent)
    if spec is None or spec.unbound is None:
        return None
    return spec.unbound(visitor, intent)
