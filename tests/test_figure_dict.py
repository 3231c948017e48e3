"""chart_figure.figure_dict gives the dict go.Figure.to_dict gives (what st.plotly_chart sends of a shared
chart), copied without copy.deepcopy: the same JSON, key order included, for every chart the community
page's tabs and the people page draw, and for figures with arrays, dates, tuples and frames."""

import datetime as dt

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
from streamlit.testing.v1 import AppTest

from fxdash import chart_figure, ui_widgets
from fxdash.labels import community as LCM
from tests.auth import login_apptest
from tests.conftest import ROOT


def _same(fig: go.Figure) -> None:
    expected = pio.json.to_json_plotly(go.Figure.to_dict(fig))
    assert pio.json.to_json_plotly(chart_figure.figure_dict(fig)) == expected
    assert pio.json.to_json_plotly(go.Figure.to_dict(fig)) == expected  # the figure itself left as it was


def test_every_community_and_people_chart_comes_out_as_to_dict(app_env_read_only, monkeypatch):
    built = []

    def record(name, key, builder, args, kwargs):
        out = builder(*args, **kwargs)
        built.extend(x for x in (out if isinstance(out, tuple) else (out,)) if isinstance(x, go.Figure))
        return out

    monkeypatch.setattr(ui_widgets, "_figure", record)
    at = login_apptest(AppTest.from_file(str(ROOT / "app.py"), default_timeout=180).run())
    for page, params in [("community", {"community_tab": tab}) for tab in LCM.COMMUNITY_TABS] + [("people", {})]:
        for key in list(at.query_params):
            del at.query_params[key]
        at.query_params.update(params)
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, (page, params)
    assert len(built) >= 15
    for fig in built:
        _same(fig)


def test_arrays_dates_tuples_and_frames_come_out_as_to_dict():
    days = np.array(["2026-03-01", "2026-03-18"], dtype="datetime64[D]")
    fig = go.Figure(go.Scatter(x=days, y=np.array([1.5, np.nan]), customdata=np.array([["a", 1], ["b", 2]], dtype=object),
                               text=("甲", "乙"), marker={"color": np.array([3, 4], dtype="int32")}),
                    layout={"title": {"text": "标题"}, "xaxis": {"range": [dt.date(2026, 3, 1), dt.date(2026, 3, 18)]}},
                    frames=[go.Frame(data=[go.Bar(x=[1, 2], y=np.arange(2))], name="一")])
    fig.add_heatmap(z=np.eye(3), colorscale="Viridis")
    _same(fig)
    _same(go.Figure())
    unchecked = chart_figure.Figure()
    unchecked.add_bar(x=["a", "b"], y=np.array([1, 2], dtype="int64"), marker_color=["#fff", "#000"], name="n")
    _same(unchecked)
