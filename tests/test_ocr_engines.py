"""The second OCR engine (issue 20): RapidOCR re-reads the words tesseract doubts, on a real page
excerpt.

The excerpt is cut from a committed office scan
(``data/raw/samples/scanned/leics-council-2023-navy150.pdf``, page 1: the navy header band and the
first two actions), where tesseract alone reads the first ID ``Fl.`` (``Fl.1`` on the whole page);
with RapidOCR's second opinion it reads ``F1.1`` and the cell's finding names both readings.
"""

from __future__ import annotations

import shutil

import pdfplumber
import pytest
from actionplans.extract import read_pdf
from actionplans.extract.ocr import image as im
from actionplans.extract.ocr import second
from actionplans.extract.ocr.engine import OcrWord
from actionplans.extract.ocr.page import DPI
from conftest import ROOT, image_pdf
from PIL import Image

from actionplans.pipeline import TableTest
from actionplans.profile import load_profile

SCAN = ROOT / "data" / "raw" / "samples" / "scanned" / "leics-council-2023-navy150.pdf"
pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract-ocr is not installed"
)
needs_rapid = pytest.mark.skipif(
    second.rapid_version() is None, reason="RapidOCR is not installed (pip install -e '.[ocr]')"
)


@pytest.fixture(autouse=True)
def cold_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ACTIONPLANS_OCR_CACHE", str(tmp_path / "ocr-cache"))


@pytest.fixture(scope="module")
def excerpt(tmp_path_factory):
    """Page 1 of the navy scan from its header band to below the second action, as an image-only
    PDF."""
    with pdfplumber.open(SCAN) as pdf:
        rgb = im.render(pdf.pages[0], DPI)
    crop = Image.fromarray(rgb[440:880])
    path = tmp_path_factory.mktemp("excerpt") / "navy150-page1-excerpt.pdf"
    # lossless: the scan's own JPEG pixels, not a second compression
    image_pdf(crop, path, DPI)
    return path


def _read(path, engine: str, monkeypatch):
    monkeypatch.setenv(second.ENGINE_ENV, engine)
    return read_pdf(path, ocr="always", header_test=TableTest(load_profile("leics-council-2023")))


def _first_cells(doc) -> dict[str, str]:
    """Action rows by their description's first word: the ID cell's text."""
    return {
        r.cells[1].text.split()[0]: r.cells[0].text.strip()
        for t in doc.tables
        for r in t.rows
        if len(r.cells) > 1 and r.cells[1].text.strip() and r.cells[0].confidence is not None
    }


def test_tesseract_alone_misreads_the_first_id_of_the_excerpt(excerpt, monkeypatch):
    """The case the second opinion is for: without it, the ID is 'Fl.' ('Fl.1' on the whole page),
    doubted."""
    doc = _read(excerpt, "tesseract", monkeypatch)
    ids = _first_cells(doc)
    assert ids.get("Track", "").startswith("Fl"), ids
    assert any(c == "ocr_confidence" and "(row 'Fl" in m for _, c, m in doc.notes)
    assert not any("RapidOCR" in m for _, _, m in doc.notes)


@needs_rapid
def test_rapidocr_second_opinion_reads_the_id_and_says_which_engine_read_it(excerpt, monkeypatch):
    doc = _read(excerpt, "tesseract+rapidocr", monkeypatch)
    ids = _first_cells(doc)
    assert ids.get("Track") == "F1.1", ids
    assert ids.get("Investigate") == "F1.2", ids  # read right by tesseract: unchanged
    header = next(r.texts for t in doc.tables for r in t.rows if "Description" in " ".join(r.texts))
    assert header[0].replace("\n", " ") == "Action ID"
    notes = [m for _, c, m in doc.notes if c == "ocr_confidence" and "RapidOCR" in m]
    assert any("RapidOCR read 'F1.1' where tesseract read 'Fl" in m for m in notes), notes
    assert all(m.startswith("OCR read '") for m in notes)  # the report's pattern for an OCR cell


def test_without_rapidocr_the_stage_falls_back_to_tesseract(excerpt, monkeypatch):
    # as when rapidocr_onnxruntime is not installed
    monkeypatch.setattr(second, "_rapid", lambda: None)
    monkeypatch.setattr(second, "rapid_version", lambda: None)
    monkeypatch.setenv(second.ENGINE_ENV, "tesseract+rapidocr")
    assert second.active_engine() == "tesseract"
    doc = _read(excerpt, "tesseract+rapidocr", monkeypatch)
    assert _first_cells(doc).get("Track", "").startswith("Fl")


def test_an_unknown_engine_setting_is_refused(monkeypatch):
    monkeypatch.setenv(second.ENGINE_ENV, "paddle")
    with pytest.raises(ValueError, match="ACTIONPLANS_OCR_ENGINE"):
        second.engine_setting()


@pytest.mark.parametrize(
    ("rapid", "tess", "taken"),
    [
        ("F1.1", "Fl.1", True),
        ("DM1.1", "OM1.1", True),
        ("LCC", "Lcc", True),
        ("T14", "114", True),
        ("lvanhoe", "Ivanhoe", False),  # I for l alone: sans-serif draws them alike
        ("2", "£2", False),
        ("travelroa", "travel/roa", False),  # RapidOCR drops characters
        ("2,4", "2.4", False),  # punctuation alone
        ("start-up", "Start-up", False),
        ("S", "s", False),  # a first letter's case
        ("Obiective", "Objective", False),
        ("ehicles", "thicles", False),  # prose: tesseract's dictionary wins
        ("DfT", "OfT", True),
        ("S/M", "s™", True),
        ("L", "t", True),  # codes: an acronym, a value
    ],
)
def test_which_different_readings_are_taken(rapid, tess, taken):
    assert second.better(rapid, tess) is taken


@pytest.mark.parametrize(
    ("rapid", "tess", "fitted"),
    [
        ("LCC", "Lec.", "LCC."),  # the stop kept: 'LCC.' then '3' is still one ID to the normaliser
        ("ID—", "iD", "ID"),
        ("county", "county.", "county."),
        ("(T1", "(Tl", "(T1"),
        ("S/M", "s™", "S/M"),
        ("F1.1", "Fl.", "F1.1"),
    ],
)
def test_rapidocr_reading_keeps_tesseracts_stops_and_loses_rule_debris(rapid, tess, fitted):
    assert second.fit(rapid, tess) == fitted


@needs_rapid
def test_only_doubted_words_are_asked_and_two_engines_agreeing_lift_the_confidence():
    """On the page's own pixels (the box of ID F1.2): a doubted misreading is replaced and says so,
    a doubted right reading gains RapidOCR's confidence, a confident one is never asked."""
    with pdfplumber.open(SCAN) as pdf:
        rgb = im.render(pdf.pages[0], DPI)
    rgb = im.deskew(rgb, im.skew_angle(rgb))
    box = (109, 737, 152, 754)  # 'F1.2' on the straightened page 1
    wrong, right, sure = (
        OcrWord(*box, text, conf, (1, 1, 1))
        for text, conf in (("Fl.2", 0.5), ("F1.2", 0.5), ("Fl.2", 0.95))
    )
    got = second.second_opinion(rgb, [wrong, right, sure], [])
    assert (got[0].text, got[0].engine, got[0].first, got[0].conf) == (
        "F1.2",
        "rapidocr",
        "Fl.2",
        0.5,
    )
    assert got[1].text == "F1.2" and got[1].engine == "tesseract" and got[1].conf > 0.9
    assert got[2] == sure


def test_a_word_box_far_wider_than_tall_is_not_read_again():
    """The seventh draw's 2025 sheet in colour: a rule read as 'eee', a box 2074 by 2 pixels, was
    sent to RapidOCR, which pads each batch of crops to its widest; the page took 20 s and its
    worker past its 1536 MB limit, so the document did not load."""
    rule = OcrWord(100, 500, 2174, 502, "eee", 0.2, (1, 1, 1))
    word = OcrWord(100, 600, 250, 617, "Leicestershire", 0.5, (1, 1, 1))
    long_word = OcrWord(100, 700, 500, 717, "https://www.leics.gov.uk/net-zero", 0.5, (1, 1, 1))
    assert second.to_ask([rule, word, long_word], []) == [1, 2]
