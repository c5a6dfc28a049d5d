"""Issue 9: every intent × every role × own/other unit — allowed or refused, and no refusal leaks data.

Actors: 成员 张三 and 管理员 李四 of 城关镇 (other unit: 青山镇); 审批人 孙七 and 系统管理员 郑十 of 县委办
(other unit: 城关镇, which the county office's approver covers). "Allowed" is judged by the effect in the
database (an event, a row, a binding), never by the wording; a refusal must change nothing, be one
line, and name no unit but the sender's own, nor anything of the other unit's entry.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from filing_support import act, add_people, intent, record_intent
from sqlalchemy import func, select

from storage import repo
from storage.models import BindRequest, Conversation, Entry, EntryEvent, Member, Quota, QuotaAdjustment, Unit

ACTORS = {"member": "张三", "manager": "李四", "approver": "孙七", "admin": "郑十"}
HOME = {"member": "城关镇", "manager": "城关镇", "approver": "县委办", "admin": "县委办"}
OTHER = {"member": "青山镇", "manager": "青山镇", "approver": "城关镇", "admin": "城关镇"}
# Who recorded the target entries of each unit (never the approver/admin themselves).
CREATOR = {"城关镇": "张三", "青山镇": "周八", "县委办": "王五"}
SECRET_TITLE = "机密议题甲乙丙"
SECRET_SCALE = 777
_LETTERS_ONLY = str.maketrans("0123456789", "ghijklmnop")
ALL_UNITS = ("示范县", "县委办", "城关镇", "青山镇", "白沙乡", "河口镇", "县教育局", "县卫健局", "县应急管理局")

T, F = True, False
# intent → (member own, member other, manager own, manager other, approver own, approver other, admin own, admin other)
EXPECTED: dict[str, tuple[bool, ...]] = {
    "record":       (T, F, T, F, T, F, T, T),
    "file":         (T, F, T, F, T, F, T, T),
    "query":        (T, F, T, F, T, F, T, T),
    "history":      (T, F, T, F, T, T, T, T),
    "correct":      (T, F, T, F, F, F, T, T),
    "undo":         (T, F, T, F, F, F, T, T),
    "archive":      (T, F, T, F, F, F, T, T),
    "refile":       (T, F, T, F, F, F, T, T),
    "approve":      (F, F, F, F, T, T, F, F),
    "reject":       (F, F, F, F, T, T, F, F),
    "admin":        (F, F, F, F, F, F, T, T),
    "quota":        (F, F, F, F, F, F, T, T),
    "bind_group":   (F, F, T, F, F, F, T, T),
    "bind_confirm": (F, F, T, F, F, F, T, T),
}
ROLES = ("member", "manager", "approver", "admin")
CASES = [
    (name, role, side, EXPECTED[name][2 * ROLES.index(role) + (side == "other")])
    for name, role, side in itertools.product(EXPECTED, ROLES, ("own", "other"))
]


@dataclass
class Case:
    run: Callable[[], object]
    effect: Callable[[], bool]


def _make_entry(runtime, unit_name: str, status: str, day: dt.date) -> int:
    with runtime.db.session() as s:
        unit = repo.unit_by_name(s, unit_name)
        creator = repo.members_named(s, CREATOR[unit_name], unit_name)[0]
        entry = repo.create_entry(
            s, creator, unit_id=unit.id, kind="meeting", direction="outgoing", title=SECRET_TITLE,
            occurs_on=day, scale=SECRET_SCALE, status=status, created_by=creator.id, quantity=1,
        )
        return entry.id


def _events(runtime, entry_id: int) -> int:
    with runtime.db.session() as s:
        return s.scalar(select(func.count(EntryEvent.id)).where(EntryEvent.entry_id == entry_id))


def _case(runtime, name: str, user: str, target: str) -> Case:
    today = runtime.clock.now().date()
    marker = uuid.uuid4().hex[:8].translate(_LETTERS_ONLY)  # no digits: a marker must never read as the secret 777
    if name in ("record", "file"):
        what = record_intent(today + dt.timedelta(days=10), title=f"测试会议{marker}", unit=target)
        what.intent = name
        what.text = f"{marker}：{target}召开测试会议"

        def made() -> bool:
            with runtime.db.session() as s:
                return bool(s.scalar(select(func.count(Entry.id)).where(Entry.title == f"测试会议{marker}")))

        return Case(lambda: act(runtime, user, what), made)
    if name == "query":
        reply_box: list = []
        return Case(lambda: reply_box.append(act(runtime, user, intent("query", unit=target, kind="meeting",
                                                                         direction="outgoing"))) or reply_box[0],
                    lambda: reply_box[0].intent == "query")
    if name in ("history", "correct", "undo", "archive", "refile", "approve", "reject"):
        status = {"approve": "filed", "reject": "filed", "archive": "approved"}.get(name, "recorded")
        day = today - dt.timedelta(days=2) if name == "archive" else today + dt.timedelta(days=8)
        entry_id = _make_entry(runtime, target, status, day)
        before = _events(runtime, entry_id)
        what = {
            "history": intent("history", entry_id=entry_id),
            "correct": intent("correct", entry_id=entry_id, changes={"scale": 50}),
            "undo": intent("undo", entry_id=entry_id),
            "archive": intent("archive", entry_id=entry_id, reason="纪要已归档"),
            "refile": intent("file", entry_id=entry_id),
            "approve": intent("approve", entry_id=entry_id),
            "reject": intent("reject", entry_id=entry_id, reason="规模过大"),
        }[name]
        if name == "history":
            box: list = []
            return Case(lambda: box.append(act(runtime, user, what)) or box[0],
                        lambda: box[0].intent == "history" and f"#{entry_id} 记录" in box[0].text)
        return Case(lambda: act(runtime, user, what), lambda: _events(runtime, entry_id) > before)
    if name == "admin":
        new_name = f"新人{marker}"
        what = intent("admin", args={"action": "add_member", "unit": target, "name": new_name, "role": "成员"})
        return Case(lambda: act(runtime, user, what), lambda: _member_status(runtime, new_name) == "active")
    if name == "quota":
        with runtime.db.session() as s:
            unit = repo.unit_by_name(s, target)
            quota = repo.quota_row(s, unit.id, "document", "outgoing", "year", today.year)
            if quota is None:
                quota = Quota(unit_id=unit.id, kind="document", direction="outgoing", period="year",
                              year=today.year, limit=30)
                s.add(quota)
                s.flush()
            quota_id = quota.id
        what = intent("quota", args={"unit": target, "kind": "document", "direction": "outgoing",
                                     "period": "year", "delta": 5}, reason="承办全省现场会")

        def adjusted() -> bool:
            with runtime.db.session() as s:
                return bool(s.scalar(select(func.count(QuotaAdjustment.id)).where(QuotaAdjustment.quota_id == quota_id)))

        return Case(lambda: act(runtime, user, what), adjusted)
    if name == "bind_group":
        with runtime.db.session() as s:
            conversation = Conversation(platform="wecom", external_id=f"chat-{marker}", title="新群")
            s.add(conversation)
            s.flush()
            conversation_id = conversation.id
        what = intent("bind", args={"target": "group", "unit": target})

        def bound() -> bool:
            with runtime.db.session() as s:
                found = s.get(Conversation, conversation_id)
                return found.unit_id == s.scalar(select(Unit.id).where(Unit.name == target))

        return Case(lambda: act(runtime, user, what, conversation_id=conversation_id), bound)
    if name == "bind_confirm":
        newcomer = f"新人{marker}"
        with runtime.db.session() as s:
            unit = repo.unit_by_name(s, target)
            s.add(BindRequest(unit_id=unit.id, name=newcomer, platform="wecom", external_id=f"u-{marker}"))
        what = intent("bind", args={"target": "confirm", "name": newcomer})
        return Case(lambda: act(runtime, user, what), lambda: _member_status(runtime, newcomer) == "active")
    raise AssertionError(name)


def _member_status(runtime, name: str) -> str | None:
    with runtime.db.session() as s:
        return s.scalar(select(Member.status).where(Member.name == name))


@pytest.fixture
def people(runtime):
    add_people(runtime)
    return runtime


def test_permission_matrix(people):
    """All cases in one database (fresh rows per case), every mismatch reported at once."""
    runtime = people
    problems = []
    for name, role, side, allowed in CASES:
        target = HOME[role] if side == "own" else OTHER[role]
        case = _case(runtime, name, ACTORS[role], target)
        reply = case.run()
        where = f"{name} by {role} on {side} unit ({target})"
        if case.effect() is not allowed:
            problems.append(f"{where}: expected {'allowed' if allowed else 'refused'}, got {reply.text!r}")
            continue
        if allowed:
            continue
        text = reply.text
        if not text or "\n" in text:
            problems.append(f"{where}: refusal must be one line: {text!r}")
        leaked = [u for u in ALL_UNITS if u in text and u != HOME[role]]
        secrets = [x for x in (SECRET_TITLE, str(SECRET_SCALE), "周八") if x in text]
        if role != "member" and "张三" in text:
            secrets.append("张三")
        if leaked or secrets:
            problems.append(f"{where}: refusal leaks {leaked + secrets}: {text}")
    assert len(CASES) == len(EXPECTED) * 8
    assert not problems, "\n".join(problems)


def test_refusal_for_unknown_and_unseen_entry_is_the_same(people):
    """An entry of another unit and an entry that does not exist get the same answer: nothing leaks."""
    runtime = people
    hidden = _make_entry(runtime, "青山镇", "recorded", runtime.clock.now().date())
    for name in ("history", "correct", "archive"):
        seen = act(runtime, "张三", intent(name, entry_id=hidden, changes={"scale": 1})).text
        missing = act(runtime, "张三", intent(name, entry_id=99999, changes={"scale": 1})).text
        assert seen.replace(str(hidden), "N") == missing.replace("99999", "N")


def test_member_may_not_change_a_colleagues_entry_but_the_manager_may(people):
    runtime = people
    with runtime.db.session() as s:
        unit = repo.unit_by_name(s, "城关镇")
        lisi = repo.members_named(s, "李四", "城关镇")[0]
        entry_id = repo.create_entry(s, lisi, unit_id=unit.id, kind="meeting", direction="outgoing",
                                     occurs_on=dt.date(2026, 11, 30), created_by=lisi.id, quantity=1).id
    refused = act(runtime, "张三", intent("correct", entry_id=entry_id, changes={"scale": 30}))
    assert refused.intent == "refused" and "不是您登记的" in refused.text
    assert act(runtime, "李四", intent("correct", entry_id=entry_id, changes={"scale": 30})).intent == "correct"
    # the member still reads it: same unit
    assert act(runtime, "张三", intent("history", entry_id=entry_id)).intent == "history"


def test_town_approver_covers_only_its_own_subtree(people):
    """An approver outside the county offices approves its own unit and below, not its peers."""
    runtime = people
    from storage.seed import load_org

    with runtime.db.session() as s:
        load_org(s, {"units": [{"name": "东关村", "level": "village", "parent": "城关镇"}],
                     "members": [{"unit": "城关镇", "name": "钱一", "roles": ["approver"]}]})
    village = _make_entry_for(runtime, "东关村", "filed")
    peer = _make_entry(runtime, "青山镇", "filed", dt.date(2026, 12, 1))
    assert act(runtime, "钱一", intent("approve", entry_id=village)).intent == "approve"
    refused = act(runtime, "钱一", intent("approve", entry_id=peer))
    assert refused.intent == "refused" and "青山镇" not in refused.text


def _make_entry_for(runtime, unit_name: str, status: str) -> int:
    with runtime.db.session() as s:
        unit = repo.unit_by_name(s, unit_name)
        zhang = repo.members_named(s, "张三", "城关镇")[0]
        return repo.create_entry(s, zhang, unit_id=unit.id, kind="meeting", direction="outgoing",
                                 occurs_on=dt.date(2026, 12, 1), status=status, created_by=zhang.id,
                                 quantity=1).id
