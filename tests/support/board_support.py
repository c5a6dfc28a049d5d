"""A generated ledger for the board tests (seeded, so every run is the same): two years of entries of every
kind, direction and status for the nine demo units, baselines for 青山镇's 2025, reminders, filings waiting
and a few items outside the counting rules; and a board page read back into figures (its data-* cells)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from sqlalchemy import select

from bot.clock import TZ
from storage import repo
from storage.models import Baseline, Member, Notification, Unit

KIND_SUBTYPES = {"document": ["党委发文", "政府发文", None], "inspection": ["督查", "检查", "考核", None],
                 "meeting": [None, None, "培训会"], "report": [None]}
TITLES = {"meeting": ["安全生产工作会", "业务培训会", "防汛视频会议", None],
          "document": ["关于做好冬季安全生产工作的通知", "工作简报", None],
          "inspection": ["安全生产督查", "年度考核", None], "report": ["报送季度报表", None]}
STATUSES = ["recorded"] * 12 + ["filed", "approved", "archived", "rejected", "voided"]


def generate_ledger(db: Any, seed: int = 16, per_unit: int = 70, today: dt.date = dt.date(2026, 11, 22)) -> None:
    rng = random.Random(seed)
    first = dt.date(today.year - 1, 1, 1)
    span = (dt.date(today.year, 12, 31) - first).days
    with db.session() as s:
        units = list(s.scalars(select(Unit).order_by(Unit.id)))
        members = {m.unit_id: m for m in s.scalars(select(Member).order_by(Member.id))}
        for unit in units:
            who = members.get(unit.id)
            for _ in range(per_unit):
                kind = rng.choice(list(KIND_SUBTYPES))
                day = first + dt.timedelta(days=rng.randrange(span + 1))
                status = rng.choice(STATUSES)
                if status in ("filed", "approved") and day < today - dt.timedelta(days=40):
                    status = "recorded"
                at = dt.datetime.combine(min(day, today) - dt.timedelta(days=rng.randrange(0, 5)), dt.time(9), TZ)
                repo.create_entry(
                    s, who, at=at, unit_id=unit.id, kind=kind, direction=rng.choice(["outgoing", "incoming"]),
                    subtype=rng.choice(KIND_SUBTYPES[kind]), title=rng.choice(TITLES[kind]), occurs_on=day,
                    quantity=rng.choice([1, 1, 1, 2, 3]), status=status, in_scope=True,
                    filing_required=kind in ("meeting", "inspection") and rng.random() < 0.3,
                    created_by=who.id if who else None)
            if who is not None:  # one filing waiting for approval in every unit with a member
                repo.create_entry(s, who, at=dt.datetime.combine(today, dt.time(9), TZ), unit_id=unit.id,
                                  kind="meeting", direction="outgoing", title="工作推进会", status="filed",
                                  occurs_on=today + dt.timedelta(days=3), quantity=1, in_scope=True,
                                  filing_required=True, created_by=who.id)
            if unit.name == "青山镇":
                for month in range(1, 13):
                    for kind in ("meeting", "document"):
                        s.add(Baseline(unit_id=unit.id, kind=kind, direction="outgoing", subtype=None,
                                       year=today.year - 1, month=month, count=rng.randrange(2, 9)))
        for n, unit in enumerate(units[1:6]):
            for k in range(n + 1):
                s.add(Notification(kind=rng.choice(["reminder", "over_quota"]), unit_id=unit.id,
                                   at=dt.datetime(today.year, 3 + k, 10, 9, tzinfo=TZ), text="额度提醒",
                                   dedupe_key=f"test:{unit.id}:{k}"))


@dataclass
class PageFigures:
    """What a board page shows, read from its data-* attributes."""

    cells: dict[tuple[str, str, str], tuple[int, int | None]] = field(default_factory=dict)  # (unit, span, measure)
    rows: list[str] = field(default_factory=list)
    quotas: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)  # (unit, kind.direction.period)
    pending: dict[str, int] = field(default_factory=dict)
    reminded: dict[str, int] = field(default_factory=dict)
    reminders: int | None = None
    attrs: list[dict[str, str]] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found = PageFigures()
        self.row: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.found.attrs.append(a)
        if tag == "tr" and "data-row" in a:
            self.row = a["data-row"]
            self.found.rows.append(self.row)
        if "data-measure" in a:
            previous = int(a["data-previous"]) if a["data-previous"] else None
            self.found.cells[(a["data-unit"], a["data-span"], a["data-measure"])] = (int(a["data-value"]), previous)
        if "data-q" in a and self.row:
            self.found.quotas[(self.row, a["data-q"])] = (int(a["data-used"]), int(a["data-limit"]))
        if "data-pending" in a and self.row:
            self.found.pending[self.row] = int(a["data-pending"])
        if "data-reminded" in a and self.row:
            self.found.reminded[self.row] = int(a["data-reminded"])
        if "data-reminders" in a:
            self.found.reminders = int(a["data-reminders"])


def read_page(html: str) -> PageFigures:
    reader = _Reader()
    reader.feed(html)
    return reader.found
