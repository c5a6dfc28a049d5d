"""What is counted: a kind, a direction and optionally a subtype group (党委发文, 督查 …).

Subtypes arrive as users and the parser write them ("党委" or "党委发文"), so a group lists every
spelling. For inspections received from above, "督查" is the broad group the seed's 汇报 means by
接受上级督查: 督查, 检查, 督导 and inspections recorded without a subtype; 考核 and 调研 are counted
apart (接受上级考核 is its own sentence). Baseline rows (monthly totals) use the same groups, except
that a baseline row without subtype is the kind's total, never part of a group.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.labels import MEASURE, activity

# (kind, group key) → (label, subtypes in the group; None = recorded without subtype)
SUBTYPE_GROUPS: dict[tuple[str, str], tuple[str, frozenset[str | None]]] = {
    ("document", "党委发文"): ("党委发文", frozenset({"党委发文", "党委", "党委文件"})),
    ("document", "政府发文"): ("政府发文", frozenset({"政府发文", "政府", "政府文件"})),
    ("inspection", "督查"): ("督查", frozenset({"督查", "检查", "督导", "督查检查", None})),
    ("inspection", "检查"): ("检查", frozenset({"检查"})),
    ("inspection", "督导"): ("督导", frozenset({"督导"})),
    ("inspection", "考核"): ("考核", frozenset({"考核"})),
    ("inspection", "调研"): ("调研", frozenset({"调研"})),
}
_ALIASES = {
    ("document", "党委"): "党委发文", ("document", "党委文件"): "党委发文",
    ("document", "政府"): "政府发文", ("document", "政府文件"): "政府发文",
    ("inspection", "督查检查"): "督查",
}


def group_key(kind: str, subtype: str | None) -> str | None:
    """The canonical group of a subtype as asked ("党委" → "党委发文"); None for no subtype."""
    if not subtype:
        return None
    return _ALIASES.get((kind, subtype), subtype)


@dataclass(frozen=True)
class Measure:
    kind: str
    direction: str
    subtype: str | None = None  # a group key (see group_key)

    @classmethod
    def of(cls, kind: str, direction: str | None, subtype: str | None = None) -> Measure:
        return cls(kind, direction or "outgoing", group_key(kind, subtype))

    @property
    def members(self) -> frozenset[str | None] | None:
        """Entry subtypes this measure counts; None = all of the kind and direction."""
        if self.subtype is None:
            return None
        found = SUBTYPE_GROUPS.get((self.kind, self.subtype))
        return found[1] if found else frozenset({self.subtype})

    def counts_subtype(self, subtype: str | None) -> bool:
        members = self.members
        return members is None or subtype in members

    @property
    def word(self) -> str:
        return MEASURE[self.kind]

    @property
    def label(self) -> str:
        """召开会议, 收上级来文, 党委发文, 接受上级督查 …"""
        base = activity(self.kind, self.direction)
        if self.subtype is None:
            return base
        if self.kind == "document" and self.direction == "outgoing":
            return SUBTYPE_GROUPS.get((self.kind, self.subtype), (self.subtype,))[0]
        if self.kind == "inspection":
            verb = "接受上级" if self.direction == "incoming" else "开展"
            return f"{verb}{self.subtype}"
        return f"{base}（{self.subtype}）"

    def key(self) -> str:
        return ".".join(p for p in (self.kind, self.direction, self.subtype) if p)
