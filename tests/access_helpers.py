"""Opening the app as a given user, and reading what a page sent to the browser.

Every test that opens "page P as user U" goes through `open_page`, which signs U in through the
login form (the account is created in the test's store first).
"""

import json

from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from fxdash import access
from tests.conftest import ROOT

QINGCUN = "310120111"  # 青村镇
USERS = {
    "admin": access.User("admin", access.ADMIN),
    "district": access.User("district", access.DISTRICT),
    "town": access.User("qingcun", access.TOWN, (QINGCUN,)),
    "viewer": access.User("viewer", access.VIEWER),
}
PAGES = ("overview", "map", "reports", "people", "community", "weekly", "reconcile", "data")


def open_page(page: str, user: access.User | None, params: dict | None = None) -> AppTest:
    """Run the app as `user` with the URL /<page>?<params>, as a browser opening that link and then
    signing in would (user None: not signed in, the login form)."""
    from fxdash import store as ops
    from tests.auth import ensure_account, login_apptest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    if user is not None:  # signed in on the start page (AppTest drops a form click on a linked
        login_apptest(at, user.username, ensure_account(ops.open_store(), user))  # login stand-in)
        # then the link, read afresh and through app.py (AppTest runs a page file alone otherwise)
        for key in ("_fx_values", "_fx_present", "_fx_week", "fx_filters"):
            if key in at.session_state:
                del at.session_state[key]
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at._page_hash = calc_hash(page)  # the page a direct link /<page> opens (st.Page hashes its url_path)
    return at.run()


class Recorder:
    """A sink for access.record: the events announced while it is installed."""

    def __init__(self):
        self.events: list[tuple[str, str | None, dict]] = []

    def __call__(self, action, username, detail):
        self.events.append((action, username, detail))

    def actions(self, action: str) -> list[tuple[str | None, dict]]:
        return [(u, d) for a, u, d in self.events if a == action]


def elements(at: AppTest, kind: str) -> list:
    """Every element of a type (e.g. 'plotly_chart', 'deck_gl_json_chart', 'download_button') in the page."""
    out = []

    def walk(node):
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                if getattr(child, "type", None) == kind:
                    out.append(child)
                walk(child)

    walk(at._tree)
    return out


def plotly_specs(at: AppTest) -> list[str]:
    return [el.proto.spec for el in elements(at, "plotly_chart")]


def deck_layers(at: AppTest) -> list[dict]:
    """The layers of every pydeck map, each with its id and data rows."""
    layers = []
    for el in elements(at, "deck_gl_json_chart"):
        layers += json.loads(el.proto.json).get("layers", [])
    return layers


def download_buttons(at: AppTest) -> list:
    return elements(at, "download_button")
