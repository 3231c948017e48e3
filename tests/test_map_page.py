"""The map page headless (AppTest): the deck's layers and points under default and narrowed filters."""

import json

from streamlit.testing.v1 import AppTest

from tests.auth import login_apptest
from tests.conftest import ROOT


def open_map(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    login_apptest(at.run())
    at.switch_page("pages/map.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def deck_spec(at: AppTest) -> dict:
    decks = at.get("deck_gl_json_chart")
    assert len(decks) == 1
    return json.loads(decks[0].proto.json)


def layer(spec: dict, layer_id: str) -> list:
    return next(x["data"] for x in spec["layers"] if x["id"] == layer_id)


def test_map_page_shows_every_station_with_density_coverage_and_candidates(app_env_read_only, app_con):
    at = open_map()
    spec = deck_spec(at)
    ids = [x["id"] for x in spec["layers"]]
    assert ids[0] == "town-boundaries" and "town-labels" in ids
    assert {"report-density", "coverage", "stations", "candidates"} <= set(ids)
    expected = app_con.execute("select count(*) from stations where opened_on <= '2026-11-27'").fetchone()[0]
    assert len(layer(spec, "stations")) == expected
    assert "http" not in json.dumps(spec)  # offline: no basemap, no outside URL
    labels = [m.label for m in at.metric]
    assert labels[:2] == ["地图上的骑手驿站", "地图上的服务点位"] and "上报问题覆盖率" in labels
    assert any("建议新增骑手驿站" in s.value for s in at.subheader)


def test_narrowed_filters_show_only_matching_stations(app_env_read_only):
    at = open_map({"town": "310120111", "amenity": "充换电", "from": "2026-10-01", "to": "2026-11-15"})
    stations = layer(deck_spec(at), "stations")
    assert stations, "青村镇 should have stations with charging"
    assert all("充换电" in s["tip"] and "青村镇" in s["tip"] for s in stations)
    assert at.multiselect(key="fx_w_amenities").value == ["充换电"]


def test_layer_switches_and_radius_change_the_deck(app_env_read_only):
    at = open_map()
    at.pills(key="fx_map_layers").set_value(["stations", "scenes", "branches"]).run()
    at.slider(key="fx_map_radius").set_value(2000).run()
    assert not at.exception
    ids = {x["id"] for x in deck_spec(at)["layers"]}
    assert {"stations", "scenes", "branches"} <= ids
    assert "report-density" not in ids and "coverage" not in ids
    assert any("2,000米" in c.value for c in at.caption)
