"""Demo data of the care programme: it pairs volunteers with elders aged 80+ living alone (胡桥社区's
倡议 in the article), so every generated elder is 80 or older, before and after the article's date."""

import pytest


@pytest.mark.parametrize("fixture", ["ref_con", "app_con"])
def test_every_elder_in_the_care_programme_is_80_or_older(fixture, request):
    con = request.getfixturevalue(fixture)
    n, youngest = con.execute("select count(*), min(elder_age) from care_pairs").fetchone()
    assert n > 100, "the programme should have pairs to check"
    assert youngest >= 80, f"an elder aged {youngest} in the 80+ programme"

