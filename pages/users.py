"""用户管理 (admins only): list accounts, add one, change role / towns / personal data / active, reset a password."""

import streamlit as st

from fxdash import access, login, textfmt, ui
from fxdash.labels import accounts as LA
from fxdash.queries import common
from fxdash.store import accounts

me = login.require_admin()
store = ui.ops_store()
towns = ui.run(common.towns).set_index("town_code")["name"].to_dict()
FLASH = "_fx_users_flash"


def town_label(code: str) -> str:
    return f"{towns.get(code, code)}（{code}）"


def apply(action, done: str) -> None:
    """Run a change; on success rerun so the table shows it, with the message on top."""
    try:
        action()
    except accounts.AccountError as exc:
        st.error(str(exc))
    else:
        st.session_state[FLASH] = done
        st.rerun()


st.title(LA.PAGE_USERS)
if FLASH in st.session_state:
    st.success(st.session_state.pop(FLASH))
users = accounts.users_frame(store, towns, LA.CLI_ALL_TOWNS)
# dates in Chinese, — for "never locked" (no None or ISO timestamps on screen)
shown = textfmt.readable(users.assign(role=users["role"].map(LA.ROLE_LABELS)))
shown = ui.projected(shown)
st.dataframe(shown.rename(columns=LA.USERS_COLUMNS), hide_index=True, width="stretch", height=ui.grid_height(len(shown)))

left, right = st.columns(2)
with left, st.form("fx_user_add", clear_on_submit=True):
    st.subheader(LA.USERS_ADD)
    name = st.text_input(LA.USERS_NAME, max_chars=40)
    role = st.selectbox(LA.USERS_ROLE, access.ROLES, format_func=LA.ROLE_LABELS.get)
    picked = st.multiselect(LA.USERS_TOWNS, list(towns), format_func=town_label)
    pii = st.checkbox(LA.USERS_PII)
    password = st.text_input(LA.USERS_PASSWORD, type="password", max_chars=200, autocomplete="new-password")
    if st.form_submit_button(LA.USERS_CREATE, type="primary"):
        apply(lambda: accounts.add(store, name, role, picked, pii, password, towns, by=me.username),
              LA.USERS_CREATED.format(name=name.strip()))

with right:
    st.subheader(LA.USERS_EDIT)
    target = st.selectbox(LA.USERS_PICK, users["username"].tolist(), key="fx_user_pick")
    current = accounts.get(store, target) if target else None
    if current is not None:
        with st.form(f"fx_user_edit_{current.username}"):
            e_role = st.selectbox(LA.USERS_ROLE, access.ROLES, format_func=LA.ROLE_LABELS.get,
                                  index=access.ROLES.index(current.role))
            e_towns = st.multiselect(LA.USERS_TOWNS, list(towns), format_func=town_label,
                                     default=[c for c in accounts.user_of(current).towns if c in towns])
            e_pii = st.checkbox(LA.USERS_PII, value=bool(current.pii))
            e_active = st.checkbox(LA.USERS_ACTIVE, value=bool(current.active))
            e_password = st.text_input(LA.USERS_NEW_PASSWORD, type="password", max_chars=200,
                                       autocomplete="new-password")
            if st.form_submit_button(LA.USERS_SAVE, type="primary"):
                if current.username == me.username and (not e_active or e_role != me.role):
                    st.error(LA.USERS_SELF_DISABLE)
                else:
                    def save():
                        if e_password:
                            accounts.check_password(current.username, e_password)
                        accounts.update_user(store, current.username, e_role, e_towns, e_pii, e_active, towns,
                                             by=me.username)
                        if e_password:
                            accounts.set_password(store, current.username, e_password, by=me.username)
                    apply(save, LA.USERS_SAVED.format(name=current.username))
