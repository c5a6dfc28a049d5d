"""Must this item be filed (报备) before it is held? One answer for recording, filing and correcting.

The rules decide (rules.yaml `advance_filing`, through bot.rules.filing_requirement) when they have
filing items; otherwise config/filing.yaml `requires` names the kinds and directions that must be filed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from bot.context import Context
from bot.filing.settings import FilingSettings
from bot.rules import Proposal, RuleBook, filing_requirement, proposal_from_entry
from bot.rules.store import available_rulebook
from storage.models import Entry

UNFILED_ITEM = "UNFILED"  # Entry.flags item id of "held without required filing"
FALLBACK_LIST_NAME = "事前报备"
FALLBACK_RULE_TEXT = (
    "各单位发文、办会、督查要提前向县委办公室、政府办公室报备，经县委、县政府批准后才能开展，"
    "未履行报备程序的，一律不予认可。"
)
FALLBACK_RULE_SOURCE = "本县“三个关口”报备审批制度（config/filing.yaml）"


@dataclass(frozen=True)
class Requirement:
    """The rule that makes an item 须报备, and the flag an item held without filing carries."""

    list_name: str
    rule_id: str
    text: str
    source: str

    def flag(self) -> dict[str, Any]:
        return {"list": self.list_name, "item": UNFILED_ITEM, "number": None, "rule": self.rule_id,
                "text": self.text, "source": self.source, "verdict": "needs_approval",
                "reason": "未履行报备程序"}


def requirement(
    proposal: Proposal, book: RuleBook | None, settings: FilingSettings, today: dt.date
) -> Requirement | None:
    """Why the item must be filed (the rule), or None when it need not be. Dates play no part: an item
    held without the filing it needed stays 须报备 after the day has passed."""
    if book is not None and book.filing:
        rule = filing_requirement(proposal, book, today)
        if rule is None:
            return None
        return Requirement(book.filing_name or FALLBACK_LIST_NAME, rule.rule.id, rule.rule.text, rule.rule.source)
    if proposal.kind is not None and settings.kind_requires_filing(proposal.kind, proposal.direction):
        return Requirement(FALLBACK_LIST_NAME, "filing.yaml", FALLBACK_RULE_TEXT, FALLBACK_RULE_SOURCE)
    return None


def requirement_of(ctx: Context, entry: Entry) -> Requirement | None:
    """`requirement` for an entry being filed; without valid rules filing.yaml decides (a filing goes on)."""
    proposal = proposal_from_entry(entry, unit_level=ctx.organiser_level(entry.unit, entry.raw_text))
    settings = ctx.services.filing.current()
    return requirement(proposal, available_rulebook(ctx.services.rules), settings, ctx.today())
