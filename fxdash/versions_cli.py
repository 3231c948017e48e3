"""`python -m fxdash rollback [--to VERSION] [--list] [--yes] [--db PATH] [--user NAME]`."""

import sys

from fxdash import config, versions, writes
from fxdash.cli_errors import EXIT_FAILED, waiting
from fxdash.labels import versions as LV


def register(sub) -> None:
    p = sub.add_parser("rollback", help="撤销最近一次数据修改，或恢复到指定版本（--list 查看版本）")
    p.add_argument("--to", type=int, metavar="VERSION", help="要恢复到的版本号（默认：撤销最近一次修改）")
    p.add_argument("--list", action="store_true", help="列出保留的数据版本，不做修改")
    p.add_argument("--yes", action="store_true", help="不再询问，直接恢复")
    p.add_argument("--db", help="数据库文件路径（默认 FXDASH_DB）")
    p.add_argument("--user", help="操作人（写入版本记录）")
    p.set_defaults(func=cmd_rollback)


def version_lines(path) -> list[str]:
    now = versions.current(path)
    lines = [LV.VERSIONS_HEADER]
    for r in reversed(versions.records(path)):
        mark = LV.VERSION_CURRENT_MARK if r.id == now else " "
        lines.append(LV.VERSION_LINE.format(mark=mark, id=r.id, created=r.created.replace("T", " "), action=r.label,
                                            user=r.user or "—", description=r.description))
    return lines if len(lines) > 1 else [LV.NO_VERSIONS]


def diff_lines(path, target: int) -> list[str]:
    lines = [LV.ROLLBACK_DIFF_HEADER]
    for table, now, after, change in versions.diff_rows(path, target):
        lines.append(LV.ROLLBACK_DIFF_LINE.format(table=table, current=now, target=after, delta=change))
    return lines if len(lines) > 1 else [*lines, LV.ROLLBACK_NO_DIFF]


def cmd_rollback(args) -> int:
    path = args.db or config.load_settings().db
    if args.list:
        print("\n".join(version_lines(path)))
        return 0
    target, now = versions.rollback_target(path, args.to)
    print("\n".join(diff_lines(path, target)))
    if not args.yes:
        if not sys.stdin.isatty():
            print(LV.ROLLBACK_NEED_YES, file=sys.stderr)
            return EXIT_FAILED
        if input(LV.ROLLBACK_CONFIRM).strip().lower() not in ("y", "yes", "是"):
            print(LV.ROLLBACK_CANCELLED)
            return EXIT_FAILED
    record = writes.rollback(path, target, now.id, user=args.user, wait_progress=waiting)
    print(LV.ROLLBACK_DONE.format(target=target, id=record.id))
    return 0
