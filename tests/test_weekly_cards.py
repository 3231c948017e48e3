"""The weekly page's metric cards, made once per bundle (ui_weekly.cards through ui.derived) instead of on
every view, are the cards briefing.card makes of the week's comparison rows, in order, on the page; the
overview's sparklines (one pass over the trend) are each figure's weekly values as the trend holds them."""

from streamlit.testing.v1 import AppTest

from fxdash import briefing, metrics, ui_data, ui_weekly, weeks
from fxdash.queries import weekly
from tests.auth import login_apptest
from tests.conftest import ROOT


def test_the_weekly_cards_are_the_comparison_rows_as_cards(app_env_read_only):
    at = login_apptest(AppTest.from_file(str(ROOT / "app.py"), default_timeout=180).run())
    at.switch_page("pages/weekly.py").run()
    assert not at.exception
    s = ui_data.settings()
    monday = weeks.last_complete_week(s.as_of)
    with ui_data._connection_for(ui_data._readers(str(s.db)).current_key()).cursor() as con:  # as the page reads
        b = weekly.bundle(con, at.session_state["fx_filters"], monday, s.deadlines)
    expected = [briefing.card(row) for row in b["comparison"].to_dict("records")]
    assert ui_weekly.cards(b) == expected
    shown = [(m.label, m.value, m.delta) for m in at.metric]
    assert shown[-len(expected):] == [(c["label"], c["value"], c["delta"] or "") for c in expected]
    assert len(expected) == len(metrics.WEEKLY)


def test_the_overview_sparklines_are_each_figures_weekly_values(app_env_read_only):
    at = login_apptest(AppTest.from_file(str(ROOT / "app.py"), default_timeout=180).run())
    assert not at.exception
    f = at.session_state["fx_filters"]
    s = ui_data.settings()
    with ui_data._connection_for(ui_data._readers(str(s.db)).current_key()).cursor() as con:
        trend, kpis = metrics.kpi_trend(con, f), metrics.headline(con, f)
    expected = [trend.loc[trend["key"] == key, "value"].tolist() for key in kpis["key"]]  # as the page asked
    shown = [list(m.proto.chart_data) for m in at.metric][:len(expected)]
    assert shown == expected and all(shown)
    assert [metrics.sparklines(trend)[key] for key in kpis["key"]] == expected
