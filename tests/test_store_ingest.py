"""The import log in the operational store: every attempt, accepted or rejected, with who and why."""

from fxdash import access
from fxdash.ingest import import_file
from fxdash.store import imports
from tests.test_ingest import REPORT_HEADER, con, csv_bytes, report_rows, work_db  # noqa: F401 - fixtures


def test_every_attempt_is_logged_with_who_and_why(con, ops_store, tmp_path):  # noqa: F811
    events = []
    sink = lambda action, user, detail: events.append((action, user, detail["status"]))  # noqa: E731
    access.add_sink(sink)
    try:
        bad = report_rows(2)
        bad[1][8] = "不存在的状态"
        rejected = import_file(con, csv_bytes([REPORT_HEADER, *bad]), "坏.csv", "reports", imports_dir=tmp_path,
                               username="张三", store=ops_store)
        accepted = import_file(con, csv_bytes([REPORT_HEADER, *report_rows(2)]), "好.csv", "reports",
                               imports_dir=tmp_path, username="李四", store=ops_store)
        import_file(con, csv_bytes([REPORT_HEADER, *report_rows(2)]), "查.csv", "reports", dry_run=True,
                    imports_dir=tmp_path, username="王五", store=ops_store)
    finally:
        access.remove_sink(sink)
    assert not rejected.ok and accepted.committed
    log = imports.recent(ops_store)
    assert log[["file_name", "username", "status"]].values.tolist() == [["好.csv", "李四", "成功"],
                                                                         ["坏.csv", "张三", "失败"]]
    failed = log.iloc[1]
    assert failed.message.startswith("1 个问题") and "3 行" in failed.message and failed.rows_inserted == 0
    assert log.iloc[0].rows_inserted == 2 and len(log.iloc[0].sha256) == 64
    assert events == [("import", "张三", "失败"), ("import", "李四", "成功")]
