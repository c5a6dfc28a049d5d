"""Issue 14, round 3 (batches 7–8): what the check got wrong on wording nobody wrote down, as mechanisms.

- a question whose words name no kind is judged by the facts it states or the rules' nearest examples,
- a unit named as partner or approver does not turn the question into a permission refusal,
- an undated proposal put as a statement gets the verdict and the question back, and is not recorded,
- a negated causative (不让…准备水果) complies, a stated head-count below an item's threshold rules it out,
  an item's own exception (除应急外) keeps the meaning from citing it.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from storage.models import Entry


def _entries(runtime) -> int:
    with runtime.db.session() as s:
        return s.scalar(select(func.count(Entry.id))) or 0


def _items(data: dict) -> set[str]:
    return {r["item"] for r in data["rules"]}


@pytest.mark.parametrize("text", [
    "每个乡镇发言5分钟，可以吗",  # a remark length: a meeting
    "县里的十五五中长期规划写了8000字，可以发吧",  # a length in characters: a document (中长期规划 excepted)
    "工作群晚上不发工作要求，第二天上班再处理，可以吗",  # nearest examples: the work-group rules
])
def test_a_question_naming_no_kind_is_judged_not_left_unknown(say, text):
    data = say(text).to_json()
    assert data["intent"] == "check"
    assert data["verdict"] == "allowed", data


@pytest.mark.parametrize(("text", "note"), [
    # a department above the town, named first, is the other party (the parser knows who speaks): no note needed
    ("县卫健局和我们联合开一个协同会，不各开各的，这样安排好不好", False),
    ("跟县卫健局联合开一个协同会，不各开各的，这样安排好不好", False),  # after 跟 it is the other party
])
def test_a_partner_unit_does_not_refuse_the_question(say, runtime, text, note):
    before = _entries(runtime)
    reply = say(text)
    assert reply.intent == "check" and reply.data["verdict"] == "allowed"
    assert ("已按本单位（城关镇）对照" in reply.text) is note
    assert _entries(runtime) == before


@pytest.mark.parametrize(("text", "item"), [
    ("会议室摆点鲜花水果招待检查组", "I22"),
    ("督查组进镇之前先让各村填5张表", "I02"),
])
def test_an_undated_proposal_put_as_a_statement_is_answered_and_asked_not_recorded(say, runtime, text, item):
    before = _entries(runtime)
    reply = say(text)
    assert reply.intent == "check"
    assert reply.data["ambiguous"] == ["record", "check"]
    assert reply.data["verdict"] == "forbidden" and item in _items(reply.data)
    assert "是要登记" in reply.text
    assert _entries(runtime) == before


def test_a_dated_or_past_statement_is_still_recorded(say, runtime):
    before = _entries(runtime)
    assert say("昨天会议室摆了鲜花水果招待检查组").intent == "record"
    assert _entries(runtime) == before + 1


@pytest.mark.parametrize("text", [
    "检查组自带茶水，不让学校准备水果点心，这样可以吧",
    "检查结束后只出问题清单，不让各村另外准备汇报材料，可以吗",
])
def test_a_negated_causative_complies(say, text):
    data = say(text).to_json()
    assert data["verdict"] == "allowed", data
    assert not _items(data) & {"I19", "I22"}


def test_a_stated_head_count_below_the_threshold_rules_the_item_out(say):
    small = say("县督查组来，开个十来人的座谈会，行吗").to_json()
    assert "I01" not in _items(small)
    big = say("县督查组来，开个50人的座谈会，行吗").to_json()
    assert "I01" in _items(big) and big["verdict"] == "forbidden"


def test_the_items_own_exception_keeps_meaning_from_citing_it(say):
    excepted = say("森林防火应急响应期间，值班人员用APP打卡签到，行吗").to_json()
    assert "I24" not in _items(excepted)
    routine = say("让村干部每天在APP上打卡签到，行吗").to_json()
    assert "I24" in _items(routine) and routine["verdict"] == "forbidden"


def test_a_wildfire_meeting_on_a_no_meeting_day_is_exempt(say):
    data = say("要是这周四山上着火，当天开个应急调度会，算违反无会日不").to_json()
    assert data["verdict"] == "allowed"
    assert [r for r in data["rules"] if r["item"] == "R-NMD"], "the rule is named as a reminder"
