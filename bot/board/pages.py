"""What each board page shows, gathered from the code that answers chat, never counted again here:

- counts and 同比: bot.stats.counts.figures / combined over bot.stats.scope.counted_units, the period cut at
  today (bot.stats.periods.as_of, compared_as_of) exactly as the query handler does for “本月…同比”;
- quota use: bot.scheduler.figures.quota_usages against quota_thresholds (80 % / 100 %);
- unfiled and waiting filings: bot.scheduler.figures.unfiled / unarchived, bot.filing.queue.awaiting_in;
- 提醒主要负责人 N 人次: bot.stats.report.reminders;
- 双台账: bot.stats.ledgers.compare_ledgers; an entry's history: bot.ledger.history.event_line.
Which units: bot.permissions through the viewer (the `query` action), as in chat.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import permissions
from bot.board.viewer import Viewer
from bot.calendar import Period, month_bounds, shift_month, this_month
from bot.clock import TZ
from bot.filing.queue import awaiting_approver, awaiting_in
from bot.labels import ACTIVITY, LEVEL_TITLES, STATUS_NAMES
from bot.ledger.history import event_line
from bot.scheduler import figures as sched
from bot.scheduler.figures import QuotaUsage
from bot.stats.counts import Figure, as_asked, combined, figures
from bot.stats.ledgers import Comparison, compare_ledgers
from bot.stats.measures import Measure
from bot.stats.report import reminders, reminders_by_unit
from bot.stats.scope import counted_units, is_county
from bot.stats.service import current_rules
from storage.models import DIRECTIONS, KINDS, Entry, EntryEvent, Member, Unit

LEVEL_ORDER = ("town", "department", "village")
PAGE_SIZE = 50
DIRECTION_NAMES = {"outgoing": "本单位开展", "incoming": "来自上级"}
SORT_KEYS = ("name", "meeting", "document", "inspection", "report", "total", "quota", "unfiled", "pending",
             "reminders")


def measures_of(direction: str) -> list[Measure]:
    return [Measure(kind, direction) for kind in KINDS]


def kind_label(kind: str, direction: str) -> str:
    return ACTIVITY[(kind, direction)]


def year_period(today: dt.date) -> Period:
    """今年, as the parser reads it (2026-01-01..2026-12-31)."""
    return Period(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31), "今年")


@dataclass(frozen=True)
class Span:
    """An asked period and the period counted (cut at today for 同比, as chat does)."""

    asked: Period
    counted: Period

    @property
    def text(self) -> str:
        start, end = self.counted.start, self.counted.end
        cut = f"截至{end.month}月{end.day}日" if end != self.asked.end else ""
        return f"{self.asked.label}{cut}（{start.isoformat()}至{end.isoformat()}）"


def asked_figures(session: Session, ids: Sequence[int], measures: Sequence[Measure], asked: Period,
                  today: dt.date) -> tuple[dict[tuple[int, Measure], Figure], Span]:
    """Figures with 同比 for an asked period, counted as chat answers “本月…，同比” (counts.as_asked)."""
    found, period = as_asked(session, list(ids), list(measures), asked, today, "yoy")
    return found, Span(asked, period)


# --- overview ---------------------------------------------------------------------------------------

@dataclass
class Row:
    unit: Unit
    name: str
    month: dict[str, Figure]  # kind → figure
    year: dict[str, Figure]
    quotas: list[QuotaUsage] = field(default_factory=list)
    unfiled: int = 0
    pending: int = 0
    to_archive: int = 0
    reminders: int = 0
    total_row: bool = False

    @property
    def month_total(self) -> int:
        return sum(f.value for f in self.month.values())

    @property
    def year_total(self) -> int:
        return sum(f.value for f in self.year.values())

    @property
    def quota_ratio(self) -> float | None:
        return max((q.ratio for q in self.quotas), default=None)

    def key(self, sort: str, span: str) -> float | str:
        figs = self.month if span == "month" else self.year
        if sort in figs:
            return figs[sort].value
        if sort == "total":
            return self.month_total if span == "month" else self.year_total
        if sort == "quota":
            ratio = self.quota_ratio
            return -1.0 if ratio is None else min(ratio, 1e9)
        if sort in ("unfiled", "pending", "reminders"):
            return float(getattr(self, sort))
        return self.unit.id


@dataclass
class Group:
    level: str
    title: str
    rows: list[Row]
    total: Row | None = None


@dataclass
class Overview:
    direction: str
    month: Span
    year: Span
    groups: list[Group]
    county: Row | None  # 全县合计, for a viewer who sees the county
    warn_at: float
    alert_at: float
    reminders: int  # 提醒主要负责人 N 人次 this year, over the units shown
    rules_label: str

    @property
    def rows(self) -> list[Row]:
        return [r for g in self.groups for r in g.rows]


def visible_units(viewer: Viewer) -> list[Unit]:
    """The units the viewer answers for in chat (bot.permissions.units_in_view without a name)."""
    units = permissions.units_in_view(viewer, None)
    return [] if not isinstance(units, list) else [u for u in units if u.active]


def overview(viewer: Viewer, direction: str = "outgoing", sort: str = "name", span: str = "month",
             descending: bool = False) -> Overview:
    session, today = viewer.session, viewer.today()
    rules = current_rules(session, viewer.services, viewer.now())
    units = visible_units(viewer)
    county = next((u for u in units if is_county(u)), None)
    listed = [u for u in units if not is_county(u)]
    ids = sorted({u.id for u in listed} | (set(counted_units(session, county)) if county else set()))
    measures = measures_of(direction)
    month_found, month_span = asked_figures(session, ids, measures, this_month(today), today)
    year_found, year_span = asked_figures(session, ids, measures, year_period(today), today)
    usages = sched.quota_usages(session, today, ids)
    warn_at, alert_at = sched.quota_thresholds(viewer.services.rules)
    by_unit: dict[int, list[QuotaUsage]] = defaultdict(list)
    for usage in usages:
        by_unit[usage.unit_id].append(usage)
    year_start = year_span.counted.start
    unfiled = _count_by_unit(sched.unfiled(session, ids, year_start, today))
    pending = _count_by_unit(awaiting_in(session, set(ids)))
    to_archive = _count_by_unit(sched.unarchived(session, ids, today))
    reminded = reminders_by_unit(session, ids, year_span.counted)

    def row(unit: Unit, unit_ids: list[int], name: str, total: bool = False) -> Row:
        def pick(found: dict[tuple[int, Measure], Figure]) -> dict[str, Figure]:
            return {m.kind: combined(found, unit_ids, m, "yoy", unit.id) for m in measures}
        return Row(unit, name, pick(month_found), pick(year_found),
                   [q for uid in unit_ids for q in by_unit.get(uid, [])],
                   sum(unfiled.get(uid, 0) for uid in unit_ids), sum(pending.get(uid, 0) for uid in unit_ids),
                   sum(to_archive.get(uid, 0) for uid in unit_ids), sum(reminded.get(uid, 0) for uid in unit_ids),
                   total)

    groups = []
    for level in (*LEVEL_ORDER, *sorted({u.level for u in listed} - set(LEVEL_ORDER))):
        members = [u for u in listed if u.level == level]
        if not members:
            continue
        rows = [row(u, [u.id], u.name) for u in members]
        rows.sort(key=lambda r: (r.key(sort, span), r.unit.id) if sort != "name" else (0, r.unit.id),
                  reverse=descending and sort != "name")
        title = LEVEL_TITLES.get(level, "其他单位")
        subtotal = row(members[0], [u.id for u in members], f"{title}小计", True) if len(members) > 1 else None
        groups.append(Group(level, title, rows, subtotal))
    whole = row(county, counted_units(session, county), f"{county.name}（全县合计）", True) if county else None
    return Overview(direction, month_span, year_span, groups, whole, warn_at, alert_at,
                    sum(reminded.get(u.id, 0) for u in units if u.id in reminded), rules.label)


def _count_by_unit(entries: Sequence[Entry]) -> dict[int, int]:
    found: dict[int, int] = defaultdict(int)
    for entry in entries:
        found[entry.unit_id] += 1
    return found


# --- one unit ---------------------------------------------------------------------------------------

@dataclass
class Trend:
    kind: str
    label: str
    months: list[str]
    this_year: list[int | None]
    last_year: list[int | None]
    this_label: str
    last_label: str


@dataclass
class LedgerFilter:
    kind: str | None = None
    direction: str | None = None
    period: str = "year"  # month | last_month | year | last_year | all
    status: str | None = None
    page: int = 1

    def bounds(self, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
        if self.period == "month":
            return month_bounds(today.year, today.month)
        if self.period == "last_month":
            return month_bounds(*shift_month(today.year, today.month, -1))
        if self.period == "last_year":
            return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
        if self.period == "all":
            return None, None
        return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)


PERIOD_CHOICES = {"month": "本月", "last_month": "上月", "year": "今年", "last_year": "去年", "all": "全部"}


@dataclass
class EntryView:
    entry: Entry
    activity: str
    status: str
    creator: str
    history: list[str]


@dataclass
class UnitPage:
    unit: Unit
    row: Row
    direction: str
    month: Span
    year: Span
    trends: list[Trend]
    entries: list[EntryView]
    filters: LedgerFilter
    more: bool
    warn_at: float
    alert_at: float


def unit_page(viewer: Viewer, unit: Unit, direction: str = "outgoing",
              filters: LedgerFilter | None = None) -> UnitPage:
    """A unit's figures (as its overview row), 24-month trends and its ledger, filtered."""
    session, today = viewer.session, viewer.today()
    current_rules(session, viewer.services, viewer.now())
    filters = filters or LedgerFilter()
    ids = counted_units(session, unit)
    measures = measures_of(direction)
    month_found, month_span = asked_figures(session, ids, measures, this_month(today), today)
    year_found, year_span = asked_figures(session, ids, measures, year_period(today), today)
    warn = sched.quota_usages(session, today, ids)
    warn_at, alert_at = sched.quota_thresholds(viewer.services.rules)
    row = Row(unit, unit.name,
              {m.kind: combined(month_found, ids, m, "yoy", unit.id) for m in measures},
              {m.kind: combined(year_found, ids, m, "yoy", unit.id) for m in measures}, warn,
              len(sched.unfiled(session, ids, year_span.counted.start, today)),
              len(awaiting_in(session, set(ids))), len(sched.unarchived(session, ids, today)),
              reminders(session, ids, year_span.counted).people)
    entries, more = ledger(session, ids, filters, today)
    return UnitPage(unit, row, direction, month_span, year_span, trends(session, ids, measures, today),
                    entries, filters, more, warn_at, alert_at)


def trends(session: Session, ids: list[int], measures: list[Measure], today: dt.date) -> list[Trend]:
    """Each month of this year against the same month last year (同比 per month, from figures(); the
    months still to come show last year only). 24 months in all."""
    this: dict[Measure, list[int | None]] = {m: [] for m in measures}
    last: dict[Measure, list[int | None]] = {m: [] for m in measures}
    for month in range(1, 13):
        start, end = month_bounds(today.year, month)
        asked = Period(start, end, f"{month}月")
        found, _ = asked_figures(session, ids, measures, asked, today) if start <= today else (
            figures(session, ids, measures, asked, "yoy"), None)
        for m in measures:
            fig = combined(found, ids, m, "yoy", ids[0])
            this[m].append(fig.value if start <= today else None)
            last[m].append(fig.previous.value if fig.previous is not None else None)
    labels = [f"{n}月" for n in range(1, 13)]
    return [Trend(m.kind, kind_label(m.kind, m.direction), labels, this[m], last[m], f"{today.year}年",
                  f"{today.year - 1}年") for m in measures]


def ledger(session: Session, ids: list[int], filters: LedgerFilter, today: dt.date) -> tuple[list[EntryView], bool]:
    """One page of the unit's ledger, newest first, with each entry's history (one query for all)."""
    query = select(Entry).where(Entry.unit_id.in_(ids))
    if filters.kind in KINDS:
        query = query.where(Entry.kind == filters.kind)
    if filters.direction in DIRECTIONS:
        query = query.where(Entry.direction == filters.direction)
    if filters.status in STATUS_NAMES:
        query = query.where(Entry.status == filters.status)
    start, end = filters.bounds(today)
    if start is not None and end is not None:
        query = query.where(Entry.occurs_on >= start, Entry.occurs_on <= end)
    offset = (max(filters.page, 1) - 1) * PAGE_SIZE
    rows = list(session.scalars(query.order_by(Entry.occurs_on.desc(), Entry.id.desc())
                                .offset(offset).limit(PAGE_SIZE + 1)))
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    events: dict[int, list[EntryEvent]] = defaultdict(list)
    if rows:
        for event in session.scalars(select(EntryEvent).where(EntryEvent.entry_id.in_([e.id for e in rows]))
                                     .order_by(EntryEvent.id)):
            events[event.entry_id].append(event)
    names = {m.id: m.name for m in session.scalars(
        select(Member).where(Member.id.in_({e.created_by for e in rows if e.created_by})))} if rows else {}
    return [EntryView(e, kind_label(e.kind, e.direction), STATUS_NAMES.get(e.status, e.status),
                      names.get(e.created_by or 0, ""), [event_line(session, ev) for ev in events[e.id]])
            for e in rows], more


# --- filing queue -----------------------------------------------------------------------------------

@dataclass
class Waiting:
    entry: Entry
    unit: str
    activity: str
    stage: str  # 待审批 | 待备案
    since: dt.date  # filed on (待审批) or held on (待备案)
    days: int
    filer: str


def filing_queue(viewer: Viewer) -> tuple[list[Waiting], list[Waiting]]:
    """报备 → 审批 → 备案: filings waiting for an approver, and approved items held but not archived,
    each with its waiting days, longest first."""
    session, today = viewer.session, viewer.today()
    units = visible_units(viewer)
    ids = [u.id for u in units]
    filed = awaiting_in(session, set(ids))
    if viewer.member.has_role("approver"):  # 待审批 in chat also lists what waits for this approver
        known = {e.id for e in filed}
        approver_units = viewer.services.filing.current().approver_units
        filed += [e for e in awaiting_approver(session, viewer.member, approver_units) if e.id not in known]
        filed.sort(key=lambda e: (e.occurs_on, e.id))
    names = {u.id: u.name for u in session.scalars(select(Unit).where(Unit.id.in_({e.unit_id for e in filed} | set(ids))))}
    held = sched.unarchived(session, ids, today)
    filed_on = _filed_on(session, [e.id for e in filed])
    members = {m.id: m.name for m in session.scalars(
        select(Member).where(Member.id.in_({e.created_by for e in [*filed, *held] if e.created_by})))}

    def waiting(entry: Entry, stage: str, since: dt.date) -> Waiting:
        return Waiting(entry, names.get(entry.unit_id, ""), kind_label(entry.kind, entry.direction), stage, since,
                       (today - since).days, members.get(entry.created_by or 0, ""))

    approvals = [waiting(e, "待审批", filed_on.get(e.id, e.created_at.date())) for e in filed]
    archives = [waiting(e, "待备案", e.occurs_on) for e in held]
    return (sorted(approvals, key=lambda w: (-w.days, w.entry.id)), sorted(archives, key=lambda w: (-w.days, w.entry.id)))


def _filed_on(session: Session, entry_ids: list[int]) -> dict[int, dt.date]:
    """The day each entry was last filed (its latest create/file event), Asia/Shanghai."""
    found: dict[int, dt.date] = {}
    if not entry_ids:
        return found
    rows = session.execute(select(EntryEvent.entry_id, EntryEvent.at).where(
        EntryEvent.entry_id.in_(entry_ids), EntryEvent.action.in_(("create", "file"))).order_by(EntryEvent.id))
    for entry_id, at in rows:
        found[entry_id] = at.astimezone(TZ).date()
    return found


# --- 双台账 -----------------------------------------------------------------------------------------

LEDGER_PERIODS = {"month": "本月", "last_month": "上月", "year": "今年"}


def ledgers(viewer: Viewer, period: str = "month") -> Comparison:
    """双台账比对 for the viewer's units, as “双台账比对 本月” answers in chat."""
    session, today = viewer.session, viewer.today()
    rules = current_rules(session, viewer.services, viewer.now())
    if period == "last_month":
        start, end = month_bounds(*shift_month(today.year, today.month, -1))
        asked = Period(start, end, "上月")
    elif period == "year":
        asked = year_period(today)
    else:
        asked = this_month(today)
    return compare_ledgers(session, visible_units(viewer), asked, rules.label)


def unit_by_id(session: Session, unit_id: int) -> Unit | None:
    return session.get(Unit, unit_id)

