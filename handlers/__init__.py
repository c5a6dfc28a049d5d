"""One module per intent; `registry` declares each intent once and derives the tables below from it."""

from __future__ import annotations

from handlers.registry import ASK_PERIOD, HANDLERS, INTENT_SPECS, PERIOD_INTENTS, Handler, IntentSpec, handler_for

__all__ = ["ASK_PERIOD", "HANDLERS", "INTENT_SPECS", "PERIOD_INTENTS", "Handler", "IntentSpec", "handler_for"]
