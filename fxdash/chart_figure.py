"""The plotly Figure the chart builders (fxdash.charts, fxdash.report_charts) draw on: built without
plotly validating each property as it is set.

Measured on the pages' real inputs: plotly's validation was most of building a chart after style() was
fixed (fxdash.charts), 5-40 ms a chart, and it grows with the traces: every add_bar validated the trace
twice (once built, once re-built into the figure), and every array went through narwhals' dataframe
detection (`inspect.getattr_static`, about 0.1 ms an array). A page's cold run builds up to 13 charts.
The builders' inputs are our own query results of known types, so the figure is built unchecked, with
the one conversion validation made that changes the JSON: a pandas Series or Index becomes its numpy
array (what plotly stores, and encodes as a typed array). tests/test_chart_style_fast.py builds every
chart the pages draw both ways (VALIDATE on and off) and compares the JSON byte for byte.
"""

import pandas as pd
import plotly.graph_objects as go

VALIDATE = False  # True: plotly validates every property as set, as before (the tests compare the two)


def _as_plotly_stores(value):
    """A trace argument as plotly's validators would store it, where that changes the JSON."""
    if isinstance(value, (pd.Series, pd.Index)):
        return value.to_numpy()
    if isinstance(value, dict):
        return {k: _as_plotly_stores(v) for k, v in value.items()}
    return value


def _args(kwargs: dict) -> dict:
    if VALIDATE:
        return kwargs
    return {**{k: _as_plotly_stores(v) for k, v in kwargs.items()}, "_validate": False}


class Figure(go.Figure):
    """go.Figure, unchecked unless VALIDATE (its layout too, until style() sets its validated parts)."""

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs, **({} if VALIDATE else {"_validate": False}))

    def add_bar(self, **kwargs):
        return super().add_bar(**_args(kwargs))

    def add_scatter(self, **kwargs):
        return super().add_scatter(**_args(kwargs))

    def add_heatmap(self, **kwargs):
        return super().add_heatmap(**_args(kwargs))

    def add_box(self, **kwargs):
        return super().add_box(**_args(kwargs))


def funnel(**kwargs) -> go.Funnel:
    """A funnel trace for Figure(...), unchecked unless VALIDATE."""
    return go.Funnel(**_args(kwargs))
