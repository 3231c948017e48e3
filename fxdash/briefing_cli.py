"""`python -m fxdash briefing --week last|YYYY-Www --out DIR [--scope TOWN]`: the weekly briefing for a
scheduled job (cron or a systemd timer, see README). Every bad input is one Chinese line on stderr and
exit code 2; nothing is written then."""

import getpass
import sys
import time
from pathlib import Path

import duckdb

from fxdash import config, versions
from fxdash.labels import briefings as B


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def cmd_briefing(args) -> int:
    from fxdash import briefing_files, briefing_pdf
    from fxdash import store as ops

    settings = config.load_settings()
    path = Path(args.db) if args.db else settings.db
    out = Path(args.out) if args.out else settings.briefings
    if not path.exists():
        return _fail(B.ERR_NO_DB.format(path=path))
    start = time.perf_counter()
    try:
        with versions.open_current(path) as con:  # read-only: works while the app runs
            monday = briefing_files.resolve_week(args.week, settings.as_of)
            town = briefing_files.resolve_scope(con, args.scope)
            town_name = briefing_files.common.town_names(con).get(town) if town else None
            f = briefing_files.briefing_filters(settings.as_of, town)
            files = briefing_files.build(con, ops.open_store(settings.store), f, monday, settings.deadlines)
    except (ValueError, briefing_pdf.FontMissing) as exc:
        return _fail(str(exc))
    except duckdb.Error as exc:
        return _fail(versions.describe_error(exc, path))
    try:
        written = briefing_files.write(out, briefing_files.stem(monday, town_name), files)
    except OSError as exc:
        return _fail(B.ERR_OUT.format(path=out, error=exc.strerror or exc))
    from fxdash import access, weeks

    access.record("briefing", getpass.getuser(), week=weeks.label(monday), scope=town, out=str(out),
                  files=[p.name for p in written])
    print(B.DONE.format(week=weeks.label(monday), scope=f"（{town_name}）" if town_name else "",
                        took=time.perf_counter() - start))
    for p in written:
        print(f"  {p}（{p.stat().st_size / 1024:,.0f} KB）")
    return 0


def register(sub) -> None:
    p = sub.add_parser("briefing", help=B.CMD_HELP)
    p.add_argument("--week", default="last", help=B.ARG_WEEK)
    p.add_argument("--out", help=B.ARG_OUT)
    p.add_argument("--scope", help=B.ARG_SCOPE)
    p.add_argument("--db", help=B.ARG_DB)
    p.set_defaults(func=cmd_briefing)
