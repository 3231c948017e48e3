"""Reports page queries on hand-made reports with known answers: deadlines, overdue, on-time share,
filters, drill-down, masking and export; then a sanity check on the calibrated demo."""

import datetime as dt
import io

import pandas as pd
import pytest

from fxdash import config, export, rights
from fxdash.filters import Filters
from fxdash.labels import reports as LRP
from fxdash.privacy import mask_name, mask_phone
from fxdash.queries import report_drill
from fxdash.queries import reports as R

D = dt.date
PERIOD = Filters(D(2026, 3, 1), D(2026, 3, 18))  # T = 2026-03-19 00:00
DEADLINES = {"安全隐患": 3.0, "其他": 7.0, "乱堆乱放": 7.0}


@pytest.fixture
def con(empty_con):
    """Two towns, two workers and eight reports whose outcomes at 2026-03-19 00:00 are known."""
    c = empty_con
    c.execute("insert into towns values ('T1', '甲镇', '镇', 30.9, 121.5, 10), ('T2', '乙镇', '镇', 30.8, 121.4, 10)")
    c.execute("insert into communities (community_id, town_code, name, population) values ('C1', 'T1', '甲村', 2000)")
    c.execute("""insert into workers (worker_id, name, phone, occupation, town_code, joined_on) values
        ('W1', '王小明', '13812341234', '快递员', 'T1', '2025-01-01'),
        ('W2', '李四', '15900001111', '外卖骑手', 'T2', '2025-01-01')""")
    c.execute("""insert into reports (report_id, reporter_id, category, description, town_code, community_id,
                                      lat, lon, reported_at, status, accepted_at, resolved_at, points_awarded) values
        -- A: resolved exactly at the 3-day deadline -> on time
        ('A', 'W1', '安全隐患', '井盖松动', 'T1', 'C1', 30.9, 121.5,
         '2026-03-10 10:00', '已办结', '2026-03-10 12:00', '2026-03-13 10:00', 10),
        -- B: resolved one second after the deadline -> late
        ('B', 'W1', '安全隐患', '=HYPERLINK("http://x")', 'T1', null, 30.9, 121.5,
         '2026-03-10 10:00', '已办结', '2026-03-10 11:00', '2026-03-13 10:00:01', 10),
        -- C: still in progress after 13.67 days, deadline 7 -> overdue by 6.67 days
        ('C', 'W2', '其他', '+86 噪音', 'T2', null, 30.8, 121.4,
         '2026-03-05 08:00', '处置中', '2026-03-05 09:00', null, 0),
        -- D: waiting 4 days of 7 -> pending
        ('D', 'W2', '其他', '-门禁损坏', 'T2', null, 30.8, 121.4, '2026-03-15 00:00', '待受理', null, null, 0),
        -- E: rejected -> not a handling, left out of the on-time share
        ('E', 'W1', '乱堆乱放', '@杂物', 'T1', null, 30.9, 121.5,
         '2026-03-02 09:00', '不予受理', null, '2026-03-02 12:00', 0),
        -- F: before the period and still waiting -> in the backlog's overdue list only
        ('F', 'W1', '安全隐患', '广告牌松脱', 'T1', null, 30.9, 121.5, '2026-02-01 00:00', '待受理', null, null, 0),
        -- G: resolved after T; at T open for exactly its 7 days -> not (yet) overdue
        ('G', 'W2', '其他', '路灯不亮', 'T2', null, 30.8, 121.4,
         '2026-03-12 00:00', '已办结', '2026-03-12 06:00', '2026-03-20 00:00', 5),
        -- H: reported on the last evening, resolved the next morning -> open (pending) at T
        ('H', 'W1', '安全隐患', '护栏损坏', 'T1', null, 30.9, 121.5,
         '2026-03-18 20:00', '已办结', null, '2026-03-19 08:00', 10)""")
    return c


def outcomes(con, f=PERIOD, deadlines=DEADLINES, **kw) -> dict:
    df = R.report_outcomes(con, f, deadlines, **kw)
    return dict(zip(df["report_id"], df["outcome"]))


def test_outcomes_at_the_period_end_follow_the_deadline_rules(con):
    """Exactly at the deadline is on time; one second later is late; open past it is overdue."""
    assert outcomes(con) == {"A": "on_time", "B": "late", "C": "overdue", "D": "pending", "E": "rejected",
                             "G": "pending", "H": "pending"}


def test_a_report_closed_after_the_period_end_counts_as_open_at_that_end(con):
    df = R.report_outcomes(con, PERIOD, DEADLINES).set_index("report_id")
    assert df.loc["G", "status_at_end"] == "处置中" and df.loc["H", "status_at_end"] == "待受理"
    assert df.loc["G", "age_days"] == pytest.approx(7.0)
    later = outcomes(con, PERIOD.with_period(D(2026, 3, 1), D(2026, 3, 20)))
    assert later["G"] == "late" and later["H"] == "on_time"


def test_durations_are_measured_from_the_timestamps(con):
    df = R.report_outcomes(con, PERIOD, DEADLINES).set_index("report_id")
    assert df.loc["A", "days_to_resolve"] == pytest.approx(3.0)
    assert df.loc["A", "hours_to_accept"] == pytest.approx(2.0)
    assert df.loc["C", "age_days"] == pytest.approx(13 + 16 / 24)
    assert df.loc["C", "days_overdue"] == pytest.approx(6 + 16 / 24)
    assert pd.isna(df.loc["D", "days_overdue"]) and pd.isna(df.loc["D", "days_to_resolve"])


def test_on_time_share_counts_open_overdue_reports_as_late(con):
    s = R.on_time_summary(con, PERIOD, DEADLINES).iloc[0]
    assert (s["reports"], s["resolved"], s["open"]) == (7, 2, 4)
    assert (s["on_time"], s["late"], s["overdue"], s["pending"], s["rejected"]) == (1, 1, 1, 3, 1)
    assert s["share_on_time"] == pytest.approx(1 / 3)  # A / (A + B + C)
    assert s["overdue_backlog"] == 2  # C and F (reported before the period)
    assert s["median_days_to_resolve"] == pytest.approx(3.0, abs=1e-4)
    assert s["median_hours_to_accept"] == pytest.approx(1.5)  # A 2, B 1, C 1, G 6


def test_overdue_list_takes_every_open_report_past_its_deadline_oldest_first(con):
    df = rights.call(R.overdue_list, con, PERIOD, None, deadlines=DEADLINES)
    assert df["report_id"].tolist() == ["F", "C"]
    assert df["days_overdue"].tolist() == pytest.approx([43.0, 6 + 16 / 24])
    assert df["outcome"].unique().tolist() == ["overdue"]  # in words at the edge: tables.outcome_words
    assert df.loc[0, "reporter_phone"] == "138****1234" and df.loc[0, "reporter"] == "王*"


def test_deadlines_come_from_settings_with_overrides(con):
    days, errors = config.parse_deadlines("其他=14, 安全隐患=abc, 不存在=2", ("安全隐患", "其他"))
    assert days == {"安全隐患": 3.0, "其他": 14.0} and len(errors) == 2
    assert "不存在" in errors[1] and "abc" in errors[0]
    assert outcomes(con, deadlines=None)["C"] == "overdue"  # defaults: 其他 7 days
    df = R.report_outcomes(con, PERIOD, {"安全隐患": 3.0, "其他": 14.0})
    assert dict(zip(df["report_id"], df["outcome"]))["C"] == "pending"


def test_category_and_status_filters_narrow_the_reports(con):
    f = Filters(PERIOD.date_from, PERIOD.date_to, categories=("安全隐患",))
    s = R.on_time_summary(con, f, DEADLINES).iloc[0]
    assert (s["reports"], s["on_time"], s["late"], s["pending"]) == (3, 1, 1, 1)
    assert s["share_on_time"] == pytest.approx(0.5)
    waiting = Filters(PERIOD.date_from, PERIOD.date_to, statuses=("待受理",))
    assert sorted(outcomes(con, waiting)) == ["D"]  # the status filter is the current status
    assert R.overdue_list(con, waiting, DEADLINES)["report_id"].tolist() == ["F"]
    town = Filters(PERIOD.date_from, PERIOD.date_to, towns=("T2",))
    assert sorted(outcomes(con, town)) == ["C", "D", "G"]


def test_category_stats_give_share_resolved_and_on_time(con):
    df = R.category_stats(con, PERIOD, DEADLINES).set_index("category")
    assert df.loc["安全隐患", ["reports", "resolved"]].tolist() == [3, 2]
    assert df.loc["安全隐患", "share_resolved"] == pytest.approx(2 / 3)
    assert df.loc["其他", "overdue"] == 1 and pd.isna(df.loc["乱堆乱放", "share_on_time"])


def test_funnel_counts_states_at_the_period_end(con):
    row = R.status_funnel(con, PERIOD, DEADLINES).iloc[0]
    assert row[["reported", "accepted", "resolved", "waiting", "in_progress", "rejected"]].tolist() == [7, 4, 2, 2, 2, 1]


def test_hour_weekday_has_all_168_slots(con):
    df = R.hour_weekday(con, PERIOD)
    assert len(df) == 168 and df["reports"].sum() == 7
    tuesday_10 = df[(df["weekday"] == 2) & (df["hour"] == 10)]["reports"].item()  # 2026-03-10 is a Tuesday
    assert tuesday_10 == 2


def test_top_reporters_are_masked_and_count_points_of_resolved_reports(con):
    df = rights.call(R.top_reporters, con, PERIOD, None)
    first = df.iloc[0]
    assert (first["reporter"], first["reporter_phone"], first["reports"]) == ("王*", "138****1234", 4)
    assert first["points"] == 30  # A, B and H carry points; E was rejected


@pytest.mark.parametrize("raw, expected", [
    ("town:T2", ["C", "D", "G"]),
    ("cat:安全隐患", ["A", "B", "H"]),
    ("slot:2-10", ["A", "B"]),
    ("week:2026-03-09", ["A", "B", "D", "G"]),  # D: Sunday 03-15 00:00
    ("status:待受理", ["D"]),
])
def test_a_drill_narrows_the_records(con, raw, expected):
    drill, error = report_drill.parse_drill(raw, ("T1", "T2"))
    assert error is None
    assert sorted(R.records(con, PERIOD, DEADLINES, drill=drill)["report_id"]) == expected


def test_a_cell_drill_matches_the_heatmap_grid(con):
    from fxdash.queries import spatial

    bins = spatial.report_bins(con, PERIOD, report_drill.CELL_M)
    top = bins.iloc[0]
    drill = report_drill.Drill("cell", f"{top['cell_x']}_{top['cell_y']}")
    assert len(R.records(con, PERIOD, DEADLINES, drill=drill)) == top["reports"]


@pytest.mark.parametrize("raw", ["town:NOPE", "cat:不存在", "slot:8-1", "slot:1-24", "week:2026-03-10",
                                 "cell:a_b", "bogus", "drop table:x"])
def test_bad_drill_values_are_ignored_with_a_chinese_message(raw):
    drill, error = report_drill.parse_drill(raw, ("T1",))
    assert drill is None and "drill" in error and "无效" in error


def test_masking_helpers():
    assert mask_phone("13812341234") == "138****1234"
    assert mask_phone("138-1234-1234") == "138****1234"
    assert mask_phone("021-57123456") == "021-****3456"
    assert mask_phone(None) == "" and mask_phone("") == ""
    assert mask_name("王小明") == "王*" and mask_name("欧阳") == "欧*" and mask_name("欧阳娜娜") == "欧阳*" and mask_name("") == ""


def test_export_of_records_notes_filters_and_escapes_formula_cells(con):
    f = Filters(PERIOD.date_from, PERIOD.date_to, categories=("安全隐患",))
    df = export.with_labels(rights.call(R.records, con, f, None, deadlines=DEADLINES), LRP.RPT_COLUMNS)
    notes = f.describe({"T1": "甲镇"})
    text = export.to_csv_bytes(df, notes).decode("utf-8-sig")
    assert "问题类别,安全隐患" in text and "2026年3月1日至3月18日" in text
    assert "'=HYPERLINK" in text and "138****1234" in text and "13812341234" not in text
    assert "上报时间" in text and "reported_at" not in text
    every = export.to_csv_bytes(export.with_labels(rights.call(R.records, con, PERIOD, None, deadlines=DEADLINES), LRP.RPT_COLUMNS),
                                notes).decode("utf-8-sig")
    for cell in ("'+86 噪音", "'-门禁损坏", "'@杂物"):
        assert cell in every
    book = pd.read_excel(io.BytesIO(export.to_xlsx_bytes({"明细": df}, notes)), sheet_name=None, engine="openpyxl")
    assert book["明细"]["描述"].str.startswith("'=").any()
    assert "安全隐患" in book["筛选条件"]["取值"].tolist()


def test_demo_outcomes_add_up(ref_con):
    """At the article's date: every period report has exactly one outcome, and some are overdue."""
    f = Filters(D(2026, 2, 19), D(2026, 3, 18))
    s = R.on_time_summary(ref_con, f).iloc[0]  # its speed is measured by the bench command, not asserted
    assert s["on_time"] + s["late"] + s["overdue"] + s["pending"] + s["rejected"] == s["reports"] > 0
    assert s["overdue_backlog"] >= s["overdue"] > 0
    assert 0.4 < s["share_on_time"] < 0.95


# --- the page, headless ------------------------------------------------------------------------------


def run_page(params: dict | None = None):
    from streamlit.testing.v1 import AppTest

    from tests.auth import login_apptest
    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    login_apptest(at.run())
    return at.switch_page("pages/reports.py").run()


def test_reports_page_shows_figures_charts_map_and_tables(app_env_read_only):
    import json

    at = run_page()
    assert not at.exception, [e.message for e in at.exception]
    assert [m.label for m in at.metric][:3] == ["期内上报", "期内上报已办结", "按时办结率"]
    figures = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    titles = [fig["layout"].get("title", {}).get("text", "") for fig in figures]
    assert any("每千名" in t for t in titles) and any("办理流程" in t for t in titles)
    decks = [json.loads(el.proto.json) for el in at.get("deck_gl_json_chart")]
    assert decks and any(layer["id"] == "report-density" for layer in decks[0]["layers"])
    assert len(at.dataframe) >= 3  # overdue list, top reporters, records


def test_a_drill_in_the_url_narrows_the_records_and_a_bad_one_warns(app_env_read_only):
    at = run_page({"drill": "cat:安全隐患"})
    assert not at.exception, [e.message for e in at.exception]
    assert any("安全隐患" in i.value for i in at.info)
    records = at.dataframe[-1].value
    assert set(records["category"]) == {"安全隐患"}
    at = run_page({"drill": "town:bogus"})
    assert not at.exception
    assert any("drill" in w.value and "无效" in w.value for w in at.warning)


def test_page_filters_for_category_and_status_reach_the_url(app_env_read_only):
    at = run_page({"cat": "消防隐患", "status": "已办结"})
    assert not at.exception, [e.message for e in at.exception]
    records = at.dataframe[-1].value
    assert set(records["category"]) == {"消防隐患"} and set(records["status_at_end"]) <= {"已办结"}


def test_a_period_without_reports_says_so_instead_of_empty_charts(app_env_read_only):
    at = run_page({"from": "2023-01-01", "to": "2023-01-31"})
    assert not at.exception, [e.message for e in at.exception]
    assert any("没有数据" in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 0 and len(at.get("deck_gl_json_chart")) == 0


def test_bad_deadline_setting_warns_in_chinese(app_env_read_only, monkeypatch):
    monkeypatch.setenv("FXDASH_DEADLINES", "安全隐患=abc")
    at = run_page()
    assert not at.exception, [e.message for e in at.exception]
    # the message is escaped for markdown (ui.plain: it quotes the setting's text), so compare it unescaped
    assert any("FXDASH_DEADLINES" in w.value.replace("\\", "") and "无效" in w.value for w in at.warning)
