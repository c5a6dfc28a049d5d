"""Rankings of units by a figure ("各乡镇本月发文排名"): most first, ties share a place (1, 2, 2, 4)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.stats.counts import Figure
from storage.models import Unit


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
