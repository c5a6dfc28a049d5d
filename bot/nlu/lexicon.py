"""Words the parser must know that come from the deployment, not the code: unit names and aliases."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Lexicon:
    # alias or full name → canonical unit name
    units: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_units(cls, units: list[tuple[str, list[str]]]) -> Lexicon:
        mapping: dict[str, str] = {}
        for name, aliases in units:
            mapping[name] = name
            for alias in aliases:
                mapping.setdefault(alias, name)
        return cls(units=mapping)

    def version(self) -> int:
        """A cheap identity for caches keyed on the lexicon's content."""
        return hash(tuple(sorted(self.units.items())))


EMPTY = Lexicon()
