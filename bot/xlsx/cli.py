"""`python -m bot export-xlsx` and `python -m bot import-xlsx`: the 台账 workbook from the command line.

export-xlsx writes the ledger of a unit and the units below it (--scope, default: every unit) for a
period (--month 2026-11, --year 2026, or --start/--end; default: this month by --now) to --out;
with --template it writes the empty import workbook instead (bot.xlsx.template).
import-xlsx validates every row of a workbook and imports all of it, or nothing when any row is bad
(exit status 1, every bad row listed); --dry-run only validates.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from sqlalchemy import select

from bot.calendar import Period, month_bounds, this_month
from bot.cli import ARGUMENT_HOOKS, command, runtime_from
from bot.clock import TZ
from bot.runtime import Runtime
from bot.stats.service import CountingRulesError, current_rules
from storage import repo
from storage.models import Unit


def _export_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", help="output .xlsx (default: data/exports/<单位><期间>台账.xlsx)")
    parser.add_argument("--scope", help="unit whose ledger (with its sub-units) is exported; default: all")
    parser.add_argument("--month", help="YYYY-MM")
    parser.add_argument("--year", type=int, help="YYYY")
    parser.add_argument("--start", help="YYYY-MM-DD (with --end)")
    parser.add_argument("--end", help="YYYY-MM-DD (with --start)")
    parser.add_argument("--template", action="store_true",
                        help="write the empty import workbook (default: data/exports/台账导入模板.xlsx)")


def _import_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the .xlsx workbook to import")
    parser.add_argument("--dry-run", action="store_true", help="validate only, write nothing")


ARGUMENT_HOOKS.setdefault("export-xlsx", []).append(_export_args)
ARGUMENT_HOOKS.setdefault("import-xlsx", []).append(_import_args)


def period_from(args: argparse.Namespace, today: dt.date) -> Period:
    if args.start or args.end:
        if not (args.start and args.end):
            raise ValueError("--start 与 --end 须同时给出")
        start, end = dt.date.fromisoformat(args.start), dt.date.fromisoformat(args.end)
        if end < start:
            raise ValueError("--end 早于 --start")
        return Period(start, end, f"{start.isoformat()}至{end.isoformat()}")
    if args.month:
        year, month = (int(x) for x in args.month.split("-"))
        return Period(*month_bounds(year, month), f"{year}年{month}月")
    if args.year:
        return Period(dt.date(args.year, 1, 1), dt.date(args.year, 12, 31), f"{args.year}年")
    return this_month(today)


@command("export-xlsx", "export the ledger as a 台账 workbook (.xlsx)")
def cmd_export(args: argparse.Namespace) -> int:
    from bot.xlsx.export import export_workbook, period_name  # openpyxl: not for every command

    runtime = runtime_from(args)
    if args.template:
        return _write_template(runtime, args)
    now = runtime.clock.now().astimezone(TZ)
    try:
        period = period_from(args, now.date())
    except ValueError as exc:
        print(f"期间参数有误：{exc}", file=sys.stderr)
        return 2
    with runtime.db.session() as session:
        if args.scope:
            root = repo.unit_by_name(session, args.scope)
            if root is None:
                print(f"未找到单位“{args.scope}”。", file=sys.stderr)
                return 2
            ids = repo.descendant_ids(session, root.id)
            scope = root.name
        else:
            roots = repo.tree_roots(session)
            ids = [uid for r in roots for uid in repo.descendant_ids(session, r.id)]
            scope = roots[0].name if len(roots) == 1 else "全部单位"
        order = {uid: i for i, uid in enumerate(ids)}
        units = sorted(session.scalars(select(Unit).where(Unit.id.in_(ids))), key=lambda u: order[u.id])
        try:
            rules = current_rules(session, runtime.services, now)
        except CountingRulesError as exc:
            print(f"统计口径配置有误：{exc}", file=sys.stderr)
            return 2
        out = Path(args.out) if args.out else Path("data/exports") / f"{scope}{period_name(period)}台账.xlsx"
        result = export_workbook(session, units, period, out, rules, scope, now)
    print(f"已导出{scope}{period_name(period)}台账：{result.entries}条，双台账差异{result.differences}条，"
          f"基数{result.baselines}条 → {out}")
    return 0


def _write_template(runtime: Runtime, args: argparse.Namespace) -> int:
    from bot.xlsx.template import write_template

    with runtime.db.session() as session:
        roots = repo.tree_roots(session)
        ids = [uid for r in roots for uid in repo.descendant_ids(session, r.id)]
        names = {u.id: u.name for u in session.scalars(select(Unit).where(Unit.id.in_(ids)))}
    out = Path(args.out) if args.out else Path("data/exports") / "台账导入模板.xlsx"
    write_template(out, [names[i] for i in ids if i in names])
    print(f"已生成导入模板 → {out}\n填写后先运行 python -m bot import-xlsx {out} --dry-run 校验，再去掉 --dry-run 导入。")
    return 0


@command("import-xlsx", "import historical ledgers and baselines from a 台账 workbook (all or nothing)")
def cmd_import(args: argparse.Namespace) -> int:
    from bot.xlsx.importer import ImportFileError, import_workbook  # openpyxl: not for every command

    runtime = runtime_from(args)
    path = Path(args.file)
    if not path.is_file():
        print(f"文件不存在：{path}", file=sys.stderr)
        return 2
    with runtime.db.session() as session:
        try:
            rules = current_rules(session, runtime.services, runtime.clock.now())
            report = import_workbook(session, path, rules, dry_run=args.dry_run)
        except (ImportFileError, CountingRulesError) as exc:
            print(str(exc), file=sys.stderr)
            return 2
        if not report.ok:
            session.rollback()
    print(report.summary())
    return 0 if report.ok else 1
