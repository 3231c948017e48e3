"""`python -m fxdash import FILE --table NAME [--crs wgs84|gcj02] [--db PATH] [--dry-run]` and
`python -m fxdash template --table NAME --out FILE.xlsx` (export, which reads through the query
layer, lives in fxdash.export_cli: ingest stays below the queries)."""

import sys
from pathlib import Path

from fxdash import config, writes
from fxdash.cli_errors import waiting
from fxdash.ingest import CRS, IMPORTABLE, template, to_text
from fxdash.labels import data as LD
from fxdash.labels import ingest as X
from fxdash.store.cli import operator

PROBLEM_LINES = 500  # the terminal shows this many; the full list is written beside the file


def register(sub) -> None:
    p = sub.add_parser("import", help="导入 Excel/CSV 文件到数据库（有任何问题则不写入）")
    p.add_argument("file", help="要导入的 .xlsx/.xls/.csv 文件")
    p.add_argument("--table", required=True, choices=IMPORTABLE, help="目标数据表")
    p.add_argument("--crs", default="wgs84", choices=CRS, help="文件中坐标的坐标系，默认 wgs84")
    p.add_argument("--db", help="数据库文件路径（默认 FXDASH_DB）")
    p.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    p.add_argument("--user", help="操作人（写入导入记录；默认为当前系统用户）")
    p.add_argument("--sheet", help=X.CLI_SHEET)
    p.add_argument("--skip-hidden", action="store_true", help=X.CLI_SKIP_HIDDEN)
    p.set_defaults(func=cmd_import)
    t = sub.add_parser("template", help="生成一张数据表的导入模板（.xlsx）")
    t.add_argument("--table", required=True, choices=IMPORTABLE, help="数据表")
    t.add_argument("--out", required=True, help="输出文件（.xlsx）")
    t.set_defaults(func=cmd_template)


def cmd_import(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"找不到文件：{path}", file=sys.stderr)
        return 2

    def progress(frac, text):
        print(f"{text} {frac:.0%}", file=sys.stderr, flush=True)

    # checked against the current data without the writer lock; written as a new version with it
    result = writes.import_file(args.db or config.load_settings().db, path.read_bytes(), path.name, args.table,
                                args.crs, dry_run=args.dry_run, username=args.user or operator(), progress=progress,
                                wait_progress=waiting, command=f"import {path.name}",
                                sheet=args.sheet, skip_hidden=args.skip_hidden)
    label = LD.TABLE_LABELS[args.table]
    for note in result.notes:
        print(note)
    if result.sheets and result.problems:
        for info in result.sheets:
            state = X.SHEET_HIDDEN if info.hidden else X.SHEET_VISIBLE
            print(f"  --sheet {info.name!r}\t{state}\t{info.rows if info.rows is not None else '—'}")
    if result.problems:
        print(f"{path.name} → {label}:" + LD.DATA_PROBLEMS.format(n=result.problem_count))
        print(to_text(result.problems, limit=PROBLEM_LINES))
        return 1
    print(f"{path.name} → {label}:{result.summary()}（用时 {result.seconds:.1f} 秒）")
    if result.archived_as:
        print(f"原始文件已存档：{result.archived_as}")
    if getattr(result, "version", None):
        print(f"数据版本：{result.version}（可用 python -m fxdash rollback 撤销）")
    return 0


def cmd_template(args) -> int:
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(template.template_xlsx(args.table))
    print(f"已生成 {LD.TABLE_LABELS[args.table]} 导入模板：{out}")
    return 0
