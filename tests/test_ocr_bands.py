"""Header band labels the engine doubts, kept when its two readings agree (issue 20).

The sixth held-out draw's borderless council plan, scanned in colour at 220 dpi, lost its whole
RAG column: tesseract read the band's ``RAG`` label in both of the band's readings (block and
sparse) but scored it 0.00 and 0.05, under the bar below which a band word is a speck, so the
column had no header and its fills went to the timescale column.  ``band-rag-doubted.png`` is
that band as the page's cleaning left it (white on dark made black on white), cut from the scan.
``band-edge-speck.png``, the fifth draw's borderless county plan in greyscale: a lone 'S' the
sparse reading found on the band's soft edge, over the labels, made the header row 'S Funding'.

Real tesseract; no cache (``_read_band`` is the engine call itself).
"""

from __future__ import annotations

import shutil

import cv2
import pytest
from actionplans.extract.ocr.engine import OcrWord
from actionplans.extract.ocr.page import _agreeing, _read_band
from conftest import ROOT

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract-ocr is not installed"
)
BAND = ROOT / "tests" / "images" / "band-rag-doubted.png"
EDGE = ROOT / "tests" / "images" / "band-edge-speck.png"
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
