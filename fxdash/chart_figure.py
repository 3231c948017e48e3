"""The plotly Figure the chart builders (fxdash.charts, fxdash.report_charts) draw on: built without
plotly validating each property as it is set.

Measured on the pages' real inputs (the reports page's seven charts at scale 1: 39 ms, 16 ms unchecked):
after style() was fixed (fxdash.charts), building a chart was mostly plotly checking it: every add_bar
validated the trace twice (once built, once re-built into the figure), every array went through
narwhals' dataframe detection, and each update_layout parsed property paths and ran its relayout
machinery (2-3 ms a call, three or four calls a chart). The builders' inputs are our own query results
of known types, so the figure is built unchecked, with the conversions validation made that change the
JSON: a pandas Series or Index becomes its numpy array (what plotly stores, and encodes as a typed
array), a title given as text becomes {"text": ...}. tests/test_chart_style_fast.py builds every chart
the pages and their tabs draw both ways (VALIDATE on and off) and compares the JSON, keys sorted.
"""

import copy

import pandas as pd
import plotly.graph_objects as go
from _plotly_utils.utils import convert_to_base64

VALIDATE = False  # True: plotly validates every property as set, as before (the tests compare the two)


def _as_plotly_stores(value):
    """A trace argument as plotly's validators would store it, where that changes the JSON."""
    if isinstance(value, (pd.Series, pd.Index)):
        return value.to_numpy()
    if isinstance(value, dict):  # a title given as text is plotly's {"text": ...} (axes, colour bars)
        return {k: {"text": v} if k == "title" and isinstance(v, str) else _as_plotly_stores(v)
                for k, v in value.items()}
    return value


def _args(kwargs: dict) -> dict:
    if VALIDATE:
        return kwargs
    return {**{k: _as_plotly_stores(v) for k, v in kwargs.items()}, "_validate": False}


class Figure(go.Figure):
    """go.Figure, unchecked unless VALIDATE (its layout too, until style() sets its validated parts)."""

    def __init__(self, data=None, **kwargs):
        if VALIDATE:
            super().__init__(data, **kwargs)
            return
        # no default template: plotly copies in Streamlit's whole default, and style() replaces it
        super().__init__(data, layout={"template": {}}, **kwargs, _validate=False)

    def update_layout(self, dict1=None, overwrite=False, **kwargs):
        """Properties the layout does not hold yet are set directly (what update_layout makes of
        them on an empty property, without its path parsing and relayout machinery: 2-3 ms a call,
        most of building a chart once traces were unchecked); any other goes through plotly's update."""
        parts = {**(dict1 or {}), **kwargs}
        if VALIDATE or overwrite:
            return super().update_layout(parts, overwrite)
        layout = self.layout
        rest = {}
        for key, value in parts.items():
            if "_" in key or key in layout._props:
                rest[key] = value
            else:
                layout[key] = _as_plotly_stores(value)
        return super().update_layout(rest) if rest else self

    def _add(self, kind: str, kwargs: dict):
        if VALIDATE or not _NOT_PROPERTIES.isdisjoint(kwargs):
            return getattr(super(), f"add_{kind}")(**_args(kwargs))
        # the trace given as its properties, built once: plotly's add_<kind> builds the trace, then
        # add_traces builds it again from the first one's properties (~0.2 ms a bar; 13 bars on 友好场景)
        return self.add_traces([{"type": kind, **{k: _as_plotly_stores(v) for k, v in kwargs.items()}}])

    def add_bar(self, **kwargs):
        return self._add("bar", kwargs)

    def add_scatter(self, **kwargs):
        return self._add("scatter", kwargs)

    def add_heatmap(self, **kwargs):
        return self._add("heatmap", kwargs)

    def add_box(self, **kwargs):
        return self._add("box", kwargs)


_NOT_PROPERTIES = frozenset(("row", "col", "secondary_y", "type"))  # add_<kind> arguments that are not trace properties


def figure_dict(fig: go.Figure) -> dict:
    """go.Figure.to_dict(fig), the same dict, copied without copy.deepcopy's generic walk (its memo and
    dispatch per node were ~2 ms of the three charts of 友好场景, the layouts' templates mostly): dicts,
    lists and tuples rebuilt, plain values shared (immutable), anything else (numpy arrays) deep-copied;
    then plotly's own base64 encoding of the arrays, as to_dict does. tests/test_figure_dict.py compares
    it with to_dict for every chart of the community page's tabs."""
    res = {"data": _copied(fig._data), "layout": _copied(fig._layout)}
    frames = _copied([frame._props for frame in fig._frame_objs])
    if frames:
        res["frames"] = frames
    convert_to_base64(res)
    return res


_PLAIN = (str, int, float, bool, type(None))


def _copied(value):
    kind = type(value)
    if kind is dict:
        return {k: v if type(v) in _PLAIN else _copied(v) for k, v in value.items()}
    if kind is list:
        return [v if type(v) in _PLAIN else _copied(v) for v in value]
    if kind is tuple:
        return tuple(_copied(v) for v in value)
    if kind in _PLAIN:
        return value
    return copy.deepcopy(value)


def funnel(**kwargs) -> go.Funnel:
    """A funnel trace for Figure(...), unchecked unless VALIDATE."""
    return go.Funnel(**_args(kwargs))
