"""Meaning matching for the negative lists: a check reads what a proposal does, not only its words.

Each rule id keeps a bank of example proposals in config/rule_examples.yaml, some VIOLATING it and some
COMPLYING with it. A question is compared with every example (jieba words with negation marked, plus
character bigrams, scored by BM25); the nearest examples decide whether an item is added, whether a
word-triggered item is dropped because the proposal does what the rule asks, and whether 事前报备 blocks
or only reminds. See decide.py for the rules and store.py for loading and overlays.

    revision = revise(ctx, findings, checked)   # called by bot.rules.engine.evaluate
"""

from __future__ import annotations

from bot.rules.meaning.bank import EXAMPLES_FILE, Example, load_examples
from bot.rules.meaning.decide import MeaningFinding, Revision, kind_by_meaning, kindless_compliance, revise
from bot.rules.meaning.index import BankIndex, Match
from bot.rules.meaning.store import meaning_book, meaning_error

__all__ = [
    "EXAMPLES_FILE",
    "BankIndex",
    "Example",
    "Match",
    "MeaningFinding",
    "Revision",
    "kind_by_meaning",
    "kindless_compliance",
    "load_examples",
    "meaning_book",
    "meaning_error",
    "revise",
]
