"""The chart and map shortcuts of issue 17 (session 8) give what plotly and the former code gave:
chart_figure.figure_dict in one pass (copy and encode together) is the dict of to_dict and of the former
copy-then-walk (convert_to_base64) for every chart the pages draw and for arrays of every kind;
_data_array stores what plotly's DataArrayValidator stores; maps.region kept per input is the box walked
anew; the scene map without missing coordinates is the map built from the frame dropna would give."""

import copy
import datetime as dt
import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from _plotly_utils.basevalidators import DataArrayValidator
from _plotly_utils.utils import convert_to_base64

from fxdash import chart_figure, maps
from fxdash.ui_cache import SharedGeoJSON
from tests.test_chart_style_fast import drawn_charts
from tests.test_map_framing import BOUNDARIES, TOWNS


def _former(fig: go.Figure) -> dict:
    """figure_dict as it was: every property deep-copied, then plotly's walk encoding the arrays."""
    res = {"data": copy.deepcopy(fig._data), "layout": copy.deepcopy(fig._layout)}
    frames = copy.deepcopy([frame._props for frame in fig._frame_objs])
    if frames:
        res["frames"] = frames
    convert_to_base64(res)
    return res


def _same(fig: go.Figure) -> None:
    expected = pio.json.to_json_plotly(go.Figure.to_dict(fig))
    fast = chart_figure.figure_dict(fig)
    assert pio.json.to_json_plotly(fast) == expected
    assert pio.json.to_json_plotly(_former(fig)) == expected
    assert pio.json.to_json_plotly(go.Figure.to_dict(fig)) == expected  # the figure left as it was


def test_every_page_chart_comes_out_as_to_dict_and_as_before(app_env_read_only, monkeypatch):
    _, distinct = drawn_charts(monkeypatch)
    assert len(distinct) >= 30
    for builder, args, kwargs in distinct.values():
        _same(builder(*args, **kwargs))


ARRAYS = [
    np.array([1, 2, 3], dtype="int64"), np.array([-200, 5], dtype="int64"), np.array([40_000, -1], dtype="int64"),
    np.array([2**40, 1], dtype="int64"), np.array([7, 300], dtype="uint64"), np.array([2**33], dtype="uint64"),
    np.array([1.5, np.nan, -0.0]), np.array([1.5, 2.5], dtype="float32"), np.array([1, 2], dtype="int32"),
    np.array([True, False]), np.array(["a", "乙"]), np.array(["x", None], dtype=object), np.array([], dtype="int64"),
    np.array(["2026-03-01", "2026-03-18"], dtype="datetime64[D]"), np.arange(6, dtype="int64").reshape(2, 3),
    np.array([3, 1, 2], dtype="int64")[::2],  # not contiguous
]


@pytest.mark.parametrize("values", ARRAYS, ids=lambda a: f"{a.dtype}-{a.shape}")
def test_arrays_of_every_kind_come_out_as_to_dict(values):
    fig = go.Figure(go.Bar(x=list(range(values.shape[0])), y=values, customdata=values),
                    layout={"xaxis": {"range": [0, 3]}, "title": {"text": "题"}})
    unchecked = chart_figure.Figure()
    unchecked.add_scatter(x=values, y=values, text=("甲", "乙"), marker_color=["#fff", "#000"])
    unchecked.update_layout(annotations=[{"text": "注", "x": 1, "y": 2}])
    for each in (fig, unchecked):
        _same(each)


def test_figures_with_frames_dates_tuples_and_other_values_come_out_as_to_dict():
    fig = go.Figure(go.Scatter(x=np.array(["2026-03-01", "2026-03-18"], dtype="datetime64[D]"), y=[np.float64(1.5), 2],
                               customdata=np.array([["a", 1], ["b", 2]], dtype=object), text=("甲", "乙")),
                    layout={"xaxis": {"range": [dt.date(2026, 3, 1), dt.date(2026, 3, 18)]}},
                    frames=[go.Frame(data=[go.Bar(x=[1, 2], y=np.arange(2))], name="一")])
    fig.add_heatmap(z=np.eye(3), colorscale="Viridis")
    _same(fig)
    _same(go.Figure())


INPUTS = ARRAYS + [[1, 2.5, None, "a", True], ["甲", "乙"], [], pd.Series([1, 2]), (1, 2), [[1, 2], [3, 4]],
                   [np.int64(3)], pd.Series(["a", None])]


@pytest.mark.parametrize("value", INPUTS, ids=lambda v: type(v).__name__)
def test_data_arrays_are_stored_as_plotly_stores_them(value):
    expected = DataArrayValidator("y", "bar").validate_coerce(value)
    fast = chart_figure._data_array(value)
    if fast is None:  # left to plotly's validator: only what the shortcut does not know
        assert not (type(value) is np.ndarray or (type(value) is list and all(type(v) in (str, int, float, bool, type(None))
                                                                              for v in value)))
        return
    assert type(fast) is type(expected)
    if isinstance(expected, np.ndarray):
        assert fast.dtype == expected.dtype and fast.shape == expected.shape and not fast.flags.writeable
        assert fast.flags.c_contiguous == expected.flags.c_contiguous
        assert fast.tobytes() == expected.tobytes() or fast.tolist() == expected.tolist()
        assert not np.shares_memory(fast, value)
    else:
        assert fast == expected and fast is not value


def test_a_region_kept_per_input_is_the_region_walked_anew():
    shared = SharedGeoJSON(BOUNDARIES)
    for focus in ((), ("A",), ("B",), ("A", "B"), ("X",)):
        for boundaries in (shared, BOUNDARIES, None):
            first, again = maps.region(TOWNS, boundaries, focus), maps.region(TOWNS, boundaries, focus)
            assert first == again == maps._region(TOWNS, boundaries, focus), (focus, boundaries is shared)
    moved = TOWNS.assign(lon=TOWNS["lon"] + 0.1)  # other towns, same boundaries: another key
    assert maps.region(moved, None) == maps._region(moved, None, ()) != maps.region(TOWNS, None)


def test_the_scene_map_leaves_out_scenes_without_coordinates_as_before():
    scenes = pd.DataFrame({"name": ["甲场景", "乙场景", "丙场景"], "scene_type": ["街区", "园区", "街区"],
                           "batch": [1, 2, 1], "town": ["甲镇", "乙镇", "甲镇"],
                           "certified_on": pd.to_datetime(["2025-10-02", "2025-11-05", "2026-01-09"]),
                           "lat": [30.9, np.nan, 30.95], "lon": [121.4, 121.7, 121.45]})
    shared = SharedGeoJSON(BOUNDARIES)
    with_gap, legend = maps.scene_map(scenes, TOWNS, shared)
    without, legend_without = maps.scene_map(scenes.dropna(subset=["lat", "lon"]), TOWNS, shared)
    assert with_gap.to_json() == without.to_json() and legend == legend_without
    assert "乙场景" not in with_gap.to_json() and "甲场景" in with_gap.to_json()
    complete = scenes.dropna(subset=["lat", "lon"]).reset_index(drop=True)
    assert json.loads(maps.scene_map(complete, TOWNS, shared)[0].to_json()) == json.loads(without.to_json())
