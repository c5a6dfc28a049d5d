"""Round 14 (phrasings written for the test, not copied from the blind batches): photos taken and sent to the
group (拍个照发群里) are I26's uploads; a ranking done to those below (能不能搞个排名通报) is asked about, not
looked up; a meeting proposed for some day before a deadline is not judged as held on the deadline's day; a
routine 防汛 meeting is no emergency (出险, 汛情 say one is happening).
"""

from __future__ import annotations

import pytest
from check_support import verdict_of
from conftest import Say


@pytest.mark.parametrize("text", [
    "检查完让各村拍个照发群里 行吗",
    "督导时要求各学校拍照传到群里，可以吗",
])
def test_photos_sent_to_the_group_are_uploads(say: Say, text: str) -> None:
    verdict, items = verdict_of(say, text)
    assert verdict == "forbidden" and "I26" in items, (verdict, items)


def test_a_ranking_proposed_is_checked(say: Say) -> None:
    verdict, items = verdict_of(say, "党建考核能不能搞个排名通报")
    assert verdict == "forbidden", (verdict, items)


def test_a_meeting_before_a_deadline_is_not_held_on_it(say: Say) -> None:
    # 2026-12-03 (the fixture's today) is a Thursday: 周四前 leaves the day open, so no 无会日 refusal
    verdict, items = verdict_of(say, "周四前开个安全生产会，行吗")
    assert "R-NMD" not in items, (verdict, items)
    verdict, items = verdict_of(say, "下周四开个安全生产会，行吗")
    assert "R-NMD" in items, (verdict, items)


def test_a_routine_flood_meeting_is_no_emergency(say: Say) -> None:
    verdict, items = verdict_of(say, "下周四开个防汛工作会，行吗")
    assert verdict == "discouraged" and "R-NMD" in items, (verdict, items)
    verdict, _ = verdict_of(say, "河堤出险了，下周四连夜召集人员开会，行吗")
    assert verdict == "allowed"


def test_a_no_meeting_day_named_is_a_fact_whatever_the_wording_resembles(say: Say) -> None:
    # 2026-12-11 is a Friday: the bank's complying examples (推进会原定周四，改到下周二开) share words, not the day
    verdict, items = verdict_of(say, "12.11开人居环境推进会可以吗")
    assert verdict == "discouraged" and "R-NMD" in items, (verdict, items)
    verdict, items = verdict_of(say, "人居环境推进会原定周四，改到下周二开，行吗")
    assert "R-NMD" not in items, (verdict, items)
