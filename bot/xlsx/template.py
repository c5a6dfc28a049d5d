"""The empty import workbook (`python -m bot export-xlsx --template`): what a county fills in to bring
its old 台账 and last year's monthly figures (基数) into the bot.

Its sheets and headers are the ones `import-xlsx` reads (bot.xlsx.layout), so a filled template imports
as it is; the 类别, 状态 and 需报备 cells offer drop-down lists, and 单位 lists this database's units
when they fit in one list. Importing the untouched template validates and imports nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from bot.labels import ACTIVITY, STATUS_NAMES
from bot.xlsx import layout
from bot.xlsx.export import BODY_FONT, HEADER_FONT, TITLE_FONT, _header_cell, _heading

TEMPLATE_ROWS = 500  # rows the drop-down lists cover
EXCEL_LIST_LIMIT = 255  # characters an inline Excel list may hold

GUIDE = (
    ("用途", "把以往的台账（会议、文件、督查检查考核、材料报送）和上年度每月数量（基数，用于同比）导入减负助手。"),
    ("导入命令", ("先校验：python -m bot import-xlsx 本文件.xlsx --dry-run；无误后去掉 --dry-run 正式导入。"
               "校验和导入报告的条数相同。")),
    ("全部或全不", "任何一行有错，整份文件都不导入，并逐行列出错误（工作表、行号、原因）。改正后重新导入即可。"),
    ("表头", "第3行为表头，第4行起每行一条；可删去用不到的列，列的顺序不限。标题行、说明行可保留或删除。"),
    ("必填", "单位（须为组织文件中的单位全称或简称）、类别（下拉选择，如“召开会议”“收上级来文”）、日期（如2025-03-05）。"),
    ("可选", ("时间（09:30）、名称/事由、文号（如 县委发〔2025〕12号，仅文件表）、地点、时长（分钟）、数量（默认1）、"
            "涉及单位数、涉及范围、涉及人员、规模（人，仅会议）、对方单位、状态（默认已记录）、需报备（是/否）、"
            "审批意见、备案说明、录入人（本单位成员姓名，找不到则留空）、录入时间、原始记录。")),
    ("统计口径", "不从文件读取：导入后按本系统 config/counting_rules.yaml 的口径重新判定。"),
    ("重复", "与系统中已有台账的单位、类别、日期、细类、名称、数量都相同的行视为重复（同一文件导入两次），整份不导入。"),
    ("基数", ("每行：单位、类别、细类（可空，如“党委发文”）、年份、月份、数量，作为同比的依据。"
            "同一单位、类别、细类、年月再次导入时以新值为准。")),
    ("已撤销", "导出的台账中的“已撤销”工作表不导入。"),
)


def write_template(path: Path, unit_names: Sequence[str] = ()) -> Path:
    wb = Workbook()
    guide = wb.active
    guide.title = layout.GUIDE_SHEET
    _guide_sheet(guide)
    unit_list = _inline_list(unit_names)
    for kind, sheet_name in layout.SHEETS.items():
        _entry_sheet(wb.create_sheet(sheet_name), kind, unit_list)
    _baseline_sheet(wb.create_sheet(layout.BASELINE_SHEET), unit_list)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _guide_sheet(ws: Worksheet) -> None:
    ws.cell(row=1, column=1, value="减负助手台账导入模板 填写说明").font = TITLE_FONT
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 100
    for r, (topic, text) in enumerate(GUIDE, 3):
        ws.cell(row=r, column=1, value=topic).font = HEADER_FONT
        cell = ws.cell(row=r, column=2, value=text)
        cell.font = BODY_FONT
        cell.alignment = cell.alignment.copy(wrap_text=True)


def _entry_sheet(ws: Worksheet, kind: str, unit_list: str | None) -> None:
    columns = [layout.BY_KEY[k] for k in layout.TEMPLATE_KEYS
               if kind in layout.BY_KEY[k].kinds or k in ("seq", "attendees_text", "filing_required",
                                                          "decision_note", "archive_note", "raw_text")]
    _heading(ws, f"{layout.SHEETS[kind]}台账（导入模板）", "第3行为表头，第4行起每行一条；单位、类别、日期必填。",
             len(columns))
    for col, column in enumerate(columns, 1):
        _header_cell(ws, col, column.header_for(kind))
        ws.column_dimensions[get_column_letter(col)].width = column.width
    letters = {column.key: get_column_letter(col) for col, column in enumerate(columns, 1)}
    activities = ",".join(name for (k, _d), name in ACTIVITY.items() if k == kind)
    _validation(ws, letters["activity"], activities)
    _validation(ws, letters["status"], ",".join(STATUS_NAMES[s] for s in ("recorded", "approved", "archived")))
    _validation(ws, letters["filing_required"], "是,否")
    if unit_list:
        _validation(ws, letters["unit"], unit_list)
    for key in ("occurs_on", "time", "created_at"):
        if key in letters:
            fmt = layout.BY_KEY[key].number_format
            for row in range(layout.FIRST_DATA_ROW, layout.FIRST_DATA_ROW + TEMPLATE_ROWS):
                ws[f"{letters[key]}{row}"].number_format = fmt or "General"
    ws.freeze_panes = ws.cell(row=layout.FIRST_DATA_ROW, column=1)


def _baseline_sheet(ws: Worksheet, unit_list: str | None) -> None:
    _heading(ws, "月度基数（导入模板，同比依据）", "每行一个单位、类别、年月的数量；细类可空。", len(layout.BASELINE_COLUMNS))
    for col, (_key, header, width) in enumerate(layout.BASELINE_COLUMNS, 1):
        _header_cell(ws, col, header)
        ws.column_dimensions[get_column_letter(col)].width = width
    _validation(ws, "C", ",".join(ACTIVITY.values()))
    if unit_list:
        _validation(ws, "B", unit_list)
    ws.freeze_panes = ws.cell(row=layout.FIRST_DATA_ROW, column=1)


def _validation(ws: Worksheet, letter: str, choices: str) -> None:
    rule = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True, showErrorMessage=False)
    rule.add(f"{letter}{layout.FIRST_DATA_ROW}:{letter}{layout.FIRST_DATA_ROW + TEMPLATE_ROWS - 1}")
    ws.add_data_validation(rule)


def _inline_list(names: Sequence[str]) -> str | None:
    """The unit names as one Excel list, or None when they do not fit (then 单位 is typed)."""
    joined = ",".join(n for n in names if "," not in n and '"' not in n)
    return joined if joined and len(joined) <= EXCEL_LIST_LIMIT else None
