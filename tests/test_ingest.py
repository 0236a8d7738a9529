"""Ingest behaviour: idempotence, one transaction per document, bad input (issue 3)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, SEEDS

from actionplans import ingest
from actionplans.store import Database

META = dict(
    council="Test Council",
    edition="2024-01",
    plan="county",
    profile="leics-county-2023",
    progress=False,
)


def table_counts(db: Database) -> dict[str, int]:
    return {
        t: db.sql(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("documents", "actions", "corrections", "findings")
    }


def test_reingest_same_file_changes_nothing(db_path):
    first = ingest(sorted(SEEDS.glob("*.txt")), db=db_path, progress=False)
    assert [r.status for r in first.results] == ["loaded"] * 5
    with Database(db_path) as db:
        before = table_counts(db)
        stamps = db.sql("SELECT doc_id, ingested_at FROM documents ORDER BY 1").fetchall()
    second = ingest(sorted(SEEDS.glob("*.txt")), db=db_path, progress=False)
    assert [r.status for r in second.results] == ["unchanged"] * 5
    with Database(db_path) as db:
        assert table_counts(db) == before
        assert db.sql("SELECT doc_id, ingested_at FROM documents ORDER BY 1").fetchall() == stamps


def test_same_bytes_under_another_name_is_unchanged(db_path, tmp_path):
    src = next(SEEDS.glob("001_*"))
    copy = tmp_path / "renamed.txt"
    copy.write_bytes(src.read_bytes())
    ingest([src], db=db_path, progress=False)
    report = ingest([copy], db=db_path, **META)
    assert report.results[0].status == "unchanged"


def test_changed_file_replaces_its_document(db_path, tmp_path):
    plan = tmp_path / "plan.md"
    plan.write_text(
        "| Action ID | Action | Timescales |\n|---|---|---|\n| T1 | One. | S |\n| T2 | Two. |"
        " M |\n",
        encoding="utf-8",
    )
    ingest([plan], db=db_path, **META)
    plan.write_text(
        "| Action ID | Action | Timescales |\n|---|---|---|\n| T1 | One. | S |\n", encoding="utf-8"
    )
    report = ingest([plan], db=db_path, **META)
    assert report.results[0].status == "loaded"
    with Database(db_path) as db:
        assert db.sql("SELECT count(*) FROM documents").fetchone()[0] == 1
        assert db.sql("SELECT count(*) FROM actions").fetchone()[0] == 1


BAD_INPUTS = {
    "empty.txt": (b"", "empty file"),
    "junk.bin": (bytes(range(256)) * 40, "binary data"),
    "notes.txt": (b"Just some prose.\nNo table here at all.\n", "no action table found"),
    "report.docx": (b"PK\x03\x04" + b"\x00" * 200, "unsupported format: a zip archive"),
    "wrong.md": (
        b"| Name | Colour |\n|---|---|\n| Apple | Red |\n| Pear | Green |\n",
        "no action rows found",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_one_clear_line(name, db_path, tmp_path):
    data, expected = BAD_INPUTS[name]
    bad = tmp_path / name
    bad.write_bytes(data)
    good = next(SEEDS.glob("000_*"))
    report = ingest([bad, good], db=db_path, **META)
    failed = [r for r in report.results if r.status == "failed"]
    assert len(failed) == 1 and failed[0].path == str(bad)
    assert expected in failed[0].message
    assert "\n" not in failed[0].summary()
    with Database(db_path) as db:
        # the good one (from its manifest)
        assert db.sql("SELECT count(*) FROM documents").fetchone()[0] == 1
        assert (
            db.sql(
                "SELECT count(*) FROM actions WHERE doc_id <> 'leics-council-2023-12'"
            ).fetchone()[0]
            == 0
        )


def test_unlisted_file_loads_with_metadata_read_from_it(db_path, tmp_path):
    """No manifest, no flags (issue 16): the profile is inferred, council and edition read from the
    text."""
    plan = tmp_path / "plan.md"
    plan.write_text(
        "# Wiltshire Council Climate Action Plan, progress update March 2024\n\n| Action ID |"
        " Action | Lead |\n|---|---|---|\n| T1 | Deliver the bus strategy. | Transport |\n| T2 |"
        " Install charge points in car parks. | Parking |\n",
        encoding="utf-8",
    )
    report = ingest([plan], db=db_path, progress=False)
    result = report.results[0]
    assert result.status == "loaded", result.message
    assert "guessed council 'Wiltshire Council'" in result.summary()
    with Database(db_path) as db:
        assert db.sql(
            "SELECT council, edition, plans, profile LIKE 'auto:%' FROM documents"
        ).fetchone() == ("Wiltshire Council", "2024-03", ["main"], True)
        assert (
            db.sql("SELECT count(*) FROM findings WHERE \"check\" = 'metadata_guess'").fetchone()[0]
            == 1
        )


def test_flags_win_over_what_the_document_says(db_path, tmp_path):
    plan = tmp_path / "plan.md"
    plan.write_text(
        "Wiltshire Council, March 2024\n\n| Action ID | Action |\n|---|---|\n| T1 | One thing. |\n"
        "| T2 | Another thing. |\n",
        encoding="utf-8",
    )
    report = ingest(
        [plan],
        db=db_path,
        council="Somerset Council",
        edition="2024-06",
        plan="climate",
        progress=False,
    )
    assert report.ok, report.failed
    assert "guessed" not in report.results[0].summary()
    with Database(db_path) as db:
        assert db.sql("SELECT council, edition, plans FROM documents").fetchone() == (
            "Somerset Council",
            "2024-06",
            ["climate"],
        )


def test_failed_document_leaves_database_as_it_was(db_path, monkeypatch):
    """A failure in the middle of a document's transaction rolls the whole document back."""
    from actionplans.store import database

    ingest([next(SEEDS.glob("000_*"))], db=db_path, progress=False)
    with Database(db_path) as db:
        before = table_counts(db)

    original = database.document_frames

    def broken_findings(record, doc):
        frames = original(record, doc)
        frames["findings"]["no_such_column"] = 1  # documents and actions insert; findings then fail
        return frames

    monkeypatch.setattr(database, "document_frames", broken_findings)
    with pytest.raises(duckdb.BinderException):
        ingest([next(SEEDS.glob("001_*"))], db=db_path, progress=False)
    with Database(db_path) as db:
        assert table_counts(db) == before


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "actionplans"
    return subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "200"},
    )


def test_cli_ingest_summary_and_exit_codes(tmp_path):
    db = tmp_path / "cli.duckdb"
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    out = run_cli(
        "ingest", str(SEEDS / "000_c9542ef99ac075f4.txt"), str(bad), "--db", str(db), "--quiet"
    )
    assert out.returncode == 1
    assert "loaded    leics-council-2023-12: 36 actions" in out.stdout
    # tmp is outside the repo: full path
    assert out.stderr.strip().splitlines() == [f"FAILED    {bad}: empty file"]
    assert "Traceback" not in out.stderr
    again = run_cli("ingest", str(SEEDS / "000_c9542ef99ac075f4.txt"), "--db", str(db), "--quiet")
    assert again.returncode == 0 and "already loaded (same sha256)" in again.stdout


def test_cli_sql_and_documents(loaded_db_path):
    out = run_cli(
        "sql",
        "SELECT plan, count(*) AS n FROM actions GROUP BY plan ORDER BY plan",
        "--db",
        str(loaded_db_path),
        "--format",
        "csv",
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["plan,n", "cces,56", "council,50", "county,214", "lcan,4"]
    docs = run_cli("documents", "--db", str(loaded_db_path))
    assert docs.returncode == 0 and "leics-county-2023-12" in docs.stdout


def test_cli_bad_sql_is_one_line(loaded_db_path):
    out = run_cli("sql", "SELECT nope FROM nowhere", "--db", str(loaded_db_path))
    assert out.returncode != 0
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr


def test_cli_missing_database(tmp_path):
    out = run_cli("documents", "--db", str(tmp_path / "none.duckdb"))
    assert out.returncode == 1 and "no database here yet" in out.stderr


def test_strict_fails_a_noisy_document_and_loads_a_clean_one(db_path, tmp_path):
    """--strict (issue 21): a repair or a warning fails the document instead of being logged."""
    table = (
        "| Action ID | Action | Lead |\n|---|---|---|\n| {} | Deliver the bus strategy. |"
        " Transport |\n"
    )
    clean, noisy = tmp_path / "clean.md", tmp_path / "noisy.md"
    clean.write_text("Wiltshire Council, March 2024\n\n" + table.format("T1"), encoding="utf-8")
    # a Cyrillic Te
    noisy.write_text("Wiltshire Council, March 2024\n\n" + table.format("Т2"), encoding="utf-8")
    report = ingest(
        [clean, noisy],
        db=db_path,
        progress=False,
        strict=True,
        plan="main",
        profile="base",
        council="Wiltshire Council",
        edition="2024-03",
        title="Climate plan",
    )
    status = {Path(r.path).name: r for r in report.results}
    assert status["clean.md"].status == "loaded"
    assert status["noisy.md"].status == "failed" and "strict" in status["noisy.md"].message
    assert "lookalike_letters" in status["noisy.md"].message
    with Database(db_path) as db:
        assert db.sql("SELECT count(*) FROM documents").fetchone()[0] == 1
