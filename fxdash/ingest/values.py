"""Parsers for one column's non-empty cells: ids, phones, towns, dates and times, numbers, lists.

Each returns (canonical values, [(bad mask, message template), ...]); a template may use {value}.
Work is per distinct value or per whole Series, so 100,000 rows cost little.
"""

import datetime as dt
import re
import unicodedata

import numpy as np
import pandas as pd

from fxdash.ingest.read import norm
from fxdash.ingest.specs import Column
from fxdash.labels import ingest as X

MAX_TEXT = 2000
CLEAR_MARKS = ("<清空>", "<清空>")  # NFKC turns the full-width form into the ASCII one
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
LOST_DIGITS = r"-?\d(?:\.\d+)?[eE]\+?(?:1[5-9]|[2-9]\d)"  # a 15+ digit number Excel kept as a float
FUTURE_OK = {"until"}  # an end date may be planned ahead; every other date is a fact that happened
_DATE = (r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
         r"|(?P<y2>\d{4})(?P<m2>\d{2})(?P<d2>\d{2})")
_TIME = (r"(?:[ T]*(?P<H>\d{1,2})\s*[:时点]\s*(?:(?P<M>\d{1,2})\s*分?\s*"
         r"(?::?\s*(?P<S>\d{1,2})(?:\.\d+)?\s*秒?)?)?)?")
_DATE_RE = re.compile(rf"^(?:{_DATE})(?:[ T]+0{{1,2}}:00(?::00)?)?$")
_TS_RE = re.compile(rf"^(?:{_DATE}){_TIME}$")
_OFFSET = re.compile(r"(?<=\d)\s*(?:(?P<z>Z)|(?:GMT|UTC)(?P<sign1>[+-])(?P<oh1>\d{1,2})(?::?(?P<om1>\d{2}))?"
                     r"|(?P<sign>[+-])(?P<oh>\d{2}):?(?P<om>\d{2}))$")  # after a time: a date's "-18" is no offset
_INT_RE = r"[+-]?\d+(?:\.0*)?"
_LIST_SPLIT = re.compile(r"[、,;/|\s]+")
_BOOL = {"是": "true", "否": "false", "true": "true", "false": "false", "1": "true", "0": "false",
         "y": "true", "n": "false", "yes": "true", "no": "false", "√": "true", "×": "false"}
_MOBILE = re.compile(r"1[3-9]\d{9}")
_SERVICE = re.compile(r"[48]00\d{7}")
_EXTENSION = re.compile(r"(.*?\d)\s*(?:转|ext\.?|x|分机)\s*(\d{1,6})", re.IGNORECASE)
_PHONE_NOISE = re.compile(r"[\s\-()()—–.·]")
TOWN_SUFFIXES = ("街道", "镇", "旅游区", "功能区", "开发区", "社区")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text) if not text.isascii() else text


def _joined(values: pd.Series) -> str:
    """The whole column as one string: one C-speed test answers "does any cell need work?"."""
    return "".join(values.tolist())


def nfkc_series(values: pd.Series) -> pd.Series:
    """NFKC on a column, touching only the non-ASCII cells."""
    if _joined(values).isascii():
        return values
    wide = ~values.str.isascii().astype(bool)
    out = values.copy()
    out[wide] = values[wide].map(nfkc)
    return out


def visible(values: pd.Series) -> pd.Series:
    """Without zero-width spaces, BOMs and direction marks (only cells holding one are touched)."""
    if not INVISIBLE.search(_joined(values)):
        return values
    hit = values.str.contains(INVISIBLE, regex=True).astype(bool)
    out = values.copy()
    out[hit] = values[hit].str.replace(INVISIBLE, "", regex=True).str.strip()
    return out


def identifier(values: pd.Series) -> pd.Series:
    """An id as matched against the database: NFKC, invisible characters gone, upper case."""
    out = nfkc_series(visible(values))
    joined = _joined(out)
    return out if joined == joined.upper() else out.str.upper()


def lookup(values: pd.Series, fn) -> pd.Series:
    """fn applied once per distinct value (a 100,000-row column has few distinct categories)."""
    table = {v: fn(v) for v in pd.unique(values)}
    return values.map(table)


def parse(col: Column, values: pd.Series, con, today: dt.date) -> tuple[pd.Series, list]:
    """(canonical values, [(bad mask, message)]) for the non-empty cells of a column."""
    if col.ref == ("towns", "town_code"):
        return towns(values, con)
    if col.kind == "int":
        text = nfkc_series(values).str.replace(",", "", regex=False)
        ok = text.str.fullmatch(_INT_RE)
        parsed = text.str.replace(r"\.0*$", "", regex=True)
        ok &= parsed.str.len() <= 11
        ok &= pd.to_numeric(parsed.where(ok, "0")).abs() < 2**31
        return parsed, [(~ok, X.ERR_INTEGER)]
    if col.kind == "float":
        num = pd.to_numeric(nfkc_series(values).str.replace(",", "", regex=False), errors="coerce")
        bad = num.isna() | ~np.isfinite(num.fillna(0))
        return num.map(repr), [(bad, X.ERR_NUMBER)]
    if col.kind in ("date", "timestamp"):
        return dates(values, col.kind == "timestamp", None if col.name in FUTURE_OK else today)
    if col.kind == "bool":
        parsed = lookup(values, lambda v: _BOOL.get(norm(v)))
        return parsed, [(parsed.isna(), X.ERR_BOOL)]
    if col.kind == "list":
        return _list(col, values)
    text = nfkc_series(values) if (col.ref or col.phone or col.name.endswith("_id")) else values
    joined = _joined(text)
    lost = text.str.fullmatch(LOST_DIGITS) if ("e+" in joined or "E+" in joined) else pd.Series(False, index=text.index)
    if col.vocab:
        allowed = {norm(v): v for v in col.vocab}
        parsed = lookup(text, lambda v: allowed.get(norm(v)))
        return parsed, [(parsed.isna(), X.ERR_VOCAB.replace("{allowed}", "、".join(col.vocab)))]
    if col.phone:
        parsed = lookup(text, phone)
        return parsed, [(lost, X.ERR_LOST_DIGITS), (parsed.isna() & ~lost, X.ERR_PHONE)]
    too_long = text.str.len() > MAX_TEXT
    return text, [(lost, X.ERR_LOST_DIGITS), (too_long, X.ERR_TOO_LONG.replace("{limit}", str(MAX_TEXT)))]


def phone(text: str) -> str | None:
    """The canonical phone, or None: mobiles as 13812345678, landlines as 021-57123456[-ext],
    400/800 numbers as 400-123-4567. An 8-digit number without area code is not accepted."""
    raw = nfkc(text).strip()
    m = _EXTENSION.fullmatch(raw)
    found = _phone(m.group(1), m.group(2)) if m else None
    if found is None:
        found = _phone(raw, None)
    if found is None and "-" in raw:  # 021-57123456-123: the last group is an extension
        head, _, tail = raw.rpartition("-")
        if tail.strip().isdigit() and len(tail.strip()) <= 6:
            found = _phone(head, tail.strip())
    return found


def _phone(raw: str, ext: str | None) -> str | None:
    compact = _PHONE_NOISE.sub("", raw)
    international = compact.startswith(("+86", "0086")) or (compact.startswith("86") and len(compact) == 13)
    if international:
        compact = compact.removeprefix("+").removeprefix("00").removeprefix("86")
    if not compact.isdigit():
        return None
    if _MOBILE.fullmatch(compact):
        return None if ext else compact
    if _SERVICE.fullmatch(compact) and not international:
        return f"{compact[:3]}-{compact[3:6]}-{compact[6:]}" + (f"-{ext}" if ext else "")
    if international and not compact.startswith("0"):
        compact = "0" + compact
    area = 3 if compact.startswith(("010", "02")) else 4  # 010 and 02x are the 3-digit area codes
    m = re.fullmatch(rf"(0\d{{{area - 1}}})([2-9]\d{{6,7}})", compact)
    if m is None:
        return None
    return f"{m.group(1)}-{m.group(2)}" + (f"-{ext}" if ext else "")


def town_lookup(con) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """(alias -> town code, ambiguous alias -> candidate names). Aliases: code, full name, and the
    name without its suffix (南桥 for 南桥镇) when that names one town only."""
    rows = con.execute("select town_code, name from towns order by town_code").fetchall()
    exact, short = {}, {}
    for code, name in rows:
        exact[norm(code)] = code
        exact[norm(name)] = code
        for suffix in TOWN_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix) + 1:
                short.setdefault(norm(name[: -len(suffix)]), []).append((code, name))
    found, ambiguous = dict(exact), {}
    for alias, towns_ in short.items():
        if alias in exact:
            continue
        if len(towns_) == 1:
            found[alias] = towns_[0][0]
        else:
            ambiguous[alias] = tuple(n for _, n in towns_)
    return found, ambiguous


def towns(values: pd.Series, con) -> tuple[pd.Series, list]:
    found, ambiguous = town_lookup(con)
    parsed = lookup(values, lambda v: found.get(norm(v)))
    keys = lookup(values, norm)
    issues = []
    for alias, names in ambiguous.items():
        mask = keys.eq(alias)
        if mask.any():
            issues.append((mask, X.ERR_TOWN_AMBIGUOUS.replace("{candidates}", " / ".join(names))))
    unsure = keys.isin(list(ambiguous))
    issues.append((parsed.isna() & ~unsure, X.ERR_TOWN))
    return parsed, issues


def dates(values: pd.Series, with_time: bool, today: dt.date | None) -> tuple[pd.Series, list]:
    text = nfkc_series(values).str.strip()
    offset = pd.Series(pd.Timedelta(0), index=text.index)
    joined = _joined(text) if with_time else ""
    if any(mark in joined for mark in ("+", "Z", "T", "GMT", "UTC")):  # an offset is possible: look closer
        text, offset = _strip_offsets(text)
    stamp = _iso(text)  # the common case in one call; the Chinese forms below for the rest
    rest = stamp.isna()
    if rest.any():
        stamp[rest] = _chinese_dates(text[rest], with_time)
    stamp = stamp - offset
    bad = stamp.isna() | (stamp.dt.year < 1900) | (stamp.dt.year > 2100)
    if not with_time:
        bad |= stamp.notna() & (stamp != stamp.dt.normalize())  # a time of day in a date column
    issues = [(bad, X.ERR_TIMESTAMP if with_time else X.ERR_DATE)]
    if today is not None:
        end = pd.Timestamp(today + dt.timedelta(days=1))
        future = ~bad & (stamp >= end)
        issues.append((future, X.ERR_FUTURE.replace("{today}", today.isoformat())))
    fmt = "%Y-%m-%d %H:%M:%S" if with_time else "%Y-%m-%d"
    return stamp.dt.strftime(fmt), issues


def _strip_offsets(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Text without a trailing UTC offset, and the shift to Beijing time (+08:00) it implies."""
    parts = text.str.extract(_OFFSET)
    for name in ("sign", "oh", "om"):
        parts[name] = parts[name].fillna(parts[name + "1"])
    has = parts["z"].notna() | parts["sign"].notna()
    hours = pd.to_numeric(parts["oh"], errors="coerce").fillna(0) + pd.to_numeric(
        parts["om"], errors="coerce").fillna(0) / 60
    hours = hours.where(parts["sign"] != "-", -hours).where(has, 8.0)
    stripped = text.where(~has, text.str.replace(_OFFSET, "", regex=True))
    return stripped, pd.to_timedelta(hours - 8.0, unit="h")


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


def _list(col: Column, values: pd.Series) -> tuple[pd.Series, list]:
    items = values.map(lambda v: [x for x in _LIST_SPLIT.split(nfkc(v)) if x])
    if not col.vocab:
        return items.map("|".join), []
    allowed = {norm(v): v for v in col.vocab}
    mapped = items.map(lambda xs: [allowed.get(norm(x)) for x in xs])
    bad = mapped.map(lambda xs: any(x is None for x in xs))
    parsed = mapped.map(lambda xs: "|".join(dict.fromkeys(x for x in xs if x)))
    return parsed, [(bad, X.ERR_VOCAB.replace("{allowed}", "、".join(col.vocab)))]
