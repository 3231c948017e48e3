"""Period presets in the app: the sidebar control, the URL, the overview without a previous period for
累计, and 关爱与平安 → 反诈 with no case in the period.

AppTest runs only the page script on a rerun (not app.py, so not the sidebar): after a widget change these
tests check the session's filter store the callbacks write; the page walk of tests/test_browser.py clicks the
real control in a browser (overview_shows_figures_charts_and_the_story)."""

import datetime as dt

from fxdash.filters import FIRST_DATE
from tests.conftest import APP_AS_OF
from tests.test_app import qp, run_app


def test_a_preset_link_opens_that_period_and_keeps_its_name_in_the_url(app_env_read_only):
    at = run_app({"period": "all"})
    assert not at.exception, [e.message for e in at.exception]
    assert at.segmented_control(key="fx_w_preset").value == "all"
    f = at.session_state["fx_filters"]
    assert (f.date_from, f.date_to, f.preset) == (FIRST_DATE, APP_AS_OF, "all")
    assert qp(at, "period") == ["all"] and "from" not in at.query_params
    # all time has no previous period worth comparing: no change under the period's figures
    assert len(at.metric) == 8 and not any(m.delta for m in at.metric)


def test_the_default_is_28_days_and_picking_a_preset_sets_its_dates(app_env_read_only):
    at = run_app()
    assert at.segmented_control(key="fx_w_preset").value == "28d" and qp(at, "period") == ["28d"]
    assert at.date_input(key="fx_w_period").value == (APP_AS_OF - dt.timedelta(days=27), APP_AS_OF)
    at.segmented_control(key="fx_w_preset").set_value("last_week").run()
    assert not at.exception, [e.message for e in at.exception]
    stored = at.session_state["_fx_values"]
    monday = APP_AS_OF - dt.timedelta(days=APP_AS_OF.weekday())
    assert stored["preset"] == "last_week"
    assert stored["period"] == (monday - dt.timedelta(days=7), monday - dt.timedelta(days=1))


def test_picking_dates_by_hand_drops_the_preset(app_env_read_only):
    at = run_app({"period": "month"})
    at.date_input(key="fx_w_period").set_value((dt.date(2026, 10, 1), dt.date(2026, 10, 31))).run()
    assert not at.exception, [e.message for e in at.exception]
    stored = at.session_state["_fx_values"]
    assert stored["period"] == (dt.date(2026, 10, 1), dt.date(2026, 10, 31)) and stored["preset"] == ""
    assert at.session_state["fx_w_preset"] is None


def test_a_bad_preset_is_a_chinese_warning_not_an_error(app_env_read_only):
    at = run_app({"period": "<b>nope</b>"})
    assert not at.exception
    assert any("period" in w.value and "近28天" in w.value for w in at.warning)
    assert at.session_state["fx_filters"].preset == "28d"


def test_fraud_with_no_case_in_the_period_shows_the_record_and_offers_all_time(app_env_read_only):
    at = run_app({"from": "2026-11-20", "to": "2026-11-21"})  # two days without a case
    at.query_params["community_tab"] = "反诈拦截"  # only the open tab runs
    at.switch_page("pages/community.py").run()
    assert not at.exception, [e.message for e in at.exception]
    labels = {m.label: m.value for m in at.metric}
    assert "期内阻止涉诈" not in labels and labels["累计涉及金额"] != "0.0 万元"
    assert any("没有阻止涉诈记录" in i.value for i in at.info)
    next(b for b in at.button if b.label == "查看累计").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.session_state["_fx_values"]["preset"] == "all"
    assert at.session_state["_fx_values"]["period"] == (FIRST_DATE, APP_AS_OF)


def test_fraud_over_all_time_shows_the_period_figures_and_charts(app_env_read_only):
    at = run_app({"period": "all"})
    at.query_params["community_tab"] = "反诈拦截"  # only the open tab runs
    at.switch_page("pages/community.py").run()
    assert not at.exception, [e.message for e in at.exception]
    labels = {m.label: m.value for m in at.metric}
    assert labels["期内阻止涉诈"] == labels["累计阻止涉诈"] != "0 起"
    assert not any("没有阻止涉诈记录" in i.value for i in at.info)
