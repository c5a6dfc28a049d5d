"""Words the parser must know that come from the deployment, not the code: unit names, aliases and levels,
and who is speaking (a unit above the speaker's, named as the one acting, is the other party)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Speaker:
    """The sender's unit and the level the rules hold it to (the county office speaks for the county)."""

    unit: str
    level: str | None = None


@dataclass(frozen=True)
class Lexicon:
    # alias or full name → canonical unit name
    units: dict[str, str] = field(default_factory=dict)
    levels: dict[str, str] = field(default_factory=dict)  # canonical unit name → county | department | town | village

    @classmethod
    def from_units(cls, units: Sequence[tuple[str, list[str]] | tuple[str, list[str], str]],
                   level_of: Callable[[str, list[str], str], str] | None = None) -> Lexicon:
        """`level_of(name, aliases, level)`: the level the parser holds a unit to, as for the speaker (the county
        office speaks for the county, so a department naming 县委办 names a unit above it)."""
        mapping: dict[str, str] = {}
        levels: dict[str, str] = {}
        for unit in units:
            name, aliases = unit[0], unit[1]
            mapping[name] = name
            if len(unit) > 2:
                level = unit[2]
                levels[name] = level_of(name, aliases, level) if level_of else level
            for alias in aliases:
                mapping.setdefault(alias, name)
        return cls(units=mapping, levels=levels)

    def version(self) -> int:
        """A cheap identity for caches keyed on the lexicon's content."""
        return hash((tuple(sorted(self.units.items())), tuple(sorted(self.levels.items()))))


EMPTY = Lexicon()
