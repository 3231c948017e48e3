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


BUNDLE_TABLES = ("热点网格", "热点社区", "按时办结率偏低街镇", "超期未办结")  # the page's tables from the bundle alone


def screen_tables(b: dict) -> dict:
    """{name: (table, textfmt.readable(table))} of the page's tables that come from the week's bundle
    alone (weekly.export_tables' sheets, the hot cells without their centres), for ui.derived: built once
    per bundle and shared. Naming, rounding and writing them as text was ~15 ms of every view of the page
    (a third of a view whose bundle was already computed): under the meeting's load twenty sessions did it
    for the same week. 周对比 here is the one without a saved snapshot (see figures_table)."""
    from fxdash.queries import weekly

    tables = weekly.export_tables({**b, "sentences": [], "snapshot": None})
    tables["热点网格"] = tables["热点网格"].drop(columns=["中心纬度", "中心经度"])
    return {name: (tables[name], textfmt.readable(tables[name])) for name in (*BUNDLE_TABLES, "周对比")}


def cards(b: dict) -> list[dict]:
    """The week's metric cards (briefing.card of each comparison row), for ui.derived: made once per
    bundle and shared instead of on every view (the comparison's rows as dicts and seventeen cards)."""
    from fxdash import briefing

    return [briefing.card(row) for row in b["comparison"].to_dict("records")]


def figures_table(screen: dict, b: dict):
    """周对比 as the page shows it: screen_tables' when no snapshot of the week was saved (its columns
    then come from the bundle alone), else made with the snapshot's columns ("例会时上报")."""
    snapshot = b["snapshot"]
    if snapshot is None or not len(snapshot):
        return screen["周对比"][1]
    from fxdash.queries import weekly

    return textfmt.readable(weekly.comparison_table(b["comparison"], snapshot))


def screen_table(pair: tuple):
    """A table of screen_tables as st.dataframe gets it: textfmt.readable of ui.projected's rows (the
    shared text when every row is shown; cut for the projector, the rows shown are written anew, as
    readable decides per column from the rows it gets)."""
    table, text = pair
    shown = ui.projected(table)
    return text if len(shown) == len(table) else textfmt.readable(shown)
