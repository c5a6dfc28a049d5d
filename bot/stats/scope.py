"""Whose entries a figure adds up: a unit's own, or for the county the whole county.

A county (Unit.level "county") has few entries of its own; asked about it ("示范县本月发文数",
"全县…"), people mean the county as a whole: the county unit and every active unit below it. The
digests count the county the same way (bot.scheduler.targets.county_scope), so both give one figure.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import repo
from storage.models import Unit

COUNTY_WIDE = "全县"


def is_county(unit: Unit) -> bool:
    return unit.level == "county"


def counted_units(session: Session, unit: Unit) -> list[int]:
    """The unit ids whose entries make the unit's figure, the unit first."""
    if not is_county(unit):
        return [unit.id]
    below = set(repo.descendant_ids(session, unit.id)) - {unit.id}
    active = session.scalars(select(Unit.id).where(Unit.id.in_(below), Unit.active.is_(True)).order_by(Unit.id))
    return [unit.id, *active]


def display_name(unit: Unit) -> str:
    """全县 for the county as a whole; else the unit's name."""
    return COUNTY_WIDE if is_county(unit) else unit.name
