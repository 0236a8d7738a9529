"""Plain records that leave the extract stage.

Every row keeps its provenance: the page (PDFs), the line (text dumps), the
table it came from and, for PDFs, each cell's bounding box and fill colour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points


def round_box(box: BBox, digits: int = 1) -> BBox:
    """``box`` with each coordinate rounded, as boxes are recorded."""
    x0, top, x1, bottom = (round(v, digits) for v in box)
    return x0, top, x1, bottom


class Note(NamedTuple):
    """A reader's remark on a page, e.g. ``Note(3, "damaged_page", "page cannot be read (...)")``.

    Each becomes a warning at ingest; ``check`` is a name in actionplans/reports/checks.py.
    A named tuple (immutable, as a frozen dataclass would be) because the OCR reader
    (extract/ocr/) and bench/ocr_engines.py still make and unpack plain ``(page, check,
    message)`` tuples, which it equals and unpacks like.
    """

    page: int | None  # 1-based; None for the whole document
    check: str
    message: str


@dataclass(frozen=True)
class RawCell:
    text: str
    lines: tuple[str, ...] = ()  # the cell's text lines, where the source keeps them
    fill: str | None = None  # "#rrggbb" fill colour seen behind the cell, if any
    bbox: BBox | None = None
    confidence: float | None = None  # OCR confidence in [0, 1], when OCRed


@dataclass(frozen=True)
class RawRow:
    cells: tuple[RawCell, ...]
    table_index: int
    row_index: int
    page: int | None = None  # 1-based PDF page
    line_no: int | None = None  # 1-based line in a text dump
    bbox: BBox | None = None

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.cells)

    @property
    def source_row(self) -> int:
        """The row's position in its source: line number for text, row index for PDFs."""
        return self.line_no if self.line_no is not None else self.row_index


@dataclass
class RawTable:
    index: int
    rows: list[RawRow]
    context: tuple[str, ...] = ()  # text lines between the previous table and this one
    page: int | None = None


@dataclass
class RawDocument:
    path: str
    sha256: str
    format: str  # markdown | tsv | prose | pdf
    extractor: str  # name@version, recorded with the document
    tables: list[RawTable] = field(default_factory=list)
    pages: int | None = None
    encoding: str | None = None
    text: str = ""  # whole text, for prose readers and evidence
    notes: list[Note] = field(default_factory=list)
