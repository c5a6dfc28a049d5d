"""Issue 12 item 8: ONE counting-rules preamble. "统计口径：X" is written once (bot.stats.counting_rules.preamble);
a count, a ranking, the dual-ledger comparison, the workbook and `recompute-scope` all say it with it,
with today's texts: a plain count or ranking leaves it out under 全口径, the others always say it."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot.calendar import Period
from bot.cli import main
from bot.stats import counting_rules
from bot.stats.rescope import ensure_current
from bot.stats.counting_rules import DEFAULT, preamble
from bot.xlsx import layout
from bot.xlsx.export import export_workbook
from paths import REPO_ROOT
from suite import NOW
from stats_scenario import switch_rules
from storage.models import Unit

CUSTOM = "统计口径：自定口径（不计培训会）"


def test_the_phrase():
    assert preamble(DEFAULT) == "统计口径：全口径"
    assert preamble(DEFAULT, unless_full=True) == ""
    named = counting_rules.parse({"name": "县委办口径"})
    assert preamble(named) == preamble(named, unless_full=True) == "统计口径：县委办口径"
    custom = counting_rules.parse({"categories": {"培训会": {"count": False, "kinds": ["meeting"], "keywords": ["培训会"]}}})
    assert preamble(custom, unless_full=True) == CUSTOM


def test_a_count_names_rules_other_than_the_full_scope(say, runtime, tmp_path):
    assert "统计口径" not in say("本月开了几次会").text
    switch_rules(runtime, tmp_path, 培训会=False)
    assert say("本月开了几次会").text.endswith(f"。{CUSTOM}。")


def test_a_ranking_names_rules_other_than_the_full_scope(say, runtime, tmp_path):
    assert "统计口径" not in say("各乡镇本月发文排名", user="王五").text
    switch_rules(runtime, tmp_path, 培训会=False)
    first = say("各乡镇本月发文排名", user="王五").text.splitlines()[0]
    assert first == f"各乡镇本月（2026-11-01至2026-11-30）发文排名（{CUSTOM}）："


def test_the_dual_ledger_comparison_always_names_its_rules(say, runtime, tmp_path):
    head = say("双台账比对 本月", user="李四").text.splitlines()[0]
    assert head.startswith("双台账比对（城关镇，本月（2026-11-01至2026-11-30），统计口径：全口径）")
    switch_rules(runtime, tmp_path, 培训会=False)
    assert f"，{CUSTOM}）" in say("双台账比对 本月", user="李四").text.splitlines()[0]


@pytest.mark.parametrize("rules", [DEFAULT, counting_rules.parse(
    {"categories": {"培训会": {"count": False, "kinds": ["meeting"], "keywords": ["培训会"]}}})])
def test_every_sheet_of_the_workbook_names_its_rules(rules, demo_db, tmp_path):
    with demo_db.session() as s:
        ensure_current(s, rules)
        units = list(s.scalars(select(Unit).order_by(Unit.id)))
        export_workbook(s, units, Period(NOW.date().replace(day=1), NOW.date(), "本月"), tmp_path / "t.xlsx",
                        rules, "示范县", NOW)
    workbook = load_workbook(tmp_path / "t.xlsx")
    for sheet in workbook.worksheets:
        subtitle = str(sheet.cell(row=layout.SUBTITLE_ROW, column=1).value)
        assert f"　{preamble(rules)}　导出时间：" in subtitle, sheet.title


def test_recompute_scope_names_its_rules(db, capsys):
    assert main(["recompute-scope", "--db", db.url]) == 0
    assert capsys.readouterr().out.startswith("统计口径：全口径。已重新判定")


def test_the_phrase_is_written_once():
    for folder in ("bot", "handlers", "storage", "config"):
        for path in (REPO_ROOT / folder).rglob("*.py"):
            if path.name == "counting_rules.py" and path.parent.name == "stats":
                continue
            source = path.read_text(encoding="utf-8")
            assert 'f"统计口径：' not in source and "（统计口径：" not in source and "，统计口径：" not in source, path
