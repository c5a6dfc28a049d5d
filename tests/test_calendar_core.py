"""Issue 12 item 1: one calendar and period core (bot.calendar).

"3个工作日后" (the parser), the 报备 lead time (the R-FILE-* rules) and the digest day (the scheduler) count
on the same WorkCalendar, so in 2027 — a year chinesecalendar 1.11.0 does not know — they agree. The
State Council's 2027 arrangement was not found published, so config/schedules.yaml ships no 2027 days;
these tests add a 调休 day of their own through a deployment's schedules.yaml (JIANFU_CONFIG), the way
an operator will add the official days. 2027-01-02 as a make-up working day is the tests' invention,
not the official arrangement. Where the old copies disagreed, the decision is pinned here.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

import pytest
import yaml

from bot.calendar import (
    Period,
    ScheduleConfigError,
    WorkCalendar,
    add_months,
    calendar_from_config,
    period_bounds,
    quarter_bounds,
    quarter_of,
    shift_quarter,
    work_calendar,
    year_ago,
)
from bot.clock import TZ, FixedClock
from bot.nlu import parse
from bot.outbox import Claimed, OutboxWorker, enqueue
from bot.rules import evaluate, load_rulebook, proposal_from_intent
from bot.scheduler import Scheduler, periods
from bot.scheduler.config import load_config
from config.settings import CONFIG_DIR
from storage import repo

D = dt.date
NEW_YEAR = D(2027, 1, 1)  # 元旦, a Friday: a fixed-date statutory holiday, off in every arrangement
MAKE_UP = D(2027, 1, 2)  # a Saturday the test overlay makes a working day (调休)
NEW_YEARS_EVE = dt.datetime(2026, 12, 31, 10, 0, tzinfo=TZ)


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ)


def write_schedules(folder: Path, calendar: dict[str, list[str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "schedules.yaml").write_text(yaml.safe_dump({"calendar": calendar}), encoding="utf-8")
    return folder


@pytest.fixture
def deployment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A deployment whose schedules.yaml adds the make-up Saturday: the process's config folder."""
    folder = write_schedules(tmp_path / "config", {"extra_workdays": [MAKE_UP.isoformat()]})
    monkeypatch.setenv("JIANFU_CONFIG", str(folder))
    return folder


def lead_time_reason(text: str, now: dt.datetime) -> str:
    """What the 报备 rule says about a county-wide meeting announced in `text`."""
    intent = parse(text, now)
    proposal = proposal_from_intent(intent, now=now, unit_level="county")
    verdict = evaluate(proposal, load_rulebook([CONFIG_DIR]), None, now.date())
    return next(f.reason for f in verdict.findings if f.item == "R-FILE-MEETING")


# --- one WorkCalendar, three users, 2027 ----------------------------------------------------------

def test_parser_filing_rule_and_digest_day_agree_on_2027_working_days(deployment: Path, db) -> None:
    calendar = work_calendar()
    scheduler = Scheduler(db, FixedClock(NEW_YEARS_EVE), load_config(deployment), exclusive=False)
    assert scheduler.calendar is calendar  # literally one object: the process's calendar
    assert not calendar.is_workday(NEW_YEAR) and calendar.is_workday(MAKE_UP)
    working = [MAKE_UP, D(2027, 1, 4), D(2027, 1, 5)]  # 1-1 off, 1-2 worked, 1-3 Sunday

    # the parser: the third working day after 12-31
    meeting = parse("3个工作日后召开全县安全生产工作会议", NEW_YEARS_EVE)
    assert meeting.date == working[2]

    # the 报备 rule (R-FILE-MEETING, 5 working days ahead): the two working days before it are left
    reason = lead_time_reason("3个工作日后召开全县安全生产工作会议", NEW_YEARS_EVE)
    assert "须提前5个工作日报备方案" in reason and "距1月5日仅2个工作日" in reason
    assert calendar.workdays_between(NEW_YEARS_EVE.date(), meeting.date) == len(working) - 1

    # the scheduler: December's 每月一研判 goes out on January's first working day, the make-up Saturday
    december = periods.monthly(2027, 1, dt.time(9, 0), scheduler.calendar)
    assert (december.period, december.at) == ("2026-12", at(2027, 1, 2, 9))
    assert december.at.date() == working[0]
    due = periods.due("monthly", at(2027, 1, 2, 9, 1), "mon", dt.time(9, 0), 5, scheduler.calendar)
    assert [o.period for o in due] == ["2026-12"]


def test_without_the_make_up_day_all_three_move_together(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIANFU_CONFIG", str(write_schedules(tmp_path / "plain", {})))
    calendar = work_calendar()
    assert parse("3个工作日后召开全县安全生产工作会议", NEW_YEARS_EVE).date == D(2027, 1, 6)
    assert "距1月6日仅2个工作日" in lead_time_reason("3个工作日后召开全县安全生产工作会议", NEW_YEARS_EVE)
    assert periods.monthly(2027, 1, dt.time(9, 0), calendar).at == at(2027, 1, 4, 9)


def test_the_shipped_config_has_no_invented_2027_days() -> None:
    shipped = yaml.safe_load((CONFIG_DIR / "schedules.yaml").read_text(encoding="utf-8"))
    assert shipped["calendar"] == {"extra_holidays": [], "extra_workdays": []}
    assert "2027" in (CONFIG_DIR / "schedules.yaml").read_text(encoding="utf-8")  # where to add them is said


# --- the push window ------------------------------------------------------------------------------

def test_the_push_window_is_daytime_on_working_days(deployment: Path) -> None:
    calendar = work_calendar()
    assert not calendar.deliverable(at(2027, 1, 1, 10))  # 元旦, in daytime
    assert calendar.deliverable(at(2027, 1, 2, 10))  # the make-up Saturday
    assert calendar.next_deliverable(at(2026, 12, 31, 20, 0)) == at(2027, 1, 2, 8)
    assert WorkCalendar().next_deliverable(at(2026, 12, 31, 20, 0)) == at(2027, 1, 4, 8)
    assert not calendar.deliverable(at(2026, 10, 5, 10))  # 国庆 2026 (chinesecalendar)
    assert calendar.next_deliverable(at(2026, 10, 5, 10)) == at(2026, 10, 8, 8)


class Recorder:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def send(self, push: Claimed) -> None:
        self.sent.append(push.target)


def test_the_outbox_holds_group_pushes_over_a_holiday_not_only_at_night(db) -> None:
    # Decision (issue 12): the Outbox used to check only the hours, so a group push queued on 国庆 at 10:00
    # went out at once; the one push window (bot.calendar) holds it until the next working morning.
    clock = FixedClock(at(2026, 10, 1, 10))
    recorder = Recorder()
    with db.session() as s:
        enqueue(s, "t", "group", {"n": 1, "daytime_only": True}, "group", now=clock.now())
        enqueue(s, "t", "reply", {"n": 2}, "reply", now=clock.now())
    worker = OutboxWorker(db, {"t": recorder}, clock, owner="test")
    worker.run_once()
    assert recorder.sent == ["reply"]  # a reply to a member's own message is never held
    clock.set(at(2026, 10, 7, 19, 59))
    worker.run_once()
    assert recorder.sent == ["reply"]
    clock.set(at(2026, 10, 8, 8, 0))
    worker.run_once()
    assert recorder.sent == ["reply", "group"]


def test_the_scheduler_ticks_quietly_on_a_holiday(db) -> None:
    scheduler = Scheduler(db, FixedClock(at(2026, 10, 5, 10)), load_config(), exclusive=False)
    assert scheduler.tick().skipped == "quiet"


# --- the one fallback, where the old copies disagreed ---------------------------------------------

def test_beyond_chinesecalendar_weekends_and_fixed_date_statutory_holidays_are_off(caplog, monkeypatch) -> None:
    monkeypatch.setattr("bot.calendar.workdays._warned_years", set())
    calendar = WorkCalendar()
    with caplog.at_level(logging.WARNING, logger="bot.calendar.workdays"):
        off = [d for d in (D(2028, 1, 3), D(2028, 5, 1), D(2028, 5, 2), D(2028, 10, 2), D(2028, 10, 3))
               if not calendar.is_workday(d)]
    assert off == [D(2028, 5, 1), D(2028, 5, 2), D(2028, 10, 2), D(2028, 10, 3)]  # 2028-01-03 is a Monday
    assert "2028" in caplog.text  # the operator is told to add the year's arrangement


def test_nlu_counts_may_2nd_as_a_holiday_now() -> None:
    # Decision: the parser's old fallback lacked 5-2 (劳动节 has two days since 2025): 2028-05-03 then.
    assert parse("2个工作日后开会", at(2028, 4, 28)).date == D(2028, 5, 4)


def test_the_filing_rule_counts_new_years_day_as_a_holiday_now() -> None:
    # Decision: the filing rule's old fallback was Monday–Friday only, so 2027-01-01 counted as a working day.
    assert work_calendar().workdays_between(D(2026, 12, 31), D(2027, 1, 4)) == 0
    assert "距1月4日仅0个工作日" in lead_time_reason("1月4日召开全县安全生产工作会议", NEW_YEARS_EVE)


def test_archive_due_dates_in_storage_use_the_same_calendar(runtime) -> None:
    # Decision: storage's old fallback was Monday–Friday only: an item of 12-30 was "3 working days behind"
    # on 2027-01-04; with 元旦 off only 12-31 and 01-04 lie between.
    with runtime.db.session() as s:
        unit = repo.unit_by_name(s, "城关镇")
        entry = repo.create_entry(s, None, unit_id=unit.id, kind="meeting", direction="outgoing",
                                  occurs_on=D(2026, 12, 30), status="approved", quantity=1)
        assert entry not in repo.unarchived_due(s, D(2027, 1, 4), 3)
        assert entry in repo.unarchived_due(s, D(2027, 1, 5), 3)


# --- settings ------------------------------------------------------------------------------------

def test_equal_settings_share_one_calendar_and_a_changed_file_is_reread(tmp_path: Path) -> None:
    folder = write_schedules(tmp_path / "c", {"extra_holidays": ["2027-01-04"]})
    first = work_calendar(folder)
    assert first is work_calendar(folder) is calendar_from_config({"calendar": {"extra_holidays": ["2027-01-04"]}})
    assert not first.is_workday(D(2027, 1, 4))
    path = write_schedules(folder, {"extra_workdays": ["2027-01-03"]}) / "schedules.yaml"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    second = work_calendar(folder)
    assert second is not first and second.is_workday(D(2027, 1, 3)) and second.is_workday(D(2027, 1, 4))


def test_a_day_cannot_be_both_a_holiday_and_a_working_day() -> None:
    with pytest.raises(ScheduleConfigError, match="2027-01-02"):
        calendar_from_config({"calendar": {"extra_holidays": ["2027-01-02"], "extra_workdays": ["2027-01-02"]}})


def test_a_calendar_without_any_working_day_fails_loudly() -> None:
    closed = WorkCalendar(extra_holidays=[D(2027, 1, 1) + dt.timedelta(days=n) for n in range(400)])
    with pytest.raises(ValueError, match="extra_holidays"):
        closed.next_workday(D(2027, 1, 1))


# --- periods --------------------------------------------------------------------------------------

def test_month_quarter_and_year_arithmetic() -> None:
    assert add_months(D(2027, 1, 31), 1) == D(2027, 2, 28) and add_months(D(2027, 3, 31), -13) == D(2026, 2, 28)
    assert quarter_of(D(2027, 11, 5)) == 4 and shift_quarter(2027, 1, -1) == (2026, 4)
    assert quarter_bounds(2028, 1) == (D(2028, 1, 1), D(2028, 3, 31))
    assert period_bounds("quarter", D(2027, 8, 9)) == (D(2027, 7, 1), D(2027, 9, 30))
    assert period_bounds("month", D(2028, 2, 9)) == (D(2028, 2, 1), D(2028, 2, 29))


def test_same_period_a_year_earlier_keeps_whole_months_in_the_parser_too() -> None:
    # Decision: the parser had its own 去年同期 that cut a whole February at the 28th; bot.calendar's keeps
    # whole months whole, as the statistics always did.
    february_2029 = Period(D(2029, 2, 1), D(2029, 2, 28), "2029年2月")
    assert (year_ago(february_2029).start, year_ago(february_2029).end) == (D(2028, 2, 1), D(2028, 2, 29))
    asked = parse("去年同期发文多少件", at(2029, 2, 10)).period
    assert asked is not None and (asked.start, asked.end) == (D(2028, 2, 1), D(2028, 2, 29))
    assert parse("2029年2月发文数比2028年2月", at(2029, 3, 10)).compare == "yoy"
