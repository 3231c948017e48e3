"""Check a grid against a table spec; return every problem and the clean values.

Work is done per column on whole pandas Series (a 100,000-row file is 1.4 million cells), and a
problem is built only for the cells that fail. Clean values are canonical text (ISO dates,
'|'-joined lists, WGS-84 coordinates) that load.stage casts to the column types.
"""

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from fxdash import labels as L
from fxdash.ingest import coords
from fxdash.ingest.problems import Problem
from fxdash.ingest.read import Grid, norm
from fxdash.ingest.specs import Column, TableSpec

ROW = "__row"
MAX_TEXT = 2000
_REQUIRED_MARKS = re.compile(r"(\*|(必填)|\(必填\)|(选填)|\(选填\))$")
_DATE = (r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
         r"|(?P<y2>\d{4})(?P<m2>\d{2})(?P<d2>\d{2})")
_TIME = r"(?:[ T]+(?P<H>\d{1,2})\s*[:时]\s*(?P<M>\d{1,2})(?:\s*[:分]\s*(?P<S>\d{1,2})(?:\.\d+)?\s*秒?)?)?"
_DATE_RE = re.compile(rf"^(?:{_DATE})(?:[ T]+0{{1,2}}:00(?::00)?)?$")
_TS_RE = re.compile(rf"^(?:{_DATE}){_TIME}$")
_INT_RE = r"[+-]?\d+(?:\.0*)?"
_PHONE_RE = r"1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?|\d{8}|400-?\d{3}-?\d{4}"
_LIST_SPLIT = re.compile(r"[、,;/|\s]+")
_BOOL = {"是": "true", "否": "false", "true": "true", "false": "false", "1": "true", "0": "false",
         "y": "true", "n": "false", "yes": "true", "no": "false", "√": "true", "×": "false"}


@dataclass
class Checked:
    """The outcome of validation: clean canonical values (column -> Series) and all problems."""

    frame: pd.DataFrame  # __row plus one column per mapped schema column, canonical text or None
    problems: list[Problem] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        return [c for c in self.frame.columns if c != ROW]


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text) if not text.isascii() else text


def _nfkc(values: pd.Series) -> pd.Series:
    """NFKC on a column, touching only the non-ASCII cells."""
    wide = ~values.str.isascii().astype(bool)
    if not wide.any():
        return values
    out = values.copy()
    out[wide] = values[wide].map(nfkc)
    return out


def _lookup(values: pd.Series, fn) -> pd.Series:
    """fn applied once per distinct value (a 100,000-row column has few distinct categories)."""
    table = {v: fn(v) for v in pd.unique(values)}
    return values.map(table)


# --- headers -------------------------------------------------------------------------------------


def map_headers(grid: Grid, spec: TableSpec) -> tuple[dict[int, str], list[Problem]]:
    """Header position -> column name, accepting the Chinese label or the English name."""
    lookup = {}
    for col in spec.columns:
        lookup[norm(col.label)] = col.name
        lookup[norm(col.name)] = col.name
    problems, mapping, seen = [], {}, {}
    row = grid.header_row
    for i, raw in enumerate(grid.headers):
        text = str(raw).strip()
        position = f"第 {i + 1} 列"
        if not text:
            if any(i < len(r) and r[i].strip() for r in grid.rows):
                problems.append(Problem(row, position, "", L.ERR_BLANK_HEADER))
            continue
        name = lookup.get(norm(_REQUIRED_MARKS.sub("", norm(text))))
        if name is None:
            problems.append(Problem(row, text, text, L.ERR_UNKNOWN_HEADER.format(value=text, table=spec.label)))
        elif name in seen:
            problems.append(Problem(row, text, text, L.ERR_DUP_HEADER.format(
                other=seen[name] + 1, label=spec.column(name).label)))
        else:
            seen[name] = i
            mapping[i] = name
    missing = [c for c in spec.columns if (c.required or c.name in spec.key) and c.name not in seen]
    if missing and len(missing) == sum(1 for c in spec.columns if c.required or c.name in spec.key) \
            and len(grid.sheets) > 1:
        problems.append(Problem(row, L.FILE_LEVEL, grid.sheet, L.ERR_WRONG_SHEET.format(
            sheet=grid.sheet, table=spec.label, sheets="、".join(grid.sheets))))
    else:
        problems += [Problem(row, c.label, "", L.ERR_MISSING_HEADER.format(label=c.label)) for c in missing]
    return mapping, problems


# --- the whole check -----------------------------------------------------------------------------


def validate(grid: Grid, spec: TableSpec, con, crs: str = "wgs84", district=None) -> Checked:
    mapping, problems = map_headers(grid, spec)
    rows = pd.Series(grid.row_numbers, dtype="int64")
    if not grid.rows:
        problems.append(Problem(grid.header_row + 1, L.FILE_LEVEL, "", L.ERR_NO_ROWS))
        return Checked(pd.DataFrame({ROW: rows}), problems)
    width = len(grid.headers)
    for number, r in zip(grid.row_numbers, grid.rows):
        extra = [c for c in r[width:] if c.strip()]
        if extra:
            problems.append(Problem(number, f"第 {width + 1} 列", extra[0], L.ERR_EXTRA_CELLS.format(value=extra[0])))
    out, empty = {ROW: rows}, {}
    longest = max(len(r) for r in grid.rows)
    cells = pd.DataFrame([r if len(r) == longest else [*r, *[""] * (longest - len(r))] for r in grid.rows],
                         dtype=object)
    for i, name in mapping.items():
        raw = cells[i].fillna("").str.strip() if i in cells else pd.Series([""] * len(rows), dtype=object)
        empty[name] = raw.eq("").to_numpy()
        out[name] = _column(spec.column(name), raw, rows, problems, con)
    frame = pd.DataFrame(out)
    _coordinates(spec, frame, empty, crs, district, problems)
    _duplicates(spec, frame, problems)
    _references(spec, frame, con, problems)
    _stored_unique(spec, frame, con, problems)
    return Checked(frame, problems)


def _add(problems, col: Column, rows: pd.Series, values: pd.Series, mask, message: str) -> None:
    """One problem per True in mask; message may use {value}."""
    for idx in np.flatnonzero(np.asarray(mask, bool)):
        value = values.iloc[idx]
        value = "" if value is None else str(value)
        problems.append(Problem(int(rows.iloc[idx]), col.label, value, message.format(value=value)))


def _column(col: Column, raw: pd.Series, rows: pd.Series, problems: list, con) -> pd.Series:
    """Parse one column; return canonical values (None where empty or bad)."""
    empty = raw.eq("")
    if col.required:
        _add(problems, col, rows, raw, empty, L.ERR_REQUIRED)
    out = pd.Series([None] * len(raw), dtype=object)
    present = ~empty
    if not present.any():
        return out
    values = raw[present]
    parsed, bad, message = _parse(col, values, con)
    bad_full = pd.Series(False, index=raw.index)
    bad_full[values.index] = bad.to_numpy()
    _add(problems, col, rows, raw, bad_full, message)
    good = values.index[~bad.to_numpy()]
    out[good] = parsed[~bad.to_numpy()].to_numpy()
    return out


def _parse(col: Column, values: pd.Series, con) -> tuple[pd.Series, pd.Series, str]:
    """(canonical values, bad mask, message template) for the non-empty cells of a column."""
    if col.ref == ("towns", "town_code"):
        towns = _town_lookup(con)
        parsed = _lookup(values, lambda v: towns.get(norm(v)))
        return parsed, parsed.isna(), L.ERR_TOWN
    if col.kind == "int":
        text = _nfkc(values).str.replace(",", "", regex=False)
        ok = text.str.fullmatch(_INT_RE)
        parsed = text.str.replace(r"\.0*$", "", regex=True)
        ok &= parsed.str.len() <= 11
        ok &= pd.to_numeric(parsed.where(ok, "0")).abs() < 2**31
        return parsed, ~ok, L.ERR_INTEGER
    if col.kind == "float":
        num = pd.to_numeric(_nfkc(values).str.replace(",", "", regex=False), errors="coerce")
        bad = num.isna() | ~np.isfinite(num.fillna(0))
        return num.map(repr), bad, L.ERR_NUMBER
    if col.kind in ("date", "timestamp"):
        return _dates(values, col.kind == "timestamp")
    if col.kind == "bool":
        parsed = _lookup(values, lambda v: _BOOL.get(norm(v)))
        return parsed, parsed.isna(), L.ERR_BOOL
    if col.kind == "list":
        return _list(col, values)
    text = _nfkc(values) if (col.ref or col.phone or col.name.endswith("_id")) else values
    if col.vocab:
        allowed = {norm(v): v for v in col.vocab}
        parsed = _lookup(text, lambda v: allowed.get(norm(v)))
        return parsed, parsed.isna(), L.ERR_VOCAB.replace("{allowed}", "、".join(col.vocab))
    if col.phone:
        compact = text.str.replace(r"[\s()]", "", regex=True).str.replace(r"^\+?86-?", "", regex=True)
        return compact, ~compact.str.fullmatch(_PHONE_RE), L.ERR_PHONE
    too_long = text.str.len() > MAX_TEXT
    return text, too_long, L.ERR_TOO_LONG.replace("{limit}", str(MAX_TEXT))


def _dates(values: pd.Series, with_time: bool) -> tuple[pd.Series, pd.Series, str]:
    text = _nfkc(values).str.strip()
    stamp = _iso(text)  # the common case in one call; the Chinese forms below for the rest
    rest = stamp.isna()
    if rest.any():
        stamp[rest] = _chinese_dates(text[rest], with_time)
    bad = stamp.isna() | (stamp.dt.year < 1900) | (stamp.dt.year > 2100)
    if not with_time:
        bad |= stamp.notna() & (stamp != stamp.dt.normalize())  # a time of day in a date column
    fmt = "%Y-%m-%d %H:%M:%S" if with_time else "%Y-%m-%d"
    return stamp.dt.strftime(fmt), bad, L.ERR_TIMESTAMP if with_time else L.ERR_DATE


def _iso(text: pd.Series) -> pd.Series:
    simple = text.str.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[us]")
    if simple.any():
        out[simple] = pd.to_datetime(text[simple], format="ISO8601", errors="coerce")
    return out


def _chinese_dates(text: pd.Series, with_time: bool) -> pd.Series:
    parts = text.str.extract(_TS_RE if with_time else _DATE_RE)
    comp = pd.DataFrame({"year": parts["y"].fillna(parts["y2"]), "month": parts["m"].fillna(parts["m2"]),
                         "day": parts["d"].fillna(parts["d2"])})
    if with_time:
        comp["hour"], comp["minute"], comp["second"] = parts["H"], parts["M"], parts["S"]
    comp = comp.apply(pd.to_numeric, errors="coerce")
    matched = comp[["year", "month", "day"]].notna().all(axis=1)
    if with_time:
        comp[["hour", "minute", "second"]] = comp[["hour", "minute", "second"]].fillna(0)
        matched &= (comp["hour"] < 24) & (comp["minute"] < 60) & (comp["second"] < 60)
    comp.loc[~matched] = np.nan
    return pd.to_datetime(comp, errors="coerce").astype("datetime64[us]")


def _list(col: Column, values: pd.Series) -> tuple[pd.Series, pd.Series, str]:
    items = values.map(lambda v: [x for x in _LIST_SPLIT.split(nfkc(v)) if x])
    if not col.vocab:
        return items.map("|".join), pd.Series(False, index=values.index), ""
    allowed = {norm(v): v for v in col.vocab}
    mapped = items.map(lambda xs: [allowed.get(norm(x)) for x in xs])
    bad = mapped.map(lambda xs: any(x is None for x in xs))
    parsed = mapped.map(lambda xs: "|".join(dict.fromkeys(x for x in xs if x)))
    return parsed, bad, L.ERR_VOCAB.replace("{allowed}", "、".join(col.vocab))


def _town_lookup(con) -> dict[str, str]:
    lookup = {}
    for code, name in con.execute("select town_code, name from towns").fetchall():
        lookup[norm(code)] = code
        lookup[norm(name)] = code
        for suffix in ("街道", "镇"):
            if name.endswith(suffix) and len(name) > len(suffix) + 1:
                lookup.setdefault(norm(name[: -len(suffix)]), code)
    return lookup


# --- checks across columns and rows ----------------------------------------------------------------


def _coordinates(spec: TableSpec, frame: pd.DataFrame, empty: dict, crs: str, district, problems: list) -> None:
    if "lat" not in frame or "lon" not in frame:
        return
    lat_col, lon_col = spec.column("lat"), spec.column("lon")
    lat = pd.to_numeric(frame["lat"], errors="coerce")
    lon = pd.to_numeric(frame["lon"], errors="coerce")
    rows = frame[ROW]
    # a pair with only one half given (cells that failed to parse already have a problem)
    half = empty["lat"] ^ empty["lon"]
    for idx in np.flatnonzero(half):
        col = lat_col if empty["lat"][idx] else lon_col
        problems.append(Problem(int(rows.iloc[idx]), col.label, "", L.ERR_COORD_PAIR))
    both = (lat.notna() & lon.notna()).to_numpy()
    if not both.any():
        return
    x, y = lon.to_numpy()[both], lat.to_numpy()[both]
    if crs == "gcj02":
        x, y = coords.gcj02_to_wgs84(x, y)
    ok = coords.inside(x, y, district)
    swapped = ~ok & coords.inside(y, x, district)
    positions = np.flatnonzero(both)
    for k in np.flatnonzero(~ok):
        idx = positions[k]
        message = L.ERR_COORD_SWAPPED if swapped[k] else L.ERR_COORD_OUTSIDE
        value = f"{frame['lon'].iloc[idx]}, {frame['lat'].iloc[idx]}"
        problems.append(Problem(int(rows.iloc[idx]), f"{lon_col.label}/{lat_col.label}", value,
                                message.format(lon=frame["lon"].iloc[idx], lat=frame["lat"].iloc[idx])))
    lon_out, lat_out = frame["lon"].copy(), frame["lat"].copy()
    lon_out.iloc[positions] = [repr(float(v)) for v in x]
    lat_out.iloc[positions] = [repr(float(v)) for v in y]
    frame["lon"], frame["lat"] = lon_out, lat_out


def _duplicates(spec: TableSpec, frame: pd.DataFrame, problems: list) -> None:
    for cols in (spec.key, *spec.unique):
        if not all(c in frame for c in cols):
            continue
        sub = frame[list(cols)]
        complete = sub.notna().all(axis=1)
        dup = sub.duplicated(keep=False) & complete
        if not dup.any():
            continue
        label = "、".join(spec.column(c).label for c in cols)
        numbers = frame[ROW].to_numpy()
        for positions in sub.groupby(list(cols), sort=False).indices.values():
            if len(positions) < 2:
                continue
            for k, pos in enumerate(positions):
                other = numbers[positions[1] if k == 0 else positions[0]]
                value = " / ".join(str(v) for v in sub.iloc[pos])
                problems.append(Problem(int(numbers[pos]), label, value, L.ERR_DUP_KEY.format(other=other, key=label)))


def _references(spec: TableSpec, frame: pd.DataFrame, con, problems: list) -> None:
    for col in spec.columns:
        if col.ref is None or col.ref[0] == "towns" or col.name not in frame:
            continue
        values = frame[col.name]
        wanted = sorted(set(values.dropna()))
        if not wanted:
            continue
        table, target = col.ref  # identifiers from the schema catalogue, never from input
        found = {r[0] for r in con.execute(
            f'select distinct "{target}" from "{table}" where "{target}" in (select unnest(?::varchar[]))',
            [wanted]).fetchall()}
        if table == spec.name and target in frame:
            found |= set(frame[target].dropna())
        missing = values.notna() & ~values.isin(found)
        target_label = f"{_table_label(table)}的{_column_label(table, target)}"
        _add(problems, col, frame[ROW], values, missing, L.ERR_REF.replace("{target}", target_label))


def _stored_unique(spec: TableSpec, frame: pd.DataFrame, con, problems: list) -> None:
    """A unique value (e.g. an enterprise name) already used by a different stored row."""
    if len(spec.key) != 1 or spec.key[0] not in frame:
        return
    key = spec.key[0]
    for cols in spec.unique:
        if len(cols) != 1 or cols[0] not in frame:
            continue
        col = cols[0]
        wanted = sorted(set(frame[col].dropna()))
        if not wanted:
            continue
        stored = dict(con.execute(
            f'select "{col}", "{key}" from "{spec.name}" where "{col}" in (select unnest(?::varchar[]))',
            [wanted]).fetchall())
        for idx, (value, own) in enumerate(zip(frame[col], frame[key])):
            other = stored.get(value)
            if value is not None and other is not None and other != own:
                problems.append(Problem(int(frame[ROW].iloc[idx]), spec.column(col).label, value,
                                        L.ERR_UNIQUE_STORED.format(value=value, other=other)))


def _table_label(table: str) -> str:
    return L.TABLE_LABELS.get(table, table)


def _column_label(table: str, column: str) -> str:
    return L.IMPORT_COLUMNS.get(table, {}).get(column, (column,))[0]
