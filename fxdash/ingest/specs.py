"""Table specs for import and export, derived once from the schema.

Types, required columns, defaults, keys, unique columns, references and checks come from DuckDB's
catalogue (information_schema / duckdb_constraints) of a scratch database built from schema.sql,
so they cannot drift from the DDL. Only what the catalogue cannot know is declared here: Chinese
headers (fxdash.ingest.contract), vocabularies (fxdash.labels.vocab), which columns are phones or coordinates,
and one example row per table for the templates.
"""

from dataclasses import dataclass, field
from functools import cache

from fxdash import db
from fxdash.ingest.contract import IMPORT_COLUMNS
from fxdash.labels import common as LC
from fxdash.labels import data as LD
from fxdash.labels import ingest as X
from fxdash.labels import vocab as V

# Tables staff can import, in dependency order (a table only references tables before it).
IMPORTABLE = (
    "enterprises", "sites", "communities", "branches", "workers", "worker_roles", "stations",
    "friendly_scenes", "merchants", "reports", "points_ledger", "activities", "activity_participants",
    "suggestions", "care_pairs", "care_visits", "fraud_interceptions",
)
# Tables that can be downloaded (everything staff may want to look at; the import log lives in the
# operational store and is downloaded from the data page's log tab).
EXPORTABLE = ("towns", *IMPORTABLE)

VOCABULARIES = {
    ("towns", "kind"): V.TOWN_KINDS,
    ("communities", "kind"): V.COMMUNITY_KINDS,
    ("enterprises", "business"): V.BUSINESSES,
    ("workers", "gender"): V.GENDERS,
    ("workers", "occupation"): V.OCCUPATIONS,
    ("workers", "party_status"): V.PARTY_STATUSES,
    ("worker_roles", "role"): V.ROLES,
    ("stations", "kind"): V.STATION_KINDS,
    ("stations", "host_type"): V.HOST_TYPES,
    ("stations", "amenities"): V.AMENITIES,
    ("friendly_scenes", "scene_type"): V.SCENE_TYPES,
    ("merchants", "offers"): V.REDEEM_ITEMS,
    ("reports", "category"): V.REPORT_CATEGORIES,
    ("reports", "status"): V.REPORT_STATUSES,
    ("points_ledger", "reason"): V.POINT_REASONS,
    ("points_ledger", "item"): V.REDEEM_ITEMS,
    ("activities", "kind"): V.ACTIVITY_KINDS,
    ("suggestions", "topic"): V.SUGGESTION_TOPICS,
    ("suggestions", "status"): V.SUGGESTION_STATUSES,
    ("care_visits", "tasks"): V.CARE_TASKS,
}
GROUPING_TABLES = ("towns", "enterprises", "sites", "communities", "branches")  # see Column.fill_down
PHONE_COLUMNS = {("workers", "phone"), ("enterprises", "contact_phone")}

# One plausible row per table (values as staff would type them), for the templates.
EXAMPLES = {
    "enterprises": {"enterprise_id": "E101", "name": "示例同城配送", "business": "即时配送", "contact_phone": "021-57123456"},
    "sites": {"site_id": "S1001", "enterprise_id": "E001", "town_code": "青村镇", "name": "示例青村站",
              "address": "上海市奉贤区青村镇振兴路 1 号", "lat": "30.9064", "lon": "121.5439", "staff_count": "35"},
    "communities": {"community_id": "C1001", "town_code": "柘林镇", "name": "示例社区", "kind": "居委",
                    "population": "3900", "elderly_60_plus": "1365", "elderly_80_alone": "210",
                    "lat": "30.8497", "lon": "121.4128"},
    "branches": {"branch_id": "B101", "name": "示例街区党支部", "town_code": "青村镇", "founded_on": "2024-05-01",
                 "secretary_from_new_employment": "是", "secretary_since": "2025-08-01",
                 "lat": "30.9064", "lon": "121.5439"},
    "workers": {"worker_id": "W9000001", "name": "张三", "gender": "男", "birth_year": "1995", "phone": "13800000000",
                "occupation": "外卖骑手", "enterprise_id": "E001", "site_id": "S0001", "town_code": "金汇镇",
                "branch_id": "", "party_status": "群众", "is_mobile_party_member": "否", "registered_on": "2026/3/1",
                "joined_on": "2026年2月15日", "left_on": ""},
    "worker_roles": {"worker_id": "W0000001", "role": "网格信息员", "since": "2026-03-01", "until": ""},
    "stations": {"station_id": "ST9001", "kind": "骑手驿站", "host_type": "党群服务站", "name": "示例骑手驿站",
                 "town_code": "南桥镇", "address": "上海市奉贤区南桥镇", "lat": "30.9082", "lon": "121.4587",
                 "amenities": "停车、热水、手机充电", "opened_on": "2026-03-18"},
    "friendly_scenes": {"scene_id": "FS901", "name": "示例友好商圈", "scene_type": "商圈", "town_code": "奉浦街道",
                        "lat": "30.9383", "lon": "121.4580", "batch": "2", "certified_on": "2026-06-30"},
    "merchants": {"merchant_id": "M901", "name": "示例面馆", "town_code": "青村镇", "offers": "午餐、饮品",
                  "lat": "30.9074", "lon": "121.5449", "joined_on": "2026-03-01"},
    "reports": {"report_id": "R9000001", "reporter_id": "W0000001", "category": "安全隐患",
                "description": "路口井盖缺失", "lat": "30.9064", "lon": "121.5439", "town_code": "青村镇",
                "community_id": "", "reported_at": "2026-03-18 09:30", "status": "处置中",
                "accepted_at": "2026-03-18 10:05", "resolved_at": "", "handler": "青村城运中心",
                "points_awarded": "0"},
    "points_ledger": {"entry_id": "P90000001", "worker_id": "W0000001", "occurred_at": "2026-03-18 12:00",
                      "delta": "-10", "reason": "积分兑换", "report_id": "", "merchant_id": "M001", "item": "午餐"},
    "activities": {"activity_id": "A900001", "kind": "反诈宣传", "title": "青村镇反诈宣传志愿活动",
                   "held_on": "2026-03-18", "town_code": "青村镇", "branch_id": "", "community_id": ""},
    "activity_participants": {"activity_id": "A000001", "worker_id": "W0000001", "hours": "2"},
    "suggestions": {"suggestion_id": "SG9001", "worker_id": "W0000001", "submitted_on": "2026-03-18",
                    "topic": "新就业群体服务", "title": "在商圈增设骑手休息点", "status": "待办理", "adopted": "否",
                    "closed_on": "", "outcome": ""},
    "care_pairs": {"pair_id": "CP90001", "worker_id": "W0000001", "community_id": "C0001",
                   "elder_code": "老人0001-900", "elder_age": "86", "since": "2026-03-18", "until": ""},
    "care_visits": {"visit_id": "CV9000001", "pair_id": "CP00001", "visited_on": "2026-03-20", "tasks": "送药、陪伴聊天"},
    "fraud_interceptions": {"case_id": "F9001", "worker_id": "W0000001", "town_code": "青村镇",
                            "occurred_on": "2026-03-18", "amount_yuan": "50000", "method": "冒充公检法",
                            "description": "配送途中劝阻老人转账"},
}

_TYPES = {"VARCHAR": "text", "INTEGER": "int", "BIGINT": "int", "DOUBLE": "float", "DATE": "date",
          "TIMESTAMP": "timestamp", "BOOLEAN": "bool", "VARCHAR[]": "list"}


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    help: str
    sql_type: str  # DuckDB type, e.g. DATE, VARCHAR[]
    kind: str  # text / int / float / date / timestamp / bool / list
    nullable: bool
    default: str | None  # SQL default expression, if any
    vocab: tuple[str, ...] | None = None
    ref: tuple[str, str] | None = None  # (table, column) this column references
    phone: bool = False

    @property
    def fill_down(self) -> bool:
        """A merged cell may stand for every row it spans: a reference (town, enterprise, site…) or a
        category, which staff often merge over a block of rows. Never ids, names, numbers or phones."""
        return self.vocab is not None or (self.ref is not None and self.ref[0] in GROUPING_TABLES)

    @property
    def required(self) -> bool:
        """A value must be given: NOT NULL without a default."""
        return not self.nullable and self.default is None


@dataclass(frozen=True)
class Check:
    expression: str  # SQL from the schema (code, never input)
    columns: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class TableSpec:
    name: str
    label: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    unique: tuple[tuple[str, ...], ...] = ()
    checks: tuple[Check, ...] = ()
    example: dict = field(default_factory=dict)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def key_label(self) -> str:
        return "、".join(self.column(k).label for k in self.key)


@cache
def specs() -> dict[str, TableSpec]:
    """Every exportable table's spec, read from a scratch in-memory copy of the schema."""
    con = db.connect(":memory:")
    try:
        return {t: _spec(con, t) for t in EXPORTABLE}
    finally:
        con.close()


def spec(table: str) -> TableSpec:
    return specs()[table]


def _spec(con, table: str) -> TableSpec:
    cols = con.execute(
        "select column_name, data_type, is_nullable, column_default from information_schema.columns "
        "where table_schema = 'main' and table_name = ? order by ordinal_position", [table]).fetchall()
    cons = con.execute(
        "select constraint_type, constraint_column_names, expression, referenced_table, referenced_column_names "
        "from duckdb_constraints() where schema_name = 'main' and table_name = ?", [table]).fetchall()
    refs, key, unique, checks = {}, (), [], []
    for ctype, names, expression, ref_table, ref_cols in cons:
        if ctype == "FOREIGN KEY":
            refs[names[0]] = (ref_table, ref_cols[0])
        elif ctype == "PRIMARY KEY":
            key = tuple(names)
        elif ctype == "UNIQUE":
            unique.append(tuple(names))
        elif ctype == "CHECK" and " IN (" not in expression:  # IN lists are vocabularies, checked by name
            distinct = tuple(sorted(set(names)))
            message = X.CHECK_MESSAGES.get(f"{table}:{','.join(distinct)}")
            checks.append(Check(expression, distinct, message or ""))
    headers = IMPORT_COLUMNS.get(table, {})
    columns = []
    for name, sql_type, nullable, default in cols:
        label, help_text = headers.get(name, (LC.COLUMN_LABELS.get(name, name), ""))
        columns.append(Column(
            name=name, label=label, help=help_text, sql_type=sql_type, kind=_TYPES.get(sql_type, "text"),
            nullable=nullable == "YES", default=default, vocab=VOCABULARIES.get((table, name)),
            ref=refs.get(name), phone=(table, name) in PHONE_COLUMNS))
    by_name = {c.name: c for c in columns}
    checks = tuple(Check(c.expression, c.columns, c.message or X.CHECK_FALLBACK.format(
        columns="、".join(by_name[n].label for n in c.columns))) for c in checks)
    return TableSpec(name=table, label=LD.TABLE_LABELS.get(table, table), columns=tuple(columns), key=key,
                     unique=tuple(unique), checks=checks, example=EXAMPLES.get(table, {}))
