"""数据管理: import the department's Excel/CSV files, download templates and tables, boundaries, log."""

import streamlit as st

from fxdash import export, ingest, ui
from fxdash import labels as L
from fxdash.ingest import boundaries, template
from fxdash.queries import data

LIMIT_MB = ingest.MAX_BYTES // 1024 // 1024
ui.ensure_frame()

st.title(L.PAGE_DATA)
st.caption(L.DATA_CAPTION)

tab_import, tab_files, tab_geo, tab_log = st.tabs(
    [L.DATA_TAB_IMPORT, L.DATA_TAB_TEMPLATES, L.DATA_TAB_BOUNDARIES, L.DATA_TAB_LOG])


def _run_import(upload, table: str, crs: str, dry_run: bool) -> ingest.ImportResult:
    bar = st.progress(0.0, text=L.DATA_PROGRESS)
    with ui.connection().cursor() as cur:
        result = ingest.import_file(cur, upload.getvalue(), upload.name, table, crs, dry_run=dry_run,
                                    imports_dir=ui.settings().imports_dir, store=ui.ops_store(),
                                    username=ui.username(),
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
    c1.download_button(L.DATA_EXPORT_CSV, export.to_csv_bytes(problems, notes), key="data_problems_csv",
                       file_name=f"{L.DATA_PROBLEMS_FILE}.csv", mime="text/csv", width="stretch")
    c2.download_button(L.DATA_EXPORT_XLSX, export.to_xlsx_bytes({L.DATA_PROBLEMS_FILE: problems}, notes),
                       file_name=f"{L.DATA_PROBLEMS_FILE}.xlsx", key="data_problems_xlsx", width="stretch")


with tab_import:
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
            st.session_state["data_result"] = _run_import(upload, table, crs, dry_run=check)
    result = st.session_state.get("data_result")
    if result is not None:
        _show_result(result)
    st.subheader(L.DATA_COUNTS)
    counts = ui.run(data.table_counts)
    st.dataframe(counts.drop(columns="table_name").rename(columns=L.COUNT_COLUMNS), hide_index=True,
                 column_config={L.COUNT_COLUMNS["rows"]: st.column_config.NumberColumn(format="localized")})

with tab_files:
    pick = st.selectbox(L.DATA_TABLE, ingest.EXPORTABLE, format_func=L.TABLE_LABELS.get, key="data_download_table",
                        index=ingest.EXPORTABLE.index(table))  # starts on the table chosen for import
    c1, c2, c3 = st.columns(3)
    if pick in ingest.IMPORTABLE:
        c1.download_button(L.DATA_TEMPLATE, template.template_xlsx(pick), file_name=L.DATA_TEMPLATE_NAME.format(table=L.TABLE_LABELS[pick]),
                           icon=":material/description:", help=L.DATA_TEMPLATE_HELP, key="data_template",
                           width="stretch", on_click="ignore")

    def _rows():
        with ui.connection().cursor() as cur:
            return data.table_rows(cur, pick)

    notes = [(L.EXPORT_NOTE_TABLE, L.TABLE_LABELS[pick])]
    c2.download_button(L.DATA_EXPORT_XLSX, lambda: template.table_xlsx(_rows(), pick, notes),
                       file_name=f"{L.TABLE_LABELS[pick]}.xlsx", icon=":material/download:", key="data_export_xlsx",
                       width="stretch", on_click="ignore")
    c3.download_button(L.DATA_EXPORT_CSV, lambda: template.table_csv(_rows(), pick), mime="text/csv",
                       file_name=f"{L.TABLE_LABELS[pick]}.csv", icon=":material/download:", key="data_export_csv",
                       width="stretch", on_click="ignore")
    if pick in ingest.IMPORTABLE:
        st.caption(L.DATA_TEMPLATE_HELP)
        st.dataframe(template.describe(ingest.spec(pick)), hide_index=True, width="stretch")

with tab_geo:
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

with tab_log:
    log = data.import_log(ui.ops_store()).rename(columns=L.LOG_COLUMNS)  # the store: every attempt, now
    if log.empty:
        st.info(L.DATA_LOG_EMPTY)
    else:
        st.dataframe(log, hide_index=True, width="stretch")
        ui.table_downloads(log, L.TABLE_LABELS["import_log"], key="data_log")
