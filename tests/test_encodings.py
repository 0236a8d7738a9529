"""Text inputs in any common encoding and file names of any shape are read by content (issue 9)."""

from __future__ import annotations

import pytest

from actionplans import ingest
from actionplans.store import Database

TABLE = (
    "| Action ID | Action | Timescales |\n|---|---|---|\n"
    "| T1 | Fund the £2 million recycling scheme – phase one | S |\n"
    "| T2 | Café-style “drop-in” sessions | M |\n"
)
META = dict(
    council="Test", edition="2024-01", plan="county", profile="leics-county-2023", progress=False
)


@pytest.mark.parametrize(
    "encoding, mangle",
    [
        ("utf-8", lambda b: b),
        ("utf-8-sig", lambda b: b),
        ("utf-16", lambda b: b),
        (
            "utf-16-le",
            lambda b: b,
        ),  # no byte order mark (issue 18): told by where the NUL bytes are
        ("utf-16-be", lambda b: b),
        ("cp1252", lambda b: b),
        ("utf-8", lambda b: b.replace(b"\n", b"\r\n")),
        ("utf-8", lambda b: b.replace(b"\n", b"\r")),
        ("utf-8", lambda b: b.replace(b"| S |", b"| S\x00 |")),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16",
        "utf16le-no-bom",
        "utf16be-no-bom",
        "cp1252",
        "crlf",
        "cr",
        "nul-byte",
    ],
)
def test_text_encodings(encoding, mangle, tmp_path):
    path = tmp_path / "plan.md"
    path.write_bytes(mangle(TABLE.encode(encoding)))
    db = tmp_path / "e.duckdb"
    report = ingest([path], db=db, **META)
    assert report.ok, report.results[0].message
    with Database(db) as con:
        rows = con.sql(
            "SELECT action_id, description, timescale FROM actions ORDER BY action_id"
        ).fetchall()
        assert rows == [
            ("T1", "Fund the £2 million recycling scheme – phase one", "S"),
            ("T2", "Café-style “drop-in” sessions", "M"),
        ]
        recorded = con.sql("SELECT encoding FROM documents").fetchone()[0]
    assert recorded == {
        "utf-8-sig": "utf-8-sig",
        "utf-16": "utf-16",
        "utf-16-le": "utf-16-le",
        "utf-16-be": "utf-16-be",
        "cp1252": "cp1252",
    }.get(encoding, "utf-8")


@pytest.mark.parametrize(
    "name", ["with space.md", "ünïcödé plan.md", "-leading-dash.md", "UPPER.MD", "no_extension"]
)
def test_odd_file_names(name, tmp_path):
    path = tmp_path / name
    path.write_text(TABLE, encoding="utf-8")
    report = ingest([path], db=tmp_path / "n.duckdb", **META)
    assert report.ok, report.results[0].message
    assert report.results[0].actions == 2


def test_content_not_extension_decides(tmp_path):
    pdf_named_txt = tmp_path / "plan.txt"
    pdf_named_txt.write_bytes(b"%PDF-1.4\n%garbage that is no real PDF\n")
    zip_named_pdf = tmp_path / "plan.pdf"
    zip_named_pdf.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    folder_named_pdf = tmp_path / "folder.pdf"
    folder_named_pdf.mkdir()
    (folder_named_pdf / "inner.md").write_text(TABLE, encoding="utf-8")
    report = ingest(
        [pdf_named_txt, zip_named_pdf, folder_named_pdf], db=tmp_path / "c.duckdb", **META
    )
    by_name = {r.path.rsplit("/", 1)[-1]: r for r in report.results}
    assert by_name["plan.pdf"].status == "failed" and "zip archive" in by_name["plan.pdf"].message
    assert by_name["plan.txt"].status == "failed"  # read as a PDF (its content), which is broken
    assert "\n" not in by_name["plan.txt"].message
    assert by_name["inner.md"].status == "loaded"  # a folder is walked, whatever its name
