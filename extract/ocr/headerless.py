"""A scanned table whose header row OCR could not read, recognised by what its body holds (issue
20).

The typing itself is not here: the reader asks its header test (``header_from_body``,
given by the pipeline, answered by :mod:`actionplans.infer.headerless`), so that
extract depends on no later stage.

When no fragment of a scanned page has a header the profile knows, but one is
clearly a table (rows enough, several columns, an ID column by the profile's
pattern), its columns are typed by their cells with the same code that infers
profiles (:func:`actionplans.infer.columns.plan_columns`: IDs by pattern, the
longest prose is the action, RAG fills, dates, short names).  A header row of
the canonical labels is then put above the first action row, so that the same
header mapping and normaliser read the table, and the page gets an
``ocr_header_unread`` note naming the columns it assumed.
"""

from __future__ import annotations

import numpy as np

from ..pdf.records import Fragment, PageResult
from ..records import Note, RawCell, RawRow


def recognise(result: PageResult, header_test) -> None:
    """Give the page's header-less table a header read from its body, noting that the header was not
    read.

    The header test the reader was given says how (``header_from_body``); a test without
    that method (or no test) leaves the page as it is.
    """
    if result.has_header:
        _complete(result, header_test)
        return
    from_body = getattr(header_test, "header_from_body", None)
    if from_body is None:
        return
    for frag in (it for it in result.items if isinstance(it, Fragment)):
        rows = _padded(frag.rows, frag.rows, result.number)
        made = from_body(rows)
        if made is None or not header_test(made.texts):
            continue
        box = frag.row_boxes[made.first]
        frag.rows.insert(made.first, [RawCell(t) for t in made.texts])
        frag.row_boxes.insert(made.first, (box[0], box[1], box[2], box[1]))
        frag.header_row = made.first
        result.has_header = True
        result.notes.append(
            Note(
                result.number,
                "ocr_header_unread",
                "the table's header row could not be read; its columns were recognised from "
                f"{made.actions} rows of its body (column {_named(made.fields)}): check them "
                "against the page",
            )
        )
        return


def column_bounds(chars: list[dict], width: float, fills=()) -> list[float] | None:
    """Column boundaries (points) of a whitespace table with no header: the vertical stretches of
    the page that hardly any line of text crosses (a section line spanning two columns may), between
    the text.
    """
    if not chars:
        return None
    lines: dict[int, list[dict]] = {}
    for ch in chars:
        lines.setdefault(round((ch["top"] + ch["bottom"]) / 2 / 3), []).append(ch)
    cover = np.zeros(int(width) + 2, np.int32)
    for members in lines.values():
        seen = np.zeros_like(cover, dtype=bool)
        for ch in members:
            seen[int(ch["x0"]) : int(ch["x1"]) + 1] = True
        cover += seen
    text_cover = cover.copy()
    few = max(1, 0.08 * len(lines))
    for f in fills:
        # a column of RAG fills holds no text but is a column; a fill with text across it (a
        # banded row's shading behind an ID and the gutter after it) is no column of its own
        span = text_cover[int(f.x0) : int(f.x1) + 1]
        if f.x1 - f.x0 < 0.3 * width and float((span > few).mean()) <= 0.2:
            cover[int(f.x0) : int(f.x1) + 1] += len(lines)
    left, right = int(min(c["x0"] for c in chars)), int(max(c["x1"] for c in chars)) + 1
    gap = cover[left:right] <= few
    bounds, run = [float(left - 2)], None
    for x, g in enumerate(gap):
        if g and run is None:
            run = x
        elif not g and run is not None:
            if x - run >= 4:  # a gutter, not the space between two words
                bounds.append(left + (run + x) / 2)
            run = None
    bounds.append(float(right + 2))
    for f in fills:  # a fill's edges bound its column, however close the next column's text runs
        for edge in (f.x0, f.x1):
            if (
                f.x1 - f.x0 < 0.3 * width
                and left < edge < right
                and text_cover[int(edge)] <= few
                and all(abs(edge - b) > 3 for b in bounds)
            ):
                bounds.append(float(edge))
    bounds.sort()
    return bounds if len(bounds) >= 4 else None


def _complete(result: PageResult, header_test) -> None:
    """A header row read only in part (a label lost or garbled) completed from the body under it,
    with an ``ocr_header_partly_read`` note naming the columns it assumed."""
    complete = getattr(header_test, "complete_header", None)
    if complete is None:
        return
    for frag in (it for it in result.items if isinstance(it, Fragment)):
        if frag.header_row is None:
            continue
        head = frag.header_row
        rows = _padded(frag.rows[head + 1 :], frag.rows, result.number)
        made = complete(tuple(c.text for c in frag.rows[head]), rows)
        if made is None:
            continue
        old = frag.rows[head]
        frag.rows[head] = [
            old[i] if i < len(old) and old[i].text == text else RawCell(text)
            for i, text in enumerate(made.texts)
        ]
        result.notes.append(
            Note(
                result.number,
                "ocr_header_partly_read",
                "part of the table's header row could not be read; those columns were recognised "
                f"from {made.actions} rows of its body (column {_named(made.fields)}): check them "
                "against the page",
            )
        )


def _padded(cells: list[list[RawCell]], table: list[list[RawCell]], page: int) -> list[RawRow]:
    """Rows of cells as the header test reads them, each as wide as the table's widest row."""
    width = max((len(r) for r in table), default=0)
    return [
        RawRow(tuple(row) + (RawCell(""),) * (width - len(row)), 0, i, page)
        for i, row in enumerate(cells)
    ]


def _named(fields: dict[int, str]) -> str:
    """``1 action_id, 3 description``: the columns a header from the body assumed."""
    return ", ".join(f"{i + 1} {fields[i]}" for i in sorted(fields))
