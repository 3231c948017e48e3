"""Versioned schema migrations, recorded in schema_migrations and run when a process opens the store.

Idempotent (an applied version is skipped) and safe when several processes start at once: the whole
upgrade runs in one write transaction that first takes a lock (SQLite: BEGIN IMMEDIATE; PostgreSQL:
a transaction-scoped advisory lock), and DDL is transactional on both.
"""

from sqlalchemy import insert, select, text

from fxdash.store import now, schema

_PG_LOCK_KEY = 0x66786473  # 'fxds': any fixed number shared by every fxdash process


def _create(*tables):
    def step(conn):
        for table in tables:
            table.create(conn, checkfirst=True)
    return step


def _references(conn):
    """The reference-figure tables, seeded with the article's figures (the first start's state)."""
    from fxdash.store import references

    _create(schema.reference_figures, schema.reference_history)(conn)
    references.seed(conn)


def _init_audit_head(conn):
    conn.execute(insert(schema.audit_head).values(id=1, seq=0, hash="0" * 64))


# (version, name, step). Append only: never edit a migration that has shipped.
MIGRATIONS = (
    (1, "import log, weekly snapshots, settings",
     _create(schema.import_log, schema.weekly_snapshots, schema.settings)),
    (2, "users, sessions, audit log", _create(schema.users, schema.sessions, schema.audit_log, schema.audit_head)),
    (3, "audit chain head", _init_audit_head),
    (10, "reference figures (数据核对) with history, seeded with the article's figures", _references),
)


def applied(conn) -> set[int]:
    return set(conn.execute(select(schema.schema_migrations.c.version)).scalars())


def upgrade(store) -> list[int]:
    """Apply the missing migrations; return the versions applied now (empty when up to date)."""
    done = []
    with store.write() as conn:
        if store.dialect == "postgresql":
            conn.execute(text("select pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
        schema.schema_migrations.create(conn, checkfirst=True)
        have = applied(conn)
        for version, name, step in MIGRATIONS:
            if version in have:
                continue
            step(conn)
            conn.execute(insert(schema.schema_migrations).values(version=version, name=name, applied_at=now()))
            done.append(version)
    return done
