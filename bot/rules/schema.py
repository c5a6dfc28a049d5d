"""The loaded, validated rules as immutable dataclasses; the engine reads only these, never raw YAML."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from bot.rules.textmatch import Pattern


@dataclass(frozen=True)
class Conditions:
    """Structured facts a trigger or rule may require besides words."""

    kinds: tuple[str, ...] = ()
    directions: tuple[str, ...] = ()
    unit_levels: tuple[str, ...] = ()
    min_scale: int | None = None
    min_length: int | None = None
    wide: bool | None = None  # True: only 全县性 meetings; False: only the others


@dataclass(frozen=True)
class Trigger:
    """Fires when every word group has a (non-negated) match, no `none` word does, and `when` holds."""

    groups: tuple[tuple[Pattern, ...], ...] = ()
    none: tuple[Pattern, ...] = ()
    when: Conditions = Conditions()
    always: bool = False
    verdict: str | None = None  # overrides the item's verdict (e.g. softer when a condition is unknown)
    reason: str | None = None
    outright: bool = False  # its words state the violation itself (改成白头发就不算数了): not a wording to revise


@dataclass(frozen=True)
class ListItem:
    id: str
    number: int
    text: str
    source: str
    verdict: str  # verdict code
    force: str  # the YAML wording: 不得 | 原则上不 | 需报备审批
    reason: str
    triggers: tuple[Trigger, ...] = ()
    unless: tuple[Pattern, ...] = ()
    kinds: tuple[str, ...] = ()
    directions: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class NegativeList:
    key: str
    name: str
    kinds: tuple[str, ...]
    directions: tuple[str, ...]
    items: tuple[ListItem, ...]

    def items_for(self, kind: str | None, direction: str | None) -> tuple[ListItem, ...]:
        """The items that can apply to a proposal of this kind and direction, in order: picked once per pair (the
        rules check every record against every list), not item by item at each check."""
        picked = self._picked.get((kind, direction))
        if picked is None:
            picked = self._picked[(kind, direction)] = tuple(
                item for item in self.items
                if kind in (item.kinds or self.kinds) and direction in (item.directions or self.directions))
        return picked

    @cached_property
    def _picked(self) -> dict[tuple[str | None, str | None], tuple[ListItem, ...]]:
        return {}


@dataclass(frozen=True)
class RuleText:
    """What every structured rule cites: its id, verbatim text, source and force."""

    id: str
    text: str
    source: str
    verdict: str


@dataclass(frozen=True)
class Exemption:
    id: str
    name: str
    words: tuple[Pattern, ...]
    unless: tuple[Pattern, ...] = ()  # 例会, 演练: a routine meeting on the subject is not the exemption


@dataclass(frozen=True)
class NoMeetingRules:
    name: str
    days: RuleText | None
    weekdays: tuple[int, ...]  # 1 = Monday … 7 = Sunday
    days_wide_only: bool
    weeks: RuleText | None
    weeks_of_month: tuple[int, ...]
    weeks_wide_only: bool
    exemptions: tuple[Exemption, ...]
    exemption_source: str


@dataclass(frozen=True)
class LimitRule:
    rule: RuleText
    name: str
    field: str  # scale | duration_minutes | speech_minutes | remark_minutes | length_chars
    max: int
    when: Conditions
    words: tuple[Pattern, ...] = ()
    unless: tuple[Pattern, ...] = ()


@dataclass(frozen=True)
class Limits:
    name: str
    items: tuple[LimitRule, ...]


@dataclass(frozen=True)
class ThreeWhenever:
    name: str
    no_problem: RuleText
    no_problem_words: tuple[Pattern, ...]
    deployed: RuleText
    deployed_lookback_days: int
    similar: RuleText
    similar_window_days: int


@dataclass(frozen=True)
class QuotaRules:
    name: str
    rule: RuleText
    warn_at: float
    alert_at: float
    warn_verdict: str
    alert_verdict: str


@dataclass(frozen=True)
class AnnualRule:
    name: str
    rule: RuleText
    kinds: tuple[str, ...]
    equal_verdict: str


@dataclass(frozen=True)
class FilingRule:
    rule: RuleText
    when: Conditions
    words: tuple[Pattern, ...]
    working_days: int
    unless: tuple[Pattern, ...] = ()
    # What the working days count back from: the item itself (a meeting's plan filed 5 days before it is held)
    # or its notice (an inspection's plan reviewed 5 days before the notice goes out, whenever it takes place).
    before: str = "event"


FILING_ANCHORS = ("event", "notice")


@dataclass(frozen=True)
class FrequencyRule:
    rule: RuleText
    when: Conditions
    words: tuple[Pattern, ...]
    max_per_year: int


@dataclass(frozen=True)
class RuleBook:
    """One consistent set of rules; a RuleStore swaps whole RuleBooks, never edits one."""

    lists: tuple[NegativeList, ...]
    no_meeting: NoMeetingRules | None
    limits: Limits | None
    three: ThreeWhenever | None
    quotas: QuotaRules | None
    annual: AnnualRule | None
    filing_name: str
    filing: tuple[FilingRule, ...]
    frequency_name: str
    frequency: tuple[FrequencyRule, ...]
    wide_words: tuple[Pattern, ...]
    files: tuple[str, ...] = field(default=())
    dirs: tuple[str, ...] = field(default=())  # the config folders, in overlay order (for rule_examples.yaml)

    def list_by_key(self, key: str) -> NegativeList | None:
        return next((lst for lst in self.lists if lst.key == key), None)

    def item_by_id(self, item_id: str) -> ListItem | None:
        return next((item for lst in self.lists for item in lst.items if item.id == item_id), None)

    def item_ids(self) -> set[str]:
        ids = {item.id for lst in self.lists for item in lst.items}
        if self.no_meeting:
            ids |= {r.id for r in (self.no_meeting.days, self.no_meeting.weeks) if r}
        if self.limits:
            ids |= {lim.rule.id for lim in self.limits.items}
        if self.three:
            ids |= {self.three.no_problem.id, self.three.deployed.id, self.three.similar.id}
        if self.quotas:
            ids.add(self.quotas.rule.id)
        if self.annual:
            ids.add(self.annual.rule.id)
        ids |= {f.rule.id for f in self.filing} | {f.rule.id for f in self.frequency}
        return ids
