"""One module per intent. `HANDLERS` maps an intent name to the function that answers it."""

from __future__ import annotations

from collections.abc import Callable

from bot.messages import Reply
from bot.nlu import Intent
from handlers import help as help_handler
from handlers import check, correct, filing, members, query, quota, record, undo
from handlers import subscribe
from handlers import compare, export, report
from handlers import acts as acts_handler
from handlers.context import Context

Handler = Callable[[Context, Intent], Reply]

HANDLERS: dict[str, Handler] = {
    "record": filing.after_record(record.handle),
    "query": query.handle,
    "check": check.handle,
    "undo": undo.handle,
    "help": help_handler.handle,
    "unknown": acts_handler.unknown,  # 未能识别, or "是要登记，还是问能否…？" for an ambiguous act
    "restore": acts_handler.restore,
    "file": filing.handle_file,
    "approve": filing.handle_approve,
    "reject": filing.handle_reject,
    "archive": filing.handle_archive,
    "correct": correct.handle,
    "history": correct.handle_history,
    "admin": members.handle_admin,
    "bind": members.handle_bind,
    "quota": quota.handle,
    "subscribe": subscribe.handle,
    "report": report.handle,
    "compare": compare.handle,
    "export": export.handle,
}


# Intents that answer about a period: when the message named one the parser could not read
# ("今年1-13月"), the bot asks instead of silently answering for 本月.
PERIOD_INTENTS = frozenset({"query", "report", "compare", "export"})
ASK_PERIOD = "所问期间无法识别，请写明期间，如“本月”“上周”“今年1-11月”。"


def handler_for(intent_name: str) -> Handler:
    handler = HANDLERS.get(intent_name, acts_handler.unknown)
    if intent_name in PERIOD_INTENTS:
        return _asking_for_period(handler)
    return handler


def _asking_for_period(handler: Handler) -> Handler:
    def guarded(ctx: Context, intent: Intent) -> Reply:
        if "period" in intent.missing:
            return Reply(text=ASK_PERIOD, intent=intent.intent, data={"missing": ["period"]})
        return handler(ctx, intent)

    return guarded
