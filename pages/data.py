"""数据管理: import the department's Excel/CSV files, download templates and tables, boundaries, log."""

import pandas as pd
import streamlit as st

from fxdash import export, ingest, rights, tables, textfmt, ui, ui_rights, ui_undo, writes
from fxdash.ingest import boundaries, problems, template
from fxdash.labels import data as LD
from fxdash.labels import ingest as X
from fxdash.labels import pages as PG
from fxdash.labels import rights as LR
from fxdash.labels import versions as LV
from fxdash.queries import common, data

ui.ensure_frame()

st.title(PG.PAGE_DATA)
st.caption(LD.DATA_CAPTION)

# the tabs the user's role has (fxdash.rights): importing and boundaries are the admin's
user = ui.current_user()
TABS = {"import": LD.DATA_TAB_IMPORT, "files": LD.DATA_TAB_TEMPLATES, "boundaries": LD.DATA_TAB_BOUNDARIES,
        "log": LD.DATA_TAB_LOG, "undo": LV.UNDO_HEADER}
mine = rights.data_tabs(user)
if not mine:
    st.info(LR.DATA_NO_TABS)
    st.stop()
tabs = dict(zip(mine, st.tabs([TABS[k] for k in mine])))


def _run_import(upload, table: str, crs: str, dry_run: bool, sheet: str | None,
                skip_hidden: bool) -> ingest.ImportResult | None:
    """Check (no writer lock needed) or import as a new data version; None when the write could not start."""
    bar = st.progress(0.0, text=LD.DATA_PROGRESS)
    result = ui.publish(writes.import_file, upload.getvalue(), upload.name, table, crs, dry_run=dry_run,
                        imports_dir=ui.settings().imports_dir, username=ui.username(), store=ui.ops_store(),
                        command=f"page-import {upload.name}", sheet=sheet, skip_hidden=skip_hidden,
                        progress=lambda frac, text: bar.progress(frac, text=text))
    bar.empty()
    st.session_state["data_result_files"] = {}  # the problem files of this result, built once on demand
    return result


def _sheets(upload) -> list:
    """The uploaded workbook's sheets, read once per file (in the reading child process)."""
    cache = st.session_state.setdefault("data_sheets", {})
    if upload.file_id not in cache:
        cache.clear()
        cache[upload.file_id] = ingest.list_sheets(upload.getvalue()) if upload.size <= ingest.MAX_BYTES else []
    return cache[upload.file_id]


def _pick_sheet(upload) -> str | None:
    infos = _sheets(upload)
    if len(infos) < 2:
        return None
    table = pd.DataFrame([{"name": i.name, "state": X.SHEET_HIDDEN if i.hidden else X.SHEET_VISIBLE,
                           "rows": i.rows} for i in infos]).rename(columns=X.SHEET_COLUMNS)
    st.dataframe(table, hide_index=True, column_config={X.SHEET_COLUMNS["rows"]: st.column_config.NumberColumn(
        format="localized")})
    return st.selectbox(X.SHEET_PICK, [i.name for i in infos], index=None, key=f"data_sheet_{upload.file_id}",
                        help=X.SHEET_PICK_HELP, placeholder=X.SHEET_PICK_HELP)


def _memo(key: str, build):
    """Build a problem file or table once per result (not on every rerun), on first use."""
    files = st.session_state.setdefault("data_result_files", {})

    def get():
        if key not in files:
            files[key] = build()
        return files[key]
    return get


def _show_result(result: ingest.ImportResult) -> None:
    for note in result.notes:
        st.info(ui.plain(note), icon=":material/info:")
    if result.ok:
        st.success(ui.plain(result.summary()), icon=":material/check_circle:")
        if result.changes:
            changes = pd.DataFrame(list(result.changes.items()), columns=list(X.CHANGE_COLUMNS.values()))
            st.dataframe(changes, hide_index=True)
        return
    total = result.problem_count
    st.error(LD.DATA_PROBLEMS.format(n=f"{total:,}"), icon=":material/error:")
    if total <= 3 and all(p.column == X.FILE_LEVEL for p in result.problems):  # e.g. a limit: say it plainly
        for p in result.problems:
            st.error(ui.plain(p.message), icon=":material/block:")
        return
    full = _memo("frame", lambda: ingest.to_frame(result.problems))
    if total > problems.SHOWN:
        st.caption(X.PROBLEMS_SHOWN.format(total=total, shown=problems.SHOWN))
    st.dataframe(full().head(problems.SHOWN), hide_index=True, width="stretch",
                 column_config={X.PROBLEM_COLUMNS["message"]: st.column_config.TextColumn(width="large")})
    if total > len(result.problems):
        st.caption(X.PROBLEMS_KEPT.format(kept=len(result.problems), rest=total - len(result.problems)))
    if total > 1:
        st.caption(X.PROBLEM_KINDS_TITLE)
        st.dataframe(problems.kinds_frame(result.problems), hide_index=True, width="stretch", column_config={
            X.PROBLEM_KIND_COLUMNS["count"]: st.column_config.NumberColumn(format="localized")})
    notes = [(LD.DATA_TABLE, LD.TABLE_LABELS[result.table]), (LD.DATA_FILE_NOTE, result.file_name)]
    rows = len(result.problems)
    c1, c2 = st.columns(2)
    ui_rights.download_button(c1, LD.DATA_EXPORT_CSV, _memo("csv", lambda: export.to_csv_bytes(full(), notes)),
                              what=f"{LD.DATA_PROBLEMS_FILE}.csv", f=None, rows=rows,
                              key="data_problems_csv", file_name=f"{LD.DATA_PROBLEMS_FILE}.csv", mime="text/csv",
                              width="stretch")
    ui_rights.download_button(c2, LD.DATA_EXPORT_XLSX,
                              _memo("xlsx", lambda: export.to_xlsx_bytes({LD.DATA_PROBLEMS_FILE: full()}, notes)),
                              what=f"{LD.DATA_PROBLEMS_FILE}.xlsx", f=None, rows=rows,
                              file_name=f"{LD.DATA_PROBLEMS_FILE}.xlsx", key="data_problems_xlsx", width="stretch")


def _follow_import_table() -> None:
    """The templates tab follows the table chosen for import (its own choice is kept otherwise)."""
    if st.session_state.get("data_table") in ingest.EXPORTABLE:
        st.session_state["data_download_table"] = st.session_state["data_table"]


def _import_tab():
    left, right = st.columns(2)
    table = left.selectbox(LD.DATA_TABLE, ingest.IMPORTABLE, format_func=LD.TABLE_LABELS.get, key="data_table",
                           on_change=_follow_import_table)
    crs = right.radio(LD.DATA_CRS, ingest.CRS, format_func=LD.CRS_LABELS.get, horizontal=True,
                      help=LD.DATA_CRS_HELP, key="data_crs")
    upload = st.file_uploader(X.FILE_LIMIT.format(limit_mb=ingest.MAX_BYTES / ingest.MB), type=["xlsx", "xls", "csv"],
                              key="data_file")
    sheet = _pick_sheet(upload) if upload is not None else None
    skip_hidden = st.checkbox(X.SKIP_HIDDEN, help=X.SKIP_HIDDEN_HELP, key="data_skip_hidden")
    st.caption(X.BLANK_KEEPS)
    b1, b2, _ = st.columns([1, 1, 2])
    check = b1.button(LD.DATA_CHECK, icon=":material/fact_check:", width="stretch")
    go = b2.button(LD.DATA_IMPORT, icon=":material/upload:", type="primary", width="stretch")
    if check or go:
        if upload is None:
            st.warning(LD.DATA_CHOOSE_FILE)
        elif upload.size > ingest.MAX_BYTES:
            st.error(X.ERR_FILE_TOO_BIG.format(size_mb=upload.size / ingest.MB, limit_mb=ingest.MAX_BYTES / ingest.MB))
        else:
            st.session_state["data_result"] = _run_import(upload, table, crs, check, sheet, skip_hidden) or None
    result = st.session_state.get("data_result")
    if result is not None:
        _show_result(result)
    st.subheader(LD.DATA_COUNTS)
    counts = tables.count_words(ui.run(data.table_counts))
    st.dataframe(counts.rename(columns=LD.COUNT_COLUMNS), hide_index=True, height=ui.grid_height(len(counts)),
                 column_config={LD.COUNT_COLUMNS["rows"]: st.column_config.NumberColumn(format="localized")})


def _files_tab():
    table = st.session_state.get("data_table", ingest.IMPORTABLE[0])
    tables = list(ingest.EXPORTABLE)  # a town account gets its own towns' rows (fxdash.rights.table)
    pick = st.selectbox(LD.DATA_TABLE, tables, format_func=LD.TABLE_LABELS.get, key="data_download_table",
                        index=tables.index(table) if table in tables else 0)  # starts on the table chosen for import
    c1, c2, c3 = st.columns(3)
    if pick in ingest.IMPORTABLE:
        ui_rights.download_button(c1, LD.DATA_TEMPLATE, lambda: template.template_xlsx(pick), what=f"template:{pick}",
                                  f=None, rows=0, file_name=LD.DATA_TEMPLATE_NAME.format(table=LD.TABLE_LABELS[pick]),
                                  icon=":material/description:", help=LD.DATA_TEMPLATE_HELP, key="data_template",
                                  width="stretch", on_click="ignore")

    def _rows():
        with ui.connection().cursor() as cur:
            return rights.table(cur, pick, user)

    notes = [(LD.EXPORT_NOTE_TABLE, LD.TABLE_LABELS[pick]), *ui_rights.scope_notes(ui.user_scope(), town_names())]
    count = int(ui.run(data.table_counts, ui.user_scope()).set_index("table_name").loc[pick, "rows"])
    ui_rights.download_button(c2, LD.DATA_EXPORT_XLSX, lambda: template.table_xlsx(_rows(), pick, notes),
                              what=f"{pick}.xlsx", f=ui.user_scope(), rows=count,
                              file_name=f"{LD.TABLE_LABELS[pick]}.xlsx", icon=":material/download:",
                              key="data_export_xlsx", width="stretch", on_click="ignore")
    ui_rights.download_button(c3, LD.DATA_EXPORT_CSV, lambda: template.table_csv(_rows(), pick),
                              what=f"{pick}.csv", f=ui.user_scope(), rows=count, mime="text/csv",
                              file_name=f"{LD.TABLE_LABELS[pick]}.csv", icon=":material/download:",
                              key="data_export_csv", width="stretch", on_click="ignore")
    if pick in ingest.IMPORTABLE:
        st.caption(LD.DATA_TEMPLATE_HELP)
        st.dataframe(template.describe(ingest.spec(pick)), hide_index=True, width="stretch")



def _boundaries_tab():
    path, from_setting = boundaries.current_path(ui.ops_store())
    if path is None:
        st.info(LD.DATA_BOUNDARY_NONE, icon=":material/map:")
    else:
        st.info(LD.DATA_BOUNDARY_CURRENT.format(source=path.name, n=boundaries.feature_count(path)),
                icon=":material/map:")
        if from_setting:
            st.caption(LD.DATA_BOUNDARY_ENV)
    geo_file = st.file_uploader(LD.DATA_BOUNDARY_FILE, type=["geojson", "json"], key="data_geo_file")
    if st.button(LD.DATA_BOUNDARY_SAVE, icon=":material/save:", disabled=geo_file is None):
        geojson, geo_problems = boundaries.check(geo_file.getvalue())
        if geo_problems:
            for message in geo_problems:
                st.error(ui.plain(message))
        else:
            boundaries.save(ui.ops_store(), geojson, ui.settings().imports_dir, ui.username())
            st.success(LD.DATA_BOUNDARY_SAVED.format(n=len(geojson["features"])), icon=":material/check_circle:")



def _log_tab():
    # the store: every attempt, now (not cached); the district's log (nothing for a town account)
    log = tables.import_log_words(data.import_log(ui.ops_store(), ui.user_scope())).rename(columns=LD.LOG_COLUMNS)
    if log.empty:
        st.info(LD.DATA_LOG_EMPTY)
    else:
        st.dataframe(textfmt.readable(log), hide_index=True, width="stretch")  # Chinese times, not ISO
        ui.table_downloads(log, LD.TABLE_LABELS["import_log"], key="data_log")


def town_names() -> dict:
    return ui.run(common.town_names)


for key, tab in tabs.items():
    with tab:
        {"import": _import_tab, "files": _files_tab, "boundaries": _boundaries_tab, "log": _log_tab,
         "undo": ui_undo.render}[key]()
