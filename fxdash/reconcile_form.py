"""The Streamlit side of 数据核对: the admin's form to add, edit and retire published figures."""

import pandas as pd
import streamlit as st

from fxdash import access, reconcile, ui
from fxdash.labels import reconcile as R
from fxdash.store import references
from fxdash.ui_cache import SharedCache
from fxdash.ui_data import handed_out

_FIGURES = SharedCache(16)  # per store and its references' change stamp

FORM_FIELDS = ("figure_key", "value", "ref_date", "rule", "tolerance", "source_title", "source_link",
               "source_file", "note")


def figures() -> pd.DataFrame:
    """The active published figures, read again only when they changed (every overview run read them all,
    ~7 ms): keyed by the store's change stamp, so a saved edit, by this process or another, shows at once."""
    store = ui.ops_store()
    return handed_out(_FIGURES.get((store.url, references.stamp(store)), lambda: references.current(store)))


def history() -> pd.DataFrame:
    return reconcile.history_table(references.history(ui.ops_store()))


def _who(container) -> str | None:
    """The signed-in user; before sign-in exists, the name typed into the form (the history needs one)."""
    user = ui.current_user()
    if user is not None:
        return user.username
    return container.text_input(R.FIELD_WHO, max_chars=40, key="fx_rc_who", help=R.WHO_HELP).strip() or None


def _fields(form, start: dict) -> dict:
    keys = list(R.FIGURES)
    c1, c2, c3 = form.columns(3)
    key = c1.selectbox(R.FIELD_KEY, keys, index=keys.index(start["figure_key"]) if start["figure_key"] in keys else 0,
                       format_func=lambda k: R.FIGURES[k][0])
    value = c2.number_input(R.FIELD_VALUE, min_value=0.0, value=float(start["value"]), step=1.0, format="%.2f")
    day = c3.date_input(R.FIELD_DATE, value=start["ref_date"], format="YYYY-MM-DD")
    c4, c5 = form.columns(2)
    rules = list(R.RULES)
    rule = c4.selectbox(R.FIELD_RULE, rules, index=rules.index(start["rule"]), format_func=R.RULES.get,
                        help=R.RULE_HELP)
    tol = c5.number_input(R.FIELD_TOL, min_value=0.0, value=float(start["tolerance"] or 0), step=1.0)
    title = form.text_input(R.FIELD_TITLE, value=start["source_title"] or "", max_chars=300)
    c6, c7 = form.columns(2)
    link = c6.text_input(R.FIELD_LINK, value=start["source_link"] or "", max_chars=1000)
    file = c7.text_input(R.FIELD_FILE, value=start["source_file"] or "", max_chars=300)
    note = form.text_area(R.FIELD_NOTE, value=start["note"] or "", max_chars=2000, height=80)
    return {"figure_key": key, "value": value, "ref_date": day, "rule": rule, "tolerance": tol or None,
            "source_title": title, "source_link": link, "source_file": file, "note": note}


def _blank() -> dict:
    return {"figure_key": next(iter(R.FIGURES)), "value": 0.0, "ref_date": ui.settings().as_of, "rule": "exact",
            "tolerance": None, "source_title": "", "source_link": None, "source_file": None, "note": None}


def reference_form(refs: pd.DataFrame, cmp: pd.DataFrame) -> None:
    """Add a figure, or pick one and edit or retire it; each save is one history row and one audit event."""
    action = st.radio(R.ACTION, (R.ACTION_ADD, R.ACTION_EDIT, R.ACTION_RETIRE), horizontal=True, key="fx_rc_action",
                      label_visibility="collapsed")
    picked = None
    if action != R.ACTION_ADD:
        if refs.empty:
            st.caption(R.NONE_YET)
            return
        names = dict(zip(cmp["figure_id"], cmp["figure"] + "（" + cmp["ref_date_text"] + "）", strict=True))
        picked = st.selectbox(R.PICK, list(names), format_func=names.get, key="fx_rc_pick")
    with st.form(f"fx_rc_form_{action}_{picked}", clear_on_submit=action == R.ACTION_ADD):
        who = _who(st)
        if action == R.ACTION_RETIRE:
            label = cmp.set_index("figure_id").loc[picked, "figure"]
            if st.form_submit_button(R.RETIRE, type="primary"):
                _retire(picked, label, who)
            return
        start = _blank() if picked is None else {k: (None if not isinstance(v, str) and pd.isna(v) else v)
                                                  for k, v in refs.set_index("figure_id").loc[picked].items()}
        values = _fields(st, start)
        if st.form_submit_button(R.SAVE, type="primary"):
            _save(picked, values, who)


def _save(figure_id: str | None, values: dict, who: str | None) -> None:
    clean, errors = reconcile.check_figure(values)
    if not who:
        errors.append(R.ERR_WHO)
    if errors:
        st.error("\n\n".join(errors))
        return
    store = ui.ops_store()
    if figure_id is None:
        figure_id = references.add(store, clean, who)
        access.record("reference_add", ui.username(), figure_id=figure_id, figure=clean["figure_key"],
                      value=clean["value"], rule=clean["rule"], by=who)
    else:
        references.edit(store, figure_id, clean, who)
        access.record("reference_edit", ui.username(), figure_id=figure_id, figure=clean["figure_key"],
                      value=clean["value"], rule=clean["rule"], by=who)
    st.session_state["fx_rc_done"] = R.SAVED.format(figure=R.FIGURES[clean["figure_key"]][0])
    st.rerun()


def _retire(figure_id: str, label: str, who: str | None) -> None:
    if not who:
        st.error(R.ERR_WHO)
        return
    references.retire(ui.ops_store(), figure_id, who)
    access.record("reference_retire", ui.username(), figure_id=figure_id, by=who)
    st.session_state["fx_rc_done"] = R.RETIRED.format(figure=label)
    st.rerun()


def flash() -> None:
    """The message of the last save, shown once after the rerun."""
    done = st.session_state.pop("fx_rc_done", None)
    if done:
        st.success(done)
