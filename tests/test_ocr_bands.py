"""Header band labels the engine doubts, kept when its two readings agree (issue 20).

The sixth held-out draw's borderless council plan, scanned in colour at 220 dpi, lost its whole
RAG column: tesseract read the band's ``RAG`` label in both of the band's readings (block and
sparse) but scored it 0.00 and 0.05, under the bar below which a band word is a speck, so the
column had no header and its fills went to the timescale column.  ``band-rag-doubted.png`` is
that band as the page's cleaning left it (white on dark made black on white), cut from the scan.
``band-edge-speck.png``, the fifth draw's borderless county plan in greyscale: a lone 'S' the
sparse reading found on the band's soft edge, over the labels, made the header row 'S Funding'.
``analyses/grey-band-edge-word.json``, the ninth draw's borderless county plan in greyscale, page
16: the page's OCR analysis, in which tesseract read the band's top edge as 'Project', one pixel
tall and as wide as three labels; the table lost its theme and stage columns.

Real tesseract; no cache (``_read_band`` is the engine call itself). The last test reads a stored
analysis through the real page reader (pdfplumber's page, the born-digital table steps).
"""

from __future__ import annotations

import json
import shutil

import cv2
import pdfplumber
import pytest
from actionplans.extract.ocr.engine import OcrWord
from actionplans.extract.ocr.page import _agreeing, _letter_boxes, _read_band, read_scanned_page
from actionplans.extract.pdf.records import Fragment
from conftest import ROOT

from actionplans.pipeline import TableTest
from actionplans.profile import load_profile

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract-ocr is not installed"
)
BAND = ROOT / "tests" / "images" / "band-rag-doubted.png"
EDGE = ROOT / "tests" / "images" / "band-edge-speck.png"
EDGE_WORD = ROOT / "tests" / "analyses" / "grey-band-edge-word.json"
EDGE_WORD_SCAN = (
    ROOT / "data/raw/samples/scanned/variants-ninth/leics-county-2023-borderless-grey190.pdf"
)
DPI = 200  # the page was rendered at extract.ocr.page.DPI


def test_a_band_label_both_readings_agree_on_is_kept():
    band = cv2.imread(str(BAND), cv2.IMREAD_GRAYSCALE)
    crop = cv2.resize(band, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    labels = [w.text for w in _read_band(crop, DPI * 2)]
    assert "RAG" in labels
    assert {"Ref", "Project", "Description", "Timescale", "Update"} <= set(labels)
    # and no rule debris or speck comes in with it
    assert all(any(ch.isalnum() for ch in t) and len(t) >= 2 for t in labels), labels


def test_a_lone_letter_only_the_sparse_reading_finds_is_no_label():
    band = cv2.imread(str(EDGE), cv2.IMREAD_GRAYSCALE)
    crop = cv2.resize(band, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    labels = [w.text for w in _read_band(crop, DPI * 2)]
    assert {"Funding", "RAG", "Update"} <= set(labels), labels
    assert all(len(t) > 1 for t in labels), labels


def word(text, x0, x1, conf=0.1):
    return OcrWord(x0, 10, x1, 40, text, conf, (1, 1, 1))


def test_agreement_needs_the_same_letters_in_an_overlapping_box():
    other = word("RAG", 130, 190)
    assert _agreeing(word("RAG", 100, 160), [other]) is other
    assert _agreeing(word("RAG", 100, 160), [word("RAG", 170, 230)]) is None  # elsewhere
    assert _agreeing(word("RAG", 100, 160), [word("RAC", 100, 160)]) is None  # other letters
    assert _agreeing(word("a", 100, 160), [word("a", 100, 160)]) is None  # one letter is a speck


def test_a_flat_box_is_no_word_when_it_reads_a_word_again_or_is_a_doubted_stripe():
    def box(text, top, bottom, x0=10, x1=200, conf=0.96):
        return {"x0": x0, "top": top, "x1": x1, "bottom": bottom, "text": text, "conf": conf}

    # the band's top edge read as 'Project', one pixel tall, over the band's own 'Project' (read
    # with 0.97 here, to show that a confident second reading goes too)
    again = box("Project", 134, 135, 1291, 1619, conf=0.97)
    label = box("Project", 132, 171, 1539, 1619, conf=0.97)
    dash = box("-", 379, 382)  # a dash is flat by nature
    assert _letter_boxes([again, label, dash], DPI) == [label, dash]
    # a shaded row's edge read as letters with little confidence, as wide as they would be
    edge = box("ee", 500, 501, 100, 140, conf=0.3)
    assert _letter_boxes([edge, label], DPI) == [label]
    # a flat box read with confidence is a real word's box cut down to a sliver of its ink ('to',
    # 3 by 2 pixels, and 'is', 19 by 2, with 0.96 on Appendix B's scans): its text is kept
    to, is_ = box("to", 274, 276, 640, 643), box("is", 300, 302, 700, 719)
    assert _letter_boxes([to, is_, label], DPI) == [to, is_, label]
    # and a doubted one too narrow for its letters is no stripe
    narrow = box("Develvpment", 40, 42, 300, 301, conf=0.42)
    assert _letter_boxes([narrow], DPI) == [narrow]
    # the bar is half the smallest text (1/30 inch): at 200 dpi 3 pixels hold no letter, 4 may
    assert _letter_boxes([box("ee", 0, 3, conf=0.3)], DPI) == []
    assert len(_letter_boxes([box("ee", 0, 4, conf=0.3)], DPI)) == 1
    assert len(_letter_boxes([box("ee", 0, 2, conf=0.3)], 100)) == 1


def test_a_band_edge_read_as_a_word_leaves_the_header_whole():
    analysis = json.loads(EDGE_WORD.read_text(encoding="utf-8"))
    flat = [w for w in analysis["words"] if w["text"] == "Project" and w["bottom"] - w["top"] < 3]
    assert flat, "the stored analysis no longer holds the band-edge word it was kept for"
    with pdfplumber.open(EDGE_WORD_SCAN) as pdf:
        result = read_scanned_page(
            pdf.pages[1], 2, TableTest(load_profile("leics-county-2023")), analysis=analysis
        )
    rows = [
        tuple(c.text for c in row)
        for item in result.items
        if isinstance(item, Fragment)
        for row in item.rows
    ]
    assert rows[0] == ("Funding", "Project status", "RAG", "Update"), rows[:2]
    assert [r[1] for r in rows[1:4]] == ["Design", "Discovery", "Discovery"], rows


def test_a_label_only_the_band_reading_found_is_kept_when_that_reading_is_set_aside():
    """The banded council plan photographed (fourteenth draw): the page-wide pass lost
    'Timescale' at the band's raised top, and the band's own reading, which found it at 0.86,
    was set aside as weaker on the labels both read. A label only the band's reading found,
    where the first read nothing, is kept all the same; a doubtful one is not."""
    import numpy as np
    from actionplans.extract.ocr.engine import OcrWord
    from actionplans.extract.ocr.image import Region
    from actionplans.extract.ocr.page import _reread_bands

    clean = np.full((100, 1200), 255, np.uint8)
    spans = {"Action": (20, 100), "Timescale": (400, 520), "Project": (700, 790), "RAG": (900, 950)}
    for x0, x1 in spans.values():
        clean[30:46, x0:x1] = 0
    clean[30:46, 1050:1100] = 0  # ink the band's reading calls 'Xq', doubtfully
    band = Region(0, 20, 1200, 60, "#663748", inverted=True)
    first = [
        OcrWord(x0, 30, x1, 46, text, 0.96, (1, 1, 1))
        for text, (x0, x1) in spans.items()
        if text != "Timescale"
    ]
    top = 16  # the band's box: its top less a margin of dpi / 50
    again = [
        OcrWord(2 * x0, 2 * (30 - top), 2 * x1, 2 * (46 - top), text, conf, (1, 1, 1))
        for text, (x0, x1), conf in [
            ("Action", spans["Action"], 0.6),
            ("Timescale", spans["Timescale"], 0.86),
            ("Proiect", spans["Project"], 0.55),
            ("RAG", spans["RAG"], 0.45),
            ("Xq", (1050, 1100), 0.5),
        ]
    ]
    words = _reread_bands(clean, first, [band], 200, {0: again})
    texts = sorted(w.text for w in words)
    assert texts == ["Action", "Project", "RAG", "Timescale"], texts
    assert all(w.conf == 0.96 for w in words if w.text != "Timescale")
