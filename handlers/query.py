"""Counting questions: "本月发文数", "今年1-11月收上级来文多少件", "党委发文今年几件", "上周接受了几次督查",
with 同比/环比 when asked, and rankings of sub-units ("各乡镇本月发文排名") for managers.

Figures are the statistics ledger's (口径内 entries); when the daily ledger differs the reply gives both.
A member asks about their own unit; a manager also about the units below; rankings need the `rank`
permission for every unit ranked. A refusal is one line and says nothing about the other unit.
"""

from __future__ import annotations

from bot.labels import ACTIVITY
from bot.messages import Reply
from bot.nlu import Intent, Period
from bot.stats.counts import Figure, figures
from bot.stats.measures import Measure
from bot.stats.periods import span_text, this_month
from bot.stats.ranking import LEVEL_LABELS, candidates, level_of, rank
from bot.stats.rules import FULL_SCOPE, CountingRules
from bot.stats.service import RULES_ERROR_REPLY, CountingRulesError, current_rules
from handlers import permissions
from handlers.context import Context
from storage import repo
from storage.models import DIRECTIONS, KINDS, Unit

COMPARES = ("yoy", "mom")


def default_period(ctx: Context) -> Period:
    return this_month(ctx.today())


def handle(ctx: Context, intent: Intent) -> Reply:
    try:
        rules = current_rules(ctx.session, ctx.services, ctx.now())
    except CountingRulesError as exc:
        return Reply(text=RULES_ERROR_REPLY.format(error=exc), intent="query")
    if intent.group_by == "unit" or (intent.args or {}).get("scope_level"):
        return ranking(ctx, intent, rules)
    unit = permissions.unit_for(ctx, "query", intent.unit)
    if isinstance(unit, Reply):
        return unit
    period = intent.period or default_period(ctx)
    compare = intent.compare if intent.compare in COMPARES else None
    measure = requested_measure(intent)
    measures = [measure] if measure else [Measure(kind, direction) for kind, direction in ACTIVITY]
    found = figures(ctx.session, [unit.id], measures, period, compare)
    figs = [found[(unit.id, m)] for m in measures]
    text = f"{unit.name}{span_text(period)}" + "，".join(describe(f) for f in figs) + "。"
    if rules.label != FULL_SCOPE:
        text += f"统计口径：{rules.label}。"
    data: dict[str, object] = {
        "unit": unit.name, "period": period.to_json(), "rules": rules.label,
        "counts": {m.key(): f.value for m, f in zip(measures, figs)},
        "figures": {m.key(): f.to_json() for m, f in zip(measures, figs)},
    }
    if measure:
        data["count"] = figs[0].value
        data["count_all"] = figs[0].all
    return Reply(text=text, intent="query", data=data)


def requested_measure(intent: Intent) -> Measure | None:
    if intent.kind not in KINDS:
        return None
    direction = intent.direction if intent.direction in DIRECTIONS else None
    return Measure.of(intent.kind, direction, intent.subtype)


def describe(figure: Figure) -> str:
    """召开会议5次（日常台账6次），同比下降16.7％（去年同期6次）"""
    m = figure.measure
    text = f"{m.label}{figure.value}{m.word}"
    if figure.all != figure.value:
        text += f"（日常台账{figure.all}{m.word}）"
    change = figure.change()
    if change:
        text += f"，{change}"
        previous = figure.previous
        if previous is not None and previous.value is not None and previous.value != figure.value:
            then = "去年同期" if figure.compare == "yoy" else "上期"
            source = f"，{previous.source_text}" if previous.source_text else ""
            text += f"（{then}{previous.value}{m.word}{source}）"
    return text


def ranking(ctx: Context, intent: Intent, rules: CountingRules) -> Reply:
    """各乡镇本月发文排名: every ranked unit must be one the sender may rank."""
    level = level_of((intent.args or {}).get("scope_level"))
    if intent.unit:
        root = permissions.unit_for(ctx, "rank", intent.unit)
        if isinstance(root, Reply):
            return root
    else:
        refusal = permissions.decide(ctx, "rank", ctx.unit.id)
        if refusal:
            return permissions.refused(refusal)
        root = _tree_root(ctx.unit) if ctx.member.has_role("admin") else ctx.unit
    units = candidates(ctx.session, root, level, repo.descendant_ids(ctx.session, root.id))
    if not intent.unit and (not units or units == [root]) and level is not None:
        top = _tree_root(ctx.unit)  # "各乡镇" asked from a town: its peers
        units = candidates(ctx.session, top, level, repo.descendant_ids(ctx.session, top.id))
    reach = reachable(ctx, "rank")
    for unit in units:
        if reach is not None and unit.id not in reach:
            return permissions.refused(permissions.decide(ctx, "rank", unit.id) or "您无权查看该排名。")
    label = LEVEL_LABELS.get(level, "各单位")
    if len(units) < 2:
        return Reply(text=f"{label}不足两个，无需排名。", intent="query", data={"ranking": []})
    measure = requested_measure(intent)
    if measure is None:
        return Reply(text=f"请说明按哪类事项排名，如“{label}本月发文排名”。", intent="query")
    period = intent.period or default_period(ctx)
    compare = intent.compare if intent.compare in COMPARES else None
    found = figures(ctx.session, [u.id for u in units], [measure], period, compare)
    places = rank(units, {u.id: found[(u.id, measure)] for u in units})
    lines = []
    for place in places:
        line = f"{place.rank}. {place.unit.name} {place.figure.value}{measure.word}"
        change = place.figure.change()
        lines.append(f"{line}，{change}" if change else line)
    scope = "" if rules.label == FULL_SCOPE else f"（统计口径：{rules.label}）"
    text = f"{label}{span_text(period)}{measure.label}排名{scope}：\n" + "\n".join(lines)
    data = {"period": period.to_json(), "measure": measure.key(), "rules": rules.label,
            "ranking": [p.to_json() for p in places]}
    return Reply(text=text, intent="query", data=data)


def reachable(ctx: Context, action: str) -> set[int] | None:
    """Units the sender may do `action` on (None: every unit), worked out once rather than per unit."""
    rule = permissions.ACTIONS[action]
    found: set[int] = set()
    for role in permissions.roles_of(ctx.member):
        scope = rule.scopes.get(role)
        if scope is None:
            continue
        if scope == permissions.APPROVAL:  # depends on the filing settings: ask per unit instead
            return {u for u in repo.descendant_ids(ctx.session, _tree_root(ctx.unit).id)
                    if permissions.allowed(ctx, action, u)}
        units = permissions.scope_units(ctx.session, ctx.member, scope)
        if units is None:
            return None
        found |= units
    return found


def _tree_root(unit: Unit) -> Unit:
    seen: set[int] = set()
    while unit.parent is not None and unit.id not in seen:
        seen.add(unit.id)
        unit = unit.parent
    return unit
