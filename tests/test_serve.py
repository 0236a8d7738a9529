"""`actionplans serve` without a browser (issue 19): the SQLite mirror Datasette reads holds what
the DuckDB database holds (row counts, lists and JSON round-trip, types), is rebuilt only when the
DuckDB file is newer, and the cookbook's canned queries give the cookbook's answers."""

from __future__ import annotations

import importlib.util
import json
import math
import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from actionplans import api
from actionplans.cli import cli
from actionplans.serve import build_site, mirror_path
from actionplans.serve_queries import COOKBOOK, LINEAGE, QUERIES
from actionplans.store import Database

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "build_cookbook", ROOT / "docs" / "build_cookbook.py"
)
build_cookbook = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("build_cookbook", build_cookbook)
_spec.loader.exec_module(build_cookbook)
ENTRIES = build_cookbook.entries(build_cookbook.COOKBOOK.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(raw_db_path, tmp_path_factory):
    db = tmp_path_factory.mktemp("serve") / "actionplans.duckdb"
    shutil.copy(raw_db_path, db)
    return build_site(db)


@pytest.fixture(scope="module")
def lite(site):
    con = sqlite3.connect(f"file:{site.sqlite}?mode=ro", uri=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def duck(site):
    database = Database(site.db, read_only=True)
    yield database.conn
    database.close()


def test_mirror_has_every_table_and_view_with_the_same_row_counts(site, lite, duck):
    relations = [
        n
        for (n,) in duck.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
    ]
    for view in ("action_lineage", "status_history", "new_actions", "dropped_actions"):
        assert view in relations
    tables = {
        n
        for (n, t) in lite.execute(
            "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')"
        )
        if t == "table"
    }
    assert set(relations) <= tables  # the views are materialised as tables
    for name in relations:
        want = duck.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        assert (
            lite.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == want == site.rows[name]
        ), name
    assert site.rows["actions"] > 300 and site.rows["action_lineage"] > 0


def test_lists_and_json_round_trip(lite, duck):
    key = "doc_id, source_row, action_id"
    want = duck.execute(
        f"SELECT {key}, partners, CAST(attributes AS VARCHAR) FROM actions ORDER BY {key}"
    ).fetchall()
    got = lite.execute(f"SELECT {key}, partners, attributes FROM actions ORDER BY {key}").fetchall()
    assert len(got) == len(want)
    lists = 0
    for (d1, r1, a1, partners, attributes), (d2, r2, a2, text, attr_text) in zip(
        want, got, strict=True
    ):
        assert (d1, r1, a1) == (d2, r2, a2)
        assert (json.loads(text) if text is not None else None) == (
            list(partners) if partners is not None else None
        )
        assert (json.loads(attr_text) if attr_text is not None else None) == (
            json.loads(attributes) if attributes is not None else None
        )
        lists += bool(partners)
    assert lists > 50  # lists with something in them were checked
    (plans,) = lite.execute(
        "SELECT plans FROM documents WHERE doc_id = 'leics-2025-appendix-b'"
    ).fetchone()
    assert json.loads(plans) == ["council", "county"]


def test_types_kept_where_sqlite_can(lite):
    def types(table):
        return {r[1]: r[2] for r in lite.execute(f"PRAGMA table_info({table})")}

    assert types("documents")["pages"] == "INTEGER" and types("documents")["ingested_at"] == "TEXT"
    assert types("links")["score"] == "REAL" and types("actions")["source_row"] == "INTEGER"
    assert types("action_lineage")["step"] == "INTEGER"
    # primary key
    assert [r[5] for r in lite.execute("PRAGMA table_info(documents)") if r[1] == "doc_id"] == [1]
    (stamp,) = lite.execute("SELECT ingested_at FROM documents LIMIT 1").fetchone()
    assert stamp[4] == "-" and stamp[10] == "T"  # ISO 8601
    assert (
        lite.execute("SELECT typeof(changed) FROM status_history LIMIT 1").fetchone()[0]
        == "integer"
    )


def test_mirror_rebuilt_only_when_the_duckdb_file_is_newer(raw_db_path, tmp_path):
    db = tmp_path / "x.duckdb"
    shutil.copy(raw_db_path, db)
    first = build_site(db)
    assert first.rebuilt and first.sqlite == mirror_path(db) == tmp_path / "x.sqlite"
    stamp = first.sqlite.stat().st_mtime_ns
    again = api.serve(db=db)
    assert (
        not again.rebuilt and again.sqlite.stat().st_mtime_ns == stamp and again.rows == first.rows
    )
    later = first.sqlite.stat().st_mtime + 5
    os.utime(db, (later, later))
    assert build_site(db).rebuilt


def test_metadata_describes_tables_columns_facets_and_queries(site):
    meta = json.loads(site.metadata.read_text(encoding="utf-8"))
    db = meta["databases"][site.name]
    actions = db["tables"]["actions"]
    assert actions["facets"][:6] == ["council", "edition", "plan", "theme", "stage", "rag"]
    assert "canonical ASCII id" in actions["columns"]["action_id"]  # from schema.sql's comments
    assert "JSON array" in actions["columns"]["partners"]
    assert (
        "partners" not in actions["sortable_columns"] and "edition" in actions["sortable_columns"]
    )
    assert db["tables"]["documents"]["description"].startswith("One row per ingested document")
    assert "action_lineage" in db["tables"] and set(db["queries"]) == {q.name for q in QUERIES}
    assert (
        ":doc_id" in db["queries"]["lineage"]["sql"]
        and ":action_id" in db["queries"]["lineage"]["sql"]
    )


def test_every_cookbook_question_is_a_canned_query():
    assert [q.number for q in COOKBOOK] == list(range(1, len(ENTRIES) + 1))
    for query, entry in zip(COOKBOOK, ENTRIES, strict=True):
        assert query.title == entry.title.split(". ", 1)[1], query.name


def _norm(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, int):
        return value
    text = str(value)
    try:
        return round(float(text), 6)  # ->> gives text in DuckDB, a number in SQLite
    except ValueError:
        return text


@pytest.mark.parametrize("query", COOKBOOK, ids=[q.name for q in COOKBOOK])
def test_canned_query_gives_the_cookbook_answer(query, lite, duck):
    entry = ENTRIES[query.number - 1]
    want = duck.execute(entry.sql).df()
    got = lite.execute(query.sql).fetchall()
    if query.reshaped:  # the pivot's non-zero cells, one row each
        keys = [c for c in want.columns if c in ("plan", "edition", "theme")]
        cells = want.melt(id_vars=keys, var_name="value", value_name="n")
        want_rows = sorted(
            tuple(_norm(v) for v in row) for row in cells.itertuples(index=False) if row[-1]
        )
        assert sorted(tuple(_norm(v) for v in row) for row in got) == want_rows
    else:
        assert [tuple(_norm(v) for v in row) for row in got] == [
            tuple(_norm(v) for v in row) for row in want.itertuples(index=False)
        ], query.name


def test_lineage_query_returns_the_chain_with_stage_and_rag(lite):
    rows = lite.execute(
        LINEAGE.sql, {"doc_id": "leics-2025-appendix-b", "action_id": "T6"}
    ).fetchall()
    names = [d[0] for d in lite.execute(LINEAGE.sql, {"doc_id": "x", "action_id": "y"}).description]
    chain = [dict(zip(names, r, strict=True)) for r in rows]
    assert [(r["doc_id"], r["action_id"]) for r in chain] == [
        ("leics-county-2023-12", "T18"),
        ("leics-2025-appendix-b", "T6"),
    ]
    assert chain[0]["stage"] == "Design" and "rag" in names and chain[1]["relation"] == "same"
    assert chain[1]["changed"] == 1  # Design -> no stage in 2025 (status_history)


def test_cli_refuses_a_non_local_host_and_a_missing_database(tmp_path, raw_db_path):
    result = CliRunner().invoke(
        cli, ["serve", "--db", str(raw_db_path), "--host", "0.0.0.0", "--no-open"]
    )
    assert result.exit_code == 2 and "loopback" in result.stderr
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb"), "--no-open"])
    assert result.exit_code == 1 and "actionplans ingest" in result.stderr


def test_cli_says_how_to_install_datasette(raw_db_path, tmp_path, monkeypatch):
    db = tmp_path / "a.duckdb"
    shutil.copy(raw_db_path, db)
    monkeypatch.setitem(sys.modules, "datasette.app", None)  # import fails as if not installed
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--no-open"])
    assert result.exit_code == 1
    assert "pip install 'actionplans[serve]'" in result.stderr


def test_cli_says_when_the_port_is_taken(raw_db_path, tmp_path):
    import socket

    db = tmp_path / "b.duckdb"
    shutil.copy(raw_db_path, db)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(
            cli, ["serve", "--db", str(db), "--port", str(port), "--no-open"]
        )
    assert result.exit_code == 1 and f"127.0.0.1:{port} is not free" in result.stderr


def test_database_in_use_serves_the_previous_mirror(raw_db_path, tmp_path):
    """An ingest holds the DuckDB file: serve the mirror made before, and say so."""
    import subprocess

    db = tmp_path / "c.duckdb"
    shutil.copy(raw_db_path, db)
    first = build_site(db)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import duckdb, sys, time\n"
                f"con = duckdb.connect({str(db)!r}); print('held', flush=True); time.sleep(60)"
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        later = first.sqlite.stat().st_mtime + 5
        os.utime(db, (later, later))  # the mirror is stale, but the file cannot be read now
        again = build_site(db)
        assert (
            again.in_use
            and not again.rebuilt
            and again.sqlite == first.sqlite
            and again.rows == first.rows
        )
    finally:
        holder.kill()
        holder.wait(timeout=10)
