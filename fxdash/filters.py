"""The one Filters object every page and every query takes.

A Filters value round-trips through the URL (st.query_params) so that a filtered view is a link:
`to_params()` writes it, `from_params()` reads it back and reports every bad value in Chinese
instead of failing. `where()` compiles it to a parameterised SQL clause for the columns a query
names; values are always bound parameters, never formatted into the SQL.
"""

import datetime as dt
from dataclasses import dataclass, fields, replace

from fxdash import textfmt
from fxdash.labels import filters as LF
from fxdash.labels import ingest as X
from fxdash.labels import metrics as M
from fxdash.labels import vocab as V

DEFAULT_DAYS = 28  # four weeks: the weekly meeting's usual look-back
DEFAULT_PRESET = "28d"
FIRST_DATE = dt.date(2023, 1, 1)  # the earliest date the period widget offers (before any data)
AHEAD_DAYS = 366  # how far past "today" the period widget reaches


@dataclass(frozen=True)
class Filters:
    date_from: dt.date
    date_to: dt.date
    towns: tuple[str, ...] = ()  # town codes
    occupations: tuple[str, ...] = ()
    enterprises: tuple[str, ...] = ()  # enterprise ids
    categories: tuple[str, ...] = ()  # report categories
    statuses: tuple[str, ...] = ()  # report statuses
    roles: tuple[str, ...] = ()  # the four roles
    station_kinds: tuple[str, ...] = ()
    host_types: tuple[str, ...] = ()
    amenities: tuple[str, ...] = ()  # a station must offer all of these
    # The towns the signed-in user may see (fxdash.rights.scoped); () = all. Never read from or written
    # to a URL; `where()` applies it to the town column whatever the other filters say.
    scope: tuple[str, ...] = ()
    # A named period (a key of PRESETS) the dates were resolved from, "" for an explicit range: the URL
    # keeps the name, so a link to 本周 still means this week when it is opened next month.
    preset: str = ""

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    def previous(self) -> "Filters":
        """The period of equal length just before this one (same other filters)."""
        return replace(self, date_from=self.date_from - dt.timedelta(days=self.days),
                       date_to=self.date_from - dt.timedelta(days=1), preset="")

    def with_period(self, date_from: dt.date, date_to: dt.date) -> "Filters":
        return replace(self, date_from=date_from, date_to=date_to, preset="")

    def period_text(self) -> str:
        """本月（2026年3月1日至3月18日）, or only the dates for an explicit range."""
        dates = textfmt.period(self.date_from, self.date_to)
        return f"{M.PRESETS[self.preset]}（{dates}）" if self.preset else dates

    def to_params(self) -> dict[str, str]:
        """URL parameters; empty selections are left out so links stay short. A preset is written by
        name instead of its dates."""
        if self.preset:
            out = {PERIOD_KEY: self.preset}
        else:
            out = {"from": self.date_from.isoformat(), "to": self.date_to.isoformat()}
        for f in fields(self):
            if f.name in LIST_FIELDS and getattr(self, f.name):
                out[LIST_FIELDS[f.name]] = ",".join(getattr(self, f.name))
        return out

    def where(self, *, date=None, timestamp=None, town=None, occupation=None, enterprise=None,
              category=None, status=None, role=None, station_kind=None, host_type=None,
              amenities=None, named: bool = False, prefix: str = "") -> tuple[str, list | dict]:
        """A SQL condition (joined by 'and') over the given column expressions, and its parameters.

        Column expressions come from code, never from input. `date` is a DATE column compared with
        the period inclusively; `timestamp` a TIMESTAMP column within [date_from, date_to + 1 day).
        A filter whose column is not given does not apply to that query.

        Parameters are `?` (a list, in order) or, with `named`, `$name` (a dict). A name stands for
        one value of this Filters (`$date_from`, `$date_to`, `$ts_from`, `$ts_to`, `$towns`, `$scope`,
        `$occupations`...), so two conditions of one Filters in a query share it; `prefix` keeps a
        second Filters (another period) in the same query apart.
        """
        clauses: list[str] = []
        bound: list[tuple[str, object]] = []

        def bind(name: str, value) -> str:
            bound.append((prefix + name, value))
            return f"${prefix}{name}" if named else "?"

        if date is not None:
            clauses.append(f"{date} between {bind('date_from', self.date_from)} and {bind('date_to', self.date_to)}")
        if timestamp is not None:
            start, end = _midnight(self.date_from), _midnight(self.date_to + dt.timedelta(days=1))
            clauses.append(f"{timestamp} >= {bind('ts_from', start)} and {timestamp} < {bind('ts_to', end)}")
        for name, column in (("towns", town), ("occupations", occupation), ("enterprises", enterprise),
                             ("categories", category), ("statuses", status), ("roles", role),
                             ("station_kinds", station_kind), ("host_types", host_type)):
            values = getattr(self, name)
            if column is not None and values:
                clauses.append(f"list_contains({bind(name, list(values))}, {column})")
        if town is not None and self.scope:
            clauses.append(f"list_contains({bind('scope', list(self.scope))}, {town})")
        if amenities is not None and self.amenities:
            clauses.append(f"list_has_all({amenities}, {bind('amenities', list(self.amenities))})")
        params = dict(bound) if named else [value for _, value in bound]
        return (" and ".join(clauses) or "true"), params

    def scope_where(self, town: str, named: bool = False) -> tuple[str, list | dict]:
        """Only the user's scope on a town column (for lookups that ignore the town filter)."""
        if not self.scope:
            return "true", {} if named else []
        if named:
            return f"list_contains($scope, {town})", {"scope": list(self.scope)}
        return f"list_contains(?, {town})", [list(self.scope)]

    def describe(self, town_names: dict | None = None, enterprise_names: dict | None = None) -> list[tuple[str, str]]:
        """(label, value) pairs in Chinese, for export headers and captions."""
        town_names = town_names or {}
        enterprise_names = enterprise_names or {}
        out = [(LF.FILTER_DATE, self.period_text())]
        shown = {
            "towns": (LF.FILTER_TOWNS, [town_names.get(c, c) for c in self.towns]),
            "occupations": (LF.FILTER_OCCUPATIONS, list(self.occupations)),
            "enterprises": (LF.FILTER_ENTERPRISES, [enterprise_names.get(e, e) for e in self.enterprises]),
            "categories": (LF.FILTER_CATEGORIES, list(self.categories)),
            "statuses": (LF.FILTER_STATUSES, list(self.statuses)),
            "roles": (LF.FILTER_ROLES, list(self.roles)),
            "station_kinds": (LF.FILTER_STATION_KINDS, list(self.station_kinds)),
            "host_types": (LF.FILTER_HOST_TYPES, list(self.host_types)),
            "amenities": (LF.FILTER_AMENITIES, list(self.amenities)),
        }
        for label, values in shown.values():
            out.append((label, "、".join(values) if values else LF.FILTER_ALL))
        return out


# field name -> URL key
LIST_FIELDS = {
    "towns": "town",
    "occupations": "occ",
    "enterprises": "ent",
    "categories": "cat",
    "statuses": "status",
    "roles": "role",
    "station_kinds": "kind",
    "host_types": "host",
    "amenities": "amenity",
}

# Fixed vocabularies; towns and enterprises are checked against the database by the caller.
VOCABULARIES = {
    "occupations": V.OCCUPATIONS,
    "categories": V.REPORT_CATEGORIES,
    "statuses": V.REPORT_STATUSES,
    "roles": V.ROLES,
    "station_kinds": V.STATION_KINDS,
    "host_types": V.HOST_TYPES,
    "amenities": V.AMENITIES,
}


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


PERIOD_KEY = "period"  # URL key of a preset


def preset_period(key: str, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The dates of a preset (a key of PRESETS) on the data's day `as_of`; weeks start on Monday."""
    monday = as_of - dt.timedelta(days=as_of.weekday())
    return {
        "week": (monday, as_of),
        "last_week": (monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)),
        "month": (as_of.replace(day=1), as_of),
        "28d": (as_of - dt.timedelta(days=DEFAULT_DAYS - 1), as_of),
        "year": (as_of.replace(month=1, day=1), as_of),
        "all": (FIRST_DATE, as_of),
    }[key]


PRESETS = tuple(M.PRESETS)  # in the order the sidebar offers them


def with_preset(f: Filters, key: str, as_of: dt.date) -> Filters:
    """The same filters over a preset's period."""
    start, end = preset_period(key, as_of)
    return replace(f, date_from=start, date_to=end, preset=key)


def default_filters(as_of: dt.date) -> Filters:
    start, end = preset_period(DEFAULT_PRESET, as_of)
    return Filters(date_from=start, date_to=end, preset=DEFAULT_PRESET)


def date_range(as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The dates the period widget offers; a URL date outside them is clamped (the widget refuses it)."""
    return FIRST_DATE, as_of + dt.timedelta(days=AHEAD_DAYS)


def _first(value) -> str:
    if isinstance(value, (list, tuple)):
        return str(value[-1]) if value else ""
    return str(value)


def from_params(params, as_of: dt.date, known: dict | None = None) -> tuple[Filters, list[str]]:
    """Filters from URL parameters, and a Chinese message for every value that was ignored.

    `known` adds allowed values for fields whose vocabulary lives in the database
    (towns -> town codes, enterprises -> enterprise ids).
    """
    vocab = {**VOCABULARIES, **(known or {})}
    errors: list[str] = []
    preset, dates = _read_period(params, as_of, errors)
    values = _read_lists(params, vocab, errors)
    return Filters(date_from=dates["from"], date_to=dates["to"], preset=preset, **values), errors


def _read_period(params, as_of: dt.date, errors: list[str]) -> tuple[str, dict[str, dt.date]]:
    """A preset by name (it wins over dates given beside it), else an explicit range, else the default."""
    name = _first(params.get(PERIOD_KEY, "")).strip()
    if name in PRESETS:
        start, end = preset_period(name, as_of)
        return name, {"from": start, "to": end}
    if name:
        errors.append(M.ERR_PRESET.format(value=name[:40], options="、".join(f"{k}（{v}）" for k, v in M.PRESETS.items()),
                                          default=M.PRESETS[DEFAULT_PRESET]))
    if not any(_first(params.get(key, "")).strip() for key in ("from", "to")):
        start, end = preset_period(DEFAULT_PRESET, as_of)
        return DEFAULT_PRESET, {"from": start, "to": end}
    return "", _read_dates(params, as_of, errors)


def _read_dates(params, as_of: dt.date, errors: list[str]) -> dict[str, dt.date]:
    default = default_filters(as_of)
    dates = {}
    for key, fallback in (("from", default.date_from), ("to", default.date_to)):
        raw = _first(params.get(key, "")).strip()
        try:
            dates[key] = dt.date.fromisoformat(raw) if raw else fallback
        except ValueError:
            errors.append(LF.ERR_PARAM_DATE.format(key=key, value=raw[:40]))
            dates[key] = fallback
    low, high = date_range(as_of)
    for key in ("from", "to"):
        used = min(max(dates[key], low), high)
        if used != dates[key]:
            errors.append(X.ERR_PARAM_CLAMPED.format(key=key, value=dates[key], low=low, high=high, used=used))
            dates[key] = used
    if dates["from"] > dates["to"]:
        errors.append(LF.ERR_PARAM_RANGE.format(start=dates["from"], end=dates["to"]))
        dates["from"], dates["to"] = dates["to"], dates["from"]
    return dates


def _read_lists(params, vocab: dict, errors: list[str]) -> dict[str, tuple[str, ...]]:
    values = {}
    for name, key in LIST_FIELDS.items():
        raw = params.get(key, "")
        items = raw if isinstance(raw, (list, tuple)) else [raw]
        picked = []
        for item in (part.strip() for chunk in items for part in str(chunk).split(",")):
            if not item or item in picked:
                continue
            allowed = vocab.get(name)
            if allowed is not None and item not in allowed:
                errors.append(LF.ERR_PARAM_UNKNOWN.format(key=key, value=item[:40]))
                continue
            picked.append(item)
        values[name] = tuple(picked)
    return values
