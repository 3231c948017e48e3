"""fxdash.db.apply_schema: a complete database is left alone, a missing table comes back, a failing
schema leaves nothing half-created."""

import duckdb
import pytest

from fxdash import db


def test_the_schema_only_creates_tables_so_a_complete_database_skips_it():
    tables = db.schema_tables()
    assert tables is not None, "schema.sql holds a statement other than create table: every connect runs it"
    assert tables == set(db.table_names(db.connect(":memory:")))


def test_a_table_missing_from_a_file_comes_back_at_the_next_writable_connect(tmp_path):
    path = tmp_path / "x.duckdb"
    con = db.connect(path)
    con.execute("insert into towns values ('T1', '甲镇', '镇', 30.9, 121.5, 10)")
    con.execute("drop table care_visits")
    con.close()
    with duckdb.connect(str(path), read_only=True) as bare:
        assert "care_visits" not in db.table_names(bare)
    con = db.connect(path)
    assert set(db.table_names(con)) == db.schema_tables()
    assert con.execute("select name from towns").fetchall() == [("甲镇",)]
    con.close()


@pytest.fixture
def schema_file(tmp_path, monkeypatch):
    """db reads the schema from a file of the test's (write its text), and forgets it afterwards."""
    path = tmp_path / "schema.sql"
    monkeypatch.setattr(db, "SCHEMA_PATH", path)
    db.schema_tables.cache_clear()
    yield path
    db.schema_tables.cache_clear()


def test_a_schema_that_fails_part_way_creates_nothing(tmp_path, schema_file):
    schema_file.write_text("create table if not exists a (x int);\ncreate table if not exists b (y no_such_type);\n")
    assert db.schema_tables() == {"a", "b"}
    with pytest.raises(duckdb.Error):
        db.connect(tmp_path / "x.duckdb")
    with duckdb.connect(str(tmp_path / "x.duckdb")) as bare:
        assert db.table_names(bare) == []


def test_any_other_statement_in_the_schema_means_it_always_runs(schema_file):
    schema_file.write_text("create table if not exists a (x int);\ncreate sequence if not exists s;\n")
    assert db.schema_tables() is None
    con = db.connect(":memory:")
    con.execute("drop sequence s")
    db.apply_schema(con)
    assert con.execute("select nextval('s')").fetchone() == (1,)
