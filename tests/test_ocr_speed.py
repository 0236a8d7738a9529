"""The OCR stage made faster without reading anything differently (issue 20's 3 s a page).

Tesseract read through its library gives the words its command gives; RapidOCR's recogniser read
in two threads gives what one call gives; the header bands read beside the page-wide pass give what
reading them after it gives; a core no page uses is lent to the pages that are being read.
Speed itself is measured by ``bench/ocr_benchmark.py``, not here.
"""

from __future__ import annotations

import ctypes
import logging
import shutil

import numpy as np
import pdfplumber
import pytest
from actionplans.extract.ocr import engine, page, second
from conftest import ROOT, band_page, text_font
from PIL import Image, ImageDraw

SCANNED = ROOT / "data" / "raw" / "samples" / "scanned"
pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract-ocr is not installed"
)
needs_library = pytest.mark.skipif(
    engine._library() is None, reason="tesseract's library (libtesseract.so.5) cannot be loaded"
)
needs_rapid = pytest.mark.skipif(
    second.rapid_version() is None, reason="RapidOCR is not installed (pip install -e '.[ocr]')"
)


def _lines_image(lines: list[str], width: int = 900, size: int = 26) -> np.ndarray:
    image = Image.new("L", (width, 30 + 46 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for k, text in enumerate(lines):
        draw.text((14, 16 + 46 * k), text, fill=0, font=text_font(size))
    return np.asarray(image)


def _by_command(monkeypatch, fn):
    """``fn()`` with tesseract run as its command (``ACTIONPLANS_TESSERACT=command``)."""
    monkeypatch.setenv(engine.TESSERACT_ENV, "command")
    engine._library.cache_clear()
    try:
        return fn()
    finally:
        monkeypatch.delenv(engine.TESSERACT_ENV)
        engine._library.cache_clear()


def _boxes(words: list[engine.OcrWord]) -> list[tuple]:
    return [(w.text, w.x0, w.top, w.x1, w.bottom, w.conf, w.line) for w in words]


@needs_library
@pytest.mark.parametrize(("psm", "tiled"), [(11, False), (6, False), (6, True)])
def test_the_library_reads_the_words_the_command_reads(monkeypatch, psm, tiled):
    """Same words, boxes, confidences and lines, whichever way tesseract is called."""
    image = _lines_image(
        ["T18 Electric fleet  Ongoing  Amber", "Deliver the county's 2025/26 plan", "L   M   H"]
    )
    by_library = engine.ocr_words(image, 200, psm=psm, tiled=tiled)
    by_command = _by_command(
        monkeypatch, lambda: engine.ocr_words(image, 200, psm=psm, tiled=tiled)
    )
    assert _boxes(by_library) == _boxes(by_command)
    assert {"Electric", "Ongoing", "Amber"} <= {w.text for w in by_library}


@needs_library
def test_a_list_of_crops_read_by_the_library_reads_as_by_the_command(monkeypatch):
    crops = [_lines_image([t], width=420) for t in ("Ongoing", "2025/26", "L", "Amber", "DM1.2")]
    for processes in (1, 2):
        by_library = engine.ocr_batch(crops, 200, psm=6, tiled=True, processes=processes)
        by_command = _by_command(
            monkeypatch,
            lambda p=processes: engine.ocr_batch(crops, 200, psm=6, tiled=True, processes=p),
        )
        assert [_boxes(ws) for ws in by_library] == [_boxes(ws) for ws in by_command]


@needs_library
def test_the_library_reads_a_page_s_slice_as_the_whole_crop():
    """A crop that is a view into a larger page (not contiguous) is read as its copy is."""
    image = _lines_image(["Reduce emissions from the council's fleet"] * 3, width=1200)
    view = image[:, 100:900]
    assert _boxes(engine.ocr_words(view, 200, psm=6)) == _boxes(
        engine.ocr_words(np.ascontiguousarray(view), 200, psm=6)
    )


def test_the_command_is_used_when_asked(monkeypatch):
    monkeypatch.setenv(engine.TESSERACT_ENV, "command")
    engine._library.cache_clear()
    try:
        assert engine._library() is None
    finally:
        monkeypatch.delenv(engine.TESSERACT_ENV)
        engine._library.cache_clear()


def test_leptonica_s_messages_go_to_the_log_not_to_stderr(capfd, caplog):
    """The hostile-file run's stderr holds only FAILED lines: an image-bomb page made
    leptonica print 'Error in pixScanForForeground' there once tesseract ran in-process."""
    lib = engine._library()
    if lib is None:
        pytest.skip("tesseract's library is not loadable here")
    scan = lib.lib.pixScanForForeground  # any leptonica call given no image complains
    scan.restype, scan.argtypes = ctypes.c_int, [ctypes.c_void_p] * 4
    with caplog.at_level(logging.DEBUG, logger=engine.__name__):
        assert scan(None, None, 0, None) != 0
    assert capfd.readouterr().err == ""
    assert any("pixScanForForeground" in m for m in caplog.messages), caplog.messages


@needs_rapid
def test_rapidocr_read_in_two_threads_reads_as_one_call():
    """The recogniser's batches (six crops by width to height, each padded to its widest) are the
    ones one call makes, so each crop reads the same."""
    texts = ["F1.1", "DM1.2", "Ongoing", "2025/26", "LCC", "Amber", "Green", "T18", "S/M"]
    texts += ["Deliver the plan", "H", "Electric fleet", "R10", "£2.4m"]
    crops = [
        np.ascontiguousarray(np.stack([_lines_image([t], width=60 + 22 * len(t))] * 3, axis=2))
        for t in texts
    ]
    one = second.read_words(crops, threads=1)
    two = second.read_words(crops, threads=2)
    assert two == one
    assert one[0][0] == "F1.1" and one[5][0] == "Amber"


@needs_rapid
def test_only_rapidocr_s_recogniser_is_loaded_and_on_one_thread():
    rec = second._rapid()
    assert callable(rec) and hasattr(rec, "rec_batch_num")
    assert not hasattr(rec, "text_det")  # not the whole RapidOCR (detector, classifier)
    # RapidOCR's global thread setting overrides the recogniser's own: one thread, not one a core
    options = rec.session.session.get_session_options()
    assert (options.intra_op_num_threads, options.inter_op_num_threads) == (1, 1)


def test_bands_read_beside_the_page_wide_pass_give_the_same_words():
    """The wide bands are read from the cleaned page alone (beside the first pass); merged with the
    first pass's words they give what reading them after it gives."""
    clean, regions = band_page()
    early = page._read_wide_bands(clean, regions, 200)
    assert early  # the page's header band
    assert all(regions[k].dark and regions[k].x1 - regions[k].x0 >= 200 for k in early)
    first = engine.ocr_words(clean, 200, 11)
    after = page._reread_bands(clean, first, regions, 200)
    beside = page._reread_bands(clean, first, regions, 200, early)
    assert _boxes(beside) == _boxes(after)
    assert {"Cost", "RAG"} <= {w.text.strip(".,") for w in beside}


def test_a_core_no_page_uses_is_lent_to_the_page_being_read(monkeypatch):
    monkeypatch.setattr(page, "_CORES", 2)
    monkeypatch.setattr(page, "_budget", 2)
    monkeypatch.setattr(page, "_active", 1)
    assert page._spare_cores() == 2  # a one-page document with two cores
    monkeypatch.setattr(page, "_active", 2)
    assert page._spare_cores() == 1  # two pages in hand
    monkeypatch.setattr(page, "_budget", 1)
    monkeypatch.setattr(page, "_active", 1)
    assert page._spare_cores() == 1  # one core for each document (--jobs 2, many documents)


def test_a_prefetch_lends_its_cores_while_it_reads_and_gives_them_back(monkeypatch):
    monkeypatch.setattr(page, "_budget", 1)
    with pdfplumber.open(SCANNED / "leics-council-2023-navy150.pdf") as pdf:
        prefetch = page.PagePrefetch(pdf, lambda _page: False, workers=2)
        assert page._budget == 2
        prefetch.close()
    assert page._budget == 1
