"""Every headline figure declared once: key, label, unit, stock or flow, which way is good news, how it
is computed from (con, filters), its threshold and its note.

The overview's cards and sparklines, the cumulative story beside them, the weekly comparison and its
snapshots, the briefing cards and the alert strip all loop over the groups at the bottom. A figure is
computed by calling its `source` (a query function of fxdash.queries, `(con, filters, **kwargs)`) and
applying `pick` to the result; figures that share a source share one call. A page passes its cached
runner to `evaluate`, so the alert strip reuses what the reports, people and community pages cached.

To find a number on screen: its label is in fxdash.labels.metrics, the Metric here names the query
function (`source`), and that function's SQL names the tables.
"""

import datetime as dt
import inspect
from collections.abc import Callable
from dataclasses import dataclass, replace

import pandas as pd

from fxdash.filters import FIRST_DATE, Filters
from fxdash.labels import metrics as M
from fxdash.queries import (
    common,
    community,
    community_fraud,
    community_suggestions,
    overview,
    people,
    people_party,
    people_points,
    people_roles,
    reports,
)

TREND_WEEKS = 12  # sparklines on the overview and the trend chart of the weekly briefing
HOT_CELL_M = 500  # grid cell of the weekly hot spots: a few streets, small enough to send someone to
CHART_MAX_WEEKS = 26  # a weekly bar chart in a card stays readable up to half a year; longer periods show their last 26 weeks


def _same(result):
    return result


def _count(df: pd.DataFrame) -> int:
    return len(df)


def _first(result) -> int:
    return result[0]


def _second(result) -> int:
    return result[1]


def _field(name: str) -> Callable:
    def pick(result):
        value = result[name] if isinstance(result, dict) else result.iloc[0][name]
        return float("nan") if value is None or pd.isna(value) else value
    pick.__name__ = f"field_{name}"
    return pick


def _percent(result: pd.DataFrame) -> float:
    row = result.iloc[0]
    return 100.0 * float(row["share_on_time"]) if pd.notna(row["share_on_time"]) else float("nan")


def _resolution_rate(result: pd.DataFrame) -> float:
    row = result.iloc[0]
    n = int(row["reports"])
    return 100.0 * int(row["resolved"]) / n if n else float("nan")


def _resolved_in_weeks(result: pd.DataFrame) -> int:
    return int(result["resolved"].sum())


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str
    stock: bool  # True: the state at the period's end; False: what happened within the period
    better: int  # +1 more is good news, -1 more is bad news, 0 neither
    source: Callable  # a query function (con, filters, **kwargs); module-level, so pages can cache it
    pick: Callable = _same  # the source's result -> this figure
    kwargs: tuple = ()  # (name, value) pairs passed to the source
    threshold: int | None = None  # the one place a figure's limit is written (days, etc.)
    note: str = ""  # what the short label leaves out
    # The series form of the source: (con, filters, periods, **kwargs) -> one row per period, in the
    # order given, with this figure in column `series_pick`; one grouped query instead of one per period.
    # It sits next to its source, named with a leading underscore: not a (con, filters) query of its own
    # (tests/test_metrics_series.py checks it equals the source week by week).
    series: Callable | None = None
    series_pick: str = "value"

    @property
    def colour(self) -> str:
        """Streamlit's delta colour: an increase is green when more is better, red when it is worse."""
        return {1: "normal", -1: "inverse"}.get(self.better, "off")


# --- the figures -------------------------------------------------------------------------------------

ACTIVE_WORKERS = Metric("active_workers", M.ACTIVE_WORKERS, M.PERSON, True, 1, overview.active_workers,
                        series=overview._active_workers_series)
RIDER_STATIONS = Metric("rider_stations", M.RIDER_STATIONS, M.ITEM, True, 1, overview.stations_open,
                        kwargs=(("kind", "骑手驿站"),), series=overview._stations_open_series)
SERVICE_POINTS = Metric("service_points", M.SERVICE_POINTS, M.ITEM, True, 1, overview.stations_open,
                        kwargs=(("kind", "服务点位"),), series=overview._stations_open_series)
SCENES = Metric("scenes", M.SCENES, M.ITEM, True, 1, overview.scenes_certified, series=overview._scenes_certified_series)
BRANCHES = Metric("branches", M.BRANCHES, M.ITEM, True, 1, overview.branches_founded,
                  series=overview._branches_founded_series)
ROLE_MEMBERS = Metric("role_members", M.ROLE_MEMBERS, M.PERSON, True, 1, common.role_members,
                      series=common._role_members_series)
MOBILE_MEMBERS = Metric("mobile_party_members", M.STORY_MOBILE_MEMBERS, M.PERSON, True, 1, people_party.party_summary,
                        _field("mobile_members"))
REPORTS = Metric("reports", M.REPORTS, M.CASE, False, 0, overview.reports_in_period, _first,
                 series=overview._reports_in_period_series, series_pick="total")
REPORTS_OPEN = Metric("reports_open", M.REPORTS_OPEN, M.CASE, False, -1, overview.reports_in_period, _second,
                      note=M.REPORTS_OPEN_NOTE, series=overview._reports_in_period_series, series_pick="still_open")

# on a week's filters (the weekly comparison); the keys are also those of the saved snapshots
REPORTS_NEW = Metric("reports_new", M.REPORTS_NEW, M.CASE, False, 0, reports.on_time_summary, _field("reports"),
                     series=reports._on_time_series, series_pick="reports")
REPORTS_RESOLVED = Metric("reports_resolved", M.REPORTS_RESOLVED, M.CASE, False, 1, overview.weekly_reports,
                          _resolved_in_weeks, series=overview._resolved_series, series_pick="resolved")
RESOLUTION_RATE = Metric("resolution_rate", M.RESOLUTION_RATE, M.PERCENT, False, 1, reports.on_time_summary,
                         _resolution_rate, note=M.NOTE_RESOLUTION_RATE, series=reports._on_time_series,
                         series_pick="resolution_rate")
ON_TIME_RATE = Metric("on_time_rate", M.ON_TIME_RATE, M.PERCENT, False, 1, reports.on_time_summary, _percent,
                      note=M.NOTE_ON_TIME_RATE, series=reports._on_time_series, series_pick="on_time_rate")
OVERDUE_OPEN = Metric("overdue_open", M.OVERDUE_OPEN, M.CASE, True, -1, reports.on_time_summary,
                      _field("overdue_backlog"), note=M.NOTE_OVERDUE_OPEN, series=reports._on_time_series,
                      series_pick="overdue_backlog")
WORKERS_JOINED = Metric("workers_joined", M.WORKERS_JOINED, M.PERSON, False, 1, people.registry_summary,
                        _field("joined"), series=people._registry_summary_series, series_pick="joined")
WORKERS_LEFT = Metric("workers_left", M.WORKERS_LEFT, M.PERSON, False, -1, people.registry_summary, _field("left_"),
                      series=people._registry_summary_series, series_pick="left_")
ROLES_NEW = Metric("roles_new", M.ROLES_NEW, M.PERSON, False, 1, overview.first_roles, note=M.NOTE_ROLES_NEW,
                   series=overview._first_roles_series)
ACTIVITIES = Metric("activities", M.ACTIVITIES, M.SESSION, False, 1, overview.activities_held,
                    series=overview._activities_held_series)
PARTICIPATIONS = Metric("participations", M.PARTICIPATIONS, M.PARTICIPATION, False, 1, people_roles.volunteer_summary,
                        _field("participations"), series=people_roles._volunteer_summary_series,
                        series_pick="participations")
POINTS_EARNED = Metric("points_earned", M.POINTS_EARNED, M.POINT, False, 1, people_points.points_summary, _field("earned"),
                       series=people_points._points_summary_series, series_pick="earned")
POINTS_REDEEMED = Metric("points_redeemed", M.POINTS_REDEEMED, M.POINT, False, 0, people_points.points_summary,
                         _field("redeemed"), series=people_points._points_summary_series, series_pick="redeemed")
CARE_VISITS = Metric("care_visits", M.CARE_VISITS, M.TIMES, False, 1, community.care_summary, _field("visits"),
                     series=community._care_visits_series, series_pick="visits")
# the threshold is the query's default (community.OVERDUE_DAYS), so the community page's cached list is reused
UNVISITED_PAIRS = Metric("unvisited_pairs", M.UNVISITED_PAIRS, M.PAIR, True, -1, community.overdue_pairs, _count,
                         threshold=community.OVERDUE_DAYS, series=community._overdue_pairs_series,
                         note=M.NOTE_UNVISITED_PAIRS.format(days=community.OVERDUE_DAYS))
FRAUD_CASES = Metric("fraud_cases", M.FRAUD_CASES, M.INCIDENT, False, 1, community_fraud.fraud_totals, _field("cases"),
                     series=community_fraud._fraud_totals_series, series_pick="cases")
FRAUD_AMOUNT = Metric("fraud_amount", M.FRAUD_AMOUNT, M.YUAN, False, 1, community_fraud.fraud_totals, _field("amount"),
                      series=community_fraud._fraud_totals_series, series_pick="amount")
SUGGESTIONS = Metric("suggestions", M.SUGGESTIONS, M.CASE, False, 1, community_suggestions.suggestion_summary,
                     _field("submitted"), series=community_suggestions._suggestion_summary_series,
                     series_pick="submitted")
NEGATIVE_BALANCES = Metric("negative_balances", M.NEGATIVE_BALANCES, M.PERSON, True, -1, people_points.negative_balances, _count)

# --- the groups pages loop over ------------------------------------------------------------------------

OVERVIEW = (ACTIVE_WORKERS, RIDER_STATIONS, SERVICE_POINTS, SCENES, BRANCHES, ROLE_MEMBERS, REPORTS, REPORTS_OPEN)
WEEKLY = (REPORTS_NEW, REPORTS_RESOLVED, RESOLUTION_RATE, ON_TIME_RATE, OVERDUE_OPEN, WORKERS_JOINED, WORKERS_LEFT,
          ROLES_NEW, ACTIVITIES, PARTICIPATIONS, POINTS_EARNED, POINTS_REDEEMED, CARE_VISITS, UNVISITED_PAIRS,
          FRAUD_CASES, FRAUD_AMOUNT, SUGGESTIONS)
ALERTS = (OVERDUE_OPEN, UNVISITED_PAIRS, NEGATIVE_BALANCES)
# the article's story: everything since the first record, on the overview beside the period's figures
STORY = (RIDER_STATIONS, SERVICE_POINTS, SCENES, BRANCHES, MOBILE_MEMBERS, ROLE_MEMBERS,
         replace(REPORTS, label=M.STORY_REPORTS), replace(PARTICIPATIONS, label=M.STORY_PARTICIPATIONS),
         replace(SUGGESTIONS, label=M.STORY_SUGGESTIONS), replace(FRAUD_CASES, label=M.STORY_FRAUD_CASES),
         replace(FRAUD_AMOUNT, label=M.STORY_FRAUD_AMOUNT))


def by_key(group: tuple[Metric, ...]) -> dict[str, Metric]:
    return {m.key: m for m in group}


# --- computing them ----------------------------------------------------------------------------------------


def evaluate(group: tuple[Metric, ...], call: Callable) -> dict[str, float]:
    """{key: value} of a group; `call(source, kwargs)` runs a source once however many figures use it."""
    results = {}
    out = {}
    for m in group:
        slot = (m.source, m.kwargs)
        if slot not in results:
            results[slot] = call(m.source, dict(m.kwargs))
        out[m.key] = m.pick(results[slot])
    return out


def values(con, f: Filters, group: tuple[Metric, ...], deadlines=None) -> dict[str, float]:
    """{key: value} of a group under the filters, straight from the database; `deadlines` (the
    settings' report deadlines) reaches the sources that take them."""
    return evaluate(group, lambda source, kwargs: source(con, f, **kwargs, **settings_kwargs(source, deadlines)))


def values_series(con, f: Filters, group: tuple[Metric, ...], periods, deadlines=None) -> list[dict[str, float]]:
    """`values` for each of `periods` ((date_from, date_to) pairs ending on distinct days), in order:
    a figure with a series form costs one grouped query for all periods (shared by the figures of its
    source); the others are computed period by period as `values` does."""
    out: list[dict] = [{} for _ in periods]
    results = {}
    rest = tuple(m for m in group if m.series is None)
    for m in group:
        if m.series is None:
            continue
        slot = (m.series, m.kwargs)
        if slot not in results:
            results[slot] = m.series(con, f, periods, **dict(m.kwargs), **settings_kwargs(m.series, deadlines))
        for row, value in zip(out, results[slot][m.series_pick].tolist(), strict=True):
            row[m.key] = float("nan") if value is None or pd.isna(value) else value
    if rest:
        for row, (start, end) in zip(out, periods, strict=True):
            row.update(values(con, f.with_period(start, end), rest, deadlines))
    return [{m.key: row[m.key] for m in group} for row in out]


def settings_kwargs(source: Callable, deadlines) -> dict:
    """The settings a source takes: the report deadlines for the figures built on report outcomes."""
    return {"deadlines": deadlines} if "deadlines" in inspect.signature(source).parameters else {}


def headline(con, f: Filters) -> pd.DataFrame:
    """The overview's figures: one row each, with the value in the previous period of equal length."""
    now, before = values(con, f, OVERVIEW), values(con, f.previous(), OVERVIEW)
    return pd.DataFrame([
        {"key": m.key, "label": m.label, "unit": m.unit, "stock": m.stock, "better": m.better,
         "note": m.note, "value": now[m.key], "previous": before[m.key], "delta": now[m.key] - before[m.key]}
        for m in OVERVIEW
    ])


def kpi_trend(con, f: Filters, weeks: int = TREND_WEEKS) -> pd.DataFrame:
    """Each overview figure over the last `weeks` weeks up to the period end (for sparklines).

    Stocks are read at each week's last day; flows count that week (reports made in it).
    """
    ends = [f.date_to - dt.timedelta(days=7 * k) for k in range(weeks - 1, -1, -1)]
    got = values_series(con, f, OVERVIEW, [(end - dt.timedelta(days=6), end) for end in ends])
    return pd.DataFrame([{"key": key, "week_end": end, "value": value}
                         for end, figures in zip(ends, got, strict=True) for key, value in figures.items()])


def sparklines(trend: pd.DataFrame) -> dict[str, list]:
    """Each figure's weekly values of `kpi_trend`, in its row order: one pass over the trend, not a text
    comparison of the whole trend per card (eight a view: 6% of the interpreter's work in the meeting load
    test's cold round)."""
    out: dict[str, list] = {}
    for key, value in zip(trend["key"].tolist(), trend["value"].tolist(), strict=True):
        out.setdefault(key, []).append(value)
    return out


def chart_window(f: Filters) -> Filters:
    """The period of a weekly chart: the filters' own, or its last CHART_MAX_WEEKS weeks when longer."""
    if f.days <= 7 * CHART_MAX_WEEKS:
        return f
    return f.with_period(f.date_to - dt.timedelta(days=7 * CHART_MAX_WEEKS - 1), f.date_to)


def story_filters(f: Filters, as_of: dt.date) -> Filters:
    """Everything since the first record up to the period's end (never past the data's day)."""
    return f.with_period(FIRST_DATE, min(f.date_to, as_of))


def story(con, f: Filters, as_of: dt.date) -> pd.DataFrame:
    """The cumulative story under the filters other than the period: one row per figure, with its date."""
    g = story_filters(f, as_of)
    got = values(con, g, STORY)
    return pd.DataFrame([{"key": m.key, "label": m.label, "unit": m.unit, "value": got[m.key], "as_of": g.date_to}
                         for m in STORY])
