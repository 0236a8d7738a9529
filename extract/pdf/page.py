"""One page: find its tables (ruled first, then whitespace ones) and the text around them."""

from __future__ import annotations

from ..records import Note
from .graphics import page_graphics
from .objects import forget, page_objects
from .records import Fragment, FreeLine, PageResult
from .ruled import ruled_tables
from .stream import HeaderTest, read_stream
from .text import chars_to_lines

# A ruled grid with more cells than this is a chart, a calendar or a hostile file, not an action
# table: 60 rows x 150 weekly columns fit; the 200 x 200 grid of the hostile corpus (40,000 cells,
# 35 s) does not.
GRID_CELLS = 10_000


def _inside(ch: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return any(b[0] - 1 <= cx <= b[2] + 1 and b[1] - 1 <= cy <= b[3] + 1 for b in boxes)


def _mark_header(frag: Fragment, header_test: HeaderTest | None) -> None:
    """Find the header row; a two-level header becomes one row (the lower labels win)."""
    if header_test is None:
        frag.header_row = 0
        return

    def is_header(i: int) -> bool:
        texts = [c.text for c in frag.rows[i]]
        return sum(1 for t in texts if t.strip()) >= 2 and header_test(texts)

    for i in range(min(4, len(frag.rows))):
        if not is_header(i):
            continue
        if i + 1 < len(frag.rows) and is_header(i + 1):
            i += 1
        if i > 0:
            upper, lower = frag.rows[i - 1], frag.rows[i]
            frag.rows[i] = [
                lo if lo.text or k >= len(upper) else upper[k] for k, lo in enumerate(lower)
            ]
        frag.header_row = i
        return


def read_page(
    page, number: int, header_test: HeaderTest | None = None, carry: list[float] | None = None
) -> PageResult:
    """Read one pdfplumber page into fragments and free lines, in reading order."""
    try:
        return _read_page(page, number, header_test, carry)
    finally:
        forget(page)


def _read_page(
    page, number: int, header_test: HeaderTest | None, carry: list[float] | None
) -> PageResult:
    height = float(page.height)
    result = PageResult(number, height)
    objs = page_objects(page)
    chars = [c for c in objs.chars if c["text"].strip()]
    if not chars:
        if objs.images:
            result.notes.append(
                Note(
                    number,
                    "no_text_layer",
                    "no text layer (an image only; OCR was off: use --ocr auto)",
                )
            )
        return result
    h, v, fills = page_graphics(objs, float(page.width), height)
    return layout_page(page, number, chars, h, v, fills, header_test, carry)


def _grids_read_as_text(
    frags: list[Fragment],
    chars: list[dict],
    h: list[dict],
    fills: list,
    header_test: HeaderTest | None,
) -> list[Fragment]:
    """The ruled fragments, less those whose text is a table with a header the test knows when
    read without their rules.  A borderless table's coloured RAG cells, stacked under a scanned
    header band, give rules along their edges that frame a grid of three columns ('Action Action
    Objective ...' | RAG | Update): no header in it, so the table under the band was lost.  A grid
    whose own header the test knows, or whose text is no headed table either (a continuation
    page's grid), stays."""
    headless = [f for f in frags if f.header_row is None]
    if header_test is None or not headless:
        return frags
    kept = [f.bbox for f in frags if f.header_row is not None]
    lines = chars_to_lines([c for c in chars if not _inside(c, kept)] if kept else chars)
    headed = [f.bbox for f in read_stream(lines, h, fills, header_test, None)[0]
              if f.header_row is not None]  # fmt: skip
    return [
        f for f in frags if f.header_row is not None or not any(_overlap(f.bbox, b) for b in headed)
    ]


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def layout_page(
    page,
    number: int,
    chars: list[dict],
    h: list[dict],
    v: list[dict],
    fills: list,
    header_test: HeaderTest | None,
    carry: list[float] | None,
) -> PageResult:
    """Tables and free lines from a page's characters, rules and fills (born-digital or OCRed)."""
    result = PageResult(number, float(page.height))
    rows, cols = len({round(r["top"]) for r in h}), len({round(r["x0"]) for r in v})
    # pdfplumber's cell finder is quadratic in the crossings (issue 18)
    if rows * cols > GRID_CELLS:
        result.notes.append(
            Note(
                number,
                "grid_too_fine",
                f"a grid of {rows} x {cols} rules ({rows * cols:,} cells) is "
                "too fine for an action table; its text is read without the rules",
            )
        )
        frags = []
    else:
        # pdfplumber's cell finder on our explicit rules only
        frags = ruled_tables(page, chars, h, v, fills)
    for frag in frags:
        _mark_header(frag, header_test)
    frags = _grids_read_as_text(frags, chars, h, fills, header_test)
    boxes = [f.bbox for f in frags]
    rest = [c for c in chars if not _inside(c, boxes)] if boxes else chars
    taken = {id(c) for f in frags for c in f.overflow}
    if taken:
        rest = [c for c in rest if id(c) not in taken]
    lines = chars_to_lines(rest)
    stream, used = read_stream(lines, h, fills, header_test, carry if not frags else None)
    frags += stream
    items: list[Fragment | FreeLine] = list(frags)
    for i, ln in enumerate(lines):
        if i not in used:
            items.append(FreeLine(ln.text, ln.top, ln.bottom, ln.x0))
    items.sort(key=lambda it: (it.top, 0 if isinstance(it, Fragment) else 1))
    result.items = items
    result.has_header = any(f.header_row is not None for f in frags)
    return result
