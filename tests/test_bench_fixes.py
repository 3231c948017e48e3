"""The performance fixes found with `python -m fxdash bench`: same answers, less work."""

import datetime as dt

import plotly.io as pio

from fxdash import charts
from fxdash.filters import Filters
from fxdash.queries import people
from tests.conftest import APP_AS_OF, ROOT

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


def test_worker_list_download_fetches_every_row_when_clicked(app_env_read_only, app_con, monkeypatch):
    """The page shows the first rows; the download's file, built later outside the script run (as
    Streamlit calls it on a click), holds the whole list."""
    from streamlit.testing.v1 import AppTest

    from fxdash import ui_rights, ui_widgets
    from tests.auth import login_apptest

    builds = {}

    def capture(container, label, build, *, what, f, rows, **kwargs):
        builds[what] = (build, rows)

    monkeypatch.setattr(ui_rights, "download_button", capture)
    at = login_apptest(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run())
    at.query_params["people_tab"] = "人员名单"  # only the open tab runs
    at.switch_page("pages/people.py").run()
    assert not at.exception
    build, rows = builds["人员名单.csv"]
    total = people.worker_count(app_con, at.session_state["fx_filters"])
    assert rows == total > ui_widgets.MAX_TABLE_ROWS  # so the page showed only the first rows
    assert any(f"{total:,}" in c.value for c in at.caption)  # 共 N 行，页面只显示前 2,000 行
    lines = build().decode("utf-8-sig").splitlines()
    header = lines.index("") + 1  # the filters block, a blank line, then the table
    assert len(lines) - header - 1 == total
