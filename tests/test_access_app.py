"""Roles in the running app (AppTest): every page for every role, what a town account's browser gets,
masking on screen, and attempts to widen the scope through the URL.

Users are put into the session by tests/access_helpers.open_page (the login gate's job in the product).
"""

import re

import pytest

from fxdash import access, rights
from fxdash.labels import community as LCM
from fxdash.labels import people as LP
from fxdash.labels import rights as R
from fxdash.queries import common
from tests.access_helpers import PAGES, QINGCUN, USERS, Recorder, deck_layers, download_buttons, open_page, plotly_specs

# pages that offer downloads to a role that may download (weekly: once the files are built)
WITH_DOWNLOADS = {"map", "reports", "people", "community", "reconcile", "data"}
BASE_LAYERS = {"town-boundaries", "town-labels", "town-centres", "rivers", "intranet-tiles"}  # no data


@pytest.fixture
def recorder():
    sink = Recorder()
    access.add_sink(sink)
    yield sink
    access.remove_sink(sink)


# pages with lazy tabs (only the open one runs): the URL parameter of the open tab and the labels
TABS = {"people": ("people_tab", LP.PEOPLE_TABS), "community": ("community_tab", LCM.COMMUNITY_TABS)}


def every_tab(at, page: str):
    """The opened page `at`, then the same session with each further tab opened by its link."""
    yield at
    key, labels = TABS.get(page, (None, ()))
    for label in labels[1:]:
        at.query_params[key] = label
        yield at.run()


def refused(at) -> bool:
    return any(R.PAGE_DENIED in e.value for e in at.error)


@pytest.mark.parametrize("role", USERS)
@pytest.mark.parametrize("page", PAGES)
def test_role_page_download_matrix(app_env_read_only, recorder, role, page):
    user = USERS[role]
    at = open_page(page, user)
    assert not at.exception, [e.message for e in at.exception]
    if rights.may_open(user, page):
        assert not refused(at)
        assert at.title, "the page did not render"
        buttons = download_buttons(at)
        if role == "viewer":
            assert not buttons, "a viewer must get no download button"
        elif page in WITH_DOWNLOADS:
            assert buttons, f"{role} should be able to download on {page}"
        assert not recorder.actions("page_denied")
    else:
        assert refused(at)
        assert not at.dataframe and not plotly_specs(at) and not deck_layers(at) and not at.metric
        assert recorder.actions("page_denied") == [(user.username, {"page": page})]


def test_data_page_tabs_follow_the_role(app_env_read_only):
    labels = {role: [t.label for t in open_page("data", USERS[role]).tabs] for role in ("admin", "district", "town")}
    assert labels["admin"] == ["导入数据", "模板与下载", "街镇边界", "导入记录", "撤销导入 / 恢复版本"]
    assert labels["district"] == ["模板与下载", "导入记录"]
    assert labels["town"] == ["模板与下载"]


# --- a town account's browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def other_towns(app_connection):
    cur = app_connection.cursor()
    names = common.town_names(cur)
    others = {name for code, name in names.items() if code != QINGCUN}
    points = set()
    for table in ("stations", "sites", "branches", "merchants", "friendly_scenes", "reports"):
        rows = cur.execute(f"select lat, lon from {table} where town_code <> ? and lat is not null",  # noqa: S608
                           [QINGCUN]).fetchall()
        points |= {(round(lat, 5), round(lon, 5)) for lat, lon in rows}
    cur.close()
    return others, points


def leaks(text: str, others: set) -> set:
    return {name for name in others if name in text}


@pytest.mark.parametrize("page", [p for p in PAGES if p != "data"] + ["data"])
def test_town_account_gets_nothing_of_other_towns(app_env_read_only, other_towns, page):
    names, points = other_towns
    for at in every_tab(open_page(page, USERS["town"]), page):
        assert not at.exception, [e.message for e in at.exception]
        for frame in at.dataframe:
            assert not leaks(frame.value.to_csv(), names), f"{page}: a table names another town"
        for spec in plotly_specs(at):
            assert not leaks(spec, names), f"{page}: a chart names another town"
        selector = [m for m in at.sidebar.multiselect if m.label == "街镇"]
        assert all(selector[0].options == ["青村镇"] for _ in selector)
        for layer in deck_layers(at):
            if layer.get("id") in BASE_LAYERS or not isinstance(layer.get("data"), list):
                continue
            text = str(layer["data"])
            assert not leaks(text, names), f"{page}: map layer {layer['id']} names another town"
            for row in layer["data"]:
                if "lat" in row and "lon" in row:
                    assert (round(row["lat"], 5), round(row["lon"], 5)) not in points, f"{page}: {layer['id']}"


# --- masking on screen ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def worker_names(app_connection):
    cur = app_connection.cursor()
    names = {n for (n,) in cur.execute("select name from workers").fetchall() if len(n) >= 2}
    phones = {p for (p,) in cur.execute("select phone from workers where phone is not null").fetchall()}
    cur.close()
    return names, phones


def cells(at, page: str) -> set:
    """Every table cell the page shows, over all its tabs."""
    out = set()
    for run in every_tab(at, page):
        for frame in run.dataframe:
            for col in frame.value.columns:
                out |= {str(v) for v in frame.value[col].tolist()}
    return out


@pytest.mark.parametrize("page", ["people", "reports", "community"])
def test_names_and_phones_are_masked_for_district_and_clear_for_admin(app_env_read_only, worker_names, page):
    names, phones = worker_names
    shown = cells(open_page(page, USERS["district"]), page)
    assert not shown & names and not shown & phones, f"{page} shows a full name or phone to a district user"
    if page == "people":  # the worker list: the admin sees it as stored (so the check above can fail)
        clear = cells(open_page(page, USERS["admin"]), page)
        assert clear & names and clear & phones
        assert cells(open_page(page, access.User("d2", access.DISTRICT, pii=True)), page) & names


def test_a_viewer_gets_no_personal_columns(app_env_read_only, worker_names):
    names, phones = worker_names
    masked = re.compile(r"^\S{1,2}\*$|^\d{3}\*{4}\d{4}$")
    for page in ("people", "reports", "community"):
        shown = cells(open_page(page, USERS["viewer"]), page)
        assert not shown & names and not shown & phones
        assert not [v for v in shown if masked.match(v)], f"{page}: a viewer sees (masked) personal values"


# --- attempts to widen the scope through the URL ---------------------------------------------------------

NANQIAO, ZHELIN = "310120101", "310120118"


def report_elsewhere(con) -> str:
    return con.execute("select report_id from reports where town_code = ? order by report_id limit 1",
                       [NANQIAO]).fetchone()[0]


ATTEMPTS = [
    ("overview", {"town": NANQIAO}, "scope_denied"),
    ("overview", {"town": f"{QINGCUN},{NANQIAO}"}, "scope_denied"),
    ("people", {"town": [NANQIAO, ZHELIN]}, "scope_denied"),
    ("reports", {"drill": f"town:{NANQIAO}"}, "scope_denied"),
    ("reports", {"drill": f"town:{ZHELIN}", "town": ZHELIN}, "scope_denied"),
    ("weekly", {"week": "2026-W46", "town": NANQIAO}, "scope_denied"),
    ("map", {"town": NANQIAO, "kind": "骑手驿站"}, "scope_denied"),
    ("community", {"town": ZHELIN, "from": "2024-01-01"}, "scope_denied"),
    ("data", {"page": "data", "town": NANQIAO}, "scope_denied"),
    ("data", {}, "page_denied"),  # a viewer's direct link to 数据管理
    ("data", {"town": NANQIAO}, "page_denied"),
    ("reports", {"drill": "REPORT"}, "scope_denied"),  # one report of 南桥镇 (id filled in below)
    ("overview", {"present": "1", "town": NANQIAO}, "scope_denied"),
    ("map", {"town": ",".join(["310120001", "310120002", "310120003", NANQIAO, ZHELIN])}, "scope_denied"),
]


@pytest.mark.parametrize("n", range(len(ATTEMPTS)))
def test_url_attempts_change_nothing_and_are_recorded(app_env_read_only, app_connection, recorder, other_towns, n):
    page, params, action = ATTEMPTS[n]
    user = access.User("viewer_qc", access.VIEWER, (QINGCUN,)) if action == "page_denied" else USERS["town"]
    if params.get("drill") == "REPORT":
        params = {"drill": f"id:{report_elsewhere(app_connection.cursor())}"}
    at = open_page(page, user, params)
    assert not at.exception, [e.message for e in at.exception]
    assert [u for u, _ in recorder.actions(action)] and all(u == user.username for u, _ in recorder.actions(action))
    names, _ = other_towns
    for frame in at.dataframe:
        assert not leaks(frame.value.to_csv(), names)
    for spec in plotly_specs(at):
        assert not leaks(spec, names)
    if action == "scope_denied":
        assert any("无权查看" in w.value for w in at.warning)
        assert str(at.query_params.get("town", "")) in ("", QINGCUN, f"['{QINGCUN}']")
        assert "drill" not in at.query_params or at.query_params["drill"] in ("", None)
    else:
        assert refused(at) and not at.dataframe
