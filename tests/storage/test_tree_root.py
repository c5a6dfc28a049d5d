"""Issue 12: the top of the unit tree is found one way, storage.repo.tree_root.

It used to be found five ways (the digests' county name asked for a parentless unit of level "county",
member administration and the xlsx export for any parentless unit, queries and permissions walked up
from a unit). Decision: the root is the unit without a parent, whatever its level.
"""

from __future__ import annotations

from bot.scheduler.targets import county_scope
from storage import repo
from storage.models import Unit


def test_the_demo_county_is_the_root_from_anywhere_in_the_tree(demo_db) -> None:
    with demo_db.session() as s:
        county = repo.unit_by_name(s, "示范县")
        town = repo.unit_by_name(s, "城关镇")
        assert county is not None and town is not None
        assert repo.tree_root(s) is county
        assert repo.tree_root(s, town) is county and repo.tree_root(s, county) is county
        assert repo.tree_roots(s) == [county]
        assert county_scope(s).name == "示范县"


def test_a_tree_topped_by_a_town_is_named_after_the_town(db) -> None:
    # Decision: the digests' name for the whole tree used to require level "county" and said 全县 otherwise.
    with db.session() as s:
        town = Unit(name="青山镇", level="town", aliases=[])
        s.add(town)
        s.flush()
        village = Unit(name="青山村", level="village", parent_id=town.id, aliases=[])
        s.add(village)
        s.flush()
        assert repo.tree_root(s) is town and repo.tree_root(s, village) is town
        assert county_scope(s).name == "青山镇"


def test_a_cycle_in_bad_data_does_not_hang(db) -> None:
    with db.session() as s:
        a = Unit(name="甲", level="town", aliases=[])
        b = Unit(name="乙", level="town", aliases=[])
        s.add_all([a, b])
        s.flush()
        a.parent_id, b.parent_id = b.id, a.id
        s.flush()
        s.expire_all()
        assert repo.tree_root(s, s.get(Unit, a.id)) in (s.get(Unit, a.id), s.get(Unit, b.id))
        assert repo.tree_root(s) is None
