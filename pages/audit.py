"""审计日志 (admins only): filter by time, user and action; whether the chain verifies; download."""

import datetime as dt

import streamlit as st

from fxdash import login, textfmt, ui
from fxdash.labels import accounts as LA
from fxdash.store import audit
from fxdash.store.cli import verdict_text

LIMIT = 2000  # rows sent to the browser; the download carries every matching row

me = login.require_admin()
store = ui.ops_store()
st.title(LA.PAGE_AUDIT)

verdict = audit.verify(store)
(st.success if verdict.ok else st.error)(verdict_text(verdict), icon=":material/verified_user:")

c1, c2, c3, c4 = st.columns(4)
today = dt.date.today()
date_from = c1.date_input(LA.AUDIT_FROM, today - dt.timedelta(days=30), key="fx_audit_from")
date_to = c2.date_input(LA.AUDIT_TO, today, key="fx_audit_to")
who = c3.selectbox(LA.AUDIT_USER, [None, *audit.distinct(store, "username")], key="fx_audit_user",
                   format_func=lambda v: LA.AUDIT_ALL if v is None else v)
what = c4.selectbox(LA.AUDIT_ACTION, [None, *audit.distinct(store, "action")], key="fx_audit_action",
                    format_func=lambda v: LA.AUDIT_ALL if v is None else LA.ACTION_LABELS.get(v, v))

where = {"date_from": date_from, "date_to": date_to, "username": who, "action": what}
total = audit.count(store, **where)
if total == 0:
    st.info(LA.AUDIT_EMPTY)
else:
    st.caption(LA.AUDIT_SHOWN.format(n=total, limit=LIMIT))
    shown = audit.labelled(audit.rows(store, **where, limit=LIMIT), LA.ACTION_LABELS, LA.AUDIT_COLUMNS)
    shown = ui.projected(shown)
    st.dataframe(textfmt.readable(shown), hide_index=True, width="stretch",  # Chinese dates, — for blanks
                 height=ui.grid_height(len(shown)))

    # every matching row (the period bounds it); the export itself is recorded by the download gate
    ui.table_downloads(audit.labelled(audit.rows(store, **where), LA.ACTION_LABELS, LA.AUDIT_COLUMNS),
                       LA.PAGE_AUDIT, key="fx_audit")
