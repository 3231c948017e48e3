"""The one Filters object every page and every query takes.

A Filters value round-trips through the URL (st.query_params) so that a filtered view is a link:
`to_params()` writes it, `from_params()` reads it back and reports every bad value in Chinese
instead of failing. `where()` compiles it to a parameterised SQL clause for the columns a query
names; values are always bound parameters, never formatted into the SQL.
"""

import datetime as dt
from dataclasses import dataclass, fields, replace

from fxdash import labels as L
from fxdash import textfmt
from fxdash.labels import ingest as X

DEFAULT_DAYS = 28  # four weeks: the weekly meeting's usual look-back
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

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    def previous(self) -> "Filters":
        """The period of equal length just before this one (same other filters)."""
        return replace(self, date_from=self.date_from - dt.timedelta(days=self.days),
                       date_to=self.date_from - dt.timedelta(days=1))

    def with_period(self, date_from: dt.date, date_to: dt.date) -> "Filters":
        return replace(self, date_from=date_from, date_to=date_to)

    def to_params(self) -> dict[str, str]:
        """URL parameters; empty selections are left out so links stay short."""
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
        out = [(L.FILTER_DATE, textfmt.period(self.date_from, self.date_to))]
        shown = {
            "towns": (L.FILTER_TOWNS, [town_names.get(c, c) for c in self.towns]),
            "occupations": (L.FILTER_OCCUPATIONS, list(self.occupations)),
            "enterprises": (L.FILTER_ENTERPRISES, [enterprise_names.get(e, e) for e in self.enterprises]),
            "categories": (L.FILTER_CATEGORIES, list(self.categories)),
            "statuses": (L.FILTER_STATUSES, list(self.statuses)),
            "roles": (L.FILTER_ROLES, list(self.roles)),
            "station_kinds": (L.FILTER_STATION_KINDS, list(self.station_kinds)),
            "host_types": (L.FILTER_HOST_TYPES, list(self.host_types)),
            "amenities": (L.FILTER_AMENITIES, list(self.amenities)),
        }
        for label, values in shown.values():
            out.append((label, "、".join(values) if values else L.FILTER_ALL))
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
    "occupations": L.OCCUPATIONS,
    "categories": L.REPORT_CATEGORIES,
    "statuses": L.REPORT_STATUSES,
    "roles": L.ROLES,
    "station_kinds": L.STATION_KINDS,
    "host_types": L.HOST_TYPES,
    "amenities": L.AMENITIES,
}


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def default_filters(as_of: dt.date) -> Filters:
    return Filters(date_from=as_of - dt.timedelta(days=DEFAULT_DAYS - 1), date_to=as_of)


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
    default = default_filters(as_of)
    errors: list[str] = []
    dates = {}
    for key, fallback in (("from", default.date_from), ("to", default.date_to)):
        raw = _first(params.get(key, "")).strip()
        try:
            dates[key] = dt.date.fromisoformat(raw) if raw else fallback
        except ValueError:
            errors.append(L.ERR_PARAM_DATE.format(key=key, value=raw[:40]))
            dates[key] = fallback
    low, high = date_range(as_of)
    for key in ("from", "to"):
        used = min(max(dates[key], low), high)
        if used != dates[key]:
            errors.append(X.ERR_PARAM_CLAMPED.format(key=key, value=dates[key], low=low, high=high, used=used))
            dates[key] = used
    if dates["from"] > dates["to"]:
        errors.append(L.ERR_PARAM_RANGE.format(start=dates["from"], end=dates["to"]))
        dates["from"], dates["to"] = dates["to"], dates["from"]
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
                errors.append(L.ERR_PARAM_UNKNOWN.format(key=key, value=item[:40]))
                continue
            picked.append(item)
        values[name] = tuple(picked)
    return Filters(date_from=dates["from"], date_to=dates["to"], **values), errors
