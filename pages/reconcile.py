"""数据核对: published reference figures against the dashboard's own values, with the admin's form."""

import datetime as dt

import streamlit as st

from fxdash import access, db, reconcile, reconcile_form, rights, textfmt, ui, weeks
from fxdash.labels import filters as LF
from fxdash.labels import reconcile as R

ui.ensure_frame()  # figures at the data's date: the sidebar filters do not apply
user = ui.current_user()
st.title(R.PAGE)
if not rights.may_open(user, "reconcile"):  # app.py refuses it already; a second lock on the door
    access.record("page_denied", ui.username(), page="reconcile")
    st.error(R.DENIED)
    st.stop()

as_of = ui.run(db.data_as_of)
st.caption(R.CAPTION.format(as_of=weeks.cn_date(as_of) if as_of else "—"))
refs = reconcile_form.figures()
cmp = ui.run(reconcile.compare, None, refs=refs)
st.markdown(R.SUMMARY.format(**reconcile.summary(cmp)))
shown = reconcile.table(cmp)
on_screen = ui.projected(shown)
st.dataframe(
    on_screen.style.map(lambda v: "color: #c62828; font-weight: bold" if v == R.OFF else
                    "color: #2e7d32" if v == R.OK else "color: #8d6e63", subset=[R.COLUMNS["status"]]),
    hide_index=True, width="stretch", height=ui.grid_height(len(on_screen)),
    column_config={R.COLUMNS["published"]: st.column_config.NumberColumn(format="localized"),
                   R.COLUMNS["dashboard"]: st.column_config.NumberColumn(format="localized"),
                   R.COLUMNS["difference"]: st.column_config.NumberColumn(format="localized")})
st.caption(R.RULE_HELP)
ui.table_downloads(shown, R.EXPORT_STEM, "reconcile",
                   notes=[(LF.DATA_AS_OF, as_of.isoformat() if as_of else "—"),
                          ("导出时间", dt.datetime.now().strftime("%Y-%m-%d %H:%M"))])

if rights.may_edit_references(user):
    st.subheader(R.MANAGE)
    st.caption(R.MANAGE_HELP)
    reconcile_form.flash()
    reconcile_form.reference_form(refs, cmp)

st.subheader(R.HISTORY)
st.dataframe(textfmt.readable(reconcile_form.history()), hide_index=True, width="stretch")
