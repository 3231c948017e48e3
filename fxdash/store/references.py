"""Published reference figures (数据核对) in the operational store: current state plus full history.

Every add, edit and retirement writes the new state to reference_figures and appends the same state
to reference_history (with who and when) in one transaction, so the history is complete by design.
Checking the values (known key, rule, tolerance) is fxdash.reconcile's job; this module only stores.
"""

import datetime as dt
import uuid

import pandas as pd
from sqlalchemy import func, insert, select, update

from fxdash.store import now
from fxdash.store.schema import reference_figures as t
from fxdash.store.schema import reference_history as h

FIELDS = ("figure_key", "value", "ref_date", "rule", "tolerance", "source_title", "source_link", "source_file",
          "note", "retired")
SEED_USER = "系统（初始数据）"

ARTICLE_DATE = dt.date(2026, 3, 18)
ARTICLE_TITLE = "中国志愿《上海市奉贤区：新就业群体当上了“街区书记”》"
# The article's published figures (DESIGN.md "Published figures"): key, value, rule, tolerance, wording.
ARTICLE_FIGURES = (
    ("active_workers", 4000, "at_least", None, "新就业群体4000余人"),
    ("branches", 50, "exact", None, "已建成50个街区党支部"),
    ("mobile_party_members", 176, "exact", None, "覆盖流动党员176名"),
    ("party_activities", 60, "at_least", None, "党员理论学习、议事协商等活动累计60余场"),
    ("rider_stations", 83, "exact", None, "打造了83个骑手驿站"),
    ("service_points", 185, "exact", None, "185个服务点位"),
    ("friendly_scenes", 28, "exact", None, "建成首批28个友好场景"),
    ("role_members", 800, "about", 40, "“四大员”已有近800人"),
    ("reports", 600, "at_least", None, "累计发现上报各类问题600余条"),
    ("participations", 900, "at_least", None, "参与文明引导、应急处理等活动900余次"),
    ("fraud_amount", 3_000_000, "at_least", None, "阻止多起涉诈交易，涉及金额达300余万元"),
    ("suggestions", 30, "at_least", None, "反馈各类意见建议30余条"),
    ("zhenxing_members", 200, "about", 20, "振兴路街区党支部微信群近200人"),
    ("huqiao_population", 3900, "about", 100, "胡桥社区常住人口近3900人"),
)


def seed_rows() -> list[dict]:
    return [{"figure_key": key, "value": float(value), "ref_date": ARTICLE_DATE, "rule": rule,
             "tolerance": None if tol is None else float(tol), "source_title": ARTICLE_TITLE, "source_link": None,
             "source_file": None, "note": f"原文：{wording}", "retired": False}
            for key, value, rule, tol, wording in ARTICLE_FIGURES]


def seed(conn) -> None:
    """Migration step: the article's figures, on first start (inside the migration's transaction). The
    rows _add would write, in two statements each run for all of them: a new store's first open took
    ~45 ms, half of it compiling the same two inserts once per figure."""
    rows = [_added(row, SEED_USER) for row in seed_rows()]
    conn.execute(insert(t), [figure for figure, _ in rows])
    conn.execute(insert(h), [history_row for _, history_row in rows])


def _added(values: dict, username: str) -> tuple[dict, dict]:
    """A new figure's row and its first history row."""
    figure_id = uuid.uuid4().hex
    when = now()
    row = {k: values.get(k) for k in FIELDS}
    row["retired"] = bool(row["retired"])
    return ({"figure_id": figure_id, **row, "version": 1, "updated_at": when, "updated_by": username},
            {"figure_id": figure_id, "version": 1, "action": "add", **row, "changed_at": when,
             "changed_by": username})


def _add(conn, values: dict, username: str) -> str:
    figure, history_row = _added(values, username)
    conn.execute(insert(t).values(**figure))
    conn.execute(insert(h).values(**history_row))
    return figure["figure_id"]


def add(store, values: dict, username: str) -> str:
    """A new figure; returns its id."""
    with store.write() as conn:
        return _add(conn, values, username)


def _change(store, figure_id: str, changes: dict, username: str, action: str) -> int:
    with store.write() as conn:
        current = conn.execute(select(t).where(t.c.figure_id == figure_id)).mappings().first()
        if current is None:
            raise KeyError(figure_id)
        row = {k: current[k] for k in FIELDS} | {k: v for k, v in changes.items() if k in FIELDS}
        version, when = current["version"] + 1, now()
        conn.execute(update(t).where(t.c.figure_id == figure_id)
                     .values(**row, version=version, updated_at=when, updated_by=username))
        conn.execute(insert(h).values(figure_id=figure_id, version=version, action=action, **row, changed_at=when,
                                      changed_by=username))
    return version


def edit(store, figure_id: str, changes: dict, username: str) -> int:
    """Change some fields of a figure; returns its new version. KeyError when it does not exist."""
    return _change(store, figure_id, changes, username, "edit")


def retire(store, figure_id: str, username: str) -> int:
    """Take a figure out of the comparison (kept, with its history)."""
    return _change(store, figure_id, {"retired": True}, username, "retire")


def current(store, include_retired: bool = False) -> pd.DataFrame:
    """The figures as they stand, oldest first (stable order for the table and its export)."""
    query = select(t).order_by(t.c.ref_date, t.c.figure_key, t.c.figure_id)
    if not include_retired:
        query = query.where(t.c.retired.is_(False))
    with store.read() as conn:
        rows = conn.execute(query).mappings().all()
    return _frame(rows, ["figure_id", *FIELDS, "version", "updated_at", "updated_by"])


def stamp(store) -> tuple:
    """What every add, edit and retirement changes (the history is append-only: one row per change), to
    key a cached copy of current() by; one small read instead of every figure."""
    with store.read() as conn:
        return tuple(conn.execute(select(func.count(), func.max(h.c.changed_at)).select_from(h)).one())


def history(store, figure_id: str | None = None) -> pd.DataFrame:
    """Every recorded state, newest first (of one figure, or of all)."""
    query = select(h).order_by(h.c.changed_at.desc(), h.c.version.desc())
    if figure_id is not None:
        query = query.where(h.c.figure_id == figure_id)
    with store.read() as conn:
        rows = conn.execute(query).mappings().all()
    return _frame(rows, ["figure_id", "version", "action", *FIELDS, "changed_at", "changed_by"])


def _frame(rows, columns: list[str]) -> pd.DataFrame:
    df = pd.DataFrame([dict(r) for r in rows], columns=columns)
    df["value"] = df["value"].astype("float64")
    df["tolerance"] = df["tolerance"].astype("float64")
    df["ref_date"] = df["ref_date"].map(lambda d: d if isinstance(d, dt.date) or d is None else dt.date.fromisoformat(str(d)))
    return df
