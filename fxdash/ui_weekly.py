"""The weekly page's Streamlit glue: the week picker (kept in the URL), the saved snapshot of a week
and saving one (the operational store; admins and district users only, announced to the audit log)."""

import datetime as dt

import streamlit as st

from fxdash import access, rights, textfmt, ui
from fxdash.filters import Filters
from fxdash.labels import rights as LR
from fxdash.labels import weekly as LW


def week_picker(container=None, count: int = 26):
    """A selectbox of the last `count` complete weeks, kept in the URL as ?week=2026-W47."""
    from fxdash import weeks

    latest = weeks.last_complete_week(ui.settings().as_of)
    options = [latest] + weeks.previous_weeks(latest, count - 1)
    if "_fx_week" not in st.session_state:
        raw = st.query_params.get("week")
        chosen = latest
        if raw:
            try:
                chosen = weeks.parse(raw)
                if chosen not in options:
                    raise ValueError(raw)
            except ValueError:
                st.warning(ui.plain(LW.WEEKLY_BAD_WEEK.format(value=str(raw)[:20])))
                chosen = latest
        st.session_state["_fx_week"] = chosen
    ui.seed("fx_w_week", st.session_state["_fx_week"])
    target = container if container is not None else st
    picked = target.selectbox(LW.WEEKLY_PICK, options, key="fx_w_week", format_func=weeks.span_text)
    st.session_state["_fx_week"] = picked
    st.query_params["week"] = weeks.label(picked)
    return picked


def week_snapshot(f: Filters, monday):
    """The latest saved figures of the week and view (operational store; not cached: small, and a
    save must show at once)."""
    from fxdash.queries import weekly

    return weekly.latest_snapshot(ui.ops_store(), rights.scoped(f, ui.current_user()), monday)


def save_week_snapshot(f: Filters, monday, who: str) -> None:
    """Store the week's figures in the operational store and announce it to the audit log."""
    from fxdash import weeks
    from fxdash.queries import weekly

    who = (who or "").strip()
    if not rights.may_save_snapshot(user := ui.current_user()):
        return st.warning(LR.SNAPSHOT_DENIED)
    if not who:
        st.warning(LW.WEEKLY_SNAPSHOT_WHO_MISSING)
        return
    with ui.connection().cursor() as cur:
        n = weekly.save_snapshot(cur, ui.ops_store(), rights.scoped(f, user), monday, who,
                                deadlines=ui.settings().deadlines)
    access.record("snapshot", ui.username(), week=weeks.label(monday), filters=weekly.filters_key(f),
                  saved_by=who, metrics=n)
    st.success(LW.WEEKLY_SNAPSHOT_DONE.format(n=n, when=textfmt.day_time(dt.datetime.now()), who=who))
