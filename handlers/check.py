"""“能不能开…吗”: answer whether an item may be held under the negative lists and meeting rules, citing each rule.

The same engine flags entries at record time (`flag_entry`) and again after a correction
(`recheck_entry`): the ledger records what happened either way. A question whose item the bot did not
understand is asked back, never answered 可以: “可以” must mean the rules were looked at.
"""

from __future__ import annotations

from typing import Any

from bot.messages import Reply
from bot.nlu import Intent
from bot.rules import (
    Verdict,
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
from bot.rules.engine import KIND_QUESTION
from storage import repo
from storage.models import Entry, Member, Unit

# Flags set by other handlers that a rules run must not drop (filing: held without required 报备).
KEPT_FLAG_ITEMS = frozenset({"UNFILED"})
UNKNOWN_TEXT = "无法判断：请说明要开的会、发的文或开展的督查检查，如“周四可以开表彰会吗”。"


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
    if proposal.kind is None:
        return _unknown(notes=[KIND_QUESTION])
    verdict = evaluate(proposal, rule_store(ctx.services).current(), ctx.session, ctx.today())
    if KIND_QUESTION in verdict.notes:
        return _unknown(notes=list(verdict.notes))
    data = verdict_to_json(verdict)
    return Reply(text=render_verdict(verdict), intent="check", data=data)


def _unknown(notes: list[str]) -> Reply:
    """Nothing was checked: ask what the item is instead of a 可以 that means nothing."""
    data = {"verdict": "unknown", "label": "无法判断", "rules": [], "checked": [], "notes": notes}
    return Reply(text=UNKNOWN_TEXT, intent="check", data=data)


def rule_flags(ctx: Context, entry: Entry) -> list[dict[str, Any]]:
    """The rules an existing entry breaks, as Entry.flags items.

    事前报备 is left out: on a record it is the filing handler's to flag (UNFILED) and explain, and a
    filing satisfies it by being made.
    """
    return findings_to_flags(_entry_verdict(ctx, entry))


def _entry_verdict(ctx: Context, entry: Entry) -> Verdict:
    unit = entry.unit if entry.unit is not None else ctx.session.get(Unit, entry.unit_id)
    proposal = proposal_from_entry(entry, unit_level=unit.level if unit else None)
    verdict = evaluate(proposal, rule_store(ctx.services).current(), ctx.session, ctx.today())
    verdict.findings = [f for f in verdict.findings if f.list_key != "advance_filing"]
    return verdict


def kept_flags(entry: Entry) -> list[dict[str, Any]]:
    """Flags other handlers own (e.g. 未报备), which a rules run keeps as they are."""
    return [f for f in entry.flags or [] if f.get("item") in KEPT_FLAG_ITEMS]


def flag_entry(ctx: Context, entry: Entry, unit: Unit) -> str:
    """Run the rules on a just-recorded entry, keep the findings as flags on its create event, and
    return the warning text (with any quota reminder). Flags other handlers set (e.g. 未报备) are kept."""
    verdict = _entry_verdict(ctx, entry)
    found = findings_to_flags(verdict)
    if found:
        repo.amend_creation(ctx.session, entry, flags=kept_flags(entry) + found)
    reminders = [f.to_flag() for f in verdict.findings if f.list_key == "quotas" and f.verdict == "allowed"]
    lines = [render_flags(found)] if found else []
    if reminders:
        lines.append(render_flags(reminders, heading="提醒："))
    return "\n".join(lines)


def recheck_entry(
    ctx: Context, entry: Entry, member: Member | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Run the rules again on an entry that was changed (a correction): its rule flags are recomputed,
    flags other handlers own are kept, and a "check" audit event is written when they changed.

    Returns the rule flags after and before.
    """
    before = [f for f in entry.flags or [] if f.get("item") not in KEPT_FLAG_ITEMS]
    found = rule_flags(ctx, entry)
    if found != before:
        repo.change_entry(ctx.session, entry, member, "check", at=ctx.now(), flags=kept_flags(entry) + found)
    return found, before
