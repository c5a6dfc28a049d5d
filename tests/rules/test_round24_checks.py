"""Round 24 (phrasings written for the test): a meeting said to be one the law requires (法定要开的, 职工代表大会, the
full name of 职代会) is exempt from the no-meeting day, as config/rules.yaml lists the statutory meetings."""

from __future__ import annotations

import pytest
from check_support import verdict_of
from conftest import Say


@pytest.mark.parametrize("text", [
    "局里职工代表大会是法定要开的，定在下周四，可以吧？",
    "这个会是法定必须开的，定在下周四，行吗？",
])
def test_a_statutory_meeting_on_the_no_meeting_day(say: Say, text: str) -> None:
    verdict, items = verdict_of(say, text)
    assert verdict == "allowed", (text, verdict, items)  # R-NMD is cited with the exemption that lets it be held
    verdict, items = verdict_of(say, "局里业务培训会定在下周四，可以吧？")
    assert verdict == "discouraged" and "R-NMD" in items, (verdict, items)
