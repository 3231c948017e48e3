"""The weekly review: comparisons on hand-made data, the briefing text, exported files, snapshots."""

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest
from docx import Document

from fxdash import briefing, metrics, weekly_export, weeks
from fxdash.filters import Filters
from fxdash.queries import weekly

D = dt.date
WEEK = D(2026, 11, 16)  # 2026-W47
F = Filters(D(2026, 11, 1), D(2026, 11, 27))


@pytest.fixture
def small(empty_con):
    """One town, three workers; reports, a leaver, a new role, a fraud case and a suggestion in W46/W47."""
    con = empty_con
    con.execute("insert into towns values ('T1', '甲镇', '镇', 30.9, 121.5, 10)")
    con.execute("insert into communities values ('C1', 'T1', '一村', '村委', 1000, 300, 20, 30.9, 121.5)")
    con.execute("""insert into workers (worker_id, name, occupation, town_code, joined_on, left_on) values
        ('W1', '甲', '快递员', 'T1', '2026-01-01', null),
        ('W2', '乙', '外卖骑手', 'T1', '2026-11-17', null),
        ('W3', '丙', '外卖骑手', 'T1', '2026-01-01', '2026-11-18')""")
    con.execute("""insert into worker_roles values ('W1', '网格信息员', '2026-11-10', null),
        ('W1', '文明宣传员', '2026-11-18', null), ('W2', '爱心接力员', '2026-11-19', null)""")
    con.execute("""insert into reports (report_id, reporter_id, category, town_code, reported_at, status,
                                        accepted_at, resolved_at) values
        ('R1', 'W1', '安全隐患', 'T1', '2026-11-16 09:00', '已办结', '2026-11-16 10:00', '2026-11-17 09:00'),
        ('R2', 'W1', '乱堆乱放', 'T1', '2026-11-18 09:00', '处置中', '2026-11-18 10:00', null),
        ('R3', 'W1', '安全隐患', 'T1', '2026-11-19 09:00', '待受理', null, null),
        ('R4', 'W1', '其他', 'T1', '2026-11-10 09:00', '已办结', '2026-11-10 10:00', '2026-11-16 12:00'),
        ('R5', 'W1', '安全隐患', 'T1', '2026-11-02 09:00', '处置中', '2026-11-02 10:00', null)""")
    con.execute("""insert into fraud_interceptions values
        ('F1', 'W1', 'T1', '2026-11-20', 52000, '冒充客服退款', null)""")
    con.execute("""insert into suggestions (suggestion_id, worker_id, submitted_on, topic, title, status, adopted)
                   values ('S1', 'W2', '2026-11-21', '交通出行', '增设停车区', '待办理', false)""")
    return con


def test_week_figures_count_the_week_only(small):
    fig = weekly.week_figures(small, F, WEEK)
    assert fig["reports_new"] == 3  # R1, R2, R3 (R4 was reported the week before)
    assert fig["reports_resolved"] == 2  # R1 and R4 were resolved in the week
    assert fig["resolution_rate"] == pytest.approx(100 / 3)
    # at Sunday 24:00: R5 (7 days, deadline 3) and R3 (安全隐患, 3 days) are overdue; R2 (7 days) is not yet
    assert fig["overdue_open"] == 2
    assert (fig["workers_joined"], fig["workers_left"]) == (1, 1)
    assert fig["roles_new"] == 1  # W2's first role; W1's second role is not a new member
    assert (fig["fraud_cases"], fig["fraud_amount"]) == (1, 52000)
    assert fig["suggestions"] == 1


def test_comparison_against_last_week_and_four_week_average(small):
    cmp = weekly.comparison(small, F, WEEK).set_index("key")
    assert cmp.loc["reports_new", ["this_week", "last_week"]].tolist() == [3, 1]
    assert cmp.loc["reports_new", "avg4"] == pytest.approx((1 + 1 + 0 + 0) / 4)
    # more overdue is bad news, more fraud stopped is good news
    assert cmp.loc["overdue_open", "verdict"] == -1
    assert cmp.loc["fraud_cases", "verdict"] == 1
    assert cmp.loc["reports_new", "verdict"] == 0  # neither good nor bad


CMP = pd.DataFrame(
    [(m.key, m.label, m.unit, m.better) for m in metrics.WEEKLY], columns=["key", "label", "unit", "better"]
).assign(this_week=0.0, last_week=0.0, avg4=0.0)


def _cmp(**values) -> pd.DataFrame:
    df = CMP.copy()
    for key, (now, before, avg) in values.items():
        df.loc[df["key"] == key, ["this_week", "last_week", "avg4"]] = [now, before, avg]
    return df


def test_briefing_text_for_a_known_week():
    cmp = _cmp(reports_new=(20, 16, 10), reports_resolved=(12, 10, 9), resolution_rate=(40, 50, 45),
               overdue_open=(5, 3, 2), workers_joined=(10, 0, 0), workers_left=(4, 0, 0), roles_new=(3, 0, 0),
               activities=(2, 0, 0), participations=(15, 0, 0), points_earned=(100, 0, 0),
               points_redeemed=(50, 0, 0), care_visits=(30, 0, 0), unvisited_pairs=(0, 2, 0),
               fraud_cases=(1, 0, 0), fraud_amount=(52000, 0, 0), suggestions=(2, 1, 1))
    towns = pd.DataFrame({"town": ["南桥镇", "青村镇"], "reports": [8, 5]})
    cats = pd.DataFrame({"category": ["安全隐患"], "reports": [9]})
    text = briefing.write(cmp, weeks.span_text(WEEK), towns, cats, None)
    assert text[0] == ("2026年第47周（11月16日至11月22日）新增上报问题 20 条，环比上升 25%（上周 16 条），"
                       "高于前四周平均（10.0 条）100%。")
    assert text[1] == "本周办结 12 条，本周新增问题的办结率为 40%；截至周日超期未办结 5 条，比上周多 2 条，需在会上逐条过堂。"
    assert text[2] == "新增问题主要集中在南桥镇（8 条）、青村镇（5 条），类别以安全隐患（9 条）为主。"
    assert "新增登记 10 人、离开 4 人，净增加 6 人；新增“四大员” 3 人" in text[3]
    assert "所有结对均在 14 天内走访" in text[5]
    assert text[6] == "反诈方面，劝阻涉诈交易 1 起，涉及金额 5.2 万元。"


def test_briefing_says_plainly_when_nothing_happened():
    text = briefing.write(_cmp(resolution_rate=(float("nan"), float("nan"), float("nan"))), "2026-W01")
    assert "新增上报问题 0 条，环比持平（均为 0）" in text[0]
    assert "没有超期未办结" in text[1]
    assert "本周没有反诈劝阻记录。" in text


def test_exported_files_open_and_carry_the_week(app_con):
    f = Filters(D(2026, 10, 31), D(2026, 11, 27))
    monday = weeks.last_complete_week(D(2026, 11, 27))
    b = briefing.with_sentences(weekly.bundle(app_con, f, monday))
    notes = [("时间范围", "按周"), ("街镇", "全部")]
    xlsx, docx = weekly_export.build_files(b, notes, "周报")
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    assert {"周对比", "简报", "热点网格", "超期未办结", "筛选条件"} <= set(book.sheetnames)
    sheet = book["周对比"]
    first = [c.value for c in sheet[2]]
    new_reports = b["comparison"].set_index("key").loc["reports_new", "this_week"]
    assert first[0] == "新增上报问题" and first[2] == new_reports
    doc = Document(io.BytesIO(docx))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "2026年第47周" in text and b["sentences"][0] in text
    assert len(doc.tables) >= 3
    assert len(doc.inline_shapes) >= 1, "charts were not rendered into the document"


def test_snapshot_keeps_the_figures_as_reported(small, ops_store):
    weekly.save_snapshot(small, ops_store, F, WEEK, "例会记录员", now=dt.datetime(2026, 11, 23, 9, 0))
    # a late report for that week arrives after the meeting
    small.execute("""insert into reports (report_id, reporter_id, category, town_code, reported_at, status)
                     values ('R9', 'W1', '其他', 'T1', '2026-11-22 20:00', '待受理')""")
    snap = weekly.latest_snapshot(ops_store, F, WEEK)
    assert snap.set_index("metric").loc["reports_new", "value"] == 3
    table = weekly.comparison_table(weekly.comparison(small, F, WEEK), snap).set_index("指标")
    assert table.loc["新增上报问题", ["本周", "例会时上报", "上报后变动"]].tolist() == [4, 3, 1]


def test_snapshots_are_kept_per_view(small, ops_store):
    weekly.save_snapshot(small, ops_store, F, WEEK, "甲")
    narrowed = Filters(F.date_from, F.date_to, towns=("T1",))
    assert len(weekly.latest_snapshot(ops_store, narrowed, WEEK)) == 0
    assert len(weekly.latest_snapshot(ops_store, F, WEEK)) == len(metrics.WEEKLY)
