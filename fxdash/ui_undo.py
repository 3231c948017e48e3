"""数据管理 → 撤销导入: pick a kept data version, see what restoring it removes, confirm, restore."""

import pandas as pd
import streamlit as st

from fxdash import textfmt, ui, versions, writes
from fxdash.labels import versions as LV


def _versions_frame(kept: list[versions.Record], now: int | None) -> pd.DataFrame:
    rows = [{"id": r.id, "created": textfmt.day_time(r.created), "action": r.label, "user": r.user or "—",
             "description": r.description, "current": "✓" if r.id == now else ""} for r in reversed(kept)]
    return pd.DataFrame(rows, columns=list(LV.VERSION_COLUMNS)).rename(columns=LV.VERSION_COLUMNS)


def render() -> None:
    settings = ui.settings()
    path = settings.db
    done = st.session_state.pop("undo_done", None)
    if done:  # shown after the rerun that makes every part of the page (banner, counts) read the new data
        st.success(done, icon=":material/check_circle:")
    kept = versions.records(path)
    now = versions.current(path)
    if len(kept) < 2:
        st.info(LV.UNDO_NONE)
        return
    st.caption(LV.UNDO_CAPTION.format(keep=settings.keep_versions))
    st.dataframe(_versions_frame(kept, now), hide_index=True, width="stretch")
    by_id = {r.id: r for r in kept}
    choice = st.selectbox(LV.UNDO_PICK, [r.id for r in reversed(kept)], key="undo_version",
                          format_func=lambda i: f"{i} · {by_id[i].label} · {by_id[i].description}")
    mode = st.radio(LV.UNDO_MODE, tuple(LV.UNDO_MODES), format_func=LV.UNDO_MODES.get, key="undo_mode")
    target = versions.before(path, choice) if mode == "before" else choice
    if target is None or target not in by_id:
        st.warning(LV.UNDO_NO_TARGET)
        return
    if target == now:
        st.info(LV.UNDO_SAME)
        return
    st.markdown(LV.UNDO_PREVIEW.format(target=target))
    rows = versions.diff_rows(path, target)
    if rows:
        st.dataframe(pd.DataFrame(rows, columns=list(LV.DIFF_COLUMNS.values())), hide_index=True)
    else:
        st.caption(LV.ROLLBACK_NO_DIFF.strip())
    confirmed = st.checkbox(LV.UNDO_CONFIRM, key=f"undo_confirm_{target}_{now}")
    if st.button(LV.UNDO_GO, type="primary", disabled=not confirmed, icon=":material/undo:", key="undo_go"):
        user = ui.current_user()
        record = ui.publish(writes.rollback, target, now, user=user.username if user else None,
                            command="page-rollback")
        if record is not None:
            st.session_state["undo_done"] = LV.UNDO_DONE.format(target=target, id=record.id)
            st.rerun()
