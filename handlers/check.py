"""“能不能开…吗”: answer whether an item may be held under the negative lists and meeting rules, citing each rule.

The same engine flags entries at record time (`flag_entry`): the ledger records what happened either way.
"""

from __future__ import annotations

from typing import Any

from bot.messages import Reply
from bot.nlu import Intent
from bot.rules import (
    RuleStore,
    default_store,
    evaluate,
    findings_to_flags,
    proposal_from_entry,
    proposal_from_intent,
    render_flags,
    render_verdict,
    verdict_to_json,
)
from handlers import permissions
from handlers.context import Context
from storage import repo
from storage.models import Entry, Unit

# Flags set by other handlers that a rules run must not drop (filing: held without required 报备).
KEPT_FLAG_ITEMS = frozenset({"UNFILED"})


def rule_store(services: dict[str, Any]) -> RuleStore:
    """One store per process (it reloads changed files itself); tests may inject their own."""
    store = services.get("rules")
    if store is None:
        settings = services.get("settings")
        store = default_store(settings.config_dir) if settings is not None else default_store()
        services["rules"] = store
    return store


def handle(ctx: Context, intent: Intent) -> Reply:
    unit = permissions.target_unit(ctx, intent.unit)
    if isinstance(unit, Reply):
        return unit
    proposal = proposal_from_intent(intent, now=ctx.now(), unit_id=unit.id, unit_level=unit.level)
    verdict = evaluate(proposal, rule_store(ctx.services).current(), ctx.session, ctx.today())
    data = verdict_to_json(verdict)
    return Reply(text=render_verdict(verdict), intent="check", data=data)


def flag_entry(ctx: Context, entry: Entry, unit: Unit) -> str:
    """Run the rules on a just-recorded entry, keep the findings as flags on its create event, and
    return the warning text. Flags other handlers set (e.g. 未报备) are kept."""
    proposal = proposal_from_entry(entry, unit_level=unit.level)
    verdict = evaluate(proposal, rule_store(ctx.services).current(), ctx.session, ctx.today())
    # 事前报备 on a record is the filing handler's to flag and explain (UNFILED), not twice.
    verdict.findings = [f for f in verdict.findings if f.list_key != "advance_filing"]
    found = findings_to_flags(verdict)
    if found:
        kept = [f for f in entry.flags or [] if f.get("item") in KEPT_FLAG_ITEMS]
        repo.amend_creation(ctx.session, entry, flags=kept + found)
    return render_flags(found) if found else ""
