"""Browsing without SQL, and output that round-trips (issue 19): tables, schema, lineage,
formats."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from actionplans.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_tables_lists_tables_and_views_with_counts(raw_db_path):
    code, out, _ = run("tables", "--counts", "--format", "json", "--db", str(raw_db_path))
    assert code == 0
    rows = {r["name"]: r for r in json.loads(out)}
    assert rows["actions"]["kind"] == "table" and rows["actions"]["rows"] > 300
    assert rows["action_lineage"]["kind"] == "view"


def test_schema_names_columns_and_types(raw_db_path):
    code, out, _ = run("schema", "actions", "--format", "json", "--db", str(raw_db_path))
    assert code == 0
    columns = {r["column"]: r["type"] for r in json.loads(out)}
    assert (
        columns["partners"] == "VARCHAR[]"
        and columns["attributes"] == "JSON"
        and "title" in columns
    )
    code, _, err = run("schema", "action", "--db", str(raw_db_path))
    assert code == 1 and "no table or view 'action'" in err


def test_lineage_follows_t18_to_t6(raw_db_path):
    code, out, _ = run(
        "lineage", "leics-2025-appendix-b:T6", "--format", "json", "--db", str(raw_db_path)
    )
    assert code == 0
    chain = [(r["doc_id"], r["action_id"], r["relation"]) for r in json.loads(out)]
    assert chain == [("leics-county-2023-12", "T18", None), ("leics-2025-appendix-b", "T6", "same")]


def test_lineage_bad_reference_is_a_usage_error_and_unknown_action_a_failure(raw_db_path):
    code, _, err = run("lineage", "T6", "--db", str(raw_db_path))
    assert code == 2 and "give DOC:ID" in err
    code, _, err = run("lineage", "nope:T6", "--db", str(raw_db_path))
    assert code == 1 and "no action 'T6' in document 'nope'" in err


def test_csv_lists_are_json_arrays_and_json_objects_are_objects(raw_db_path):
    query = (
        "SELECT action_id, partners, attributes FROM actions WHERE len(partners) > 1 ORDER BY"
        " action_id LIMIT 3"
    )
    code, out, _ = run("sql", query, "--format", "csv", "--db", str(raw_db_path))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(
        isinstance(json.loads(r["partners"]), list) and len(json.loads(r["partners"])) > 1
        for r in rows
    )
    assert all(isinstance(json.loads(r["attributes"]), dict) for r in rows)
    code, out, _ = run("sql", query, "--format", "json", "--db", str(raw_db_path))
    parsed = json.loads(out)
    assert isinstance(parsed[0]["partners"], list) and isinstance(parsed[0]["attributes"], dict)
    code, out, _ = run("sql", query, "--format", "jsonl", "--db", str(raw_db_path))
    assert [json.loads(line)["action_id"] for line in out.splitlines()] == [
        r["action_id"] for r in parsed
    ]


def test_documents_json_gives_plans_as_a_list(raw_db_path):
    code, out, _ = run("documents", "--format", "json", "--db", str(raw_db_path))
    assert code == 0
    assert all(isinstance(d["plans"], list) and d["plans"] for d in json.loads(out))


def test_no_truncate_prints_whole_values(raw_db_path):
    query = "SELECT description FROM actions ORDER BY length(description) DESC LIMIT 1"
    _, cut, _ = run("sql", query, "--db", str(raw_db_path))
    _, whole, _ = run("sql", query, "--no-truncate", "--db", str(raw_db_path))
    assert "…" in cut and "…" not in whole and len(whole) > len(cut)
