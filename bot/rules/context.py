"""Facts every check shares, derived once per evaluation: the matchable text, unit level, 全县性 or not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.rules.model import Proposal
from bot.rules.schema import Conditions, RuleBook
from bot.rules.textmatch import Pattern, first_match, matchable


@dataclass
class CheckContext:
    proposal: Proposal
    book: RuleBook
    session: Session | None
    today: dt.date
    text: str  # the haystack as trigger words match it
    level: str | None  # the organiser's level, inferred from 全县 when unknown
    wide: bool  # a 全县（市）性 meeting

    @classmethod
    def build(cls, proposal: Proposal, book: RuleBook, session: Session | None, today: dt.date) -> CheckContext:
        text = matchable(proposal.haystack())
        scope = matchable(proposal.attendees_scope)
        wide = first_match(book.wide_words, text) is not None or first_match(book.wide_words, scope) is not None
        level = proposal.unit_level or ("county" if wide else None)
        return cls(proposal, book, session, today, text, level, wide)

    @property
    def direction(self) -> str:
        return self.proposal.effective_direction

    @property
    def day(self) -> dt.date:
        """The day the thing happens; today when the message gives none."""
        return self.proposal.date or self.today

    def match(self, patterns: tuple[Pattern, ...]) -> str | None:
        return first_match(patterns, self.text)

    def in_scope(self, cond: Conditions) -> bool:
        """The kind and direction fit (the other conditions aside)."""
        return (not cond.kinds or self.proposal.kind in cond.kinds) and (
            not cond.directions or self.direction in cond.directions)

    def holds(self, cond: Conditions) -> bool:
        p = self.proposal
        if cond.kinds and p.kind not in cond.kinds:
            return False
        if cond.directions and self.direction not in cond.directions:
            return False
        if cond.unit_levels and self.level not in cond.unit_levels:
            return False
        if cond.min_scale is not None and (p.scale is None or p.scale < cond.min_scale):
            return False
        if cond.min_length is not None and (p.length_chars is None or p.length_chars < cond.min_length):
            return False
        return cond.wide is None or cond.wide == self.wide
