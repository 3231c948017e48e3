"""Who is using the app: the signed-in user, the four roles, and the event hook the audit log listens on.

This module is the contract between the accounts side (fxdash.store / the login gate, which create a
User and keep it in the session) and the access side (scope, masking, page and download rights, which
read it). It imports nothing from the app so that every layer, the command line included, can use it.
"""

from collections.abc import Callable
from dataclasses import dataclass

ADMIN, DISTRICT, TOWN, VIEWER = "admin", "district", "town", "viewer"
ROLES = (ADMIN, DISTRICT, TOWN, VIEWER)

SESSION_KEY = "fx_user"  # st.session_state[SESSION_KEY] holds the signed-in User (set by the login gate)


@dataclass(frozen=True)
class User:
    username: str
    role: str
    towns: tuple[str, ...] = ()  # town codes the user may see; empty = every town
    pii: bool = False  # may see personal data unmasked (admins always may)

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}")


# --- events ----------------------------------------------------------------------------------------
# Anything worth an audit row (page denied, export, import, rollback, login...) is announced here; the
# audit log registers itself as a sink when the app or the command line opens the operational store.
# Keeping the hook here means the query and page code never imports the store.

Sink = Callable[[str, str | None, dict], None]
_SINKS: list[Sink] = []


def add_sink(sink: Sink) -> None:
    if sink not in _SINKS:
        _SINKS.append(sink)


def remove_sink(sink: Sink) -> None:
    if sink in _SINKS:
        _SINKS.remove(sink)


def record(action: str, username: str | None, **detail) -> None:
    """Announce an event (e.g. 'export', 'page_denied') by a user with JSON-able details."""
    for sink in list(_SINKS):
        sink(action, username, detail)
