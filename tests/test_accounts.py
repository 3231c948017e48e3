"""Accounts, sign-in, sessions and the audit log in the store (SQLite and PostgreSQL), and the CLI."""

import datetime as dt
import shutil
import subprocess
import sys
import time

import pytest
from sqlalchemy import select, update

from fxdash import access
from fxdash import store as ops
from fxdash.places import TOWN_BY_CODE
from fxdash.store import accounts, audit, schema, sessions
from tests.cli import child, in_process
from tests.conftest import ROOT


@pytest.fixture
def audited(any_store):
    """The store with its audit log attached to fxdash.access events (as the app and CLI do)."""
    audit.attach(any_store)
    yield any_store
    audit.detach()


def actions(store) -> list[tuple[str, str]]:
    return [(r.action, r.username) for r in audit.rows(store).itertuples()][::-1]


def test_passwords_are_stored_only_as_argon2id_hashes(audited):
    accounts.add(audited, "王芳", access.DISTRICT, [], True, "青村镇2026年春季", TOWN_BY_CODE)
    row = accounts.get(audited, "王芳")
    assert row.password_hash.startswith("$argon2id$")
    with audited.read() as conn:
        everything = " ".join(str(v) for t in schema.metadata.sorted_tables for r in conn.execute(select(t))
                              for v in r)
    assert "青村镇2026年春季" not in everything


@pytest.mark.parametrize("name, password, message", [
    ("lihua", "short", "至少需要 10 个字符"),
    ("lihua12345", "LIHUA12345", "不能与用户名相同"),
    ("x", "long enough pw", "用户名只能包含"),
])
def test_password_and_name_rules(ops_store, name, password, message):
    with pytest.raises(accounts.AccountError, match=message):
        accounts.add(ops_store, name, access.VIEWER, [], False, password, TOWN_BY_CODE)


def test_town_codes_are_checked_and_town_accounts_need_one(ops_store):
    with pytest.raises(accounts.AccountError, match="未知街镇代码"):
        accounts.add(ops_store, "zl", access.TOWN, ["999999999"], False, "a long password", TOWN_BY_CODE)
    with pytest.raises(accounts.AccountError, match="至少指定一个街镇"):
        accounts.add(ops_store, "zl", access.TOWN, [], False, "a long password", TOWN_BY_CODE)


def test_five_failures_lock_the_account_with_the_same_answer_as_an_unknown_name(audited):
    accounts.add(audited, "zhang", access.TOWN, ["310120111"], False, "right password", TOWN_BY_CODE)
    for _ in range(accounts.MAX_FAILURES):
        assert accounts.sign_in(audited, "zhang", "wrong password", True).outcome == "failed"
    # locked: the right password is refused too, exactly like an unknown user name
    assert accounts.sign_in(audited, "zhang", "right password", True) == accounts.SignIn(None, "failed")
    assert accounts.sign_in(audited, "nobody", "right password", True) == accounts.SignIn(None, "failed")
    row = accounts.get(audited, "zhang")
    assert row.locked_until > dt.datetime.now() + dt.timedelta(minutes=14)
    with audited.write() as conn:  # 15 minutes later
        conn.execute(update(schema.users).values(locked_until=dt.datetime.now() - dt.timedelta(seconds=1)))
    ok = accounts.sign_in(audited, "zhang", "right password", True)
    assert ok.outcome == "ok" and ok.user == access.User("zhang", access.TOWN, ("310120111",), False)
    seen = [a for a, _ in actions(audited)]
    assert seen.count("login_failed") == 7 and seen.count("login_locked") == 1 and seen[-1] == "login_ok"


def test_disabled_account_cannot_sign_in_and_its_sessions_end(audited):
    accounts.add(audited, "li", access.VIEWER, [], False, "a long password", TOWN_BY_CODE)
    token = sessions.start(audited, "li")
    assert sessions.check(audited, token, 30, True).user.username == "li"
    accounts.disable(audited, "li", by="admin")
    assert sessions.check(audited, token, 30, True).reason == "ended"
    assert accounts.sign_in(audited, "li", "a long password", True).outcome == "failed"


def test_idle_sessions_expire_and_logout_ends_a_session(audited):
    accounts.add(audited, "zhao", access.DISTRICT, [], False, "a long password", TOWN_BY_CODE)
    token = sessions.start(audited, "zhao")
    assert sessions.check(audited, token, 30, True).reason == "ok"
    with audited.write() as conn:
        conn.execute(update(schema.sessions).values(last_seen=dt.datetime.now() - dt.timedelta(minutes=31)))
    assert sessions.check(audited, token, 30, True) == sessions.Check(None, "expired")
    assert sessions.check(audited, token, 30, True).reason == "ended"  # stays ended
    other = sessions.start(audited, "zhao")
    sessions.end(audited, other, "zhao")
    assert sessions.check(audited, other, 30, True).reason == "ended"
    assert sessions.check(audited, "made-up token", 30, True).reason == "missing"
    assert ("session_expired", "zhao") in actions(audited) and ("logout", "zhao") in actions(audited)


def test_demo_accounts_work_only_on_demo_data(audited):
    listed = accounts.ensure_demo_accounts(audited, TOWN_BY_CODE)
    assert {role for _, role, _ in listed} == set(access.ROLES)
    name, _, password = listed[2]
    assert accounts.sign_in(audited, name, password, demo_allowed=True).user.towns == ("310120111",)
    token = sessions.start(audited, name)
    assert accounts.sign_in(audited, name, password, demo_allowed=False).outcome == "demo_off"
    assert sessions.check(audited, token, 30, demo_allowed=False).reason == "demo_off"
    assert not accounts.has_real_admin(audited)


def test_audit_chain_verifies_and_shows_a_row_altered_in_the_store(audited):
    for i in range(5):
        access.record("export", "王芳", what="人员名单", rows=i, masked=True)
    assert audit.verify(audited) == audit.Verdict(True, 5)
    with audited.write() as conn:  # someone edits row 3 directly in the database
        conn.execute(update(schema.audit_log).where(schema.audit_log.c.seq == 3)
                     .values(detail='{"masked":false,"rows":2,"what":"人员名单"}'))
    assert audit.verify(audited) == audit.Verdict(False, 2, 3, "hash")


def test_audit_chain_shows_deleted_rows(audited):
    for i in range(4):
        audit.append(audited, "snapshot", "甲", {"i": i})
    with audited.write() as conn:
        conn.execute(schema.audit_log.delete().where(schema.audit_log.c.seq == 4))
    assert audit.verify(audited).problem == "head"
    with audited.write() as conn:
        conn.execute(schema.audit_log.delete().where(schema.audit_log.c.seq == 2))
    assert audit.verify(audited) == audit.Verdict(False, 1, 3, "seq")


APPENDER = """
import sys, time
from fxdash import store
from fxdash.store import audit
s = store.open_store(sys.argv[1])
n = int(sys.argv[2])
start = time.perf_counter()
for i in range(n):
    audit.append(s, "export", sys.argv[3], {"i": i})
print(f"{n / (time.perf_counter() - start):.0f}")
"""


def test_two_processes_appending_at_once_keep_one_valid_chain(any_store, store_url):
    """Two app servers writing audit rows at the same moment: one chain, no row lost, none forked."""
    n = 150
    procs = [subprocess.Popen([sys.executable, "-c", APPENDER, store_url, str(n), who], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for who in ("甲", "乙")]
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    verdict = audit.verify(any_store)
    assert verdict == audit.Verdict(True, 2 * n)
    rows = audit.rows(any_store)
    assert rows["username"].value_counts().to_dict() == {"甲": n, "乙": n}
    print(f"\naudit appends/s per process with two writing ({any_store.dialect}): {outputs}")


def test_audit_append_rate(any_store):
    """Not a pass/fail timing: measured for the report."""
    start = time.perf_counter()
    for i in range(200):
        audit.append(any_store, "export", "甲", {"i": i})
    rate = 200 / (time.perf_counter() - start)
    start = time.perf_counter()
    assert audit.verify(any_store).ok
    print(f"\n{any_store.dialect}: {rate:.0f} audit appends/s, verify 200 rows in "
          f"{(time.perf_counter() - start) * 1000:.0f} ms")


# --- the command line ---------------------------------------------------------------------------------


def test_cli_user_commands_and_audit_verify(app_db_template, ops_store, tmp_path):
    """The commands in this process (tests.cli.in_process); the first and the last as the child processes
    an operator starts (its OS user, its standard input)."""
    # a copy: this worker may hold the template open read-write (app_connection), which locks a child out
    shutil.copy(app_db_template, tmp_path / "app.duckdb")
    env = {"FXDASH_DB": str(tmp_path / "app.duckdb")}
    done = child("user", "add", "qc_admin", "--role", "town", "--town", "310120111", "--password-stdin",
              stdin="青村镇的长密码2026\n", env=env)
    assert done.returncode == 0 and "已创建用户 qc_admin" in done.stdout and "青村镇" in done.stdout, done.stderr
    bad = [in_process("user", "add", "x2", "--role", "town", "--town", "123", "--password-stdin",
                      stdin="long password\n", env=env),
           in_process("user", "add", "x3", "--role", "viewer", "--password-stdin", stdin="short\n", env=env),
           in_process("user", "add", "x4", "--role", "viewer", env=env),
           in_process("user", "add", "qc_admin", "--role", "viewer", "--password-stdin", stdin="long password\n",
                      env=env),
           in_process("user", "disable", "nobody", env=env)]
    assert [b.returncode for b in bad] == [1, 1, 2, 1, 1]
    assert ["未知街镇代码" in bad[0].stderr, "至少需要 10 个字符" in bad[1].stderr, "--password-stdin" in bad[2].stderr,
            "用户已存在" in bad[3].stderr, "没有这个用户" in bad[4].stderr] == [True] * 5
    assert not any("Traceback" in b.stderr + b.stdout for b in bad)
    listed = in_process("user", "list", env=env)
    assert "qc_admin\t街镇\t310120111\t否\t是\t否" in listed.stdout
    assert in_process("user", "passwd", "qc_admin", "--password-stdin", stdin="另一个长密码2026\n").returncode == 0
    assert accounts.sign_in(ops_store, "qc_admin", "另一个长密码2026", True).outcome == "ok"
    assert in_process("user", "disable", "qc_admin").returncode == 0
    assert "qc_admin\t街镇\t310120111\t否\t否" in in_process("user", "list").stdout
    verified = in_process("audit", "verify")
    assert verified.returncode == 0 and "校验通过" in verified.stdout
    logged = audit.rows(ops_store)
    assert {"user_add", "user_password", "user_disable"} <= set(logged["action"])
    assert logged.set_index("action").loc["user_add", "username"].startswith("os:")
    with ops_store.write() as conn:
        conn.execute(update(schema.audit_log).where(schema.audit_log.c.seq == 2).values(username="someone"))
    broken = child("audit", "verify")
    assert broken.returncode == 1 and "第 2 条记录" in broken.stderr and "Traceback" not in broken.stderr


def test_cli_reports_an_unreachable_store_in_one_line(tmp_path):
    done = in_process("user", "list", env={"FXDASH_STORE": "postgresql://nobody@127.0.0.1:1/none"})
    assert done.returncode == 2 and "无法打开运维库" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_store_module_has_no_streamlit():
    code = "import sys, fxdash.store.cli, fxdash.store.audit; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_migrated_store_reopens(any_store):
    assert ops.open_store(any_store.url) is any_store
