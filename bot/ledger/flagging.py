"""Entry.flags: what the rules (and the filing requirement) say about an entry that is in the ledger.

An entry is recorded either way; its flags tell the weekly analysis and the approvers what it broke.
`flag` runs once, just before an entry is written: the rules engine is evaluated once and the findings, the
未报备 flag and 须报备 are written with the entry and its creation event, in their INSERTs (one message,
one event, no UPDATE after). `recheck` runs after a correction and writes one "check" event when the flags
changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from bot.context import Context
from bot.filing.requirement import UNFILED_ITEM, Requirement, requirement
from bot.filing.settings import FilingSettings
from bot.rules import Proposal, RuleBook, Verdict, evaluate, findings_to_flags, proposal_from_entry
from bot.rules.proposal import Measured
from bot.rules.model import NOT_YET_WRITTEN  # checked as recorded (连同本条), leaving no entry out of the ledger
from storage import repo
from storage.models import Entry, Unit

Flag = dict[str, Any]

# Flags no rules run owns (the filing workflow's 未报备), which a rules run keeps as they are.
KEPT_FLAG_ITEMS = frozenset({UNFILED_ITEM})
ADVANCE_FILING = "advance_filing"  # the rules' 事前报备 list


@dataclass(frozen=True)
class Flagged:
    """What recording an entry found."""

    found: list[Flag]  # rule flags now on the entry
    reminders: list[Flag]  # findings that allow the item but remind (quota at 80 %)
    requirement: Requirement | None  # why it had to be filed, when it had to and was only recorded
    columns: dict[str, Any]  # what the entry is written with besides its fields: its flags and 须报备, when any


@dataclass(frozen=True)
class Prepared:
    """The rules' verdict on an entry about to be written, worked out before the write transaction (so the
    rules run outside SQLite's write lock). flag() uses it only for the very proposal, rule book and day
    it was worked out for; the ledger it read may be a moment older than the write (the issue's choice:
    evaluate the rules before the write transaction). The filing requirement (须报备), which reads no ledger, is
    worked out with it for the same filing settings, so that flag() holds the write lock only to write."""

    proposal: Proposal
    book: RuleBook
    today: dt.date
    verdict: Verdict
    filing: FilingSettings
    required: Requirement | None  # were it recorded (status "recorded")

    def fits(self, proposal: Proposal, book: RuleBook, today: dt.date) -> bool:
        return book is self.book and today == self.today and proposal == self.proposal


def prepare(ctx: Context, entry: Entry, measured: Measured | None = None) -> Prepared:
    """What flag() will find for `entry` (unsaved: bot.ledger.entries.unsaved_entry), read ahead; `measured`: as
    for flag()."""
    book = ctx.services.rules.current()
    proposal = replace(_proposal(ctx, entry, measured), exclude_entry_id=NOT_YET_WRITTEN)
    filing = ctx.services.filing.current()
    return Prepared(proposal, book, ctx.today(), _rule_verdict(ctx, proposal, book), filing,
                    requirement(proposal, book, filing, ctx.today()))


@dataclass(frozen=True)
class Rechecked:
    """What a correction changed in the rules' view of an entry."""

    found: list[Flag]  # rule flags after
    before: list[Flag]  # rule flags before
    became_required: bool  # a recorded item that now needs filing and did not before


def kept_flags(entry: Entry) -> list[Flag]:
    """Flags other workflows own (e.g. 未报备), which a rules run keeps as they are."""
    return [f for f in entry.flags or [] if f.get("item") in KEPT_FLAG_ITEMS]


def flag(ctx: Context, entry: Entry, measured: Measured | None = None) -> Flagged:
    """Flag an entry about to be recorded (unsaved: bot.ledger.entries.unsaved_entry): rule findings, and 须报备
    with 未报备 when it needed filing, for the entry's INSERT (Flagged.columns). `measured`: what the message's
    parse read of its words (bot.rules.proposal.measured_as_parsed), not read again.

    The rules read the ledger as it will be with the entry (连同本条: rules.model.NOT_YET_WRITTEN), as the verdict
    worked out ahead (prepare) reads it; that one is taken when it was worked out for this very proposal.
    The 事前报备 finding is left to the filing requirement: a recorded item that needed filing is
    flagged 未报备 (whatever its date), and a filing satisfies it by being made.
    """
    book = ctx.services.rules.current()
    proposal = replace(_proposal(ctx, entry, measured), exclude_entry_id=NOT_YET_WRITTEN)
    ready = ctx.prepared if isinstance(ctx.prepared, Prepared) else None
    if ready is not None and ready.fits(proposal, book, ctx.today()):
        verdict = ready.verdict
    else:
        ready = None
        verdict = _rule_verdict(ctx, proposal, book)
    required = None
    if entry.status == "recorded":
        if ready is not None and ready.filing is ctx.services.filing.current():
            required = ready.required
        else:
            required = _requirement(ctx, proposal, book)
    found = findings_to_flags(verdict)
    reminders = [f.to_flag() for f in verdict.findings if f.list_key == "quotas" and f.verdict == "allowed"]
    columns: dict[str, Any] = {}
    if found or required is not None:
        columns["flags"] = _flags(entry, found, required)
    if required is not None:
        columns["filing_required"] = True
    return Flagged(found=found, reminders=reminders, requirement=required, columns=columns)


def recheck(ctx: Context, entry: Entry) -> Rechecked:
    """Run the rules again on a corrected entry; a recorded item's 须报备 is recomputed with them.

    Flags other workflows own are kept; one "check" audit event is written when anything changed.
    """
    book = ctx.services.rules.current()
    proposal = _proposal(ctx, entry)
    found = findings_to_flags(_rule_verdict(ctx, proposal, book))
    before = [f for f in entry.flags or [] if f.get("item") not in KEPT_FLAG_ITEMS]
    if entry.status != "recorded":
        if found != before:
            repo.change_entry(ctx.session, entry, ctx.member, "check", at=ctx.now(), flags=kept_flags(entry) + found)
        return Rechecked(found=found, before=before, became_required=False)
    was_required = entry.filing_required
    required = _requirement(ctx, proposal, book)
    flags = _flags(entry, found, required)
    if (required is not None, flags) != (was_required, entry.flags or []):
        repo.change_entry(ctx.session, entry, ctx.member, "check", at=ctx.now(),
                          filing_required=required is not None, flags=flags)
    return Rechecked(found=found, before=before, became_required=required is not None and not was_required)


def _flags(entry: Entry, found: list[Flag], required: Requirement | None) -> list[Flag]:
    """A recorded entry's flags: kept ones (but 未报备, recomputed), the rules' findings, then 未报备."""
    kept = [f for f in kept_flags(entry) if f.get("item") != UNFILED_ITEM]
    return kept + found + ([required.flag()] if required is not None else [])


def _proposal(ctx: Context, entry: Entry, measured: Measured | None = None) -> Proposal:
    if entry.unit_id == ctx.unit.id:  # as a rule, the sender's own: the session's object, without a lazy load
        unit: Unit | None = ctx.unit
    else:
        unit = entry.unit if entry.unit is not None else ctx.session.get(Unit, entry.unit_id)
    return proposal_from_entry(entry, unit_level=ctx.organiser_level(unit, entry.raw_text), measured=measured)


def _rule_verdict(ctx: Context, proposal: Proposal, book: RuleBook) -> Verdict:
    """The rules engine's verdict on an entry, without 事前报备 (the filing requirement's to flag)."""
    verdict = evaluate(proposal, book, ctx.session, ctx.today())
    verdict.findings = [f for f in verdict.findings if f.list_key != ADVANCE_FILING]
    return verdict


def _requirement(ctx: Context, proposal: Proposal, book: RuleBook) -> Requirement | None:
    return requirement(proposal, book, ctx.services.filing.current(), ctx.today())
