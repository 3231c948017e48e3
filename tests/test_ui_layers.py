"""The UI layer's modules import one way (pages → ui → ui_* → core), and the small pieces of page
logic that moved out of pages (kind counts, headline amenities, report columns) keep their answers."""

import ast
from pathlib import Path

import pandas as pd

from fxdash.filters import Filters
from fxdash.queries import community_places, map

ROOT = Path(__file__).resolve().parents[1]
UI_PARTS = ("ui_data", "ui_filters", "ui_widgets", "ui_chrome", "ui_rights", "login", "tables", "widget_text")


def fxdash_imports(module: str) -> set[str]:
    """Names of the fxdash modules `module` imports, at the top or inside a function."""
    tree = ast.parse((ROOT / "fxdash" / f"{module}.py").read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "fxdash":
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("fxdash."):
            names.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            names.update(a.name.split(".")[1] for a in node.names if a.name.startswith("fxdash."))
    return names


def test_no_part_of_the_ui_layer_imports_the_ui_facade():
    for part in UI_PARTS:
        assert "ui" not in fxdash_imports(part), part


def test_ui_parts_import_without_a_circle():
    graph = {part: fxdash_imports(part) & set(UI_PARTS) for part in UI_PARTS}

    def reaches(start, goal, seen=()):
        return any(n == goal or (n not in seen and reaches(n, goal, (*seen, n))) for n in graph[start])

    assert [p for p in UI_PARTS if reaches(p, p)] == []


def test_ui_modules_stay_small():
    for part in ("ui", *UI_PARTS):
        assert len((ROOT / "fxdash" / f"{part}.py").read_text(encoding="utf-8").splitlines()) <= 400, part


def test_kind_counts_name_every_kind_in_vocabulary_order():
    stations = pd.DataFrame({"kind": ["服务点位", "服务点位", "骑手驿站"]})
    assert map.kind_counts(stations) == {"骑手驿站": 1, "服务点位": 2}
    assert map.kind_counts(stations.iloc[:0]) == {"骑手驿站": 0, "服务点位": 0}


def test_coverage_counts_rider_stations_unless_kinds_are_picked():
    f = Filters(date_from=pd.Timestamp("2026-01-01").date(), date_to=pd.Timestamp("2026-01-31").date())
    assert map.coverage_kinds(f) == ("骑手驿站",)
    picked = Filters(date_from=f.date_from, date_to=f.date_to, station_kinds=("服务点位",))
    assert map.coverage_kinds(picked) == ("服务点位",)


def test_amenity_headline_fills_missing_amenities_with_zero():
    amen = pd.DataFrame({"amenity": ["就餐", "充换电", "热水"], "stations": [5, 2, 9]})
    assert community_places.amenity_headline(amen) == [("健康科普角", 0), ("法律服务", 0), ("充换电", 2), ("就餐", 5)]


def test_report_columns_label_every_report_column():
    from fxdash import tables
    from fxdash.labels import reports as LRP

    config = tables.report_columns()
    assert set(config) == set(LRP.RPT_COLUMNS)
    assert all(config[c]["label"] == LRP.RPT_COLUMNS[c] for c in config)
