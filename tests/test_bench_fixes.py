"""The performance fixes found with `python -m fxdash bench`: same answers, less work."""

import datetime as dt

import plotly.io as pio

from fxdash import charts
from fxdash.filters import Filters
from fxdash.queries import people
from tests.conftest import APP_AS_OF

F = Filters(date_from=dt.date(2026, 1, 1), date_to=APP_AS_OF)


def test_worker_list_first_rows_and_count_agree_with_the_whole_list(app_con):
    whole = people.worker_table(app_con, F)
    assert len(whole) > 100
    first = people.worker_table(app_con, F, limit=100)
    assert first.equals(whole.head(100))
    assert people.worker_count(app_con, F) == len(whole)
    narrowed = {"party": ("中共党员",), "active": True}
    assert people.worker_count(app_con, F, **narrowed) == len(people.worker_table(app_con, F, **narrowed)) > 0


def test_charts_keep_the_white_look_with_a_trimmed_template():
    fig = charts.people_hbars(people.pd.DataFrame({"label": ["a", "b"], "workers": [1, 2]}), "label", "workers", "t")
    white = pio.templates["plotly_white"].layout
    assert fig.layout.template.layout.plot_bgcolor == white.plot_bgcolor
    assert fig.layout.template.layout.xaxis.gridcolor == white.xaxis.gridcolor
    assert fig.layout.font.family == charts.FONT
    assert set(fig.layout.template.data.to_plotly_json()) == set(charts.TRACE_KINDS)
