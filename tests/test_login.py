"""The login gate headless (AppTest): nothing before sign-in, one message for every failure, logout,
idle expiry, admin-only pages, demo accounts refused once real data is imported."""

import datetime as dt

import pytest
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from fxdash import access, db
from fxdash.labels import accounts as LA
from fxdash.labels import common as LC
from fxdash.places import TOWN_BY_CODE
from fxdash.store import accounts, audit, schema
from tests.auth import ACCOUNT, ADMIN, PASSWORDS, login_apptest
from tests.conftest import ROOT


def new_app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()


def shows_login_form(at: AppTest) -> bool:
    return ([w.label for w in at.text_input] == [LA.LOGIN_USER, LA.LOGIN_PASSWORD]
            and any(b.label == LA.LOGIN_BUTTON for b in at.button))


def shows_data(at: AppTest) -> bool:
    return bool(at.metric or at.dataframe or at.get("plotly_chart") or at.get("deck_gl_json_chart"))


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def test_nothing_but_the_login_form_before_sign_in(app_env_read_only):
    at = new_app()
    assert not at.exception
    assert shows_login_form(at) and not shows_data(at)
    assert access.SESSION_KEY not in at.session_state and "fx_filters" not in at.session_state
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # only stand-ins before sign-in
        at.switch_page("pages/people.py")


def test_wrong_password_and_unknown_user_get_the_same_message_then_sign_in_works(app_env_read_only, demo_store):
    audit.attach(demo_store)  # AppTest runs in this process: the app attaches the same store anyway
    at = login_apptest(new_app(), ADMIN, "not the password")
    assert errors(at) == [LA.LOGIN_FAILED] and shows_login_form(at)
    at = login_apptest(at, "no-such-user", "not the password")
    assert errors(at) == [LA.LOGIN_FAILED] and shows_login_form(at)
    at = login_apptest(at, ADMIN)
    assert not at.exception and not shows_login_form(at) and shows_data(at)
    assert at.session_state[access.SESSION_KEY] == access.User(ADMIN, access.ADMIN)
    token = at.session_state["_fx_session_token"]
    assert len(token) >= 40 and token not in str(dict(at.query_params))
    logged = audit.rows(demo_store)
    assert logged["action"].tolist()[:3] == ["login_ok", "login_failed", "login_failed"]
    audit.detach()


def test_five_failures_lock_the_account_in_the_form(app_env_read_only):
    at = new_app()
    for _ in range(accounts.MAX_FAILURES):
        at = login_apptest(at, ACCOUNT["viewer"], "wrong password!")
    at = login_apptest(at, ACCOUNT["viewer"])
    assert errors(at) == [LA.LOGIN_FAILED] and not shows_data(at)


def test_logout_returns_to_the_form_and_forgets_the_session(app_env_read_only):
    at = login_apptest(new_app())
    next(b for b in at.button if b.label == LA.LOGOUT).click()
    at.run()
    assert shows_login_form(at) and not shows_data(at)
    assert LA.LOGIN_ENDED in [i.value for i in at.info]
    assert access.SESSION_KEY not in at.session_state and "fx_filters" not in at.session_state


def test_an_idle_session_expires(app_env_read_only, demo_store):
    at = login_apptest(new_app())
    with demo_store.write() as conn:
        conn.execute(update(schema.sessions).values(last_seen=dt.datetime.now() - dt.timedelta(minutes=31)))
    at.run()
    assert shows_login_form(at) and not shows_data(at)
    assert LA.LOGIN_EXPIRED.format(minutes=30) in [i.value for i in at.info]


def test_admin_pages_are_listed_for_admins_only_and_refuse_others(app_env_read_only, demo_store):
    audit.attach(demo_store)
    viewer = login_apptest(new_app(), ACCOUNT["viewer"])
    for page in ("pages/users.py", "pages/audit.py"):  # not in a viewer's navigation at all
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            viewer.switch_page(page)
    admin = login_apptest(new_app(), ADMIN)
    admin.switch_page("pages/audit.py").run()
    assert not admin.exception and admin.title[0].value == LA.PAGE_AUDIT
    assert admin.success[0].value.startswith("审计日志校验通过")
    admin.switch_page("pages/users.py").run()
    assert not admin.exception and admin.title[0].value == LA.PAGE_USERS
    assert set(admin.dataframe[0].value[LA.USERS_COLUMNS["username"]]) == set(PASSWORDS)
    audit.detach()


def test_users_page_creates_an_account(app_env_read_only, demo_store):
    at = login_apptest(new_app(), ADMIN)
    at.switch_page("pages/users.py").run()
    form = {w.label: w for w in at.text_input}
    form[LA.USERS_NAME].input("fengcheng")
    form[LA.USERS_PASSWORD].input("奉城镇的长密码2026")
    next(s for s in at.selectbox if s.label == LA.USERS_ROLE).set_value(access.TOWN)
    next(m for m in at.multiselect if m.label == LA.USERS_TOWNS).set_value(["310120102"])
    next(b for b in at.button if b.label == LA.USERS_CREATE).click()
    at.run()
    assert not at.exception and at.success[0].value == LA.USERS_CREATED.format(name="fengcheng")
    user = accounts.sign_in(demo_store, "fengcheng", "奉城镇的长密码2026", True).user
    assert user == access.User("fengcheng", access.TOWN, ("310120102",), False)


def test_after_a_real_import_demo_accounts_stop_and_an_admin_is_asked_for(app_env, demo_store):
    with db.connect(app_env) as con:
        db.set_meta(con, "demo", "mixed")  # what fxdash.ingest sets when real rows are imported
    at = new_app()
    assert not shows_login_form(at) and not shows_data(at) and at.title[0].value == LA.NO_ADMIN_TITLE
    assert "python -m fxdash user add" in at.warning[0].value
    accounts.add(demo_store, "chief", access.ADMIN, [], True, "a real admin password", TOWN_BY_CODE)
    at = login_apptest(new_app(), ADMIN)
    assert errors(at) == [LA.LOGIN_DEMO_OFF] and not shows_data(at)
    at = login_apptest(at, "chief", "a real admin password")
    assert not at.exception and shows_data(at) and LC.DEMO_BANNER not in [i.value for i in at.info]


def test_a_busy_store_at_sign_in_gives_a_message_not_a_traceback(app_env_read_only, demo_store, monkeypatch):
    """Twenty sign-ins at once in the load test once met 'database is locked': the form says to retry."""
    from sqlalchemy.exc import OperationalError

    def busy(*_args, **_kwargs):
        raise OperationalError("begin immediate", {}, Exception("database is locked"))

    monkeypatch.setattr(accounts, "sign_in", busy)
    at = login_apptest(new_app(), ADMIN)
    assert not at.exception and shows_login_form(at)
    assert len(errors(at)) == 1 and errors(at)[0].startswith(LA.LOGIN_BUSY.split("错误编号")[0])
    assert access.SESSION_KEY not in at.session_state
