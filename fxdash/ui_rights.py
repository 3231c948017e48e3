"""The Streamlit side of fxdash.rights: the page list per role, refused pages, the download gate and
the checks of URL values against the user's scope. The rules themselves live in fxdash.rights."""

from functools import partial

import streamlit as st

from fxdash import access, export, rights, ui_data
from fxdash.filters import Filters
from fxdash.labels import rights as R
from fxdash.queries import common, report_drill


def within_scope(params: dict, mine: Filters) -> tuple[dict, dict]:
    """URL parameters without the towns / enterprises that exist but lie outside the user's scope
    (kept in the session to be refused, with a message and a record, once the sidebar is drawn), and
    the values the user may pick, for fxdash.filters.from_params."""
    run = ui_data.run  # cached per data version and scope: every new session asks this
    known = {"towns": tuple(run(common.town_names, mine)), "enterprises": tuple(run(common.enterprise_names, mine))}
    everything = {"towns": set(run(common.town_names)), "enterprises": set(run(common.enterprise_names))}
    params = dict(params)
    for name, key in (("towns", "town"), ("enterprises", "ent")):
        asked = [v.strip() for chunk in params.get(key, []) for v in str(chunk).split(",")]
        outside = [v for v in asked if v in everything[name] and v not in known[name]]
        if outside:
            st.session_state.setdefault("_fx_refused", []).append((key, outside))
            params[key] = [v for v in asked if v not in outside]
    return params, known


def table_downloads(df, notes: list[tuple[str, str]], stem: str, key: str, f: Filters | None = None,
                    rows: int | None = None) -> None:
    """CSV and Excel of a table (ui.downloads, ui.table_downloads), built only when clicked (a long list
    would otherwise be converted on every rerun of the page); nothing for a user who may not download.
    `df` may be a function giving the table (then fetched only when clicked; `rows` says how many)."""
    if not may_download():
        return
    table = df if callable(df) else (lambda: df)
    rows = len(df) if rows is None else rows
    c1, c2 = st.columns(2)
    download_button(c1, "下载 CSV", lambda: export.to_csv_bytes(table(), notes), what=f"{stem}.csv", f=f, rows=rows,
                    file_name=f"{stem}.csv", mime="text/csv", key=f"{key}_csv", width="stretch")
    download_button(c2, "下载 Excel", lambda: export.to_xlsx_bytes({stem: table()}, notes), what=f"{stem}.xlsx", f=f,
                    rows=rows, file_name=f"{stem}.xlsx",
                    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    key=f"{key}_xlsx", width="stretch")


scope_notes = export.scope_notes  # the user's towns, for the notes written into an export


def username() -> str | None:
    return ui_data.username()


def navigation_pages(specs: list[tuple[str, str, str, bool]]) -> list:
    """st.Page objects for (key, title, icon, default): the user's pages, and every other page as a
    hidden page that only says 无权访问 (so a direct link to it is refused instead of opening the
    default page, and no page script, hence no query, runs)."""
    user = ui_data.current_user()
    out = []
    for key, title, icon, default in specs:
        if rights.may_open(user, key):
            out.append(st.Page(f"pages/{key}.py", title=title, icon=icon, default=default))
        else:
            out.append(st.Page(partial(denied, key, title), title=title, icon=icon, url_path=key,
                               visibility="hidden"))
    return out


def may_open_file(path: str) -> bool:
    """Whether the user may open the page in file `path` ("pages/<key>.py")."""
    return rights.may_open(ui_data.current_user(), path.removeprefix("pages/").removesuffix(".py"))


def refused(page) -> bool:
    """Whether the page picked by st.navigation is one the user may not open."""
    return page.url_path in rights.PAGES_BY_ROLE[access.ADMIN] and not rights.may_open(ui_data.current_user(),
                                                                                       page.url_path)


def denied(key: str, title: str) -> None:
    """A page the user's role may not open."""
    access.record("page_denied", username(), page=key)
    st.title(title)
    st.error(R.PAGE_DENIED, icon=":material/block:")


def refuse_towns(codes, via: str) -> None:  # (or enterprises: ?ent=)
    """A URL or a drill-down asked for towns outside the user's scope: say so and record it."""
    codes = [str(c)[:20] for c in codes]
    if codes:
        access.record("scope_denied", username(), via=via, values=codes)
        with ui_data.connection().cursor() as cur:  # names of towns and enterprises are no data
            names = {**common.town_names(cur), **common.enterprise_names(cur)}
        st.warning(R.SCOPE_DENIED.format(value="、".join(names.get(c, c) for c in codes)), icon=":material/block:")


def drill_in_scope(raw: str | None, mine: dict) -> str | None:
    """A ?drill= naming a real town outside the user's scope (town:CODE, or id: of a report made
    there) is refused, recorded and dropped from the URL; any other value is returned as it is for the
    page to check (the query layer would show nothing of it anyway)."""
    if not raw:  # no drill-down (most runs): nothing to look up
        return raw
    with ui_data.connection().cursor() as cur:
        town = report_drill.drill_town(cur, raw)
        known = common.town_names(cur)
    if town in known and town not in mine:
        refuse_towns([town], via=f"url:drill={str(raw)[:40]}")
        del st.query_params["drill"]
        return None
    return raw



def privacy_note() -> str:
    """How personal data is shown to this user (masked, as stored, or not at all)."""
    return R.PRIVACY_NOTES[rights.mask_mode(ui_data.current_user())]


def may_download() -> bool:
    return rights.may_download(ui_data.current_user())


def download_button(container, label: str, build, *, what: str, f: Filters | None, rows: int, **kwargs) -> None:
    """st.download_button behind the download gate; `build()` makes the file when clicked and the
    export is recorded then (what, filters, rows, masked or not)."""
    user = ui_data.current_user()
    if not rights.may_download(user):
        return
    masked = rights.mask_mode(user) != "clear"

    def data():
        rights.announce_export(user, what, f, rows, masked)
        return build()

    container.download_button(label, data, **kwargs)
