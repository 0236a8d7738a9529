"""kill -9 at any moment leaves each document fully loaded or absent; the next run completes
(issue 9)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEEDS

from actionplans import ingest
from actionplans.store import Database

EXE = str(Path(sys.executable).parent / "actionplans")
CONTENT = [
    (
        "SELECT doc_id, path, sha256, council, edition, plans, pages, extractor FROM documents"
        " ORDER BY ALL"
    ),
    "SELECT * EXCLUDE (attributes), attributes::VARCHAR FROM actions ORDER BY ALL",
    "SELECT * FROM corrections ORDER BY ALL",
    "SELECT * FROM findings ORDER BY ALL",
]


def _has_tables(path: Path) -> bool:
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'documents'"
        ).fetchall() == [(1,)]
    finally:
        con.close()


def content(path: Path) -> list:
    with Database(path, read_only=True) as db:
        return [db.sql(q).fetchall() for q in CONTENT]


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    assert ingest(sorted(SEEDS.glob("*.txt")), db=path, progress=False).ok
    return path


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_kill_at_random_moment_then_rerun(seed, tmp_path, clean_run):
    db = tmp_path / "killed.duckdb"
    args = [EXE, "ingest", *map(str, sorted(SEEDS.glob("*.txt"))), "--db", str(db), "--quiet"]
    proc = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    time.sleep(random.Random(seed).uniform(0.3, 3.0))
    os.killpg(proc.pid, signal.SIGKILL)  # the CLI and its workers, as kill -9 on a shell job would
    proc.wait()
    # killed before the schema committed: an empty file, nothing half-written
    if db.exists() and _has_tables(db):
        with Database(db, read_only=True) as con:
            # every document present is complete: its actions are all there
            for doc_id, n in con.sql(
                "SELECT d.doc_id, count(a.action_id) FROM documents d LEFT JOIN actions a USING"
                " (doc_id) GROUP BY 1"
            ).fetchall():
                with Database(clean_run, read_only=True) as ref:
                    expected = ref.sql(
                        "SELECT count(*) FROM actions WHERE doc_id = ?", [doc_id]
                    ).fetchone()[0]
                assert n == expected, doc_id
            # no orphan rows of a document that is not there
            assert (
                con.sql(
                    "SELECT count(*) FROM actions WHERE doc_id NOT IN (SELECT doc_id FROM"
                    " documents)"
                ).fetchone()[0]
                == 0
            )
    rerun = subprocess.run(args, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert content(db) == content(clean_run)


def test_second_writer_gets_a_clear_message(tmp_path):
    db = tmp_path / "busy.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                f"import duckdb,time; c=duckdb.connect({str(db)!r}); print('ready', flush=True);"
                " time.sleep(30)"
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        out = subprocess.run(
            [EXE, "ingest", str(next(SEEDS.glob("000_*"))), "--db", str(db), "--quiet"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert out.returncode == 1
        assert (
            out.stderr.strip()
            == f"Error: {db}: database is in use by another actionplans process; wait for it to"
            " finish, or pass --wait"
        )
        reader = subprocess.run(
            [EXE, "sql", "SELECT 1", "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "ACTIONPLANS_READ_WAIT": "1"},
        )
        assert reader.returncode == 1 and "in use by another actionplans process" in reader.stderr
        # no --wait advice to readers
        assert "still in use after 1 s; try again when it has finished" in reader.stderr
        assert "Traceback" not in reader.stderr
    finally:
        holder.kill()
        holder.wait()


def test_wait_flag_waits_for_the_lock(tmp_path):
    db = tmp_path / "wait.duckdb"
    # the holder keeps the lock until the ingest says it is waiting (a fixed hold raced a slow
    # start on a busy machine); 60 s is only a backstop
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                f"import duckdb,time; c=duckdb.connect({str(db)!r}); print('ready', flush=True);"
                " time.sleep(60)"
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        ingest = subprocess.Popen(
            [EXE, "ingest", str(next(SEEDS.glob("000_*"))), "--db", str(db), "--quiet", "--wait"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        first = ingest.stderr.readline()
    finally:
        holder.kill()
        holder.wait()
    out, err = ingest.communicate(timeout=120)
    assert ingest.returncode == 0, first + err
    assert "waiting" in first and "loaded    leics-council-2023-12" in out


def test_corrupt_database_file_is_one_line(tmp_path):
    db = tmp_path / "corrupt.duckdb"
    db.write_bytes(b"this is not a database" * 100)
    out = subprocess.run([EXE, "documents", "--db", str(db)], capture_output=True, text=True)
    assert out.returncode == 1
    assert (
        len(out.stderr.strip().splitlines()) == 1
        and "not a usable actionplans database" in out.stderr
    )


def test_schema_is_created_whole_or_not_at_all(tmp_path, monkeypatch):
    """A failure (or a kill) while the schema is being created leaves no half schema for readers to
    trip on."""
    import duckdb

    from actionplans.store import database

    monkeypatch.setattr(
        database, "SCHEMA", database.SCHEMA + "\nCREATE TABLE broken (x NOSUCHTYPE);"
    )
    path = tmp_path / "half.duckdb"
    with pytest.raises(duckdb.Error):
        Database(path)
    assert not _has_tables(path)
    monkeypatch.undo()
    with pytest.raises(database.DatabaseError, match="no actionplans tables in it yet"):
        Database(path, read_only=True)  # a reader is told what the empty file is, in one line
    Database(path).close()  # the next ingest creates the schema
    assert _has_tables(path)


def test_a_new_database_appears_whole_or_not_at_all(tmp_path):
    """A new database is made under another name and linked into place when complete: a process
    killed while DuckDB wrote the new file left one block at the real path, which no later run
    could open. What such a killed creation leaves beside it is cleared by the next."""
    db = tmp_path / "new.duckdb"
    half_made = tmp_path / ".new.duckdb.creating-999999999"  # no such process
    half_made.write_bytes(b"\0" * 4096)
    with Database(db) as con:
        assert con.sql("SELECT count(*) FROM documents").fetchone() == (0,)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.duckdb"]
    assert ingest(sorted(SEEDS.glob("*.txt"))[:1], db=db, progress=False).ok
