"""A word's first ``p`` read in the case its ink shows (issue 20).

Tesseract tells ``promote personal action`` from ``promote Personal action`` by the letters' size
alone, and on a soft scan often wrongly: 18 descriptions of the scan draws had a ``P`` for a ``p``
mid-sentence.  The ink shows it twice over: a capital stands higher than the small letters, a
``p``'s descender drops under the baseline.  The page here is the county plan's page 17 scanned
in colour at 180 dpi (the fourteenth draw, read blind before this rule was written).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from actionplans.extract.ocr import image as im
from actionplans.extract.ocr import page as ocr_page
from conftest import fresh_page_words

ROOT = Path(__file__).resolve().parent.parent
SCAN = ROOT / "data/raw/samples/scanned/variants-fourteenth/leics-county-2023-ruled-colour180.pdf"


@pytest.fixture(scope="module")
def words() -> list[dict]:
    """The page's OCR words, read afresh (no cached analysis)."""
    return fresh_page_words(SCAN)


def test_a_small_p_read_as_a_capital_is_read_small_and_the_engines_reading_kept(words):
    changed = {(w["first"], w["text"]) for w in words if w["engine"] == "tesseract" and w["first"]}
    assert ("Personal", "personal") in changed
    assert not any(w["text"] == "Personal" for w in words)


def test_capitals_whose_ink_is_a_capitals_stay(words):
    texts = [w["text"] for w in words]
    # names and headings in the page's text: their capitals stand a capital's height
    for name in ("Pathfinder", "Voluntary", "Universities"):
        assert name in texts
    # no word read small where the engine read a capital, but for the one measured
    lowered = [
        (w["first"], w["text"])
        for w in words
        if w["engine"] == "tesseract" and w["first"] and w["first"][0].isupper()
    ]
    assert lowered == [("Personal", "personal")]


def test_a_letter_measured_against_the_rest_of_its_word():
    """``first_letter_shape`` on drawn ink: a capital rises about 0.4 x-heights above the small
    letters, a small letter not at all, and a ``p``'s descender drops under the baseline."""
    import cv2
    import numpy as np

    def shape(text: str, broken: bool = False) -> tuple[float, float, float, float] | None:
        page = np.full((80, 400), 255, np.uint8)
        cv2.putText(page, text, (10, 50), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2, cv2.LINE_AA)
        if broken:  # a light print whose strokes broke up: every fourth row of ink gone
            page[::4] = 255
        ys, xs = np.nonzero(page < 128)
        box = (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)
        return im.first_letter_shape(page, box, 128, len(text) - 1)

    capital, small = shape("Process"), shape("process")
    assert capital is not None and small is not None
    assert capital[0] > ocr_page.CAPITAL_RISE and abs(capital[1]) < ocr_page.P_DESCENDER[0]
    assert abs(small[0]) < ocr_page.SMALL_RISE and small[1] > ocr_page.P_DESCENDER[1]
    # a word in more blobs than letters (a light print broken up) is not measured
    assert shape("process", broken=True) is None
