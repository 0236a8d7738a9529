"""OCR for pages without a usable text layer (scanned plans), into the born-digital reader's
records.

>>> from actionplans.extract.ocr import needs_ocr, read_scanned_page  # doctest: +SKIP
>>> read_scanned_page(pdf.pages[0], 1).items  # doctest: +SKIP
"""

from __future__ import annotations

from .detect import MODES, image_cover, needs_ocr, text_layer_usable
from .engine import OCRUnavailable, tesseract_version
from .page import PAGES_AT_ONCE, PagePrefetch, read_scanned_page

__all__ = [
    "image_cover",
    "MODES",
    "needs_ocr",
    "text_layer_usable",
    "read_scanned_page",
    "PagePrefetch",
    "PAGES_AT_ONCE",
    "OCRUnavailable",
    "tesseract_version",
]
