"""Import historical ledgers and baselines from a 台账 workbook, all or nothing.

Every row is validated first; if any row is bad nothing is written and every bad row is reported with
its sheet, row number and reason. Recognised sheets: 会议, 文件, 督查检查考核, 材料报送 (entries) and
基数 (monthly baselines); 汇总, 双台账比对, 已撤销 and the template's 填写说明 are the export's own and
are skipped; any other sheet is reported as ignored. A dry run reports the very counts the import would
(entries, baselines added and updated, unmatched 录入人): the same plan, without the writing. The header
row is found by its 序号/日期 cells, so a title row above it is fine, and columns are matched by header
name (aliases in bot.xlsx.layout).

Decisions:
- 统计口径 columns are not taken from the file: in_scope and the reason are decided by this
  deployment's counting rules, like every other entry (the file's old 口径 may differ).
- 台账编号 is not kept: imported entries get new numbers. A row equal to a live entry already in the
  ledger (same unit, kind, direction, date, subtype, title and quantity) is refused as a duplicate,
  so importing the same file twice is caught.
- A baseline row replaces the stored one for the same unit, kind, direction, subtype, year and month.
- 录入人 is matched to a member of the row's unit by name; an unknown name is left empty.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from bot.clock import TZ
from bot.labels import STATUS_NAMES
from bot.nlu.docnumber import normalize_doc_number
from bot.stats.measures import group_key
from bot.stats.counting_rules import CountingRules
from bot.xlsx import layout
from bot.xlsx.cells import restore
from storage.models import STATUSES, Baseline, Entry, EntryEvent, Member, Unit
from storage.timeutil import utcnow

MAX_ERRORS_SHOWN = 200
# Counts, scales and minutes far beyond any real 台账 row are typos (and beyond PostgreSQL's integer).
MAX_NUMBER = 100_000
LENGTHS = {"subtype": 32, "title": 200, "location": 128, "attendees_scope": 64, "attendees_text": 200,
           "counterpart": 128, "doc_number": 64}
STATUS_WORDS = {name: code for code, name in STATUS_NAMES.items()} | {code: code for code in STATUSES}
YES = {"是", "true", "TRUE", "True", "1", "需要", "需报备", "计入"}
NO = {"否", "false", "FALSE", "False", "0", "不需要", "不计入", ""}
KIND_BY_SHEET = {name: kind for kind, name in layout.SHEETS.items()}
SKIPPED_SHEETS = (layout.SUMMARY_SHEET, layout.COMPARISON_SHEET, layout.VOIDED_SHEET, layout.GUIDE_SHEET)


class ImportFileError(ValueError):
    """The file cannot be read as a workbook at all."""


@dataclass
class ImportReport:
    entries: int = 0
    baselines_added: int = 0
    baselines_updated: int = 0
    errors: list[str] = field(default_factory=list)
    ignored_sheets: list[str] = field(default_factory=list)
    unmatched_creators: int = 0
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if self.errors:
            shown = self.errors[:MAX_ERRORS_SHOWN]
            more = len(self.errors) - len(shown)
            lines = [f"导入失败，未导入任何数据。共{len(self.errors)}处错误：", *shown]
            if more:
                lines.append(f"……另有{more}处错误未列出。")
            return "\n".join(lines)
        verb = "已导入" if self.written else "校验通过（未写入）"
        text = (f"{verb}：台账{self.entries}条，基数新增{self.baselines_added}条、"
                f"更新{self.baselines_updated}条。")
        if self.unmatched_creators:
            text += f"其中{self.unmatched_creators}条的录入人不在本系统成员中，已留空。"
        if self.ignored_sheets:
            text += f"未识别的工作表已忽略：{'、'.join(self.ignored_sheets)}。"
        return text


@dataclass
class _Row:
    sheet: str
    number: int
    fields: dict[str, Any]


def import_workbook(session: Session, path: Path, rules: CountingRules, dry_run: bool = False,
                    source: str | None = None) -> ImportReport:
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # not a zip, not xlsx, corrupted
        raise ImportFileError(f"无法读取 Excel 文件：{exc}") from exc
    report = ImportReport()
    units = _unit_lookup(session)
    entries: list[_Row] = []
    baselines: list[_Row] = []
    found_sheet = False
    for ws in wb.worksheets:
        name = ws.title.strip()
        if name in SKIPPED_SHEETS:
            continue
        kind = _sheet_kind(name)
        if kind is None and not name.startswith(layout.BASELINE_SHEET):
            report.ignored_sheets.append(name)
            continue
        found_sheet = True
        rows = list(ws.iter_rows(values_only=True))
        if kind is not None:
            entries += _read_entries(name, kind, rows, units, report.errors)
        else:
            baselines += _read_baselines(name, rows, units, report.errors)
    if not found_sheet:
        report.errors.append(f"未找到可导入的工作表（应为{'、'.join(layout.SHEETS.values())}或{layout.BASELINE_SHEET}）。")
    _check_duplicate_baselines(baselines, report.errors)
    _check_existing_entries(session, entries, report.errors)
    if report.errors:
        report.entries = len(entries)
        return report
    if dry_run:
        report.entries = len(entries)
        report.unmatched_creators = len(_unmatched_creators(session, entries))
        _plan_baselines(session, baselines, report, write=False)
        return report
    _write_entries(session, entries, rules, report, source or path.name)
    _plan_baselines(session, baselines, report, write=True)
    report.written = True
    return report


# --- reading -----------------------------------------------------------------------------------

def _sheet_kind(name: str) -> str | None:
    for sheet, kind in KIND_BY_SHEET.items():
        if name == sheet or name.startswith(sheet):
            return kind
    return None


def _header_row(rows: list[tuple[Any, ...]], names: set[str]) -> int | None:
    for index, row in enumerate(rows[:10]):
        cells = {str(v).strip() for v in row if v is not None}
        if "序号" in cells or len(cells & names) >= 3:
            return index
    return None


def _read_entries(sheet: str, kind: str, rows: list[tuple[Any, ...]], units: dict[str, Unit],
                  errors: list[str]) -> list[_Row]:
    at = _header_row(rows, set(layout.HEADER_TO_KEY))
    if at is None:
        errors.append(f"《{sheet}》：未找到表头行（应含“序号”“单位”“类别”“日期”等列）。")
        return []
    keys = [layout.HEADER_TO_KEY.get(str(v).strip()) if v is not None else None for v in rows[at]]
    missing = [h for k, h in (("unit", "单位"), ("activity", "类别"), ("occurs_on", "日期")) if k not in keys]
    if missing:
        errors.append(f"《{sheet}》：缺少“{'”“'.join(missing)}”列。")
        return []
    found = []
    for offset, raw in enumerate(rows[at + 1:], start=at + 2):
        values = {k: restore(v) for k, v in zip(keys, raw, strict=False) if k is not None}
        if all(_blank(v) for v in values.values()):
            continue
        if str(values.get("seq") or "").strip() in ("合计", "小计", "总计"):
            continue
        problems: list[str] = []
        fields = _entry_fields(kind, values, units, problems)
        where = f"《{sheet}》第{offset}行"
        errors.extend(f"{where}：{p}" for p in problems)
        if not problems:
            found.append(_Row(sheet, offset, fields))
    return found


def _entry_fields(kind: str, v: dict[str, Any], units: dict[str, Unit], problems: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": kind}
    unit = _text(v.get("unit"))
    if not unit:
        problems.append("单位为空")
    elif unit not in units:
        problems.append(f"单位“{unit}”不在本系统组织架构中")
    else:
        out["unit_id"] = units[unit].id
    what = _text(v.get("activity"))
    pair = layout.ACTIVITY_WORDS.get(what or "")
    if not what:
        problems.append("类别为空")
    elif pair is None:
        problems.append(f"类别“{what}”无法识别（如“召开会议”“收上级来文”）")
    elif pair[0] != kind:
        problems.append(f"类别“{what}”不属于{layout.SHEETS[kind]}台账")
    else:
        out["direction"] = pair[1]
    day = _date(v.get("occurs_on"))
    if day is None:
        problems.append("日期为空" if _blank(v.get("occurs_on"))
                        else f"日期“{_show(v.get('occurs_on'))}”无法识别（应如2025-03-05）")
    else:
        out["occurs_on"] = day
    start = None
    if not _blank(v.get("time")):
        start = _time(v.get("time"))
        if start is None:
            problems.append(f"时间“{_show(v.get('time'))}”无法识别（应如09:30）")
    out["starts_at"] = dt.datetime.combine(day, start, tzinfo=TZ) if (start and day) else None
    quantity = _int(v.get("quantity"), default=1)
    if quantity is None or not 1 <= quantity <= MAX_NUMBER:
        problems.append(f"数量“{_show(v.get('quantity'))}”应为1至{MAX_NUMBER}的整数")
    out["quantity"] = quantity
    for key, label in (("duration_minutes", "时长"), ("attendees_count", "涉及单位数"), ("scale", "规模")):
        number = _int(v.get(key), default=None)
        if not _blank(v.get(key)) and (number is None or not 0 <= number <= MAX_NUMBER):
            problems.append(f"{label}“{_show(v.get(key))}”应为0至{MAX_NUMBER}的整数")
        out[key] = number
    for key in ("subtype", "title", "location", "attendees_scope", "attendees_text", "counterpart", "doc_number"):
        text = normalize_doc_number(_text(v.get(key))) if key == "doc_number" else _text(v.get(key))
        if text and len(text) > LENGTHS[key]:
            problems.append(f"{layout.BY_KEY[key].header_for(kind)}超过{LENGTHS[key]}字")
        out[key] = text
    for key in ("decision_note", "archive_note", "raw_text"):
        out[key] = _text(v.get(key))
    status = _text(v.get("status")) or "已记录"
    if status not in STATUS_WORDS:
        problems.append(f"状态“{status}”无法识别（应为{'、'.join(STATUS_NAMES.values())}）")
    out["status"] = STATUS_WORDS.get(status, "recorded")
    filing = _text(v.get("filing_required")) or ""
    if filing not in YES | NO:
        problems.append(f"需报备“{filing}”应为“是”或“否”")
    out["filing_required"] = filing in YES
    out["flags"] = _flags(v.get("flags_data"), v.get("flags"), problems)
    out["creator_name"] = _text(v.get("created_by"))
    created = v.get("created_at")
    if not _blank(created):
        when = _datetime(created)
        if when is None:
            problems.append(f"录入时间“{_show(created)}”无法识别（应如2025-03-05 09:30:00）")
        out["created_at"] = when
    return out


def _read_baselines(sheet: str, rows: list[tuple[Any, ...]], units: dict[str, Unit], errors: list[str]) -> list[_Row]:
    at = _header_row(rows, set(layout.BASELINE_HEADERS))
    if at is None:
        errors.append(f"《{sheet}》：未找到表头行（应含“单位”“类别”“年份”“月份”“数量”）。")
        return []
    keys = [layout.BASELINE_HEADERS.get(str(v).strip()) if v is not None else None for v in rows[at]]
    missing = [h for k, h in (("unit", "单位"), ("activity", "类别"), ("year", "年份"), ("month", "月份"),
                              ("count", "数量")) if k not in keys]
    if missing:
        errors.append(f"《{sheet}》：缺少“{'”“'.join(missing)}”列。")
        return []
    found = []
    for number, raw in enumerate(rows[at + 1:], start=at + 2):
        v = {k: restore(x) for k, x in zip(keys, raw, strict=False) if k is not None}
        if all(_blank(x) for x in v.values()) or str(v.get("seq") or "").strip() in ("合计", "小计"):
            continue
        problems: list[str] = []
        out: dict[str, Any] = {}
        unit = _text(v.get("unit"))
        if not unit or unit not in units:
            problems.append("单位为空" if not unit else f"单位“{unit}”不在本系统组织架构中")
        else:
            out["unit_id"] = units[unit].id
        pair = layout.ACTIVITY_WORDS.get(_text(v.get("activity")) or "")
        if pair is None:
            problems.append(f"类别“{_show(v.get('activity'))}”无法识别（如“召开会议”“收上级来文”）")
        else:
            out["kind"], out["direction"] = pair
        subtype = _text(v.get("subtype"))
        out["subtype"] = group_key(pair[0], subtype) if (pair and subtype) else subtype
        year, month, count = _int(v.get("year"), None), _int(v.get("month"), None), _int(v.get("count"), None)
        if year is None or not 2000 <= year <= 2100:
            problems.append(f"年份“{_show(v.get('year'))}”应为2000至2100的整数")
        if month is None or not 1 <= month <= 12:
            problems.append(f"月份“{_show(v.get('month'))}”应为1至12的整数")
        if count is None or not 0 <= count <= MAX_NUMBER:
            problems.append(f"数量“{_show(v.get('count'))}”应为0至{MAX_NUMBER}的整数")
        out.update(year=year, month=month, count=count)
        errors.extend(f"《{sheet}》第{number}行：{p}" for p in problems)
        if not problems:
            found.append(_Row(sheet, number, out))
    return found


def _check_duplicate_baselines(rows: list[_Row], errors: list[str]) -> None:
    seen: dict[tuple[Any, ...], int] = {}
    for row in rows:
        f = row.fields
        key = (f["unit_id"], f["kind"], f["direction"], f["subtype"], f["year"], f["month"])
        if key in seen:
            errors.append(f"《{row.sheet}》第{row.number}行：与第{seen[key]}行重复（同一单位、类别、细类、年月）")
        else:
            seen[key] = row.number


def _entry_key(f: dict[str, Any]) -> tuple[Any, ...]:
    return (f["unit_id"], f["kind"], f["direction"], f["occurs_on"], f.get("subtype"), f.get("title"), f["quantity"])


def _check_existing_entries(session: Session, rows: list[_Row], errors: list[str]) -> None:
    """Refuse rows equal to live entries already in the ledger (the same file imported twice)."""
    if not rows:
        return
    days = [r.fields["occurs_on"] for r in rows]
    unit_ids = sorted({r.fields["unit_id"] for r in rows})
    existing: Counter[tuple[Any, ...]] = Counter()
    ids: dict[tuple[Any, ...], int] = {}
    query = select(Entry.id, Entry.unit_id, Entry.kind, Entry.direction, Entry.occurs_on, Entry.subtype,
                   Entry.title, Entry.quantity).where(
        Entry.unit_id.in_(unit_ids), Entry.occurs_on >= min(days), Entry.occurs_on <= max(days),
        Entry.status != "voided")
    for e in session.execute(query):
        key = (e.unit_id, e.kind, e.direction, e.occurs_on, e.subtype, e.title, e.quantity)
        existing[key] += 1
        ids.setdefault(key, e.id)
    for row in rows:
        key = _entry_key(row.fields)
        if existing.get(key):
            errors.append(f"《{row.sheet}》第{row.number}行：与已有台账 #{ids[key]} 重复"
                          f"（单位、类别、日期、名称、数量相同），可能已导入过")


# --- writing -----------------------------------------------------------------------------------

def _write_entries(session: Session, rows: list[_Row], rules: CountingRules, report: ImportReport, source: str) -> None:
    members = {(m.unit_id, m.name): m.id for m in session.scalars(select(Member))}
    now = utcnow()
    created: list[Entry] = []
    for row in rows:
        f = dict(row.fields)
        name = f.pop("creator_name", None)
        creator = members.get((f["unit_id"], name)) if name else None
        if name and creator is None:
            report.unmatched_creators += 1
        in_scope, reason = rules.classify(f["kind"], f["direction"], f.get("subtype"), f.get("title"), f.get("raw_text"))
        when = f.pop("created_at", None)
        created_at = when.replace(tzinfo=TZ) if when is not None else now
        created.append(Entry(**f, created_by=creator, in_scope=in_scope, scope_reason=reason,
                             created_at=created_at, updated_at=now))
    session.add_all(created)
    session.flush()
    if created:
        session.execute(insert(EntryEvent), [
            {"entry_id": e.id, "at": now, "member_id": None, "action": "import",
             "changes": {"file": source, "sheet": r.sheet, "row": r.number}}
            for e, r in zip(created, rows, strict=True)
        ])
    report.entries = len(created)


def _unmatched_creators(session: Session, rows: list[_Row]) -> list[_Row]:
    """Rows whose 录入人 is not a member of the row's unit (left empty on import)."""
    members = {(m.unit_id, m.name) for m in session.scalars(select(Member))}
    return [r for r in rows if r.fields.get("creator_name")
            and (r.fields["unit_id"], r.fields["creator_name"]) not in members]


def _plan_baselines(session: Session, rows: list[_Row], report: ImportReport, write: bool) -> None:
    """Count the baselines added and updated; with `write`, store them. One pass for both, so that
    a dry run reports exactly what the import will do."""
    if not rows:
        return
    unit_ids = sorted({r.fields["unit_id"] for r in rows})
    stored = {
        (b.unit_id, b.kind, b.direction, b.subtype, b.year, b.month): b
        for b in session.scalars(select(Baseline).where(Baseline.unit_id.in_(unit_ids)))
    }
    for row in rows:
        f = row.fields
        key = (f["unit_id"], f["kind"], f["direction"], f["subtype"], f["year"], f["month"])
        if key in stored:
            if stored[key].count != f["count"]:
                if write:
                    stored[key].count = f["count"]
                report.baselines_updated += 1
        else:
            baseline = Baseline(**f)
            if write:
                session.add(baseline)
            stored[key] = baseline
            report.baselines_added += 1
    if write:
        session.flush()


# --- values ------------------------------------------------------------------------------------

def _unit_lookup(session: Session) -> dict[str, Unit]:
    found: dict[str, Unit] = {}
    for unit in session.scalars(select(Unit)):
        found[unit.name] = unit
    for unit in session.scalars(select(Unit)):
        for alias in unit.aliases or []:
            found.setdefault(alias, unit)
    return found


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str | None:
    if _blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _show(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return str(value).strip() if value is not None else ""


_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})\s*(?:[:：]\s*(\d{1,2}))?\s*分?\s*$")


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 <= value <= 80000:
        converted = from_excel(value)
        return converted.date() if isinstance(converted, dt.datetime) else None
    if isinstance(value, str):
        m = _DATE.match(value)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


def _time(value: Any) -> dt.time | None:
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, dt.time):
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        m = _TIME.match(value)
        if m:
            try:
                return dt.time(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))
            except ValueError:
                return None
    return None


def _datetime(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, str):
        text = value.strip().replace("T", " ").replace("/", "-")
        for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
            try:
                return dt.datetime.strptime(text, fmt)
            except ValueError:
                continue
    return None


def _int(value: Any, default: int | None) -> int | None:
    if _blank(value):
        return default
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = str(value).strip()
    # Bounded length: int() refuses over 4300 digits, and no real count has more than a few.
    return int(text) if re.fullmatch(r"-?[0-9]{1,18}", text) else None


def _flags(data: Any, text: Any, problems: list[str]) -> list[Any]:
    if not _blank(data):
        try:
            flags = json.loads(str(data))
        except (ValueError, RecursionError):  # RecursionError: a cell of "[[[[…"
            problems.append("规则提示数据不是有效的 JSON")
            return []
        if not isinstance(flags, list):
            problems.append("规则提示数据应为列表")
            return []
        return flags
    if _blank(text):
        return []
    return [{"text": line.strip()} for line in str(text).splitlines() if line.strip()]
