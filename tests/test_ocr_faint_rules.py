"""A spreadsheet's light grey grid in a greyscale office scan (issue 20, the second draw's
``leics-2025-sheet-grey150``): its rules are some 30-50 levels under the paper after the scan's
soft focus, too faint for the rule finder's black-hat, so no row or column was found, the rules
were read as letters (``a``, ``_``, ``oe``) and words' boxes ran up to the rule above them, and the
table read as one row.

Real tesseract on a page excerpt made here from the born-digital sample by
``data/raw/samples/office_scan.py`` (paper tone, soft focus, noise, turned -1.2 degrees, greyscale,
JPEG 70), deterministic.
"""

from __future__ import annotations

import shutil
import sys

import numpy as np
import pdfplumber
import pytest
from actionplans.extract import read_pdf
from actionplans.extract.ocr import image as im
from conftest import ROOT, image_pdf, text_font
from PIL import Image, ImageDraw, ImageFilter

from actionplans.pipeline import TableTest
from actionplans.profile import load_profile

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract-ocr is not installed"
)
SAMPLES = ROOT / "data" / "raw" / "samples"
DPI = 150


@pytest.fixture(autouse=True)
def cold_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ACTIONPLANS_OCR_CACHE", str(tmp_path / "ocr-cache"))


def _grey_sheet_excerpt(path) -> None:
    """The 2025 sheet's first table down to its section row (its header, six actions; the ID,
    action and date columns), scanned in greyscale at 150 dpi."""
    import pypdfium2 as pdfium

    sys.path.insert(0, str(SAMPLES))
    from office_scan import OfficeScan, office_scan  # noqa: PLC0415

    pdf = pdfium.PdfDocument(str(SAMPLES / "leics-2025-sheet.pdf"))
    try:
        page = pdf[0].render(scale=DPI / 72).to_pil().convert("RGB")
    finally:
        pdf.close()
    page = page.crop((0, 0, int(page.width * 0.62), int(page.height * 0.30)))
    spec = OfficeScan(
        "leics-2025-sheet", (1, 1), DPI, 70, -1.2, None, "grey", "", "leics-2025",
        ("council",), "2025-04", grey=True,
    )  # fmt: skip
    image_pdf(spec.finish(office_scan(page, spec, 1), 1), path, DPI, "JPEG", quality=70)


def _page(path) -> np.ndarray:
    with pdfplumber.open(path) as pdf:
        rgb = im.render(pdf.pages[0], 200)
    return im.deskew(rgb, im.skew_angle(rgb))


def test_a_light_grey_grid_in_a_greyscale_scan_is_found(tmp_path):
    path = tmp_path / "grey-sheet.pdf"
    _grey_sheet_excerpt(path)
    rgb = _page(path)
    segs, _ = im.rules(rgb, 200)
    width = rgb.shape[1]
    rows = sorted(g.top for g in segs if g.orientation == "h" and g.x1 - g.x0 >= 0.6 * width)
    # the header's top and bottom, a rule under each of the six actions (the last over the
    # section row): eight rules across the table; the strong pass alone found none
    assert len(rows) >= 7, rows
    assert all(b - a >= 30 for a, b in zip(rows, rows[1:], strict=False)), rows  # one per rule
    assert any(g.orientation == "v" for g in segs)


def test_lines_of_text_are_no_faint_rules():
    """Greyed, soft, noisy text with no rule anywhere: the faint pass finds nothing (its letters
    leave paper between them, however tight the type)."""
    image = Image.new("L", (1600, 500), 244)
    draw = ImageDraw.Draw(image)
    font = text_font(22)
    for k in range(8):
        draw.text(
            (40, 30 + 55 * k),
            "Investigate opportunities for local carbon sequestration on the Council's estate,"
            " insetting within the value chain -- = __ ~~",
            fill=120,
            font=font,
        )
    image = image.filter(ImageFilter.GaussianBlur(1.0))
    noisy = np.asarray(image, dtype=np.float32) + np.random.default_rng(1).normal(0, 3, (500, 1600))
    rgb = np.repeat(np.clip(noisy, 0, 255).astype(np.uint8)[..., None], 3, axis=2)
    segs, _ = im.rules(rgb, 200)
    assert segs == []


def test_the_rows_of_a_greyscale_scan_with_a_light_grid_are_read_apart(tmp_path):
    path = tmp_path / "grey-sheet.pdf"
    _grey_sheet_excerpt(path)
    doc = read_pdf(path, header_test=TableTest(load_profile("leics-2025")))
    rows = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
    ids = [r[0].strip() for r in rows if r and r[0].strip().startswith("LCC")]
    # before: one body row, 'po LCC.1' and the six actions' words run together
    assert ids == [f"LCC.{n}" for n in range(1, 7)], rows
    starts = {r[0].strip(): r[1] for r in rows if r and r[0].strip().startswith("LCC")}
    assert starts["LCC.1"].startswith("When the liquid fuels framework")
    assert starts["LCC.2"].startswith("Consider opportunities to move")
    assert starts["LCC.6"].startswith("Investigate opportunities for local carbon")


def _noisy(image: Image.Image, sigma: float, seed: int) -> np.ndarray:
    noisy = np.asarray(image, dtype=np.float32)
    noisy = noisy + np.random.default_rng(seed).normal(0, sigma, noisy.shape)
    return np.repeat(np.clip(noisy, 0, 255).astype(np.uint8)[..., None], 3, axis=2)


def test_a_faint_rule_broken_by_noise_is_found_whole():
    """The fourth draw's 2025 sheet in colour: its grid's column rule some 33 levels under the
    paper, broken by the scan's noise every few pixels, so no inch of it ran unbroken and the
    rule under the header band and down the tall first row was lost ('Start date' fell into the
    action's header cell).  A rule filling most of every inch is found from end to end."""
    image = Image.new("L", (900, 1400), 243)
    draw = ImageDraw.Draw(image)
    draw.line((450, 100, 450, 1300), fill=198, width=2)
    image = image.filter(ImageFilter.GaussianBlur(0.7))
    segs, _ = im.rules(_noisy(image, 4.0, 2), 200)
    columns = [g for g in segs if g.orientation == "v" and abs(g.x0 - 450) <= 3]
    assert columns, segs
    assert min(g.top for g in columns) <= 140 and max(g.bottom for g in columns) >= 1260, columns


def test_a_column_of_text_lines_is_no_faint_rule():
    """Left-aligned lines whose first letters all stand on a tall stem at the same place (a
    partners column: 'Leicester City Council', 'Health partners', ...), set solid (one line a font
    size apart), greyed, soft and noisy: their stems line up down the column, nearly unbroken, but a
    stem's soft edge lies beside its ink, and light letters leave too much of every inch blank, so
    the faint pass finds no rule there."""
    names = ["Leicester City Council", "Health partners", "Landowners", "Borough councils",
             "Highways England", "Ladywood Trust", "Kibworth Parish"]  # fmt: skip
    for fill in (110, 170):  # dark text, and text as light as a faint rule
        image = Image.new("L", (900, 1400), 243)
        draw = ImageDraw.Draw(image)
        for k in range(65):
            draw.text((100, 40 + 20 * k), names[k % len(names)], fill=fill, font=text_font(20))
        image = image.filter(ImageFilter.GaussianBlur(1.0))
        segs, _ = im.rules(_noisy(image, 3.0, 3), 200)
        assert [g for g in segs if g.orientation == "v"] == [], fill
