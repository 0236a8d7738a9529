"""Ruled (lattice) reading: tables whose cells are drawn with borders.

pdfplumber's table finder turns our rules (lines, stroked and thin
rectangles; never plain fills, so that shaded cells of a borderless table
make no grid) into cells.  The cells are laid on one grid of column and row
boundaries; a cell spanning several grid columns gives its text to the first
of them.  A *logical row* ends at a rule that crosses the whole table.
Inside one, stacked sub-cells are either a two-level header (a cell spanning
several columns above single ones, e.g. ``Delivery Period`` over the years:
the lower labels are kept) or a cell that spans several rows of data (each
sub-row becomes a row).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..records import BBox, RawCell, round_box
from .cells import cell_from_chars
from .graphics import Fill
from .records import Fragment

_SETTINGS = {
    "vertical_strategy": "explicit",
    "horizontal_strategy": "explicit",
    "snap_tolerance": 2.5,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
    "edge_min_length": 3,
}


def _cluster(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _nearest(grid: list[float], v: float) -> int:
    return min(range(len(grid)), key=lambda i: abs(grid[i] - v))


def ruled_tables(
    page, chars: list[dict], h: list[dict], v: list[dict], fills: list[Fill]
) -> list[Fragment]:
    if len(h) < 2 or len(v) < 2:
        return []
    settings = dict(_SETTINGS, explicit_vertical_lines=v, explicit_horizontal_lines=h)
    out = []
    for table in page.find_tables(settings):
        frag = _read_table(_open_rows(table.cells, v), chars, fills)
        if frag is not None:
            out.append(frag)
    return out


def _open_rows(cells: list[tuple], v: list[dict]) -> list[tuple]:
    """Add the row a page break left open: column rules run on past the table's last (or
    before its first) rule, with a cell between them that has no closing border."""
    x0 = min(c[0] for c in cells)
    x1 = max(c[2] for c in cells)
    top = min(c[1] for c in cells)
    bottom = max(c[3] for c in cells)
    xs = _cluster([c[0] for c in cells] + [c[2] for c in cells])
    inside = [e for e in v if x0 - 2 <= e["x0"] <= x1 + 2]
    out = list(cells)
    below = [e["bottom"] for e in inside if e["top"] <= bottom + 1 and e["bottom"] > bottom + 3]
    if len(below) >= max(2, (len(xs) + 1) // 2):
        end = sorted(below)[len(below) // 2]
        out += [(a, bottom, b, end) for a, b in zip(xs, xs[1:], strict=False)]
    above = [e["top"] for e in inside if e["bottom"] >= top - 1 and e["top"] < top - 3]
    if len(above) >= max(2, (len(xs) + 1) // 2):
        start = sorted(above)[len(above) // 2]
        out += [(a, start, b, top) for a, b in zip(xs, xs[1:], strict=False)]
    return out


def _read_table(cells: list[tuple], chars: list[dict], fills: list[Fill]) -> Fragment | None:
    xs = _cluster([c[0] for c in cells] + [c[2] for c in cells])
    ys = _cluster([c[1] for c in cells] + [c[3] for c in cells])
    ncols, nrows = len(xs) - 1, len(ys) - 1
    if ncols < 2 or nrows < 1:
        return None
    spans: list[tuple[int, int, int, int, BBox]] = []  # (r0, r1, c0, c1, bbox)
    owner: dict[tuple[int, int], int] = {}
    for cell in cells:
        c0, c1 = _nearest(xs, cell[0]), _nearest(xs, cell[2])
        r0, r1 = _nearest(ys, cell[1]), _nearest(ys, cell[3])
        if c1 <= c0 or r1 <= r0:
            continue
        owner_of_span = len(spans)
        spans.append((r0, r1, c0, c1, cell))
        for r in range(r0, r1):
            for c in range(c0, c1):
                owner[(r, c)] = owner_of_span
    # characters into cells
    x0, top, x1, bottom = xs[0], ys[0], xs[-1], ys[-1]
    inside: dict[int, list[dict]] = {}
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        c = min(max(bisect_right(xs, cx) - 1, 0), ncols - 1)
        r = min(max(bisect_right(ys, cy) - 1, 0), nrows - 1)
        k = owner.get((r, c))
        if k is not None:
            inside.setdefault(k, []).append(ch)
    if not inside:
        return None
    # logical rows end at boundaries that no cell crosses
    full = [0] + [b for b in range(1, nrows) if not any(s[0] < b < s[1] for s in spans)] + [nrows]
    outside = [
        ch
        for ch in chars
        if ch["top"] >= bottom - 1
        and (ch["top"] + ch["bottom"]) / 2 > bottom
        and x0 <= (ch["x0"] + ch["x1"]) / 2 <= x1
    ]
    overflow = _overflow(spans, inside, full, outside)
    band = 0.9 * (x1 - x0)
    built: dict[int, RawCell] = {}

    def content(k: int) -> RawCell:
        if k not in built:
            built[k] = cell_from_chars(inside.get(k, []), spans[k][4], fills, band)
        return built[k]

    rows: list[list[RawCell]] = []
    boxes = []
    for a, b in zip(full, full[1:], strict=False):
        sub = range(a, b)
        # a two-level header: a label spanning columns above single ones.  Not rows stacked
        # under a Gantt bar that spans them all (B1 and B2 above B3, their rules stopped short
        # of the bar): their first column holds text on more than one line of the row
        first_column = {k for r in sub if (k := owner.get((r, 0))) is not None and inside.get(k)}
        two_level = (
            b - a > 1
            and any(s[0] == a and s[1] < b and s[3] - s[2] >= 2 for s in spans if a <= s[0] < b)
            and len(first_column) < 2
        )
        if b - a == 1 or two_level:
            row = []
            for c in range(ncols):
                ks = [owner.get((r, c)) for r in sub]
                k = next((k for k in reversed(ks) if k is not None), None)
                if k is None or spans[k][2] != c:
                    row.append(RawCell(text=""))
                else:
                    row.append(content(k))
            if a == 0 and b - a == 1:
                _split_header_spans(row, spans, inside, xs, fills, band)
            rows.append(row)
            boxes.append((x0, ys[a], x1, ys[b]))
            continue
        for r in sub:
            row = []
            for c in range(ncols):
                k = owner.get((r, c))
                if k is None or spans[k][0] != r or spans[k][2] != c:
                    row.append(RawCell(text=""))
                else:
                    row.append(content(k))
            rows.append(row)
            boxes.append((x0, ys[r], x1, ys[r + 1]))
    # a grid whose body rows are single cells across the table (rules between rows, none
    # between columns) is not a ruled table: the whitespace reader reads it
    wide = {k for k, sp in enumerate(spans) if sp[3] - sp[2] > ncols / 2 and inside.get(k)}
    body = [row for row in rows[1:] if any(c.text for c in row)]
    wide_rows = sum(1 for row in body if any(c is built.get(k) for k in wide for c in row))
    if len(body) >= 3 and wide_rows > 0.5 * len(body):
        return None
    keep = [i for i, row in enumerate(rows) if any(c.text for c in row)]
    if not keep:
        return None
    rows = [rows[i] for i in keep]
    boxes = [boxes[i] for i in keep]
    lines = [" ".join(c.text for c in row if c.text) for row in rows]
    return Fragment(
        "ruled",
        rows,
        [round_box(b) for b in boxes],
        (x0, top, x1, bottom),
        xs,
        text_lines=lines,
        overflow=overflow,
    )


def _split_header_spans(
    row: list[RawCell],
    spans: list[tuple[int, int, int, int, BBox]],
    inside: dict[int, list[dict]],
    xs: list[float],
    fills: list[Fill],
    band: float,
) -> None:
    """A header cell spanning grid columns whose labels stand apart, each over one column, gives
    each column its own label (in place).

    A header band drawn as one dark fill has no rules between its labels, so the grid's header
    row is one cell over several columns; its text went to the first of them (``RAG December 2023
    Update`` over the RAG column, the update column unlabelled, the RAG column read as updates).
    The labels are split only where the cell's ink falls into runs, apart by more than a word
    space (:func:`_label_runs`), each inside one column: a title over several columns
    (``Delivery Period`` over the years, a theme heading) has its words a space apart or runs
    across a column's edge, and keeps the first column's place.
    """
    for k, (r0, _r1, c0, c1, box) in enumerate(spans):
        if r0 != 0 or c1 - c0 < 2 or not inside.get(k):
            continue
        runs = _label_runs(inside[k])
        if len(runs) < 2:
            continue
        columns = [
            next((c for c in range(c0, c1) if xs[c] - 1 <= lo and hi <= xs[c + 1] + 1), None)
            for lo, hi in runs
        ]
        if None in columns or len(set(columns)) < len(columns):
            continue  # a title: kept whole (the header's other spans are still split)
        for c in range(c0, c1):
            own = [ch for ch in inside[k] if xs[c] <= (ch["x0"] + ch["x1"]) / 2 < xs[c + 1]]
            row[c] = (
                cell_from_chars(own, (xs[c], box[1], xs[c + 1], box[3]), fills, band)
                if own
                else RawCell(text="")
            )


def _label_runs(chars: list[dict]) -> list[tuple[float, float]]:
    """The x-extents of a cell's ink where it falls apart by more than a word space (its
    characters' median height: a space is about a third of it)."""
    chars = [ch for ch in chars if ch["text"].strip()]
    if not chars:
        return []
    heights = sorted(ch["bottom"] - ch["top"] for ch in chars)
    gap = heights[len(heights) // 2]
    runs: list[list[float]] = []
    for ch in sorted(chars, key=lambda ch: ch["x0"]):
        if runs and ch["x0"] - runs[-1][1] <= gap:
            runs[-1][1] = max(runs[-1][1], ch["x1"])
        else:
            runs.append([ch["x0"], ch["x1"]])
    return [(lo, hi) for lo, hi in runs]


def _ink(ch: dict) -> tuple:
    """A character's font, size and colour: what a row's style is told by.  An OCRed character
    has none to tell by (its size is its word box's, its ink only light or dark): no colour."""
    colour = None if ch.get("fontname") == "OCR" else ch.get("non_stroking_color")
    return (
        ch.get("fontname"),
        ch.get("size"),
        tuple(colour) if isinstance(colour, list) else colour,
    )


def _overflow(
    spans: list[tuple[int, int, int, int, BBox]],
    inside: dict[int, list[dict]],
    full: list[int],
    outside: list[dict],
) -> list[dict]:
    """Give back to a row's cells the lines of their text printed over the row below; return
    those taken from ``outside`` (the characters under the table, which the table then owns).

    A spreadsheet row too short for its wrapped labels (a header one line high over
    ``RAG`` / ``Status``) is exported with the labels' last lines drawn over the next row,
    where they would be read as that row's text (``Buildings and Energy Status``). Lines under
    a cell are its own when all of these hold: they are set in the cell's font, size and
    colour, a style no other text below the row uses (the body is written otherwise: a white
    header label on a dark band, black body text); they align with the cell's lines (left,
    centre or right); and each comes one line's pitch below the line before it. A row whose
    style the body shares is left as it is: there the lines below cannot be told apart; so is
    text whose colour the page does not give (an OCRed page).
    """
    pool = sorted([ch for chs in inside.values() for ch in chs] + outside, key=lambda c: c["top"])
    tops = [ch["top"] for ch in pool]
    taken_outside: list[dict] = []
    for b in full[1:]:
        hopeful = False
        for k, sp in enumerate(spans):
            if sp[1] != b or not inside.get(k):
                continue
            style = _ink(inside[k][0])
            if style[2] is None or any(_ink(ch) != style for ch in inside[k]):
                continue  # no colour (an OCRed page), or a cell of mixed styles: no style to go by
            x0, _, x1, bottom = sp[4]
            size = float(inside[k][0]["size"] or 0)
            lo, hi = bisect_left(tops, bottom - 1), bisect_right(tops, bottom + 1.6 * size)
            if (
                any(
                    x0 <= (ch["x0"] + ch["x1"]) / 2 <= x1 and _ink(ch) == style
                    for ch in pool[lo:hi]
                )
                and not any(  # the style goes on further down: the body's, not the cell's
                    _ink(ch) == style for ch in pool[bisect_right(tops, bottom + 4 * size) :]
                )
            ):
                hopeful = True
                break
        if hopeful:
            taken_outside += _take_back(spans, inside, b, outside)
    return taken_outside


def _take_back(
    spans: list[tuple[int, int, int, int, BBox]],
    inside: dict[int, list[dict]],
    b: int,
    outside: list[dict],
) -> list[dict]:
    """:func:`_overflow` at the row boundary ``b``, where some cell's style is found just below."""
    cells = [k for k, sp in enumerate(spans) if sp[1] == b and inside.get(k)]
    # (cell the character is in, or None under the table; the character)
    below: list[tuple[int | None, dict]] = [
        (j, ch) for j, sp in enumerate(spans) if sp[0] >= b for ch in inside.get(j, [])
    ]
    below += [(None, ch) for ch in outside]
    ink = {id(ch): _ink(ch) for _, ch in below}
    moves: list[tuple[int, dict]] = []
    for k in cells:
        styles = {_ink(ch) for ch in inside[k]}
        if len(styles) != 1:
            continue
        style = styles.pop()
        same = [ch for _, ch in below if ink[id(ch)] == style]
        if same and len(same) < len(below):
            moves += [(k, ch) for ch in _lines_below(spans[k][4], inside[k], same)]
    if not moves:
        return []
    row_styles = {_ink(ch) for k in cells for ch in inside[k]}
    moved = {id(ch) for _, ch in moves}
    if any(ink[id(ch)] in row_styles and id(ch) not in moved for _, ch in below):
        return []  # the row's style goes on below: body text, not overflow
    taken: list[dict] = []
    for j, ch in below:
        if id(ch) in moved:
            if j is None:
                taken.append(ch)
            else:
                inside[j] = [c for c in inside[j] if c is not ch]
    for k, ch in moves:
        inside[k].append(ch)
    return taken


def _char_lines(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into lines by their top, top to bottom."""
    lines: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        ref = lines[-1][0] if lines else None
        if ref is not None and abs(ch["top"] - ref["top"]) <= max(1.5, 0.45 * ref["size"]):
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return lines


def _lines_below(box: BBox, own: list[dict], same: list[dict]) -> list[dict]:
    """The characters of ``same`` that continue the cell's lines below its bottom rule."""
    mine = [(min(c["x0"] for c in ln), max(c["x1"] for c in ln)) for ln in _char_lines(own)]
    x0, _, x1, bottom = box
    under = [ch for ch in same if x0 <= (ch["x0"] + ch["x1"]) / 2 <= x1 and ch["top"] >= bottom - 1]
    last = max(own, key=lambda c: c["top"])
    top, size = last["top"], float(last["size"])
    picked: list[dict] = []
    for line in _char_lines(under):
        left, right = min(c["x0"] for c in line), max(c["x1"] for c in line)
        if not 0.5 * size <= line[0]["top"] - top <= 1.6 * size:
            break
        if not any(
            abs(left - a) <= 1.5 or abs(right - b) <= 1.5 or abs(left + right - a - b) <= 3.0
            for a, b in mine
        ):
            break
        picked += line
        top = line[0]["top"]
    return picked
