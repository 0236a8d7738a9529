"""One convention across commands (issue 19): usage errors exit 2, a failed document 1;
--debug anywhere; DuckDB's hints kept; readers wait for a writer instead of failing."""

from __future__ import annotations

import subprocess
import sys
import time

from actionplans.store import Database

EXE = [sys.executable, "-m", "actionplans.cli"]


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(EXE + list(args), capture_output=True, text=True, timeout=timeout)


def test_a_missing_file_fails_the_same_way_in_ingest_and_profile_infer(tmp_path):
    db = str(tmp_path / "db.duckdb")
    ingest = run("ingest", str(tmp_path / "nofile.pdf"), "--db", db, "--quiet")
    infer = run("profile", "infer", str(tmp_path / "nofile.pdf"))
    assert ingest.returncode == infer.returncode == 1
    assert "no such file" in ingest.stderr and "no such file" in infer.stderr


def test_a_bad_edition_is_a_usage_error_before_any_document(tmp_path):
    result = run(
        "ingest", str(tmp_path / "a.md"), "--edition", "2024", "--db", str(tmp_path / "db.duckdb")
    )
    assert result.returncode == 2 and "'2024' is not YYYY-MM" in result.stderr
    assert not (tmp_path / "db.duckdb").exists()


def test_a_mistyped_db_folder_is_not_created(tmp_path):
    result = run("ingest", str(tmp_path / "a.md"), "--db", str(tmp_path / "typo" / "db.duckdb"))
    assert result.returncode == 2 and "does not exist" in result.stderr
    assert not (tmp_path / "typo").exists()


def test_debug_may_follow_the_command(tmp_path):
    result = run("sql", "SELECT * FROM nowhere", "--db", str(tmp_path / "db.duckdb"), "--debug")
    assert "no such option" not in result.stderr


def test_duckdb_hint_is_kept(tmp_path):
    Database(tmp_path / "db.duckdb").close()
    result = run("sql", "SELECT * FROM action", "--db", str(tmp_path / "db.duckdb"))
    assert result.returncode == 1 and 'Did you mean "actions"' in result.stderr


def test_a_reader_waits_for_a_writer_to_finish(tmp_path):
    """A query during an ingest waits for the writer's lock instead of failing with advice it cannot
    follow."""
    path = tmp_path / "db.duckdb"
    Database(path).close()
    # the holder keeps the lock until the reader has said it waits (however slowly the CLI starts)
    script = (
        f"import sys, duckdb; con = duckdb.connect({str(path)!r}); print('locked', flush=True); "
        "sys.stdin.readline(); con.close()"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    reader = None
    try:
        assert holder.stdout.readline().strip() == "locked"
        start = time.monotonic()
        reader = subprocess.Popen(
            EXE + ["sql", "SELECT count(*) AS n FROM actions", "--db", str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        said = reader.stderr.readline()
        assert "waiting" in said
        time.sleep(1.0)
        holder.stdin.write("release\n")
        holder.stdin.flush()
        out, _ = reader.communicate(timeout=60)
        assert reader.returncode == 0
        assert "0" in out and time.monotonic() - start >= 1.0
    finally:
        if holder.poll() is None:
            holder.stdin.close()
        holder.wait(timeout=30)
        if reader is not None and reader.poll() is None:
            reader.kill()
