"""Every page runs headless (AppTest) without an exception, with default and narrowed filters."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.auth import login_apptest
from tests.conftest import ROOT

PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))


def run_app(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return login_apptest(at.run())


def qp(at: AppTest, key: str) -> list:
    """A URL parameter as a list (AppTest gives str or list depending on who set it)."""
    value = at.query_params.get(key)
    return value if isinstance(value, list) else [value]


def test_every_page_file_is_declared_in_the_navigation():
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    assert PAGES, "no pages found"
    for page in PAGES:
        assert f'("{Path(page).stem}", ' in source, f"{page} is not in st.navigation"


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(app_env_read_only, page):
    at = run_app()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]


def test_demo_data_is_marked_as_demo(app_env_read_only):
    """AppTest drops the entry script's elements after switch_page, so the banner is checked on the
    first page here and on every page in the browser test."""
    at = run_app()
    assert any("演示数据" in i.value for i in at.info), "demo-data notice missing"


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_with_narrowed_filters(app_env_read_only, page):
    at = run_app({"from": "2026-10-01", "to": "2026-11-15", "town": "310120111", "occ": "外卖骑手"})
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]


def test_overview_shows_eight_headline_figures_with_changes(app_env_read_only):
    at = run_app()
    labels = [m.label for m in at.metric]
    assert labels[:2] == ["在册新就业群体", "骑手驿站"] and len(labels) == 8
    assert all(m.delta for m in at.metric)


def test_url_filters_reach_the_sidebar_and_are_written_back(app_env_read_only):
    at = run_app({"town": "310120111", "from": "2026-10-01", "to": "2026-10-31"})
    assert at.multiselect(key="fx_w_towns").value == ["310120111"]
    assert qp(at, "town") == ["310120111"]
    assert qp(at, "from") == ["2026-10-01"]


def test_bad_url_values_give_a_chinese_warning_not_an_error(app_env_read_only):
    at = run_app({"town": "bogus", "from": "not-a-date"})
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "bogus" in warnings and "not-a-date" in warnings


def test_filters_survive_a_page_switch(app_env_read_only):
    at = run_app({"occ": "快递员"})
    for page in PAGES:
        at.switch_page(page).run()
        assert qp(at, "occ") == ["快递员"], page
        assert at.session_state["fx_filters"].occupations == ("快递员",), page


def test_first_start_builds_the_demo_database(tmp_path, monkeypatch):
    db_path = tmp_path / "fresh" / "fx.duckdb"
    monkeypatch.setenv("FXDASH_DB", str(db_path))
    monkeypatch.setenv("FXDASH_AS_OF", "2026-03-18")
    monkeypatch.chdir(ROOT)
    at = run_app()
    assert not at.exception, [e.message for e in at.exception]
    assert Path(db_path).exists()
    assert at.metric[1].value == "83 个"
