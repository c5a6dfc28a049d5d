"""Issue 7: the 台账 workbook — export then import round-trips every field; one bad row imports nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import func, select

from bot.clock import TZ
from bot.stats import counting_rules
from bot.stats.rescope import ensure_current
from bot.xlsx.export import export_workbook
from xlsx_support import NOVEMBER, RULES, export, run_import, wipe
from suite import NOW
from storage import repo
from storage.models import Baseline, Entry, EntryEvent, Member, Unit

FIELDS = [f for f in repo.ENTRY_FIELDS] + ["raw_text", "created_by"]


def make_ledger(db) -> None:
    with db.session() as s:
        units = {u.name: u for u in s.scalars(select(Unit))}
        zhang = s.scalars(select(Member).where(Member.name == "张三")).one()
        town, other = units["城关镇"].id, units["青山镇"].id
        repo.create_entry(
            s, zhang, unit_id=town, kind="meeting", direction="outgoing", subtype="专题会", title="全镇安全生产工作会",
            occurs_on=dt.date(2026, 11, 4), starts_at=dt.datetime(2026, 11, 4, 9, 30, tzinfo=TZ),
            duration_minutes=90, quantity=1, attendees_count=12, attendees_scope="村", attendees_text="各村支书、主任",
            scale=40, location="镇政府三楼会议室", counterpart=None, status="approved", filing_required=True,
            decision_note="同意，压缩至90分钟", archive_note=None, raw_text="明天上午9:30开安全生产会，12个村参加",
            flags=[{"list": "会议“八不开”", "item": 3, "text": "会议时长超过规定", "source": "示例来源"}],
            created_by=zhang.id, created_at=dt.datetime(2026, 11, 3, 8, 15, 7, tzinfo=TZ),
        )
        repo.create_entry(s, zhang, unit_id=town, kind="meeting", direction="outgoing", title="全镇业务培训会",
                          occurs_on=dt.date(2026, 11, 11), status="archived", archive_note="已备案，会议纪要存档",
                          created_by=zhang.id)
        repo.create_entry(s, None, unit_id=town, kind="meeting", direction="incoming", title="参加县防汛视频会议",
                          occurs_on=dt.date(2026, 11, 6), counterpart="县应急管理局")
        repo.create_entry(s, zhang, unit_id=town, kind="document", direction="outgoing", subtype="党委发文",
                          title="关于做好冬季安全生产工作的通知", occurs_on=dt.date(2026, 11, 3), quantity=2,
                          counterpart="各村（社区）", status="rejected", decision_note="不同意：可电话通知")
        repo.create_entry(s, None, unit_id=town, kind="document", direction="incoming", title="县委办来文",
                          occurs_on=dt.date(2026, 11, 2), quantity=3, counterpart="县委办")
        repo.create_entry(s, None, unit_id=town, kind="inspection", direction="incoming", subtype="考核",
                          title="县考核办年度考核", occurs_on=dt.date(2026, 11, 13),
                          starts_at=dt.datetime(2026, 11, 13, 14, 0, tzinfo=TZ), duration_minutes=120,
                          location="镇党委会议室", counterpart="县考核办", status="filed")
        repo.create_entry(s, None, unit_id=town, kind="report", direction="outgoing", title="各村报送防汛物资清单",
                          occurs_on=dt.date(2026, 11, 9), attendees_count=12, attendees_scope="村")
        repo.create_entry(s, None, unit_id=other, kind="document", direction="outgoing", occurs_on=dt.date(2026, 11, 9),
                          quantity=4)
        voided = repo.create_entry(s, None, unit_id=town, kind="document", direction="outgoing",
                                   occurs_on=dt.date(2026, 11, 20))
        repo.void_entry(s, voided, None)
        for month, count in ((10, 5), (11, 4)):
            s.add(Baseline(unit_id=town, kind="document", direction="outgoing", subtype=None, year=2025,
                           month=month, count=count))
        s.add(Baseline(unit_id=town, kind="document", direction="outgoing", subtype="党委发文", year=2025,
                       month=11, count=1))
        ensure_current(s, RULES)


def snapshot(db) -> list[tuple]:
    with db.session() as s:
        rows = []
        for e in s.scalars(select(Entry).where(Entry.status != "voided")):
            values = [repo._plain(getattr(e, f)) for f in FIELDS]
            rows.append((*values, e.created_at.replace(microsecond=0).isoformat()))
        return sorted(rows, key=repr)


def baselines(db) -> list[tuple]:
    with db.session() as s:
        rows = [(b.unit_id, b.kind, b.direction, b.subtype, b.year, b.month, b.count)
                for b in s.scalars(select(Baseline))]
        return sorted(rows, key=repr)


def units_of(db) -> list[Unit]:
    with db.session() as s:
        return list(s.scalars(select(Unit).order_by(Unit.id)))








def live_count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Entry.id)).where(Entry.status != "voided"))


def test_export_then_import_round_trips_every_field(demo_db, tmp_path):
    make_ledger(demo_db)
    before, stored = snapshot(demo_db), baselines(demo_db)
    assert len(before) == 8
    path = tmp_path / "台账.xlsx"
    export(demo_db, path)
    wipe(demo_db)
    report = run_import(demo_db, path)
    assert report.ok, report.errors
    assert report.entries == 8 and report.baselines_added == 3
    assert snapshot(demo_db) == before
    assert baselines(demo_db) == stored
    with demo_db.session() as s:
        actions = set(s.scalars(select(EntryEvent.action)))
        assert actions == {"import"}


def test_workbook_is_laid_out_as_a_government_ledger(demo_db, tmp_path):
    make_ledger(demo_db)
    path = tmp_path / "台账.xlsx"
    export(demo_db, path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["汇总", "会议", "文件", "督查检查考核", "材料报送", "已撤销", "双台账比对", "基数"]
    ws = wb["会议"]
    assert ws["A1"].value == "示范县2026年11月会议台账" and ws["A1"].font.bold
    assert f"A1:{get_column_letter(ws.max_column)}1" in {str(r) for r in ws.merged_cells.ranges}
    headers = [c.value for c in ws[3]]
    assert headers[:7] == ["序号", "单位", "类别", "细类", "日期", "时间", "会议名称"]
    assert {"参会单位数", "参会范围", "参会人员", "规模（人）", "统计口径", "口径说明", "录入人", "录入时间"} <= set(headers)
    first = [c for c in ws[4]]
    assert first[0].value == 1 and first[4].number_format == "yyyy-mm-dd" and first[5].number_format == "hh:mm"
    assert ws.column_dimensions["G"].width == 36 and ws.freeze_panes == "A4"
    summary = wb["汇总"]
    assert [c.value for c in summary[3]][:3] == ["序号", "单位", "召开会议（次）"]
    total_row = next(row for row in summary.iter_rows(values_only=True) if row[0] == "合计")
    assert total_row[2] == 2  # two meetings held this month, both counted (与去年同期比较 follows below)
    comparison = wb["双台账比对"]
    assert [c.value for c in comparison[3]][:6] == ["序号", "单位", "类别", "日常工作台账", "减负统计台账", "差额"]


def test_comparison_sheet_lists_every_difference(demo_db, tmp_path):
    make_ledger(demo_db)
    rules = counting_rules.parse({"categories": {"培训会": {"count": False, "kinds": ["meeting"],
                                                         "keywords": ["培训会"]}}})
    with demo_db.session() as s:
        ensure_current(s, rules)
        units = list(s.scalars(select(Unit).order_by(Unit.id)))
        export_workbook(s, units, NOVEMBER, tmp_path / "t.xlsx", rules, "示范县", NOW)
    ws = load_workbook(tmp_path / "t.xlsx")["双台账比对"]
    cells = [[c.value for c in row] for row in ws.iter_rows()]
    detail = next(i for i, row in enumerate(cells) if row[0] and str(row[0]).startswith("差异明细"))
    assert cells[detail][0] == "差异明细（共1条）"
    row = cells[detail + 2]
    assert row[2] == "城关镇" and row[3] == "召开会议" and row[5] == "全镇业务培训会" and "培训会" in row[7]


def test_one_bad_row_imports_nothing_and_every_bad_row_is_reported(demo_db, tmp_path):
    make_ledger(demo_db)
    path = tmp_path / "台账.xlsx"
    export(demo_db, path)
    wipe(demo_db)
    wb = load_workbook(path)
    meetings, documents, base = wb["会议"], wb["文件"], wb["基数"]
    headers = {c.value: c.column for c in meetings[3]}
    meetings.cell(row=5, column=headers["日期"], value="2026-13-45")
    meetings.cell(row=6, column=headers["单位"], value="不存在镇")
    doc_headers = {c.value: c.column for c in documents[3]}
    documents.cell(row=4, column=doc_headers["类别"], value="召开会议")
    documents.cell(row=5, column=doc_headers["件数"], value="两件")
    base_headers = {c.value: c.column for c in base[3]}
    base.cell(row=4, column=base_headers["月份"], value=13)
    wb.save(path)

    report = run_import(demo_db, path)
    assert not report.ok and not report.written
    assert report.errors == [
        "《会议》第5行：日期“2026-13-45”无法识别（应如2025-03-05）",
        "《会议》第6行：单位“不存在镇”不在本系统组织架构中",
        "《文件》第4行：类别“召开会议”不属于文件台账",
        "《文件》第5行：数量“两件”应为1至100000的整数",
        "《基数》第4行：月份“13”应为1至12的整数",
    ]
    assert live_count(demo_db) == 0 and baselines(demo_db) == []
    assert report.summary().startswith("导入失败，未导入任何数据。共5处错误")


def test_importing_the_same_file_twice_is_refused(demo_db, tmp_path):
    make_ledger(demo_db)
    path = tmp_path / "台账.xlsx"
    export(demo_db, path)
    report = run_import(demo_db, path)
    assert not report.ok and all("重复" in e for e in report.errors)
    assert len(report.errors) == 8
    assert live_count(demo_db) == 8


def test_hand_made_historical_ledger(demo_db, tmp_path):
    """A county's own 2025 workbook: a title row, its own header names, dates as text, no 台账编号."""
    wb = Workbook()
    ws = wb.active
    ws.title = "会议台账"
    ws.append(["城关镇2025年会议台账"])
    ws.append(["序号", "单位名称", "类别", "日期", "会议名称", "次数", "参会人数"])
    ws.append([1, "城关镇", "召开会议", "2025年3月5日", "春耕生产部署会", 1, 60])
    ws.append([2, "城关镇", "参加会议", "2025/4/8", "全县经济工作会", "", ""])
    ws.append([None] * 7)
    ws.append(["合计", "", "", "", "", 2, ""])
    base = wb.create_sheet("基数")
    base.append(["单位", "类别", "细类", "年份", "月份", "件数"])
    base.append(["城关镇", "发文", "党委", 2025, 11, 3])
    path = tmp_path / "历史台账.xlsx"
    wb.save(path)
    report = run_import(demo_db, path)
    assert report.ok, report.errors
    assert report.entries == 2 and report.baselines_added == 1
    with demo_db.session() as s:
        held = s.scalars(select(Entry).where(Entry.direction == "outgoing")).one()
        assert (held.occurs_on, held.title, held.scale, held.in_scope) == (dt.date(2025, 3, 5), "春耕生产部署会", 60, True)
        assert held.scope_reason == "计入：全口径"
        assert s.scalars(select(Baseline.subtype)).one() == "党委发文"
    # importing baselines again replaces, never doubles
    wb2 = Workbook()
    wb2.active.title = "基数"
    wb2.active.append(["单位", "类别", "细类", "年份", "月份", "件数"])
    wb2.active.append(["城关镇", "发文", "党委发文", 2025, 11, 5])
    wb2.save(tmp_path / "基数.xlsx")
    again = run_import(demo_db, tmp_path / "基数.xlsx")
    assert again.ok and again.baselines_updated == 1 and baselines(demo_db)[0][-1] == 5


def test_dry_run_writes_nothing(demo_db, tmp_path):
    make_ledger(demo_db)
    path = tmp_path / "台账.xlsx"
    export(demo_db, path)
    wipe(demo_db)
    report = run_import(demo_db, path, dry_run=True)
    assert report.ok and not report.written and live_count(demo_db) == 0


@pytest.mark.parametrize("content", [b"", b"not a workbook", b"PK\x03\x04broken"])
def test_unreadable_file_is_a_clear_error(demo_db, tmp_path, content):
    from bot.xlsx.importer import ImportFileError

    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match="无法读取"):
        run_import(demo_db, path)
