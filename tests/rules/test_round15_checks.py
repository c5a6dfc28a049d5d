"""Round 15 (phrasings written for the test): a county-wide meeting whose plan is not yet filed (方案还没报两办,
今天才把方案报县委办) is asked about as the meeting, and its lead time is counted to the meeting's day — not to the
day the plan was filed, which is no day of the item (方案今天就报县委办审).
"""

from __future__ import annotations

import pytest
from check_support import verdict_of
from conftest import Say


@pytest.mark.parametrize("text", [
    "全县性的安全生产会后天开，方案还没报两办，能开吗？",
    "全县性的医疗安全会，方案还没报县委办备案，后天就开，行不行？",
    "全县性会议下周一开，今天才把方案报县委办，来得及吗？",
])
def test_a_wide_meeting_filed_late_needs_approval(say: Say, text: str) -> None:
    # the fixture's today is Thursday 2026-12-03: 后天 is Saturday, 下周一 two working days ahead
    verdict, items = verdict_of(say, text, user="王五")
    assert verdict == "needs_approval" and "R-FILE-MEETING" in items, (verdict, items)


def test_the_day_a_plan_is_filed_is_not_the_items_day(say: Say) -> None:
    verdict, items = verdict_of(say, "下月的督查方案今天就报县委办审 到时候再发通知 没问题吧", user="王五")
    assert verdict == "allowed", (verdict, items)
