"""role_members as a semi-join of the registry on the holdings (issue 17) counts exactly the people
its plain form counted: distinct holders, over the join with the registry, at the period end."""

import datetime as dt

import pytest

from fxdash.filters import Filters
from fxdash.queries import common
from tests.test_query_rewrites import FILTER_SETS

SETS = {**FILTER_SETS, "cumulative": Filters(dt.date(2000, 1, 1), dt.date(2026, 3, 18)),
        "early day": Filters(dt.date(2024, 1, 1), dt.date(2024, 6, 30))}


def plain(con, f: Filters) -> int:
    cond, params = common.worker_where(f, named=True)
    rcond, rparams = f.where(role="r.role", named=True)
    sql = f"""
        select count(distinct r.worker_id) from worker_roles r join workers w using (worker_id)
        where r.since <= $date_to and (r.until is null or r.until > $date_to)
          and {common.active_at('w', '$date_to')} and {cond} and {rcond}
    """
    return con.execute(sql, common.bind(params, rparams, date_to=f.date_to)).fetchone()[0]


@pytest.mark.parametrize("name", list(SETS))
def test_role_members_counts_the_holders_the_join_counted(ref_con, name):
    f = SETS[name]
    want = plain(ref_con, f)
    assert common.role_members(ref_con, f) == want
    assert want > 0 or name == "early day"
