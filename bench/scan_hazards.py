#!/usr/bin/env python
"""Benchmark: one scan as other people and other software leave it, scored against its truth.

The project's own scans are upright, 8-bit, well exposed and image-only.  Scans as councils
publish them are often not: a landscape table fed through the scanner on its side or upside
down, a black-and-white scan in halftone mode, faded ink, a scan made "searchable" by the
scanner's own OCR (an invisible text layer over the image), a table pasted into a report as a
picture, a page hand-fed askew, speckle, a scanner lid's black margins.  This script makes
each of those copies of ``data/raw/samples/scanned/leics-county-2023-ruled-scan150.pdf`` (pages
14-15 of the county plan at 150 dpi) in a temporary folder, reads each with
``actionplans.ingest`` (OCR cache off) and scores it with ``bench/ocr_benchmark.py``'s
scoring.  Each copy is a second generation of the scan (rendered at 150 dpi and saved again),
so the upright copy is printed first as the yardstick.  Nothing is tuned on these copies; they
say whether a kind of scan is read at all.

    python bench/scan_hazards.py
    python bench/scan_hazards.py --only turned --explain 20
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ocr_benchmark import print_table, run, scored  # noqa: E402
from pdf_benchmark import Doc, load_truth  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SCAN = ROOT / "data" / "raw" / "samples" / "scanned" / "leics-county-2023-ruled-scan150.pdf"
TRUTH = SCAN.with_suffix(".truth.csv")
BORN_DIGITAL = ROOT / "data" / "raw" / "samples" / "leics-county-2023-ruled.pdf"
BORN_DIGITAL_FIRST = 14  # the scan's first page in the born-digital plan
DPI = 150
COLUMNS = ["recall", "action_id", "description", "description chars", "rag"]


def _pages() -> list[Image.Image]:
    import pdfplumber

    with pdfplumber.open(SCAN) as pdf:
        return [p.to_image(resolution=DPI).original.convert("RGB") for p in pdf.pages]


def _save(images: list[Image.Image], path: Path) -> None:
    images[0].save(path, save_all=True, append_images=images[1:], resolution=DPI)


def upright(pages, path):
    _save(pages, path)


def turned(degrees: int) -> Callable:
    def make(pages, path):
        _save([p.rotate(degrees, expand=True) for p in pages], path)  # counter-clockwise

    return make


def skewed(degrees: float) -> Callable:
    def make(pages, path):
        paper = (250, 250, 248)
        _save([p.rotate(degrees, expand=True, fillcolor=paper) for p in pages], path)

    return make


def halftone(pages, path):
    _save([p.convert("1") for p in pages], path)  # Floyd-Steinberg dots, one bit a pixel


def thresholded(pages, path):
    _save([p.convert("L").point(lambda v: 255 if v > 150 else 0).convert("1") for p in pages], path)


def faded(pages, path):
    _save(
        [Image.fromarray((np.asarray(p) * 0.45 + 255 * 0.55).astype(np.uint8)) for p in pages], path
    )


def speckled(share: float) -> Callable:
    def make(pages, path):
        rng = np.random.default_rng(1)
        out = []
        for p in pages:
            a = np.asarray(p).copy()
            noise = rng.random(a.shape[:2])
            a[noise < share], a[noise > 1 - share] = 0, 255
            out.append(Image.fromarray(a))
        _save(out, path)

    return make


def lid_margins(pages, path):
    out = []
    for p in pages:
        w, h = p.size
        sheet = Image.new("RGB", (w, h), (20, 20, 20))
        sheet.paste(p.resize((w - 60, h - 45)), (55, 5))
        out.append(sheet)
    _save(out, path)


def searchable(pages, path):
    """Tesseract's own "searchable PDF": each page image with its reading laid over invisibly."""
    with tempfile.TemporaryDirectory() as tmp:
        names = []
        for k, p in enumerate(pages):
            name = Path(tmp) / f"{k}.png"
            p.save(name, dpi=(DPI, DPI))
            names.append(str(name))
        listing = Path(tmp) / "pages.txt"
        listing.write_text("\n".join(names) + "\n", encoding="utf-8")
        subprocess.run(
            ["tesseract", str(listing), str(path.with_suffix("")), "pdf"],
            check=True,
            capture_output=True,
        )


def pasted(pages, path):
    """Each page as a picture in a page of text: a heading, a line, a footer."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    width, height = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(width, height))
    for k, p in enumerate(pages):
        c.setFont("Helvetica-Bold", 14)
        c.drawString(40, height - 30, "Appendix 2: Resources and Waste actions")
        c.setFont("Helvetica", 9)
        c.drawString(40, height - 44, "The actions below are those of the Net Zero Action Plan.")
        c.drawString(40, 20, f"Report to Cabinet - Page {k + 1}")
        buf = io.BytesIO()
        p.save(buf, format="JPEG", quality=80)
        buf.seek(0)
        shown = (width - 80) * p.size[1] / p.size[0] * 0.9
        c.drawImage(
            ImageReader(buf), 40, height - 55 - shown, width=(width - 80) * 0.9, height=shown
        )
        c.showPage()
    c.save()


def jpeg(quality: int) -> Callable:
    def make(pages, path):
        again = []
        for p in pages:
            buf = io.BytesIO()
            p.save(buf, format="JPEG", quality=quality)
            again.append(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))
        _save(again, path)

    return make


def rotate_attribute(pages, path):
    """Each page stored on its side and shown upright by the page's /Rotate, as many scanners
    save a landscape sheet."""
    import pypdfium2 as pdfium

    stored = path.with_name("stored-sideways.pdf")
    _save([p.rotate(90, expand=True) for p in pages], stored)
    pdf = pdfium.PdfDocument(stored)
    for page in pdf:
        page.set_rotation(90)
    pdf.save(path)


def watermarked(pages, path):
    """A grey 'DRAFT' across each page, as a draft plan is printed before it is scanned."""
    from PIL import ImageDraw, ImageFont

    out = []
    for p in pages:
        mark = Image.new("L", (p.width, p.width), 0)
        ImageDraw.Draw(mark).text(
            (p.width // 2, p.width // 2), "DRAFT", fill=110, anchor="mm",
            font=ImageFont.load_default(size=p.width // 5),
        )  # fmt: skip
        mark = mark.rotate(30).crop(
            (0, (p.width - p.height) // 2, p.width, (p.width + p.height) // 2)
        )
        grey = Image.new("RGB", p.size, (150, 150, 150))
        out.append(Image.composite(grey, p, mark))
    _save(out, path)


def stamped(pages, path):
    """A red 'RECEIVED' stamp, boxed and dated, over the table of each page."""
    from PIL import ImageDraw, ImageFont

    out = []
    for p in pages:
        page = p.copy()
        draw = ImageDraw.Draw(page)
        x, y = int(p.width * 0.55), int(p.height * 0.45)
        w, h = p.width // 4, p.height // 9
        red = (200, 30, 40)
        draw.rectangle((x, y, x + w, y + h), outline=red, width=4)
        font = ImageFont.load_default(size=h // 3)
        draw.text((x + w // 2, y + h // 3), "RECEIVED", fill=red, anchor="mm", font=font)
        draw.text((x + w // 2, y + 3 * h // 4), "12 MAR 2024", fill=red, anchor="mm", font=font)
        out.append(page)
    _save(out, path)


def bled_through(pages, path):
    """The page's back showing through thin paper: the page mirrored, at a fifth of its ink."""
    out = []
    for p in pages:
        a = np.asarray(p).astype(np.float32)
        back = np.asarray(p.transpose(Image.Transpose.FLIP_LEFT_RIGHT)).astype(np.float32)
        out.append(Image.fromarray((a - (255 - back) * 0.2).clip(0, 255).astype(np.uint8)))
    _save(out, path)


def faxed(pages, path):
    """A standard-resolution fax: half the lines (about 100 by 200 dots an inch), one bit a dot,
    stretched back to the page."""
    out = []
    for p in pages:
        w, h = p.size
        half = p.convert("L").resize((w, h // 2), Image.Resampling.BOX)
        bits = half.point(lambda v: 255 if v > 160 else 0).convert("1")
        out.append(bits.resize((w, h), Image.Resampling.NEAREST).convert("RGB"))
    _save(out, path)


def out_of_focus(pages, path):
    """A copier or camera out of focus: a Gaussian blur of 1.2 pixels at 150 dpi."""
    from PIL import ImageFilter

    _save([p.filter(ImageFilter.GaussianBlur(1.2)) for p in pages], path)


def uneven_light(pages, path):
    """A scanner lamp or a window: the page darkens to 55% of its light at one side."""
    out = []
    for p in pages:
        a = np.asarray(p).astype(np.float32)
        light = np.linspace(1.0, 0.55, a.shape[1], dtype=np.float32)[None, :, None]
        out.append(Image.fromarray((a * light).clip(0, 255).astype(np.uint8)))
    _save(out, path)


def half_pasted(pages, path):
    """The first page as the born-digital plan prints it (a table in its text), the second pasted
    as a picture in a page of text: a report that quotes one table and screenshots the next."""
    import pypdfium2 as pdfium

    pictured = path.with_name("half-pictured.pdf")
    pasted(pages[1:], pictured)
    report = pdfium.PdfDocument.new()
    report.import_pages(pdfium.PdfDocument(BORN_DIGITAL), [BORN_DIGITAL_FIRST - 1])
    report.import_pages(pdfium.PdfDocument(pictured))
    report.save(path)


COPIES: list[tuple[str, Callable, str]] = [
    ("upright", upright, "the yardstick: the scan rendered and saved again"),
    ("turned 90", turned(90), "scanned on its side"),
    ("turned 270", turned(270), "scanned on its other side"),
    ("turned 180", turned(180), "scanned upside down"),
    ("skewed 4", skewed(4), "hand-fed, 4 degrees off"),
    ("skewed 6", skewed(-6), "hand-fed, 6 degrees the other way"),
    ("rotate attribute", rotate_attribute, "stored on its side, shown upright by /Rotate"),
    ("jpeg 25", jpeg(25), "saved again as JPEG quality 25"),
    ("halftone", halftone, "black and white, greys as dots"),
    ("thresholded", thresholded, "black and white, no dots"),
    ("faded", faded, "45% of its contrast"),
    ("searchable", searchable, "tesseract's image + invisible text PDF"),
    ("pasted", pasted, "pictures in a page of text"),
    ("half pasted", half_pasted, "a table in the text, the next page's as a picture"),
    ("watermarked", watermarked, "a grey 'DRAFT' across the page"),
    ("stamped", stamped, "a red 'RECEIVED' stamp over the table"),
    ("lid margins", lid_margins, "black margins of an open lid"),
    ("bled through", bled_through, "the back page showing through thin paper"),
    ("faxed", faxed, "a standard fax: half the lines, one bit a dot"),
    ("out of focus", out_of_focus, "a Gaussian blur of 1.2 pixels"),
    ("uneven light", uneven_light, "darkening to 55% at one side"),
    ("speckled", speckled(0.004), "salt and pepper, 0.4% each"),
    ("speckled light", speckled(0.0005), "salt and pepper, 0.05% each"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="only the copies whose name contains TEXT")
    parser.add_argument("--explain", type=int, default=0, help="print up to N misreadings per copy")
    args = parser.parse_args(argv)
    os.environ["ACTIONPLANS_OCR_CACHE"] = "off"
    pages = _pages()
    truth = load_truth(TRUTH)
    for t in truth:
        t["page"] = None
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, make, what in COPIES:
            if args.only not in name:
                continue
            if name == "searchable" and shutil.which("tesseract") is None:
                continue
            path = Path(tmp) / (name.replace(" ", "-") + ".pdf")
            make(pages, path)
            doc = Doc(path.stem, path, TRUTH, "leics-county-2023", ["county"], len(pages))
            outcome = run(doc, len(pages))
            if outcome.error:
                rows.append([name, what, "no table", *[""] * (len(COLUMNS) - 1)])
                continue
            result = scored([dict(t) for t in truth], outcome, args.explain, name)
            rows.append([name, what, *[result.get(c, "") for c in COLUMNS]])
    print_table(None, ["copy", "what", *COLUMNS], rows, False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
