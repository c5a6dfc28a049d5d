"""Chinese message understanding: `parse(text, now, lexicon) -> Intent` (design §4).

The bot's one language understanding: everything a handler or a rule needs from a message (kind,
direction, dates, counts, durations, speech minutes, document length …) is a field of the Intent;
`normalize`/`fold` are the one text normalisation (the rules' keyword matching folds with it).

Modules, one job each: normalize (chat noise), numbers (Chinese numerals), timeexpr (dates, periods,
working days on bot.calendar's WorkCalendar), units (lexicon names, counterparts, jieba user dictionary),
counts (attendees, scale, durations, quantity, document length), vocab (kind/direction/subtype), title (short topic),
grammar (#12 commands, admin intents), parser (the pipeline and the intent decisions), firstchars (the
first-character guards that let the long alternations skip where no match can start).
"""

from __future__ import annotations

from bot.calendar import Period
from bot.nlu.intent import INTENTS, Attendees, Intent
from bot.nlu.lexicon import EMPTY, Lexicon, Speaker
from bot.nlu.normalize import fold, normalize, without_emoji
from bot.nlu.parser import parse
from bot.nlu.units import warm_up

__all__ = [
    "EMPTY", "INTENTS", "Attendees", "Intent", "Lexicon", "Period", "Speaker", "fold", "normalize", "parse", "warm_up",
    "without_emoji",
]
