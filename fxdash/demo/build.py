"""Run the generators, cut the world at as_of and write it: into an open database or a fresh file."""

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa

from fxdash import db
from fxdash.demo.cut import cut_tables
from fxdash.demo.events import gen_activities, gen_care, gen_fraud, gen_suggestions
from fxdash.demo.people import gen_roles, gen_workers
from fxdash.demo.places import gen_branches, gen_communities, gen_enterprises_and_sites, gen_towns
from fxdash.demo.reports import gen_reports
from fxdash.demo.venues import gen_merchants, gen_scenes, gen_stations
from fxdash.demo.world import REF, World

GENERATORS = (
    ("街镇与社区", (gen_towns, gen_communities)),
    ("企业与站点", (gen_enterprises_and_sites, gen_branches)),
    ("人员与四大员", (gen_workers, gen_roles)),
    ("阵地、场景与商户", (gen_stations, gen_scenes, gen_merchants)),
    ("问题上报", (gen_reports,)),
    ("活动、建议、关爱与反诈", (gen_activities, gen_suggestions, gen_care, gen_fraud)),
)

# insertion order respects foreign keys
TABLE_ORDER = (
    "towns", "communities", "enterprises", "sites", "branches", "workers", "worker_roles", "stations",
    "friendly_scenes", "merchants", "reports", "points_ledger", "activities", "activity_participants",
    "suggestions", "care_pairs", "care_visits", "fraud_interceptions",
)


def populate_demo(con, as_of: dt.date, scale: int = 1, seed: int = 42, progress=None) -> dict[str, int]:
    """Fill an open database (schema applied, tables empty) with demo data; returns row counts."""
    if scale < 1:
        raise ValueError("scale must be >= 1")
    horizon = max(np.datetime64(as_of, "D"), REF)
    w = World(seed=seed, scale=scale, horizon=horizon)
    steps = len(GENERATORS) + 1
    for k, (label, fns) in enumerate(GENERATORS):
        if progress:
            progress(k / steps, label)
        for fn in fns:
            fn(w)
    if progress:
        progress((steps - 1) / steps, "写入数据库")
    tables = cut_tables(w, as_of)
    counts = {}
    con.execute("begin transaction")
    try:
        for name in TABLE_ORDER:
            counts[name] = _insert(con, name, tables[name])
        db.set_meta(con, "demo", "true")
        db.set_meta(con, "as_of", as_of.isoformat())
        db.set_meta(con, "demo_seed", str(seed))
        db.set_meta(con, "demo_scale", str(scale))
        db.bump_data_version(con)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    if progress:
        progress(1.0, "完成")
    return counts


def _insert(con, table: str, df: pd.DataFrame) -> int:
    cols = [r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_name = ? order by ordinal_position",
        [table]).fetchall()]
    # through Arrow: DuckDB scans an Arrow table much faster than pandas columns of Python objects
    frame = pa.Table.from_pandas(df[[c for c in cols if c in df.columns]], preserve_index=False)
    con.register("_demo_frame", frame)
    try:
        con.execute(f'insert into "{table}" by name select * from _demo_frame')  # table from TABLE_ORDER
    finally:
        con.unregister("_demo_frame")
    return frame.num_rows


def write_demo(path, as_of: dt.date, scale: int = 1, seed: int = 42, progress=None, **publish) -> dict[str, int]:
    """Build a fresh demo database at path as a new data version (see publish_demo); returns the counts."""
    return publish_demo(path, as_of, scale=scale, seed=seed, progress=progress, **publish)[0]


def publish_demo(path, as_of: dt.date, scale: int = 1, seed: int = 42, progress=None, *, user=None,
                 precheck=None, wait=None, wait_progress=None, command="demo"):
    """Build the demo through the one writer path (fxdash.versions.publish): built in a fresh file
    beside PATH and renamed over it, never a half-written file. Returns (counts, version Record | None)."""
    from fxdash import versions

    return versions.publish(
        path, lambda con: populate_demo(con, as_of, scale=scale, seed=seed, progress=progress), action="demo",
        user=user, description=f"截至 {as_of}，规模 ×{scale}，种子 {seed}", command=command, fresh=True,
        precheck=precheck, wait=wait, progress=wait_progress)


def has_real_data(con) -> bool:
    """Whether a database holds rows that are not demo rows: meta demo is 'mixed' (a real import
    joined the demo rows), or not 'true' while any table other than meta has rows."""
    flag = db.get_meta(con, "demo")
    if flag == "true":
        return False
    if flag == "mixed":
        return True
    return any(con.execute(f'select exists (select 1 from "{t}")').fetchone()[0]  # names from the catalog
               for t in db.table_names(con) if t != "meta")
