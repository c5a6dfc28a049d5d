"""Structured rules at their boundaries, with a real SQLite ledger for the ledger-aware ones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bot.calendar import period_bounds, work_calendar
from bot.rules import Proposal, RuleStore, Verdict, evaluate
from bot.rules.nomeeting import week_of_month
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Baseline, Entry, Quota, QuotaAdjustment, Unit

TODAY = dt.date(2026, 11, 22)  # a Sunday
WED, THU, FRI = dt.date(2026, 11, 25), dt.date(2026, 11, 26), dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def book():  # type: ignore[no-untyped-def]
    return RuleStore().current()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database("sqlite:///" + str(tmp_path / "t.db"))
    upgrade(database)
    yield database
    database.dispose()


@pytest.fixture
def units(db: Database) -> dict[str, int]:
    with db.session() as s:
        county = Unit(name="示范县", level="county")
        s.add(county)
        s.flush()
        town = Unit(name="城关镇", level="town", parent_id=county.id)
        dept = Unit(name="县教育局", level="department", parent_id=county.id)
        s.add_all([town, dept])
        s.flush()
        return {"county": county.id, "town": town.id, "department": dept.id}


def meeting(text: str = "开个会", **kw: object) -> Proposal:
    return Proposal(kind="meeting", direction=kw.pop("direction", "outgoing"), text=text, **kw)  # type: ignore[arg-type]


def ids(verdict: Verdict) -> set[str]:
    return {f.item for f in verdict.findings}


def run(book, proposal: Proposal, db: Database | None = None) -> Verdict:  # type: ignore[no-untyped-def]
    if db is None:
        return evaluate(proposal, book, None, TODAY)
    with db.session() as session:
        return evaluate(proposal, book, session, TODAY)


# --- limits: the first unit over is flagged -----------------------------------------------------

@pytest.mark.parametrize(("field", "ok", "over", "item", "text", "level"), [
    ("duration_minutes", 120, 121, "L-LEN-WIDE", "全县工作会议", "county"),
    ("duration_minutes", 240, 241, "L-LEN-HALFDAY", "镇里开个推进会", "town"),
    ("scale", 150, 151, "L-ATT-COUNTY", "全县工作会议", "county"),
    ("scale", 80, 81, "L-ATT-DEPT", "全县教育系统工作会议", "department"),
    ("speech_minutes", 40, 41, "L-SPEECH-WIDE", "全县工作会议", "county"),
    ("speech_minutes", 30, 31, "L-SPEECH-OTHER", "镇里开个推进会", "town"),
    ("remark_minutes", 8, 9, "L-REMARK", "镇里开个座谈会", "town"),
])
def test_meeting_limits_flag_the_first_unit_over(book, field: str, ok: int, over: int, item: str,  # type: ignore[no-untyped-def]
                                                 text: str, level: str) -> None:
    at_limit = run(book, meeting(text, unit_level=level, date=WED, **{field: ok}))
    one_over = run(book, meeting(text, unit_level=level, date=WED, **{field: over}))
    assert item not in ids(at_limit)
    assert item in ids(one_over)
    assert one_over.verdict == "discouraged"


def test_half_day_limit_spares_sessions_with_deliberation(book) -> None:  # type: ignore[no-untyped-def]
    v = run(book, meeting("镇人代会分组讨论", unit_level="town", date=WED, duration_minutes=480))
    assert "L-LEN-HALFDAY" not in ids(v)


def test_attendee_limit_needs_the_level(book) -> None:  # type: ignore[no-untyped-def]
    v = run(book, meeting("镇里开个大会", unit_level=None, date=WED, scale=500))
    assert not ids(v) & {"L-ATT-COUNTY", "L-ATT-DEPT"}
    wide = run(book, meeting("全县大会", unit_level=None, date=WED, scale=500))
    assert "L-ATT-COUNTY" in ids(wide)  # 全县 implies the county


@pytest.mark.parametrize(("length", "text", "items"), [
    (5000, "发个通知", set()), (5001, "发个通知", {"L-DOC-5000"}),
    # a notice naming its matter deploys a specific task (rounds 67–68: 冷链项目征地的通知写了四千五百字): 4000 is its cap
    (4001, "冷链项目征地的通知", {"L-DOC-4000"}), (4001, "这个文件是专门讲撂荒地整治的", {"L-DOC-4000"}),
    (4000, "印发专项工作方案", set()), (4001, "印发专项工作方案", {"L-DOC-4000"}),
    (9000, "部署全年综合性工作的文件", set()), (9000, "县十五五中长期规划", set()),
])
def test_document_length(book, length: int, text: str, items: set[str]) -> None:  # type: ignore[no-untyped-def]
    v = run(book, Proposal(kind="document", direction="outgoing", text=text, length_chars=length))
    assert ids(v) & {"L-DOC-5000", "L-DOC-4000"} == items


# --- no-meeting days and weeks ------------------------------------------------------------------

def test_thursday_is_a_no_meeting_day_and_wednesday_is_not(book) -> None:  # type: ignore[no-untyped-def]
    thursday = run(book, meeting("开个党建工作推进会", date=THU))
    wednesday = run(book, meeting("开个党建工作推进会", date=WED))
    assert thursday.verdict == "discouraged" and "R-NMD" in ids(thursday)
    assert "11月26日是周四" in thursday.findings[0].reason
    assert wednesday.verdict == "allowed" and "R-NMD" not in ids(wednesday)


def test_emergency_meeting_on_friday_is_exempt_but_noted(book) -> None:  # type: ignore[no-untyped-def]
    v = run(book, meeting("召开防汛应急调度会", date=FRI))
    assert v.verdict == "allowed"
    note = next(f for f in v.findings if f.item == "R-NMD")
    assert note.verdict == "allowed" and "应急" in note.reason


@pytest.mark.parametrize("text", ["召开镇人代会", "县里要求周五开，我们照办", "安全生产紧急会议"])
def test_other_exemptions(book, text: str) -> None:  # type: ignore[no-untyped-def]
    assert run(book, meeting(text, date=FRI)).verdict == "allowed"


def test_meetings_we_attend_are_never_flagged(book) -> None:  # type: ignore[no-untyped-def]
    v = run(book, meeting("参加县里的会", direction="incoming", date=THU))
    assert "R-NMD" not in ids(v)


def test_no_meeting_week_when_configured(tmp_path: Path) -> None:
    (tmp_path / "rules.yaml").write_text(yaml.safe_dump(
        {"extends": "default", "no_meeting": {"weeks": {"weeks_of_month": [4]}}}, allow_unicode=True), encoding="utf-8")
    book = RuleStore(tmp_path).current()
    assert week_of_month(WED) == (11, 4)  # Monday 23 November is the month's 4th Monday
    wide = run(book, meeting("开全县工作会议", date=WED))
    local = run(book, meeting("镇里开个推进会", date=WED))
    assert "R-NMW" in ids(wide) and wide.verdict == "discouraged"
    assert "R-NMW" not in ids(local)  # 高台: only 全县性会议
    assert "R-NMW" not in ids(run(book, meeting("开全县工作会议", date=dt.date(2026, 12, 2))))


def test_week_of_month_belongs_to_the_month_of_its_monday() -> None:
    assert week_of_month(dt.date(2026, 12, 1)) == (11, 5)  # Tuesday; its Monday is 30 November
    assert week_of_month(dt.date(2026, 12, 7)) == (12, 1)


def test_missing_date_is_said(book) -> None:  # type: ignore[no-untyped-def]
    v = run(book, meeting("开个会"))
    assert any("未说明会议日期" in n for n in v.notes)


# --- 三个凡是 ----------------------------------------------------------------------------------

def _add(db: Database, unit_id: int, kind: str, day: dt.date, title: str, **kw: object) -> int:
    with db.session() as s:
        entry = Entry(unit_id=unit_id, kind=kind, direction=kw.pop("direction", "outgoing"), occurs_on=day,
                      title=title, raw_text=title, **kw)
        s.add(entry)
        s.flush()
        return entry.id


@pytest.mark.parametrize(("gap", "similar"), [(6, True), (7, True), (8, False)])
def test_similar_meeting_within_seven_days(book, db, units, gap: int, similar: bool) -> None:  # type: ignore[no-untyped-def]
    other = _add(db, units["town"], "meeting", WED - dt.timedelta(days=gap), "秸秆禁烧工作推进会",
                 attendees_scope="各村")
    v = run(book, meeting("开个秸秆禁烧调度会，各村支书参加", unit_id=units["town"], unit_level="town",
                          date=WED, attendees_scope="各村"), db)
    assert ("R-3-SIMILAR" in ids(v)) is similar
    if similar:
        finding = next(f for f in v.findings if f.item == "R-3-SIMILAR")
        assert f"#{other}" in finding.reason and "合并" in finding.reason
        assert v.verdict == "discouraged"


def test_similar_needs_related_topic_overlapping_attendees_and_a_live_entry(book, db, units) -> None:  # type: ignore[no-untyped-def]
    town = units["town"]
    _add(db, town, "meeting", WED - dt.timedelta(days=2), "食品安全工作会", attendees_scope="各村")
    _add(db, town, "meeting", WED - dt.timedelta(days=2), "安全生产工作会", attendees_scope="县直各部门")
    _add(db, town, "meeting", WED - dt.timedelta(days=1), "安全生产工作会", attendees_scope="各村", status="voided")
    _add(db, units["county"], "meeting", WED, "安全生产工作会")  # another unit's meeting
    v = run(book, meeting("开个安全生产调度会", unit_id=town, unit_level="town", date=WED,
                          attendees_scope="各村"), db)
    assert "R-3-SIMILAR" not in ids(v)


def test_an_entry_is_not_similar_to_itself(book, db, units) -> None:  # type: ignore[no-untyped-def]
    own = _add(db, units["town"], "meeting", WED, "秸秆禁烧工作推进会")
    v = run(book, meeting("秸秆禁烧工作推进会", unit_id=units["town"], date=WED, exclude_entry_id=own), db)
    assert "R-3-SIMILAR" not in ids(v)


@pytest.mark.parametrize(("days_before", "flagged"), [(90, True), (91, False)])
def test_topic_already_deployed_by_a_document(book, db, units, days_before: int, flagged: bool) -> None:  # type: ignore[no-untyped-def]
    doc = _add(db, units["town"], "document", WED - dt.timedelta(days=days_before), "关于做好冬季森林防火工作的通知")
    v = run(book, meeting("开个森林防火部署会", unit_id=units["town"], date=WED), db)
    assert ("R-3-DEPLOYED" in ids(v)) is flagged
    if flagged:
        assert f"#{doc}" in next(f for f in v.findings if f.item == "R-3-DEPLOYED").reason


def test_meeting_without_a_problem_to_solve(book) -> None:  # type: ignore[no-untyped-def]
    v = run(book, meeting("开个会，其实也没什么事", date=WED))
    assert "R-3-PROBLEM" in ids(v) and v.verdict == "forbidden"
    assert "R-3-PROBLEM" not in ids(run(book, meeting("开个会解决水费问题", date=WED)))


def test_without_a_ledger_the_reply_says_what_was_not_checked(book) -> None:  # type: ignore[no-untyped-def]
    v = run(book, meeting("开个秸秆禁烧调度会", date=WED))
    assert any("台账" in n for n in v.notes)


# --- quotas, 只减不增, yearly caps --------------------------------------------------------------

def _quota(db: Database, unit_id: int, limit: int, used: int, period: str = "year", kind: str = "document",
           delta: int = 0) -> None:
    with db.session() as s:
        quota = Quota(unit_id=unit_id, kind=kind, direction="outgoing", period=period, year=2026, limit=limit)
        s.add(quota)
        s.flush()
        if delta:
            s.add(QuotaAdjustment(quota_id=quota.id, delta=delta, reason="重点工作增加"))
        for n in range(used):
            s.add(Entry(unit_id=unit_id, kind=kind, direction="outgoing", occurs_on=dt.date(2026, 11, 1 + n % 20),
                        title=f"第{n}号", raw_text=f"第{n}号"))


# A 核查 counts the proposal itself on top of what is used (issue 15 defect 3): 79 used + this = 80 %.
@pytest.mark.parametrize(("used", "verdict", "flagged"), [
    (78, "allowed", False), (79, "allowed", True), (98, "allowed", True), (99, "needs_approval", True),
    (100, "needs_approval", True),
])
def test_quota_warns_at_80_and_alerts_at_100_percent(book, db, units, used: int, verdict: str,  # type: ignore[no-untyped-def]
                                                     flagged: bool) -> None:
    _quota(db, units["department"], 100, used)
    v = run(book, Proposal(kind="document", direction="outgoing", text="发个通知", date=WED,
                           unit_id=units["department"], unit_level="department"), db)
    quota = [f for f in v.findings if f.item == "R-QUOTA"]
    assert bool(quota) is flagged
    assert v.verdict == verdict
    if used == 79:
        assert "加上此项为80" in quota[0].reason and "80%" in quota[0].reason and quota[0].verdict == "allowed"
    if used == 99:
        assert "100%" in quota[0].reason and "已用满" in quota[0].reason and "调整" in quota[0].reason
    if used == 100:
        assert "101%" in quota[0].reason and "超出配额1件" in quota[0].reason


def test_quota_adjustment_raises_the_limit(book, db, units) -> None:  # type: ignore[no-untyped-def]
    _quota(db, units["department"], 10, 10, delta=5)
    v = run(book, Proposal(kind="document", direction="outgoing", text="发个通知", date=WED,
                           unit_id=units["department"]), db)
    assert "R-QUOTA" not in ids(v)  # 10 of 15


def test_monthly_quota_counts_only_that_month_and_live_in_scope_entries(book, db, units) -> None:  # type: ignore[no-untyped-def]
    town = units["town"]
    _quota(db, town, 5, 0, period="month", kind="meeting")
    _add(db, town, "meeting", dt.date(2026, 10, 30), "十月的会")
    for n in range(3):
        _add(db, town, "meeting", dt.date(2026, 11, 2 + n), f"十一月第{n}个会")
    _add(db, town, "meeting", dt.date(2026, 11, 9), "撤销的会", status="voided")
    _add(db, town, "meeting", dt.date(2026, 11, 10), "口径外的会", in_scope=False)
    three = run(book, meeting("开个会", unit_id=town, date=WED), db)
    assert "R-QUOTA" in ids(three)  # 3 of 5, and this one makes 4 = 80 %
    assert "已用3次，加上此项为4次（80%）" in next(f.reason for f in three.findings if f.item == "R-QUOTA")


def test_period_bounds() -> None:
    assert period_bounds("month", dt.date(2026, 12, 9)) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert period_bounds("quarter", dt.date(2026, 11, 22)) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert period_bounds("year", dt.date(2026, 2, 1)) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def _baseline(db: Database, unit_id: int, total: int) -> None:
    with db.session() as s:
        s.add_all(Baseline(unit_id=unit_id, kind="document", direction="outgoing", year=2025, month=m, count=1)
                  for m in range(1, total + 1))


@pytest.mark.parametrize(("this_year", "verdict", "flagged"), [
    (4, "allowed", False), (5, "allowed", True), (6, "needs_approval", True),
])
def test_annual_documents_only_decrease(book, db, units, this_year: int, verdict: str, flagged: bool) -> None:  # type: ignore[no-untyped-def]
    town = units["town"]
    _baseline(db, town, 6)
    for n in range(this_year):
        _add(db, town, "document", dt.date(2026, 1 + n, 3), f"第{n}号文")
    v = run(book, Proposal(kind="document", direction="outgoing", text="发个通知", date=WED, unit_id=town), db)
    assert ("R-ANNUAL" in ids(v)) is flagged
    assert v.verdict == verdict


def test_annual_falls_back_to_last_years_ledger_and_says_when_it_has_nothing(book, db, units) -> None:  # type: ignore[no-untyped-def]
    town = units["town"]
    proposal = Proposal(kind="document", direction="outgoing", text="发个通知", date=WED, unit_id=town)
    assert any("2025" in n for n in run(book, proposal, db).notes)
    _add(db, town, "document", dt.date(2025, 6, 1), "去年的文")
    _add(db, town, "document", dt.date(2026, 6, 1), "今年的文")
    assert run(book, proposal, db).verdict == "needs_approval"  # 2 > 1


def test_department_holds_one_county_wide_meeting_a_year(book, db, units) -> None:  # type: ignore[no-untyped-def]
    dept = units["department"]
    proposal = meeting("开全县教育系统工作会议", unit_id=dept, unit_level="department", date=WED)
    assert "R-FREQ-MEETING" not in ids(run(book, proposal, db))
    _add(db, dept, "meeting", dt.date(2026, 3, 1), "全县教育系统安全工作会议")
    _add(db, dept, "meeting", dt.date(2026, 4, 1), "局务会")  # not county-wide
    assert "R-FREQ-MEETING" in ids(run(book, proposal, db))


# --- advance filing -----------------------------------------------------------------------------

def test_working_days_skip_weekends_and_holidays() -> None:
    working_days_between = work_calendar().workdays_between
    assert working_days_between(TODAY, dt.date(2026, 11, 30)) == 5
    assert working_days_between(TODAY, FRI) == 4
    # National Day 2026: 1–7 October off, Saturday 10 October a make-up working day (调休).
    assert working_days_between(dt.date(2026, 9, 30), dt.date(2026, 10, 12)) == 3


@pytest.mark.parametrize(("day", "late"), [(FRI, True), (dt.date(2026, 11, 30), False)])
def test_county_wide_meeting_must_be_filed_five_working_days_ahead(book, day: dt.date, late: bool) -> None:  # type: ignore[no-untyped-def]
    v = run(book, meeting("开全县工作会议", unit_level="county", date=day))
    finding = next(f for f in v.findings if f.item == "R-FILE-MEETING")
    # Too near to file in time: it blocks; in time and nothing said about the plan: a reminder.
    assert finding.verdict == ("needs_approval" if late else "allowed")
    assert ("不足时限" in finding.reason) is late


def test_filing_not_asked_for_emergencies_or_the_past(book) -> None:  # type: ignore[no-untyped-def]
    assert "R-FILE-MEETING" not in ids(run(book, meeting("全县防汛紧急会议", date=WED)))
    assert "R-FILE-MEETING" not in ids(run(book, meeting("全县工作会议", date=dt.date(2026, 11, 18))))


def test_outgoing_inspection_needs_filing_but_research_does_not(book) -> None:  # type: ignore[no-untyped-def]
    inspect = run(book, Proposal(kind="inspection", direction="outgoing", text="去各村检查环境卫生", date=WED))
    research = run(book, Proposal(kind="inspection", direction="outgoing", text="去村里调研产业发展", date=WED))
    finding = next(f for f in inspect.findings if f.item == "R-FILE-INSPECTION")
    # The plan's review is due 5 working days before the *notice* (config `before: notice`): the day of the
    # inspection says nothing about it, so a near day is no lateness, only a reminder.
    assert finding.verdict == "allowed" and "通知下发前5个工作日" in finding.reason and "不足时限" not in finding.reason
    assert "R-FILE-INSPECTION" not in ids(research)


def test_an_inspection_plan_said_unreviewed_needs_approval(book) -> None:  # type: ignore[no-untyped-def]
    v = run(book, Proposal(kind="inspection", direction="outgoing", text="督查方案还没审查，明天就发通知去各村检查",
                           date=WED))
    assert v.verdict == "needs_approval" and "R-FILE-INSPECTION" in ids(v)


def test_unknown_kind_is_answered_with_a_note(book) -> None:  # type: ignore[no-untyped-def]
    v = run(book, Proposal(kind=None, text="机关食堂换菜单"))
    assert v.verdict == "allowed" and v.notes and not v.checked


def test_filing_requirement_for_the_filing_workflow(book) -> None:  # type: ignore[no-untyped-def]
    from bot.rules import filing_requirement

    rule = filing_requirement(meeting("开全县工作会议", date=WED), book, TODAY)
    assert rule is not None and rule.rule.id == "R-FILE-MEETING" and rule.working_days == 5
    assert filing_requirement(meeting("镇里开个推进会", date=WED), book, TODAY) is None


def test_filler_words_never_relate_two_items(book, db, units) -> None:  # type: ignore[no-untyped-def]
    town = units["town"]
    _add(db, town, "meeting", WED - dt.timedelta(days=1), "开了个会报备一下，补充半小时")
    _add(db, town, "document", WED - dt.timedelta(days=3), "补充报备材料")
    v = run(book, meeting("开了个半小时的会，报备一下，补充说明", unit_id=town, date=WED), db)
    assert not {"R-3-SIMILAR", "R-3-DEPLOYED"} & ids(v)


def test_many_similar_meetings_one_finding_names_a_few_and_counts_the_rest(book, db, units) -> None:  # type: ignore[no-untyped-def]
    town = units["town"]
    made = [_add(db, town, "meeting", WED - dt.timedelta(days=i % 7), f"秸秆禁烧工作推进会{i}") for i in range(30)]
    v = run(book, meeting("开个秸秆禁烧调度会", unit_id=town, date=WED), db)
    [finding] = [f for f in v.findings if f.item == "R-3-SIMILAR"]
    named = [i for i in made if f"#{i}（" in finding.reason]
    assert len(named) == 3 and "另有27条相近" in finding.reason
    assert len(finding.reason) < 300 and len(str(finding.to_flag())) < 1000  # flags stay small


def test_topic_keys_are_written_with_the_entry_and_follow_a_correction(db, units) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from storage.models import EntryTopic

    entry_id = _add(db, units["town"], "meeting", WED, "森林防火工作推进会")
    with db.session() as s:
        assert set(s.scalars(select(EntryTopic.key).where(EntryTopic.entry_id == entry_id))) == {"森林防火"}
        entry = s.get(Entry, entry_id)
        entry.title = entry.raw_text = "秸秆禁烧工作推进会"
        entry.occurs_on = THU
    with db.session() as s:
        rows = s.execute(select(EntryTopic.key, EntryTopic.occurs_on).where(EntryTopic.entry_id == entry_id)).all()
        assert [tuple(r) for r in rows] == [("秸秆禁烧", THU)]


# --- figures the question states -----------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "县里给我们的发文配额是40件，已经用满了，再发一件行吗",
    "这个月开会已经超过分配的数额了，还得开一个，能开吗",
    "本季度开会数量县委办提醒我们快超了，还要再开个约谈会，能开吗",  # minban (round 63)
    "这季度发文件数快到配额了，再发一个通知行吗",
    "县委办说我们这个月开会数量预警了，再开一个会可以吗",
])
def test_a_quota_the_question_says_is_used_up_needs_an_adjustment(book, text: str) -> None:  # type: ignore[no-untyped-def]
    kind = "meeting" if "开会" in text else "document"
    v = run(book, Proposal(kind=kind, direction="outgoing", text=text, date=WED, unit_id=1))
    assert "R-QUOTA" in ids(v) and v.verdict == "needs_approval"
    assert any("所问称" in f.reason for f in v.findings if f.item == "R-QUOTA")


@pytest.mark.parametrize("text", ["发文配额还剩10件，再发一件行吗", "开会数量离配额还远，再开一个会行吗"])
def test_a_quota_with_room_left_is_no_stated_excess(book, text: str) -> None:  # type: ignore[no-untyped-def]
    v = run(book, Proposal(kind="document", direction="outgoing", text=text, date=WED, unit_id=1))
    assert "R-QUOTA" not in ids(v)


def test_a_comprehensive_inspection_the_question_says_was_held_this_year(book, db, units) -> None:  # type: ignore[no-untyped-def]
    dept = units["department"]

    def asked(text: str) -> Proposal:
        return Proposal(kind="inspection", direction="outgoing", text=text, date=WED, unit_id=dept,
                        unit_level="department")

    assert "R-FREQ-INSPECTION" in ids(run(book, asked("今年已经搞过一次综合性检查了，下半年再来一次，行吗"), db))
    assert "R-FREQ-INSPECTION" not in ids(run(book, asked("今年只搞一次综合性检查，行吧"), db))
