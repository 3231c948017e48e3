"""The weekly review: one week's figures against the week before and the average of the four before.

Every figure is one of fxdash.metrics.WEEKLY (each computed by the area module that owns it); this
module asks for them over Monday–Sunday weeks (the five of the comparison in one go), and adds the
hot spots and the lists.
"""

import datetime as dt
import queue
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pandas as pd

from fxdash import metrics, weeks
from fxdash.filters import PERIOD_KEY, Filters
from fxdash.privacy import personal
from fxdash.queries import common, overview, reports, spatial

LAGGARD_WEEKS = 4  # on-time rates by town over four weeks: one week has too few reports per town


# `deadlines` below: report deadlines per category (the Settings' deadlines); None = the built-in ones


def week_filters(f: Filters, monday: dt.date) -> Filters:
    return f.with_period(monday, weeks.week_end(monday))


def week_figures(con, f: Filters, monday: dt.date, deadlines=None) -> dict[str, float]:
    """Every figure of metrics.WEEKLY for the week starting on `monday`, under the other filters of `f`."""
    return metrics.values(con, week_filters(f, monday), metrics.WEEKLY, deadlines)


def comparison(con, f: Filters, monday: dt.date, deadlines=None) -> pd.DataFrame:
    """One row per metric: this week, last week, the average of the 4 weeks before, and the changes."""
    # the five weeks at once: one grouped query per source (metrics.values_series), not one per week
    return _comparison_of(metrics.values_series(con, f, metrics.WEEKLY, _five_weeks(monday), deadlines))


def _five_weeks(monday: dt.date) -> list[tuple]:
    """(Monday, Sunday) of the week and of the four before it, this one first."""
    return [(m, weeks.week_end(m)) for m in (monday, *weeks.previous_weeks(monday, 4))]


def _by_source(group: tuple) -> list[tuple]:
    """A group of figures split by the query that computes them (metrics.values_series runs one per
    series form, or per source for the others): the parts can run at once and give the same values."""
    parts: dict = {}
    for m in group:
        parts.setdefault((m.series, m.kwargs) if m.series is not None else (m.source, m.kwargs, None), []).append(m)
    return [tuple(part) for part in parts.values()]


def _comparison_of(figures: list[dict]) -> pd.DataFrame:
    """comparison's table from the five weeks' figures (this week first)."""
    this, *before = figures
    rows = []
    for m in metrics.WEEKLY:
        history = pd.Series([b[m.key] for b in before], dtype="float64")
        rows.append({
            "key": m.key, "label": m.label, "unit": m.unit, "better": m.better,
            "this_week": float(this[m.key]), "last_week": float(before[0][m.key]),
            "avg4": float(history.mean()) if history.notna().any() else float("nan"),
            "note": m.note,
        })
    df = pd.DataFrame(rows)
    df["change"] = df["this_week"] - df["last_week"]
    df["change_vs_avg4"] = df["this_week"] - df["avg4"]
    # +1 good news, -1 bad news, 0 neither or no change: the page colours arrows by this
    df["verdict"] = (df["change"].apply(lambda c: (c > 0) - (c < 0)) * df["better"]).fillna(0).astype(int)
    return df


def hot_cells(con, f: Filters, monday: dt.date, n: int = 5, cell_m: int = metrics.HOT_CELL_M) -> pd.DataFrame:
    """The n grid cells with most new reports in the week."""
    return spatial.report_bins(con, week_filters(f, monday), cell_m).head(n).reset_index(drop=True)


def hot_communities(con, f: Filters, monday: dt.date, n: int = 5) -> pd.DataFrame:
    return reports.community_ranking(con, week_filters(f, monday), limit=n)


def hot_towns(con, f: Filters, monday: dt.date) -> pd.DataFrame:
    df = common.town_summary(con, week_filters(f, monday))
    return df[df["reports"] > 0].sort_values(["reports", "town"], ascending=[False, True]).reset_index(drop=True)


def top_categories(con, f: Filters, monday: dt.date) -> pd.DataFrame:
    return reports.category_stats(con, week_filters(f, monday))[["category", "reports"]]


def laggard_towns(con, f: Filters, monday: dt.date, n: int = 3, min_decided: int = 3, deadlines=None) -> pd.DataFrame:
    """Towns with the lowest on-time rate over the four weeks ending with this one (open overdue
    reports count as late); towns with fewer than `min_decided` decided reports are left out."""
    start = monday - dt.timedelta(days=7 * (LAGGARD_WEEKS - 1))
    # counted in DuckDB: fetching the four weeks' reports with their reporters to count them here cost 8x the CPU
    per_town = reports.on_time_by_town(con, f.with_period(start, weeks.week_end(monday)), deadlines)
    if per_town.empty:
        return pd.DataFrame(columns=["town", "decided", "on_time", "on_time_rate"])
    grouped = per_town[per_town["decided"] >= min_decided].reset_index(drop=True)
    names = common.town_names(con)
    grouped["town"] = grouped["town_code"].map(names)
    grouped["on_time_rate"] = 100.0 * grouped["on_time"] / grouped["decided"]
    out = grouped.sort_values(["on_time_rate", "decided"], ascending=[True, False]).head(n)
    return out[["town", "decided", "on_time", "on_time_rate"]].reset_index(drop=True)


@personal(**reports.overdue_list.personal)
def overdue_to_discuss(con, f: Filters, monday: dt.date, deadlines=None) -> pd.DataFrame:
    """Open reports past their deadline at the end of the week (the reports page's list)."""
    return reports.overdue_list(con, week_filters(f, monday), deadlines)


# --- snapshots: "as reported then" ------------------------------------------------------------------


def filters_key(f: Filters) -> str:
    """The filters other than the period, as a stable URL query: snapshots are per view (and per
    scope, so a town account never reads the figures the district saved for all towns)."""
    params = {k: v for k, v in f.to_params().items() if k not in ("from", "to", PERIOD_KEY)}
    if f.scope:
        params["scope"] = ",".join(f.scope)
    return urlencode(sorted(params.items()))


def save_snapshot(con, store, f: Filters, monday: dt.date, saved_by: str, now: dt.datetime | None = None,
                  deadlines=None) -> int:
    """Store this week's figures (computed on `con`) in the operational store; returns how many."""
    from fxdash.store import snapshots

    figures = {key: None if pd.isna(value) else float(value) for key, value in week_figures(con, f, monday, deadlines).items()}
    now = now or dt.datetime.now().replace(microsecond=0)
    return snapshots.save(store, weeks.label(monday), filters_key(f), figures, saved_by, now)


def latest_snapshot(store, f: Filters, monday: dt.date) -> pd.DataFrame:
    """The most recent saved figures of this week and view: metric, value, saved_at, saved_by."""
    from fxdash.store import snapshots

    return snapshots.latest(store, weeks.label(monday), filters_key(f))


# --- the whole briefing, in one call the page caches ---------------------------------------------------


PARALLEL = 4  # queries of one result run at once (_in_parallel): DuckDB on one core, Python on the other


def _in_parallel(con, tasks: list) -> list:
    """[task(cursor) for task in tasks], each on a cursor of its own (one DuckDB connection is busy while
    a query runs), up to PARALLEL at a time; results in order, the first error raised after all ended.
    For the independent queries of a result many sessions wait for (the weekly bundle: 18 queries, ~140 ms
    at scale 1 one after another): DuckDB runs while Python reads another result, and under the meeting's
    load the result gets more than one thread's share of the interpreter, its queries no longer each waiting
    in turn for it after DuckDB."""
    if len(tasks) <= 1:
        return [task(con) for task in tasks]
    cursors: queue.SimpleQueue = queue.SimpleQueue()
    opened = [con.cursor() for _ in range(min(PARALLEL, len(tasks)))]
    for cur in opened:
        cursors.put(cur)

    def run(task):
        cur = cursors.get()
        try:
            return task(cur)
        finally:
            cursors.put(cur)
    try:
        with ThreadPoolExecutor(max_workers=len(opened), thread_name_prefix="fxdash-query") as pool:
            futures = [pool.submit(run, task) for task in tasks]
        return [future.result() for future in futures]
    finally:
        for cur in opened:
            cur.close()


@personal(overdue=reports.overdue_list.personal)
def bundle(con, f: Filters, monday: dt.date, deadlines=None) -> dict:
    """Everything the weekly page and its export show for one week (the briefing's sentences are
    written from it at the edge: fxdash.briefing.with_sentences)."""
    trend_filters = f.with_period(monday - dt.timedelta(days=7 * (metrics.TREND_WEEKS - 1)), weeks.week_end(monday))
    periods = _five_weeks(monday)
    figures = _by_source(metrics.WEEKLY)  # the comparison's figures, a query each (see _in_parallel)
    parts = {
        "hot_towns": lambda c: hot_towns(c, f, monday),
        "top_categories": lambda c: top_categories(c, f, monday),
        "laggards": lambda c: laggard_towns(c, f, monday, deadlines=deadlines),
        "hot_cells": lambda c: hot_cells(c, f, monday),
        "hot_communities": lambda c: hot_communities(c, f, monday),
        "overdue": lambda c: overdue_to_discuss(c, f, monday, deadlines),
        "trend": lambda c: overview.weekly_reports(c, trend_filters),
    }
    done = _in_parallel(con, [*(lambda c, g=g: metrics.values_series(c, f, g, periods, deadlines) for g in figures),
                              *parts.values()])
    merged: list[dict] = [{} for _ in periods]  # each week's figures from the parts, in metrics.WEEKLY's order
    for part in done[:len(figures)]:
        for week, values in zip(merged, part, strict=True):
            week.update(values)
    got = dict(zip(parts, done[len(figures):], strict=True))
    return {
        "week": weeks.label(monday),
        "span": weeks.span_text(monday),
        "comparison": _comparison_of([{m.key: week[m.key] for m in metrics.WEEKLY} for week in merged]),
        "top_categories": got["top_categories"],
        "hot_cells": got["hot_cells"],
        "hot_communities": got["hot_communities"],
        "hot_towns": got["hot_towns"],
        "laggards": got["laggards"],
        "overdue": got["overdue"],
        "trend": got["trend"],
        "snapshot": None,  # lives in the operational store: the page adds it (latest_snapshot)
    }


def comparison_table(cmp: pd.DataFrame, snapshot: pd.DataFrame | None = None) -> pd.DataFrame:
    """The comparison as shown and exported: Chinese headers, rounded, with 'as reported then'."""
    out = pd.DataFrame({
        "指标": cmp["label"],
        "单位": cmp["unit"],
        "本周": cmp["this_week"].round(1),
        "上周": cmp["last_week"].round(1),
        "前四周平均": cmp["avg4"].round(1),
        "环比变化": cmp["change"].round(1),
    })
    if snapshot is not None and len(snapshot):
        then = dict(zip(snapshot["metric"], snapshot["value"], strict=True))
        out["例会时上报"] = [round(then[k], 1) if k in then and pd.notna(then[k]) else None for k in cmp["key"]]
        out["上报后变动"] = (out["本周"] - out["例会时上报"]).round(1)
    return out


def hot_cells_table(cells: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "街镇": cells["town"], "主要类别": cells["top_category"], "上报": cells["reports"],
        "未办结": cells["open_reports"], "中心纬度": cells["lat"].round(5), "中心经度": cells["lon"].round(5),
    })


def export_tables(b: dict) -> dict[str, pd.DataFrame]:
    """The sheets of the weekly XLSX (and the tables of the DOCX)."""
    overdue_cols = {"report_id": "编号", "reported_at": "上报时间", "category": "问题类别", "town": "街镇",
                    "community": "社区", "days_overdue": "超期天数", "status_at_end": "状态", "handler": "处置单位",
                    "reporter": "上报人", "reporter_phone": "电话", "description": "描述"}
    overdue = b["overdue"][[c for c in overdue_cols if c in b["overdue"].columns]].rename(columns=overdue_cols)
    if "超期天数" in overdue.columns:
        overdue["超期天数"] = overdue["超期天数"].round(1)
    return {
        "周对比": comparison_table(b["comparison"], b["snapshot"]),
        "简报": pd.DataFrame({"简报": b["sentences"]}),
        "热点网格": hot_cells_table(b["hot_cells"]),
        "热点社区": b["hot_communities"].rename(columns={"community": "社区", "town": "街镇", "reports": "上报",
                                                     "population": "常住人口", "per_1000_residents": "每千人上报"})
                    .drop(columns=["community_id"], errors="ignore"),
        "按时办结率偏低街镇": b["laggards"].rename(columns={"town": "街镇", "decided": "已到期问题", "on_time": "按时办结",
                                                         "on_time_rate": "按时办结率%"}).round(1),
        "超期未办结": overdue,
    }
