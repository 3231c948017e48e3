"""The comparison of published figures reads one branch's group and one community's population by
lookups of their own (issue 17: the comparison's dearest queries computed every branch and every
community to read one number). They give exactly what branch_table and community_profile give."""

import datetime as dt

import pytest

from fxdash import reconcile
from fxdash.filters import Filters
from fxdash.queries import community, people_party
from tests.conftest import REF_DATE

QINGCUN = "310120111"
FILTER_SETS = {
    "cumulative": Filters(reconcile.EPOCH, REF_DATE),
    "early day": Filters(reconcile.EPOCH, dt.date(2024, 6, 30)),
    "town scope": Filters(reconcile.EPOCH, REF_DATE, scope=(QINGCUN,)),
    "towns and occupation": Filters(dt.date(2026, 1, 1), REF_DATE, towns=(QINGCUN,), occupations=("外卖骑手",)),
}
SETS = pytest.mark.parametrize("name", list(FILTER_SETS))


@SETS
def test_a_branch_group_is_the_group_size_of_the_branch_table(ref_con, name):
    f = FILTER_SETS[name]
    table = people_party.branch_table(ref_con, f)
    names = ref_con.execute("select name from branches").fetchall()
    for (branch,) in [*names, ("不存在的支部",)]:
        rows = table[table["branch"] == branch]
        want = None if rows.empty else int(rows["group_size"].iloc[0])
        assert people_party.branch_group_size(ref_con, f, branch) == want, branch
    assert table["group_size"].sum() > 0 or name == "early day"


@SETS
def test_a_community_population_is_the_one_of_its_profile(ref_con, name):
    f = FILTER_SETS[name]
    names = ref_con.execute("select name from communities").fetchall()
    seen = 0
    for (place,) in [*names, ("不存在的社区",)]:
        profile = community.community_profile(ref_con, f, place)
        want = None if profile is None else profile["population"]
        assert community.community_population(ref_con, f, place) == want, place
        seen += want is not None
    assert seen  # some community passes every filter set
