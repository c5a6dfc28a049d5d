"""Issue 15 defect 5: 撤回 of a filed or approved entry asks first; approvers list what waits for them
(待审批); “#49 审批了吗” says where a filing stands. NOW is Sunday 2026-11-22; 下周二 is 2026-11-24."""

from __future__ import annotations

from filing_support import add_people, pushes
from sqlalchemy import select

from storage.models import Entry

FILING = "报备：下周二召开全县安全生产工作会议，80人，2小时"


def status(runtime, entry_id: int) -> str:
    with runtime.db.session() as s:
        return s.get(Entry, entry_id).status


def filed(say, text: str = FILING, user: str = "张三") -> int:
    reply = say(text, user=user)
    assert reply.intent == "file", reply.text
    return reply.entry_ids[0]


def test_withdrawing_a_filing_asks_and_a_second_message_confirms(runtime, say):
    entry_id = filed(say)
    asked = say(f"撤回 #{entry_id}")
    assert asked.intent == "undo" and "确认撤回" in asked.text and "正待审批" in asked.text
    assert status(runtime, entry_id) == "filed"  # nothing voided before the confirmation
    done = say("确认撤回")
    assert done.intent == "confirm" and f"已撤回 #{entry_id}" in done.text
    assert status(runtime, entry_id) == "voided"
    # the approvers' group, told of the filing, is told it is withdrawn
    told = pushes(runtime, f"filing:{entry_id}:withdrawn:")
    assert {p.target for p in told} == {"县委办"} and "无需再审批" in told[0].payload["text"]


def test_an_unconfirmed_withdrawal_changes_nothing(runtime, say):
    entry_id = filed(say)
    say("撤回")  # the sender's latest entry: the filing
    assert "未找到" not in say("本月开了几次会").text  # any other message drops the question
    assert say("确认").text.startswith("没有待确认的撤回")
    assert status(runtime, entry_id) == "filed"


def test_an_approved_entry_is_withdrawn_only_on_confirmation(runtime, say):
    entry_id = filed(say)
    assert "已同意" in say(f"同意 #{entry_id}", user="王五").text
    asked = say(f"撤销 #{entry_id}")
    assert "报备已获同意" in asked.text and status(runtime, entry_id) == "approved"
    assert "已撤回" in say(f"确认撤回 #{entry_id}").text and status(runtime, entry_id) == "voided"


def test_a_plain_record_is_still_voided_at_once(runtime, say):
    entry_id = say("明天开会，3个乡镇参加").entry_ids[0]
    assert "已撤销" in say("撤回").text and status(runtime, entry_id) == "voided"


def test_approvers_list_what_waits_for_them(runtime, say):
    add_people(runtime)
    first = filed(say)
    second = filed(say, "报备：下周三召开全镇防汛工作会议，50人，1小时", user="李四")
    for question in ("待审批", "有哪些待审批的"):
        listed = say(question, user="王五")
        assert listed.intent == "approvals" and "待您审批的报备（2项）" in listed.text, listed.text
        assert listed.entry_ids == [first, second] and "张三报备" in listed.text and "同意 #编号" in listed.text
    say(f"同意 #{first}", user="王五")
    assert say("待审批", user="钱七").entry_ids == [second]
    # a filer sees their unit's filings still waiting, not an approver's queue
    mine = say("待审批", user="张三")
    assert "本单位待审批的报备（1项）" in mine.text and mine.entry_ids == [second]


def test_the_state_of_one_filing(runtime, say):
    entry_id = filed(say)
    waiting = say(f"#{entry_id} 审批了吗")
    assert waiting.intent == "approvals" and "尚待审批" in waiting.text and "王五" in waiting.text
    assert status(runtime, entry_id) == "filed"  # a question, never an approval
    assert say(f"#{entry_id} 通过了吗", user="王五").intent == "approvals"
    assert status(runtime, entry_id) == "filed"
    say(f"不同意 #{entry_id} 理由：与全县调度会合并召开", user="王五")
    rejected = say(f"#{entry_id} 审批了吗")
    assert "未同意" in rejected.text and "王五" in rejected.text and "与全县调度会合并召开" in rejected.text
    with runtime.db.session() as s:
        assert s.scalar(select(Entry.status).where(Entry.id == entry_id)) == "rejected"
