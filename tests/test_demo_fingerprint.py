"""The demo data is a contract: the article's figures, and many counts the tests assert, come from it.
Its generators are made faster without changing one value, so each table at scale 1 is pinned here
(sha256 of its rows in sorted order), and the shortcuts that replace numpy calls draw exactly what
those calls draw. A deliberate change to the demo updates the pins below in the same commit."""

import hashlib

import numpy as np
import pytest

from fxdash import demo
from fxdash.demo.people import Picker
from fxdash.demo.world import TOWNS, World, choice_without_replacement, near_points, points_in_town, spread_points

PINNED = {  # first 16 hex digits of each table's digest; built by the generators as of 2026-11-29
    "ref": {  # as of 2026-03-18 (the article's date), seed 42, scale 1
        "towns": "cb6e94dbe44f6d77", "communities": "1686da75e9440fb2", "enterprises": "db2c8fa61a0e7d36",
        "sites": "8a6fe50c2910d12a", "branches": "850dbddc14232062", "workers": "2f4f2bdb5cee75d4",
        "worker_roles": "10c14be17632e338", "stations": "cf41a198adfc4fdb", "friendly_scenes": "488b43ff7334e96e",
        "merchants": "0846739486e8e2cb", "reports": "7ddfd3ba26512160", "points_ledger": "63fed60829541f11",
        "activities": "527c49989fd95f41", "activity_participants": "3f58b2ee8d257ed8",
        "suggestions": "106b9b2ee7f064bd", "care_pairs": "39934a4ea9cde88c", "care_visits": "995e148cd0796fb0",
        "fraud_interceptions": "4aead99343fbf436",
    },
    "app": {  # as of 2026-11-27 (the app tests' date: the world after the article too)
        "towns": "cb6e94dbe44f6d77", "communities": "1686da75e9440fb2", "enterprises": "db2c8fa61a0e7d36",
        "sites": "e9c500fdd031b765", "branches": "5f4aa91c7c6ef33b", "workers": "e104ecd2f3598101",
        "worker_roles": "6ebb9f4c3eb3fa0f", "stations": "30036b1b29d923ec", "friendly_scenes": "48a9b8c34042c293",
        "merchants": "4dfa5051e42df0e7", "reports": "a767f9618f9d5d35", "points_ledger": "c5b8710b5a2f54bb",
        "activities": "ac40e4b7592f2067", "activity_participants": "fc61c58b148ea34e",
        "suggestions": "ca3b03ec679f92f9", "care_pairs": "d0dd9a97c2c4aef8", "care_visits": "e688d76b3d890efc",
        "fraud_interceptions": "c653a9f606943fe7",
    },
}


def _digests(con) -> dict[str, str]:
    out = {}
    for table in demo.TABLE_ORDER:
        h = hashlib.sha256()
        for row in con.execute(f'select * from "{table}" order by all').fetchall():  # names from TABLE_ORDER
            h.update(repr(row).encode())
        out[table] = h.hexdigest()[:16]
    return out


@pytest.mark.parametrize("which", ["ref", "app"])
def test_every_demo_table_is_exactly_as_pinned(which, request):
    con = request.getfixturevalue(f"{which}_con")
    assert _digests(con) == PINNED[which]


def test_choice_without_replacement_draws_what_numpy_draws():
    for seed in range(400):
        p = np.random.default_rng(seed).dirichlet(np.full(7, 0.4 if seed % 2 else 3.0))
        ours, numpy = np.random.default_rng([seed, 1]), np.random.default_rng([seed, 1])
        for size in (1, 2, 3, 5, 7):
            assert choice_without_replacement(ours, p, size) == numpy.choice(7, size, replace=False, p=p).tolist()
        assert ours.bit_generator.state == numpy.bit_generator.state


def _points_as_before(rng, town, n, centre=None, sigma_km=0.0):
    """points_in_town as it was written before the batched draws (the reference for the new one)."""
    anchors = np.array(town.anchors)
    kx, ky = 111.32 * np.cos(np.radians(30.9)), 110.57
    if centre is not None:
        d = np.hypot((anchors[:, 0] - centre[0]) * kx, (anchors[:, 1] - centre[1]) * ky) / anchors[:, 2]
        a = anchors[int(np.argmin(d))]
        out, filled = np.empty((n, 2)), 0
        while filled < n:
            k = (n - filled) * 2
            p = np.column_stack([centre[0] + rng.normal(0, sigma_km / kx, k), centre[1] + rng.normal(0, sigma_km / ky, k)])
            take = p[np.hypot((p[:, 0] - a[0]) * kx, (p[:, 1] - a[1]) * ky) < a[2] * 0.92][: n - filled]
            out[filled: filled + len(take)] = take
            filled += len(take)
        return out
    idx = rng.choice(len(anchors), size=n, p=anchors[:, 2] ** 2 / (anchors[:, 2] ** 2).sum())
    r = anchors[idx, 2] * 0.92 * np.sqrt(rng.random(n))
    theta = rng.random(n) * 2 * np.pi
    return np.column_stack([anchors[idx, 0] + r * np.cos(theta) / kx, anchors[idx, 1] + r * np.sin(theta) / ky])


def test_points_in_town_draws_what_the_one_by_one_calls_drew():
    for seed, town in enumerate(TOWNS * 20):
        old, new, batched = (np.random.default_rng([seed, 2]) for _ in range(3))
        n = 1 + seed % 5
        centre = town.anchors[0][:2]
        assert np.array_equal(points_in_town(new, town.code, n), _points_as_before(old, town, n))
        assert np.array_equal(near_points(new, town.code, n, centre, 0.35), _points_as_before(old, town, n, centre, 0.35))
        assert new.bit_generator.state == old.bit_generator.state
        uniforms = batched.random(3 * n).reshape(3, n).T  # what reports.py draws and places later
        assert np.array_equal(spread_points(town.code, uniforms), _points_as_before(np.random.default_rng([seed, 2]), town, n))


class _PickerAsBefore:
    """Picker.pick as it was written before the batched tries: one integers() call per try."""

    def __init__(self, w: World, rng):
        wk, rl = w.tables["workers"], w.tables["worker_roles"]
        self.rng = rng
        self.joined, self.left, self.town = (wk[c].to_numpy() for c in ("joined_day", "left_day", "town_code"))
        self.by_role = {r: g[["idx", "since_day", "until_day"]].to_numpy() for r, g in rl.groupby("role")}
        self.any_role = rl[["idx", "since_day", "until_day"]].to_numpy()

    def pick(self, day, role=None, town=None) -> int:
        pool = self.by_role.get(role, self.any_role) if role != "" else None
        if pool is not None and len(pool):
            for _ in range(40):
                i, s, u = pool[self.rng.integers(len(pool))]
                if s <= day < u and (town is None or self.town[i] == town):
                    return int(i)
        for _ in range(200):
            i = int(self.rng.integers(len(self.joined)))
            if self.joined[i] <= day < self.left[i] and (town is None or self.town[i] == town):
                return i
        for _ in range(200):
            i = int(self.rng.integers(len(self.joined)))
            if self.joined[i] <= day < self.left[i]:
                return i
        return int(self.rng.integers(len(self.joined)))


def test_picker_picks_and_draws_as_one_try_at_a_time():
    from fxdash.demo.build import GENERATORS
    from fxdash.labels import vocab as V

    w = World(seed=42, scale=1, horizon=demo.REF)
    for _, fns in GENERATORS[:3]:  # places and people: what a Picker reads
        for fn in fns:
            fn(w)
    ours, before = Picker(w, np.random.default_rng(5)), _PickerAsBefore(w, np.random.default_rng(5))
    asks = np.random.default_rng(6)
    towns = [t.code for t in TOWNS] + ["999999999"]  # a town nobody lives in: every try fails
    roles = [None, "", *V.ROLES, "not a role"]
    for _ in range(1500):
        day = int(asks.integers(0, 900))
        role = roles[int(asks.integers(len(roles)))]
        town = None if asks.random() < 0.4 else towns[int(asks.integers(len(towns)))]
        assert ours.pick(day, role, town) == before.pick(day, role, town)
    assert ours.rng.bit_generator.state == before.rng.bit_generator.state
