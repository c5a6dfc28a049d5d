"""The statistics phrasings the parser must understand (issue 7), checked against the real parser.

Each case states the Intent fields the statistics handlers rely on (tests/support/stats_scenario.py PHRASES);
subtypes are compared by group (党委 = 党委发文) and the ranking level by meaning (乡镇 = town).
"""

from __future__ import annotations

import pytest

from bot.labels import level_of
from bot.nlu import Lexicon, parse
from bot.stats.measures import group_key
from suite import NOW
from stats_scenario import PHRASES

LEXICON = Lexicon.from_units([
    ("示范县", []), ("县委办", ["县委办公室"]), ("城关镇", []), ("青山镇", []), ("白沙乡", []), ("河口镇", []),
    ("县教育局", ["教育局"]), ("县卫健局", ["卫健局"]), ("县应急管理局", ["应急局"]),
])


@pytest.mark.parametrize("text", sorted(PHRASES))
def test_parser_understands_statistics_phrasing(text):
    want = PHRASES[text]
    got = parse(text, NOW, LEXICON)
    assert got.intent == want["intent"], got.to_json()
    for key in ("kind", "direction", "compare", "unit"):
        assert getattr(got, key) == want.get(key), (key, got.to_json())
    if want.get("kind"):
        assert group_key(want["kind"], got.subtype) == group_key(want["kind"], want.get("subtype")), got.to_json()
    period = want["period"]
    assert got.period is not None and (got.period.start, got.period.end) == (period.start, period.end), got.to_json()
    if want.get("group_by"):
        assert got.group_by == "unit", got.to_json()
        assert level_of((got.args or {}).get("scope_level")) == level_of(want["args"]["scope_level"]), got.to_json()
