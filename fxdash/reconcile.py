"""数据核对: compare published reference figures with the dashboard's own value as of each figure's date.

Each figure key maps to a function computing the dashboard's value on a day, mostly a figure of
fxdash.metrics (the same numbers the pages show), district-wide. Rules: exact (equal), at_least (the
dashboard is not below the published "600余"), about (within an absolute tolerance, "近800").
"""

import datetime as dt
import math

import duckdb
import pandas as pd

from fxdash import db, metrics, weeks
from fxdash.filters import Filters
from fxdash.labels import reconcile as R
from fxdash.queries import community, people_party

EPOCH = dt.date(2000, 1, 1)  # "cumulative" = from before any record up to the figure's date
RULES = tuple(R.RULES)
MAX_LEN = {"source_title": 300, "source_link": 1000, "source_file": 300, "note": 2000}


class Missing(LookupError):
    """The thing a figure is about (a branch, a community) is not in the data."""


def _upto(day: dt.date) -> Filters:
    return Filters(date_from=EPOCH, date_to=day)


class _Sources:
    """The queries of one comparison on one connection: a source is run once per day and arguments,
    however many figures read it (the party figures share people_party.party_summary)."""

    def __init__(self, con):
        self.con = con
        self._done: dict = {}

    def __call__(self, source, day: dt.date, **kwargs):
        key = (source, day, tuple(sorted(kwargs.items())))
        if key not in self._done:
            self._done[key] = source(self.con, _upto(day), **kwargs)
        return self._done[key]


def _branch_group(run: _Sources, day: dt.date, name: str = "振兴路街区党支部") -> float:
    size = run(people_party.branch_group_size, day, name=name)  # branch_table's group_size, that branch alone
    if size is None:
        raise Missing(name)
    return float(size)


def _community_population(run: _Sources, day: dt.date, name: str = "胡桥社区") -> float:
    population = run(community.community_population, day, name=name)  # community_profile's, alone
    if population is None:
        raise Missing(name)
    return float(population)


def _party_activities(run: _Sources, day: dt.date) -> float:
    s = run(people_party.party_summary, day)
    return float(s["study"] + s["consult"])


def _metric(m: metrics.Metric):
    """A registry figure on a day: the same number the overview's story shows (metrics.values)."""
    return lambda run, day: m.pick(run(m.source, day, **dict(m.kwargs), **metrics.settings_kwargs(m.source, None)))


# key -> function (sources, day) -> the dashboard's value on that day
FIGURES = {
    "active_workers": _metric(metrics.ACTIVE_WORKERS),
    "branches": _metric(metrics.BRANCHES),
    "mobile_party_members": _metric(metrics.MOBILE_MEMBERS),
    "party_activities": _party_activities,
    "rider_stations": _metric(metrics.RIDER_STATIONS),
    "service_points": _metric(metrics.SERVICE_POINTS),
    "friendly_scenes": _metric(metrics.SCENES),
    "role_members": _metric(metrics.ROLE_MEMBERS),
    "reports": _metric(metrics.REPORTS),
    "participations": _metric(metrics.PARTICIPATIONS),
    "fraud_amount": _metric(metrics.FRAUD_AMOUNT),
    "suggestions": _metric(metrics.SUGGESTIONS),
    "zhenxing_members": _branch_group,
    "huqiao_population": _community_population,
}
assert set(FIGURES) == set(R.FIGURES), "every figure needs a label and a query"


def dashboard_value(con, key: str, day: dt.date, as_of: dt.date | None,
                    sources: _Sources | None = None) -> tuple[float | None, str]:
    """(value, '') or (None, why it cannot be computed); `sources` shares the queries of one comparison."""
    if key not in FIGURES:
        return None, R.REASON_UNKNOWN_KEY.format(key=key)
    if as_of is None:
        return None, R.REASON_NO_DATA
    if day > as_of:
        return None, R.REASON_AFTER_DATA.format(as_of=weeks.cn_date(as_of))
    try:
        return float(FIGURES[key](sources or _Sources(con), day)), ""
    except Missing as exc:
        return None, R.REASON_MISSING.format(what=exc.args[0])
    except duckdb.Error as exc:  # e.g. an imported table without a column: say so, keep the page up
        return None, R.REASON_ERROR.format(error=str(exc).splitlines()[0][:200])


def status(rule: str, published: float, value: float | None, tolerance: float | None) -> str:
    if value is None:
        return R.NA
    if rule == "exact":
        ok = math.isclose(value, published, abs_tol=1e-9)
    elif rule == "at_least":
        ok = value >= published
    else:
        ok = abs(value - published) <= (tolerance or 0)
    return R.OK if ok else R.OFF


def number_text(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def rule_text(rule: str, published: float, tolerance: float | None, unit: str = "") -> str:
    text = f"{R.RULES.get(rule, rule)} {number_text(published)}{unit}"
    if rule == "about" and tolerance:
        text += f"（±{number_text(tolerance)}）"
    return text


def source_text(row) -> str:
    parts = [row["source_title"]] + [row[k] for k in ("source_link", "source_file") if isinstance(row[k], str) and row[k]]
    return "；".join(parts)


def figure_label(key: str) -> tuple[str, str]:
    return R.FIGURES.get(key, (key, ""))


def compare(con, refs: pd.DataFrame) -> pd.DataFrame:
    """One row per reference figure (refs as fxdash.store.references.current): published value and rule,
    the dashboard's value as of its date, difference (dashboard − published) and status with reason."""
    as_of = db.data_as_of(con)
    sources = _Sources(con)
    rows = []
    for ref in refs.to_dict("records"):
        label, unit = figure_label(ref["figure_key"])
        value, reason = dashboard_value(con, ref["figure_key"], ref["ref_date"], as_of, sources)
        tol = None if pd.isna(ref["tolerance"]) else float(ref["tolerance"])
        rows.append({
            "figure_id": ref["figure_id"], "figure_key": ref["figure_key"], "figure": label, "unit": unit,
            "published": ref["value"], "rule": ref["rule"], "tolerance": tol,
            "rule_text": rule_text(ref["rule"], ref["value"], tol, unit), "ref_date": ref["ref_date"],
            "ref_date_text": weeks.cn_date(ref["ref_date"]), "source": source_text(ref),
            "dashboard": value, "difference": None if value is None else value - ref["value"],
            "status": status(ref["rule"], ref["value"], value, tol), "reason": reason,
            "note": ref["note"] or "",
        })
    order = {k: i for i, k in enumerate(FIGURES)}
    out = pd.DataFrame(rows, columns=["figure_id", "figure_key", "figure", "unit", "published", "rule", "tolerance",
                                      "rule_text", "ref_date", "ref_date_text", "source", "dashboard", "difference",
                                      "status", "reason", "note"])
    out["_o"] = out["figure_key"].map(lambda k: order.get(k, len(order)))
    out = out.sort_values(["ref_date", "_o"], kind="stable").drop(columns="_o").reset_index(drop=True)
    for col in ("dashboard", "difference"):
        out[col] = out[col].astype("float64")
    return out


def table(cmp: pd.DataFrame) -> pd.DataFrame:
    """The comparison as shown and exported: Chinese headers, in reading order."""
    return cmp[list(R.COLUMNS)].rename(columns=R.COLUMNS)


def summary(cmp: pd.DataFrame) -> dict[str, int]:
    counts = cmp["status"].value_counts()
    return {"n": len(cmp), "ok": int(counts.get(R.OK, 0)), "off": int(counts.get(R.OFF, 0)),
            "na": int(counts.get(R.NA, 0))}


def check_figure(values: dict) -> tuple[dict, list[str]]:
    """A figure from the form, cleaned, and every problem in Chinese (empty list = fine to save)."""
    errors = []
    out = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    for key in ("source_link", "source_file", "note"):
        out[key] = out.get(key) or None
    if out.get("figure_key") not in FIGURES:
        errors.append(R.ERR_KEY)
    value = out.get("value")
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value) or value < 0:
        errors.append(R.ERR_VALUE)
    if out.get("rule") not in RULES:
        errors.append(R.ERR_RULE)
    tol = out.get("tolerance")
    if out.get("rule") == "about":
        if not isinstance(tol, (int, float)) or not math.isfinite(tol) or tol <= 0:
            errors.append(R.ERR_TOL)
    else:
        out["tolerance"] = None
    if not out.get("source_title"):
        errors.append(R.ERR_TITLE)
    link = out.get("source_link")
    if link and not link.lower().startswith(("http://", "https://")):
        errors.append(R.ERR_LINK)
    for key, n in MAX_LEN.items():
        if out.get(key) and len(out[key]) > n:
            errors.append(R.ERR_TOO_LONG.format(field=FIELD_NAMES[key], n=n))
    if not isinstance(out.get("ref_date"), dt.date):
        errors.append(R.FIELD_DATE)
    return out, errors


FIELD_NAMES = {"source_title": R.FIELD_TITLE, "source_link": R.FIELD_LINK, "source_file": R.FIELD_FILE,
               "note": R.FIELD_NOTE}


def history_table(hist: pd.DataFrame) -> pd.DataFrame:
    """The change log as shown: who, when, what the figure was set to."""
    rows = []
    for r in hist.to_dict("records"):
        label, unit = figure_label(r["figure_key"])
        tol = None if pd.isna(r["tolerance"]) else r["tolerance"]
        rows.append({"changed_at": r["changed_at"], "changed_by": r["changed_by"],
                     "action": R.HISTORY_ACTIONS.get(r["action"], r["action"]), "figure": label,
                     "published": r["value"], "rule_text": rule_text(r["rule"], r["value"], tol, unit),
                     "ref_date_text": weeks.cn_date(r["ref_date"]), "source": source_text(r), "note": r["note"] or "",
                     "retired": "是" if r["retired"] else "否"})
    return pd.DataFrame(rows, columns=list(R.HISTORY_COLUMNS)).rename(columns=R.HISTORY_COLUMNS)

