"""示范县, the demo organisation: recognise it, keep it out of a real deployment, take it out again.

The demo (config/org.example.yaml) exists so that `make run` on a fresh clone has someone to talk to.
A county's database must never carry it: its admin 王五 would approve filings and receive alerts, and
its quotas would count against the county's units. So the demo is loaded only into the local default
database (bot.cli), a serving process refuses to start with platform credentials while its admin is
still there, and `seed-demo --remove` deletes it with whatever it alone owns.

The demo's ledger (storage.demo_ledger: rows marked DEMO_MARK, recorded by nobody) is the demo's wherever
it lies, and goes with it.

"The demo alone owns" a unit of the demo file under the demo county when nobody else has a stake in
it: no member outside the demo file, no entry recorded by anyone but a demo member (imports included),
no platform group bound to it, no imported baseline, no kept unit below it. Such a unit is deleted with
everything that hangs on it; a unit somebody else has a stake in is kept, and only the demo's members,
their entries and the demo's unadjusted quotas are taken out of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.orm import Session, contains_eager

from storage import repo
from storage.demo_ledger import DEMO_MARK
from storage.models import (
    Base,
    Baseline,
    Conversation,
    Entry,
    Member,
    Quota,
    QuotaAdjustment,
    Unit,
)

# Foreign keys whose rows survive the removal of what they point at (the column is set to NULL):
# a kept entry may have come from a demo group's message, a kept quota may have been adjusted by 王五.
NULLIFIED = frozenset({
    ("entry", "source_message_id"), ("entry", "conversation_id"), ("entry_event", "member_id"),
    ("quota_adjustment", "approved_by"), ("bind_request", "decided_by"),
})


@dataclass(frozen=True)
class DemoOrg:
    """What the demo file declares, by name."""

    county: str
    units: frozenset[str]
    members: frozenset[tuple[str, str]]  # (unit name, member name)
    admins: frozenset[tuple[str, str]]
    quotas: frozenset[tuple[str, str, str, str, int, int]]  # (unit, kind, direction, period, year, limit)


@dataclass
class Removal:
    units_removed: list[str] = field(default_factory=list)
    units_kept: dict[str, str] = field(default_factory=dict)  # unit → why it stays
    members_removed: int = 0
    entries_removed: int = 0
    quotas_removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.units_removed or self.members_removed or self.entries_removed or self.quotas_removed)


def read_demo(path: Path) -> DemoOrg:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    units = [u for u in data.get("units") or [] if isinstance(u, dict)]
    roots = [str(u["name"]) for u in units if not u.get("parent")]
    county = str(data.get("county") or (roots[0] if roots else ""))
    members = [m for m in data.get("members") or [] if isinstance(m, dict)]
    return DemoOrg(
        county=county,
        units=frozenset(str(u["name"]) for u in units),
        members=frozenset((str(m["unit"]), str(m["name"])) for m in members),
        admins=frozenset((str(m["unit"]), str(m["name"])) for m in members if "admin" in (m.get("roles") or [])),
        quotas=frozenset(
            (str(q["unit"]), str(q["kind"]), str(q.get("direction", "outgoing")), str(q.get("period", "year")),
             int(q["year"]), int(q["limit"]))
            for q in data.get("quotas") or [] if isinstance(q, dict)
        ),
    )


def _in_demo_tree(session: Session, unit: Unit, demo: DemoOrg) -> bool:
    return unit.name in demo.units and repo.tree_root(session, unit).name == demo.county


def demo_members(session: Session, demo: DemoOrg) -> list[Member]:
    """The demo file's people, found by unit and name inside the demo county's tree. Only members bearing a
    demo name in a unit of a demo name are read, with their units (one query, not one per member): every
    start of a server with platform credentials asks this (bot.runtime.demo_refusal)."""
    if not demo.members:
        return []
    names = {name for _, name in demo.members}
    units = {unit for unit, _ in demo.members}
    candidates = (select(Member).join(Member.unit).options(contains_eager(Member.unit))
                  .where(Member.name.in_(names), Unit.name.in_(units)).order_by(Member.id))
    found = []
    for member in session.scalars(candidates):
        if (member.unit.name, member.name) in demo.members and _in_demo_tree(session, member.unit, demo):
            found.append(member)
    return found


def demo_admins(session: Session, demo: DemoOrg) -> list[Member]:
    """The demo's 系统管理员 (王五) still in the database: the sign that the demo is loaded."""
    return [m for m in demo_members(session, demo) if (m.unit.name, m.name) in demo.admins]


def is_present(session: Session, demo: DemoOrg) -> bool:
    """Any of the demo's people is still here (a kept unit whose demo people are gone is the county's)."""
    return bool(demo_members(session, demo))


def remove(session: Session, demo: DemoOrg) -> Removal:
    """Delete the demo's members and everything the demo alone owns (see the module docstring)."""
    result = Removal()
    members = demo_members(session, demo)
    member_ids = {m.id for m in members}
    candidates = {u.id: u for u in session.scalars(select(Unit)) if _in_demo_tree(session, u, demo)}
    kept = {uid: why for uid, u in candidates.items() if (why := _stake(session, u, member_ids))}
    parents = dict(session.execute(select(Unit.id, Unit.parent_id)).tuples().all())
    # A unit stays when a unit below it stays, whether a demo unit or one the county added under it.
    for uid, parent in parents.items():
        if uid in candidates and uid not in kept:
            continue
        while parent is not None and parent in candidates and parent not in kept:
            kept[parent] = "其下属单位保留"
            parent = parents.get(parent)
    removable = [uid for uid in candidates if uid not in kept]

    demo_rows = _demo_ledger(session, candidates)
    result.entries_removed = len(set(session.scalars(select(Entry.id).where(
        (Entry.created_by.in_(member_ids)) | (Entry.unit_id.in_(removable))))) | set(demo_rows))
    result.quotas_removed = session.scalar(select(func.count(Quota.id)).where(Quota.unit_id.in_(removable))) or 0
    result.quotas_removed += _remove_demo_quotas(session, demo, kept)
    _purge(session, _table(Entry), list(session.scalars(select(Entry.id).where(Entry.created_by.in_(member_ids)))))
    for start in range(0, len(demo_rows), 5000):  # the demo ledger, in slices the databases take as IN lists
        _purge(session, _table(Entry), demo_rows[start:start + 5000])
    _purge(session, _table(Member), sorted(member_ids))
    result.members_removed = len(member_ids)
    # Children before parents: a parent's purge would otherwise reach its children through parent_id.
    depth = {uid: _depth(uid, parents) for uid in removable}
    for uid in sorted(removable, key=lambda u: -depth[u]):
        _purge(session, _table(Unit), [uid])
    result.units_removed = [candidates[uid].name for uid in sorted(removable, key=lambda u: depth[u])]
    result.units_kept = {candidates[uid].name: why for uid, why in kept.items()}
    session.flush()
    session.expire_all()
    return result


def _demo_ledger(session: Session, units: dict[int, Unit]) -> list[int]:
    """The demo ledger's rows in the demo county's units."""
    return list(session.scalars(select(Entry.id).where(
        Entry.raw_text == DEMO_MARK, Entry.created_by.is_(None), Entry.unit_id.in_(list(units)))))


def _depth(uid: int, parents: dict[int, int | None]) -> int:
    depth, seen = 0, set()
    while (uid := parents.get(uid)) is not None and uid not in seen:  # type: ignore[assignment]
        seen.add(uid)
        depth += 1
    return depth


def _stake(session: Session, unit: Unit, demo_member_ids: set[int]) -> str | None:
    """Why someone other than the demo has a stake in this unit, or None."""
    others = [m.name for m in unit.members if m.id not in demo_member_ids]
    if others:
        return f"有本县成员（{'、'.join(others[:3])}）"
    demo_row = (Entry.raw_text == DEMO_MARK) & Entry.created_by.is_(None)
    foreign_entry = session.scalar(select(Entry.id).where(
        Entry.unit_id == unit.id, (Entry.created_by.is_(None)) | (Entry.created_by.not_in(demo_member_ids or {-1})),
        ~demo_row).limit(1))
    if foreign_entry is not None:
        return "有非示范成员登记或导入的台账"
    if session.scalar(select(Conversation.id).where(Conversation.unit_id == unit.id,
                                                    Conversation.platform != "console").limit(1)) is not None:
        return "绑定了企业微信/钉钉工作群"
    if session.scalar(select(Baseline.id).where(Baseline.unit_id == unit.id).limit(1)) is not None:
        return "有导入的基数"
    return None


def _remove_demo_quotas(session: Session, demo: DemoOrg, kept: dict[int, str]) -> int:
    """In a kept unit, the demo's quotas (same figure, never adjusted) are the demo's, not the county's."""
    removed = 0
    for unit_id in kept:
        unit = session.get(Unit, unit_id)
        assert unit is not None
        for quota in session.scalars(select(Quota).where(Quota.unit_id == unit_id)):
            key = (unit.name, quota.kind, quota.direction, quota.period, quota.year, quota.limit)
            adjusted = session.scalar(select(QuotaAdjustment.id).where(QuotaAdjustment.quota_id == quota.id).limit(1))
            if key in demo.quotas and adjusted is None:
                _purge(session, _table(Quota), [quota.id])
                removed += 1
    return removed


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _purge(session: Session, table: Table, ids: list[Any]) -> None:
    """Delete rows of `table` and, first, every row that refers to them through a foreign key (found in
    the models' metadata, so a table added later is covered); the NULLIFIED references are cleared."""
    if not ids:
        return
    for other in Base.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table is not table:
                continue
            column = fk.parent
            if (other.name, column.name) in NULLIFIED:
                session.execute(update(other).where(column.in_(ids)).values({column.name: None}))
                continue
            keys = list(other.primary_key.columns)
            if other is table:  # unit.parent_id: the children are purged by the caller, deepest first
                continue
            if len(keys) != 1:
                session.execute(delete(other).where(column.in_(ids)))
                continue
            _purge(session, other, list(session.scalars(select(keys[0]).where(column.in_(ids)))))
    key = next(iter(table.primary_key.columns))
    session.execute(delete(table).where(key.in_(ids)))
