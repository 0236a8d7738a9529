"""Pale RAG cells stacked without a rule between them, on a colour scan (issue 20).

The fourth held-out draw's borderless county plan read three pale greens as amber: its RAG
column's pale cells (Excel's "Good" #c6efce and "Neutral" #ffeb9c) touch, with no rule between,
and scanned (paper tone, soft focus, JPEG) they lie only some 44 levels apart, under the 45 at
which a fill was split, so two or three cells were one fill and took one colour.  A fill is now
also split where its rows' colour steps from the rows just above.

Real tesseract on a table typeset here with PIL and put through ``data/raw/samples/
office_scan.py``'s scanner (colour, JPEG 70, a slight turn).
"""

from __future__ import annotations

import shutil
import sys

import pytest
from conftest import ROOT, image_pdf, rag_table

import actionplans
from actionplans.store import Database

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract-ocr is not installed"
)
SAMPLES = ROOT / "data" / "raw" / "samples"
DPI = 150
PROFILE = "leics-county-2023"
GOOD, NEUTRAL, BAD = "#c6efce", "#ffeb9c", "#ffc7ce"  # Excel's pale cell styles
ROWS = [
    ("T1", "Deliver the electric vehicle charging strategy", NEUTRAL),
    ("T2", "Review the county fleet replacement programme", GOOD),
    ("T3", "Support active travel schemes in market towns", GOOD),
    ("T4", "Develop a freight consolidation pilot with partners", NEUTRAL),
    ("T5", "Promote car sharing among county council staff", BAD),
    ("T6", "Investigate hydrogen buses on rural routes", GOOD),
]
RATING = {GOOD: "Green", NEUTRAL: "Amber", BAD: "Red"}


@pytest.fixture(autouse=True)
def cold_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ACTIONPLANS_OCR_CACHE", str(tmp_path / "ocr-cache"))


def test_pale_rag_cells_stacked_without_a_rule_are_read_one_by_one(tmp_path):
    sys.path.insert(0, str(SAMPLES))
    from office_scan import OfficeScan, office_scan  # noqa: PLC0415

    spec = OfficeScan(
        "pale-rag", (1, 1), DPI, 70, -0.6, None, "colour", "", PROFILE, ("county",), "2023-12",
    )  # fmt: skip
    pdf = tmp_path / "pale.pdf"
    image_pdf(
        spec.finish(office_scan(rag_table(ROWS, ruled=False), spec, 1), 1),
        pdf,
        DPI,
        "JPEG",
        quality=70,
    )
    db = tmp_path / "pale.duckdb"
    report = actionplans.ingest([pdf], db=db, profile=PROFILE, jobs=0, progress=False)
    assert report.ok, [r.summary() for r in report.failed]
    database = Database(db, read_only=True)
    try:
        rag = dict(database.sql("SELECT action_id, rag FROM actions").fetchall())
    finally:
        database.close()
    assert rag == {aid: RATING[fill] for aid, _, fill in ROWS}, rag


def test_a_pale_red_cell_over_a_pale_amber_one_is_split_from_it():
    """The sixth draw's borderless county plan in colour read R5's pale red as amber: its cell
    (Excel's "Bad" #ffc7ce) sits right on R6's pale amber ("Neutral" #ffeb9c), and scanned the two
    lie only 16 levels apart, under the 20 at which a fill was split.  Row medians as that scan
    gave them, 40 rows of each."""
    from actionplans.extract.ocr.image import _colour_runs
    from actionplans.extract.ocr.settings import DEFAULT_IMAGE_SETTINGS

    rows = [(245.0, 209.0, 200.0)] * 40 + [(247.0, 225.0, 196.0)] * 40
    runs = _colour_runs(rows, 100, 8, DEFAULT_IMAGE_SETTINGS)
    assert runs == [(100, 140), (140, 180)], runs
    # a row's median drifting a level or two (a photo's light) splits nothing
    drift = [(245.0 - k / 20, 209.0 - k / 20, 200.0) for k in range(80)]
    assert len(_colour_runs(drift, 100, 8, DEFAULT_IMAGE_SETTINGS)) == 1
