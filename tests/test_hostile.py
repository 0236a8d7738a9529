"""The hostile corpus: every file is loaded or rejected with one line, within its limits
(issue 9)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench" / "hostile"))
from make_corpus import main as make_corpus  # noqa: E402

EXE = str(Path(sys.executable).parent / "actionplans")
TIMEOUT = 8


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    corpus = make_corpus(str(tmp / "corpus"), bomb_mb=60)
    out = subprocess.run(
        [
            EXE,
            "ingest",
            str(corpus),
            "--db",
            str(tmp / "h.duckdb"),
            "--council",
            "Hostile",
            "--edition",
            "2024-01",
            "--plan",
            "county",
            "--profile",
            "base",
            "--jobs",
            "2",
            "--timeout",
            str(TIMEOUT),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return corpus, out


def lines_for(out, name: str) -> list[str]:
    return [
        line
        for line in (out.stdout + out.stderr).splitlines()
        if f"{name}" in line or f"/{name}:" in line
    ]


def test_no_traceback_and_every_file_accounted_for(corpus_run):
    corpus, out = corpus_run
    assert "Traceback" not in out.stderr
    assert out.returncode == 1  # some files failed
    files = sorted(p.name for p in corpus.iterdir())
    for name in files:
        mentions = [line for line in (out.stdout + out.stderr).splitlines() if f"/{name}" in line]
        assert len(mentions) == 1, (name, mentions)
    # stderr holds only FAILED lines: no library noise
    assert all(line.startswith("FAILED ") for line in out.stderr.splitlines()), out.stderr


@pytest.mark.parametrize(
    "name, expected",
    [
        ("empty.pdf", "empty file"),
        ("random-bytes.pdf", "binary data"),
        ("zip-named-pdf.pdf", "zip archive"),
        ("truncated-10pct.pdf", "damaged or truncated"),
        ("zero-pages.pdf", "no pages"),
        ("no-tables.pdf", "no action table"),
        ("blank-page.pdf", "no action table"),
    ],
)
def test_reason_named(corpus_run, name, expected):
    _, out = corpus_run
    [line] = [line for line in out.stderr.splitlines() if f"/{name}:" in line]
    assert expected in line


def test_good_file_in_the_corpus_loads(corpus_run):
    _, out = corpus_run
    assert any(
        line.startswith("loaded    good-table: 29 actions") for line in out.stdout.splitlines()
    )


def test_expensive_files_end_within_their_limit(corpus_run):
    _, out = corpus_run
    for name in ("grid-200x200.pdf", "inflate-bomb-60mb.pdf", "rects-60000.pdf"):
        [line] = [line for line in (out.stdout + out.stderr).splitlines() if f"/{name}" in line]
        assert line.startswith(("FAILED", "loaded"))


@pytest.mark.parametrize(
    "args, expected",
    [
        ([], "FAILED"),
        (["--password", "wrong"], "the password is wrong"),
        (["--password", "secret"], "loaded    encrypted-user-password: 1 actions"),
    ],
)
def test_encrypted_pdf_password(corpus_run, tmp_path, args, expected):
    corpus, _ = corpus_run
    out = subprocess.run(
        [
            EXE,
            "ingest",
            str(corpus / "encrypted-user-password.pdf"),
            "--db",
            str(tmp_path / "p.duckdb"),
            "--council",
            "X",
            "--edition",
            "2024-01",
            "--plan",
            "p",
            "--profile",
            "base",
            "--quiet",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert expected in out.stdout + out.stderr
    if not args:
        assert "encrypted: needs --password" in out.stderr


def test_damaged_xref_recovered_by_pypdfium2(corpus_run):
    corpus, out = corpus_run
    [line] = [line for line in out.stdout.splitlines() if "good-table-xref-zeroed" in line]
    assert line.startswith("loaded    good-table-xref-zeroed: 29 actions")
    db = corpus.parent / "h.duckdb"
    from actionplans.store import Database

    with Database(db, read_only=True) as con:
        [(message,)] = con.sql(
            "SELECT message FROM findings WHERE doc_id = 'good-table-xref-zeroed' "
            "AND \"check\" = 'recovered'"
        ).fetchall()
    assert "pypdfium2 rebuilt its structure" in message
