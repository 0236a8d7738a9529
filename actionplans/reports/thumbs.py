"""Thumbnails of the page region of flagged actions, for PDF documents (pypdfium2 renders).

Coordinates are PDF points with the origin at the top left (pdfplumber's ``x0, top, x1, bottom``),
as stored in ``actions.attributes.bbox``.  Without a bbox the whole page is shown, smaller.
"""

from __future__ import annotations

import base64
import io
import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SCALE = 2.0  # 144 dpi: small print stays legible
MARGIN = 6.0  # points around the row
MAX_WIDTH = 900  # pixels; wider crops are scaled down
PAGE_WIDTH = 360  # pixels, for whole-page thumbnails


class Thumbnailer:
    """Renders crops of one PDF, each page at most once.  Does nothing for missing or non-PDF
    files."""

    def __init__(self, path: str | Path | None, fmt: str | None):
        self.pdf: Any = None  # a pypdfium2 PdfDocument once opened (pypdfium2 ships no types)
        self._pages: dict[int, object] = {}
        if fmt != "pdf" or not path or not Path(path).is_file():
            return
        try:
            import pypdfium2 as pdfium  # noqa: PLC0415 (optional, heavy)

            self.pdf = pdfium.PdfDocument(str(path))
        except Exception as exc:  # noqa: BLE001 - no thumbnails is not worth failing a report
            log.warning("%s: no thumbnails (%s)", path, exc)
            self.pdf = None

    @property
    def available(self) -> bool:
        return self.pdf is not None

    def _page_image(self, page: int):
        if page not in self._pages:
            pdf_page = self.pdf[page - 1]
            self._pages[page] = pdf_page.render(scale=SCALE).to_pil().convert("RGB")
        return self._pages[page]

    def png_base64(self, page: int | None, bbox: list[float] | None) -> str | None:
        """A PNG (base64) of the row's region on ``page`` (1-based), or None."""
        if not self.available or not page or page < 1 or page > len(self.pdf):
            return None
        try:
            image = self._page_image(page)
            if bbox:
                x0, top, x1, bottom = bbox
                box = (
                    max(0, int((x0 - MARGIN) * SCALE)),
                    max(0, int((top - MARGIN) * SCALE)),
                    min(image.width, int((x1 + MARGIN) * SCALE)),
                    min(image.height, int((bottom + MARGIN) * SCALE)),
                )
                if box[2] <= box[0] or box[3] <= box[1]:
                    return None
                image = image.crop(box)
                if image.width > MAX_WIDTH:
                    image = image.resize(
                        (MAX_WIDTH, max(1, image.height * MAX_WIDTH // image.width))
                    )
            else:
                image = image.resize((PAGE_WIDTH, max(1, image.height * PAGE_WIDTH // image.width)))
            buf = io.BytesIO()
            image.save(buf, format="PNG", optimize=True)
            return base64.b64encode(buf.getvalue()).decode("ascii")
        except Exception as exc:  # noqa: BLE001
            log.warning("page %s: no thumbnail (%s)", page, exc)
            return None

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()
            self.pdf = None
