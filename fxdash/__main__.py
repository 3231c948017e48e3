"""Command line: `python -m fxdash demo --db PATH --as-of YYYY-MM-DD [--scale N] [--seed S]`."""

import argparse
import datetime as dt
import sys
import time

from fxdash import config, demo


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD:{value}") from exc


def cmd_demo(args) -> int:
    settings = config.load_settings()
    path = args.db or settings.db
    as_of = args.as_of or settings.as_of
    start = time.perf_counter()
    counts = demo.write_demo(path, as_of, scale=args.scale, seed=args.seed)
    took = time.perf_counter() - start
    print(f"演示数据库已写入 {path}(截至 {as_of},规模 ×{args.scale},种子 {args.seed},用时 {took:.1f} 秒)")
    for table, n in counts.items():
        print(f"  {table:<22}{n:>10,}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m fxdash", description="fxdash 命令行工具")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("demo", help="生成演示数据库(覆盖已有文件)")
    p.add_argument("--db", help="数据库文件路径(默认 FXDASH_DB)")
    p.add_argument("--as-of", type=_date, help="数据截至日期 YYYY-MM-DD(默认今天)")
    p.add_argument("--scale", type=int, default=1, help="数据量倍数(人员、上报等),默认 1")
    p.add_argument("--seed", type=int, default=42, help="随机种子,默认 42")
    p.set_defaults(func=cmd_demo)
    for register in COMMANDS:
        register(sub)
    return parser


# Other modules add their subcommands here (each a function taking the subparsers object).
COMMANDS: list = []


def _register_ingest(sub) -> None:  # import / export / template (fxdash.ingest.cli)
    from fxdash.ingest import cli

    cli.register(sub)


COMMANDS.append(_register_ingest)


def _register_briefing(sub) -> None:  # briefing (fxdash.briefing_cli)
    from fxdash import briefing_cli

    briefing_cli.register(sub)


COMMANDS.append(_register_briefing)


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
