"""Shared fixtures: the bundled data, a fresh database, a loaded database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from actionplans import ingest
from actionplans.store import Database

ROOT = Path(__file__).resolve().parent.parent


def band_page():
    """The first page of the 300 dpi ruled scan, cleaned for OCR as the reader cleans it, and its
    fill regions (the dark header band among them)."""
    import pdfplumber
    from actionplans.extract.ocr import image as im

    scan = ROOT / "data" / "raw" / "samples" / "scanned" / "leics-county-2023-ruled-scan300.pdf"
    with pdfplumber.open(scan) as pdf:
        rgb = im.deskew(*(lambda a: (a, im.skew_angle(a)))(im.render(pdf.pages[0], 200)))
    segs, mask = im.rules(rgb, 200)
    regions = im.fills(rgb, 200, mask)
    segs = im.drop_inside_bands(segs, mask, regions, 200)
    clean = im.clean_for_ocr(rgb, mask, regions, segs + im.band_rules(regions, segs, 200, rgb))
    return clean, regions


def fresh_page_words(scan: Path) -> list[dict]:
    """The OCR words of a scan's first page, read afresh (no cached analysis)."""
    import pdfplumber
    from actionplans.extract.ocr import image as im
    from actionplans.extract.ocr import page as ocr_page

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(ocr_page.CACHE_ENV, "off")
        with pdfplumber.open(scan) as pdf:
            rgb = im.render(pdf.pages[0], ocr_page.DPI)
        analysis, _ = ocr_page.analyse_image(rgb, ocr_page.DPI)
    return analysis["words"]


def text_font(size: int):
    """A TrueType font for drawing test images (DejaVu Sans where installed)."""
    from PIL import ImageFont

    for name in ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def rag_table(rows, *, ruled: bool = True):
    """An A4 landscape page at 150 dpi (PIL) with a table Action ID | Action | RAG of ``rows``
    ((ID, action, RAG fill or None), one row each), ruled, or with no rules at all (a borderless
    plan: its RAG fills touch)."""
    from PIL import Image, ImageDraw

    row_h, top = 70, 120
    cols = [100, 300, 1240, 1480]
    page = Image.new("RGB", (1754, 1240), "white")
    draw = ImageDraw.Draw(page)
    font = text_font(20)
    for k, (aid, action, fill) in enumerate([("Action ID", "Action", None), *rows]):
        y = top + row_h * k
        if fill:
            draw.rectangle((cols[2], y, cols[3], y + row_h), fill=fill)
        draw.text((cols[0] + 12, y + 22), aid, fill="black", font=font)
        draw.text((cols[1] + 12, y + 22), action, fill="black", font=font)
        if k == 0:
            draw.text((cols[2] + 12, y + 22), "RAG", fill="black", font=font)
    if ruled:
        bottom = top + row_h * (len(rows) + 1)
        for k in range(len(rows) + 2):
            draw.line((cols[0], top + row_h * k, cols[-1], top + row_h * k), fill="black", width=2)
        for x in cols:
            draw.line((x, top, x, bottom), fill="black", width=2)
    return page


def image_pdf(image, path, dpi: int, fmt: str = "PNG", **save) -> None:
    """``image`` (PIL) as a one-page image-only PDF at ``path``, its page sized for ``dpi``; PNG
    keeps a scan's own pixels, ``fmt="JPEG", quality=70`` compresses them as a scanner does."""
    import io

    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    image.save(buf, format=fmt, **save)
    buf.seek(0)
    size = (image.width * 72 / dpi, image.height * 72 / dpi)
    c = canvas.Canvas(str(path), pagesize=size, invariant=1)
    c.drawImage(ImageReader(buf), 0, 0, width=size[0], height=size[1])
    c.showPage()
    c.save()


RAW = ROOT / "data" / "raw"
SEEDS = RAW / "seeds"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture
def fresh_db() -> Database:
    db = Database(":memory:")
    yield db
    db.close()


@pytest.fixture(scope="session")
def loaded_db_path(tmp_path_factory) -> Path:
    """The five bundled seed documents ingested once into a DuckDB file (read-only use)."""
    path = tmp_path_factory.mktemp("loaded") / "seeds.duckdb"
    report = ingest(sorted(SEEDS.glob("*.txt")), db=path, progress=False)
    assert report.ok, [r.summary() for r in report.failed]
    return path


@pytest.fixture(scope="session")
def raw_db_path(tmp_path_factory) -> Path:
    """data/raw ingested exactly as `make setup` does (its manifest, reconcile and all); read-only
    use.

    What the SQL cookbook and the notebooks are checked against.
    """
    path = tmp_path_factory.mktemp("raw") / "raw.duckdb"
    report = ingest([RAW], db=path, progress=False)
    assert report.ok, [r.summary() for r in report.failed]
    return path


@pytest.fixture
def loaded_db(loaded_db_path: Path) -> Database:
    db = Database(loaded_db_path, read_only=True)
    yield db
    db.close()


@pytest.fixture
def seed_copy(tmp_path: Path):
    """Copy a seed file into tmp_path (to modify it) and return the new path."""

    def copy(name: str) -> Path:
        src = next(SEEDS.glob(f"{name}*"))
        dst = tmp_path / src.name
        shutil.copy(src, dst)
        return dst

    return copy


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (tests/browser.py), one per test module."""
    from browser import launch, sync_api

    with sync_api.sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()
