"""What the page readers hand to the document reader: table fragments and free text lines."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import BBox, Note, RawCell


@dataclass
class Fragment:
    """One table, or the part of one that lies on a page."""

    kind: str  # ruled | stream
    rows: list[list[RawCell]]
    row_boxes: list[BBox]
    bbox: BBox
    bounds: list[float]  # column boundaries x0 < ... < xn
    header_row: int | None = None  # index of the row the header test accepted
    text_lines: list[str] = field(default_factory=list)  # the text, for context if rejected
    # characters under the table that its cells took back: a label printed over the next row
    overflow: list[dict] = field(default_factory=list)

    @property
    def top(self) -> float:
        return self.bbox[1]


@dataclass
class FreeLine:
    """A text line outside every table: heading, legend, running header, footer."""

    text: str
    top: float
    bottom: float
    x0: float


@dataclass
class PageResult:
    number: int  # 1-based
    height: float
    items: list[Fragment | FreeLine] = field(default_factory=list)  # in reading order
    notes: list[Note] = field(default_factory=list)
    has_header: bool = False
