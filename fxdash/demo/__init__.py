"""Deterministic demo data, calibrated to the figures published on 2026-03-18.

The world is generated from 2024-01-01 up to a horizon (the later of as_of and the article's date),
then cut at as_of: nothing dated after as_of survives, and statuses are those as of as_of.
Every component draws from its own random stream (seed, stream number), so the history before
2026-03-18 does not depend on as_of.

Two entry points, as in datasette's fixtures: `populate_demo(con, ...)` fills an open database,
`write_demo(path, ...)` builds a fresh file atomically.

Modules (the generators run in this order, after world and targets):
  world    the time axis (START, REF), World with its random streams, points inside a town
  targets  the published figures reproduced at REF
  places   towns, communities, enterprises and their sites, block party branches
  people   workers, their party status and branch, the four roles, Picker (who was active on a day)
  venues   rider stations and service points, friendly scenes, merchants
  reports  problem reports and their lifecycle
  events   activities, suggestions, care pairs and visits, fraud interceptions
  cut      the world cut at as_of, and the points ledger
  build    GENERATORS, TABLE_ORDER, populate_demo, write_demo
"""

from fxdash.demo.build import GENERATORS, TABLE_ORDER, has_real_data, populate_demo, publish_demo, write_demo
from fxdash.demo.cut import REDEEM_PRICE, cut_tables
from fxdash.demo.events import VOLUNTEER_KIND_P
from fxdash.demo.people import OCCUPATION_P
from fxdash.demo.reports import CATEGORY_P, HOUR_P, POINTS_BY_CATEGORY
from fxdash.demo.targets import (
    BRANCHES,
    RIDER_STATIONS,
    SCENES_BATCH1,
    SERVICE_POINTS,
    TARGET_ACTIVE,
    TARGET_FRAUD_TOTAL,
    TARGET_MOBILE_PARTY,
    TARGET_PARTY_ACTIVITIES,
    TARGET_REPORTS,
    TARGET_ROLE_HOLDERS,
    TARGET_SUGGESTIONS,
    TARGET_VOLUNTEER_PARTICIPATIONS,
    ZHENXING_MEMBERS,
)
from fxdash.demo.world import NAT, REF, ROLES_START, START, World, points_in_town

__all__ = [
    "BRANCHES",
    "CATEGORY_P",
    "GENERATORS",
    "HOUR_P",
    "NAT",
    "OCCUPATION_P",
    "POINTS_BY_CATEGORY",
    "REDEEM_PRICE",
    "REF",
    "RIDER_STATIONS",
    "ROLES_START",
    "SCENES_BATCH1",
    "SERVICE_POINTS",
    "START",
    "TABLE_ORDER",
    "TARGET_ACTIVE",
    "TARGET_FRAUD_TOTAL",
    "TARGET_MOBILE_PARTY",
    "TARGET_PARTY_ACTIVITIES",
    "TARGET_REPORTS",
    "TARGET_ROLE_HOLDERS",
    "TARGET_SUGGESTIONS",
    "TARGET_VOLUNTEER_PARTICIPATIONS",
    "VOLUNTEER_KIND_P",
    "World",
    "ZHENXING_MEMBERS",
    "cut_tables",
    "points_in_town",
    "populate_demo",
    "has_real_data",
    "publish_demo",
    "write_demo",
]
