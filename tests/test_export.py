"""`actionplans export`: every table and view, readable without our code, described by
datapackage.json."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

import actionplans
from actionplans.cli import cli
from actionplans.store.export import FORMATS, export_connection, frictionless_type

TABLE_SCHEMA_TYPES = {
    "string",
    "number",
    "integer",
    "boolean",
    "object",
    "array",
    "date",
    "time",
    "datetime",
    "year",
    "yearmonth",
    "duration",
    "geopoint",
    "geojson",
    "any",
}


def _relations(db_path: Path) -> dict[str, int]:
    """Every user table and view of the database, with its row count."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT internal"
                " UNION ALL SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT"
                " internal"
            ).fetchall()
        ]
        return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchall()[0][0] for n in names}
    finally:
        con.close()


def _read_pandas(path: Path, fmt: str) -> pd.DataFrame:
    if fmt == "parquet":
        return pd.read_parquet(path)
    if fmt == "csv":
        return pd.read_csv(path)
    return pd.read_json(path)


def _read_duckdb_count(path: Path, fmt: str) -> int:
    reader = {"parquet": "read_parquet", "csv": "read_csv", "json": "read_json"}[fmt]
    return duckdb.execute(f"SELECT count(*) FROM {reader}('{path}')").fetchall()[0][0]


@pytest.fixture(scope="module", params=FORMATS)
def exported(request, loaded_db_path, tmp_path_factory):
    out = tmp_path_factory.mktemp(f"export-{request.param}")
    report = actionplans.export(db=loaded_db_path, format=request.param, out=out)
    return request.param, out, report


def test_every_table_and_view_is_exported(exported, loaded_db_path):
    fmt, out, report = exported
    expected = _relations(loaded_db_path)
    assert {"documents", "actions", "corrections", "findings", "links"} <= set(expected)
    assert {r.name: r.rows for r in report.resources} == expected
    for name in expected:
        assert (out / f"{name}.{fmt}").is_file()


def test_row_counts_survive_pandas_and_duckdb(exported, loaded_db_path):
    fmt, out, _ = exported
    for name, rows in _relations(loaded_db_path).items():
        path = out / f"{name}.{fmt}"
        assert len(_read_pandas(path, fmt)) == rows, name
        assert _read_duckdb_count(path, fmt) == rows, name


def test_lists_and_json_read_back_as_written(exported, loaded_db_path):
    fmt, out, _ = exported
    con = duckdb.connect(str(loaded_db_path), read_only=True)
    want = con.execute(
        "SELECT doc_id, action_id, source_row, partners, attributes::VARCHAR FROM actions"
    ).fetchall()
    con.close()
    want = {(d, a, s): (list(p), json.loads(j)) for d, a, s, p, j in want}
    df = _read_pandas(out / f"actions.{fmt}", fmt)
    got = {}
    for row in df.itertuples(index=False):
        partners, attributes = row.partners, row.attributes
        if fmt == "csv":  # JSON text in a CSV cell
            partners, attributes = json.loads(partners), json.loads(attributes)
        elif fmt == "parquet":  # list column, JSON as text
            partners, attributes = list(partners), json.loads(attributes)
        got[(row.doc_id, row.action_id, int(row.source_row))] = (list(partners), attributes)
    assert got == want
    assert any(p for p, _ in want.values()) and any(a for _, a in want.values())


def test_datapackage_describes_every_file(exported):
    fmt, out, report = exported
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert package["name"] == "actionplans"
    assert [r["name"] for r in package["resources"]] == [r.name for r in report.resources]
    for resource in package["resources"]:
        assert resource["path"] == f"{resource['name']}.{fmt}"
        assert resource["format"] == fmt
        assert resource["profile"] == "tabular-data-resource"
        columns = list(
            duckdb.execute(f"DESCRIBE SELECT * FROM '{out / resource['path']}'").df()["column_name"]
        )
        fields = resource["schema"]["fields"]
        if resource["x-rows"] or fmt != "json":  # an empty JSON array has no column names
            assert [f["name"] for f in fields] == columns
        for f in fields:
            assert f["type"] in TABLE_SCHEMA_TYPES, f
            if f["x-duckdbType"].endswith("]"):  # a LIST column; a JSON column may hold arrays too
                assert f["type"] == "array" and f["arrayItem"]["type"] in TABLE_SCHEMA_TYPES
            if f["x-duckdbType"] == "JSON":
                assert f["type"] in ("object", "array", "any")
    actions = next(r for r in package["resources"] if r["name"] == "actions")
    by_name = {f["name"]: f for f in actions["schema"]["fields"]}
    assert by_name["partners"]["type"] == "array" and by_name["partners"]["arrayItem"] == {
        "type": "string"
    }
    assert by_name["attributes"]["type"] == "object"
    assert by_name["source_row"]["type"] == "integer"
    assert by_name["doc_id"]["constraints"] == {"required": True}
    assert "plan key" in by_name["plan"]["description"]
    documents = next(r for r in package["resources"] if r["name"] == "documents")
    assert documents["schema"]["primaryKey"] == ["doc_id"]
    assert {f["name"]: f["type"] for f in documents["schema"]["fields"]}[
        "ingested_at"
    ] == "datetime"


def test_csv_package_passes_frictionless_validation(loaded_db_path, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    actionplans.export(db=loaded_db_path, format="csv", out=tmp_path)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    errors = [(t.name, e.message) for t in report.tasks for e in t.errors]
    assert report.valid, errors[:5]
    rows = (
        frictionless.Package(str(tmp_path / "datapackage.json")).get_resource("actions").read_rows()
    )
    assert any(isinstance(r["partners"], list) and r["partners"] for r in rows)
    assert all(isinstance(r["attributes"], dict) for r in rows)


def test_views_and_awkward_types(tmp_path):
    con = duckdb.connect()
    con.execute("""
        CREATE TABLE t (id INTEGER NOT NULL, tags VARCHAR[], meta JSON, seen TIMESTAMP, ok BOOLEAN,
                        x DOUBLE, steps JSON, mixed JSON);
        INSERT INTO t VALUES (1, ['a', 'b, c'], '{"k": [1, 2]}', TIMESTAMP '2025-04-01 09:30:00.25',
                              true, 1.5, '[{"a": 1}]', '[1]'),
                             (2, [], NULL, NULL, NULL, NULL, '[]', '{"b": 2}');
        CREATE TABLE empty_one (id INTEGER);
        CREATE VIEW v AS SELECT id, len(tags) AS n FROM t;
        COMMENT ON VIEW v IS 'Tags per row.';
    """)
    report = export_connection(con, tmp_path, "csv")
    assert [(r.name, r.kind, r.rows) for r in report.resources] == [
        ("empty_one", "table", 0),
        ("t", "table", 2),
        ("v", "view", 2),
    ]
    df = pd.read_csv(tmp_path / "t.csv")
    assert json.loads(df.tags[0]) == ["a", "b, c"] and json.loads(df.tags[1]) == []
    assert json.loads(df.meta[0]) == {"k": [1, 2]} and pd.isna(df.meta[1])
    assert df.seen[0] == "2025-04-01T09:30:00.250000"
    package = json.loads((tmp_path / "datapackage.json").read_text())
    view = package["resources"][2]
    assert view["description"].startswith("Tags per row.") and view["x-kind"] == "view"
    assert [f["type"] for f in package["resources"][1]["schema"]["fields"]] == [
        "integer",
        "array",
        "object",
        "datetime",
        "boolean",
        "number",
        "array",
        "any",
    ]


def test_frictionless_type():
    assert frictionless_type("INTEGER[]") == {"type": "array", "arrayItem": {"type": "integer"}}
    assert frictionless_type("TIMESTAMP WITH TIME ZONE") == {"type": "datetime"}
    assert frictionless_type("BLOB") == {"type": "any"}


def test_cli_export(loaded_db_path, tmp_path):
    result = CliRunner().invoke(
        cli, ["export", "--db", str(loaded_db_path), "--format", "csv", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "actions" in result.output and "datapackage.json" in result.output.splitlines()[-1]
    assert (tmp_path / "datapackage.json").is_file()


def test_cli_export_errors(loaded_db_path, tmp_path):
    missing = tmp_path / "none.duckdb"
    result = CliRunner().invoke(cli, ["export", "--db", str(missing), "--out", str(tmp_path / "x")])
    assert result.exit_code == 1
    assert (
        result.output.strip()
        == f"Error: {missing}: no database here yet; run `actionplans ingest data/raw` first"
    )
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = CliRunner().invoke(
        cli, ["export", "--db", str(loaded_db_path), "--out", str(blocker / "sub")]
    )
    assert result.exit_code == 1
    assert (
        result.output.strip()
        == f"Error: {blocker / 'sub'}: cannot create the export folder (Not a directory)"
    )
    result = CliRunner().invoke(cli, ["export", "--db", str(missing), "--format", "xlsx"])
    assert result.exit_code == 2 and "'xlsx' is not one of" in result.output
