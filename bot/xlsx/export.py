"""Write the ledger of some units and a period as a government 台账 workbook (openpyxl).

Sheets: 汇总 (statistics-ledger figures per unit and activity), one per kind with every live entry
(the daily ledger; its 统计口径 column marks the statistics ledger), 已撤销 (voided entries, with who
voided them and when: never deleted, but no part of any count, so kept off the kind sheets), 双台账比对
(both ledgers side by side and every entry that differs, with its reason) and 基数 (baselines of the
units for the period's years and the year before).

Rule warnings are written as a reader cites them — the list's name, 第N条, the rule's text and its
source — never as the internal item code (UNFILED, R-ANNUAL).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.calendar import Period, is_whole_months
from bot.clock import TZ
from bot.labels import ACTIVITY, MEASURE, STATUS_NAMES, activity
from bot.stats.counts import combined, figures
from bot.stats.ledgers import compare_ledgers
from bot.stats.counting_rules import CountingRules, preamble
from bot.stats.measures import Measure
from bot.stats.periods import as_of, as_of_text
from bot.xlsx import layout
from bot.xlsx.cells import neutralise
from bot.xlsx.layout import COLUMNS, Column
from storage.models import Baseline, Entry, EntryEvent, Member, Unit

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
TITLE_FONT = Font(name="宋体", size=16, bold=True)
HEADER_FONT = Font(name="宋体", size=11, bold=True)
BODY_FONT = Font(name="宋体", size=10)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=False)
WRAP = Alignment(horizontal="left", vertical="center", wrap_text=True)


@dataclass
class ExportResult:
    path: Path
    entries: int
    differences: int
    baselines: int


def period_name(period: Period) -> str:
    """2026年11月 / 2026年 / 2026年1－11月 / 2026-11-01至2026-11-15: for titles and file names."""
    start, end = period.start, period.end
    if is_whole_months(period) and start.year == end.year:
        if (start.month, end.month) == (1, 12):
            return f"{start.year}年"
        if start.month == end.month:
            return f"{start.year}年{start.month}月"
        return f"{start.year}年{start.month}－{end.month}月"
    return f"{start.isoformat()}至{end.isoformat()}"


def export_workbook(session: Session, units: Sequence[Unit], period: Period, path: Path,
                    rules: CountingRules, scope_name: str, now: dt.datetime) -> ExportResult:
    ids = [u.id for u in units]
    names = {u.id: u.name for u in units}
    every = list(session.scalars(
        select(Entry).where(Entry.unit_id.in_(ids), Entry.occurs_on >= period.start,
                            Entry.occurs_on <= period.end)
        .order_by(Entry.occurs_on, Entry.id)
    )) if ids else []
    entries = [e for e in every if e.status != "voided"]
    voided = [e for e in every if e.status == "voided"]
    voids = _void_events(session, [e.id for e in voided])
    people = {e.created_by for e in every if e.created_by} | {v.member_id for v in voids.values() if v.member_id}
    creators = {m.id: m.name for m in session.scalars(select(Member).where(Member.id.in_(people)))} if people else {}
    subtitle = (f"统计期间：{period.start.isoformat()}至{period.end.isoformat()}　"
                f"{preamble(rules)}　导出时间：{now.astimezone(TZ):%Y-%m-%d %H:%M}")
    when = period_name(period)

    wb = Workbook()
    summary = wb.active
    summary.title = layout.SUMMARY_SHEET
    comparison = compare_ledgers(session, units, period, rules.label)
    _summary_sheet(summary, units, comparison, f"{scope_name}{when}减负统计台账汇总", subtitle)
    _year_on_year(summary, session, units, period, now.astimezone(TZ).date())
    for kind, sheet_name in layout.SHEETS.items():
        rows = [e for e in entries if e.kind == kind]
        _entry_sheet(wb.create_sheet(sheet_name), kind, rows, names, creators,
                     f"{scope_name}{when}{sheet_name}台账", subtitle)
    _entry_sheet(wb.create_sheet(layout.VOIDED_SHEET), None, voided, names, creators,
                 f"{scope_name}{when}已撤销事项（不计入统计）", subtitle, voids)
    _comparison_sheet(wb.create_sheet(layout.COMPARISON_SHEET), comparison,
                      f"{scope_name}{when}双台账比对", subtitle)
    years = sorted({period.start.year - 1, *range(period.start.year, period.end.year + 1)})
    baselines = list(session.scalars(
        select(Baseline).where(Baseline.unit_id.in_(ids), Baseline.year.in_(years))
        .order_by(Baseline.unit_id, Baseline.year, Baseline.month, Baseline.kind, Baseline.direction, Baseline.id)
    )) if ids else []
    if baselines:
        _baseline_sheet(wb.create_sheet(layout.BASELINE_SHEET), baselines, names,
                        f"{scope_name}月度基数（同比依据）", subtitle)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return ExportResult(path, len(entries), len(comparison.differences), len(baselines))


# --- sheets ------------------------------------------------------------------------------------

def _void_events(session: Session, entry_ids: list[int]) -> dict[int, EntryEvent]:
    """Each voided entry's (last) 撤销 event: who voided it and when."""
    if not entry_ids:
        return {}
    found: dict[int, EntryEvent] = {}
    for event in session.scalars(select(EntryEvent).where(EntryEvent.entry_id.in_(entry_ids),
                                                          EntryEvent.action == "void").order_by(EntryEvent.id)):
        found[event.entry_id] = event
    return found


def _entry_sheet(ws: Worksheet, kind: str | None, entries: list[Entry], unit_names: dict[int, str],
                 creators: dict[int, str], title: str, subtitle: str,
                 voids: dict[int, EntryEvent] | None = None) -> None:
    """One kind's sheet, or (kind None) the 已撤销 sheet of every kind with the 撤销人/撤销时间 columns."""
    values = [_entry_values(e, i, unit_names, creators) for i, e in enumerate(entries, 1)]
    if voids is not None:
        for row, entry in zip(values, entries, strict=True):
            event = voids.get(entry.id)
            if event is not None:
                row["voided_by"] = creators.get(event.member_id) if event.member_id else None
                row["voided_at"] = event.at.astimezone(TZ).replace(tzinfo=None, microsecond=0)
    shown = layout.ALL if kind is None else (kind,)
    columns = [c for c in COLUMNS if set(shown) <= set(c.kinds) or c.key in ("seq",) or _any(values, c.key)
               or (kind is None and c.key in ("voided_by", "voided_at"))]
    _heading(ws, title, subtitle, len(columns))
    for col, column in enumerate(columns, 1):
        _header_cell(ws, col, column.header_for(kind) if kind else column.header)
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = column.width
        if column.hidden:
            ws.column_dimensions[letter].hidden = True
    for r, row in enumerate(values, layout.FIRST_DATA_ROW):
        for col, column in enumerate(columns, 1):
            _body_cell(ws, r, col, row.get(column.key), column)
    ws.freeze_panes = ws.cell(row=layout.FIRST_DATA_ROW, column=1)
    _print_setup(ws)


def _entry_values(entry: Entry, seq: int, unit_names: dict[int, str], creators: dict[int, str]) -> dict[str, Any]:
    starts = entry.starts_at.astimezone(TZ) if entry.starts_at else None
    created = entry.created_at.astimezone(TZ).replace(tzinfo=None, microsecond=0) if entry.created_at else None
    flags = list(entry.flags or [])
    return {
        "seq": seq,
        "unit": unit_names.get(entry.unit_id, ""),
        "activity": activity(entry.kind, entry.direction),
        "subtype": entry.subtype,
        "occurs_on": entry.occurs_on,
        "time": starts.time().replace(tzinfo=None) if starts else None,
        "title": entry.title,
        "doc_number": entry.doc_number,
        "location": entry.location,
        "duration_minutes": entry.duration_minutes,
        "quantity": entry.quantity,
        "attendees_count": entry.attendees_count,
        "attendees_scope": entry.attendees_scope,
        "attendees_text": entry.attendees_text,
        "scale": entry.scale,
        "counterpart": entry.counterpart,
        "status": STATUS_NAMES.get(entry.status, entry.status),
        "filing_required": "是" if entry.filing_required else None,
        "decision_note": entry.decision_note,
        "archive_note": entry.archive_note,
        "in_scope": "计入" if entry.in_scope else "不计入",
        "scope_reason": entry.scope_reason,
        "flags": "\n".join(flag_text(f) for f in flags) or None,
        "created_by": creators.get(entry.created_by) if entry.created_by else None,
        "created_at": created,
        "raw_text": entry.raw_text,
        "entry_id": entry.id,
        "flags_data": json.dumps(flags, ensure_ascii=False) if flags else None,
    }


def flag_text(flag: Any) -> str:
    """A rule warning as a reader cites it: 会议负面清单第3条“…”（来源：…）；未履行报备程序.

    The rule's place in its list is its `number`; `item` is the stable internal id (M03, UNFILED,
    R-ANNUAL) that flags and statistics key on and is never shown. A flag with neither list nor
    number (an old import's plain text) is its text."""
    if not isinstance(flag, dict):
        return str(flag)
    head = str(flag.get("list") or "")
    number = flag.get("number")
    if head and isinstance(number, int) and not isinstance(number, bool):
        head += f"第{number}条"
    text = str(flag.get("text") or "")
    quoted = f"“{text}”" if head and text else text
    source = f"（来源：{flag['source']}）" if flag.get("source") else ""
    reason = str(flag.get("reason") or "")
    tail = f"；{reason}" if reason and reason not in text else ""
    return f"{head}{quoted}{source}{tail}"


def _summary_sheet(ws: Worksheet, units: Sequence[Unit], comparison: Any, title: str, subtitle: str) -> None:
    pairs = list(ACTIVITY)
    headers = ["序号", "单位", *[f"{ACTIVITY[p]}（{MEASURE[p[0]]}）" for p in pairs]]
    _heading(ws, title, subtitle, len(headers))
    for col, header in enumerate(headers, 1):
        _header_cell(ws, col, header)
        ws.column_dimensions[get_column_letter(col)].width = 6 if col == 1 else (16 if col == 2 else 13)
    stats = {(r.unit, r.kind, r.direction): r.statistics for r in comparison.rows}
    totals = [0] * len(pairs)
    row = layout.FIRST_DATA_ROW
    for seq, unit in enumerate(units, 1):
        values = [stats.get((unit.name, k, d), 0) for k, d in pairs]
        totals = [a + b for a, b in zip(totals, values, strict=True)]
        for col, value in enumerate([seq, unit.name, *values], 1):
            _plain_cell(ws, row, col, value)
        row += 1
    for col, value in enumerate(["合计", "", *totals], 1):
        _plain_cell(ws, row, col, value, bold=True)
    ws.freeze_panes = ws.cell(row=layout.FIRST_DATA_ROW, column=3)
    _print_setup(ws)


def _year_on_year(ws: Worksheet, session: Session, units: Sequence[Unit], period: Period, today: dt.date) -> None:
    """与去年同期比较, below the 汇总 table: the figures and 同比 a statistics question gives
    (bot.stats.counts.figures and combined; a running period up to today in both years)."""
    counted = as_of(period, today)
    if not units or counted.start > today:
        return
    ids = [u.id for u in units]
    measures = [Measure(k, d) for k, d in ACTIVITY]
    found = figures(session, ids, measures, counted, "yoy")
    row = ws.max_row + 2
    cut = f"（{as_of_text(counted.end)}，去年同期同样截至该日）" if counted.end != period.end else ""
    ws.cell(row=row, column=1, value=neutralise(f"与去年同期比较{cut}")).font = HEADER_FONT
    row += 1
    for col, header in enumerate(YOY_HEADERS, 1):
        _header_cell(ws, col, header, row=row)
    row += 1
    seq = 0
    for measure in measures:
        lines = [(u.name, found[(u.id, measure)]) for u in units]
        lines = [(name, f) for name, f in lines if f.value or (f.previous is not None and f.previous.value)]
        if len(units) > 1:
            lines.append(("合计", combined(found, ids, measure, "yoy", ids[0])))
        for name, figure in lines:
            seq += 1
            previous = figure.previous
            before = previous.value if previous is not None else None
            source = (previous.source_text or "去年台账") if before is not None and previous is not None else ""
            values = [seq, name, measure.label, figure.value, before, figure.change(), source]
            for col, value in enumerate(values, 1):
                _plain_cell(ws, row, col, value, bold=name == "合计")
            row += 1


YOY_HEADERS = ("序号", "单位", "类别", "本期", "去年同期", "同比", "去年同期数据来源")


def _comparison_sheet(ws: Worksheet, comparison: Any, title: str, subtitle: str) -> None:
    headers = ["序号", "单位", "类别", "日常工作台账", "减负统计台账", "差额"]
    detail_headers = ["序号", "台账编号", "单位", "类别", "日期", "名称/事由", "数量", "不计入原因"]
    width = max(len(headers), len(detail_headers))
    _heading(ws, title, subtitle, width)
    for col, header in enumerate(headers, 1):
        _header_cell(ws, col, header)
    for col, w in enumerate((6, 12, 16, 14, 14, 30, 8, 40), 1):
        ws.column_dimensions[get_column_letter(col)].width = w
    row = layout.FIRST_DATA_ROW
    for seq, r in enumerate(comparison.rows, 1):
        for col, value in enumerate([seq, r.unit, activity(r.kind, r.direction), r.daily, r.statistics,
                                     r.difference], 1):
            _plain_cell(ws, row, col, value)
        row += 1
    for col, value in enumerate(["合计", "", "", comparison.daily_total, comparison.statistics_total,
                                 comparison.daily_total - comparison.statistics_total], 1):
        _plain_cell(ws, row, col, value, bold=True)
    row += 2
    ws.cell(row=row, column=1, value=f"差异明细（共{len(comparison.differences)}条）").font = HEADER_FONT
    row += 1
    for col, header in enumerate(detail_headers, 1):
        _header_cell(ws, col, header, row=row)
    row += 1
    for seq, d in enumerate(comparison.differences, 1):
        for col, value in enumerate([seq, d.entry_id, d.unit, d.what, d.occurs_on, d.title, d.quantity, d.reason], 1):
            cell = _plain_cell(ws, row, col, value)
            if col == 5:
                cell.number_format = layout.DATE_FORMAT
        row += 1
    _print_setup(ws)


def _baseline_sheet(ws: Worksheet, rows: list[Baseline], unit_names: dict[int, str], title: str, subtitle: str) -> None:
    _heading(ws, title, subtitle, len(layout.BASELINE_COLUMNS))
    for col, (_key, header, width) in enumerate(layout.BASELINE_COLUMNS, 1):
        _header_cell(ws, col, header)
        ws.column_dimensions[get_column_letter(col)].width = width
    for seq, b in enumerate(rows, 1):
        values = [seq, unit_names.get(b.unit_id, ""), activity(b.kind, b.direction), b.subtype, b.year, b.month, b.count]
        for col, value in enumerate(values, 1):
            _plain_cell(ws, layout.FIRST_DATA_ROW + seq - 1, col, value)
    ws.freeze_panes = ws.cell(row=layout.FIRST_DATA_ROW, column=1)
    _print_setup(ws)


# --- cells ---------------------------------------------------------------------------------------

def _heading(ws: Worksheet, title: str, subtitle: str, width: int) -> None:
    last = get_column_letter(max(width, 1))
    ws.merge_cells(f"A{layout.TITLE_ROW}:{last}{layout.TITLE_ROW}")
    ws.merge_cells(f"A{layout.SUBTITLE_ROW}:{last}{layout.SUBTITLE_ROW}")
    cell = ws.cell(row=layout.TITLE_ROW, column=1, value=neutralise(title))
    cell.font, cell.alignment = TITLE_FONT, CENTER
    ws.row_dimensions[layout.TITLE_ROW].height = 30
    cell = ws.cell(row=layout.SUBTITLE_ROW, column=1, value=neutralise(subtitle))
    cell.font, cell.alignment = BODY_FONT, Alignment(horizontal="right", vertical="center")
    ws.row_dimensions[layout.HEADER_ROW].height = 28


def _header_cell(ws: Worksheet, col: int, header: str, row: int = layout.HEADER_ROW) -> None:
    cell = ws.cell(row=row, column=col, value=neutralise(header))
    cell.font, cell.alignment, cell.fill, cell.border = HEADER_FONT, CENTER, HEADER_FILL, BORDER


def _body_cell(ws: Worksheet, row: int, col: int, value: Any, column: Column) -> None:
    cell = ws.cell(row=row, column=col, value=neutralise(value))
    cell.font, cell.border = BODY_FONT, BORDER
    cell.alignment = WRAP if column.wrap else (CENTER if column.key in ("seq", "quantity", "status", "in_scope")
                                               else LEFT)
    if column.number_format and value is not None:
        cell.number_format = column.number_format


def _plain_cell(ws: Worksheet, row: int, col: int, value: Any, bold: bool = False) -> Any:
    cell = ws.cell(row=row, column=col, value=neutralise(value))
    cell.font = HEADER_FONT if bold else BODY_FONT
    cell.border, cell.alignment = BORDER, CENTER if isinstance(value, int) or col == 1 else LEFT
    return cell


def _print_setup(ws: Worksheet) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{layout.HEADER_ROW}:{layout.HEADER_ROW}"


def _any(values: list[dict[str, Any]], key: str) -> bool:
    return any(v.get(key) not in (None, "") for v in values)
