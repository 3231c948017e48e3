"""数据管理: import the department's Excel/CSV files, download templates and tables, boundaries, log."""

import streamlit as st

from fxdash import export, ingest, rights, ui, ui_rights, ui_undo, writes
from fxdash import labels as L
from fxdash.ingest import boundaries, template
from fxdash.labels import rights as LR
from fxdash.labels import versions as LV
from fxdash.queries import common, data

LIMIT_MB = ingest.MAX_BYTES // 1024 // 1024
ui.ensure_frame()

st.title(L.PAGE_DATA)
st.caption(L.DATA_CAPTION)

# the tabs the user's role has (fxdash.rights): importing and boundaries are the admin's
user = ui.current_user()
TABS = {"import": L.DATA_TAB_IMPORT, "files": L.DATA_TAB_TEMPLATES, "boundaries": L.DATA_TAB_BOUNDARIES,
        "log": L.DATA_TAB_LOG, "undo": LV.UNDO_HEADER}
mine = rights.data_tabs(user)
if not mine:
    st.info(LR.DATA_NO_TABS)
    st.stop()
tabs = dict(zip(mine, st.tabs([TABS[k] for k in mine])))


def _run_import(upload, table: str, crs: str, dry_run: bool) -> ingest.ImportResult | None:
    """Check (no writer lock needed) or import as a new data version; None when the write could not start."""
    bar = st.progress(0.0, text=L.DATA_PROGRESS)
    result = ui.publish(writes.import_file, upload.getvalue(), upload.name, table, crs, dry_run=dry_run,
                        imports_dir=ui.settings().imports_dir, username=ui.username(), store=ui.ops_store(),
                        command=f"page-import {upload.name}",
                        progress=lambda frac, text: bar.progress(frac, text=text))
    bar.empty()
    return result


def _show_result(result: ingest.ImportResult) -> None:
    if result.ok:
        st.success(result.summary(), icon=":material/check_circle:")
        return
    st.error(L.DATA_PROBLEMS.format(n=len(result.problems)), icon=":material/error:")
    problems = ingest.to_frame(result.problems)
    st.dataframe(problems, hide_index=True, width="stretch",
                 column_config={L.PROBLEM_COLUMNS["message"]: st.column_config.TextColumn(width="large")})
    notes = [(L.DATA_TABLE, L.TABLE_LABELS[result.table]), (L.DATA_FILE_NOTE, result.file_name)]
    c1, c2 = st.columns(2)
    ui_rights.download_button(c1, L.DATA_EXPORT_CSV, lambda: export.to_csv_bytes(problems, notes),
                              what=f"{L.DATA_PROBLEMS_FILE}.csv", f=None, rows=len(problems),
                              key="data_problems_csv", file_name=f"{L.DATA_PROBLEMS_FILE}.csv", mime="text/csv",
                              width="stretch")
    ui_rights.download_button(c2, L.DATA_EXPORT_XLSX,
                              lambda: export.to_xlsx_bytes({L.DATA_PROBLEMS_FILE: problems}, notes),
                              what=f"{L.DATA_PROBLEMS_FILE}.xlsx", f=None, rows=len(problems),
                              file_name=f"{L.DATA_PROBLEMS_FILE}.xlsx", key="data_problems_xlsx", width="stretch")


def _import_tab():
    left, right = st.columns(2)
    table = left.selectbox(L.DATA_TABLE, ingest.IMPORTABLE, format_func=L.TABLE_LABELS.get, key="data_table")
    crs = right.radio(L.DATA_CRS, ingest.CRS, format_func=L.CRS_LABELS.get, horizontal=True,
                      help=L.DATA_CRS_HELP, key="data_crs")
    upload = st.file_uploader(L.DATA_FILE.format(limit_mb=LIMIT_MB), type=["xlsx", "xls", "csv"], key="data_file")
    b1, b2, _ = st.columns([1, 1, 2])
    check = b1.button(L.DATA_CHECK, icon=":material/fact_check:", width="stretch")
    go = b2.button(L.DATA_IMPORT, icon=":material/upload:", type="primary", width="stretch")
    if check or go:
        if upload is None:
            st.warning(L.DATA_CHOOSE_FILE)
        else:
            st.session_state["data_result"] = _run_import(upload, table, crs, dry_run=check) or None
    result = st.session_state.get("data_result")
    if result is not None:
        _show_result(result)
    st.subheader(L.DATA_COUNTS)
    counts = ui.run(data.table_counts)
    st.dataframe(counts.drop(columns="table_name").rename(columns=L.COUNT_COLUMNS), hide_index=True,
                 column_config={L.COUNT_COLUMNS["rows"]: st.column_config.NumberColumn(format="localized")})


def _files_tab():
    table = st.session_state.get("data_table", ingest.IMPORTABLE[0])
    tables = list(ingest.EXPORTABLE)  # a town account gets its own towns' rows (fxdash.rights.table)
    pick = st.selectbox(L.DATA_TABLE, tables, format_func=L.TABLE_LABELS.get, key="data_download_table",
                        index=tables.index(table) if table in tables else 0)  # starts on the table chosen for import
    c1, c2, c3 = st.columns(3)
    if pick in ingest.IMPORTABLE:
        ui_rights.download_button(c1, L.DATA_TEMPLATE, lambda: template.template_xlsx(pick), what=f"template:{pick}",
                                  f=None, rows=0, file_name=L.DATA_TEMPLATE_NAME.format(table=L.TABLE_LABELS[pick]),
                                  icon=":material/description:", help=L.DATA_TEMPLATE_HELP, key="data_template",
                                  width="stretch", on_click="ignore")

    def _rows():
        with ui.connection().cursor() as cur:
            return rights.table(cur, pick, user)

    notes = [(L.EXPORT_NOTE_TABLE, L.TABLE_LABELS[pick]), *ui_rights.scope_notes(ui.user_scope(), town_names())]
    count = int(ui.run(data.table_counts, ui.user_scope()).set_index("table_name").loc[pick, "rows"])
    ui_rights.download_button(c2, L.DATA_EXPORT_XLSX, lambda: template.table_xlsx(_rows(), pick, notes),
                              what=f"{pick}.xlsx", f=ui.user_scope(), rows=count,
                              file_name=f"{L.TABLE_LABELS[pick]}.xlsx", icon=":material/download:",
                              key="data_export_xlsx", width="stretch", on_click="ignore")
    ui_rights.download_button(c3, L.DATA_EXPORT_CSV, lambda: template.table_csv(_rows(), pick),
                              what=f"{pick}.csv", f=ui.user_scope(), rows=count, mime="text/csv",
                              file_name=f"{L.TABLE_LABELS[pick]}.csv", icon=":material/download:",
                              key="data_export_csv", width="stretch", on_click="ignore")
    if pick in ingest.IMPORTABLE:
        st.caption(L.DATA_TEMPLATE_HELP)
        st.dataframe(template.describe(ingest.spec(pick)), hide_index=True, width="stretch")



def _boundaries_tab():
    path, from_setting = boundaries.current_path(ui.ops_store())
    if path is None:
        st.info(L.DATA_BOUNDARY_NONE, icon=":material/map:")
    else:
        st.info(L.DATA_BOUNDARY_CURRENT.format(source=path.name, n=boundaries.feature_count(path)),
                icon=":material/map:")
        if from_setting:
            st.caption(L.DATA_BOUNDARY_ENV)
    geo_file = st.file_uploader(L.DATA_BOUNDARY_FILE, type=["geojson", "json"], key="data_geo_file")
    if st.button(L.DATA_BOUNDARY_SAVE, icon=":material/save:", disabled=geo_file is None):
        geojson, problems = boundaries.check(geo_file.getvalue())
        if problems:
            for message in problems:
                st.error(message)
        else:
            boundaries.save(ui.ops_store(), geojson, ui.settings().imports_dir, ui.username())
            st.success(L.DATA_BOUNDARY_SAVED.format(n=len(geojson["features"])), icon=":material/check_circle:")



def _log_tab():
    # the store: every attempt, now (not cached); the district's log (nothing for a town account)
    log = data.import_log(ui.ops_store(), ui.user_scope()).rename(columns=L.LOG_COLUMNS)
    if log.empty:
        st.info(L.DATA_LOG_EMPTY)
    else:
        st.dataframe(log, hide_index=True, width="stretch")
        ui.table_downloads(log, L.TABLE_LABELS["import_log"], key="data_log")


def town_names() -> dict:
    return ui.run(common.town_names)


for key, tab in tabs.items():
    with tab:
        {"import": _import_tab, "files": _files_tab, "boundaries": _boundaries_tab, "log": _log_tab,
         "undo": ui_undo.render}[key]()
