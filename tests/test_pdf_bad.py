"""Bad PDFs: one line naming the file (and page), the rest of the run goes on (issue 4)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from actionplans.extract import read_document, read_pdf
from actionplans.extract.errors import (
    DamagedPDF,
    EmptyPDF,
    EncryptedPDF,
    ExtractError,
    NoActionTable,
)
from actionplans.normalise.header import HeaderTest
from conftest import ROOT
from pdf_expected import PDFS

from actionplans import ingest
from actionplans.profile import load_profile
from actionplans.store import Database

META = dict(
    council="Test Council",
    edition="2023-12",
    plan="county",
    profile="leics-county-2023",
    progress=False,
)

BAD = {
    "bad-2023-encrypted.pdf": (EncryptedPDF, "encrypted: needs --password"),
    "bad-2023-truncated.pdf": (DamagedPDF, "damaged or truncated PDF, cannot be parsed"),
    "bad-2023-zero-pages.pdf": (EmptyPDF, "PDF has no pages"),
    "bad-2023-no-table.pdf": (NoActionTable, "no action table found on any of its 1 pages"),
    "bad-2023-image-only.pdf": (NoActionTable, "page 1 has no text layer"),
    "bad-2023-unknown-header.pdf": (NoActionTable, "(page 1: 'Colour | Flavour | Texture')"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_pdf_raises_one_line_naming_the_file(name):
    kind, words = BAD[name]
    path = PDFS / name
    with pytest.raises(kind) as info:
        read_document(path, header_test=HeaderTest(load_profile("leics-county-2023")), ocr="never")
    message = str(info.value)
    assert message.startswith(f"{path}: ") and words in message and "\n" not in message
    assert isinstance(info.value, ExtractError)


def test_encrypted_pdf_opens_with_its_password():
    doc = None
    with pytest.raises(NoActionTable):  # it opens; it simply holds no table
        doc = read_pdf(PDFS / "bad-2023-encrypted.pdf", password="secret")
    assert doc is None
    with pytest.raises(EncryptedPDF, match="the password is wrong"):
        read_pdf(PDFS / "bad-2023-encrypted.pdf", password="nope")


def test_image_only_page_is_a_finding_naming_the_page(db_path):
    report = ingest([PDFS / "test-2023-ruled.pdf"], db=db_path, **META)
    assert report.ok, report.results[0].message
    with Database(db_path, read_only=True) as db:
        messages = [
            m
            for (m,) in db.sql(
                "SELECT message FROM findings WHERE message LIKE 'page 3:%'"
            ).fetchall()
        ]
    # without OCR: "page 3: no text layer (...)"; with OCR (issue 7) the page is OCRed and says what
    # it found
    assert len(messages) == 1 and "text layer" in messages[0]


def test_bad_pdfs_fail_alone_and_leave_nothing_half_written(db_path):
    paths = [PDFS / n for n in sorted(BAD)] + [PDFS / "test-2023-ruled.pdf"]
    report = ingest(paths, db=db_path, **META)
    status = {r.path.rsplit("/", 1)[-1]: r.status for r in report.results}
    assert status.pop("test-2023-ruled.pdf") == "loaded"
    assert set(status.values()) == {"failed"}
    with Database(db_path, read_only=True) as db:
        assert db.sql("SELECT count(*) FROM documents").fetchone()[0] == 1
        assert db.sql("SELECT count(*) FROM actions").fetchone()[0] == 8


def test_cli_prints_one_line_per_bad_pdf(tmp_path):
    cmd = [
        sys.executable,
        "-m",
        "actionplans.cli",
        "ingest",
        "tests/pdfs/bad-2023-encrypted.pdf",
        "tests/pdfs/bad-2023-truncated.pdf",
        "--council",
        "T",
        "--edition",
        "2023-12",
        "--plan",
        "county",
        "--profile",
        "leics-county-2023",
        "--db",
        str(tmp_path / "x.duckdb"),
        "--quiet",
    ]
    run = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 1
    lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
    assert lines == [
        "FAILED    tests/pdfs/bad-2023-encrypted.pdf: encrypted: needs --password",
        (
            "FAILED    tests/pdfs/bad-2023-truncated.pdf: damaged or truncated PDF, cannot be"
            " parsed (Unexpected EOF)"
        ),
    ]
    assert "Traceback" not in run.stderr
