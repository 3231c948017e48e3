"""`python -m fxdash bench`: page timings and bytes per demo scale, the demo build, a 100,000-row import.

Writes bench/results/<label>.csv (one row per scale and page) and <label>.md (tables with the budgets of
issue 17 and the load average at each measurement: the machine is shared, figures are noisy).
"""

import argparse
import csv
import datetime as dt
import os
from pathlib import Path

from fxdash import bench_data, bench_pages

# Issue 17's budgets on the project machine (2 cores): seconds, ratio, bytes
BUDGETS = {100: {"cold": 1.0, "warm": 0.25, "ratio": 1.5, "bytes": 1_000_000}, 1: {"cold": 0.3}}
BUILD_BUDGET = {"seconds": 60, "peak_mb": 2000}
COLUMNS = ("scale", "page", "cold_s", "warm_s", "queries_s", "bare_s", "ratio", "n_queries", "bytes_total",
           "bytes_deck", "bytes_plotly", "bytes_dataframes", "bytes_other", "load")


def _scales(value: str) -> list[int]:
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if not parts or not all(p.isdigit() and 1 <= int(p) <= 1000 for p in parts):
        raise argparse.ArgumentTypeError(f"规模应为逗号分隔的 1 到 1000 的整数，例如 1,10,100：{value}")
    return sorted({int(p) for p in parts})


def _repeats(value: str) -> int:
    if not value.isdigit() or not 3 <= int(value) <= 20:
        raise argparse.ArgumentTypeError(f"重复次数应为 3 到 20 的整数：{value}")
    return int(value)


def _import_rows(value: str) -> int:
    if not value.isdigit() or not 100 <= int(value) <= 1_000_000:
        raise argparse.ArgumentTypeError(f"导入行数应为 100 到 1000000 的整数：{value}")
    return int(value)


def _label(value: str) -> str:
    if not value or not all(ch.isalnum() or ch in "-_" for ch in value) or len(value) > 60:
        raise argparse.ArgumentTypeError(f"结果名只能含字母、数字、- 和 _：{value}")
    return value


def register(sub) -> None:
    p = sub.add_parser("bench", help="页面性能基准：冷/热耗时、查询耗时、发送字节数、演示库生成与导入耗时")
    p.add_argument("--scale", type=_scales, default=[1], help="演示数据规模，逗号分隔，例如 1,10,100（默认 1）")
    p.add_argument("--pages", type=bench_pages.bench_page_list, default=list(bench_pages.PAGE_KEYS),
                   help=f"页面，逗号分隔（默认 {','.join(bench_pages.PAGE_KEYS)}）；"
                        "写成 people:四大员 这样只测该页面的该分页签")
    p.add_argument("--tabs", action="store_true", help="另外测每个有分页签的页面的其余各分页签（各占一行）")
    p.add_argument("--out", type=Path, default=bench_data.RESULTS_DIR, help="结果目录（默认 bench/results）")
    p.add_argument("--label", type=_label, default="latest", help="结果文件名（默认 latest → latest.csv/.md）")
    p.add_argument("--repeats", type=_repeats, default=3, help="每项测量次数，取中位数（默认 3）")
    p.add_argument("--data-dir", type=Path, default=bench_data.DATA_DIR, help="演示数据库缓存目录（默认 bench/data）")
    p.add_argument("--no-import", action="store_true", help="跳过导入计时")
    p.add_argument("--import-rows", type=_import_rows, default=bench_data.IMPORT_ROWS,
                   help=f"导入计时的行数（默认 {bench_data.IMPORT_ROWS:,}）")
    p.add_argument("--profile", action="store_true", help="另外对每页的冷运行做 cProfile，写入结果目录")
    p.set_defaults(func=cmd_bench)


def cmd_bench(args) -> int:
    from fxdash.store.accounts import DEMO_ACCOUNTS

    admin, password = next((name, pw) for name, role, _, pw in DEMO_ACCOUNTS if role == "admin")
    rows, builds, imported = [], {}, None
    for scale in args.scale:
        path, builds[scale] = bench_data.ensure_demo(scale, args.data_dir)
        print(f"规模 {scale}：演示库生成 {builds[scale]['seconds']:.1f} s，峰值内存 {builds[scale]['peak_mb']:.0f} MB"
              f"（负载 {builds[scale]['load']}{'，沿用已有库' if builds[scale]['reused'] else ''}）", flush=True)
        rows += _pages_at(scale, path, args, admin, password)
    if not args.no_import:
        imported = bench_data.timed_import(bench_data.db_path(args.scale[0], args.data_dir), args.data_dir,
                                           args.import_rows)
        print(f"导入 {imported['rows']:,} 行上报：{imported['seconds']:.1f} s，峰值内存 {imported['peak_mb']:.0f} MB"
              f"（负载 {imported['load']}）", flush=True)
    csv_path, md_path = write_results(args.out, args.label, rows, builds, imported)
    print(f"结果已写入 {csv_path} 和 {md_path}")
    return 0


def _pages_at(scale: int, path: Path, args, user: str, password: str) -> list[dict]:
    saved = {k: v for k, v in os.environ.items() if k.startswith("FXDASH_")}
    os.environ.update({k: v for k, v in bench_data.env_for(path).items() if k.startswith("FXDASH_")})
    try:
        with bench_pages.navigation_mode(), bench_pages.without_polling(), bench_pages.shared_script_cache():
            at = bench_pages.signed_in_app(user, password)
            rows = []
            for page in bench_pages.with_tabs(args.pages) if args.tabs else args.pages:
                load = bench_data.load_average()
                fig = bench_pages.measure_page(at, page, args.repeats)
                rows.append(_row(scale, fig, load))
                print(_line(rows[-1]), flush=True)
                if args.profile:
                    from fxdash import bench_profile

                    out = args.out / f"profile-{args.label}-s{scale}-{page.replace(':', '-')}.txt"
                    print(f"    剖析：{bench_profile.profile_page(at, page, out)}", flush=True)
        return rows
    finally:
        for key in [k for k in os.environ if k.startswith("FXDASH_")]:
            del os.environ[key]
        os.environ.update(saved)


def _row(scale: int, fig: bench_pages.PageFigures, load: float) -> dict:
    b = fig.bytes
    return {"scale": scale, "page": fig.page, "cold_s": round(fig.cold, 3), "warm_s": round(fig.warm, 3),
            "queries_s": round(fig.queries, 3), "bare_s": round(fig.bare, 3), "ratio": round(fig.ratio, 2),
            "n_queries": fig.n_queries, "bytes_total": b["total"], "bytes_deck": b["deck"], "bytes_plotly": b["plotly"],
            "bytes_dataframes": b["dataframes"], "bytes_other": b["other"], "load": round(load, 2)}


def _line(r: dict) -> str:
    return (f"  规模 {r['scale']:>3} {r['page']:<12} 冷 {r['cold_s']:.3f} s  热 {r['warm_s']:.3f} s  "
            f"查询 {r['queries_s']:.3f} s（{r['n_queries']} 个）  空页 {r['bare_s']:.3f} s  比值 {r['ratio']:.2f}  "
            f"发送 {r['bytes_total'] / 1e6:.2f} MB  负载 {r['load']}")


def _mark(value: float, budget: float | None) -> str:
    return "" if budget is None or value <= budget else " ✗"


def markdown(rows: list[dict], builds: dict, imported: dict | None) -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"# fxdash bench — {stamp}", "",
             f"Demo as of {bench_data.AS_OF}, signed in as the demo admin, server-side (AppTest), medians. "
             "cold: query and chart caches cleared first (what a new filter combination costs); ratio: cold ÷ (page's own queries + bare page). "
             f"2 cores, shared machine: `load` is the 1-minute load average. ✗ = over issue 17's budget.", "",
             "| scale | page | cold s | warm s | queries s (n) | bare s | ratio | sent MB (deck / plotly / frames) | load |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        b = BUDGETS.get(r["scale"], {})
        lines.append(
            f"| {r['scale']} | {r['page']} | {r['cold_s']:.3f}{_mark(r['cold_s'], b.get('cold'))} "
            f"| {r['warm_s']:.3f}{_mark(r['warm_s'], b.get('warm'))} | {r['queries_s']:.3f} ({r['n_queries']}) "
            f"| {r['bare_s']:.3f} | {r['ratio']:.2f}{_mark(r['ratio'], b.get('ratio'))} "
            f"| {r['bytes_total'] / 1e6:.2f}{_mark(r['bytes_total'], b.get('bytes'))} "
            f"({r['bytes_deck'] / 1e6:.2f} / {r['bytes_plotly'] / 1e6:.2f} / {r['bytes_dataframes'] / 1e6:.2f}) "
            f"| {r['load']} |")
    lines += ["", "| scale | demo build s | peak MB | load | |", "|---|---|---|---|---|"]
    for scale, f in builds.items():
        note = f"built {f.get('built_at', '')}" + (" (reused)" if f.get("reused") else "")
        lines.append(f"| {scale} | {f['seconds']:.1f}{_mark(f['seconds'], BUILD_BUDGET['seconds'])} "
                     f"| {f['peak_mb']:.0f}{_mark(f['peak_mb'], BUILD_BUDGET['peak_mb'])} | {f['load']} | {note} |")
    if imported:
        lines += ["", f"CLI import of {imported['rows']:,} report rows (CSV): {imported['seconds']:.1f} s, "
                      f"peak {imported['peak_mb']:.0f} MB, load {imported['load']}."]
    return "\n".join(lines) + "\n"


def write_results(out: Path, label: str, rows: list[dict], builds: dict, imported: dict | None) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    csv_path, md_path = out / f"{label}.csv", out / f"{label}.md"
    with open(csv_path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    md_path.write_text(markdown(rows, builds, imported), encoding="utf-8")
    return csv_path, md_path
