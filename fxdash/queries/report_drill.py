"""Drill-down on the reports page: a clicked bar, cell or town narrows the records to its reports.

The drill state travels in the URL as one value, `kind:value` (e.g. `town:310120111`,
`cell:31_24`, `slot:1-9` for Monday 09:00-09:59), so a narrowed view is a shareable link. Every
value is checked here and compiled to a parameterised condition on the reports alias `r`.
"""

import datetime as dt
import re
from dataclasses import dataclass

from fxdash import textfmt
from fxdash.labels import reports as LRP
from fxdash.labels import vocab as V
from fxdash.queries import spatial

CELL_M = 500  # grid cell size of the reports heatmap; a cell drill refers to this grid
REPORT_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")


@dataclass(frozen=True)
class Drill:
    kind: str  # one of fxdash.labels.reports.RPT_DRILL_KINDS
    value: str

    def to_param(self) -> str:
        return f"{self.kind}:{self.value}"


def parse_drill(raw: str | None, town_codes=()) -> tuple[Drill | None, str | None]:
    """(Drill or None, Chinese message if the value was bad and ignored)."""
    text = (raw or "").strip()
    if not text:
        return None, None
    kind, _, value = text.partition(":")
    drill = Drill(kind.strip(), value.strip())
    if _valid(drill, set(town_codes)):
        return drill, None
    return None, LRP.RPT_DRILL_BAD.format(value=text[:40])


def _valid(d: Drill, town_codes: set) -> bool:
    checks = {
        "town": lambda v: v in town_codes,
        "cat": lambda v: v in V.REPORT_CATEGORIES,
        "status": lambda v: v in V.REPORT_STATUSES,
        "id": lambda v: REPORT_ID.fullmatch(v) is not None,
        "cell": lambda v: _ints(v, "_") is not None,
        "slot": lambda v: (s := _ints(v, "-")) is not None and 1 <= s[0] <= 7 and 0 <= s[1] <= 23,
        "week": lambda v: (w := _date(v)) is not None and w.weekday() == 0,
    }
    check = checks.get(d.kind)
    return bool(check and check(d.value))


def _ints(value: str, sep: str) -> tuple[int, int] | None:
    parts = value.split(sep)
    if len(parts) != 2:
        return None
    try:
        a, b = int(parts[0]), int(parts[1])
    except ValueError:
        return None
    return (a, b) if abs(a) < 10_000 and abs(b) < 10_000 else None


def _date(value: str) -> dt.date | None:
    """A date from the URL, within years 1900-2999 (a week starting 9999-12-27 would overflow)."""
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day if 1900 <= day.year <= 2999 else None


def drill_where(d: Drill | None) -> tuple[str, dict]:
    """The drill as a condition on reports `r` (used beside report_where), with
    named parameters `$drill_*`."""
    if d is None:
        return "true", {}
    if d.kind == "town":
        return "r.town_code = $drill_value", {"drill_value": d.value}
    if d.kind == "cat":
        return "r.category = $drill_value", {"drill_value": d.value}
    if d.kind == "status":
        return "r.status = $drill_value", {"drill_value": d.value}
    if d.kind == "id":
        return "r.report_id = $drill_value", {"drill_value": d.value}
    if d.kind == "cell":
        x, y = _ints(d.value, "_")
        # the same grid as spatial.report_bins
        return ("floor((r.lon - $lon0) / $dlon)::int = $drill_x and floor((r.lat - $lat0) / $dlat)::int = $drill_y",
                {**spatial.grid_params(CELL_M), "drill_x": x, "drill_y": y})
    if d.kind == "slot":
        day, hour = _ints(d.value, "-")
        return ("isodow(r.reported_at) = $drill_day and hour(r.reported_at) = $drill_hour",
                {"drill_day": day, "drill_hour": hour})
    if d.kind == "week":
        start = dt.datetime.combine(_date(d.value), dt.time())
        return ("r.reported_at >= $drill_from and r.reported_at < $drill_to",
                {"drill_from": start, "drill_to": start + dt.timedelta(days=7)})
    raise ValueError(f"unknown drill kind {d.kind!r}")


def describe(d: Drill, town_names: dict) -> str:
    """The drill in words, for the note above the records."""
    kind = LRP.RPT_DRILL_KINDS[d.kind]
    if d.kind == "town":
        return f"{kind} {town_names.get(d.value, d.value)}"
    if d.kind == "cell":
        x, y = _ints(d.value, "_")
        return LRP.RPT_DRILL_CELL.format(x=x, y=y, cell=CELL_M)
    if d.kind == "slot":
        day, hour = _ints(d.value, "-")
        return f"{kind} " + LRP.RPT_DRILL_SLOT.format(day=LRP.WEEKDAYS[day - 1], hour=f"{hour:02d}")
    if d.kind == "week":
        return LRP.RPT_DRILL_WEEK.format(week=textfmt.day(d.value))
    return f"{kind} {d.value}"


def from_points(kind: str, points: list, values=None) -> Drill | None:
    """The drill for the first clicked point of a plotly selection.

    `values[point_index]` gives the drill value when passed; otherwise the point's customdata does.
    """
    for point in points or []:
        idx = point.get("point_index", point.get("pointIndex"))
        if values is not None and idx is not None and 0 <= int(idx) < len(values):
            return Drill(kind, str(values[int(idx)]))
        custom = point.get("customdata")
        if values is None and custom is not None:
            return Drill(kind, str(custom[0] if isinstance(custom, (list, tuple)) else custom))
    return None


def drill_town(con, raw: str | None) -> str | None:
    """The town a drill names, directly (town:CODE) or through one report (id:R…); None otherwise.
    Used to refuse a link into a town outside the user's scope before anything is shown."""
    kind, _, value = (raw or "").partition(":")
    kind, value = kind.strip(), value.strip()
    if kind == "town":
        return value
    if kind == "id":
        row = con.execute("select town_code from reports where report_id = ?", [value]).fetchone()
        return row[0] if row else None
    return None
