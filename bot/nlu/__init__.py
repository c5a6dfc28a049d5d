"""Chinese message understanding: `parse(text, now, lexicon) -> Intent` (design §4)."""

from __future__ import annotations

from bot.nlu.intent import Attendees, Intent, Period
from bot.nlu.lexicon import Lexicon
from bot.nlu.parser import parse

__all__ = ["Attendees", "Intent", "Lexicon", "Period", "parse"]
