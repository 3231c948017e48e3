"""Every input on every page (issue 12): URL values never raise (fuzzed per parameter and per page),
out-of-range dates are clamped with a Chinese warning, user text is never markdown, and the upload
limits of Streamlit and the importer agree."""

import datetime as dt
import itertools
import tomllib

import pytest
from streamlit.testing.v1 import AppTest

from fxdash import filters, weeks
from fxdash.ingest import MAX_BYTES, MB
from fxdash.labels import ingest as X
from fxdash.queries import report_drill
from tests.auth import login_apptest
from tests.conftest import APP_AS_OF, ROOT
from tests.test_app import PAGES

NASTY = ["", " ", "2020-01-01", "0001-01-01", "9999-12-31", "9999-12-27", "week:9999-12-27", "week:0001-01-01",
         "-1", "1e309", "NaN", "../../etc/passwd", "<script>alert(1)</script>", "![x](http://127.0.0.1:9/x.png)",
         "'; drop table workers; --", "\x00", "%00", "x" * 5000, "town:", "cell:99999999999999999999_1",
         "slot:8-25", "id:", "2026-W99", "9999-W52", "９９９９-１２-２７", "\u202e", ",,,,", "[1,2]", "drill:week:",
         "2026-11-01,2026-11-02"]
KEYS = ["from", "to", *filters.LIST_FIELDS.values(), "week", "drill", "present"]


@pytest.mark.parametrize("value", NASTY)
def test_every_filter_parameter_takes_any_value_without_raising(value):
    for key in KEYS:
        f, errors = filters.from_params({key: [value]}, APP_AS_OF, {"towns": ("310120111",), "enterprises": ("E001",)})
        low, high = filters.date_range(APP_AS_OF)
        assert low <= f.date_from <= f.date_to <= high
        assert all(isinstance(e, str) for e in errors)


@pytest.mark.parametrize("value", NASTY)
def test_drill_and_week_values_never_raise(value):
    drill, message = report_drill.parse_drill(value, ("310120111",))
    if drill is not None:
        report_drill.drill_where(drill)
        report_drill.describe(drill, {"310120111": "青村镇"})
    else:
        assert message is None or isinstance(message, str)
    try:
        weeks.parse(value)
    except ValueError as exc:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(exc))


def test_a_week_drill_at_the_end_of_the_calendar_is_refused_not_an_overflow():
    drill, message = report_drill.parse_drill("week:9999-12-27")
    assert drill is None and "9999-12-27" in message


@pytest.mark.parametrize(("params", "expected"), [
    ({"from": ["2020-01-01"]}, (filters.FIRST_DATE, APP_AS_OF)),
    ({"to": ["2099-01-01"]}, (APP_AS_OF - dt.timedelta(days=27), APP_AS_OF + dt.timedelta(days=366))),
    ({"from": ["0001-01-01"], "to": ["9999-12-31"]}, (filters.FIRST_DATE, APP_AS_OF + dt.timedelta(days=366))),
])
def test_out_of_range_url_dates_are_clamped_with_a_chinese_warning(params, expected):
    f, errors = filters.from_params(params, APP_AS_OF)
    assert (f.date_from, f.date_to) == expected
    assert errors and all("超出可选范围" in e for e in errors)


def test_the_upload_limits_agree():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    streamlit_bytes = config["server"]["maxUploadSize"] * 1024 * 1024  # Streamlit counts MiB
    assert MAX_BYTES == 50 * MB == 50_000_000
    assert streamlit_bytes > MAX_BYTES  # a file just over the limit reaches the page: a Chinese message
    assert "MB" in X.FILE_LIMIT and "MiB" not in X.FILE_LIMIT


def test_plain_text_cannot_become_a_link_an_image_or_html():
    from fxdash.ui import plain

    text = plain("![x](http://127.0.0.1:9/x.png) [点我](http://evil) <img src=x> www.evil.com a@b.cn **粗**")
    for raw in ("![", "](", "www.e", "**", "a@b"):
        assert raw not in text
    assert "\\<img" in text and text.count("<") == text.count("\\<")


def _page_run(page: str, params: dict) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    login_apptest(at.run())  # as demo-admin: every page, the admin ones included, may be opened
    at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_survives_nasty_url_values(app_env_read_only, page):
    """Each run gives every parameter a different nasty value; over the pages every value meets every key."""
    offset = PAGES.index(page) * 3
    for run in range(3):
        cycle = itertools.islice(itertools.cycle(NASTY), offset + run, None)
        params = {key: value for key, value in zip(KEYS, cycle)}
        at = _page_run(page, params)
        assert not at.exception, (params, [e.message for e in at.exception])


def test_imported_suggestion_titles_are_shown_as_text(app_env):
    import duckdb

    con = duckdb.connect(str(app_env))
    con.execute("update suggestions set title = '![x](http://127.0.0.1:9/x.png) [点我](http://evil)', "
                "adopted = true, closed_on = submitted_on where suggestion_id = "
                "(select suggestion_id from suggestions order by submitted_on desc limit 1)")
    con.execute("update meta set value = value || 'x' where key = 'data_version'")
    con.close()
    at = _page_run("pages/community.py", {"from": "2026-01-01", "to": "2026-11-27", "community_tab": "人民建议"})
    assert not at.exception
    bodies = [m.value for m in [*at.success, *at.markdown]]
    assert any("\\!\\[x\\]" in b for b in bodies), bodies[:5]
    assert not any("![x](" in b or "[点我](" in b for b in bodies)


def test_the_urls_from_the_issue_give_warnings_not_tracebacks(app_env_read_only):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["from"] = "2020-01-01"
    login_apptest(at.run())  # the first page of the session after signing in: the sidebar warns once
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "2020-01-01" in warnings and "超出可选范围" in warnings
    at = _page_run("pages/reports.py", {"from": "2020-01-01", "drill": "week:9999-12-27"})
    assert not at.exception, [e.message for e in at.exception]
    assert "9999-12-27" in " ".join(w.value for w in at.warning)
