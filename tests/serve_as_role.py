"""Test-only launcher: `python tests/serve_as_role.py <streamlit run options>` serves app.py with the
user taken from `?as_role=<role>` on a session's first request, standing in for the login gate in
browser tests (tests/access_helpers.py). Never used by the product: app.py has no such parameter.
"""

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fxdash import access, ui  # noqa: E402
from tests.access_helpers import USERS  # noqa: E402

_signed_in = ui.current_user


def current_user():
    if access.SESSION_KEY not in st.session_state and st.query_params.get("as_role") in USERS:
        st.session_state[access.SESSION_KEY] = USERS[st.query_params["as_role"]]
    return _signed_in()


ui.current_user = current_user

if __name__ == "__main__":
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *sys.argv[1:]]
    sys.exit(cli.main())
