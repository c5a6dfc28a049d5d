"""evaluate(): run every rule set that applies to a proposal and combine them into one Verdict.

The same call serves the check intent ("周四可以开会吗") and record-time flagging; only the
Proposal differs. Ledger-aware rules run when a session and the unit are given and say so when not.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from sqlalchemy.orm import Session

from bot.rules import filing, limits, lists, nomeeting, quotas, three, topic
from bot.rules.context import CheckContext
from bot.rules.meaning import kind_by_meaning, kindless_compliance
from bot.rules.meaning import revise as revise_by_meaning
from bot.rules.meaning.store import meaning_book
from bot.rules.model import Finding, Proposal, Verdict, worst
from bot.rules.schema import RuleBook
from bot.rules.textmatch import said_of_others

NOTHING_APPLIES = "此类事项（如参加上级会议、收上级来文）不适用本单位的负面清单和会议规则。"
KIND_QUESTION = "未能判断所问事项是会议、发文、督查检查考核还是报表材料，未作对照。"


def evaluate(proposal: Proposal, rulebook: RuleBook, session: Session | None, today: dt.date) -> Verdict:
    ctx = CheckContext.build(proposal, rulebook, session, today)
    if proposal.kind is None:
        # Words alone could not tell the kind; the facts stated (发言5分钟, 8000字) or the meaning may.
        kind = kind_by_facts(proposal) or kind_by_meaning(ctx)
        if kind is None:
            complies = kindless_compliance(ctx)
            return Verdict(verdict="allowed", notes=[complies] if complies else [KIND_QUESTION])
        return evaluate(replace(proposal, kind=kind), rulebook, session, today)
    findings: list[Finding] = []
    checked: list[str] = []
    notes: list[str] = []

    def take(name: str, result: tuple[list[Finding], list[str]]) -> None:
        found, said = result
        checked.append(name)
        findings.extend(found)
        notes.extend(n for n in said if n not in notes)

    for lst in rulebook.lists:
        if lists.applies(lst, ctx):
            found = lists.check_list(lst, ctx)
            if found or lists.primary(lst, ctx):
                take(lst.name, (found, []))
    # 打个电话交代一下，不开会了: an item given up is not held, issued or carried out, so no day, size, filing or
    # count applies; the lists (and their complying examples) still read what is done instead.
    forgone = forgoes(proposal)
    if not forgone:
        if rulebook.no_meeting and proposal.kind == "meeting" and ctx.direction == "outgoing":
            take(rulebook.no_meeting.name, nomeeting.check(rulebook.no_meeting, ctx))
        if rulebook.limits and limits.applies(rulebook.limits, ctx):
            take(rulebook.limits.name, limits.check(rulebook.limits, ctx))
        if rulebook.three and three.applies(ctx):
            take(rulebook.three.name, three.check(rulebook.three, ctx))
        if rulebook.filing and filing.applies(rulebook.filing, ctx):
            take(rulebook.filing_name, (filing.check(rulebook.filing_name, rulebook.filing, ctx), []))
        caps = [r for r in rulebook.frequency if not r.when.kinds or proposal.kind in r.when.kinds]
        if caps and session is not None and proposal.unit_id is not None:
            found = [f for r in caps for f in quotas.check_frequency(rulebook.frequency_name, r, ctx)]
            take(rulebook.frequency_name, (found, []))
        if rulebook.quotas:
            found, has_quota = quotas.check_quotas(rulebook.quotas, ctx)
            if has_quota:
                take(rulebook.quotas.name, (found, []))
        if rulebook.annual and proposal.kind in rulebook.annual.kinds and ctx.direction == "outgoing":
            take(rulebook.annual.name, quotas.check_annual(rulebook.annual, ctx))

    # The question's meaning adds items its words missed and drops ones it complies with.
    revision = revise_by_meaning(ctx, findings, checked)
    findings, checked = revision.findings, revision.checked
    notes.extend(n for n in revision.notes if n not in notes)
    if not checked and not forgone:
        notes.append(NOTHING_APPLIES)
    return Verdict(
        verdict=worst([f.verdict for f in findings]),
        findings=_dedupe(findings),
        checked=list(dict.fromkeys(checked)),
        notes=notes,
    )


# The item itself given up, as the last word on it: 不开会了, 会就不开了, 这个文就不发了, 不去查了.
_FORGONE = {
    "meeting": re.compile(r"(?:不|不再|就不|没必要再|不用)(?:单独|另外|重复|专门)?(?:开|召开)(?:会|这个会)?了"
                          r"|会(?:就|也)?(?:不|不再|不用)(?:开|召开)了"),
    "document": re.compile(r"(?:不|不再|就不|不用)(?:单独|另外|专门)?(?:发|印发|下发|发文)了|文(?:就|也)?(?:不|不再|不用)发了"),
    "inspection": re.compile(r"(?:不|不再|就不|不用)(?:单独|另外|专门)?(?:去|下去)?(?:查|检查|督查|考核)了"),
}


# …of the kind, proposed after it was given up (县里都周四周五不开会了，我们镇这周五开个小会行不行)
_PROPOSED_AGAIN = {
    "meeting": re.compile(r"开(?:个|一个|一次|次)?[^，,。;；]{0,6}?会|召开"),
    "document": re.compile(r"发(?:个|一个|份)?[^，,。;；]{0,4}?(?:文|通知)|印发|下发"),
    "inspection": re.compile(r"(?:去|下去|到)[^，,。;；]{0,6}?(?:查|检查|督查|考核)"),
}


def forgoes(proposal: Proposal) -> bool:
    """Whether the question gives the item up (不开会了) rather than proposing it."""
    pattern = _FORGONE.get(proposal.kind or "")
    if pattern is None:
        return False
    text = proposal.text
    given_up = [m for m in pattern.finditer(text) if not said_of_others(text, m.start())]
    return bool(given_up) and _PROPOSED_AGAIN[proposal.kind or ""].search(text, given_up[-1].end()) is None


def prepare(rulebook: RuleBook, text: str, title: str | None = None) -> None:
    """Work out, ahead, what evaluate() will read from a message's words alone — its meaning search and its
    subject words — so that a writer does it before taking the write lock (SQLite: one writer at a time)
    rather than while holding it. Pure and cached (a few recent texts), so it changes no answer."""
    book = meaning_book(rulebook)
    if book is not None and text:
        book.index.search(text)
    topic.keywords(title, text)


# Work groups, government apps and what is handed over (台账, 照片): the practices the inspection list's
# 留痕 items and the 2026 work-group rules govern, which apply to demands for materials (kind report).
_MATERIALS_OR_GROUPS = re.compile(r"群里|群内|在群|工作群|微信群|钉钉群|[Qq][Qq]群|[Aa][Pp][Pp]|小程序|公众号|政务应用"
                                  r"|台账|台帐|抬账|照片|截图|留痕|资料|材料|报表|表格|打卡|接龙|签到")


def kind_by_facts(proposal: Proposal) -> str | None:
    """Speaking times, a duration or a head-count belong to a meeting; a length in characters to a document;
    a practice in the work group or a hand-over of materials to the rules on demands for materials."""
    if proposal.length_chars:
        return "document"
    if any((proposal.speech_minutes, proposal.remark_minutes, proposal.duration_minutes,
            proposal.attendees_count, proposal.scale)):
        return "meeting"
    if proposal.text and _MATERIALS_OR_GROUPS.search(proposal.text):
        return "report"
    return None


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per (item, reason); the most severe first, so the reply leads with what matters."""
    seen: set[tuple[str, str]] = set()
    out = []
    for f in findings:
        if (f.item, f.reason) not in seen:
            seen.add((f.item, f.reason))
            out.append(f)
    order = ("forbidden", "discouraged", "needs_approval", "allowed")
    return sorted(out, key=lambda f: order.index(f.verdict))
