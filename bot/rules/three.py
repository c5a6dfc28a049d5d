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

SIMILAR_NAMED = 3  # a reply names at most this many similar meetings, then "另有N条相近"


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


def _label(entry: ledger.Related) -> str:
    return f"#{entry.id}（{entry.occurs_on.month}月{entry.occurs_on.day}日“{entry.title}”）"


def _deployed(rules: ThreeWhenever, ctx: CheckContext, subject: frozenset[str]) -> Finding | None:
    """Our latest document on the same subject within the look-back window, before the meeting."""
    assert ctx.session is not None and ctx.proposal.unit_id is not None
    day = ctx.day
    docs, _ = ledger.related(ctx.session, ctx.proposal.unit_id, "document", "outgoing", subject,
                             day - dt.timedelta(days=rules.deployed_lookback_days), day, limit=1)
    if not docs:
        return None
    doc = docs[0]
    return _finding(rules, rules.deployed,
                    f"本单位已发文部署{_label(doc)}，涉及“{'、'.join(sorted(doc.shared))}”，原则上不再开会部署")


def _similar(rules: ThreeWhenever, ctx: CheckContext, subject: frozenset[str]) -> list[Finding]:
    """Our other meetings within the window, on a related subject, with overlapping attendees: one finding
    naming the closest few and how many more there are."""
    p = ctx.proposal
    assert ctx.session is not None and p.unit_id is not None
    window = dt.timedelta(days=rules.similar_window_days)
    day = ctx.day
    mine = topic.scope_tokens(p.attendees_scope)
    found, total = ledger.related(ctx.session, p.unit_id, "meeting", "outgoing", subject, day - window,
                                  day + window, exclude_id=p.exclude_entry_id)
    close = sorted((m for m in found if topic.scopes_overlap(mine, topic.scope_tokens(m.attendees))),
                   key=lambda m: (abs((m.occurs_on - day).days), -m.id))
    if not close:
        return []
    named = close[:SIMILAR_NAMED]
    more = len(close) - len(named) + (total - len(found))  # beyond those read back: same topic and window
    shared = sorted(set().union(*(m.shared for m in named)))
    which = "、".join(f"{_label(m)}（相隔{abs((m.occurs_on - day).days)}天）" for m in named)
    reason = (f"与{which}内容相关（“{'、'.join(shared)}”）、时间相近，建议与#{named[0].id}合并召开"
              + (f"；另有{more}条相近" if more else ""))
    return [_finding(rules, rules.similar, reason)]
