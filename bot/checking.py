"""Answering “may we hold this?”: the rules engine's verdict on a proposal read from the message.

One implementation, used by the check handler and by the question the bot asks back when it cannot
tell a report from a question (“是要登记，还是问能否召开？” followed by the verdict).
A question whose item the bot did not understand is asked back, never answered 可以.
"""

from __future__ import annotations

from bot import permissions
from bot.context import Context
from bot.messages import Reply
from bot.nlu import Intent
from bot.rules import evaluate, proposal_from_intent, render_verdict, verdict_to_json
from bot.rules.engine import KIND_QUESTION

UNKNOWN_TEXT = "无法判断：请说明要开的会、发的文或开展的督查检查，如“周四可以开表彰会吗”。"


def check_reply(ctx: Context, intent: Intent) -> Reply:
    unit = permissions.unit_for(ctx, intent.unit)
    if isinstance(unit, Reply):
        return unit
    proposal = proposal_from_intent(intent, now=ctx.now(), unit_id=unit.id, unit_level=unit.level)
    if proposal.kind is None:
        return cannot_judge(notes=[KIND_QUESTION])
    verdict = evaluate(proposal, ctx.services.rules.current(), ctx.session, ctx.today())
    if KIND_QUESTION in verdict.notes:
        return cannot_judge(notes=list(verdict.notes))
    return Reply(text=render_verdict(verdict), intent="check", data=verdict_to_json(verdict))


def cannot_judge(notes: list[str]) -> Reply:
    """Nothing was checked: ask what the item is instead of a 可以 that means nothing."""
    data = {"verdict": "unknown", "label": "无法判断", "rules": [], "checked": [], "notes": notes}
    return Reply(text=UNKNOWN_TEXT, intent="check", data=data)
