-- fxdash schema: the single source of truth for every table.
-- Applied idempotently by fxdash.db.apply_schema (every statement is "if not exists").
-- Column names are English snake_case; category values are the Chinese terms staff use.
-- Coordinates are WGS-84 (lat, lon in degrees). Money is in yuan.

create table if not exists meta (
    key   varchar primary key,
    value varchar not null
);

create table if not exists towns (
    town_code varchar primary key,            -- 9-digit NBS code, e.g. 310120111
    name      varchar not null unique,
    kind      varchar not null check (kind in ('街道', '镇', '功能区')),
    lat       double  not null,
    lon       double  not null,
    area_km2  double
);

create table if not exists communities (
    community_id     varchar primary key,
    town_code        varchar not null references towns (town_code),
    name             varchar not null,
    kind             varchar check (kind in ('居委', '村委')),
    population       integer check (population >= 0),
    elderly_60_plus  integer check (elderly_60_plus >= 0),
    elderly_80_alone integer check (elderly_80_alone >= 0),
    lat              double,
    lon              double
);

create table if not exists enterprises (
    enterprise_id varchar primary key,
    name          varchar not null unique,
    business      varchar not null check (business in ('外卖', '快递', '即时配送', '网约车', '货运')),
    contact_phone varchar
);

create table if not exists sites (
    site_id       varchar primary key,
    enterprise_id varchar not null references enterprises (enterprise_id),
    town_code     varchar not null references towns (town_code),
    name          varchar not null,
    address       varchar,
    lat           double,
    lon           double,
    staff_count   integer check (staff_count >= 0)   -- headcount the company declared
);

create table if not exists branches (
    branch_id                     varchar primary key,
    name                          varchar not null unique,
    town_code                     varchar not null references towns (town_code),
    founded_on                    date    not null,
    secretary_from_new_employment boolean not null default false,
    secretary_since               date,      -- when the current secretary took office
    lat                           double,
    lon                           double
);

create table if not exists workers (
    worker_id              varchar primary key,
    name                   varchar not null,
    gender                 varchar check (gender in ('男', '女')),
    birth_year             integer check (birth_year between 1940 and 2012),
    phone                  varchar,
    occupation             varchar not null,
    enterprise_id          varchar references enterprises (enterprise_id),
    site_id                varchar references sites (site_id),
    town_code              varchar not null references towns (town_code),
    branch_id              varchar references branches (branch_id),
    party_status           varchar not null default '群众'
                           check (party_status in ('中共党员', '中共预备党员', '共青团员', '群众')),
    is_mobile_party_member boolean not null default false,
    registered_on          date,     -- 报到 at a party-mass service station
    joined_on              date    not null,
    left_on                date,
    check (left_on is null or left_on >= joined_on)
);

create table if not exists worker_roles (
    worker_id varchar not null references workers (worker_id),
    role      varchar not null check (role in ('网格信息员', '文明宣传员', '爱心接力员', '应急辅助员')),
    since     date    not null,
    until     date,
    primary key (worker_id, role, since),
    check (until is null or until >= since)
);

create table if not exists stations (
    station_id varchar primary key,
    kind       varchar not null check (kind in ('骑手驿站', '服务点位')),
    host_type  varchar not null,
    name       varchar not null,
    town_code  varchar not null references towns (town_code),
    address    varchar,
    lat        double  not null,
    lon        double  not null,
    amenities  varchar[] not null default [],
    opened_on  date    not null
);

create table if not exists friendly_scenes (
    scene_id     varchar primary key,
    name         varchar not null,
    scene_type   varchar not null check (scene_type in ('社区', '街区', '园区', '商圈', '楼宇', '阵地')),
    town_code    varchar not null references towns (town_code),
    lat          double,
    lon          double,
    batch        integer not null check (batch >= 1),
    certified_on date    not null
);

create table if not exists merchants (
    merchant_id varchar primary key,
    name        varchar not null,
    town_code   varchar not null references towns (town_code),
    offers      varchar[] not null default [],   -- what points buy here: 午餐, 修车, …
    lat         double,
    lon         double,
    joined_on   date
);

create table if not exists reports (
    report_id      varchar primary key,
    reporter_id    varchar references workers (worker_id),
    category       varchar not null,
    description    varchar,
    lat            double,
    lon            double,
    town_code      varchar not null references towns (town_code),
    community_id   varchar references communities (community_id),
    reported_at    timestamp not null,
    status         varchar not null check (status in ('待受理', '处置中', '已办结', '不予受理')),
    accepted_at    timestamp,
    resolved_at    timestamp,   -- when it was closed (已办结 or 不予受理)
    handler        varchar,
    points_awarded integer not null default 0 check (points_awarded >= 0),
    check (accepted_at is null or accepted_at >= reported_at),
    check (resolved_at is null or resolved_at >= reported_at)
);

create table if not exists points_ledger (
    entry_id    varchar primary key,
    worker_id   varchar not null references workers (worker_id),
    occurred_at timestamp not null,
    delta       integer   not null check (delta <> 0),  -- + earned, - redeemed
    reason      varchar   not null,
    report_id   varchar references reports (report_id),
    merchant_id varchar references merchants (merchant_id),
    item        varchar   -- what was redeemed (午餐, 修车, …); null for earnings
);

create table if not exists activities (
    activity_id  varchar primary key,
    kind         varchar not null,
    title        varchar,
    held_on      date    not null,
    town_code    varchar not null references towns (town_code),
    branch_id    varchar references branches (branch_id),
    community_id varchar references communities (community_id)
);

create table if not exists activity_participants (
    activity_id varchar not null references activities (activity_id),
    worker_id   varchar not null references workers (worker_id),
    hours       double  not null check (hours >= 0),
    primary key (activity_id, worker_id)
);

create table if not exists suggestions (
    suggestion_id varchar primary key,
    worker_id     varchar references workers (worker_id),
    submitted_on  date    not null,
    topic         varchar not null,
    title         varchar not null,
    status        varchar not null check (status in ('待办理', '办理中', '已答复')),
    adopted       boolean not null default false,
    closed_on     date,
    outcome       varchar,
    check (closed_on is null or closed_on >= submitted_on)
);

create table if not exists care_pairs (
    pair_id      varchar primary key,
    worker_id    varchar not null references workers (worker_id),
    community_id varchar not null references communities (community_id),
    elder_code   varchar not null,     -- pseudonymous; no elder's name is stored
    elder_age    integer check (elder_age between 60 and 120),
    since        date    not null,
    until        date,
    check (until is null or until >= since)
);

create table if not exists care_visits (
    visit_id   varchar primary key,
    pair_id    varchar not null references care_pairs (pair_id),
    visited_on date    not null,
    tasks      varchar[] not null default []
);

create table if not exists fraud_interceptions (
    case_id     varchar primary key,
    worker_id   varchar references workers (worker_id),
    town_code   varchar not null references towns (town_code),
    occurred_on date    not null,
    amount_yuan double  not null check (amount_yuan >= 0),
    method      varchar,      -- the kind of scam stopped
    description varchar
);

-- The import log and weekly snapshots live in the operational store (fxdash/store/schema.py).
