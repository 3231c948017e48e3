"""What each role may see and do, in one place, and the one way a query runs for a user.

- pages: which pages a role gets (the page list in app.py is built from this, and a direct link to
  any other page is refused);
- scope: the towns a user may see, intersected into every Filters on the server (`scoped`);
- personal data: as stored (admin, or `pii`), masked, or no personal columns at all (viewer);
- downloads and writes: viewers download nothing; only admins import or replace boundaries.

`call` is how the app, the exports and the command line run a query function for a user: scope in,
masking out. No streamlit here, so the command line and the tests use the very same rules.
A user of None is the app before the login gate lands (see the report on issue 16): it keeps the
app's earlier behaviour (all towns, masked, no writes other than what was there).
"""

from dataclasses import replace
from datetime import date

from fxdash import access, privacy
from fxdash.access import ADMIN, DISTRICT, TOWN, VIEWER, User
from fxdash.filters import Filters

# page keys are the page files' stems (pages/<key>.py)
ANALYSIS_PAGES = ("overview", "map", "reports", "people", "community", "weekly")
PAGES_BY_ROLE = {  # 数据核对 (reconcile) compares district-wide figures: admins and district users
    ADMIN: (*ANALYSIS_PAGES, "reconcile", "data"),
    DISTRICT: (*ANALYSIS_PAGES, "reconcile", "data"),
    TOWN: (*ANALYSIS_PAGES, "data"),
    VIEWER: ANALYSIS_PAGES,
}
# the data page's tabs by role: importing and boundaries change the district's data (admin only);
# the import log is the district's; templates and (masked, scoped) table downloads help every editor
DATA_TABS_BY_ROLE = {
    ADMIN: ("import", "files", "boundaries", "log", "undo"),
    DISTRICT: ("files", "log"),
    TOWN: ("files",),
    VIEWER: (),
}
ALL_DATA_TABS = DATA_TABS_BY_ROLE[ADMIN]

NOWHERE = ("",)  # the scope of a town account with no town: matches no row


def pages(user: User | None) -> tuple[str, ...]:
    return PAGES_BY_ROLE[user.role] if user else PAGES_BY_ROLE[ADMIN]


def may_open(user: User | None, page: str) -> bool:
    return page in pages(user)


def data_tabs(user: User | None) -> tuple[str, ...]:
    return DATA_TABS_BY_ROLE[user.role] if user else ALL_DATA_TABS


def may_download(user: User | None) -> bool:
    return user is None or user.role != VIEWER


def may_edit_references(user: User | None) -> bool:
    """Add, edit and retire the published reference figures of 数据核对."""
    return user is None or user.role == ADMIN


def may_save_snapshot(user: User | None) -> bool:
    return user is None or user.role in (ADMIN, DISTRICT)


def scope(user: User | None) -> tuple[str, ...]:
    """Town codes the user is limited to; () = every town."""
    if user is None or user.role in (ADMIN, DISTRICT):
        return ()
    if user.role == TOWN and not user.towns:
        return NOWHERE
    return tuple(user.towns)


def mask_mode(user: User | None) -> str:
    if user is None:
        return privacy.MASK
    if user.role == VIEWER:
        return privacy.DROP
    if user.role == ADMIN or user.pii:
        return privacy.CLEAR
    return privacy.MASK


def allowed_towns(user: User | None, towns) -> list:
    """The subset of `towns` (codes) the user may see, in the given order."""
    limit = scope(user)
    return [t for t in towns if not limit or t in limit]


def scoped(f: Filters, user: User | None) -> Filters:
    """`f` limited to the user's towns. The scope is never read from a URL or a widget; it is set here
    from the user, and `Filters.where` applies it to the town column of every query."""
    limit = scope(user)
    if not limit:
        return f
    if f.scope:  # already scoped (e.g. by the sidebar): only ever narrower
        limit = tuple(t for t in f.scope if t in limit) or NOWHERE
    return replace(f, scope=limit)


def call(fn, con, f: Filters | None, user: User | None, **kwargs):
    """Run a query function for a user: scope intersected in, personal columns protected."""
    result = fn(con, **kwargs) if f is None else fn(con, scoped(f, user), **kwargs)
    return privacy.protect(result, privacy.declared(fn), mask_mode(user))


def table(con, name: str, user: User | None):
    """A whole table (data page, `python -m fxdash export`) as the user may have it: rows of their
    towns only, personal columns protected."""
    from fxdash.queries import data

    f = Filters(date_from=date.min, date_to=date.max, scope=scope(user))
    return privacy.protect_table(data.table_rows(con, name, f), name, mask_mode(user))


def announce_export(user: User | None, what: str, f: Filters | None, rows: int, masked: bool) -> None:
    access.record("export", user.username if user else None, what=what,
                  filters=f.to_params() if f is not None else {}, scope=list(f.scope) if f else [],
                  rows=int(rows), masked=masked)
