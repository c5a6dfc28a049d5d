"""Counting questions: "本月发文数", "今年1-11月收上级来文多少件", "党委发文今年几件", "上周接受了几次督查",
with 同比/环比 when asked, and rankings of sub-units ("各乡镇本月发文排名") for managers.

Figures are the statistics ledger's (口径内 entries); when the daily ledger differs the reply gives both.
A member asks about their own unit; a manager also about the units below; rankings need the `rank`
permission for every unit ranked. A refusal is one line and says nothing about the other unit.

The county ("示范县…", "全县…") is counted as a whole (bot.stats.scope), as the digests count it.
同比 of a period still running (本月 on the 22nd) stops at today in both years and says so; a period
that has not begun is answered with one line instead of figures.
"""

from __future__ import annotations

import datetime as dt
import re

from bot import permissions
from bot.calendar import Period, this_month
from bot.context import Context
from bot.labels import ACTIVITY, RANKED_LEVELS, all_of_level, level_of, level_title, short_day
from bot.messages import Reply
from bot.nlu import Intent
from bot.nlu.asked import asks_done
from bot.stats.asked import asked_unit, not_started_reply, says_county
from bot.stats.counts import Figure, as_asked, combined, entries_in, figures
from bot.stats.measures import Measure
from bot.stats.periods import as_of, not_started, span_text
from bot.stats.ranking import candidates, rank
from bot.stats.counting_rules import CountingRules, preamble
from bot.stats.scope import counted_units, display_name, is_county
from bot.stats.service import RULES_ERROR_REPLY, CountingRulesError, answer_rules
from storage import repo
from storage.models import DIRECTIONS, KINDS, Unit

COMPARES = ("yoy", "mom")
ALL_UNITS = re.compile(r"各(?:个)?单位|所有单位|全部单位")


def default_period(ctx: Context) -> Period:
    return this_month(ctx.today())


def asks_ranking(intent: Intent) -> bool:
    """各乡镇本月发文排名: a ranking of units (the `rank` permission) rather than one unit's figures."""
    return intent.group_by == "unit" or bool((intent.args or {}).get("scope_level"))


def handle(ctx: Context, intent: Intent) -> Reply:
    try:
        rules = answer_rules(ctx.session, ctx.services, ctx.now())
    except CountingRulesError as exc:
        return Reply(text=RULES_ERROR_REPLY.format(error=exc), intent="query")
    if asks_ranking(intent):
        return ranking(ctx, intent, rules)
    unit = asked_unit(ctx, intent)
    if isinstance(unit, Reply):
        return unit
    asked = intent.period or default_period(ctx)
    today = ctx.today()
    if not_started(asked, today):
        return not_started_reply(asked, "query")
    compares = asked_compares(intent)
    done = asks_done(intent.text)
    # 同比 of a running period, and a question about what took place (开了几次会), stop at today.
    cut = done or "yoy" in compares
    period = as_of(asked, today) if cut else asked
    named = asked_measures(intent)
    measures = named or [Measure(kind, direction) for kind, direction in ACTIVITY]
    ids = counted_units(ctx.session, unit)
    chosen: list[str | None] = list(compares) or [None]
    found = {c: as_asked(ctx.session, ids, measures, asked, today, c, cut)[0] for c in chosen}
    figs = {m: [combined(f, ids, m, c, unit.id) for c, f in found.items()] for m in measures}
    text = f"{display_name(unit)}{span_text(period, asked)}" + "，".join(describe(*figs[m]) for m in measures) + "。"
    ahead = planned(ctx, ids, measures if named else [], period, asked, today)
    if ahead:
        since = short_day(today + dt.timedelta(days=1))
        lines = "；".join(line for line, _ in ahead.values())
        text += f"另有{since}起已安排的{lines}，未计入。" if period.end < asked.end else f"其中{since}起已安排的{lines}。"
    note = preamble(rules, unless_full=True)
    if note:
        text += f"{note}。"
    first = {m: fs[0] for m, fs in figs.items()}
    data: dict[str, object] = {
        "unit": unit.name, "county_wide": is_county(unit), "period": period.to_json(), "rules": rules.label,
        "counts": {m.key(): f.value for m, f in first.items()},
        "figures": {m.key(): f.to_json() for m, f in first.items()},
    }
    if len(compares) > 1:
        data["compared"] = {m.key(): {f.compare: f.to_json() for f in fs} for m, fs in figs.items()}
    if ahead:
        data["planned"] = {m.key(): value for m, (_, value) in ahead.items()}
    if len(named) == 1:
        data["count"] = first[named[0]].value
        data["count_all"] = first[named[0]].all
    return Reply(text=text, intent="query", data=data)


def counted_period(ctx: Context, asked: Period, compare: str | None) -> Period:
    """同比 of a period still running compares the days so far with the same days a year earlier."""
    return as_of(asked, ctx.today()) if compare == "yoy" else asked


def asked_compares(intent: Intent) -> list[str]:
    """同比, 环比, or both ("同比和环比"): each comes back."""
    return [c for c in (intent.compares or [intent.compare or ""]) if c in COMPARES]


def asked_measures(intent: Intent) -> list[Measure]:
    """Every measure the question names (several: bot.nlu.asked), else the one of kind/direction."""
    if intent.measures:
        found = [Measure.of(m["kind"], m.get("direction"), m.get("subtype")) for m in intent.measures
                 if m.get("kind") in KINDS]
        return list(dict.fromkeys(found))
    measure = requested_measure(intent)
    return [measure] if measure else []


def requested_measure(intent: Intent) -> Measure | None:
    if intent.kind not in KINDS:
        return None
    direction = intent.direction if intent.direction in DIRECTIONS else None
    return Measure.of(intent.kind, direction, intent.subtype)


def planned(ctx: Context, ids: list[int], measures: list[Measure], period: Period, asked: Period,
            today: dt.date) -> dict[Measure, tuple[str, int]]:
    """Items dated after today in the asked period, by measure: "召开会议2次（11月25日#31、11月27日#32）".
    Named apart from the figure when it stops at today; said as part of it when the whole period counts."""
    start, end = today + dt.timedelta(days=1), asked.end
    if end < start or not measures:
        return {}
    found = figures(ctx.session, ids, measures, Period(start, end, ""))
    lines: dict[Measure, tuple[str, int]] = {}
    for m in measures:
        value = combined(found, ids, m, None, ids[0]).value
        if not value:
            continue
        items = entries_in(ctx.session, ids, m, start, end)
        named = "、".join(f"{short_day(e.occurs_on)}#{e.id}" for e in items)
        more = "等" if value > sum(e.quantity for e in items) else ""
        lines[m] = (f"{m.label}{value}{m.word}（{named}{more}）", value)
    return lines


def describe(figure: Figure, *more: Figure) -> str:
    """召开会议5次（日常台账6次），同比下降16.7％（去年同期6次）; with `more` (环比 after 同比) each
    comparison in turn. When last year's figure comes from imported baselines the reply says so."""
    m = figure.measure
    text = f"{m.label}{figure.value}{m.word}"
    if figure.all != figure.value:
        text += f"（日常台账{figure.all}{m.word}）"
    for compared in (figure, *more):
        text += _change(compared)
    return text


def _change(figure: Figure) -> str:
    change = figure.change()
    if not change:
        return ""
    m, previous = figure.measure, figure.previous
    text = f"，{change}"
    source = previous.source_text if previous is not None and previous.value is not None else ""
    if previous is not None and previous.value and previous.value != figure.value:
        then = "去年同期" if figure.compare == "yoy" else "上期"
        text += f"（{then}{previous.value}{m.word}" + (f"，{source}）" if source else "）")
    elif source:  # the figure compared with came from imported baselines: always said
        text += f"（{source}）"
    return text


def ranking(ctx: Context, intent: Intent, rules: CountingRules) -> Reply:
    """各乡镇本月发文排名: every ranked unit must be one the sender may rank. 各单位 ranks towns and
    departments, each in its own list (as the digests do); asked about the county, with its total."""
    level = asked_level(intent)
    if intent.unit or says_county(intent):
        root = asked_unit(ctx, intent)
        if isinstance(root, Reply):
            return root
    else:
        refusal = permissions.decide(ctx, ctx.unit.id)
        if refusal:
            return permissions.refused(refusal)
        root = repo.tree_root(ctx.session, ctx.unit) if ctx.member.has_role("admin") else ctx.unit
    explicit = bool(intent.unit or says_county(intent))
    units = candidates(ctx.session, root, level, repo.descendant_ids(ctx.session, root.id))
    if not explicit and (not units or units == [root]) and level is not None:
        top = repo.tree_root(ctx.session, ctx.unit)  # "各乡镇" asked from a town: its peers
        units = candidates(ctx.session, top, level, repo.descendant_ids(ctx.session, top.id))
    reach = permissions.reachable(ctx)
    for unit in units:
        if reach is not None and unit.id not in reach:
            return permissions.refused(permissions.decide(ctx, unit.id) or "您无权查看该排名。")
    label = all_of_level(level)
    if len(units) < 2:
        return Reply(text=f"{label}不足两个，无需排名。", intent="query", data={"ranking": []})
    measure = requested_measure(intent)
    if measure is None:
        return Reply(text=f"请说明按哪类事项排名，如“{label}本月发文排名”。", intent="query")
    asked = intent.period or default_period(ctx)
    if not_started(asked, ctx.today()):
        return not_started_reply(asked, "query")
    compare = intent.compare if intent.compare in COMPARES else None
    period = counted_period(ctx, asked, compare)
    whole = counted_units(ctx.session, root) if is_county(root) and level is None else []
    ids = sorted({u.id for u in units} | set(whole))
    found = figures(ctx.session, ids, [measure], period, compare)
    sections = [(title, rank(group, {u.id: found[(u.id, measure)] for u in group}))
                for title, group in _sections(units)]
    note = preamble(rules, unless_full=True)
    scope = f"（{note}）" if note else ""
    lines = [f"{label}{span_text(period, asked)}{measure.label}排名{scope}："]
    data: dict[str, object] = {"period": period.to_json(), "measure": measure.key(), "rules": rules.label}
    if whole:
        total = combined(found, whole, measure, compare, root.id)
        change = total.change()
        lines.append(f"全县合计{total.value}{measure.word}" + (f"，{change}" if change else "") + "。")
        data["total"] = total.to_json()
    for title, places in sections:
        if title:
            lines.append(f"{title}：")
        for place in places:
            line = f"{place.rank}. {place.unit.name} {place.figure.value}{measure.word}"
            change = place.figure.change()
            lines.append(f"{line}，{change}" if change else line)
    data["ranking"] = [p.to_json() for _, places in sections for p in places]
    if len(sections) > 1:
        data["sections"] = [{"title": t, "ranking": [p.to_json() for p in places]} for t, places in sections]
    return Reply(text="\n".join(lines), intent="query", data=data)


def asked_level(intent: Intent) -> str | None:
    """The level ranked; "各单位" means every unit, whatever level the parser gave it."""
    text = intent.text or ""
    if ALL_UNITS.search(text) and "县直" not in text:
        return None
    return level_of((intent.args or {}).get("scope_level"))


def _sections(units: list[Unit]) -> list[tuple[str, list[Unit]]]:
    """One list per level when the units mix levels (乡镇 with 乡镇, 部门 with 部门), else one list."""
    levels = list(dict.fromkeys(u.level for u in units))
    if len(levels) < 2:
        return [("", units)]
    order = {level: i for i, level in enumerate(RANKED_LEVELS)}
    levels.sort(key=lambda lv: order.get(lv, len(order)))
    found = []
    for level in levels:
        group = [u for u in units if u.level == level]
        found.append((level_title(level), group))
    return found
