"""Round 10 of issue 14 (phrasings written for the test, not copied from the blind batches):

- an inspection's plan under review (方案今天才报审, 还没送审, 没做方案审查) makes its 方案 and 通知 the
  inspection's paperwork: the question is about the inspection, and R-FILE-INSPECTION counts back from the
  notice; the day the plan went for review is not the day proposed;
- a review said not to be done applies the filing rule whatever the day;
- a meeting another body calls but asks us to prepare (让我们局筹备) is ours to organise: its scale is checked.
"""

from __future__ import annotations

import pytest
from check_support import verdict_of
from conftest import Say


@pytest.mark.parametrize("text", [
    "禁烧检查的方案今天才报审，检查通知明天就发，赶得上吗",
    "下周一就下村督查，方案前天才送审还没批，这样可以吗",
    "环境整治考核没做方案审查，通知能不能先发下去",
])
def test_an_inspection_whose_plan_review_is_late_or_missing_needs_approval(say: Say, text: str) -> None:
    verdict, items = verdict_of(say, text)
    assert verdict == "needs_approval" and "R-FILE-INSPECTION" in items, (verdict, items)


def test_an_inspection_whose_plan_was_reviewed_in_time_is_allowed(say: Say) -> None:
    verdict, items = verdict_of(say, "下个月去各村查防火，方案上周已经审查过了，可以吧")
    assert verdict == "allowed", (verdict, items)


def test_a_meeting_we_are_asked_to_prepare_is_checked_for_its_scale(say: Say) -> None:
    verdict, items = verdict_of(say, "县政府要开全县防汛大会，让我们筹备，想请300人，行不行", user="王五")
    assert verdict in ("discouraged", "forbidden") and any(i.startswith("L-ATT") for i in items), (verdict, items)


@pytest.mark.parametrize("text", [
    "全县秸秆禁烧会议方案今天才报，下周二就开，来得及吗",    # the meeting's plan: the meeting is the item
    "县应急管理局的全县会后天开，方案还没报，行不行",        # 应急局 names a unit: no emergency exemption
])
def test_a_wide_meeting_whose_plan_is_filed_late_needs_approval(say: Say, text: str) -> None:
    verdict, items = verdict_of(say, text, user="王五")
    assert verdict == "needs_approval" and "R-FILE-MEETING" in items, (verdict, items)


@pytest.mark.parametrize("text", ["全县的事打电话交代一下，不开会了，行吧", "这个通知就不发了，打电话说一下，可以吧"])
def test_giving_the_item_up_is_no_item_to_file_or_count(say: Say, text: str) -> None:
    verdict, items = verdict_of(say, text, user="王五")
    assert verdict == "allowed", (verdict, items)


@pytest.mark.parametrize(("text", "allowed"), [
    ("县里来检查，就1个人陪同，其他人照常上班，行吧", True),          # limited to one person
    ("县里来考核，分管副镇长陪同，书记镇长正常工作，可以吗", True),    # only the one in charge
    ("县里来检查，书记、镇长、分管的都要全程陪同，行吗", False),       # every layer, all the way
])
def test_who_escorts_an_inspection(say: Say, text: str, allowed: bool) -> None:
    verdict, items = verdict_of(say, text)
    assert (verdict == "allowed") == allowed and (allowed or "I05" in items), (verdict, items)


@pytest.mark.parametrize(("text", "refused"), [
    ("发文指标快用完了，这个通知改成便笺发下去，就不占指标了吧", True),   # says the evasion outright
    ("两个通知合到一起发，这样只算一件，行不", True),
    ("便函发的通知台账里也照常登记算一件，对吧", False),                   # counted as it should be
])
def test_a_question_that_says_the_evasion_outright_is_refused_whatever_it_resembles(say: Say, text: str,
                                                                                   refused: bool) -> None:
    verdict, items = verdict_of(say, text)
    assert ("D22" in items and verdict == "forbidden") is refused, (verdict, items)


@pytest.mark.parametrize("text", ["这期工作简报其实没啥内容，还照常发吗", "那个简报可发可不发，还印不印"])
def test_a_bulletin_of_our_own_to_issue_is_a_document(say: Say, text: str) -> None:
    verdict, items = verdict_of(say, text)
    assert verdict == "forbidden" and "D13" in items, (verdict, items)
