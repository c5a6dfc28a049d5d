"""Two years of plausible demo ledger for 示范县, so `make run` shows figures, trends and 同比 at once.

Seasonal (fewer meetings around the Spring Festival and in high summer, more at the year's end) and
falling year on year by about a fifth, as seed 002's county reports (同比下降). Each unit's outgoing
meetings and documents stay near its demo quota (config/org.example.yaml), so a few 80 % reminders and one
over-quota alert show, as in the seed's 及时提醒 / 直接通报. Outgoing meetings, documents and inspections
go through 报备 → 审批 → 备案 (a few recent ones still waiting), and their history says so.

Every row is marked: `raw_text` is DEMO_MARK and nobody recorded it (created_by is NULL), so exports show
it as demo data and `seed-demo --remove` (storage.demo) takes it out with the demo county. Inserted in bulk
(one INSERT … RETURNING for the entries, one for their events): `make run` stays quick.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from storage.models import Entry, EntryEvent, Member, Unit
from storage.timeutil import UTC, utcnow

DEMO_MARK = "【示范数据】seed-demo 生成的演示台账，seed-demo --remove 时一并删除"
MONTHS = 25  # the current month and the 24 before it: two full years of 同比
SEASON = (0.75, 0.55, 1.1, 1.15, 1.0, 1.05, 0.8, 0.8, 1.05, 1.0, 1.1, 1.35)  # January … December
START_LEVEL, END_LEVEL = 1.15, 0.8  # the burden falls steadily: about −20 % year on year

# Monthly rates at the start level, per (kind, direction), for each sort of unit.
TOWN = {("meeting", "outgoing"): 2.1, ("meeting", "incoming"): 5.0, ("document", "outgoing"): 2.6,
        ("document", "incoming"): 14.0, ("inspection", "outgoing"): 1.0, ("inspection", "incoming"): 1.4,
        ("report", "outgoing"): 1.8, ("report", "incoming"): 3.5}
OFFICE = {("meeting", "outgoing"): 2.0, ("meeting", "incoming"): 2.5, ("document", "outgoing"): 5.0,
          ("document", "incoming"): 10.0, ("inspection", "outgoing"): 1.4, ("inspection", "incoming"): 0.7,
          ("report", "outgoing"): 2.5, ("report", "incoming"): 1.5}
DEPARTMENT = {("meeting", "outgoing"): 1.0, ("meeting", "incoming"): 3.5, ("document", "outgoing"): 2.9,
              ("document", "incoming"): 9.0, ("inspection", "outgoing"): 1.3, ("inspection", "incoming"): 0.9,
              ("report", "outgoing"): 2.2, ("report", "incoming"): 2.8}
SIZE = {"城关镇": 1.2, "青山镇": 1.0, "白沙乡": 0.8, "河口镇": 0.9, "县应急管理局": 1.1}
DOC_PREFIX = {"县委办": "县委办发", "城关镇": "城关党发", "青山镇": "青党发", "白沙乡": "白党发", "河口镇": "河党发",
              "县教育局": "县教发", "县卫健局": "县卫健发", "县应急管理局": "县应急发"}

# What the entries are about, by season (months) where it matters.
TOPICS: tuple[tuple[str, tuple[int, ...]], ...] = (
    ("安全生产", ()), ("森林防火", (1, 2, 3, 4, 11, 12)), ("春耕备耕", (2, 3, 4)), ("防汛抗旱", (5, 6, 7, 8)),
    ("秋收秋种", (9, 10)), ("年终考核", (11, 12)), ("乡村振兴", ()), ("信访维稳", ()), ("环境卫生整治", ()),
    ("民生实事", ()), ("疫病防控", (1, 2, 12)), ("食品安全", ()), ("消防安全", (1, 2, 11, 12)),
    ("营商环境", ()), ("党风廉政建设", ()), ("耕地保护", (3, 4, 5, 9, 10)),
)
MEETING = ("{t}工作会议", "{t}工作推进会", "{t}专题调度会", "{t}工作部署会")
DOCUMENT = ("关于做好{t}工作的通知", "关于印发《{t}工作方案》的通知", "关于{t}工作情况的通报")
INSPECTION = ("{t}专项督查", "{t}督导检查", "{t}工作检查")
REPORT = ("{t}工作总结", "{t}工作开展情况", "{t}工作台账")
UPPER = ("县委", "县政府", "县委办", "县纪委监委", "市委", "市政府")
PLACES = ("机关三楼会议室", "机关一楼会议室", "视频会议室")


@dataclass(frozen=True)
class Loaded:
    entries: int
    events: int


def present(session: Session) -> bool:
    """Demo ledger rows are in the database already."""
    return session.scalar(select(Entry.id).where(Entry.raw_text == DEMO_MARK).limit(1)) is not None


def load(session: Session, county: str, today: dt.date, is_workday: Callable[[dt.date], bool],
         now: dt.datetime | None = None) -> Loaded:
    """Two years of demo ledger for the units under `county` (nothing when it is there already)."""
    if present(session):
        return Loaded(0, 0)
    units = list(session.scalars(select(Unit).where(Unit.active.is_(True)).order_by(Unit.id)))
    root = next((u for u in units if u.name == county and u.parent_id is None), None)
    if root is None:
        return Loaded(0, 0)
    people = {m.name: m.id for m in session.scalars(select(Member))}
    approver = people.get("王五") or people.get("钱七")
    rng = random.Random(f"{county}:{today.year}")  # the same demo for a given year
    now = now or utcnow()
    rows: list[dict[str, Any]] = []
    stories: list[tuple[str, ...]] = []  # per row: the events of its history
    for unit in units:
        if unit.parent_id != root.id:
            continue
        rates = OFFICE if unit.name in ("县委办", "县政府办") else TOWN if unit.level == "town" else DEPARTMENT
        numbers: dict[int, int] = {}
        for row, story in _unit_rows(rng, unit, rates, today, is_workday, numbers, now):
            rows.append(row)
            stories.append(story)
    if not rows:
        return Loaded(0, 0)
    ids = list(session.scalars(insert(Entry).returning(Entry.id, sort_by_parameter_order=True), rows))
    events = [event for entry_id, row, story in zip(ids, rows, stories, strict=True)
              for event in _events(entry_id, row, story, approver)]
    if events:
        session.execute(insert(EntryEvent), events)
    session.flush()
    return Loaded(len(ids), len(events))


def count(session: Session) -> int:
    return int(session.scalar(select(func.count(Entry.id)).where(Entry.raw_text == DEMO_MARK)) or 0)


# --- generation ---------------------------------------------------------------------------------

def _months(today: dt.date) -> Iterator[tuple[int, int, int]]:
    """(index, year, month) from MONTHS−1 months ago up to this month."""
    for index in range(MONTHS):
        back = MONTHS - 1 - index
        serial = today.year * 12 + today.month - 1 - back
        yield index, serial // 12, serial % 12 + 1


def _count(rng: random.Random, mean: float, carry: list[float]) -> int:
    """About `mean` items, the remainder carried to the next month: totals track the plan, months vary."""
    carry[0] += mean
    n = max(0, math.floor(carry[0] + rng.uniform(-0.45, 0.45)))
    carry[0] -= n
    return n


def _unit_rows(rng: random.Random, unit: Unit, rates: dict[tuple[str, str], float], today: dt.date,
               is_workday: Callable[[dt.date], bool], numbers: dict[int, int],
               now: dt.datetime) -> Iterator[tuple[dict[str, Any], tuple[str, ...]]]:
    size = SIZE.get(unit.name, 1.0)
    horizon = today + dt.timedelta(days=14)  # a fortnight of planned items, some still waiting for approval
    carries = {pair: [rng.random() - 0.5] for pair in rates}
    for index, year, month in _months(today):
        level = START_LEVEL + (END_LEVEL - START_LEVEL) * index / (MONTHS - 1)
        days = [d for d in _days(year, month) if is_workday(d) and d <= horizon]
        if not days:
            continue
        held = [d for d in days if d.weekday() < 3] or days  # no meetings on the 无会日 (周四周五, rules.yaml)
        for (kind, direction), rate in rates.items():
            for _ in range(_count(rng, rate * size * level * SEASON[month - 1], carries[(kind, direction)])):
                day = rng.choice(held if (kind, direction) == ("meeting", "outgoing") else days)
                yield _row(rng, unit, kind, direction, day, month, today, numbers, now)


def _days(year: int, month: int) -> list[dt.date]:
    first = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return [first + dt.timedelta(days=i) for i in range((following - first).days)]


def _topic(rng: random.Random, month: int) -> str:
    fitting = [t for t, months in TOPICS if not months or month in months]
    return rng.choice(fitting)


def _row(rng: random.Random, unit: Unit, kind: str, direction: str, day: dt.date, month: int, today: dt.date,
         numbers: dict[int, int], now: dt.datetime) -> tuple[dict[str, Any], tuple[str, ...]]:
    topic = _topic(rng, month)
    upper = rng.choice(UPPER)
    row: dict[str, Any] = {
        "unit_id": unit.id, "kind": kind, "direction": direction, "occurs_on": day, "quantity": 1,
        "in_scope": True, "status": "recorded", "flags": [], "filing_required": False, "raw_text": DEMO_MARK,
        "created_by": None, "updated_at": now,
    }
    outgoing = direction == "outgoing"
    if kind == "meeting":
        row["title"] = rng.choice(MEETING).format(t=topic) if outgoing else f"{upper}{topic}工作会议"
        row["duration_minutes"] = rng.choice((60, 90, 90, 120))
        if outgoing:
            row["location"] = rng.choice(PLACES)
            row["scale"] = rng.choice((20, 30, 40, 60, 80))
            row["attendees_scope"] = "各村支书" if unit.level == "town" else "各乡镇、县直有关单位"
        else:
            row["counterpart"] = upper
    elif kind == "document":
        row["title"] = rng.choice(DOCUMENT).format(t=topic)
        if outgoing:
            numbers[day.year] = numbers.get(day.year, 0) + 1
            row["doc_number"] = f"{DOC_PREFIX.get(unit.name, unit.name + '发')}〔{day.year}〕{numbers[day.year]}号"
        else:
            row["counterpart"] = upper
    elif kind == "inspection":
        row["title"] = rng.choice(INSPECTION).format(t=topic)
        if not outgoing:
            row["counterpart"] = upper
    else:
        row["title"] = rng.choice(REPORT).format(t=topic)
        row["counterpart"] = None if outgoing else upper
    story: tuple[str, ...] = ("create",)
    if outgoing and kind in ("meeting", "document", "inspection"):
        row["filing_required"] = True
        story = _filing(rng, row, day, today)
    filed_day = day - dt.timedelta(days=rng.randint(3, 8)) if len(story) > 1 else day
    row["created_at"] = _moment(filed_day if filed_day <= today else today, rng)
    return row, story


def _filing(rng: random.Random, row: dict[str, Any], day: dt.date, today: dt.date) -> tuple[str, ...]:
    """Where an outgoing item stands in 报备 → 审批 → 备案, and the events that brought it there."""
    ahead = (day - today).days
    if ahead > 3 and rng.random() < 0.5:
        row["status"] = "filed"  # waiting for approval: the filing queue
        return ("file",)
    if ahead >= 0 or (ahead > -6 and rng.random() < 0.6):
        row["status"] = "approved"  # approved, not yet held or not yet archived
        return ("file", "approve")
    if rng.random() < (0.06 if day.year < today.year else 0.015):  # a few unfiled ones, mostly last year
        return ("create",)
    row["status"] = "archived"
    row["archive_note"] = "会议纪要已归档" if row["kind"] == "meeting" else "已归档"
    return ("file", "approve", "archive")


def _moment(day: dt.date, rng: random.Random) -> dt.datetime:
    local = dt.datetime(day.year, day.month, day.day, rng.randint(8, 17), rng.randint(0, 59),
                        tzinfo=dt.timezone(dt.timedelta(hours=8)))
    return local.astimezone(UTC)


def _events(entry_id: int, row: dict[str, Any], story: tuple[str, ...], approver: int | None) -> list[dict[str, Any]]:
    """The entry's history as EntryEvent rows: created (filed), approved by 王五, archived after the day."""
    at: dt.datetime = row["created_at"]
    first = {k: [None, _plain(v)] for k, v in row.items()
             if k in _FIELDS and v is not None and v != [] and v is not False}
    final = row["status"]
    first["status"] = [None, "filed" if story[0] == "file" else "recorded"]
    first.pop("archive_note", None)
    events = [{"entry_id": entry_id, "at": at, "member_id": None, "action": "create", "changes": first}]
    if "approve" in story:
        approved = at + dt.timedelta(days=1, hours=2)
        events.append({"entry_id": entry_id, "at": approved, "member_id": approver, "action": "approve",
                       "changes": {"status": ["filed", "approved"]}})
    if "archive" in story:
        archived = _moment(row["occurs_on"] + dt.timedelta(days=2), random.Random(entry_id))
        events.append({"entry_id": entry_id, "at": archived, "member_id": None, "action": "archive",
                       "changes": {"status": ["approved", "archived"], "archive_note": [None, row["archive_note"]]}})
    assert final in ("recorded", "filed", "approved", "archived")
    return events


_FIELDS = ("unit_id", "kind", "direction", "title", "doc_number", "occurs_on", "duration_minutes", "quantity",
           "attendees_scope", "scale", "location", "counterpart", "status", "filing_required")


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value
