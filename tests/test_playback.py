"""Time playback: frames add up to the period, the same grid as the density map, and the 2 MB bound."""

import datetime as dt
import shutil

import pytest

from fxdash import db, geo, playback
from fxdash.filters import Filters
from fxdash.queries import map as M
from fxdash.queries import overview, spatial
from tests.conftest import REF_DATE, TOWNS_GEOJSON

MONTH = Filters(dt.date(2026, 2, 19), REF_DATE)
ALL = Filters(dt.date(2024, 1, 1), REF_DATE)


def cell_total(frames: dict) -> int:
    return sum(sum(cells[2::3]) for cells in frames["cells"])


@pytest.mark.parametrize("f, step", [(MONTH, "day"), (MONTH, "week"), (ALL, "week"),
                                     (Filters(MONTH.date_from, REF_DATE, towns=("310120111",)), "day")])
def test_frames_add_up_to_the_periods_total(ref_con, f, step):
    """Every report of the period is in exactly one frame, and in the cells of the density map."""
    fr = playback.frames(ref_con, f, step)
    total, _ = overview.reports_in_period(ref_con, f)
    assert total > 0 and sum(fr["totals"]) == total
    assert cell_total(fr) == int(spatial.report_bins(ref_con, f, cell_m=fr["cell_m"])["reports"].sum()) == total
    assert len(fr["labels"]) == len(fr["totals"]) == len(fr["cells"])


def test_day_and_week_frames_are_labelled_as_the_department_writes_dates(ref_con):
    days = playback.frames(ref_con, MONTH, "day")
    assert days["labels"][0] == "2026年2月19日" and days["labels"][-1] == "2026年3月18日" and len(days["labels"]) == 28
    wk = playback.frames(ref_con, MONTH, "week")
    # 2026-02-19 is a Thursday: the first frame is its ISO week (W08), the last the article's week (W12)
    assert wk["labels"] == ["2026年第8周", "2026年第9周", "2026年第10周", "2026年第11周", "2026年第12周"]
    one_day = int(ref_con.execute("select count(*) from reports where reported_at::date = date '2026-03-02'").fetchone()[0])
    assert days["totals"][11] == one_day  # 2026-03-02 is the 12th day of the period


@pytest.fixture
def hundredfold(ref_db_path, tmp_path):
    """The demo data with 100 times the reports (64,800, as --scale 100), spread over the district and
    the whole period like the originals (each copy moved up to ±2 km and ±15 days)."""
    path = tmp_path / "x100.duckdb"
    shutil.copy(ref_db_path, path)
    con = db.connect(path)
    con.execute("""
        insert into reports by name
        select r.* replace (
                   printf('X%03d%s', k, r.report_id) as report_id,
                   r.lat + ((hash(k, r.report_id, 1) % 3600)::int - 1800) / 100000.0 as lat,
                   r.lon + ((hash(k, r.report_id, 2) % 4200)::int - 2100) / 100000.0 as lon,
                   least(r.reported_at + to_days((hash(k, r.report_id, 3) % 31)::int - 15), timestamp '2026-03-18 23:00')
                       as reported_at,
                   null as accepted_at, null as resolved_at, '待受理' as status)
        from reports r, range(1, 100) t(k)
    """)
    yield con
    con.close()


def test_the_playback_sends_at_most_2_mb_at_scale_100(hundredfold):
    """Day by day over the whole history (808 frames) with 64,800 reports, outlines and stations."""
    assert hundredfold.execute("select count(*) from reports").fetchone()[0] == 64_800
    fr = playback.frames(hundredfold, ALL, "day")
    assert sum(fr["totals"]) == 64_800 and len(fr["labels"]) == 808
    boundaries = geo.load_geojson(TOWNS_GEOJSON) if TOWNS_GEOJSON.exists() else None
    html = playback.document(fr, M.stations(hundredfold, ALL), boundaries, present=True)
    size = len(html.encode("utf-8"))
    print(f"playback payload at x100, 808 day frames: {size / 1e6:.2f} MB, cells {fr['cell_m']} m")
    assert size <= playback.MAX_BYTES


def test_a_tighter_budget_coarsens_the_grid_but_keeps_every_report(ref_con, monkeypatch):
    fine = playback.frames(ref_con, ALL, "day")
    monkeypatch.setattr(playback, "FRAMES_BUDGET", len(playback._dump(fine["cells"])) - 1)
    coarse = playback.frames(ref_con, ALL, "day")
    assert coarse["cell_m"] > fine["cell_m"]
    assert cell_total(coarse) == cell_total(fine) == sum(coarse["totals"]) == 648


def test_the_document_is_self_contained(ref_con):
    """No URL to fetch anything from, data inline, and a script tag in the data cannot break out."""
    fr = playback.frames(ref_con, MONTH, "day")
    fr["labels"][0] = "</script><script>alert(1)</script>"
    html = playback.document(fr, M.stations(ref_con, MONTH), None)
    assert "http://" not in html and "https://" not in html and " src=" not in html
    assert "</script><script>alert(1)" not in html
    assert html.count("</script>") == 2  # only the two real script elements end


def test_projector_mode_has_larger_type_and_a_taller_frame(ref_con):
    fr = playback.frames(ref_con, MONTH, "week")
    assert '<body class="present">' in playback.document(fr, M.stations(ref_con, MONTH), None, present=True)
    assert '<body class="">' in playback.document(fr, M.stations(ref_con, MONTH), None)
    assert playback.height(True) > playback.height(False)
