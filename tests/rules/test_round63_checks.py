"""Round 63 onward (phrasings written for the test, the batches' own marked): a question about the filing itself
(方案要不要提前报县委办, 检查方案需要提前报吗) is answered that it must be filed, not with a reminder beside a "可以";
days left told (离开会只剩3个工作日了才报方案) fewer than the rule's are late; a plan said filed, or a meeting asked
about with nothing said of its plan, keeps the reminder; a planned flood meeting (防汛总结会) is filed like any other,
only one called at short notice (会商, 调度) is exempt.
"""

from __future__ import annotations

import pytest
from check_support import verdict_of
from conftest import Say


@pytest.mark.parametrize(("text", "item"), [
    ("全县职业病防治工作会下个月开，方案要提前报县委办吗？", "R-FILE-MEETING"),  # zhiye
    ("下周三去青山镇石材厂检查，检查方案需要提前报吗？", "R-FILE-INSPECTION"),  # anjian
    ("下周二的全县推进会，方案要不要提前报县委办", "R-FILE-MEETING"),
    ("全县民办学校安全工作会在年度计划里，下周开，要提前报什么吗", "R-FILE-MEETING"),  # minban
])
def test_the_filing_asked_about_must_be_done(say: Say, text: str, item: str) -> None:
    verdict, items = verdict_of(say, text, user="王五")
    assert verdict == "needs_approval" and item in items, (verdict, items)


@pytest.mark.parametrize(("text", "item"), [
    ("计划里的全县会，离开会只剩3个工作日了才报方案，可以吗", "R-FILE-MEETING"),  # caiwu
    ("下个月的检查方案提前两天才报审，赶得上吗", "R-FILE-INSPECTION"),  # anjian
])
def test_days_left_told_fewer_than_the_rule_asks_are_late(say: Say, text: str, item: str) -> None:
    verdict, items = verdict_of(say, text, user="王五")
    assert verdict == "needs_approval" and item in items, (verdict, items)


@pytest.mark.parametrize("text", [
    "下个月召开全县安全工作会，可以吗",
    "全县安全工作会的方案已经报备了，下周开可以吗",
    "全县安全工作会方案已经报了，还要再报一次吗",
    "全县安全工作会方案提前十个工作日报了，可以吗",
])
def test_a_plan_said_filed_or_not_mentioned_keeps_the_reminder(say: Say, text: str) -> None:
    verdict, items = verdict_of(say, text, user="王五")
    assert verdict == "allowed" and "R-FILE-MEETING" in items, (verdict, items)


def test_a_planned_flood_meeting_is_filed_like_any_other(say: Say) -> None:
    verdict, items = verdict_of(say, "全县防汛总结会在年度计划里，定在下周二开，方案还没报，能开吗", user="王五")  # yjbgs
    assert verdict == "needs_approval" and "R-FILE-MEETING" in items, (verdict, items)


def test_a_flood_meeting_called_at_short_notice_is_not(say: Say) -> None:
    _, items = verdict_of(say, "全县防汛会商会下周二开，可以吗", user="王五")
    assert "R-FILE-MEETING" not in items, items
