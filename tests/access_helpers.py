"""Opening the app as a given user, and reading what a page sent to the browser.

Every test that opens "page P as user U" goes through `open_page`, so that signing in is one place
to change when the login gate lands (it will sign in through the form instead of setting the user).
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
    """Run the app as `user` with the URL /<page>?<params>, as a browser opening that link would."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if user is not None:
        at.session_state[access.SESSION_KEY] = user
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


def browser_user_query(role: str) -> str:
    """The URL parameter that signs a browser session in as USERS[role] on the test launcher
    (tests/serve_as_role.py) until the login form lands; then browser tests sign in through it."""
    return f"as_role={role}"
