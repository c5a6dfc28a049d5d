"""Issue 7: a month of mixed entries across units, then every statistics question through chat.

End to end: the real parser, dispatcher and handlers. When one of these fails, run
tests/stats/test_phrasings.py first: it tells whether the parser still reads the phrasing as the
statistics expect (tests/support/stats_scenario.py PHRASES).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from suite import NOW
from sqlalchemy import select
from stats_scenario import CHAT_RECORDS, build_month, switch_rules

from bot.clock import TZ
from storage.models import Entry


@pytest.fixture
def month(runtime, say, tmp_path):
    runtime.services = dataclasses.replace(runtime.services, export_dir=tmp_path / "exports")
    ids = build_month(runtime.db)
    for text in CHAT_RECORDS:
        reply = say(text)
        assert reply.intent == "record" and reply.entry_ids, (text, reply.text)
    return ids


def test_counts_by_kind_direction_subtype_and_period(month, say):
    reply = say("本月发文数")
    assert reply.intent == "query" and reply.data["count"] == 6
    assert "发文6件" in reply.text and "城关镇" in reply.text
    assert say("今年1-11月收上级来文多少件").data["count"] == 9
    party = say("党委发文今年几件")
    assert party.data["count"] == 3 and "党委发文3件" in party.text
    inspected = say("上周接受了几次督查")
    assert inspected.data["count"] == 2 and "接受上级督查2次" in inspected.text
    assert say("本月开了几次会").data["count"] == 5


def test_year_on_year_from_last_years_ledger(month, say):
    # 本月 is still running: both years stop at 22 November (the document planned for the 23rd waits)
    reply = say("本月发文数同比")
    assert reply.data["count"] == 5
    figure = reply.data["figures"]["document.outgoing"]
    assert figure["previous"] == 8 and figure["previous_source"] == "ledger"
    assert "截至11月22日" in reply.text
    assert "同比下降37.5％" in reply.text and "去年同期8件" in reply.text


def test_period_on_period(month, say):
    reply = say("本月发文数环比")
    assert "环比增加50％" in reply.text  # 6 against October's 4


def test_year_on_year_from_baseline_and_without_data(month, say, clock):
    # a monthly baseline cannot be cut at 22 November …
    running = say("青山镇本月发文数同比", user="王五")
    assert running.data["count"] == 7 and "仅有整月基数" in running.text and "％" not in running.text
    # … and serves once November is over
    clock.set(dt.datetime(2026, 12, 1, 9, tzinfo=TZ))
    from_baseline = say("青山镇11月发文数同比", user="王五")
    assert from_baseline.data["count"] == 7
    assert "同比增加75％" in from_baseline.text and "据导入基数" in from_baseline.text
    clock.set(NOW)
    nothing = say("白沙乡本月发文数同比", user="王五")
    assert nothing.data["count"] == 3 and "去年同期无数据" in nothing.text and "％" not in nothing.text
    # a week cannot be cut out of a monthly baseline: no invented figure
    week = say("青山镇上周发文数同比", user="王五")
    assert week.data["count"] == 3 and "仅有整月基数" in week.text and "％" not in week.text


def test_ranking_for_admin_with_ties(month, say):
    reply = say("各乡镇本月发文排名", user="王五")
    ranking = [(p["rank"], p["unit"], p["count"]) for p in reply.data["ranking"]]
    assert ranking == [(1, "青山镇", 7), (2, "城关镇", 6), (3, "白沙乡", 3), (3, "河口镇", 3)]
    assert reply.text.splitlines()[1] == "1. 青山镇 7件"


@pytest.mark.parametrize("user", ["李四", "张三"])
def test_ranking_refused_without_covering_every_unit(month, say, user):
    reply = say("各乡镇本月发文排名", user=user)
    assert reply.intent == "refused" and "\n" not in reply.text
    assert not any(name in reply.text for name in ("青山镇", "白沙乡", "河口镇"))
    assert "7" not in reply.text and not reply.data.get("ranking")


def test_member_cannot_query_another_unit(month, say):
    reply = say("青山镇本月发文数")
    assert reply.intent == "refused" and "青山镇" not in reply.text and "7" not in reply.text
    assert "count" not in reply.data


def test_report_paragraphs_with_real_numbers(month, say):
    reply = say("生成汇报 今年1-11月")
    assert reply.intent == "report"
    text = reply.text
    # up to today in both years: the document planned for 23 November is not counted yet
    assert text.splitlines()[0] == "城关镇基层减负工作数据（今年1－11月，截至11月22日）"
    assert "今年1－11月，我镇共收上级来文9件，同比下降10％；镇级发文11件，同比增加37.5％。" in text
    assert "其中党委发文3件，同比增加50％；政府发文3件，同比下降25％。另有未注明党委、政府的发文5件。" in text
    assert "今年1－11月，全镇召开会议5次，同比减少37.5％。" in text
    assert "我镇共上报材料2份，去年同期无数据；要求辖区各单位上报材料1份，去年同期无数据。" in text
    assert "接受上级督查3次，与去年同期持平；接受上级考核1次，与去年同期持平；镇级开展督查督导1次，去年同期为0。" in text
    assert "提醒" not in text  # the reminder figures are the county office's
    figures = reply.data["figures"]
    assert figures["document.incoming"]["count"] == 9 and figures["document.incoming"]["previous"] == 10


def test_report_for_county_office_counts_reminders(month, say):
    reply = say("生成汇报 今年1-11月", user="王五")
    assert "县委办" in reply.text
    assert "共提醒2个单位，提醒单位主要负责人3人次" in reply.text
    assert reply.data["reminders"] == {"people": 3, "units": 2}


def test_dual_ledger_after_switching_training_off(month, say, runtime, tmp_path):
    same = say("双台账比对 本月")
    assert same.intent == "compare" and "无差异" in same.text
    assert same.data["daily"] == same.data["statistics"] == 25

    switch_rules(runtime, tmp_path, 培训会=False)
    reply = say("双台账比对 本月")
    assert reply.data["daily"] == 25 and reply.data["statistics"] == 23
    assert "· 召开会议：日常5次，统计3次，差2次" in reply.text
    differences = reply.data["differences"]
    assert [d["date"] for d in differences] == ["2026-11-11", "2026-11-21"]
    assert all("培训会" in d["reason"] and d["reason"].startswith("不计入") for d in differences)
    assert differences[0]["entry_id"] == month["training"]

    # the statistics follow the new rules; the daily ledger still has them all
    meetings = say("本月开了几次会")
    assert meetings.data["count"] == 3 and meetings.data["count_all"] == 5
    assert "日常台账5次" in meetings.text
    report = say("生成汇报 今年1-11月")
    assert "全镇召开会议3次，同比减少62.5％。" in report.text
    assert "不计培训会" in report.text

    switch_rules(runtime, tmp_path, 培训会=True)
    assert say("双台账比对 本月").data["statistics"] == 25


def test_memo_and_white_head_documents_stay_counted(month, say, runtime, tmp_path):
    switch_rules(runtime, tmp_path, 培训会=False, 学习会=False, 信息简报=False, 督查调研通知=False,
                 活动通知=False, 视频会=False, attended=False)
    reply = say("双台账比对 本月")
    reasons = {d["entry_id"]: d["reason"] for d in reply.data["differences"]}
    assert month["briefing"] in reasons  # a 简报 may be left out …
    assert month["memo"] not in reasons  # … a 便函 never
    with runtime.db.session() as s:
        memo = s.get(Entry, month["memo"])
        assert memo.in_scope and "便函" in memo.scope_reason and "若干规定" in memo.scope_reason


def test_directly_inserted_entries_get_scope_and_reason(month, say, runtime):
    say("本月发文数")
    with runtime.db.session() as s:
        reasons = s.scalars(select(Entry.scope_reason).where(Entry.status != "voided")).all()
    assert reasons and all(r and r.startswith("计入") for r in reasons)


def test_export_this_month_returns_file_and_expiring_link(month, say, runtime):
    reply = say("导出本月台账")
    assert reply.intent == "export" and reply.attachment
    assert f"{runtime.settings.public_base_url}/exports/" in reply.text
    assert reply.data["entries"] == 20  # 城关镇's live entries dated this month
    from openpyxl import load_workbook

    wb = load_workbook(reply.attachment)
    assert wb.sheetnames[:5] == ["汇总", "会议", "文件", "督查检查考核", "材料报送"]
    assert "双台账比对" in wb.sheetnames
