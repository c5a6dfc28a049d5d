"""handlers/quota.py: quotas are set by chat (“城关镇本年度发文额度设为10件”, admin only, every change kept as a
QuotaAdjustment) and from the org file's `quotas:` list (loading twice changes nothing); 数额分配 adjusts them
(“城关镇本年度发文额度增加5件，理由：……” needs an admin and keeps the reason); the rules engine then warns at
record time, and “城关镇发文额度还剩多少” shows limit, used and remaining."""

from __future__ import annotations

import copy

import pytest
import yaml
from sqlalchemy import func, select

from bot.rules.quotas import effective_limit
from bot.runtime import DEMO_ORG
from filing_support import act, intent
from storage import repo
from storage.db import Database
from storage.models import Member, Quota, QuotaAdjustment
from storage.seed import OrgFileError, load_org, load_org_file
from suite import NOW


def quota_of(runtime, unit: str, kind: str = "document", period: str = "year") -> Quota | None:
    with runtime.db.session() as s:
        quota = repo.quota_row(s, repo.unit_by_name(s, unit).id, kind, "outgoing", period, 2026)
        if quota is not None:
            s.expunge(quota)
        return quota


def limit_and_history(runtime, unit: str, kind: str = "document", period: str = "year"):
    """(limit in force, [(delta, reason, who, when)]) of the unit's 2026 outgoing quota."""
    with runtime.db.session() as s:
        quota = repo.quota_row(s, repo.unit_by_name(s, unit).id, kind, "outgoing", period, 2026)
        history = [(a.delta, a.reason, s.get(Member, a.approved_by).name, a.at)
                   for a in sorted(quota.adjustments, key=lambda a: a.id)]
        return effective_limit(quota), history


def test_admin_sets_a_new_quota_and_resets_it_with_the_history_kept(runtime, say):
    assert quota_of(runtime, "城关镇", "inspection") is None
    first = say("城关镇本年度督查检查额度设为5次", user="王五")
    assert first.intent == "quota", first.text
    assert first.text.startswith("已设定") and "5次" in first.text, first.text
    assert limit_and_history(runtime, "城关镇", "inspection") == (5, [(5, "设定额度", "王五", NOW)])

    again = say("城关镇本年度督查检查额度设为8次，理由：承担全县试点任务", user="王五")
    assert "由5次调为8次" in again.text and "承担全县试点任务" in again.text
    more = say("城关镇本年度督查检查额度增加2次，理由：迎接省级验收", user="王五")
    assert "由8次调为10次" in more.text
    same = say("城关镇本年度督查检查额度设为10次", user="王五")
    assert "未作调整" in same.text
    assert limit_and_history(runtime, "城关镇", "inspection") == (10, [
        (5, "设定额度", "王五", NOW), (3, "承担全县试点任务", "王五", NOW), (2, "迎接省级验收", "王五", NOW)])

    quarter = say("城关镇本季度发文额度设为5件", user="王五")
    assert "季度" in quarter.text and quota_of(runtime, "城关镇", "document", "quarter") is not None


def test_a_quota_set_by_chat_is_what_the_rules_count_against(runtime, say):
    """The item in question counts (issue 15 defect 3): the 8th record reaches 80 % and is reminded; a
    核查 counts the proposal on top of what is used; the record that goes over is flagged 需报备审批 and
    the reply says the quota needs adjusting."""
    set_reply = say("城关镇本年度发文额度设为10件", user="王五")
    assert set_reply.data["after"] == 10, set_reply.text
    for n in range(7):
        reply = say(f"11月{n + 1}日印发《关于第{n + 1}项工作的通知》")
        assert reply.intent == "record" and reply.entry_ids, reply.text
        assert "配额" not in reply.text, (n, reply.text)
    eighth = say("11月8日印发《关于第8项工作的通知》")
    assert "配额10件，连同本条已用8件（80%）" in eighth.text, eighth.text
    asked = say("今天能发个通知吗")
    assert asked.intent == "check", asked.text
    assert "配额10件，已用8件，加上此项为9件（90%）" in asked.text and "80%预警线" in asked.text, asked.text

    for n in range(8, 10):
        say(f"11月{n + 1}日印发《关于第{n + 1}项工作的通知》")
    over = say("今天印发《关于做好秋收工作的通知》")
    assert over.intent == "record" and over.entry_ids, over.text
    assert "配额10件，连同本条已用11件（110%），超出配额1件" in over.text and "调整数额" in over.text, over.text

    left = say("城关镇发文额度还剩多少")
    assert left.intent == "quota", left.text
    assert "额度10件，已用11件，已超出1件" in left.text, left.text
    assert left.data["quotas"] == [{"kind": "document", "direction": "outgoing", "period": "year",
                                    "limit": 10, "used": 11, "remaining": -1}]
    raised = say("城关镇本年度发文额度增加5件，理由：承担全县试点任务", user="王五")
    assert "由10件调为15件" in raised.text
    assert "额度15件，已用11件，剩余4件" in say("城关镇发文额度还剩多少").text


def test_show_lists_the_units_quotas_and_a_member_may_see_but_not_set(runtime, say):
    shown = say("查看额度")  # 张三, 城关镇: the demo quotas for documents and meetings
    assert shown.intent == "quota" and "城关镇2026年额度" in shown.text, shown.text
    assert {(q["kind"], q["limit"]) for q in shown.data["quotas"]} == {("document", 40), ("meeting", 30)}

    before = quota_of(runtime, "城关镇")
    for user in ("张三", "李四"):
        refused = say("城关镇本年度发文额度设为100件", user=user)
        assert refused.intent == "refused" and "系统管理员" in refused.text, refused.text
    assert limit_and_history(runtime, "城关镇") == (before.limit, [])
    other = say("查看青山镇额度")
    assert other.intent == "refused", other.text  # a member sees its own unit only

    none = say("县教育局督查检查额度还剩多少", user="王五")
    assert "尚未设定" in none.text and "设为" in none.text, none.text


def test_bad_limits_are_refused_without_a_change(runtime, say):
    for limit in (-1, 100_001, "许多", True):
        reply = act(runtime, "王五", intent("quota", args={"action": "set", "unit": "城关镇", "kind": "document",
                                                          "direction": "outgoing", "period": "year", "limit": limit}))
        assert "请说明额度数量" in reply.text, (limit, reply.text)
    assert limit_and_history(runtime, "城关镇") == (40, [])


# --- 数额分配: adjusting a quota by a number, with a reason ------------------------------------------

def add_quota(runtime, unit: str = "城关镇", limit: int = 30) -> int:
    """The unit's 2026 outgoing-document quota with base `limit` (the demo org file may already have one)."""
    with runtime.db.session() as s:
        unit_id = repo.unit_by_name(s, unit).id
        quota = repo.quota_row(s, unit_id, "document", "outgoing", "year", 2026)
        if quota is None:
            quota = Quota(unit_id=unit_id, kind="document", direction="outgoing", period="year", year=2026)
            s.add(quota)
        assert not quota.adjustments
        quota.limit = limit
        s.flush()
        return quota.id


def adjustments(runtime, quota_id: int) -> list[tuple[int, str, str | None, object]]:
    """(delta, reason, approver's name, when) of every adjustment of the quota."""
    with runtime.db.session() as s:
        rows = s.scalars(select(QuotaAdjustment).where(QuotaAdjustment.quota_id == quota_id)
                         .order_by(QuotaAdjustment.id))
        return [(a.delta, a.reason, s.get(Member, a.approved_by).name if a.approved_by else None, a.at)
                for a in rows]


def test_admin_adjusts_a_quota_with_a_reason(runtime, say):
    quota_id = add_quota(runtime)
    reply = say("城关镇本年度发文额度增加5件，理由：承办全省现场会", user="王五")
    assert reply.intent == "quota", reply.text
    assert "30件调为35件" in reply.text and "承办全省现场会" in reply.text
    assert adjustments(runtime, quota_id) == [(5, "承办全省现场会", "王五", NOW)]
    with runtime.db.session() as s:
        assert effective_limit(s.get(Quota, quota_id)) == 35  # what the rules engine counts against

    less = say("城关镇本年度发文额度减少2件，理由：任务调整", user="王五")
    assert "35件调为33件" in less.text
    assert [a[0] for a in adjustments(runtime, quota_id)] == [5, -2]


def test_quota_adjustment_needs_an_admin_a_reason_and_a_quota(runtime, say):
    quota_id = add_quota(runtime)
    refused = say("城关镇本年度发文额度增加5件，理由：承办全省现场会", user="李四")
    assert refused.intent == "refused" and "系统管理员" in refused.text
    no_reason = act(runtime, "王五", intent("quota", args={"unit": "城关镇", "kind": "document",
                                                          "direction": "outgoing", "period": "year", "delta": 5}))
    assert "须说明理由" in no_reason.text
    too_much = act(runtime, "王五", intent("quota", reason="压减", args={
        "unit": "城关镇", "kind": "document", "direction": "outgoing", "period": "year", "delta": -31}))
    assert "不能减少31件" in too_much.text
    assert adjustments(runtime, quota_id) == []
    unset = act(runtime, "王五", intent("quota", reason="试点", args={
        "unit": "青山镇", "kind": "document", "direction": "outgoing", "period": "quarter", "delta": 5}))
    assert "尚未设定" in unset.text and "设为" in unset.text  # says how to set one


# --- the org file's quotas: list ---------------------------------------------------------------

def quota_count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Quota.id)))


def test_demo_org_quotas_load_once_and_reloading_keeps_chat_changes(runtime, say, demo_db):
    demo_quotas = len(yaml.safe_load(DEMO_ORG.read_text(encoding="utf-8"))["quotas"])
    assert demo_quotas and quota_count(demo_db) == demo_quotas
    say("城关镇本年度发文额度设为45件，理由：承担全县试点任务", user="王五")
    with demo_db.session() as s:
        again = load_org_file(s, DEMO_ORG)
    assert again.quotas_added == 0 and not again.changed
    assert quota_count(demo_db) == demo_quotas
    assert limit_and_history(runtime, "城关镇")[0] == 45  # the file's 40 did not overwrite it
    with demo_db.session() as s:
        assert s.scalar(select(func.count(QuotaAdjustment.id))) == 1


def test_an_org_file_adds_only_the_quotas_missing(demo_db):
    spec = {"quotas": [{"unit": "城关镇", "kind": "report", "year": 2026, "limit": 12},
                       {"unit": "城关镇", "kind": "document", "direction": "outgoing", "period": "year",
                        "year": 2026, "limit": 99}]}
    with demo_db.session() as s:
        assert load_org(s, copy.deepcopy(spec)).quotas_added == 1  # the document quota exists: kept at 40
    with demo_db.session() as s:
        unit_id = repo.unit_by_name(s, "城关镇").id
        report = repo.quota_row(s, unit_id, "report", "outgoing", "year", 2026)
        assert (report.limit, report.period, report.direction) == (12, "year", "outgoing")
        assert repo.quota_row(s, unit_id, "document", "outgoing", "year", 2026).limit == 40
        assert load_org(s, copy.deepcopy(spec)).quotas_added == 0


@pytest.mark.parametrize(("entry", "message"), [
    ({"unit": "不存在镇", "kind": "document", "year": 2026, "limit": 5}, "不存在镇"),
    ({"kind": "document", "year": 2026, "limit": 5}, "单位"),
    ({"unit": "城关镇", "kind": "文件", "year": 2026, "limit": 5}, "kind"),
    ({"unit": "城关镇", "kind": "document", "direction": "out", "year": 2026, "limit": 5}, "direction"),
    ({"unit": "城关镇", "kind": "document", "period": "week", "year": 2026, "limit": 5}, "period"),
    ({"unit": "城关镇", "kind": "document", "limit": 5}, "year"),
    ({"unit": "城关镇", "kind": "document", "year": "2026年", "limit": 5}, "year"),
    ({"unit": "城关镇", "kind": "document", "year": 2026, "limit": -3}, "limit"),
    ({"unit": "城关镇", "kind": "document", "year": 2026, "limit": "40件"}, "limit"),
    ({"unit": "城关镇", "kind": "document", "year": 2026, "limit": 5, "limt": 6}, "limt"),
    ("城关镇 40", "映射"),
])
def test_bad_quota_entries_name_the_field(demo_db, entry, message):
    with demo_db.session() as s, pytest.raises(OrgFileError) as error:
        load_org(s, {"quotas": [entry]})
    assert "quotas[0]" in str(error.value) and message in str(error.value)


def test_a_quota_listed_twice_in_one_file_is_an_error(db):
    entry = {"unit": "示范县", "kind": "meeting", "year": 2026, "limit": 5}
    with db.session() as s, pytest.raises(OrgFileError, match=r"quotas\[1\].*重复"):
        load_org(s, {"units": [{"name": "示范县", "level": "county"}], "quotas": [entry, dict(entry)]})


@pytest.mark.parametrize("text, start, end, unit", [
    ("今年发文额度还剩几个", "2026-01-01", "2026-12-31", "year"),
    ("这个月发文配额还剩多少？", "2026-11-01", "2026-11-30", "month"),
    ("今年以来乡里发文多少件了？额度还剩几件", "2026-01-01", "2026-11-22", "year"),
    ("本季度督查检查额度用了多少", "2026-10-01", "2026-12-31", "quarter"),
    ("城关镇发文额度还剩多少", "2026-01-01", "2026-12-31", "year"),  # no time word: the quota's year
])
def test_asking_what_is_left_of_a_quota_is_a_question_for_figures(text, start, end, unit):
    """Design §4 knows no quota act: 还剩几个 asks for figures (intent query, the period it names, whose length is
    the quota's), answered from the quota; setting or adjusting one stays the admin's command."""
    from bot.nlu import parse

    got = parse(text, NOW)
    assert (got.intent, got.args.get("action")) == ("query", "show"), got
    assert (got.period.start.isoformat(), got.period.end.isoformat(), got.args["period"]) == (start, end, unit)
    assert parse("城关镇本年度发文额度设为40件", NOW).intent == "quota"


def test_a_quota_question_is_answered_with_the_quota_through_the_query_route(runtime, say):
    left = say("今年发文额度还剩几个")
    assert left.intent == "quota" and "城关镇2026年额度" in left.text and "额度40件" in left.text, left.text


def test_a_quota_added_elsewhere_counts_from_the_next_record(runtime, say):
    """Which quotas there are is read from a copy each process keeps by the quotas stamp (storage.repo.quota_keys):
    a quota another process adds changes the stamp in its own transaction, so the very next record counts it."""
    first = say("今天开展安全生产督查")
    assert first.intent == "record" and first.entry_ids and "配额" not in first.text, first.text
    elsewhere = Database(runtime.db.url)
    try:
        with elsewhere.session() as s:
            s.add(Quota(unit_id=repo.unit_by_name(s, "城关镇").id, kind="inspection", direction="outgoing",
                        period="year", year=2026, limit=2))
    finally:
        elsewhere.dispose()
    second = say("今天开展防汛督查")
    assert second.intent == "record" and "配额2次" in second.text, second.text
