"""Command line: `python -m fxdash demo|import|export|template|rollback ...` (see -h of each).

Every command works while the app runs: reads open the current version read-only, writes go through
the one writer path (fxdash.versions). Whatever goes wrong, the user reads one Chinese line and the
exit status is non-zero; an unexpected error's traceback goes to a log file, named by an error id.
"""

import argparse
import datetime as dt
import sys
import time

from fxdash import config
from fxdash.cli_errors import ChineseArgumentParser, run_safely, waiting
from fxdash.labels import versions as LV


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD:{value}") from exc


def _scale(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 1000:
        raise argparse.ArgumentTypeError(f"规模应为 1 到 1000 的整数：{value}")
    return int(value)


def cmd_demo(args) -> int:
    from fxdash import writes

    settings = config.load_settings()
    path = args.db or settings.db
    as_of = args.as_of or settings.as_of
    start = time.perf_counter()
    counts, record = writes.build_demo(path, as_of, scale=args.scale, seed=args.seed, force=args.force,
                                       user=args.user, wait_progress=waiting)
    took = time.perf_counter() - start
    print(LV.DEMO_DONE.format(path=path, as_of=as_of, scale=args.scale, seed=args.seed, took=took, id=record.id))
    for table, n in counts.items():
        print(f"  {table:<22}{n:>10,}")
    from fxdash.store import cli as accounts_cli

    accounts_cli.print_demo_accounts()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="python -m fxdash", description="fxdash 命令行工具")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=ChineseArgumentParser)
    p = sub.add_parser("demo", help="生成演示数据库（有导入的真实数据时需加 --force）")
    p.add_argument("--db", help="数据库文件路径（默认 FXDASH_DB）")
    p.add_argument("--as-of", type=_date, help="数据截至日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--scale", type=_scale, default=1, help="数据量倍数（人员、上报等），默认 1")
    p.add_argument("--seed", type=int, default=42, help="随机种子，默认 42")
    p.add_argument("--force", action="store_true", help="即使库中有导入的真实数据也替换（可用 rollback 恢复）")
    p.add_argument("--user", help="操作人（写入版本记录）")
    p.set_defaults(func=cmd_demo)
    for register in COMMANDS:
        register(sub)
    return parser


# Other modules add their subcommands here (each a function taking the subparsers object).
COMMANDS: list = []


def _register_ingest(sub) -> None:  # import / template (fxdash.ingest.cli)
    from fxdash.ingest import cli

    cli.register(sub)


def _register_export(sub) -> None:  # export (fxdash.export_cli)
    from fxdash import export_cli

    export_cli.register(sub)


def _register_versions(sub) -> None:  # rollback (fxdash.versions_cli)
    from fxdash import versions_cli

    versions_cli.register(sub)


COMMANDS.extend([_register_ingest, _register_export, _register_versions])


def _register_accounts(sub) -> None:  # user / audit (fxdash.store.cli)
    from fxdash.store import cli

    cli.register(sub)


COMMANDS.append(_register_accounts)


def _register_briefing(sub) -> None:  # briefing (fxdash.briefing_cli)
    from fxdash import briefing_cli

    briefing_cli.register(sub)


COMMANDS.append(_register_briefing)


def _register_bench(sub) -> None:  # bench / loadtest (fxdash.bench, fxdash.loadtest)
    from fxdash import bench, loadtest

    bench.register(sub)
    loadtest.register(sub)


COMMANDS.append(_register_bench)


def main(argv=None) -> int:
    return run_safely(lambda: _run(argv))


def _run(argv) -> int:
    args = build_parser().parse_args(argv)
    config.load_settings()  # a setting that cannot be used is reported before anything runs
    from fxdash.store import audit

    audit.attach_default()  # imports, rollbacks, exports... land in the audit log
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
