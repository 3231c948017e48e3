"""Chart builders skip plotly work that does not change the figure: style() sets the shared layout from
a copy validated once at import, axes are set with update_layout(xaxis=...) instead of update_xaxes (whose
subplot selection cost as much again), the reports' share labels go in as one annotations list. Every
chart the pages draw, on their real inputs under several filter sets, must serialise byte for byte as
built the former way (style() validating each property, update_xaxes/update_yaxes, add_annotation)."""

import importlib
import json

import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from fxdash import chart_figure, charts, ui_widgets
from fxdash.labels import community as LCM
from fxdash.labels import people as LP
from tests.auth import login_apptest
from tests.conftest import ROOT

PAGES = ("reports", "people", "community", "overview", "weekly", "map")
FILTER_SETS = ({}, {"town": "南桥镇"}, {"from": "2025-06-01", "to": "2026-01-31"})
TABS = [("people", {"people_tab": tab}) for tab in LP.PEOPLE_TABS[1:]] + \
    [("community", {"community_tab": tab}) for tab in LCM.COMMUNITY_TABS[1:]]  # the other tabs, default filters


def _former_update_layout(self, dict1=None, overwrite=False, **kwargs):
    """Figure.update_layout as the builders called it before: axes through update_xaxes/update_yaxes,
    annotations one add_annotation each."""
    parts = {**(dict1 or {}), **kwargs}
    if len(parts) == 1 and (key := next(iter(parts))) in ("xaxis", "yaxis", "annotations"):
        if key == "annotations":
            for note in parts[key]:
                self.add_annotation(**note)
        else:
            (self.update_xaxes if key == "xaxis" else self.update_yaxes)(**parts[key])
        return self
    return _UPDATE_LAYOUT(self, dict1, overwrite, **kwargs)


_UPDATE_LAYOUT = go.Figure.update_layout


def _canonical(fig: go.Figure) -> str:
    """The figure's JSON with its keys sorted: an unchecked figure (fxdash.chart_figure) stores a trace's
    properties in the order given, a validated one in plotly's; every value must be the same."""
    return json.dumps(json.loads(fig.to_json()), sort_keys=True, ensure_ascii=False)


def _both_ways(monkeypatch, build, *args, **kwargs) -> tuple[str, str]:
    """(the figure's JSON built the former way, validated throughout, as built now)."""
    with monkeypatch.context() as former:
        former.setattr(charts, "VALIDATE_STYLE", True)
        former.setattr(chart_figure, "VALIDATE", True)
        former.setattr(go.Figure, "update_layout", _former_update_layout)
        validated = _canonical(build(*args, **kwargs))
    return validated, _canonical(build(*args, **kwargs))


def drawn_charts(monkeypatch) -> tuple[list, dict]:
    """Every chart the pages and their tabs draw under FILTER_SETS: (the builders' names, once per drawing;
    {(name, key): (builder, args, kwargs)} once per distinct chart, the same builder on the same inputs)."""
    calls, distinct = [], {}

    def record(name, key, builder, args, kwargs):
        built = builder(*args, **kwargs)
        if isinstance(built, go.Figure):  # charts only: the map decks (ui.deck) go through here too
            calls.append(name)
            distinct.setdefault((name, key), (builder, args, kwargs))
        return built

    with monkeypatch.context() as m:
        m.setattr(ui_widgets, "_figure", record)
        at = login_apptest(AppTest.from_file(str(ROOT / "app.py"), default_timeout=180).run())
        for page, params in [(page, params) for page in PAGES for params in FILTER_SETS] + TABS:
            for key in list(at.query_params):
                del at.query_params[key]
            at.query_params.update(params)
            at.switch_page(f"pages/{page}.py").run()
            assert not at.exception, (page, params)
    return calls, distinct


def test_every_page_chart_serialises_as_when_validated(app_env_read_only, monkeypatch):
    calls, distinct = drawn_charts(monkeypatch)  # checked once per distinct chart
    names = {b.__qualname__ for b, _, _ in distinct.values()}
    assert len(calls) >= 70 and len(names) >= 24, names  # every builder the pages and their tabs draw
    for builder, args, kwargs in distinct.values():
        validated, fast = _both_ways(monkeypatch, builder, *args, **kwargs)
        assert fast == validated, builder.__qualname__


@pytest.mark.parametrize("title", [None, "标题"])
def test_properties_a_chart_set_before_style_are_merged_not_replaced(monkeypatch, title):
    def build():
        fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))
        fig.update_layout(legend={"traceorder": "normal"}, margin={"b": 50})
        return charts.style(fig, title, height=420)

    validated, fast = _both_ways(monkeypatch, build)
    assert fast == validated
    layout = build().layout
    assert layout.legend.traceorder == "normal" and layout.legend.orientation == "h"
    assert (layout.margin.b, layout.margin.t, layout.height) == (10, 80 if title else 40, 420)


def test_a_styled_figure_stays_editable(monkeypatch):
    """Pages change a few charts after style() (people_stacked's margin, status_funnel's legend)."""
    fig = charts.people_stacked(pd.DataFrame({"m": ["a", "a", "b"], "g": list("xyz"), "v": [1, 2, 3]}),
                                "m", "g", "v", "标题", "人")
    fig.update_layout(margin={"t": 120}, title={"text": "新标题"})
    assert (fig.layout.margin.t, fig.layout.margin.l, fig.layout.title.text, fig.layout.title.x) == (120, 10, "新标题", 0)
    assert importlib.import_module("fxdash.report_charts").style is charts.style
