"""The benchmark's data: demo databases per scale (built once, reused), their build figures, and a
100,000-row reports file imported through the real CLI.

Everything runs as a child process (`python -m fxdash demo|import`), so the figures are those a staff
member gets from the command line, and the child's peak memory (ru_maxrss) is measured on its own.
"""

import csv
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from fxdash import config

BENCH_DIR = config.ROOT / "bench"
DATA_DIR = BENCH_DIR / "data"  # git-ignored: databases, their stores, generated files
RESULTS_DIR = BENCH_DIR / "results"
AS_OF = dt.date(2026, 3, 18)  # the article's date, as in issue 17's figures
GEO_DIR = config.ROOT.parent / "shared" / "data" / "geo"
IMPORT_ROWS = 100_000
CHILD_TIMEOUT = 900  # seconds; a build at scale 100 takes 45-145 s on the project machine


@dataclass(frozen=True)
class Run:
    """One child process: wall seconds, peak resident memory (bytes), exit status, its stderr tail."""

    seconds: float
    peak_bytes: int
    status: int
    error: str = ""


def load_average() -> float:
    return os.getloadavg()[0]


def db_path(scale: int, data_dir: Path = DATA_DIR) -> Path:
    return data_dir / f"demo-s{scale}-{AS_OF.isoformat()}.duckdb"


def env_for(db: Path, extra: dict | None = None) -> dict:
    """The environment of the app, a CLI child or a server on this benchmark database: its own
    operational store beside it, the fixed date, the towns' boundaries when the shared folder has them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FXDASH_")}
    env.update(FXDASH_DB=str(db), FXDASH_AS_OF=AS_OF.isoformat(),
               FXDASH_STORE=str(db.with_suffix(".ops.sqlite3")), FXDASH_IMPORTS=str(db.parent / "imports"))
    towns = GEO_DIR / "fengxian_towns.geojson"
    if towns.exists():
        env["FXDASH_BOUNDARIES"] = str(towns)
    env.update(extra or {})
    return env


def run_child(args: list[str], env: dict, timeout: float = CHILD_TIMEOUT) -> Run:
    """Run `python -m fxdash ARGS`, measuring wall time and the child's own peak memory (wait4)."""
    import tempfile
    import threading

    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "fxdash", *args], env=env, cwd=config.ROOT,
                                stdout=subprocess.DEVNULL, stderr=err)
        timer = threading.Timer(timeout, proc.kill)  # bounded: a hung child is killed
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        took = time.perf_counter() - start
        err.seek(0)
        text = err.read().decode("utf-8", "replace").strip()[-300:]
    return Run(took, usage.ru_maxrss * 1024, proc.returncode, text)


def ensure_demo(scale: int, data_dir: Path = DATA_DIR, progress=print) -> tuple[Path, dict]:
    """The demo database at `scale` (built when missing) and its build figures (from the build that
    made it: seconds, peak_mb, load, built_at; `reused` says whether this call built it)."""
    path = db_path(scale, data_dir)
    figures_file = path.with_suffix(".build.json")
    if path.exists() and figures_file.exists():
        return path, {**json.loads(figures_file.read_text(encoding="utf-8")), "reused": True}
    data_dir.mkdir(parents=True, exist_ok=True)
    progress(f"生成演示数据库（规模 {scale}）：{path} …")
    load = load_average()
    run = run_child(["demo", "--scale", str(scale), "--as-of", AS_OF.isoformat(), "--force"], env_for(path))
    if run.status != 0:
        raise BenchError(f"演示数据库生成失败（规模 {scale}）：{run.error or run.status}")
    figures = {"seconds": round(run.seconds, 2), "peak_mb": round(run.peak_bytes / 1e6, 1), "load": round(load, 2),
               "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    figures_file.write_text(json.dumps(figures), encoding="utf-8")
    return path, {**figures, "reused": False}


class BenchError(LookupError):
    """A benchmark that cannot go on; the message is Chinese (run_safely prints it, exit status 1)."""


REPORT_HEADER = ["上报编号", "上报人编号", "问题类别", "问题描述", "纬度", "经度", "街镇", "上报时间", "办理状态"]


def reports_file(data_dir: Path = DATA_DIR, rows: int = IMPORT_ROWS) -> Path:
    """A CSV of `rows` valid reports in 青村镇 by demo workers, written once (deterministic)."""
    from fxdash.labels import vocab as V

    path = data_dir / f"reports-{rows}.csv"
    if path.exists():
        return path
    data_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    cats = V.REPORT_CATEGORIES
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh, lineterminator="\r\n")
        out.writerow(REPORT_HEADER)
        for i in range(rows):
            out.writerow([f"RB{i + 1:07d}", f"W{i % 500 + 1:07d}", cats[i % len(cats)], f"压测上报 {i}",
                          f"{30.9064 + rng.uniform(-0.01, 0.01):.6f}", f"{121.5439 + rng.uniform(-0.01, 0.01):.6f}",
                          "青村镇", f"2026-03-{1 + i % 17:02d} {8 + i % 10}:{i % 60:02d}", "待受理"])
    tmp.replace(path)
    return path


def import_command(db: Path, file: Path) -> list[str]:
    return ["import", "--table", "reports", "--db", str(db), "--user", "bench", str(file)]


def timed_import(scale_db: Path, data_dir: Path = DATA_DIR, rows: int = IMPORT_ROWS) -> dict:
    """Import `rows` reports through the CLI into a throwaway copy of the database; seconds, peak, load."""
    import shutil

    file = reports_file(data_dir, rows)
    work = data_dir / "import-work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    copy = work / "copy.duckdb"
    shutil.copy(_current_file(scale_db), copy)
    load = load_average()
    run = run_child(import_command(copy, file), env_for(copy))
    shutil.rmtree(work, ignore_errors=True)
    if run.status != 0:
        raise BenchError(f"导入 {rows:,} 行失败：{run.error or run.status}")
    return {"rows": rows, "seconds": round(run.seconds, 2), "peak_mb": round(run.peak_bytes / 1e6, 1),
            "load": round(load, 2)}


def _current_file(path: Path) -> Path:
    """The file holding the current data version (the path itself, or what it points to)."""
    return path.resolve()
