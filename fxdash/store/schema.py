"""The operational store's schema, in one place: every table the app itself writes.

Portable SQLAlchemy Core types only, so the same MetaData creates the tables on SQLite and on
PostgreSQL. Migrations (fxdash.store.migrate) create these tables by name, in versions.
"""

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", DateTime, nullable=False),
)

# Every import attempt, accepted or rejected (a dry run is a check, not an attempt).
import_log = Table(
    "import_log", metadata,
    Column("import_id", String(32), primary_key=True),
    Column("started_at", DateTime, nullable=False),
    Column("finished_at", DateTime),
    Column("username", String(100)),
    Column("file_name", String(300), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("table_name", String(100), nullable=False),
    Column("crs", String(20)),
    Column("rows_total", Integer, nullable=False, default=0),
    Column("rows_inserted", Integer, nullable=False, default=0),
    Column("rows_updated", Integer, nullable=False, default=0),
    Column("rows_unchanged", Integer, nullable=False, default=0),
    Column("status", String(20), nullable=False),  # fxdash.labels.ingest IMPORT_STATUS_DONE / _FAILED: 成功 / 失败
    Column("message", Text),
    Column("archived_as", String(1000)),
    Column("changes", Text),  # JSON: per-column change counts of an accepted import
    Column("version", String(100)),  # the analytics version an accepted import produced
)

# A week's figures as reported in the meeting ("as reported then"), per view (filters).
weekly_snapshots = Table(
    "weekly_snapshots", metadata,
    Column("week", String(10), primary_key=True),  # ISO week, e.g. 2026-W47
    Column("filters", String(2000), primary_key=True),  # URL query of the filters other than the period
    Column("metric", String(50), primary_key=True),  # key from fxdash.queries.weekly.METRICS
    Column("saved_at", DateTime, primary_key=True),
    Column("value", Float),
    Column("saved_by", String(100), nullable=False),
)

# Small named values the app sets at run time (e.g. the uploaded boundary file).
settings = Table(
    "settings", metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("updated_by", String(100)),
)

users = Table(
    "users", metadata,
    Column("username", String(40), primary_key=True),
    Column("role", String(20), nullable=False),  # fxdash.access.ROLES
    Column("towns", Text, nullable=False, default="[]"),  # JSON list of town codes; [] = every town
    Column("pii", Boolean, nullable=False, default=False),
    Column("password_hash", String(200), nullable=False),  # argon2id, never the password
    Column("active", Boolean, nullable=False, default=True),
    Column("demo", Boolean, nullable=False, default=False),  # works only while the data is demo data
    Column("failed_logins", Integer, nullable=False, default=0),
    Column("locked_until", DateTime),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

# A signed-in browser session; the token itself lives only in the browser session's state.
sessions = Table(
    "sessions", metadata,
    Column("token_hash", String(64), primary_key=True),  # sha256 of the random token
    Column("username", String(40), ForeignKey("users.username"), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("last_seen", DateTime, nullable=False),
    Column("ended_at", DateTime),
    Column("end_reason", String(20)),  # logout / expired / disabled
)

# Append-only, hash-chained: hash = sha256(prev_hash + canonical JSON of the row).
audit_log = Table(
    "audit_log", metadata,
    Column("seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False),
    Column("ts", DateTime, nullable=False),
    Column("username", String(100)),
    Column("action", String(50), nullable=False),
    Column("detail", Text, nullable=False),  # canonical JSON
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

# One row (id 1): the chain's last seq and hash. Appends lock it, so two processes cannot fork the
# chain, and verify compares the last row with it, so a deleted tail shows.
audit_head = Table(
    "audit_head", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
)


def _reference_columns() -> list:
    return [
        Column("figure_key", String(50), nullable=False),  # fxdash.reconcile.FIGURES: how the dashboard computes it
        Column("value", Float, nullable=False),  # the published value
        Column("ref_date", Date, nullable=False),  # the date the published figure refers to
        Column("rule", String(20), nullable=False),  # exact / at_least / about
        Column("tolerance", Float),  # for 'about': the allowed absolute difference
        Column("source_title", String(300), nullable=False),
        Column("source_link", String(1000)),
        Column("source_file", String(300)),
        Column("note", Text),
        Column("retired", Boolean, nullable=False, default=False),
    ]


# Published reference figures (数据核对): the current state of each figure...
reference_figures = Table(
    "reference_figures", metadata,
    Column("figure_id", String(32), primary_key=True),
    *_reference_columns(),
    Column("version", Integer, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("updated_by", String(100), nullable=False),
)

# ...and every state it ever had: each add, edit and retirement is a new row here, with who and when.
reference_history = Table(
    "reference_history", metadata,
    Column("figure_id", String(32), primary_key=True),
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("action", String(20), nullable=False),  # add / edit / retire
    *_reference_columns(),
    Column("changed_at", DateTime, nullable=False),
    Column("changed_by", String(100), nullable=False),
)
