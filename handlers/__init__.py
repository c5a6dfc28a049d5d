"""One module per intent. `HANDLERS` maps an intent name to the function that answers it."""

from __future__ import annotations

from collections.abc import Callable

from bot.messages import Reply
from bot.nlu import Intent
from handlers import help as help_handler
from handlers import query, record, undo
from handlers.context import Context

Handler = Callable[[Context, Intent], Reply]

HANDLERS: dict[str, Handler] = {
    "record": record.handle,
    "query": query.handle,
    "undo": undo.handle,
    "help": help_handler.handle,
    "unknown": help_handler.unknown,
}


def handler_for(intent_name: str) -> Handler:
    return HANDLERS.get(intent_name, help_handler.unknown)
