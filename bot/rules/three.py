"""三个凡是 for our own meetings: no problem to solve; already deployed by a document; similar to another.

The first is read from the message; the other two look in the ledger, so a reply can name the entry
("建议与#12合并召开") instead of a vague warning.
"""

from __future__ import annotations

import datetime as dt
import re

from bot.clock import TZ
from bot.nlu import timeexpr
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
    if told := _told_deployed(rules, ctx):
        findings.append(told)
    p = ctx.proposal
    if ctx.session is None or p.unit_id is None:
        notes.append(f"未关联本单位台账，未核对{rules.name}中的已发文部署和相近会议。")
        return findings, notes
    subject = topic.keywords(p.title, p.text)
    if not subject:
        notes.append("未说明会议主题，未核对已发文部署和相近会议。")
        return findings, notes
    if not told and (found := _deployed(rules, ctx, subject)):
        findings.append(found)
    findings.extend(_similar(rules, ctx, subject) or _told_similar(rules, ctx))
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


# 通知上周发下去了，节后再开个部署会: the question itself tells that a document deployed the work, and the
# meeting asked about would deploy it again (the ledger may not hold the document)
_DOCUMENT_OUT = re.compile(r"(?:通知|文件|文|方案|意见)[^，,。；;？?]{0,6}?(?:已经|已|都|就)?(?:发|印发|下发|转发)"
                           r"(?:了|过|下去了?|出去了?)|(?:已经|已)(?:发文|下文|印发|下发)")
_DEPLOYING = re.compile(r"部署|布置|动员")
_NO_MEETING = re.compile(r"不(?:再|另|用|必)?(?:开|召开|安排|召集)")


def _told_deployed(rules: ThreeWhenever, ctx: CheckContext) -> Finding | None:
    text = ctx.text
    out = _DOCUMENT_OUT.search(text)
    if out is None or _DEPLOYING.search(text, out.end()) is None or _NO_MEETING.search(text, out.end()):
        return None  # …方案已经下发了，就不再开部署会: what the rule asks
    return _finding(rules, rules.deployed, f"所述“{out.group(0)}”，已发文部署的工作原则上不再开会部署")


# 巡察整改推进会上周五开过了，下周二再开个整改调度会: a meeting told held, then another proposed on a shared subject
_MEETING_HELD = re.compile(r"(?P<held>[^，,。；;？?]{2,20}?会)[^，,。；;？?]{0,6}?(?:已经|刚|才)?(?:开过|开了|开完)")
_MEETING_AGAIN = re.compile(r"(?:再|又|还要|还想)[^，,。；;？?]{0,4}?开(?P<again>[^，,。；;？?]{0,12}?会)")


def _told_similar(rules: ThreeWhenever, ctx: CheckContext) -> list[Finding]:
    held = _MEETING_HELD.search(ctx.text)
    again = _MEETING_AGAIN.search(ctx.text, held.end()) if held is not None else None
    if held is None or again is None:
        return []
    shared = topic.keywords(held["held"]) & topic.keywords(again["again"])
    told = timeexpr.extract(held.group(0), dt.datetime.combine(ctx.today, dt.time(12), TZ), past=True)
    when = told.date or (told.period.end if told.period is not None else None)  # 上个月开过: its last day at best
    if not shared or (when is not None and abs((ctx.day - when).days) > rules.similar_window_days):
        return []  # not near in time
    return [_finding(rules, rules.similar, f"所述“{held.group(0)}”，与所问会议同涉“{'、'.join(sorted(shared))}”，"
                                          "内容相关、时间相近的会议尽量合并召开")]


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
