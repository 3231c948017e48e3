"""Lazy tabs (fxdash.ui.lazy_tabs) on 队伍与志愿 and 关爱与平安: only the open tab runs, the open tab is in
the URL and survives the filters' own URL round-trip, a bad tab in a link falls back to the first, and a
widget inside a tab keeps its value while another tab is open."""

import pytest
from streamlit.testing.v1 import AppTest

from fxdash.labels import community as LCM
from fxdash.labels import people as LP
from tests.auth import login_apptest
from tests.conftest import ROOT

PEOPLE = "people_tab"


def open_page(page: str, params: dict | None = None) -> AppTest:
    at = login_apptest(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run())
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.switch_page(f"pages/{page}.py").run()


def click_tab(at: AppTest, key: str, label: str) -> AppTest:
    """What a click on a tab does: the tab state and the URL (?<key>=<label>) change, the page reruns."""
    at.query_params[key] = label
    at.session_state[key] = label
    return at.run()


def metric_labels(at: AppTest) -> set:
    return {m.label for m in at.metric}


def count_line(at: AppTest) -> list[str]:
    """The worker list's 符合条件的期末在册人员：N 人 line."""
    head = LP.PEOPLE_LIST_COUNT.split("{")[0]
    return [m.value for m in at.markdown if head in m.value]


def test_only_the_open_tab_runs_and_a_link_opens_another(app_env_read_only):
    at = open_page("people")
    assert not at.exception, [e.message for e in at.exception]
    assert [t.label for t in at.tabs] == list(LP.PEOPLE_TABS)  # every tab is offered
    assert LP.PEOPLE_ACTIVE in metric_labels(at) and LP.PEOPLE_POINTS_OUTSTANDING not in metric_labels(at)
    assert PEOPLE not in at.query_params  # the first tab needs no parameter
    at = open_page("people", {PEOPLE: LP.PEOPLE_TABS[3]})  # a link to 积分
    assert not at.exception, [e.message for e in at.exception]
    assert LP.PEOPLE_POINTS_OUTSTANDING in metric_labels(at) and LP.PEOPLE_ACTIVE not in metric_labels(at)
    assert at.query_params[PEOPLE] == LP.PEOPLE_TABS[3]


def test_the_open_tab_survives_a_filter_change(app_env_read_only):
    at = open_page("people", {PEOPLE: LP.PEOPLE_TABS[2]})
    assert LP.PEOPLE_ROLE_HOLDINGS in metric_labels(at)
    at.multiselect(key="fx_w_roles").set_value(["爱心接力员"]).run()  # the filters rewrite the URL
    assert not at.exception, [e.message for e in at.exception]
    assert at.query_params[PEOPLE] == LP.PEOPLE_TABS[2] and at.query_params["role"] == "爱心接力员"
    assert LP.PEOPLE_ROLE_HOLDINGS in metric_labels(at) and LP.PEOPLE_ACTIVE not in metric_labels(at)


@pytest.mark.parametrize("value", ["", "不存在的分页", "<script>alert(1)</script>", "x" * 5000, "\x00"])
def test_a_bad_tab_in_a_link_opens_the_first_tab(app_env_read_only, value):
    at = open_page("people", {PEOPLE: value})
    assert not at.exception, [e.message for e in at.exception]
    assert LP.PEOPLE_ACTIVE in metric_labels(at)
    assert at.query_params.get(PEOPLE, "") in ("", LP.PEOPLE_TABS[0])


def test_the_list_filters_are_kept_while_another_tab_is_open(app_env_read_only):
    at = open_page("people", {PEOPLE: LP.PEOPLE_TABS[4]})
    everyone = count_line(at)
    at.multiselect(key="people_party").set_value(["中共党员"]).run()
    at.segmented_control(key="people_active").set_value(LP.PEOPLE_LIST_ACTIVE_OPTIONS[1]).run()
    narrowed = count_line(at)
    assert narrowed and narrowed != everyone
    assert LP.PEOPLE_ACTIVE in metric_labels(click_tab(at, PEOPLE, LP.PEOPLE_TABS[0]))  # the list is not drawn
    assert PEOPLE not in at.query_params
    click_tab(at, PEOPLE, LP.PEOPLE_TABS[4])  # and back
    assert not at.exception, [e.message for e in at.exception]
    assert at.multiselect(key="people_party").value == ["中共党员"]
    assert at.segmented_control(key="people_active").value == LP.PEOPLE_LIST_ACTIVE_OPTIONS[1]
    assert count_line(at) == narrowed


def test_a_link_to_a_community_tab_runs_that_tab_only(app_env_read_only):
    at = open_page("community", {"community_tab": LCM.COMMUNITY_TABS[3]})  # 友好场景, with the map
    assert not at.exception, [e.message for e in at.exception]
    assert len(at.get("deck_gl_json_chart")) == 1
    assert LCM.SCENE_KPI_TOTAL in metric_labels(at) and LCM.CARE_KPI_VISITS not in metric_labels(at)


@pytest.mark.parametrize("value", ["<b>积分</b>", "积分" * 2500, "'; drop table workers;--"])
def test_a_bad_tab_in_a_link_is_named_in_a_chinese_warning(app_env_read_only, value):
    at = open_page("people", {PEOPLE: value})
    assert not at.exception, [e.message for e in at.exception]
    warned = [w.value for w in at.warning if PEOPLE.replace("_", "\\_") in w.value]
    assert len(warned) == 1 and "不是可选值" in warned[0]
    assert "<b>" not in warned[0] and len(warned[0]) < 200  # escaped, and a long value is cut
    empty = open_page("people", {PEOPLE: ""})
    assert not [w for w in empty.warning if PEOPLE.replace("_", "\\_") in w.value]  # an empty one asks nothing
