"""Round 5 of issue 14: what a check proposes, read from the whole message (phrasings written for the test).

- the county office (schedules.yaml `county_office`) convenes for the 县委/县政府: its 全县性 meetings are held
  to the county's head-count limit (150), a department's own to its system's (80);
- the count of what is proposed (再发一件), not the sum of every number the message states;
- a stated quota that is not used up, or a year below the last, is no 配额已满;
- neighbouring digits (八九个) are about the lower, not 89;
- a year's or month's edge (年底, 下月初) and the 无会日's own weekdays (周四周五无会日) name no day proposed;
- emergencies and upper-level times as the sources say (紧急交办, 县委定在…, 收看, 人大会议, 中毒).
"""

from __future__ import annotations

import check_support
from conftest import Say


def verdict_of(say: Say, text: str, user: str = "王五") -> tuple[str, set[str]]:
    return check_support.verdict_of(say, text, user)


def test_the_county_office_is_held_to_the_county_limit(say: Say) -> None:
    verdict, items = verdict_of(say, "全县性的工作会议，120人，开一个半小时，可以吧")
    assert "L-ATT-DEPT" not in items and "L-ATT-COUNTY" not in items
    verdict, items = verdict_of(say, "全县性的工作会议，180人，可以吧")
    assert verdict == "discouraged" and "L-ATT-COUNTY" in items


def test_a_department_is_held_to_its_system_limit(runtime, say: Say) -> None:
    from storage.models import Member, Unit
    with runtime.db.session() as session:
        unit = session.query(Unit).filter_by(name="县教育局").one()
        session.add(Member(unit_id=unit.id, name="孙八", roles="member"))
    verdict, items = verdict_of(say, "全县教育系统工作会议，120人，可以吧", user="孙八")
    assert verdict == "discouraged" and "L-ATT-DEPT" in items


def test_the_count_proposed_is_the_one_after_zai_not_the_sum(say: Say) -> None:
    verdict, items = verdict_of(say, "发文配额60件，已经用了20件，再发一件行不行")
    assert verdict == "allowed" and "R-QUOTA" not in items, items


def test_a_year_below_the_last_is_no_quota_used_up(say: Say) -> None:
    _, items = verdict_of(say, "今年发文比去年少了一截，下周再发一个计划内的通知，没问题吧")
    assert "R-QUOTA" not in items and "R-ANNUAL" not in items


def test_neighbouring_digits_are_about_the_lower() -> None:
    from bot.nlu.counts import extract_counts
    assert extract_counts("开了两三个会").quantity == 2
    assert extract_counts("收文七八件").quantity == 7


def test_an_edge_of_the_year_is_no_day_for_the_no_meeting_day(say: Say) -> None:
    _, items = verdict_of(say, "年底几个总结会合成一个开，行吗")  # 12-31-2026 is a Thursday
    assert "R-NMD" not in items


def test_the_no_meeting_days_named_as_the_rule_are_not_the_day_proposed(say: Say) -> None:
    _, items = verdict_of(say, "周四周五是无会日，那我们下周一上午开个班子会，没问题吧")
    assert "R-NMD" not in items


def test_upper_times_and_emergencies_are_exempt_as_the_sources_say(say: Say) -> None:
    for text in ("县委定在下周四开视频会，乡里组织班子收看，行吧",
                 "县里紧急交办的任务，下周五要开个会落实，行吗",
                 "学校出了食物中毒，下周四要紧急召集相关学校开会处置，可以吗"):
        reply = say(text, user="王五")
        assert reply.intent == "check" and "无会日" in reply.text, (text, reply.text)
        assert "可不受此限" in reply.text and "为无会日，原则上不安排会议" not in reply.text, (text, reply.text)


def test_a_routine_meeting_on_a_no_meeting_day_is_still_discouraged(say: Say) -> None:
    verdict, items = verdict_of(say, "下周四开个安全生产例会，行吗")
    assert verdict == "discouraged" and "R-NMD" in items


def test_a_plan_said_to_be_filed_in_time_is_a_reminder_only(say: Say) -> None:
    for text in ("下下周三开全县工作会议，方案上个月就报备过了，可以开吧",
                 "下下周三开全县工作会议，今天就把方案报备，来得及吧"):
        verdict, items = verdict_of(say, text)
        assert verdict == "allowed", (text, items)


def test_a_plan_not_filed_for_a_day_too_near_needs_approval(say: Say) -> None:
    verdict, items = verdict_of(say, "明天开全县工作会议，方案还没报备，可以吗")
    assert verdict == "needs_approval" and "R-FILE-MEETING" in items


def test_measures_said_in_plain_words(say: Say) -> None:
    cases = {
        "每个村发言一刻钟，行不": "L-REMARK",                      # 一刻钟 = 15 minutes
        "这个专项方案写了四千五百来字，发下去行不行": "L-DOC-4000",   # 来 keeps the base
        "全县大会安排两位领导讲话，每人45分钟，可以吧": "L-SPEECH-WIDE",
        "全县会议本来80人，领导说各村支书也来，加起来200多人，行不行": "L-ATT-COUNTY",  # the figure that stands
    }
    for text, item in cases.items():
        verdict, items = verdict_of(say, text)
        assert verdict != "allowed" and item in items, (text, items)


def test_a_whole_day_without_deliberation_is_over_half_a_day(say: Say) -> None:
    verdict, items = verdict_of(say, "开一整天的业务培训会，上午讲课下午分组讨论，没有审议事项，可以吗")
    assert verdict == "discouraged" and "L-LEN-HALFDAY" in items
    verdict, items = verdict_of(say, "开两天的会，审议年度预算，可以吗")
    assert "L-LEN-HALFDAY" not in items


def test_a_stated_length_over_the_limit_is_a_fact_the_meaning_does_not_drop(say: Say) -> None:
    verdict, items = verdict_of(say, "综合性的年度工作意见写了五千字，不是中长期规划，能印发吗")
    assert verdict == "forbidden" and "D12" in items
    verdict, items = verdict_of(say, "全县中长期发展规划写了九千字，能发吗")
    assert "D12" not in items


def test_a_bulletin_of_our_own_with_nothing_in_it(say: Say) -> None:
    # 发不发 proposes issuing it (tokens read A否A as A), which the complying 不发 contradicts
    verdict, items = verdict_of(say, "这期简报其实没什么内容，凑了两条动态，还发不发")
    assert verdict == "forbidden" and "D13" in items, items
