"""One import attempt into the import log (operational store), and the audit event that goes with it."""

from fxdash import access
from fxdash.labels import ingest as X
from fxdash.store import imports

MESSAGE_PROBLEMS = 3  # the first few problems are kept in the log; the full list went to the user


def record(store, result, username: str | None, crs: str, import_id: str | None = None,
           message: str | None = None) -> str:
    """Log an accepted or rejected attempt; returns the log row's id (`import_id` if given: the writer
    path fixes it in the data version's record, so that a log row lost to a crash is added once)."""
    if result.problems:
        first = ";".join(f"{p.row} 行 {p.column}:{p.message}" for p in result.problems[:MESSAGE_PROBLEMS])
        message = f"{result.problem_count} 个问题：{first}"[:2000]
    # otherwise `message` (e.g. why the write could not start) or nothing
    status = X.IMPORT_STATUS_DONE if result.committed else X.IMPORT_STATUS_FAILED
    import_id = imports.record(
        store, started_at=result.started_at, file_name=result.file_name, sha256=result.sha256,
        table_name=result.table, status=status, username=username,
        crs=crs if result.has_coordinates else None, rows_total=result.rows, inserted=result.inserted,
        updated=result.updated, unchanged=result.unchanged, message=message, archived_as=result.archived_as,
        changes=getattr(result, "changes", None), version=getattr(result, "version", None), import_id=import_id)
    access.record("import", username, import_id=import_id, table=result.table, file=result.file_name,
                  sha256=result.sha256, status=status, rows=result.rows, inserted=result.inserted,
                  updated=result.updated, problems=result.problem_count)
    return import_id
