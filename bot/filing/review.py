"""The rules' review of a filing: run once when an item is filed (and when a filed item is changed),
kept as the entry's flags for the approvers and said in the reply and in the approvers' notice."""

from __future__ import annotations

import datetime as dt

from bot.context import Context
from bot.ledger.flagging import kept_flags
from bot.rules import RuleBook, Verdict, evaluate, findings_to_flags, proposal_from_entry, render_verdict
from bot.calendar import work_calendar
from bot.rules.model import Finding, worst
from bot.rules.render import cite
from bot.rules.store import available_rulebook
from storage import repo
from storage.models import Entry


def review(ctx: Context, entry: Entry) -> str:
    """Run the rules engine on a filed entry, keep its findings as flags (one "check" audit event), say it.

    The item is being filed, so the 事前报备 finding is not said as “请尽快报备”: a filing in time drops
    it, a late one is said once as “报备时间不足N个工作日” (and kept as a flag for the approvers).
    """
    book = available_rulebook(ctx.services.rules)
    if book is None:
        repo.change_entry(ctx.session, entry, None, "check", at=ctx.now())
        return "规则库暂不可用，未作对照，请审批人人工把关。"
    verdict = evaluate(proposal_from_entry(entry, unit_level=ctx.organiser_level(entry.unit, entry.raw_text)), book, ctx.session,
                       ctx.today())
    verdict = _without_met_filing(verdict, book, entry, ctx.today())
    repo.change_entry(ctx.session, entry, None, "check", at=ctx.now(),
                      flags=kept_flags(entry) + findings_to_flags(verdict))
    late = [f for f in verdict.findings if f.list_key == "advance_filing"]
    if not late:
        return str(render_verdict(verdict))
    rest = [f for f in verdict.findings if f.list_key != "advance_filing"]
    shown = Verdict(verdict=worst([f.verdict for f in rest]), findings=rest,
                    checked=[c for c in verdict.checked if c != book.filing_name], notes=verdict.notes)
    return "\n".join([render_verdict(shown), *(_late_line(book, f, entry, ctx.today()) for f in late[:1])])


def _late_line(book: RuleBook, finding: Finding, entry: Entry, today: dt.date) -> str:
    """报备时间不足N个工作日 — once, with the rule it rests on (quoted verbatim, applied by reference)."""
    lead = next((r.working_days for r in book.filing if r.rule.id == finding.item), None)
    left = work_calendar().workdays_between(today, entry.occurs_on)
    short = f"报备时间不足{lead}个工作日" if lead else "报备时间不足"
    when = f"{entry.occurs_on.month}月{entry.occurs_on.day}日"
    return f"注意：{short}（距{when}仅{left}个工作日），请审批人把关。依据：{cite(finding)}。"


def _without_met_filing(verdict: Verdict, book: RuleBook, entry: Entry, today: dt.date) -> Verdict:
    """Drop “须提前N个工作日报备” findings this filing satisfies: it is being filed, and in time."""
    lead = {rule.rule.id: rule.working_days for rule in book.filing}
    left = work_calendar().workdays_between(today, entry.occurs_on)
    kept = [f for f in verdict.findings
            if not (f.list_key == "advance_filing" and f.item in lead and left >= lead[f.item])]
    if len(kept) == len(verdict.findings):
        return verdict
    return Verdict(verdict=worst([f.verdict for f in kept]), findings=kept, checked=verdict.checked,
                   notes=verdict.notes)
