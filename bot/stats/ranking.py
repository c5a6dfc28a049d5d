"""Rankings of units by a figure ("各乡镇本月发文排名"): most first, ties share a place (1, 2, 2, 4)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.stats.counts import Figure
from storage.models import UNIT_LEVELS, Unit

# How users name a level ("各乡镇", "各部门") → Unit.level; the parser may pass either form.
LEVEL_WORDS = {
    "town": "town", "乡镇": "town", "镇": "town", "乡": "town", "街道": "town", "乡镇街道": "town",
    "department": "department", "部门": "department", "县直单位": "department", "县直部门": "department",
    "单位": None, "unit": None, "units": None,
    "village": "village", "村": "village", "社区": "village", "村社区": "village", "村（社区）": "village",
    "county": "county", "县": "county",
}
LEVEL_LABELS = {"town": "各乡镇", "department": "各部门", "village": "各村（社区）", "county": "各县", None: "各单位"}


def level_of(word: str | None) -> str | None:
    if not word:
        return None
    word = str(word).strip().removeprefix("各")
    if word in UNIT_LEVELS:
        return word
    return LEVEL_WORDS.get(word)


def candidates(session: Session, root: Unit, level: str | None, subtree: Sequence[int]) -> list[Unit]:
    """Active units of the level under root (root itself only if nothing else fits); direct children
    of root when no level is given."""
    ids = set(subtree)
    units = list(session.scalars(select(Unit).where(Unit.active.is_(True)).order_by(Unit.id)))
    if level is None:
        return [u for u in units if u.parent_id == root.id]
    found = [u for u in units if u.id in ids and u.level == level and u.id != root.id]
    if not found and root.level == level:
        found = [root]
    return found


@dataclass(frozen=True)
class Place:
    rank: int
    unit: Unit
    figure: Figure

    def to_json(self) -> dict[str, object]:
        return {"rank": self.rank, "unit": self.unit.name, **self.figure.to_json()}


def rank(units: Sequence[Unit], figures: dict[int, Figure]) -> list[Place]:
    ordered = sorted(units, key=lambda u: (-figures[u.id].value, u.id))
    places: list[Place] = []
    for index, unit in enumerate(ordered):
        figure = figures[unit.id]
        same = places and places[-1].figure.value == figure.value
        places.append(Place(places[-1].rank if same else index + 1, unit, figure))
    return places
