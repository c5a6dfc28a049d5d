"""Answering “may we hold this?”: the rules engine's verdict on a proposal read from the message.

One implementation, used by the check handler and by the question the bot asks back when it cannot
tell a report from a question (“是要登记，还是问能否召开？” followed by the verdict).
A question whose item the bot did not understand is asked back, never answered 可以.
"""

from __future__ import annotations

import dataclasses
import re

from bot import permissions
from bot.context import Context
from bot.messages import Reply
from bot.nlu import Intent
from bot.nlu.acts import ASK_VERBS, ask_text
from bot.rules import evaluate, proposal_from_intent, render_verdict, verdict_to_json
from bot.rules.engine import KIND_QUESTION
from bot.rules.meaning import MeaningFinding
from bot.rules.model import Finding

UNKNOWN_TEXT = "无法判断：请说明要开的会、发的文或开展的督查检查，如“周四可以开表彰会吗”。"


def check_reply(ctx: Context, intent: Intent) -> Reply:
    unit = permissions.unit_for(ctx, intent.unit)
    if isinstance(unit, Reply):
        # A unit the sender may not act for is, in a question, a partner or the approver
        # (“报县委办审过了”, “跟卫健局联合开”): the question is the sender's own unit's, and asking changes nothing.
        unit = ctx.unit
    foreign = unit.name != (intent.unit or unit.name)
    proposal = proposal_from_intent(intent, now=ctx.now(), unit_id=unit.id, unit_level=ctx.organiser_level(unit, intent.text))
    verdict = evaluate(proposal, ctx.services.rules.current(), ctx.session, ctx.today())
    if KIND_QUESTION in verdict.notes:
        return cannot_judge(notes=list(verdict.notes))
    if foreign:
        verdict.notes.append(f"所问涉及{intent.unit}，不是本单位可办理的单位，已按本单位（{unit.name}）对照。")
    return Reply(text=render_verdict(verdict), intent="check", data=verdict_to_json(verdict))


def cannot_judge(notes: list[str]) -> Reply:
    """Nothing was checked: ask what the item is instead of a 可以 that means nothing."""
    data = {"verdict": "unknown", "label": "无法判断", "rules": [], "checked": [], "notes": notes}
    return Reply(text=UNKNOWN_TEXT, intent="check", data=data)


def ask_record_or_check(ctx: Context, intent: Intent) -> Reply:
    """是要登记，还是问能否召开？ Nothing is recorded (design §4). When the rules can judge the item, their
    answer follows at once, so a cadre who was asking is not made to ask twice."""
    question = ask_text(intent)
    data = {"ambiguous": list(intent.ambiguous)}
    if permissions.role_refusal(ctx.member, "check") is not None:
        return Reply(text=question, intent="unknown", data=data)
    as_check = dataclasses.replace(ctx, action="check")  # the verdict is given under the check's own permission
    verdict = check_reply(as_check, dataclasses.replace(intent, intent="check", ambiguous=[]))
    if verdict.intent != "check" or verdict.data.get("verdict") in (None, "unknown"):
        return Reply(text=question, intent="unknown", data=data)
    verb = ASK_VERBS.get(intent.kind or "", "办理")
    return Reply(text=f"{question}\n如是问能否{verb}：{verdict.text}", intent="check", data={**verdict.data, **data})


# Words that report rather than propose: 了/已/过 (开了, 已发, 查过), 刚 (刚开完).
_REPORTED = re.compile(r"了|已|过|刚")


def reads_as_proposal(ctx: Context, intent: Intent) -> bool:
    """An undated, untensed statement the rules read as a proposal they object to (“会议室摆点鲜花水果招待
    检查组”): more likely a question put as a statement than a fact to record, so the bot asks which. A day only
    assumed (讲话已经见报了，原文转发给各乡镇: told as done, so today's) is no day said, and its 了 may be beside."""
    if not intent.date_assumed and (intent.date is not None or _REPORTED.search(intent.text or "")):
        return False
    unit = permissions.unit_for(ctx, intent.unit)
    unit = ctx.unit if isinstance(unit, Reply) else unit
    proposal = proposal_from_intent(intent, now=ctx.now(), unit_id=unit.id, unit_level=ctx.organiser_level(unit, intent.text))
    verdict = evaluate(proposal, ctx.services.rules.current(), ctx.session, ctx.today())
    list_keys = {lst.key for lst in ctx.services.rules.current().lists}
    return any(f.list_key in list_keys and f.verdict != "allowed" and not _topic_only(f, intent.title)
               for f in verdict.findings)


def _topic_only(finding: Finding, title: str | None) -> bool:
    """A meaning match that shares nothing but the item's topic (开个安全生产调度会 and “两个分管领导各开一个
    安全生产会” share 安全、生产): it says what the item is about, not that it does something wrong."""
    return isinstance(finding, MeaningFinding) and bool(title) and all(w in (title or "") for w in finding.shared)
