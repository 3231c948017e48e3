"""`python -m fxdash export --table NAME --out FILE.xlsx|.csv [--db PATH] [--pii]`.

A whole table as the data page downloads it (fxdash.rights.table, through the query layer), so it
lives above both the query layer and fxdash.ingest, whose templates give the file its headers.
"""

import getpass
from pathlib import Path

from fxdash import access, config, rights, versions
from fxdash.ingest import EXPORTABLE, template
from fxdash.labels import data as LD


def register(sub) -> None:
    e = sub.add_parser("export", help="导出一张数据表为 Excel 或 CSV（表头与导入模板一致）")
    e.add_argument("--table", required=True, choices=EXPORTABLE, help="数据表")
    e.add_argument("--out", required=True, help="输出文件（.xlsx 或 .csv）")
    e.add_argument("--db", help="数据库文件路径（默认 FXDASH_DB）")
    e.add_argument("--pii", action="store_true",
                   help="导出未脱敏的姓名、电话等个人信息（默认脱敏；此操作以当前系统用户记入审计日志）")
    e.set_defaults(func=cmd_export)


def cmd_export(args) -> int:
    """Whole-table export from the server's shell: every town (the operator holds the files anyway),
    personal columns masked unless --pii; recorded with the OS user either way."""
    out = Path(args.out)
    who = getpass.getuser()
    user = access.User(who, access.DISTRICT, pii=args.pii)
    with versions.open_current(args.db or config.load_settings().db) as con:  # read-only: works while the app runs
        df = rights.table(con, args.table, user)
    access.record("export", who, what=f"cli:{args.table}", via="cli", rows=len(df), masked=not args.pii,
                  filters={}, file=str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".csv":
        out.write_bytes(template.table_csv(df, args.table))
    else:
        out.write_bytes(template.table_xlsx(df, args.table, [(LD.EXPORT_NOTE_TABLE, LD.TABLE_LABELS[args.table])]))
    note = "个人信息未脱敏，已记录" if args.pii else "个人信息已脱敏"
    print(f"已导出 {LD.TABLE_LABELS[args.table]} {len(df):,} 行到 {out}（{note}）")
    return 0
