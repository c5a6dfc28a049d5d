"""Round 7 of issue 14 (phrasings written for the test, not copied from the blind batches):

- 可发可不发 / 可开可不开 is an idiom ("optional"): its 不 denies nothing, so it does not read as the complying
  "不发" of 没有实质内容的不发;
- a proposal that restricts or forgoes something (只派一个人, 不另…, 现成的, 控制在…以内) is not refused on a
  violating example that is only moderately near;
- 事前报备 of an inspection counts back from its notice (rules.yaml `before: notice`), so a near day alone is
  no lateness; a plan said reviewed (已按程序审查) is filed;
- beside a day proposed, a year's edge (年底…的事) is the topic's time, not the meeting's.
"""

from __future__ import annotations

import pytest
from check_support import verdict_of
from conftest import Say


@pytest.mark.parametrize("text", [
    "这期信息简报没什么东西，可发可不发，发不发",
    "这个通知其实可发可不发，内容也空，要发吗",
])
def test_an_optional_document_with_no_content_is_refused(say: Say, text: str) -> None:
    verdict, items = verdict_of(say, text)
    assert verdict == "forbidden" and "D13" in items, (verdict, items)


def test_a_document_with_no_content_not_issued_is_allowed(say: Say) -> None:
    verdict, _ = verdict_of(say, "这期信息简报没什么东西，就不发了，可以吧")
    assert verdict == "allowed"


@pytest.mark.parametrize("text", [
    "上面来检查，镇里只派一个分管领导陪同，其他人照常上班，可以吧",
    "检查组要汇报材料，把现成的年度总结给他们，不另写，行吧",
    "会上每个村发言控制在三分钟以内，可以吧",
])
def test_a_proposal_that_restricts_or_forgoes_is_allowed(say: Say, text: str) -> None:
    verdict, items = verdict_of(say, text)
    assert verdict == "allowed", (verdict, items)


def test_a_near_inspection_day_alone_is_no_late_filing(say: Say) -> None:
    verdict, items = verdict_of(say, "明天去各村检查秸秆禁烧，可以吧")
    assert verdict == "allowed" and "R-FILE-INSPECTION" in items  # a reminder, cited


def test_an_inspection_plan_still_to_be_reviewed_before_a_near_day_is_late(say: Say) -> None:
    verdict, items = verdict_of(say, "后天去各村督查禁烧，方案今天才报审，来得及吗")
    assert verdict == "needs_approval" and "R-FILE-INSPECTION" in items


def test_a_plan_said_reviewed_by_procedure_is_filed(say: Say) -> None:
    verdict, _ = verdict_of(say, "下周去各村考核，年度计划内的，方案已按程序审查，行吧")
    assert verdict == "allowed"


def test_a_year_edge_beside_a_weekday_is_the_topic_not_the_day(say: Say) -> None:
    # 2026-12-31 (年底) is a Thursday, a 无会日; the meeting proposed is on a Monday.
    _, items = verdict_of(say, "年底前要清欠农民工工资，下周一开个调度会，行吗")
    assert "R-NMD" not in items


@pytest.mark.parametrize("text", [
    "周五突降冻雨，几个村断电，下午临时开个灾害调度会，可以吧",   # an emergency is neither unplanned (M01)…
    "县里紧急交办一项任务，周四当天开会部署，可以开吗",             # …nor a matter for a phone call (M04)
    "化工厂泄漏了，周四马上开会处置，行吧",
])
def test_an_emergency_meeting_is_exempt_as_the_sources_say(say: Say, text: str) -> None:
    verdict, items = verdict_of(say, text)
    assert verdict == "allowed" and not {"M01", "M04"} & items, (verdict, items)


def test_a_routine_meeting_added_at_short_notice_is_still_unplanned(say: Say) -> None:
    verdict, items = verdict_of(say, "下周二临时开个表彰会，行吗")
    assert verdict == "needs_approval" and "M01" in items
