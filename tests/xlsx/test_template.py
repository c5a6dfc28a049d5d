"""Issue 15 defect 8: the 台账 workbook — rule names a reader can cite instead of internal codes, a 文号
column (understood when said), voided entries on a sheet of their own, `export-xlsx --template` writes
the empty import workbook, and `import-xlsx --dry-run` reports the counts the real import does."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from paths import REPO_ROOT
from suite import NOW
from openpyxl import Workbook, load_workbook
from sqlalchemy import select
from xlsx_support import export, run_import, wipe

from bot.nlu import parse
from bot.xlsx import layout
from bot.xlsx.export import flag_text
from storage import repo
from storage.models import Baseline, Entry, Unit

CLI_NOW = "2026-11-22T10:00:00+08:00"


def sheet_rows(path: Path, name: str) -> list[dict[str, object]]:
    ws = load_workbook(path)[name]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=layout.HEADER_ROW)]
    headers = rows[0]
    return [dict(zip(headers, r, strict=True)) for r in rows[1:] if any(v is not None for v in r)]


def bot(db: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    out = subprocess.run([sys.executable, "-m", "bot", *args, "--db", db, "--now", CLI_NOW], cwd=REPO_ROOT,
                         env=env, capture_output=True, text=True, timeout=120, check=False)
    assert "Traceback" not in out.stderr, out.stderr
    return out


# --- rule names ------------------------------------------------------------------------------------

def test_rule_warnings_are_cited_by_name_never_by_internal_code(runtime, say, tmp_path):
    held = say("今天召开全县安全生产工作会议，80人，3小时")  # held without the filing it needed: 未报备
    with runtime.db.session() as s:
        entry = s.get(Entry, held.entry_ids[0])
        flags = list(entry.flags)
        annual = {"list": "年度发文只减不增", "item": "R-ANNUAL", "number": None,
                  "text": "年度实际发文数量一般只减不增", "source": "《整治形式主义为基层减负若干规定》（2024年）",
                  "verdict": "needs_approval", "reason": "超过上年度发文数量"}
        listed = {"list": "会议负面清单", "item": "M04", "number": 4, "text": "无实质内容的会议不开",
                  "source": "示例来源", "verdict": "forbidden", "reason": "无实质内容"}
        repo.amend_creation(s, entry, flags=[*flags, annual, listed])
    assert any(f.get("item") == "UNFILED" for f in flags)
    export(runtime.db, tmp_path / "t.xlsx")
    cell = sheet_rows(tmp_path / "t.xlsx", "会议")[0]["规则提示"]
    assert "UNFILED" not in cell and "R-ANNUAL" not in cell and "M04" not in cell and "第None条" not in cell
    lines = cell.splitlines()
    assert lines[0].startswith("事前报备“") and "未履行报备程序" in lines[0] and "（来源：" in lines[0]
    assert lines[1] == ("年度发文只减不增“年度实际发文数量一般只减不增”（来源：《整治形式主义为基层减负若干规定》"
                        "（2024年））；超过上年度发文数量")
    assert lines[2].startswith("会议负面清单第4条“无实质内容的会议不开”")
    assert flag_text({"text": "旧台账的提示"}) == "旧台账的提示"


# --- 文号 -------------------------------------------------------------------------------------------

def test_a_doc_number_is_understood_when_said():
    from bot.nlu.docnumber import find_doc_number

    got = parse("今天印发县委发〔2026〕12号文件", NOW)
    assert (got.intent, got.kind, got.direction, got.date) == ("record", "document", "outgoing", NOW.date())
    assert got.doc_number == "县委发〔2026〕12号"  # and its 12号 is not the 12th
    assert parse("昨天收到市委办发[2026]3号通知", NOW).doc_number == "市委办发〔2026〕3号"
    assert find_doc_number("县委办字（2026）第5号").value == "县委办字〔2026〕5号"
    assert find_doc_number("12号开会") is None
    assert parse("12号发文2件", NOW).doc_number is None


def test_the_doc_number_column_round_trips(runtime, say, tmp_path):
    recorded = say("今天印发县委发〔2026〕12号文件")
    assert "文号：县委发〔2026〕12号" in recorded.text
    export(runtime.db, tmp_path / "t.xlsx")
    row = sheet_rows(tmp_path / "t.xlsx", "文件")[0]
    assert row["文号"] == "县委发〔2026〕12号"
    assert "文号" not in [c.value for c in load_workbook(tmp_path / "t.xlsx")["会议"][layout.HEADER_ROW]]
    wipe(runtime.db)
    assert run_import(runtime.db, tmp_path / "t.xlsx").entries == 1
    with runtime.db.session() as s:
        assert s.scalar(select(Entry.doc_number)) == "县委发〔2026〕12号"


# --- voided entries -----------------------------------------------------------------------------------

def test_voided_entries_are_on_a_sheet_of_their_own(runtime, say, tmp_path):
    kept = say("今天发文2件").entry_ids[0]
    gone = say("昨天发文1件").entry_ids[0]
    say(f"撤销 #{gone}")
    export(runtime.db, tmp_path / "t.xlsx")
    assert [r["台账编号"] for r in sheet_rows(tmp_path / "t.xlsx", "文件")] == [kept]
    voided = sheet_rows(tmp_path / "t.xlsx", "已撤销")
    assert [(r["台账编号"], r["类别"], r["状态"], r["撤销人"]) for r in voided] == [(gone, "发文", "已撤销", "张三")]
    assert voided[0]["撤销时间"] is not None
    totals = next(r for r in sheet_rows(tmp_path / "t.xlsx", "汇总") if r["序号"] == "合计")
    assert totals["发文（件）"] == 2  # the voided one is in no count
    # the export imports as before: the 已撤销 sheet is the export's own and is skipped, not "ignored"
    wipe(runtime.db)
    report = run_import(runtime.db, tmp_path / "t.xlsx")
    assert report.ok and report.entries == 1 and not report.ignored_sheets


# --- the template and the dry run -------------------------------------------------------------------

def test_export_xlsx_template_writes_an_empty_import_workbook(tmp_path, db_url):
    db = db_url
    assert bot(db, "seed-demo").returncode == 0
    out = tmp_path / "模板.xlsx"
    made = bot(db, "export-xlsx", "--template", "--out", str(out))
    assert made.returncode == 0 and "已生成导入模板" in made.stdout
    wb = load_workbook(out)
    assert wb.sheetnames == ["填写说明", "会议", "文件", "督查检查考核", "材料报送", "基数"]
    headers = [c.value for c in wb["文件"][layout.HEADER_ROW]]
    assert headers[:5] == ["序号", "单位", "类别", "细类", "日期"] and "文号" in headers and "文件标题" in headers
    assert not {"统计口径", "口径说明", "台账编号", "规则提示数据"} & set(headers)
    assert [c.value for c in wb["基数"][layout.HEADER_ROW]] == ["序号", "单位", "类别", "细类", "年份", "月份", "数量"]
    assert all(ws.max_row <= layout.FIRST_DATA_ROW + 500 for ws in wb.worksheets)
    checked = bot(db, "import-xlsx", str(out), "--dry-run")
    assert checked.returncode == 0
    assert checked.stdout.strip() == "校验通过（未写入）：台账0条，基数新增0条、更新0条。"

    # filled in, it imports
    ws = wb["文件"]
    ws.append([1, "城关镇", "发文", "党委发文", dt.date(2025, 3, 5), "关于春耕的通知", "镇委发〔2025〕3号"])
    wb["基数"].append([1, "城关镇", "发文", None, 2025, 1, 6])
    wb.save(out)
    assert "台账1条，基数新增1条" in bot(db, "import-xlsx", str(out), "--dry-run").stdout
    assert "已导入：台账1条，基数新增1条、更新0条。" in bot(db, "import-xlsx", str(out)).stdout


def test_dry_run_reports_the_counts_the_import_does(demo_db, tmp_path):
    """41 valid baseline rows: the dry run says 基数新增41条, as the import then does."""
    wb = Workbook()
    ws = wb.active
    ws.title = "基数"
    ws.append(["序号", "单位", "类别", "细类", "年份", "月份", "数量"])
    seq = 0
    for unit in ("城关镇", "青山镇", "白沙乡", "河口镇"):
        for month in range(1, 11):
            seq += 1
            ws.append([seq, unit, "发文", None, 2025, month, month + 2])
    ws.append([41, "县委办", "召开会议", None, 2025, 1, 3])
    ws2 = wb.create_sheet("会议")
    ws2.append(["序号", "单位", "类别", "日期", "会议名称", "录入人"])
    ws2.append([1, "城关镇", "召开会议", dt.date(2025, 4, 2), "春耕动员会", "不在册的人"])
    path = tmp_path / "基数.xlsx"
    wb.save(path)
    with demo_db.session() as s:
        town = repo.unit_by_name(s, "城关镇")
        s.add(Baseline(unit_id=town.id, kind="document", direction="outgoing", subtype=None, year=2025, month=1,
                       count=99))
    dry = run_import(demo_db, path, dry_run=True)
    assert (dry.entries, dry.baselines_added, dry.baselines_updated, dry.unmatched_creators) == (1, 40, 1, 1)
    assert dry.summary().startswith("校验通过（未写入）：台账1条，基数新增40条、更新1条。")
    with demo_db.session() as s:
        assert s.scalar(select(Baseline.count).where(Baseline.month == 1, Baseline.unit_id == town.id)) == 99
    real = run_import(demo_db, path)
    assert (real.entries, real.baselines_added, real.baselines_updated, real.unmatched_creators) == (1, 40, 1, 1)
    assert real.summary().replace("已导入", "校验通过（未写入）") == dry.summary()
    with demo_db.session() as s:
        assert len(s.scalars(select(Unit)).all()) == 9


def test_the_readme_documents_the_import_format():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "export-xlsx --template" in readme and "import-xlsx" in readme and "--dry-run" in readme
    for header in ("单位", "类别", "日期", "文号", "基数", "年份", "月份"):
        assert header in readme
