"""The engine's value types: what is checked (Proposal), what was found (Finding), the answer (Verdict).

Kept free of YAML and SQL so that handlers, the record path and tests can build and read them cheaply.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Verdict codes, from harmless to worst. needs_approval sits below discouraged: "file it and it may
# go ahead" is milder than "in principle not at all".
VERDICTS = ("allowed", "needs_approval", "discouraged", "forbidden")
VERDICT_LABELS = {
    "allowed": "可以",
    "needs_approval": "需报备审批",
    "discouraged": "不建议",
    "forbidden": "不可以",
}
# The wording a rule file uses for an item's force → the verdict code. 提醒 is for structured rules
# only (a warning that does not change the answer, e.g. a quota at 80 %).
FORCE_TO_VERDICT = {
    "不得": "forbidden",
    "原则上不": "discouraged",
    "需报备审批": "needs_approval",
    "提醒": "allowed",
}
LIST_FORCES = ("不得", "原则上不", "需报备审批")


def worst(verdicts: list[str]) -> str:
    """The most severe verdict code of several; allowed when there are none."""
    return max(verdicts, key=VERDICTS.index, default="allowed")


# exclude_entry_id of an entry whose verdict is worked out just before it is written (bot.ledger.flagging.prepare):
# it is checked as recorded, and no entry has this id.
NOT_YET_WRITTEN = 0


@dataclass
class Proposal:
    """What is being checked: a meeting/document/inspection/report, from a message or an Entry."""

    kind: str | None  # meeting | document | inspection | report
    direction: str | None = None  # outgoing | incoming
    subtype: str | None = None
    title: str | None = None
    text: str = ""  # the raw message, for keyword triggers
    date: dt.date | None = None
    starts_at: dt.datetime | None = None
    duration_minutes: int | None = None
    scale: int | None = None  # number of people
    attendees_count: int | None = None  # number of units attending
    attendees_scope: str | None = None  # 乡镇, 村, 县直各单位 …
    unit_id: int | None = None
    unit_level: str | None = None  # county | town | department | village
    length_chars: int | None = None  # document length when known
    speech_minutes: int | None = None  # a leader's speech or main report
    remark_minutes: int | None = None  # one participant's remarks (发言)
    quantity: int = 1
    exclude_entry_id: int | None = None  # checking an existing entry: never match it against itself
    in_scope: bool | None = None  # an entry's: it counts in statistics (so in its quota) as the ledger counts it

    @property
    def effective_direction(self) -> str:
        """Plans asked about are ours to hold or issue unless the message says otherwise."""
        return self.direction or "outgoing"

    def haystack(self) -> str:
        """All free text the keyword triggers look at."""
        return " ".join(p for p in (self.text, self.title or "", self.subtype or "") if p)


@dataclass
class Finding:
    """One rule that applies, with the reason it applies in a short Chinese sentence."""

    list_key: str  # documents | meetings | inspections | a structured rule set key
    list_name: str  # display name as the deployment configured it
    item: str  # the item's stable id, e.g. "M04" or "R-NMD"
    text: str  # the rule text, verbatim from its source
    source: str
    verdict: str  # one of VERDICTS
    reason: str
    number: int | None = None  # position in its list, for "会议负面清单第4条"
    stated: bool = False  # found on a figure the question itself states (已经发满25件了): a fact, not a wording

    @property
    def citation(self) -> str:
        return f"{self.list_name}第{self.number}条" if self.number else self.list_name

    def to_flag(self) -> dict[str, object]:
        """The dict stored in Entry.flags."""
        return {
            "list": self.list_name,
            "item": self.item,
            "number": self.number,
            "text": self.text,
            "source": self.source,
            "verdict": self.verdict,
            "reason": self.reason,
        }


@dataclass
class Verdict:
    """The answer: the worst finding's verdict, every finding, and what was looked at."""

    verdict: str
    findings: list[Finding] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)  # names of the rule sets consulted
    notes: list[str] = field(default_factory=list)  # what could not be checked, and why

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]

    @property
    def blocking(self) -> list[Finding]:
        """Findings that change the answer (everything but 提醒)."""
        return [f for f in self.findings if f.verdict != "allowed"]

    @property
    def reminders(self) -> list[Finding]:
        return [f for f in self.findings if f.verdict == "allowed"]
