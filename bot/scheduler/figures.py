"""The numbers a digest shows, taken from the modules that own them so that a digest, a statistics
question and a rules check never disagree:

- counts and 同比: `bot.stats.counts.figures` (statistics ledger, 口径内; last year from the ledger or
  imported Baseline months; "去年同期无数据" when neither), wording `bot.stats.phrasing.change_text`;
- 提醒主要负责人 N 人次: `bot.stats.report.reminders` (Notification rows of kind reminder/over_quota);
- quota usage: the in-scope count `bot.rules.ledger.counted` gives, taken with `bot.stats.counts.tally`
  for many units at once, `bot.calendar.period_bounds`, `bot.rules.quotas.effective_limit`,
  and the rules' warn/alert thresholds (rules.yaml `quotas`), as the record-time quota check uses them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.calendar import Period, period_bounds, quarter_of
from bot.clock import TZ
from bot.labels import ACTIVITY, LEVEL_TITLES, MEASURE, RANKED_LEVELS
from bot.rules.quotas import effective_limit
from bot.rules.store import RuleStore
from bot.scheduler.batch import current
from bot.stats.counts import Figure, combined, figures, tally
from bot.stats.measures import Measure
from bot.stats.phrasing import change_text
from bot.stats.report import Reminders
from bot.stats.report import reminders as reminder_totals
from storage import repo
from storage.models import KINDS, Entry, Member, Notification, Quota, Unit

log = logging.getLogger(__name__)

Pair = tuple[str, str]  # (kind, direction)
PAIRS: tuple[Pair, ...] = tuple(ACTIVITY)
OUTGOING: tuple[Pair, ...] = tuple((k, "outgoing") for k in KINDS)
INCOMING: tuple[Pair, ...] = tuple((k, "incoming") for k in KINDS)
# What a unit imposes on the base level: the ranking adds these up.
BURDEN = OUTGOING
LEVEL_GROUPS = tuple((level, LEVEL_TITLES[level]) for level in RANKED_LEVELS)  # (level, section title)
QUOTA_PERIOD_NAMES = {"year": "全年", "quarter": "本季度", "month": "本月"}
HEAD_ROLES = ("manager", "approver", "admin")  # who a unit's 主要负责人 is, in order of preference
DEFAULT_WARN_AT, DEFAULT_ALERT_AT = 0.8, 1.0


def phrase(pair: Pair, count: int) -> str:
    """召开会议3次 / 发文2件."""
    return f"{ACTIVITY[pair]}{count}{MEASURE[pair[0]]}"


def yoy(current: int, previous: int | None) -> str:
    return change_text(current, previous, "yoy")


@dataclass(frozen=True)
class Total:
    value: int
    previous: int | None  # None: no figure for last year in any unit
    baseline_months: tuple[tuple[int, int], ...] = ()  # last year's months taken from imported baselines


class Grid:
    """Every pair for every unit in one period (one grouped query, plus one for last year)."""

    def __init__(self, session: Session, unit_ids: Sequence[int], start: dt.date, end: dt.date,
                 compare: str | None = None, pairs: Sequence[Pair] = PAIRS) -> None:
        self.session = session
        self.unit_ids = list(unit_ids)
        self.pairs = tuple(pairs)
        self.compare = compare
        self._found: dict[tuple[int, Measure], Figure] = _figures(session, self.unit_ids, self.pairs, start, end,
                                                                  compare)

    @property
    def found(self) -> dict[tuple[int, Measure], Figure]:
        return self._found

    def figure(self, unit_id: int, pair: Pair) -> Figure:
        return self._found[(unit_id, Measure(*pair))]

    def total(self, pair: Pair, unit_ids: Iterable[int] | None = None) -> Total:
        """The units' sum, added up by bot.stats.counts.combined as a statistics question adds it."""
        ids = self.unit_ids if unit_ids is None else list(unit_ids)
        if not ids:
            return Total(0, None)
        fig = combined(self._found, ids, Measure(*pair), self.compare, ids[0])
        previous = fig.previous
        if previous is None or previous.value is None:
            return Total(fig.value, None)
        return Total(fig.value, previous.value, previous.baseline_months)

    def totals(self, pairs: Iterable[Pair] | None = None, unit_ids: Iterable[int] | None = None) -> dict[Pair, Total]:
        ids = None if unit_ids is None else list(unit_ids)
        return {pair: self.total(pair, ids) for pair in (pairs or self.pairs)}

    def burden(self, unit_id: int) -> dict[Pair, int]:
        return {pair: self.figure(unit_id, pair).value for pair in BURDEN}


def _figures(session: Session, unit_ids: list[int], pairs: tuple[Pair, ...], start: dt.date, end: dt.date,
             compare: str | None) -> dict[tuple[int, Measure], Figure]:
    """bot.stats.counts.figures for the units; in a tick, for every unit at once (remembered)."""
    if not unit_ids:
        return {}
    measures = [Measure(*p) for p in pairs]
    batch = current(session)
    if batch is None or not set(unit_ids) <= set(all_unit_ids(session)):
        return figures(session, unit_ids, measures, Period(start, end, ""), compare)
    return batch.remember(("figures", start, end, compare, pairs), lambda: figures(
        session, list(all_unit_ids(session)), measures, Period(start, end, ""), compare))


def all_unit_ids(session: Session) -> tuple[int, ...]:
    batch = current(session)
    if batch is None:
        return tuple(session.scalars(select(Unit.id).order_by(Unit.id)))
    return batch.remember("unit_ids", lambda: tuple(_all_units(session)))


def _all_units(session: Session) -> dict[int, Unit]:
    batch = current(session)
    if batch is None:
        return {u.id: u for u in session.scalars(select(Unit).order_by(Unit.id))}
    return batch.remember("units", lambda: {u.id: u for u in session.scalars(select(Unit).order_by(Unit.id))})


@dataclass(frozen=True)
class Ranked:
    unit: Unit
    total: int
    counts: dict[Pair, int]
    rank: int = 0


def ranking(units: Sequence[Unit], grid: Grid) -> list[Ranked]:
    """Units by what they imposed (outgoing meetings, documents, inspections, reports), most first;
    equal totals share a place (1, 2, 2, 4), as bot.stats.ranking does."""
    batch = current(grid.session) if grid.session is not None else None
    if batch is not None:  # every unit's digest ranks the same units on the same figures
        key = ("ranking", tuple(u.id for u in units), id(grid.found))
        return batch.remember(key, lambda: _ranking(units, grid))
    return _ranking(units, grid)


def _ranking(units: Sequence[Unit], grid: Grid) -> list[Ranked]:
    rows = sorted(((u, grid.burden(u.id)) for u in units), key=lambda r: (-sum(r[1].values()), r[0].id))
    ranked: list[Ranked] = []
    for index, (unit, counts) in enumerate(rows):
        total = sum(counts.values())
        place = ranked[-1].rank if ranked and ranked[-1].total == total else index + 1
        ranked.append(Ranked(unit, total, counts, place))
    return ranked


# --- quotas -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class QuotaUsage:
    quota_id: int
    unit_id: int
    unit_name: str
    kind: str
    direction: str
    period: str  # year | quarter | month
    period_key: str  # 2026 | 2026-Q4 | 2026-11
    start: dt.date
    end: dt.date
    limit: int
    used: int

    @property
    def ratio(self) -> float:
        if self.limit <= 0:
            return float("inf") if self.used > 0 else 0.0
        return self.used / self.limit

    @property
    def percent(self) -> str:
        return "∞" if self.ratio == float("inf") else f"{round(self.ratio * 100)}%"

    @property
    def pair(self) -> Pair:
        return (self.kind, self.direction)

    def describe(self, unit: bool = True) -> str:
        """城关镇 召开会议 全年11/10次（110%）; without the unit: 召开会议 全年11/10次（110%）."""
        text = (f"{ACTIVITY[self.pair]} {QUOTA_PERIOD_NAMES.get(self.period, '')}"
                f"{self.used}/{self.limit}{MEASURE[self.kind]}（{self.percent}）")
        return f"{self.unit_name} {text}" if unit else text

    def projected(self, on: dt.date) -> int:
        """Where the period ends at the pace so far (for 需调整配额 in the monthly review)."""
        elapsed = (min(on, self.end) - self.start).days + 1
        length = (self.end - self.start).days + 1
        return round(self.used * length / max(elapsed, 1))


def quota_usages(session: Session, on: dt.date, unit_ids: Iterable[int] | None = None) -> list[QuotaUsage]:
    """Every quota of the year containing `on`, with what its period (year/quarter/month) has used.

    What is used is the statistics' in-scope count (bot.stats.counts.tally, the figure bot.rules.ledger
    `counted` gives for one unit), one query per (kind, direction, period) for all the quotas' units.
    In a tick every unit's quotas are worked out once."""
    batch = current(session)
    if batch is None:
        return _quota_usages(session, on, unit_ids)
    every = batch.remember(("quotas", on), lambda: _quota_usages(session, on, None))
    if unit_ids is None:
        return list(every)
    wanted = set(unit_ids)
    return [u for u in every if u.unit_id in wanted]


def _quota_usages(session: Session, on: dt.date, unit_ids: Iterable[int] | None) -> list[QuotaUsage]:
    query = (select(Quota).where(Quota.year == on.year).options(selectinload(Quota.adjustments))
             .order_by(Quota.unit_id, Quota.id))
    if unit_ids is not None:
        query = query.where(Quota.unit_id.in_(list(unit_ids)))
    quotas = list(session.scalars(query))
    if not quotas:
        return []
    names = {u.id: u.name for u in _all_units(session).values()}
    groups: dict[tuple[str, str, dt.date, dt.date], list[Quota]] = defaultdict(list)
    for quota in quotas:
        groups[(quota.kind, quota.direction, *period_bounds(quota.period, on))].append(quota)
    used: dict[int, int] = {}
    for (kind, direction, start, end), members in groups.items():
        found = tally(session, sorted({q.unit_id for q in members}), start, end, [kind], direction)
        for quota in members:
            used[quota.id] = found.total(quota.unit_id, Measure(kind, direction))
    usages = []
    for quota in quotas:
        start, end = period_bounds(quota.period, on)
        usages.append(QuotaUsage(
            quota_id=quota.id, unit_id=quota.unit_id, unit_name=names.get(quota.unit_id, ""),
            kind=quota.kind, direction=quota.direction, period=quota.period,
            period_key=_period_key(quota.period, start), start=start, end=end,
            limit=effective_limit(quota), used=used[quota.id],
        ))
    return usages


def quota_thresholds(rules: RuleStore) -> tuple[float, float]:
    """(warn_at, alert_at) from the rules (rules.yaml `quotas`), else 80 % / 100 %."""
    try:
        book = rules.current()
    except Exception:  # broken or missing rule files must not stop the scheduler
        log.warning("rules not loaded; quota alerts use %s/%s", DEFAULT_WARN_AT, DEFAULT_ALERT_AT)
        return DEFAULT_WARN_AT, DEFAULT_ALERT_AT
    if book.quotas is None:
        return DEFAULT_WARN_AT, DEFAULT_ALERT_AT
    return book.quotas.warn_at, book.quotas.alert_at


# --- entries to list ----------------------------------------------------------------------------

def _listed(session: Session, unit_ids: Sequence[int], key: Hashable,
            rows: Callable[[list[int] | None], list[Entry]]) -> list[Entry]:
    """`rows(units)` (None: every unit) for these units; in a tick, one query for all units, remembered,
    each scope taking its own in the query's order."""
    batch = current(session)
    if batch is None:
        return rows(list(unit_ids))
    by_unit: dict[int | None, list[Entry]] = batch.remember(key, lambda: _by_unit(rows(None)))
    if len(unit_ids) == 1:
        return list(by_unit.get(unit_ids[0], []))
    wanted = set(unit_ids)
    return [e for e in by_unit[None] if e.unit_id in wanted]


def _by_unit(rows: list[Entry]) -> dict[int | None, list[Entry]]:
    found: dict[int | None, list[Entry]] = defaultdict(list)
    found[None] = rows
    for entry in rows:
        found[entry.unit_id].append(entry)
    return found


def upcoming(session: Session, unit_ids: Sequence[int], start: dt.date, end: dt.date) -> list[Entry]:
    """Filed or approved items planned in the span (本周报备事项)."""
    def rows(units: list[int] | None) -> list[Entry]:
        query = select(Entry).where(Entry.status.in_(("filed", "approved")),
                                    Entry.occurs_on >= start, Entry.occurs_on <= end)
        if units is not None:
            query = query.where(Entry.unit_id.in_(units))
        return list(session.scalars(query.order_by(Entry.occurs_on, Entry.starts_at, Entry.id)))
    return _listed(session, unit_ids, ("upcoming", start, end), rows)


def flagged(session: Session, unit_ids: Sequence[int], start: dt.date, end: dt.date) -> list[Entry]:
    """Live items dated in the span that the rules flagged (无会日, over-length …)."""
    def rows(units: list[int] | None) -> list[Entry]:
        query = select(Entry.id, Entry.flags).where(Entry.counted(), Entry.occurs_on >= start, Entry.occurs_on <= end)
        if units is not None:
            query = query.where(Entry.unit_id.in_(units))
        ids = [entry_id for entry_id, flags in session.execute(query) if flags]  # the flags, not whole entries
        found: list[Entry] = []
        for i in range(0, len(ids), 500):
            found += session.scalars(select(Entry).where(Entry.id.in_(ids[i:i + 500])))
        return sorted(found, key=lambda e: (e.occurs_on, e.id))
    return _listed(session, unit_ids, ("flagged", start, end), rows)


def unfiled(session: Session, unit_ids: Sequence[int], start: dt.date, end: dt.date) -> list[Entry]:
    """Items that need filing and were not filed (status still "recorded")."""
    return _listed(session, unit_ids, ("unfiled", start, end), lambda units: repo.unfiled_held(session, units, start, end))


def pending_overdue(session: Session, unit_ids: Sequence[int], before: dt.date) -> list[Entry]:
    """Filed items whose date has passed with no approval: held without it, or the filing lapsed
    (报备未获审批即开展 / 报备待审批已过期). Listed until an approver answers or the item is voided."""
    return _by_status(session, unit_ids, "filed", before)


def unarchived(session: Session, unit_ids: Sequence[int], before: dt.date) -> list[Entry]:
    """Approved items whose date has passed, not archived yet (待备案), whatever their age."""
    return _by_status(session, unit_ids, "approved", before)


def _by_status(session: Session, unit_ids: Sequence[int], status: str, before: dt.date) -> list[Entry]:
    def rows(units: list[int] | None) -> list[Entry]:
        query = select(Entry).where(Entry.status == status, Entry.occurs_on < before)
        if units is not None:
            query = query.where(Entry.unit_id.in_(units))
        return list(session.scalars(query.order_by(Entry.occurs_on, Entry.id)))
    return _listed(session, unit_ids, ("status", status, before), rows)


# --- notifications ------------------------------------------------------------------------------

def reminders_sent(session: Session, unit_ids: Sequence[int], start: dt.date, end: dt.date) -> Reminders:
    """提醒主要负责人 N 人次 and the units concerned, as the statistics 汇报 counts them."""
    return reminder_totals(session, list(unit_ids), Period(start, end, ""))


def notifications(session: Session, unit_ids: Sequence[int], start: dt.date, end: dt.date) -> dict[str, list[Notification]]:
    """Notification rows of the span by kind."""
    since = dt.datetime.combine(start, dt.time(0), tzinfo=TZ)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0), tzinfo=TZ)
    rows = session.scalars(
        select(Notification).where(
            Notification.unit_id.in_(list(unit_ids)), Notification.at >= since, Notification.at < until,
        ).order_by(Notification.at, Notification.id)
    )
    found: dict[str, list[Notification]] = defaultdict(list)
    for row in rows:
        found[row.kind].append(row)
    return found


# --- people ---------------------------------------------------------------------------------------

def heads(session: Session, unit_id: int) -> list[Member]:
    """The unit's 主要负责人: its active managers; else its approvers; else its admins."""
    members = list(session.scalars(
        select(Member).where(Member.unit_id == unit_id, Member.status == "active").order_by(Member.id)
    ))
    for role in HEAD_ROLES:
        found = [m for m in members if m.has_role(role)]
        if found:
            return found
    return []


def units_in(session: Session, unit_ids: Iterable[int]) -> list[Unit]:
    ids = list(unit_ids)
    if current(session) is not None:
        units = _all_units(session)
        return [units[i] for i in sorted(set(ids)) if i in units]
    return list(session.scalars(select(Unit).where(Unit.id.in_(ids)).order_by(Unit.id))) if ids else []


def _period_key(period: str, start: dt.date) -> str:
    if period == "month":
        return f"{start.year}-{start.month:02d}"
    if period == "quarter":
        return f"{start.year}-Q{quarter_of(start)}"
    return str(start.year)
