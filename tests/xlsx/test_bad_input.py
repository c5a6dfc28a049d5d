"""Review fixes: out-of-range numbers in an imported workbook and odd download tokens get a clear answer,
never a database error or a 500."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from bot.app import create_app
from bot.stats import counting_rules
from bot.xlsx.importer import MAX_NUMBER, import_workbook
from paths import REPO_ROOT
from storage.models import Baseline, Entry

RULES = counting_rules.load(REPO_ROOT / "config")
HEADER = ["序号", "单位", "类别", "日期", "会议名称", "次数", "时长", "涉及单位数", "参会人数", "规则提示数据"]
GOOD = [1, "城关镇", "召开会议", "2025-03-05", "春耕生产部署会", 1, 60, 3, 40, None]


def workbook(tmp_path: Path, *rows: list, baselines: list[list] | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "会议"
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    if baselines is not None:
        base = wb.create_sheet("基数")
        base.append(["单位", "类别", "细类", "年份", "月份", "件数"])
        for row in baselines:
            base.append(row)
    path = tmp_path / "台账.xlsx"
    wb.save(path)
    return path


def run_import(db, path: Path):
    with db.session() as s:
        return import_workbook(s, path, RULES)


def nothing_written(db) -> bool:
    with db.session() as s:
        return s.scalar(select(func.count(Entry.id))) == 0 and s.scalar(select(func.count(Baseline.id))) == 0


def with_value(column: str, value) -> list:
    row = list(GOOD)
    row[HEADER.index(column)] = value
    return row


@pytest.mark.parametrize("column, value, reason", [
    ("次数", 3_000_000_000, "数量“3000000000”应为1至100000的整数"),
    ("次数", MAX_NUMBER + 1, "数量“100001”应为1至100000的整数"),
    ("次数", 0, "数量“0”应为1至100000的整数"),
    ("次数", "9" * 5000, "应为1至100000的整数"),  # beyond int()'s 4300-digit limit
    ("时长", 3_000_000_000, "时长“3000000000”应为0至100000的整数"),
    ("涉及单位数", 2**31, f"涉及单位数“{2**31}”应为0至100000的整数"),
    ("参会人数", -1, "规模“-1”应为0至100000的整数"),
    ("参会人数", 1e12, "规模“1000000000000”应为0至100000的整数"),
])
def test_numbers_out_of_range_are_reported_by_row_and_nothing_is_written(demo_db, tmp_path, column, value, reason):
    report = run_import(demo_db, workbook(tmp_path, GOOD, with_value(column, value)))
    assert not report.ok and not report.written
    assert len(report.errors) == 1
    assert report.errors[0].startswith("《会议》第3行：") and reason in report.errors[0]
    assert nothing_written(demo_db)


def test_numbers_at_the_bounds_are_imported(demo_db, tmp_path):
    row = [2, "城关镇", "召开会议", "2025-03-06", "大会", MAX_NUMBER, 0, MAX_NUMBER, MAX_NUMBER, None]
    report = run_import(demo_db, workbook(tmp_path, GOOD, row, baselines=[["城关镇", "发文", "", 2025, 11, MAX_NUMBER]]))
    assert report.ok, report.errors
    with demo_db.session() as s:
        assert max(s.scalars(select(Entry.quantity))) == MAX_NUMBER
        assert s.scalars(select(Baseline.count)).one() == MAX_NUMBER


def test_baseline_count_out_of_range_is_reported(demo_db, tmp_path):
    report = run_import(demo_db, workbook(tmp_path, GOOD, baselines=[["城关镇", "发文", "", 2025, 11, 3_000_000_000]]))
    assert report.errors == ["《基数》第2行：数量“3000000000”应为0至100000的整数"]
    assert nothing_written(demo_db)


def test_deeply_nested_rule_flags_are_reported_not_raised(demo_db, tmp_path):
    report = run_import(demo_db, workbook(tmp_path, with_value("规则提示数据", "[" * 30000)))
    assert report.errors == ["《会议》第2行：规则提示数据不是有效的 JSON"]
    assert nothing_written(demo_db)


# --- download tokens ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/exports/a.%E4%B8%AD",
    "/exports/%E4%B8%AD",
    "/exports/%E4%B8%AD.%E4%B8%AD",
    "/exports/" + "A" * 40 + ".%C3%A9" + "A" * 42,
    "/exports/..",
    "/exports/a.b.c",
])
def test_tokens_with_odd_characters_are_not_found(runtime, path):
    client = create_app(runtime).test_client()
    assert client.get(path).status_code == 404
