"""Counting rules against the ledger: per-unit quotas, 年度发文只减不增, and yearly caps (全县性会议每年1次).

Quota usage counts the item in question: a recorded entry as it stands in the ledger (the reply to
the 15th meeting says 15 of 16), a proposal (核查) on top of what is used already. At warn_at (80 %)
the unit is reminded; at alert_at (100 %: the quota used up or exceeded) it is the over-quota alert
(alert_verdict), never the 80 % reminder — the scheduler's 超配额通报 (bot.scheduler.reminders) sees
the same figure and notifies the unit head, which the bulletin counts as 提醒人次.
"""

from __future__ import annotations

import datetime as dt
import re

from bot.calendar import period_bounds
from bot.labels import KIND_NAMES, MEASURE
from bot.nlu.numbers import to_int
from bot.rules import ledger
from bot.rules.context import CheckContext
from bot.rules.model import NOT_YET_WRITTEN, Finding
from bot.rules.schema import AnnualRule, FrequencyRule, QuotaRules
from bot.rules.textmatch import first_match, matchable
from storage.models import Quota

PERIOD_NAMES = {"year": "年度", "quarter": "本季度", "month": "本月"}
QUOTA_SET_REASON = "设定额度"  # the reason of an adjustment that sets a limit (not a 统筹调配 increase)


def effective_limit(quota: Quota) -> int:
    return quota.limit + sum(adj.delta for adj in quota.adjustments)


# A question that says the quota is used up (已经发满25件了, 开会已经超过分配的数额了, 督查次数已到配额): the
# figure it states is the asker's, and one more item needs the adjustment the rule asks for.
_STATED_FULL = re.compile(
    r"(?:配额|额度|数额|分配的数|指标)[^;。？?]{0,10}?(?:用满|发满|开满|用完|到头|已到|顶到|满了|超了|超过|超出|用光)"
    r"|(?:用满|发满|开满|用完|顶到|已到|到了|超过|超出|超了)[^,;，。？?]{0,6}?(?:配额|额度|数额|分配的数)"
    # 开会数量县委办提醒我们快超了, 检查次数…快到配额了, 这个月开会数量预警了: told to be at the line
    r"|(?:配额|额度|数额|数量|次数|件数)[^;。？?]{0,12}?(?:快超|快满|快用完|快到(?:配额|上限|头)|预警了|亮[黄红]灯)"
    r"|快到(?:配额|额度|上限)")


def check_quotas(rules: QuotaRules, ctx: CheckContext) -> tuple[list[Finding], bool]:
    """Findings, and whether the unit has any quota for this kind (so the reply can say it was checked)."""
    p = ctx.proposal
    if p.exclude_entry_id is None and p.kind is not None and (stated := _STATED_FULL.search(p.text or "")):
        return [Finding(list_key="quotas", list_name=rules.name, item=rules.rule.id, text=rules.rule.text,
                        source=rules.rule.source, verdict=rules.alert_verdict,
                        reason=f"所问称“{stated.group(0)}”，再增加需报批调整数额", stated=True)], True
    if ctx.session is None or p.unit_id is None or p.kind is None:
        return [], False
    day = ctx.day
    rows = ledger.quotas(ctx.session, p.unit_id, p.kind, ctx.direction, day.year)
    findings = []
    for quota in rows:
        limit = effective_limit(quota)
        start, end = period_bounds(quota.period, day)
        before = ledger.counted(ctx.session, p.unit_id, p.kind, ctx.direction, start, end, p.exclude_entry_id)
        if p.exclude_entry_id == NOT_YET_WRITTEN:  # about to be written: as the ledger will count it
            counts = bool(p.in_scope) and p.direction == ctx.direction and p.date is not None and start <= p.date <= end
            total = before + (p.quantity if counts else 0)
        elif p.exclude_entry_id is not None:  # recorded: the entry counts as the ledger counts it
            total = ledger.counted(ctx.session, p.unit_id, p.kind, ctx.direction, start, end)
        else:
            total = before + max(p.quantity, 1)
        ratio = total / limit if limit > 0 else float("inf")
        measure = MEASURE.get(p.kind, "次")
        used = (f"连同本条已用{total}{measure}" if p.exclude_entry_id is not None
                else f"已用{before}{measure}，加上此项为{total}{measure}")
        what = f"本单位{PERIOD_NAMES.get(quota.period, quota.period)}{KIND_NAMES.get(p.kind, p.kind)}配额{limit}{measure}，{used}"
        pct = "∞" if limit <= 0 else f"{round(ratio * 100)}%"
        if ratio >= rules.alert_at:
            if total > limit:
                state = f"超出配额{total - limit}{measure}，需报批调整数额"
            elif total == limit:
                state = "配额已用满，再增加需报批调整数额"
            else:
                state = f"已达{round(rules.alert_at * 100)}%警戒线，再增加需报批调整数额"
            verdict, reason = rules.alert_verdict, f"{what}（{pct}），{state}"
        elif ratio >= rules.warn_at:
            verdict, reason = rules.warn_verdict, f"{what}（{pct}），已达{round(rules.warn_at * 100)}%预警线"
        else:
            continue
        findings.append(Finding(list_key="quotas", list_name=rules.name, item=rules.rule.id,
                                text=rules.rule.text, source=rules.rule.source, verdict=verdict, reason=reason))
    return findings, bool(rows)


def check_annual(rule: AnnualRule, ctx: CheckContext) -> tuple[list[Finding], list[str]]:
    """This year's count including the proposal against last year's total, month by month as 同比 reads it
    (bot.stats.counts.past: the ledger where the unit kept it, imported baselines otherwise). Both figures come
    from one statement (ledger.annual_figures) unless the unit has baselines: it runs at every document recorded."""
    p = ctx.proposal
    if p.kind not in rule.kinds or ctx.direction != "outgoing":
        return [], []
    if ctx.session is None or p.unit_id is None:
        return [], [f"未关联本单位台账，未核对“{rule.name}”。"]
    year = ctx.day.year
    figures = ledger.annual_figures(ctx.session, p.unit_id, p.kind, "outgoing", year, p.exclude_entry_id)
    last = figures[0] if figures else ledger.last_year_total(ctx.session, p.unit_id, p.kind, "outgoing", year - 1)
    if not last:
        return [], [f"无{year - 1}年数据（台账或导入基数），未核对“{rule.name}”。"]
    used = figures[1] if figures else ledger.counted(ctx.session, p.unit_id, p.kind, "outgoing", dt.date(year, 1, 1),
                                                     dt.date(year, 12, 31), p.exclude_entry_id)
    total = used + max(p.quantity, 1)
    measure = MEASURE.get(p.kind, "件")
    if total > last:
        verdict = rule.rule.verdict
        reason = f"本单位{year}年已有{used}{measure}，加上此项为{total}{measure}，超过{year - 1}年全年{last}{measure}"
    elif total == last:
        verdict = rule.equal_verdict
        reason = f"加上此项，本单位{year}年为{total}{measure}，与{year - 1}年全年持平，再增加将超过上年度"
    else:
        return [], []
    return [Finding(list_key="annual_no_increase", list_name=rule.name, item=rule.rule.id,
                    text=rule.rule.text, source=rule.rule.source, verdict=verdict, reason=reason)], []


# 今年已经搞过一次综合性检查了，还想再来一次: the times the question says were held already this year.
_STATED_TIMES = re.compile(r"(?:今年|本年|年内)?已经?(?:搞|开展|组织|进行|来|开|查|做|办)(?:过|了)"
                           r"(?P<n>[一两二三四五六七八九十\d]+)(?:次|回|轮|遍)")


def check_frequency(name: str, rule: FrequencyRule, ctx: CheckContext) -> list[Finding]:
    """A yearly cap on one kind of item (e.g. a department's 全县性会议), counted in the ledger, or as many as
    the question says were held already this year."""
    p = ctx.proposal
    if ctx.session is None or p.unit_id is None or p.kind is None:
        return []
    if not ctx.holds(rule.when) or (rule.words and ctx.match(rule.words) is None):
        return []
    stated = _STATED_TIMES.search(p.text or "") if p.exclude_entry_id is None else None
    if stated is not None and (to_int(stated["n"]) or 0) >= rule.max_per_year:
        return [Finding(list_key="frequency", list_name=name, item=rule.rule.id, text=rule.rule.text,
                        source=rule.rule.source, verdict=rule.rule.verdict,
                        reason=f"所问称“{stated.group(0)}”，每年不超过{rule.max_per_year}次", stated=True)]
    year = ctx.day.year
    book = ctx.book
    same = []
    for entry in ledger.entries(ctx.session, p.unit_id, p.kind, ctx.direction, dt.date(year, 1, 1),
                                dt.date(year, 12, 31), p.exclude_entry_id):
        text = matchable(" ".join(t or "" for t in (entry.title, entry.raw_text, entry.attendees_scope,
                                                     entry.attendees_text, entry.subtype)))
        if rule.when.wide and first_match(book.wide_words, text) is None:
            continue
        if rule.words and first_match(rule.words, text) is None:
            continue
        same.append(entry)
    if len(same) < rule.max_per_year:
        return []
    ids = "、".join(f"#{e.id}" for e in same[:5])
    return [Finding(list_key="frequency", list_name=name, item=rule.rule.id, text=rule.rule.text,
                    source=rule.rule.source, verdict=rule.rule.verdict,
                    reason=f"本单位{year}年已有{len(same)}次同类事项（{ids}），每年不超过{rule.max_per_year}次")]
