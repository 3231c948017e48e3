"""Settings, in one place: name, environment variable, default and help.

Every setting is read from an environment variable so that tests, CI and a deployment can point
the app at their own database and boundary files without code changes.
"""

import datetime as dt
import os
from collections import namedtuple
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

Setting = namedtuple("Setting", ("name", "env", "default", "help"))

SETTINGS = (
    Setting("db", "FXDASH_DB", str(ROOT / "data" / "fxdash.duckdb"), "DuckDB database file"),
    Setting("boundaries", "FXDASH_BOUNDARIES", "", "towns GeoJSON (WGS-84); empty = not loaded"),
    Setting("rivers", "FXDASH_RIVERS", "", "rivers GeoJSON drawn under the map layers; optional"),
    Setting("as_of", "FXDASH_AS_OF", "", "fixed 'today' (YYYY-MM-DD); empty = the real date"),
    Setting("tile_url", "FXDASH_TILE_URL", "", "intranet raster tile URL template ({z}/{x}/{y}); optional"),
    Setting("imports_dir", "FXDASH_IMPORTS", str(ROOT / "data" / "imports"), "archive of imported files"),
)


@dataclass(frozen=True)
class Settings:
    db: Path
    boundaries: Path | None
    rivers: Path | None
    as_of: dt.date
    tile_url: str
    imports_dir: Path


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
    return Settings(
        db=Path(raw["db"]).expanduser(),
        boundaries=_optional_path(raw["boundaries"]),
        rivers=_optional_path(raw["rivers"]),
        as_of=parse_as_of(raw["as_of"]),
        tile_url=raw["tile_url"].strip(),
        imports_dir=Path(raw["imports_dir"]).expanduser(),
    )
