"""The labelled language data in tests/data, shared by the nlu tests: the demo lexicon and messages.tsv.

The TSV's conventions are described in tests/nlu/test_messages.py, which measures the parser against it.
"""

from __future__ import annotations

import datetime as dt
import json

import yaml
from dataclasses import dataclass

from bot.channels.mentions import strip_mentions
from bot.nlu import Intent, Lexicon, Speaker
from bot.runtime import DEMO_ORG
from bot.scheduler.config import load_config
from paths import DATA

DEFAULT_NOW = dt.datetime.fromisoformat("2026-11-22T10:00:00+08:00")


def demo_lexicon() -> Lexicon:
    units = json.loads((DATA / "nlu_lexicon.json").read_text(encoding="utf-8"))["units"]
    levels = _demo_levels()
    return Lexicon.from_units([(name, aliases, levels[name]) for name, aliases in units.items()],
                              load_config().organiser_level)


def _demo_levels() -> dict[str, str]:
    """Each demo unit's level, from the demo org file itself."""
    org = yaml.safe_load(DEMO_ORG.read_text(encoding="utf-8"))
    return {unit["name"]: unit["level"] for unit in org["units"]}


def demo_speaker(unit: str) -> Speaker:
    """A sender of `unit` (name or alias) as the dispatcher describes it: its organiser level (the county
    office speaks for the county, schedules.yaml `county_office`)."""
    name = demo_lexicon().units.get(unit) or demo_lexicon().units.get(unit.removeprefix("县"), unit)
    level = _demo_levels().get(name)
    if level == "department" and load_config().is_county_office(name):
        level = "county"
    return Speaker(name, level)


@dataclass(frozen=True)
class Row:
    line: int
    text: str
    now: dt.datetime
    expected: dict[str, str]


def load_rows() -> list[Row]:
    lines = (DATA / "messages.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = dict(zip(header, line.split("\t"), strict=False))
        rows.append(Row(
            line=number,
            # as received in a chat; the parser gets it from the channel, @-mentions stripped
            text=strip_mentions(cells.pop("text").replace("\\n", "\n")),
            now=dt.datetime.fromisoformat(cells.pop("now")) if cells.get("now") else DEFAULT_NOW,
            expected=cells,
        ))
    return rows


def contract_without_text(intent: Intent) -> dict[str, object]:
    """The design §4 fields of an Intent, its text left out (to compare two parses of different texts)."""
    out = intent.to_json()
    out.pop("text")
    return out
