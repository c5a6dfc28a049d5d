"""“能不能开…吗”: answer whether an item may be held under the negative lists and meeting rules, citing each rule.

The same engine flags entries when they are recorded and corrected (bot.ledger.flagging): the ledger
records what happened either way. A question whose item the bot did not understand is asked back,
never answered 可以: “可以” must mean the rules were looked at.
"""

from __future__ import annotations

from bot import permissions
from bot.context import Context
from bot.messages import Reply
from bot.nlu import Intent
from bot.rules import evaluate, proposal_from_intent, render_verdict, verdict_to_json
from bot.rules.engine import KIND_QUESTION

UNKNOWN_TEXT = "无法判断：请说明要开的会、发的文或开展的督查检查，如“周四可以开表彰会吗”。"


def handle(ctx: Context, intent: Intent) -> Reply:
    unit = permissions.unit_for(ctx, intent.unit)
    if isinstance(unit, Reply):
        return unit
    proposal = proposal_from_intent(intent, now=ctx.now(), unit_id=unit.id, unit_level=unit.level)
    if proposal.kind is None:
        return _unknown(notes=[KIND_QUESTION])
    verdict = evaluate(proposal, ctx.services.rules.current(), ctx.session, ctx.today())
    if KIND_QUESTION in verdict.notes:
        return _unknown(notes=list(verdict.notes))
    data = verdict_to_json(verdict)
    return Reply(text=render_verdict(verdict), intent="check", data=data)


def _unknown(notes: list[str]) -> Reply:
    """Nothing was checked: ask what the item is instead of a 可以 that means nothing."""
    data = {"verdict": "unknown", "label": "无法判断", "rules": [], "checked": [], "notes": notes}
    return Reply(text=UNKNOWN_TEXT, intent="check", data=data)
