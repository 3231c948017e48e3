"""Settings, in one place: name, environment variable, default and help.

Every setting is read from an environment variable so that tests, CI and a deployment can point
the app at their own database and boundary files without code changes.
"""

import datetime as dt
import os
from collections import namedtuple
from dataclasses import dataclass
from pathlib import Path

from fxdash.labels import reports as LRP
from fxdash.labels import vocab as V

ROOT = Path(__file__).resolve().parent.parent

Setting = namedtuple("Setting", ("name", "env", "default", "help"))

SETTINGS = (
    Setting("db", "FXDASH_DB", str(ROOT / "data" / "fxdash.duckdb"), "DuckDB database file"),
    Setting("boundaries", "FXDASH_BOUNDARIES", "", "towns GeoJSON (WGS-84); empty = not loaded"),
    Setting("rivers", "FXDASH_RIVERS", "", "rivers GeoJSON drawn under the map layers; optional"),
    Setting("as_of", "FXDASH_AS_OF", "", "fixed 'today' (YYYY-MM-DD); empty = the real date"),
    Setting("tile_url", "FXDASH_TILE_URL", "", "intranet raster tile URL template ({z}/{x}/{y}); optional"),
    Setting("imports_dir", "FXDASH_IMPORTS", str(ROOT / "data" / "imports"), "archive of imported files"),
    Setting("deadlines", "FXDASH_DEADLINES", "", "report deadlines in days per category, e.g. 安全隐患=3,其他=7"),
    Setting("writer_wait", "FXDASH_WRITER_WAIT", "30", "seconds a write waits for another write to finish"),
    Setting("keep_versions", "FXDASH_KEEP_VERSIONS", "10", "data versions kept for undo (at least 2)"),
    Setting("store", "FXDASH_STORE", str(ROOT / "data" / "fxdash-ops.sqlite3"),
            "operational store: a SQLite file, or a postgresql:// URL shared by several servers"),
    Setting("briefings", "FXDASH_BRIEFINGS", str(ROOT / "data" / "briefings"),
            "where `python -m fxdash briefing` writes the weekly files the 周报 page lists"),
    Setting("idle_minutes", "FXDASH_IDLE_MINUTES", "30", "a signed-in session ends after this many idle minutes"),
)


SETTINGS_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    db: Path
    boundaries: Path | None
    rivers: Path | None
    as_of: dt.date
    tile_url: str
    imports_dir: Path
    store: str = str(ROOT / "data" / "fxdash-ops.sqlite3")
    idle_minutes: float = 30.0
    writer_wait: float = 30.0
    keep_versions: int = 10
    briefings: Path = ROOT / "data" / "briefings"
    # report deadlines in days per category, as pairs (hashable: a query-cache key); () = the built-in ones
    deadlines: tuple[tuple[str, float], ...] = ()
    deadline_errors: tuple[str, ...] = ()  # FXDASH_DEADLINES items that were ignored, in Chinese


class SettingError(ValueError):
    """A setting with a value that cannot be used; the message is Chinese and names the variable."""


def _number(env: str, value: str, low: float, high: float, kind=float):
    from fxdash.labels import versions as LV

    try:
        number = kind(value.strip())
        if low <= number <= high:
            return number
    except ValueError:
        pass
    raise SettingError(LV.SETTING_BAD.format(env=env, value=value[:30], expected=f"{low:g}–{high:g}"))


def _optional_path(value: str) -> Path | None:
    return Path(value).expanduser() if value.strip() else None


def parse_as_of(value: str) -> dt.date:
    """The fixed 'today' if given, else the real date."""
    if not value.strip():
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValueError(f"FXDASH_AS_OF must be YYYY-MM-DD, got {value!r}") from exc


def load_settings(env=None) -> Settings:
    env = os.environ if env is None else env
    raw = {s.name: env.get(s.env, s.default) for s in SETTINGS}
    deadlines, deadline_errors = parse_deadlines(raw["deadlines"], V.REPORT_CATEGORIES)
    return Settings(
        db=Path(raw["db"]).expanduser(),
        boundaries=_optional_path(raw["boundaries"]),
        rivers=_optional_path(raw["rivers"]),
        as_of=parse_as_of(raw["as_of"]),
        tile_url=raw["tile_url"].strip(),
        imports_dir=Path(raw["imports_dir"]).expanduser(),
        writer_wait=_number("FXDASH_WRITER_WAIT", raw["writer_wait"], 0, 86400),
        keep_versions=_number("FXDASH_KEEP_VERSIONS", raw["keep_versions"], 2, 1000, int),
        store=raw["store"].strip() or SETTINGS_BY_NAME["store"].default,
        idle_minutes=_positive(raw["idle_minutes"], "FXDASH_IDLE_MINUTES"),
        briefings=Path(raw["briefings"]).expanduser(),
        deadlines=tuple(deadlines.items()),
        deadline_errors=tuple(deadline_errors),
    )


def _positive(value: str, env: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not number > 0:
        raise ValueError(f"{env} must be a positive number, got {value!r}")
    return number


# --- report deadlines (reports and weekly pages) -----------------------------------------------------
# Days a report of each category may take from reporting to 已办结 before it counts as overdue.
# Hazards to life and property get 3 days, fraud leads 2 (the police must act while the trail is
# warm), everything else the 7. FXDASH_DEADLINES overrides single categories.
DEFAULT_DEADLINE_DAYS = 7.0
DEADLINE_DAYS = {"安全隐患": 3.0, "消防隐患": 3.0, "涉诈线索": 2.0}


def parse_deadlines(value: str, categories: tuple[str, ...]) -> tuple[dict[str, float], list[str]]:
    """Deadline days for every category, from the defaults and 'category=days,...' overrides.

    Returns the mapping and a Chinese message per ignored item, so a typo in the setting is
    reported on the page instead of stopping the app.
    """
    days = {c: DEADLINE_DAYS.get(c, DEFAULT_DEADLINE_DAYS) for c in categories}
    errors = []
    for item in (part.strip() for part in value.replace("，", ",").split(",")):
        if not item:
            continue
        name, sep, raw = (x.strip() for x in item.partition("="))
        try:
            number = float(raw) if sep else float("nan")
        except ValueError:
            number = float("nan")
        if name not in days:
            errors.append(LRP.ERR_DEADLINE_CATEGORY.format(name=name[:20]))
        elif not 0 < number <= 365:
            errors.append(LRP.ERR_DEADLINE_DAYS.format(item=item[:30]))
        else:
            days[name] = number
    return days, errors

