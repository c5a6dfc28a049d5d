"""Rounds 67–68's check classes (phrasings written for the test, the batches' own marked).

能通过电话或书面交办的不开会 (M04) is about a meeting: one still convened beside the phone or the notice, or
convened only to tell (开个会说一下, 开个会布置一下), breaks it; the phone call or the group message instead is what it
asks for. A notice naming its matter deploys a specific task, whose cap is 4000 字. Others giving a meeting up
(县里都周四周五不开会了) do not give ours up, so the 无会日 still applies. A town's own file setting a town-wide
assessment (全镇性的…考核) is I10 at its level; a standard set above the county's (比县里标准更高) is I32. Grading on
the spot (当场给村里定个不合格) is I04; people with little to do with the meeting (跟党建关系不大) are 无关人员 (M11);
a meeting held in person where video would do (视频开完全可以，还要不要…集中到镇里开) is M08; two meetings on the
same thing in a week (两个培训会都是讲植保的，一周内开两次) are M14; a proposal put with 吧？ asks.
"""

from __future__ import annotations

import pytest
from check_support import verdict_of
from conftest import Say


@pytest.mark.parametrize("text", [
    "提醒各支部按时交党费，开个支部书记会说一下，可以吗",  # jiguan
    "就是通知各村报个春播面积，要不要专门开个会说一下",  # nongji
    "党员学习用书征订的事，开个会布置一下，行不行",  # jiguan
    "这事书面通知一下就行，乡长还是要开会，可以吗",
])
def test_a_meeting_only_to_tell_what_a_call_or_a_notice_would_is_m04(say: Say, text: str) -> None:
    verdict, items = verdict_of(say, text)
    assert verdict == "forbidden" and "M04" in items, (verdict, items)


@pytest.mark.parametrize("text", [
    "冷链项目征地的事，给柳塘村打个电话通知村民代表会的时间，可以吧",  # zhaoshang
    "项目用地的事在乡里工作群里通知各村，不开会，可以吧",  # zhaoshang
    "秋冬种的文件已经印发了，下周二还想开个会布置一下，可以吗",  # round 22: M13, not M04
])
def test_the_call_instead_of_a_meeting_is_no_m04(say: Say, text: str) -> None:
    verdict, items = verdict_of(say, text)
    assert "M04" not in items, (verdict, items)


@pytest.mark.parametrize("text", [
    "冷链项目征地的通知写了四千五百字，可以发吗",  # zhaoshang
    "这个文件写了4500字，是专门讲撂荒地整治的，能发吗",  # nongji
    "党费收缴的通知写了4600多字，是专项工作的，能发吗",  # feigong
])
def test_a_notice_naming_its_matter_is_capped_at_4000(say: Say, text: str) -> None:
    verdict, items = verdict_of(say, text)
    assert verdict == "discouraged" and "L-DOC-4000" in items, (verdict, items)


def test_others_giving_a_meeting_up_leave_ours_on_a_no_meeting_day(say: Say) -> None:
    verdict, items = verdict_of(say, "县里都周四周五不开会了，我们镇这周五开个小会行不行")  # nongji
    assert verdict == "discouraged" and "R-NMD" in items, (verdict, items)
    verdict, items = verdict_of(say, "周五的会就不开了，打电话说，可以吧")
    assert "R-NMD" not in items, (verdict, items)


@pytest.mark.parametrize(("text", "item"), [
    ("在站里发的文件里自己定一个全镇性的春耕考核，可以吗", "I10"),  # nongji
    ("想在党建办的通知里顺便规定一项全镇性的企业党建考核，可以吗？", "I10"),  # feigong
    ("想在督查里对企业党支部提出比县里标准更高的要求，每月必须开两次支委会，可以吗？", "I32"),  # feigong
    ("下村督导还没看完，就当场给村里定个不合格，可以吗", "I04"),  # zhaoshang
    ("去企业督导时看到问题，能不能现场直接给企业党建工作定个“不合格”？", "I04"),  # feigong
    ("推进会要求各社会组织的负责人都来，其中不少跟党建关系不大，可以吗？", "M11"),  # feigong
])
def test_forbidden_practices_named_in_other_words(say: Say, text: str, item: str) -> None:
    verdict, items = verdict_of(say, text)
    assert verdict == "forbidden" and item in items, (verdict, items)


@pytest.mark.parametrize(("text", "item"), [
    ("各企业党建指导员分散在各个园区，视频开完全可以，还要不要把大家集中到镇里开？", "M08"),  # feigong
    ("站里两个培训会都是讲植保的，一周内开两次，能不能", "M14"),  # nongji
])
def test_meetings_that_could_be_merged_or_held_by_video(say: Say, text: str, item: str) -> None:
    verdict, items = verdict_of(say, text)
    assert verdict == "discouraged" and item in items, (verdict, items)


@pytest.mark.parametrize("text", [
    "今天下午去物流园党支部调研，不开座谈会，只实地看看，可以吧？",  # feigong
    "督导撂荒地整治，事先跟村里说好时间，不要村里准备材料，可以吧",  # nongji
    "会都排在周一到周三，周四周五下村，这样排行吧",  # nongji
])
def test_plans_that_keep_the_rules_are_allowed(say: Say, text: str) -> None:
    verdict, items = verdict_of(say, text)
    assert verdict == "allowed" and not {"R-NMD", "I02", "I15"} & items, (verdict, items)
