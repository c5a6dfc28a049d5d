"""The rule engine: may this meeting / document / inspection / report go ahead under the negative lists?

Rules are configuration (config/negative_lists.yaml, config/rules.yaml), overlaid by a deployment's
folder (JIANFU_CONFIG), reloaded when the files change, and refused, with the old rules kept, when
malformed. The same engine answers the check intent and flags entries at record time.

Public API
----------
Rules::

    store = services.rules        # bot.services.Services; outside a runtime default_store(config_dir)
    book = store.current()        # latest valid RuleBook; reloads on mtime/size change
    store.error                   # RuleConfigError of the newest files when they were refused, else None

Proposals::

    proposal_from_intent(intent, *, unit_id=None, unit_level=None) -> Proposal
        # every fact is the parser's (kind, direction, date, 人数, 时长, 讲话/发言时长, 字数); the rules
        # parse nothing themselves, only their keyword triggers look at the (folded) text.
    proposal_from_entry(entry, *, unit_level=None) -> Proposal   # excludes the entry from ledger matches

Evaluation::

    prepare(rulebook, text, title=None)   # the words-only part of evaluate, done ahead (before a write lock)
    evaluate(proposal, rulebook, session: Session | None, today: date) -> Verdict
        # session: ledger-aware rules (三个凡是 已发文部署/相近会议, 配额, 年度发文只减不增, 年度次数);
        # without it (or without proposal.unit_id) they are skipped and Verdict.notes says so.

Verdict.verdict is one of allowed | needs_approval | discouraged | forbidden (worst finding first:
allowed < needs_approval < discouraged < forbidden); Verdict.label is 可以 / 需报备审批 / 不建议 / 不可以.
Each Finding has list_key, list_name (the deployment's display name), item (stable id such as "M04"),
number (position in its list), text (verbatim), source, verdict and reason (short Chinese). Findings
with verdict "allowed" are reminders (quota at 80 %, an exempt meeting on a 无会日).

Filing (for the 报备 workflow)::

    filing_requirement(proposal, rulebook, today) -> FilingRule | None   # rule.rule.id/.text/.source,
        # rule.working_days; bot.calendar.work_calendar().workdays_between(today, day) counts the days left

Output::

    render_verdict(verdict, subject=None) -> str        # the chat reply
    verdict_to_json(verdict) -> {"verdict", "label", "rules": [{"list", "item", "source"}], "checked", "notes"}
    findings_to_flags(verdict, include_reminders=False) -> list[dict]   # for Entry.flags:
        # {"list", "item", "number", "text", "source", "verdict", "reason"}
    render_flags(flags) -> str                           # the warning appended to a record reply

Typical wiring::

    # check handler
    p = proposal_from_intent(intent, unit_id=unit.id, unit_level=ctx.organiser_level(unit))
    v = evaluate(p, default_store().current(), session, clock.now().date())
    reply = render_verdict(v); data = verdict_to_json(v)
    # record handler, after the entry is created (it is recorded either way)
    v = evaluate(proposal_from_entry(entry, unit_level=ctx.organiser_level(unit)), book, session, today)
    entry.flags = findings_to_flags(v)
"""

from __future__ import annotations

from bot.rules.engine import evaluate, prepare
from bot.rules.filing import requirement as filing_requirement
from bot.rules.loader import RuleConfigError, load_rulebook
from bot.rules.model import VERDICT_LABELS, VERDICTS, Finding, Proposal, Verdict
from bot.rules.proposal import proposal_from_entry, proposal_from_intent
from bot.rules.render import findings_to_flags, render_flags, render_verdict, verdict_to_json
from bot.rules.schema import RuleBook
from bot.rules.store import DEFAULT_CONFIG_DIR, RuleStore, default_store

__all__ = [
    "DEFAULT_CONFIG_DIR",
    "VERDICTS",
    "VERDICT_LABELS",
    "Finding",
    "Proposal",
    "RuleBook",
    "RuleConfigError",
    "RuleStore",
    "Verdict",
    "default_store",
    "evaluate",
    "filing_requirement",
    "findings_to_flags",
    "load_rulebook",
    "prepare",
    "proposal_from_entry",
    "proposal_from_intent",
    "render_flags",
    "render_verdict",
    "verdict_to_json",
]
