"""County-wide figures, 同比 of an unfinished period, future periods and 环比 against zero.

The county figures must be the digests' figures (bot.scheduler: every active unit of the county,
summed), so the tests work the expected numbers out with the digests' own Grid.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.scheduler.figures import Grid
from bot.scheduler.targets import county_scope
from storage import repo
from storage.models import Unit

D = dt.date
DOCS, MEETINGS = ("document", "outgoing"), ("meeting", "outgoing")


@pytest.fixture
def county(runtime):
    """城关镇 3件 on 11-04 (last year 2件 on 11-05 and 4件 on 11-26), 县委办 and 示范县 meetings,
    县教育局 1件; October: 青山镇 2件, 县卫健局 1件 (last October: 青山镇 1件)."""
    with runtime.db.session() as s:
        units = {u.name: u.id for u in s.scalars(select(Unit))}

        def add(unit: str, kind: str, day: dt.date, quantity: int = 1) -> None:
            repo.create_entry(s, None, unit_id=units[unit], kind=kind, direction="outgoing", occurs_on=day,
                              quantity=quantity)

        add("城关镇", "document", D(2026, 11, 4), 3)
        add("城关镇", "document", D(2025, 11, 5), 2)
        add("城关镇", "document", D(2025, 11, 26), 4)
        add("县教育局", "document", D(2026, 11, 9))
        add("县委办", "meeting", D(2026, 11, 3))
        add("示范县", "meeting", D(2026, 11, 6))
        add("城关镇", "meeting", D(2026, 11, 2))
        add("青山镇", "document", D(2026, 10, 12), 2)
        add("县卫健局", "document", D(2026, 10, 20))
        add("青山镇", "document", D(2025, 10, 8))
    return runtime


def digest_total(runtime, pair, start, end, compare=None):
    with runtime.db.session() as s:
        grid = Grid(s, county_scope(s).unit_ids, start, end, compare)
        return grid.total(pair)


@pytest.mark.parametrize("text", ["全县本月发文数", "示范县本月发文数"])
def test_county_query_counts_every_unit_as_the_digest_does(county, say, text):
    expected = digest_total(county, DOCS, D(2026, 11, 1), D(2026, 11, 30)).value
    assert expected == 4
    reply = say(text, user="王五")
    assert reply.intent == "query" and reply.data["count"] == expected, reply.text
    assert reply.text.startswith("全县") and "发文4件" in reply.text


def test_county_meetings_include_the_county_unit_itself(county, say):
    reply = say("全县本月开了几次会", user="王五")
    assert reply.data["count"] == digest_total(county, MEETINGS, D(2026, 11, 1), D(2026, 11, 30)).value == 3


def test_county_year_on_year_of_a_finished_month_matches_the_digest(county, say):
    total = digest_total(county, DOCS, D(2026, 10, 1), D(2026, 10, 31), "yoy")
    reply = say("全县上月发文数同比", user="王五")
    figure = reply.data["figures"]["document.outgoing"]
    assert (figure["count"], figure["previous"]) == (total.value, total.previous) == (3, 1)
    assert "同比增加200％" in reply.text


@pytest.mark.parametrize("user", ["张三", "李四"])
def test_county_figures_refused_to_a_town(county, say, user):
    reply = say("全县本月发文数", user=user)
    assert reply.intent == "refused" and "count" not in reply.data
    assert "4" not in reply.text


def test_county_units_listed_with_the_county_total(county, say):
    reply = say("全县各单位本月发文数", user="王五")
    assert reply.data["total"]["count"] == digest_total(county, DOCS, D(2026, 11, 1), D(2026, 11, 30)).value
    assert "全县合计4件" in reply.text
    assert {p["unit"] for p in reply.data["ranking"]} >= {"城关镇", "县教育局"}


def test_all_units_ranking_has_towns_and_departments(county, say):
    reply = say("各单位本月发文排名", user="王五")
    ranked = {p["unit"]: p["count"] for p in reply.data["ranking"]}
    assert ranked["城关镇"] == 3 and ranked["县教育局"] == 1
    assert {"青山镇", "县委办", "县应急管理局"} <= set(ranked) and "示范县" not in ranked
    assert "城关镇 3件" in reply.text and "县教育局 1件" in reply.text
    towns = say("各乡镇本月发文排名", user="王五").data["ranking"]
    assert {p["unit"] for p in towns} == {"城关镇", "青山镇", "白沙乡", "河口镇"}
    departments = say("各部门本月发文排名", user="王五").data["ranking"]
    assert {p["unit"] for p in departments} == {"县委办", "县教育局", "县卫健局", "县应急管理局"}


@pytest.mark.parametrize("text", ["生成汇报 示范县 今年1-11月", "生成汇报 全县 今年1-11月"])
def test_county_report_sums_the_county(county, say, text):
    reply = say(text, user="王五")
    assert reply.intent == "report"
    meetings = digest_total(county, MEETINGS, D(2026, 1, 1), D(2026, 11, 22)).value
    documents = digest_total(county, DOCS, D(2026, 1, 1), D(2026, 11, 22)).value
    assert (meetings, documents) == (3, 7)
    assert f"全县召开会议{meetings}次" in reply.text and f"发文{documents}件" in reply.text
    assert reply.data["figures"]["document.outgoing"]["count"] == documents


def test_year_on_year_of_an_unfinished_month_stops_at_today(county, say):
    reply = say("本月发文数，同比")
    figure = reply.data["figures"]["document.outgoing"]
    assert (figure["count"], figure["previous"]) == (3, 2)
    assert figure["previous_period"]["end"] == "2025-11-22"
    assert "同比增加50％" in reply.text and "去年同期2件" in reply.text and "截至11月22日" in reply.text


def test_report_of_an_unfinished_year_stops_at_today(county, say):
    reply = say("生成汇报 今年1-11月")
    assert "截至11月22日" in reply.text
    assert "镇级发文3件，同比增加50％" in reply.text
    assert reply.data["period"]["end"] == "2026-11-22"


@pytest.mark.parametrize("text, user", [("生成汇报 明年", "张三"), ("下月发文数", "张三"),
                                        ("下月发文数同比", "张三"), ("明年各乡镇发文排名", "王五")])
def test_future_period_is_refused(county, say, text, user):
    reply = say(text, user=user)
    assert "所问期间尚未开始" in reply.text and "％" not in reply.text and "\n" not in reply.text


def test_period_on_period_against_zero_said_once(county, say):
    reply = say("本月发文数环比")  # October: nothing, the ledger in use since 2025
    assert "上期为0，无法计算环比" in reply.text
    assert "上期0件" not in reply.text
