"""三个凡是 for our own meetings: no problem to solve; already deployed by a document; similar to another.

The first is read from the message; the other two look in the ledger, so a reply can name the entry
("建议与#12合并召开") instead of a vague warning.
"""

from __future__ import annotations

import datetime as dt

from bot.rules import ledger, topic
from bot.rules.context import CheckContext
from bot.rules.model import Finding
from bot.rules.schema import RuleText, ThreeWhenever
from storage.models import Entry


def applies(ctx: CheckContext) -> bool:
    return ctx.proposal.kind == "meeting" and ctx.direction == "outgoing"


def check(rules: ThreeWhenever, ctx: CheckContext) -> tuple[list[Finding], list[str]]:
    findings: list[Finding] = []
    notes: list[str] = []
    if word := ctx.match(rules.no_problem_words):
        findings.append(_finding(rules, rules.no_problem, f"所述“{word}”，会议不以解决问题为目的"))
    p = ctx.proposal
    if ctx.session is None or p.unit_id is None:
        notes.append(f"未关联本单位台账，未核对{rules.name}中的已发文部署和相近会议。")
        return findings, notes
    subject = topic.keywords(p.title, p.text)
    if not subject:
        notes.append("未说明会议主题，未核对已发文部署和相近会议。")
        return findings, notes
    if found := _deployed(rules, ctx, subject):
        findings.append(found)
    findings.extend(_similar(rules, ctx, subject))
    return findings, notes


def _finding(rules: ThreeWhenever, rule: RuleText, reason: str) -> Finding:
    return Finding(list_key="three_whenever", list_name=rules.name, item=rule.id, text=rule.text,
                   source=rule.source, verdict=rule.verdict, reason=reason)


def _label(entry: Entry) -> str:
    name = entry.title or (entry.raw_text or "")[:20]
    return f"#{entry.id}（{entry.occurs_on.month}月{entry.occurs_on.day}日“{name}”）"


def _deployed(rules: ThreeWhenever, ctx: CheckContext, subject: frozenset[str]) -> Finding | None:
    """A document of ours on the same subject within the look-back window, before the meeting."""
    assert ctx.session is not None and ctx.proposal.unit_id is not None
    day = ctx.day
    docs = ledger.entries(ctx.session, ctx.proposal.unit_id, "document", "outgoing",
                          day - dt.timedelta(days=rules.deployed_lookback_days), day)
    for doc in reversed(docs):
        shared = topic.related(subject, topic.keywords(doc.title, doc.raw_text))
        if shared:
            return _finding(rules, rules.deployed,
                            f"本单位已发文部署{_label(doc)}，涉及“{'、'.join(sorted(shared))}”，原则上不再开会部署")
    return None


def _similar(rules: ThreeWhenever, ctx: CheckContext, subject: frozenset[str]) -> list[Finding]:
    """Our other meetings within the window, on a related subject, with overlapping attendees."""
    p = ctx.proposal
    assert ctx.session is not None and p.unit_id is not None
    window = dt.timedelta(days=rules.similar_window_days)
    day = ctx.day
    mine = topic.scope_tokens(p.attendees_scope)
    out = []
    for other in ledger.entries(ctx.session, p.unit_id, "meeting", "outgoing", day - window, day + window,
                                exclude_id=p.exclude_entry_id):
        shared = topic.related(subject, topic.keywords(other.title, other.raw_text))
        if not shared:
            continue
        if not topic.scopes_overlap(mine, topic.scope_tokens(other.attendees_scope, other.attendees_text)):
            continue
        gap = abs((other.occurs_on - day).days)
        out.append(_finding(rules, rules.similar,
                            f"与{_label(other)}内容相关（“{'、'.join(sorted(shared))}”）、相隔{gap}天，"
                            f"建议与#{other.id}合并召开"))
    return out
