"""The shared filters on screen: the sidebar's global filters, a page's own filters, both kept in the
session (widget state does not survive a page switch) and round-tripped through the URL."""

from dataclasses import replace

import streamlit as st

from fxdash import login, ui_chrome, ui_data, ui_rights
from fxdash.filters import (
    LIST_FIELDS,
    PERIOD_KEY,
    PRESETS,
    VOCABULARIES,
    Filters,
    date_range,
    default_filters,
    from_params,
    preset_period,
)
from fxdash.labels import filters as LF
from fxdash.labels import metrics as M
from fxdash.labels import vocab as V
from fxdash.queries import common
from fxdash.ui_data import connection, settings, user_scope
from fxdash.ui_widgets import plain

GLOBAL_FIELDS = ("towns", "occupations", "enterprises")
_STORE = "_fx_values"  # filter values that survive page switches (widget state does not)
_VIEW = "_fx_view"  # (filters, period text or None) of what this run's page shows, for the scope line
PAGE_FILTER_LABELS = {"categories": LF.FILTER_CATEGORIES, "statuses": LF.FILTER_STATUSES, "roles": LF.FILTER_ROLES,
                      "station_kinds": LF.FILTER_STATION_KINDS, "host_types": LF.FILTER_HOST_TYPES,
                      "amenities": LF.FILTER_AMENITIES}


def _query_params() -> dict:
    return {k: st.query_params.get_all(k) for k in st.query_params.keys()}


def _store() -> dict:
    """Filter values for this session, first read from the URL (a shared link reopens its view)."""
    if _STORE not in st.session_state:
        params, known = ui_rights.within_scope(_query_params(), user_scope())
        f, errors = from_params(params, settings().as_of, known)
        st.session_state[_STORE] = {"period": (f.date_from, f.date_to), "preset": f.preset,
                                    **{name: list(getattr(f, name)) for name in LIST_FIELDS}}
        st.session_state["_fx_errors"] = errors
    return st.session_state[_STORE]


def seed(key: str, value) -> None:
    """Give a widget its stored value when it (re)appears; its own state is dropped off-page."""
    if key not in st.session_state:
        st.session_state[key] = value


def _sync_url() -> None:
    values = _store()
    f = Filters(date_from=values["period"][0], date_to=values["period"][1], preset=values["preset"],
                **{name: tuple(values[name]) for name in LIST_FIELDS})
    wanted = f.to_params()
    for key in ["from", "to", PERIOD_KEY, *LIST_FIELDS.values()]:
        if key in wanted:
            if st.query_params.get(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


def _reset() -> None:
    d = default_filters(settings().as_of)
    st.session_state[_STORE] = {"period": (d.date_from, d.date_to), "preset": d.preset,
                                **{name: [] for name in LIST_FIELDS}}
    for key in list(st.session_state.keys()):
        if str(key).startswith("fx_w_"):
            del st.session_state[key]


def stored_filters() -> Filters:
    """The filters of this session without drawing any widget (pages whose sidebar shows no filters)."""
    values = _store()
    return Filters(date_from=values["period"][0], date_to=values["period"][1], preset=values["preset"],
                   **{name: tuple(values[name]) for name in GLOBAL_FIELDS}, scope=user_scope().scope)


def use_preset(key: str) -> None:
    """Switch to a period preset (a widget callback: the sidebar shows it on the rerun that follows)."""
    values = _store()
    values["period"], values["preset"] = preset_period(key, settings().as_of), key
    st.session_state["fx_w_preset"] = key
    st.session_state.pop("fx_w_period", None)  # the date widget reseeds from the store


def _picked_preset() -> None:
    key = st.session_state.get("fx_w_preset")
    if key:
        use_preset(key)
    else:  # the chosen one clicked again: keep its dates as an explicit range
        _store()["preset"] = ""


def _picked_dates() -> None:
    picked = st.session_state.get("fx_w_period")
    if isinstance(picked, (tuple, list)) and len(picked) == 2:  # one date = selection in progress
        values = _store()
        values["period"], values["preset"] = (picked[0], picked[1]), ""
        st.session_state["fx_w_preset"] = None


def _period_widgets(values: dict) -> None:
    """The presets (本周 … 累计) above the date range; picking either updates the other."""
    seed("fx_w_preset", values["preset"] or None)
    st.segmented_control(M.PRESET_LABEL, PRESETS, format_func=M.PRESETS.get, key="fx_w_preset",
                         on_change=_picked_preset, help=M.PRESET_HELP)
    seed("fx_w_period", values["period"])
    low, high = date_range(settings().as_of)
    st.date_input(LF.FILTER_DATE, key="fx_w_period", help=LF.FILTER_DATE_HINT, min_value=low, max_value=high,
                  format="YYYY-MM-DD", on_change=_picked_dates)


def _url_messages() -> None:
    """What the URL asked that could not be done: bad values, towns outside the user's scope (refused
    and recorded, see ui_rights.within_scope)."""
    for message in st.session_state.pop("_fx_errors", []):
        st.warning(plain(message))
    for key, refused in st.session_state.pop("_fx_refused", []):
        ui_rights.refuse_towns(refused, via=f"url:{key}")


def filters_without_widgets() -> Filters:
    """For a page where the data filters do nothing (admin pages): the session's filters, no widgets;
    a URL asking for towns outside the user's scope is still refused, in the sidebar."""
    f = stored_filters()
    with st.sidebar:
        _url_messages()
    _sync_url()  # the refused towns leave the URL as well
    return f


def sidebar_filters() -> Filters:
    """Render the global filters in the sidebar; return them (the page-level ones left empty)."""
    values = _store()
    mine = user_scope()
    # the selectors list only the towns (enterprises) in scope; cached per data version and scope
    town_names, ent = ui_data.run(common.town_names, mine), ui_data.run(common.enterprises, mine)
    ent_names = dict(zip(ent["enterprise_id"], ent["name"]))
    with st.sidebar:
        st.subheader(LF.FILTERS_HEADER)
        _url_messages()
        _period_widgets(values)
        specs = (
            ("towns", LF.FILTER_TOWNS, sorted(town_names), town_names.get),
            ("occupations", LF.FILTER_OCCUPATIONS, list(V.OCCUPATIONS), str),
            ("enterprises", LF.FILTER_ENTERPRISES, list(ent_names), ent_names.get),
        )
        for name, label, options, fmt in specs:
            key = f"fx_w_{name}"
            seed(key, [v for v in values[name] if v in options])
            values[name] = st.multiselect(label, options, key=key, format_func=fmt, placeholder=LF.FILTER_ALL)
        st.button(LF.FILTER_RESET, on_click=_reset, width="stretch")
    _sync_url()
    return stored_filters()


def page_filters(f: Filters, names: tuple[str, ...], container=None) -> Filters:
    """Page-level filters (report category, status, station kind…): rendered where the page asks,
    stored with the global ones so they survive page switches and appear in the URL."""
    values = _store()
    target = container if container is not None else st.sidebar
    chosen = {}
    with target:
        for name in names:
            key = f"fx_w_{name}"
            options = list(VOCABULARIES[name])
            seed(key, [v for v in values[name] if v in options])
            values[name] = st.multiselect(PAGE_FILTER_LABELS[name], options, key=key, placeholder=LF.FILTER_ALL)
            chosen[name] = tuple(values[name])
    _sync_url()
    narrowed = replace(f, **chosen)
    record_view(narrowed)
    return narrowed


def record_view(f: Filters, period: str | None = None) -> None:
    """What the page shows (its own filters included; `period` when it is not the filters' dates, e.g.
    one week), for the scope line projector mode writes above it."""
    st.session_state[_VIEW] = (f, period)


def forget_view() -> None:
    st.session_state.pop(_VIEW, None)


def show_view_scope(slot) -> None:
    """Fill the projector's scope slot with the view the page recorded (nothing on a page without
    filters, such as the admin pages)."""
    view = st.session_state.pop(_VIEW, None)
    if slot is None or view is None:
        return
    with connection().cursor() as cur:
        towns, enterprises = common.town_names(cur), common.enterprise_names(cur)
    ui_chrome.show_scope(slot, ui_chrome.scope_items(view[0], towns, enterprises, view[1]))


def current_filters() -> Filters:
    """The filters app.py built for this run."""
    login.ensure_frame()
    f = st.session_state["fx_filters"]
    record_view(f)
    return f
