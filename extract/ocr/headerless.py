"""A scanned table whose header row OCR could not read, recognised by what its body holds (issue 20).

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
from ..records import RawCell, RawRow

MIN_ROWS = 3  # action rows a header-less table needs before its body is trusted
ID_SHARE = 0.6  # of the rows with text in two cells, this share starts with an ID in the ID column


def label(field: str) -> str:
    """The canonical field as a header label every profile's synonyms know (``action_id`` -> ``action id``)."""
    return field.split(".")[-1].replace("_", " ")


def recognise(result: PageResult, header_test) -> None:
    """Give the page's header-less table a header read from its body, noting that the header was not read."""
    profile = getattr(header_test, "profile", None)
    if profile is None or result.has_header:
        return
    from actionplans.infer.columns import plan_columns  # noqa: PLC0415 - infer imports the extractor's records
    from actionplans.infer.tables import HeaderGroup  # noqa: PLC0415

    for frag in (it for it in result.items if isinstance(it, Fragment)):
        width = max((len(r) for r in frag.rows), default=0)
        if width < 3 or len(frag.rows) < MIN_ROWS:
            continue
        rows = [RawRow(tuple(cells) + (RawCell(""),) * (width - len(cells)), 0, i, result.number)
                for i, cells in enumerate(frag.rows)]
        plan = plan_columns(HeaderGroup(texts=("",) * width, rows=rows), profile)
        id_col, desc = plan.index_of("action_id"), plan.index_of("description")
        if id_col is None or desc is None:
            continue
        first = next((i for i, r in enumerate(rows) if _is_action(r, id_col, profile)), None)
        body = [r for r in rows[first or 0 :] if sum(1 for t in r.texts if t.strip()) >= 2]
        actions = [r for r in body if _is_action(r, id_col, profile)]
        if first is None or len(actions) < MIN_ROWS or len(actions) < ID_SHARE * len(body):
            continue
        fields = _by_position(plan, profile)
        texts = tuple(label(fields[i]) if i in fields else "" for i in range(width))
        if not header_test(texts):
            continue
        box = frag.row_boxes[first]
        frag.rows.insert(first, [RawCell(t) for t in texts])
        frag.row_boxes.insert(first, (box[0], box[1], box[2], box[1]))
        frag.header_row = first
        result.has_header = True
        named = ", ".join(f"{i + 1} {fields[i]}" for i in sorted(fields))
        result.notes.append((result.number, "ocr_header_unread",
                             f"the table's header row could not be read; its columns were recognised from "
                             f"{len(actions)} rows of its body (column {named}): check them against the page"))
        return


def _by_position(plan, profile) -> dict[int, str]:
    """The content typing made to fit an action table: the first column of prose right of the ID is the
    action and a later one the progress text (the typing alone takes the longest for the action);
    a column of stage words is the stage, a column of dates the profile's timescale."""
    fields = dict(plan.fields)
    stats = plan.stats
    id_col = next(i for i, f in fields.items() if f == "action_id")
    prose = [s.index for s in stats if s.index > id_col and s.avg_len >= 20 and fields.get(s.index) in
             (None, "description", "update_text")]
    if prose:
        for i in [i for i, f in fields.items() if f in ("description", "update_text")]:
            del fields[i]
        fields[prose[0]] = "description"
        if len(prose) > 1:
            fields[prose[-1]] = "update_text"
    known = set(profile.columns)
    for s in stats:
        if fields.get(s.index) in (None, "lead", "target_date"):
            if s.values and s.stage_frac >= 0.6 and "stage" not in fields.values():
                fields[s.index] = "stage"
            elif s.values and s.date_frac >= 0.6 and "timescale" in known and "timescale" not in fields.values():
                fields[s.index] = "timescale"
    return fields


def column_bounds(chars: list[dict], width: float, fills=()) -> list[float] | None:
    """Column boundaries (points) of a whitespace table with no header: the vertical stretches of the page
    that hardly any line of text crosses (a section line spanning two columns may), between the text."""
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
    for f in fills:  # a column of RAG fills holds no text but is a column
        if f.x1 - f.x0 < 0.3 * width:
            cover[int(f.x0) : int(f.x1) + 1] += len(lines)
    left, right = int(min(c["x0"] for c in chars)), int(max(c["x1"] for c in chars)) + 1
    gap = cover[left:right] <= max(1, 0.08 * len(lines))
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
            if (f.x1 - f.x0 < 0.3 * width and left < edge < right and text_cover[int(edge)] <= max(1, 0.08 * len(lines))
                    and all(abs(edge - b) > 3 for b in bounds)):
                bounds.append(float(edge))
    bounds.sort()
    return bounds if len(bounds) >= 4 else None


def _is_action(row: RawRow, id_col: int, profile) -> bool:
    from actionplans.infer.columns import is_id_text  # noqa: PLC0415

    cell = row.cells[id_col].text.strip() if id_col < len(row.cells) else ""
    return bool(cell) and is_id_text(cell, profile)
