"""chart_figure._checked_trace: a chart's traces hold what plotly's validated constructor stores, in its order,
without the constructor. Every chart the pages and their tabs draw, on their real inputs under several filter
sets, must serialise byte for byte (keys in order) as with every trace built by plotly."""

import inspect
import re

import pytest

from fxdash import chart_figure
from tests.test_chart_style_fast import drawn_charts


def _both_ways(monkeypatch, builder, args, kwargs) -> tuple[str, str, int]:
    """(the chart's JSON with plotly building every trace, as built now, how many traces were built directly)."""
    with monkeypatch.context() as former:
        former.setattr(chart_figure, "DIRECT_TRACES", False)
        before = builder(*args, **kwargs)
    now = builder(*args, **kwargs)
    direct = sum(1 for t in now.data if getattr(t, "_fx_built", False))
    return before.to_json(), now.to_json(), direct


def test_every_page_chart_serialises_as_with_plotly_built_traces(app_env_read_only, monkeypatch):
    _, distinct = drawn_charts(monkeypatch)
    direct = 0
    for builder, args, kwargs in distinct.values():
        before, now, n = _both_ways(monkeypatch, builder, args, kwargs)
        assert now == before, builder.__qualname__
        direct += n
    assert len(distinct) >= 24 and direct >= 50  # most traces take the direct way


@pytest.mark.parametrize("kind", sorted(chart_figure._TRACE_CLASSES))
def test_the_property_order_is_the_constructors(kind):
    cls = chart_figure._TRACE_CLASSES[kind]
    assert list(chart_figure._NAMED[kind]) == re.findall(r'self\._set_property\("(\w+)"', inspect.getsource(cls.__init__))
    assert not cls._mapped_properties  # no property renamed on the way in


@pytest.mark.parametrize("props", [
    {"x": ["a", "b"], "y": [1, 2], "marker_color": ["#111111", "red"], "marker_line_width": 2},  # a deeper path
    {"x": [1, 2], "y": [3, 4], "marker": {"color": "red"}},  # a compound property as a dict
    {"x": [1, 2], "y": [3, 4], "error_y": {"array": [1, 1]}},  # a property with an underscore of its own
    {"x": [1, 2], "y": [3, 4], "nonsense_color": "red"},  # unknown: plotly raises, as before
])
def test_anything_else_is_built_by_plotly(props, monkeypatch):
    if "nonsense_color" in props:
        with pytest.raises(ValueError):
            chart_figure.Figure().add_bar(**props)
        return
    assert chart_figure._checked_trace("bar", props) is None
    now = chart_figure.Figure().add_bar(**props).to_json()
    monkeypatch.setattr(chart_figure, "DIRECT_TRACES", False)
    assert now == chart_figure.Figure().add_bar(**props).to_json()


def test_a_direct_trace_is_what_plotly_builds(monkeypatch):
    props = {"x": ["a", "b"], "y": [1, 2], "text": [3, 4], "name": "甲", "marker_color": "red", "hovertemplate": "%{y}"}
    assert chart_figure._checked_trace("bar", props) is not None
    now = chart_figure.Figure().add_bar(**props)
    monkeypatch.setattr(chart_figure, "DIRECT_TRACES", False)
    assert now.to_json() == chart_figure.Figure().add_bar(**props).to_json()
    assert now.data[0].marker.color == "red" and list(now.data[0].x) == ["a", "b"]  # a trace plotly can read
