"""The one chart each 每月一研判 and 每季一通报 carries, drawn from the digest's own figures (Grid).

The digest declares the chart as data (`bot.charts.Chart`); each platform's sender draws it in its form.
- monthly: the last 12 months' 开会发文督查材料 total of the scope against the same months a year earlier
  (同比, as bot.stats counts it: ledger, else imported baselines);
- quarterly: the county's units side by side (this quarter and a year earlier), or for one unit its four
  kinds side by side.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.calendar import month_bounds, shift_month
from bot.charts import Chart, bar_chart, trend_chart
from bot.labels import ACTIVITY
from bot.scheduler.figures import BURDEN, Grid, Ranked
from bot.scheduler.periods import Occurrence
from bot.scheduler.targets import Scope

TREND_MONTHS = 12
THIS, LAST = "本期", "去年同期"


def monthly(session: Session, occ: Occurrence, scope: Scope) -> Chart:
    labels: list[str] = []
    this: list[float | None] = []
    last: list[float | None] = []
    ids = list(scope.unit_ids)
    first = shift_month(occ.start.year, occ.start.month, -(TREND_MONTHS - 1))
    for back in range(TREND_MONTHS - 1, -1, -1):
        year, month = shift_month(occ.start.year, occ.start.month, -back)
        totals = Grid(session, ids, *month_bounds(year, month), "yoy", BURDEN).totals()
        labels.append(f"{month}月")
        this.append(sum(t.value for t in totals.values()))
        known = [t.previous for t in totals.values() if t.previous is not None]
        last.append(sum(known) if known else None)
    span = f"{first[0]}年{first[1]}月—{occ.start.year}年{occ.start.month}月"
    return trend_chart(f"{scope.name} 开会发文督查材料合计（{span}）", labels, {THIS: this, LAST: last})


def quarterly(scope: Scope, occ: Occurrence, grid: Grid, ranked: list[Ranked]) -> Chart:
    if scope.county:
        shown = [r for r in ranked if r.total or _previous(grid, [r.unit.id])]
        return bar_chart(f"{scope.name} {occ.label} 各单位开会发文督查材料合计",
                         [r.unit.name for r in shown],
                         {THIS: [float(r.total) for r in shown], LAST: [_previous(grid, [r.unit.id]) for r in shown]})
    ids = list(scope.unit_ids)
    totals = grid.totals(BURDEN, unit_ids=ids)
    return bar_chart(f"{scope.name} {occ.label} 开会发文督查材料",
                     [ACTIVITY[p] for p in BURDEN],
                     {THIS: [float(totals[p].value) for p in BURDEN], LAST: [totals[p].previous for p in BURDEN]})


def _previous(grid: Grid, unit_ids: list[int]) -> float | None:
    known = [t.previous for t in grid.totals(BURDEN, unit_ids=unit_ids).values() if t.previous is not None]
    return float(sum(known)) if known else None
