"""Issue 15 defect 1: 同比 with imported baselines is decided month by month.

The issue's scenario: monthly baselines of 城关镇 for January–October 2025 imported from a workbook
(3 documents a month, 30 in all), one ledger entry on 2025-11-12 ("今天镇政府发文4件"), and 10
documents in each of March, June and November 2026. Last year is then 30 for 1-10月 (baselines) and
34 for 1-11月 (baselines for January–October, the ledger for November) — never 4 because one entry
exists. Chat, 汇报, the Q4 bulletin (unit and county) and the Excel 汇总 all say the same.
"""

from __future__ import annotations

import dataclasses

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from bot.calendar import Period
from bot.clock import TZ
from bot.scheduler import digests, periods
from bot.scheduler.config import load_config
from bot.scheduler.targets import county_scope, unit_scope
from bot.stats.measures import Measure
from bot.stats.counting_rules import DEFAULT as RULES
from bot.xlsx.importer import import_workbook
from storage.models import Baseline, Entry, Unit

OUT_DOC = Measure("document", "outgoing")


def at(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 10, 0, tzinfo=TZ)


def baseline_workbook(path: Path, months: range, count: int = 3, unit: str = "城关镇") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "基数"
    ws.append(["序号", "单位", "类别", "细类", "年份", "月份", "数量"])
    for seq, month in enumerate(months, 1):
        ws.append([seq, unit, "发文", None, 2025, month, count])
    wb.save(path)
    return path


@pytest.fixture
def scenario(runtime, say, clock, tmp_path):
    runtime.services = dataclasses.replace(runtime.services, export_dir=tmp_path / "exports")
    with runtime.db.session() as s:
        report = import_workbook(s, baseline_workbook(tmp_path / "基数.xlsx", range(1, 11)), RULES)
    assert report.ok and report.baselines_added == 10, report
    clock.set(at(2025, 11, 12))
    stray = say("今天镇政府发文4件")
    assert stray.intent == "record" and stray.entry_ids, stray.text
    for month in (3, 6, 11):
        clock.set(at(2026, month, 10))
        assert say("今天镇政府发文10件").entry_ids
    clock.set(at(2026, 12, 3))
    return runtime


def test_chat_gives_the_right_sign_for_1_10_and_1_11(scenario, say):
    ten = say("今年1-10月发文多少件，同比")
    assert ten.data["count"] == 20, ten.text
    assert "同比下降33.3％" in ten.text and "去年同期30件，据导入基数" in ten.text, ten.text
    eleven = say("今年1-11月发文多少件，同比")
    assert eleven.data["count"] == 30, eleven.text
    figure = eleven.data["figures"]["document.outgoing"]
    assert figure["previous"] == 34 and figure["previous_source"] == "mixed", figure
    assert "同比下降11.8％" in eleven.text, eleven.text  # today's main: 同比增加650％ against 4
    assert "去年同期34件，其中2025年1-10月据导入基数" in eleven.text, eleven.text


def test_report_bulletin_and_excel_agree_with_chat(scenario, say, runtime, clock):
    chat = say("今年1-11月发文多少件，同比")
    report = say("生成汇报 今年1-11月")
    assert "镇级发文30件，同比下降11.8％" in report.text, report.text
    assert report.data["figures"]["document.outgoing"]["previous"] == 34
    assert "2025年1-10月据导入的月度基数" in report.text, report.text

    exported = say("导出今年1-11月台账")
    assert exported.intent == "export" and exported.attachment, exported.text
    sheet = load_workbook(exported.attachment)["汇总"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    row = next(r for r in rows if r[1] == "城关镇" and r[2] == "发文")
    assert row[3:7] == [chat.data["count"], 34, "同比下降11.8％", "其中2025年1-10月据导入基数"], row

    # The 2026 Q4 bulletin (pushed in January 2027): 10 against October's baseline 3 + November's 4.
    clock.set(at(2027, 1, 4))
    asked = say("2026年第四季度发文多少件，同比")
    assert asked.data["count"] == 10 and "同比增加42.9％" in asked.text, asked.text
    cfg = load_config(runtime.settings.config_dir)
    occ = periods.quarterly(2027, 1, cfg.digests["quarterly"].time, cfg.calendar)
    with runtime.db.session() as s:
        town = s.scalars(select(Unit).where(Unit.name == "城关镇")).one()
        own = digests.quarterly(s, occ, unit_scope(town), cfg).text()
        county = digests.quarterly(s, occ, county_scope(s), cfg).text()
    assert "发文10件（同比增加42.9％）" in own, own
    assert "发文10件（同比增加42.9％）" in county, county  # the county total carries the same figure
    assert "据导入基数" in own, own


def test_one_stray_entry_does_not_hide_a_months_baseline(runtime, say, clock, tmp_path):
    """A baseline for November 2025 (9) and one stray ledger entry that month (4): the baseline counts.
    A month the ledger holds at least the baseline's count counts from the ledger."""
    with runtime.db.session() as s:
        import_workbook(s, baseline_workbook(tmp_path / "b.xlsx", range(10, 13), count=9), RULES)
    clock.set(at(2025, 11, 12))
    say("今天镇政府发文4件")
    clock.set(at(2025, 12, 5))
    say("今天镇政府发文12件")  # December: the ledger (12) holds more than the baseline (9)
    from bot.stats.counts import past  # the month-by-month decision itself (new in issue 15)

    with runtime.db.session() as s:
        town = s.scalars(select(Unit.id).where(Unit.name == "城关镇")).one()
        found = past(s, [town], [OUT_DOC], Period(dt.date(2025, 10, 1), dt.date(2025, 12, 31), "去年同期"))
    previous = found[(town, OUT_DOC)]
    assert previous.value == 9 + 9 + 12, previous  # October baseline, November baseline, December ledger
    assert previous.baseline_months == ((2025, 10), (2025, 11)) and previous.source == "mixed"


def test_a_month_kept_as_a_regular_month_counts_from_the_ledger(runtime, say, clock, tmp_path):
    """The ledger in use all through November (entries in October, November and December): its figure
    counts even below the baseline's (the baseline was an estimate)."""
    with runtime.db.session() as s:
        import_workbook(s, baseline_workbook(tmp_path / "b.xlsx", range(11, 12), count=9), RULES)
    for day, text in ((at(2025, 10, 20), "今天开会"), (at(2025, 11, 12), "今天镇政府发文4件"),
                      (at(2025, 12, 2), "今天开会")):
        clock.set(day)
        assert say(text).entry_ids
    from bot.stats.counts import past  # the month-by-month decision itself (new in issue 15)

    with runtime.db.session() as s:
        town = s.scalars(select(Unit.id).where(Unit.name == "城关镇")).one()
        found = past(s, [town], [OUT_DOC], Period(dt.date(2025, 11, 1), dt.date(2025, 11, 30), "去年同期"))
    assert found[(town, OUT_DOC)].value == 4 and found[(town, OUT_DOC)].source == "ledger"


def test_a_cut_month_with_only_a_baseline_is_not_split(scenario, say, clock):
    """1-12月 asked on 3 December: December 2025 has no baseline, so its first 3 days count from the
    ledger; 本月 of a month whose last-year figure is only a monthly baseline is not compared."""
    year = say("今年发文多少件，同比")
    assert "同比下降11.8％" in year.text, year.text  # 30 against 34, both up to 3 December
    clock.set(at(2026, 10, 20))
    october = say("本月发文多少件，同比")
    assert "仅有整月基数" in october.text and "％" not in october.text, october.text


def test_baselines_in_use_are_said_even_when_the_figures_are_equal(runtime, say, clock, tmp_path):
    with runtime.db.session() as s:
        import_workbook(s, baseline_workbook(tmp_path / "b.xlsx", range(3, 4), count=10), RULES)
    clock.set(at(2026, 3, 10))
    say("今天镇政府发文10件")
    clock.set(at(2026, 4, 2))
    reply = say("3月份发文多少件，同比")
    assert "与去年同期持平" in reply.text and "据导入基数" in reply.text, reply.text
    with runtime.db.session() as s:
        assert s.scalar(select(Baseline.count)) == 10 and len(s.scalars(select(Entry)).all()) == 1
