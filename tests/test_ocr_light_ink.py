"""Ink measured at the page's own level on a page of light letters (issue 20).

A soft greyscale scan prints its letters at some 145 where an office scan prints them at 40-80.
At a fixed level of 128 two things went wrong on such pages: a short ID left unread by the
page-wide pass ('R1', 'R2' under a section row of Appendix B's page 4 at 170 dpi, sixteenth draw,
read blind) held a dozen pixels darker than 128, too few to be read again, and two actions were
lost; and a word box cut to its line of ink broke where the middle of a line printed at 130
('Study', Appendix B's page 1 at 210 dpi), kept the upper half, and the second pass read the
rest as another word ('Stu w d ay').
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from actionplans.extract.ocr import page as ocr_page
from actionplans.extract.ocr.engine import OcrWord
from conftest import fresh_page_words

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ROOT / "data/raw/samples/scanned"


def test_light_ids_left_unread_by_the_first_pass_are_read_again():
    words = fresh_page_words(SCANNED / "variants-sixteenth/leics-2025-appendix-b-grey170.pdf")
    left = min(w["x0"] for w in words if w["text"] == "Resources")
    ids = [w["text"] for w in words if abs(w["x0"] - left) < 20]
    assert "R1" in ids and "R2" in ids, ids


def test_a_word_whose_middle_prints_light_keeps_its_whole_box():
    words = fresh_page_words(SCANNED / "variants-thirteenth/leics-2025-appendix-b-grey210.pdf")
    study = [w for w in words if w["text"] == "Study"]
    assert study, "the word 'Study' was not read whole"
    (box,) = study
    # the box spans the word's letters, not the upper half of them
    assert box["bottom"] - box["top"] >= 10
    # and no second word stands on its lower half
    under = [
        w["text"]
        for w in words
        if w is not box
        and box["top"] <= w["top"] < box["bottom"] + 4
        and w["x0"] < box["x1"]
        and w["x1"] > box["x0"]
    ]
    assert under == []


def test_tighten_cuts_at_the_level_it_is_given():
    """A word of two lines' height whose middle rows print at 135: at 128 its ink is two runs
    and the box keeps the heavier; at the page's level (150) it is one run and the box stays."""
    clean = np.full((60, 80), 250, np.uint8)
    clean[10:16, 5:75] = 60  # the upper part of the letters
    clean[16:19, 5:75] = 135  # a light middle
    clean[19:23, 5:75] = 90  # the lower part
    others = [
        OcrWord(100 + 90 * k, 10, 160 + 90 * k, 23, "word", 0.95, (1, 1, 1)) for k in range(3)
    ]
    wide = np.full((60, 400), 250, np.uint8)
    wide[:, :80] = clean
    for w in others:
        wide[10:20, w.x0 : w.x1] = 60
    word = OcrWord(5, 8, 75, 25, "Study", 0.95, (1, 1, 1))
    cut = ocr_page._tighten([word, *others], wide)[0]
    kept = ocr_page._tighten([word, *others], wide, 150)[0]
    assert cut.bottom - cut.top < 10
    assert (kept.top, kept.bottom) == (word.top, word.bottom)
