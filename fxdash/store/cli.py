"""`python -m fxdash user add|list|disable|passwd ...` and `python -m fxdash audit verify`.

Messages are Chinese and no traceback reaches the terminal; every change lands in the audit log with
the operating-system user who ran the command.
"""

import getpass
import sys

from sqlalchemy.exc import SQLAlchemyError

from fxdash import access, config
from fxdash.labels import accounts as LA
from fxdash.store import accounts, audit, describe, engine_url, open_store


def register(sub) -> None:
    u = sub.add_parser("user", help="账号管理：新建、列出、停用、设置密码")
    usub = u.add_subparsers(dest="user_command", required=True)
    add = usub.add_parser("add", help="新建用户")
    add.add_argument("name", help="用户名")
    add.add_argument("--role", required=True, choices=access.ROLES, help="角色")
    add.add_argument("--town", action="append", default=[], metavar="CODE", help="街镇代码，可重复；不写 = 全部街镇")
    add.add_argument("--pii", action="store_true", help="可查看未打码的个人信息")
    add.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（一行）")
    add.set_defaults(func=_guard(cmd_add))
    usub.add_parser("list", help="列出用户").set_defaults(func=_guard(cmd_list))
    dis = usub.add_parser("disable", help="停用用户（并结束其登录会话）")
    dis.add_argument("name")
    dis.set_defaults(func=_guard(cmd_disable))
    pw = usub.add_parser("passwd", help="设置新密码")
    pw.add_argument("name")
    pw.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（一行）")
    pw.set_defaults(func=_guard(cmd_passwd))
    a = sub.add_parser("audit", help="审计日志")
    asub = a.add_subparsers(dest="audit_command", required=True)
    asub.add_parser("verify", help="校验审计日志的哈希链").set_defaults(func=_guard(cmd_verify))


def _guard(fn):
    """Run a command with the store open and the audit sink attached; store failures become one line."""
    def run(args) -> int:
        setting = config.load_settings().store
        try:
            store = open_store(setting)
            audit.attach(store)
            return fn(store, args)
        except accounts.AccountError as exc:
            print(str(exc), file=sys.stderr)
            return 1
        except (SQLAlchemyError, OSError) as exc:
            detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
            print(LA.CLI_STORE_ERROR.format(store=describe(engine_url(setting)), detail=detail), file=sys.stderr)
            return 2
    return run


def operator() -> str:
    """Who ran the command, for the audit log: the operating-system user."""
    try:
        return f"os:{getpass.getuser()}"
    except (KeyError, OSError):
        return "os:?"


def _password(args) -> str | None:
    if not args.password_stdin:
        print(LA.CLI_PASSWORD_PROMPT, file=sys.stderr)
        return None
    return sys.stdin.readline().rstrip("\r\n")


def known_towns() -> dict[str, str]:
    """Town code -> name from the analytics database's towns table (opened read-only)."""
    import duckdb

    from fxdash import db

    path = config.load_settings().db
    try:
        con = db.connect(path, read_only=True)
    except (duckdb.Error, OSError) as exc:
        raise accounts.AccountError(LA.ERR_TOWNS_UNREADABLE.format(db=path, detail=str(exc).splitlines()[0][:120])) from exc
    try:
        return dict(con.execute("select town_code, name from towns").fetchall())
    finally:
        con.close()


def cmd_add(store, args) -> int:
    password = _password(args)
    if password is None:
        return 2
    towns = known_towns() if args.town else {}
    user = accounts.add(store, args.name, args.role, args.town, args.pii, password, towns, by=operator())
    print(LA.CLI_ADDED.format(name=user.username, role=LA.ROLE_LABELS[user.role],
                              towns="、".join(towns[c] for c in user.towns) or LA.CLI_ALL_TOWNS,
                              pii=LA.CLI_YES if user.pii else LA.CLI_NO))
    return 0


def cmd_list(store, args) -> int:
    users = accounts.list_users(store)
    if not users:
        print(LA.CLI_NO_USERS)
        return 0
    cols = LA.USERS_COLUMNS
    print("\t".join([cols["username"], cols["role"], cols["towns"], cols["pii"], cols["active"], cols["demo"]]))
    for u in users:
        towns = ",".join(accounts.user_of(u).towns) or LA.CLI_ALL_TOWNS
        print("\t".join([u.username, LA.ROLE_LABELS.get(u.role, u.role), towns, LA.CLI_YES if u.pii else LA.CLI_NO,
                         LA.CLI_YES if u.active else LA.CLI_NO, LA.CLI_YES if u.demo else LA.CLI_NO]))
    return 0


def cmd_disable(store, args) -> int:
    accounts.disable(store, args.name, by=operator())
    print(LA.CLI_DISABLED.format(name=args.name))
    return 0


def cmd_passwd(store, args) -> int:
    password = _password(args)
    if password is None:
        return 2
    accounts.set_password(store, args.name, password, by=operator())
    print(LA.CLI_PASSWORD_SET.format(name=args.name))
    return 0


def cmd_verify(store, args) -> int:
    verdict = audit.verify(store)
    if verdict.ok:
        print(LA.AUDIT_OK.format(n=verdict.rows))
        return 0
    print(verdict_text(verdict), file=sys.stderr)
    return 1


def demo_accounts(store) -> list[tuple[str, str, str]]:
    """Make sure the demo accounts exist (the demo data's towns are fxdash.places.TOWNS)."""
    from fxdash.places import TOWN_BY_CODE

    return accounts.ensure_demo_accounts(store, TOWN_BY_CODE)


def print_demo_accounts() -> None:
    """Create (if missing) and print the demo accounts; a store problem is reported, not raised."""
    try:
        store = open_store()
        audit.attach(store)
        listed = demo_accounts(store)
    except (SQLAlchemyError, OSError) as exc:
        print(LA.CLI_STORE_ERROR.format(store=config.load_settings().store, detail=str(exc)[:200]), file=sys.stderr)
        return
    print(LA.DEMO_ACCOUNTS)
    for name, role, password in listed:
        print(f"  {LA.ROLE_LABELS[role]:<6}{name:<16}{password}")


def verdict_text(verdict: audit.Verdict) -> str:
    if verdict.ok:
        return LA.AUDIT_OK.format(n=verdict.rows)
    if verdict.problem == "head":
        return LA.AUDIT_BAD_HEAD
    problem = {"hash": LA.AUDIT_PROBLEM_HASH, "link": LA.AUDIT_PROBLEM_LINK, "seq": LA.AUDIT_PROBLEM_SEQ}
    return LA.AUDIT_BAD.format(seq=verdict.bad_seq, problem=problem[verdict.problem])
