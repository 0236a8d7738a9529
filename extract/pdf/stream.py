"""Whitespace (stream) reading: tables without vertical rules.

The header row is found first (the caller's header test, e.g. the layout
profile's synonyms; else a bold line of several separated labels), since it
names the columns.  Column boundaries are then put in the gutters between
neighbouring header labels where the body's words leave the page empty.
Rows are cut at horizontal rules when the table has them, else where the
vertical gap between lines is wider than the gap between lines of one cell,
and, where rows follow one another with no gap (a spreadsheet without cell
borders), where the text's style changes (a bold or coloured theme line among
plain body lines) and at each key of the first column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from statistics import median

from ..records import RawCell
from .cells import cell_from_lines
from .graphics import Fill, _colour
from .records import Fragment
from .text import Line, Word, _continues

HeaderTest = Callable[[Sequence[str]], bool]
_KEY = re.compile(r"^[^\s]{1,12}$")  # an action key: T1, LCC.1, 12.


def _header_columns(block: list[Line]) -> list[list[Word]]:
    """The header labels: chunks of the header lines, merged when they overlap in x.

    Lines are taken bottom-up; a label above two or more labels spans them
    (``Delivery Period`` over the years) and is left out.
    """
    cols: list[list[Word]] = []
    for line in reversed(block):
        for chunk in line.chunks(0.6 * line.size):
            x0, x1 = chunk[0].x0, chunk[-1].x1
            hits = [
                col
                for col in cols
                if x0 < max(w.x1 for w in col) + 1 and x1 > min(w.x0 for w in col) - 1
            ]
            if len(hits) == 1:
                hits[0].extend(chunk)
            elif not hits:
                cols.append(list(chunk))
    cols.sort(key=lambda col: min(w.x0 for w in col))
    return cols


def _col_text(col: list[Word]) -> str:
    words = sorted(col, key=lambda w: (round(w.top), w.x0))
    return " ".join(w.text for w in words)


def _tight(a: Line, b: Line) -> bool:
    return b.top - a.bottom <= 0.6 * max(a.size, b.size)


def _is_key(text: str) -> bool:
    """An action key: one short token with a digit in it (``T1``, ``LCC.1``, ``12.``)."""
    return bool(_KEY.match(text)) and any(ch.isdigit() for ch in text)


def _starts_with_key(line: Line, left: float) -> bool:
    first = line.chunks(0.6 * line.size)[0]
    return first[0].x0 <= left + 3 and _is_key(" ".join(w.text for w in first))


def _within(line: Line, cols: list[list[Word]]) -> bool:
    """Does every run of the line sit over one of these header labels?"""
    for chunk in line.chunks(0.6 * line.size):
        x0, x1 = chunk[0].x0, chunk[-1].x1
        if not any(x0 < max(w.x1 for w in c) + 1 and x1 > min(w.x0 for w in c) - 1 for c in cols):
            return False
    return True


def _leaves_the_rhythm(block: list[Line]) -> bool:
    """Is the block's last line set further below the line before it than the header's own lines
    are from each other?

    The lines of one header row keep one pitch (a centred label's lines overlap the row's
    single-line labels: 5 pt apart); a theme row right under the header comes a row's padding
    later (13 pt), though still close enough to pass for a wrapped label.
    """
    if len(block) < 3:
        return False
    pitch = block[-2].top - block[-3].top
    return block[-1].top - block[-2].top > 1.5 * max(pitch, 0.5 * block[-1].size)


def _inks(words: Sequence[Word]) -> set[str]:
    """The colours the words are drawn in (none where the page does not say: an OCRed page)."""
    out = set()
    for w in words:
        colour = _colour(w.colour)
        if colour is None:
            return set()
        out.add(colour)
    return out


def _in_another_ink(above: list[Line], line: Line) -> bool:
    """Is ``line`` drawn only in colours none of the lines ``above`` use?

    A header's labels are written in one style (a white label on a dark band); a row under a
    header that leaves no space between its rows (a spreadsheet exported without borders) is
    told from a further header line only by its text's style (the black theme below the white
    labels). Where the page gives no colour (an OCRed page) nothing is told.
    """
    mine = _inks(line.words)
    theirs = _inks([w for ln in above for w in ln.words])
    return bool(mine) and bool(theirs) and not (mine & theirs)


def _overprinted(lines: list[Line]) -> tuple[list[Line], list[int]]:
    """Lines with a label's wrapped words printed over them taken apart: the label's words
    first, as a line of their own.

    A spreadsheet row too short for its wrapped header labels (a header one line high over
    ``RAG`` / ``Status``) and without cell borders prints the labels' last words on the row
    below, in one visual line with that row's text (``Buildings and Energy Status``). Words of a
    line are the label's when they are in the one ink of the line above, an ink no text further
    down uses (a white label over black body text). Returns the lines and, for each, the index
    of the line it came from.
    """
    inks = [_inks(ln.words) for ln in lines]
    below: list[set[str]] = [set() for _ in lines]
    for i in range(len(lines) - 2, -1, -1):
        below[i] = below[i + 1] | inks[i + 1]
    out: list[Line] = []
    origin: list[int] = []
    for i, ln in enumerate(lines):
        above = inks[i - 1] if i else set()
        if len(above) == 1 and len(inks[i]) > 1 and not above & below[i]:
            own = [w for w in ln.words if _inks([w]) == above]
            out += [Line(own), Line([w for w in ln.words if _inks([w]) != above])]
            origin += [i, i]
            continue
        out.append(ln)
        origin.append(i)
    return out, origin


def _styles(line: Line) -> set[tuple[bool, str]]:
    """The line's text styles: weight and colour of each word (none when a colour is unknown)."""
    out = set()
    for w in line.words:
        inks = _inks([w])
        if not inks:
            return set()
        out.add((w.bold, inks.pop()))
    return out


def _changes_style(
    row: set[tuple[bool, str]] | None, above: Line, line: Line, bounds: list[float]
) -> bool:
    """Does ``line`` start a new row, though set at the pitch of the row's lines above it?

    ``row`` is the styles of the row's lines so far (None when a colour is unknown), ``above``
    its last line. Rows exported with no padding between them (a spreadsheet without cell
    borders) follow one another at the text's own line pitch. A line that starts in the first
    column in a text style (weight, colour) none of the row's lines so far use is another row
    there: a bold or coloured theme row among plain body rows, or the first body row under it.
    A cell's own lines share a style with the row above them, or do not start in the first
    column (a plain description under a bold title in the second), or read on from the first
    column's text above (a link or a bold phrase wrapped onto a line of its own:
    ``www.example.gov.uk``, after ``see the``).
    """
    mine = _styles(line)
    if not mine or not row or mine & row:
        return False
    first = _split_line(line, bounds).get(0)
    if first is None:
        return False
    before = _split_line(above, bounds).get(0)
    text = first.text
    return text[:1].isdigit() or not _continues(before.text if before else "", text)


def _like(cols: list[list[Word]], first: list[list[Word]]) -> bool:
    """Do two headers have (about) the same labels at the same places?"""
    if len(cols) < len(first) - 1:
        return False
    starts = [min(w.x0 for w in c) for c in first]
    hits = sum(1 for c in cols if any(abs(min(w.x0 for w in c) - x) <= 8 for x in starts))
    return hits >= 0.6 * len(cols)


def find_headers(lines: list[Line], header_test: HeaderTest | None) -> list[tuple[int, int]]:
    """(first, last+1) line indices of each header block, top to bottom."""
    out: list[tuple[int, int]] = []
    first_cols: list[list[Word]] = []
    i = 0
    while i < len(lines):
        found = None
        if _starts_with_key(lines[i], lines[i].x0):
            i += 1  # a data row (T4 ...), however its words happen to read
            continue
        for span in (1, 2, 3, 4):
            block = lines[i : i + span]
            if len(block) < span or (span > 1 and not _tight(block[-2], block[-1])):
                break
            if span > 1 and abs(block[-1].bold - block[0].bold) > 0.5:
                break
            if span > 1 and _starts_with_key(block[-1], block[0].x0):
                break  # a data row right under the header
            if span > 1 and _in_another_ink(block[:-1], block[-1]):
                break  # a row in the body's ink right under the header's labels
            if _leaves_the_rhythm(block):
                break  # a section row right under the header (``Energy and Buildings``)
            cols = _header_columns(block)
            if len(cols) < 3 or any(len(ch) > 6 for ch in block[-1].chunks(0.6 * block[-1].size)):
                break  # header labels are short; a body line has long runs of words
            texts = [_col_text(c) for c in cols]
            ok = header_test(texts) if header_test else (block[0].bold >= 0.6 and len(cols) >= 4)
            if ok:
                found = span
            elif found:
                break
        if (
            found
            and out
            and not _like(_header_columns(lines[i : i + found]), first_cols)
            and (i > 0 and lines[i].top - lines[i - 1].bottom <= 0.45 * lines[i].size)
        ):
            # inside a row (no gap above) only a repeat of the header above is a header: a
            # cell's second line whose words happen to be labels ("with partners.") is not
            found = None
        if found:
            # labels centred in a taller header cell start on lines above that overlap the
            # header's lines (``RAG`` over ``status``); a label line with space under it is a
            # spanning upper level (``Delivery Period``), left out
            start = i
            floor = out[-1][1] if out else 0
            while (
                start - 1 >= floor
                and lines[start].top < lines[start - 1].bottom
                and _within(lines[start - 1], _header_columns(lines[start : i + found]))
            ):
                start -= 1
            if not out:
                first_cols = _header_columns(lines[start : i + found])
            out.append((start, i + found))
            i += found
        else:
            i += 1
    return out


def _boundaries(cols: list[list[Word]], body: list[Line], left: float, right: float) -> list[float]:
    """x of each column boundary: the emptiest gutter between neighbouring header labels."""
    lo = int(left) - 2
    hi = int(right) + 3
    cover = [0] * (hi - lo + 1)
    for line in body:
        for w in line.words:
            for x in range(max(lo, int(w.x0)), min(hi, int(w.x1) + 1)):
                cover[x - lo] += 1
    bounds = [left - 1]
    for a, b in zip(cols, cols[1:], strict=False):
        a_x1 = max(w.x1 for w in a)
        b_x0 = min(w.x0 for w in b)
        start, end = int(a_x1), int(b_x0)
        if end <= start:
            bounds.append((a_x1 + b_x0) / 2)
            continue
        best = None
        run_start = None
        minimum = min(cover[x - lo] for x in range(start, end + 1))
        for x in range(start, end + 2):
            in_run = x <= end and cover[x - lo] == minimum
            if in_run and run_start is None:
                run_start = x
            elif not in_run and run_start is not None:
                length = x - run_start
                if best is None or length > best[1] - best[0]:
                    best = (run_start, x)
                run_start = None
        assert best is not None
        # put the boundary at the right of the empty run: text is left-aligned more often than not
        bounds.append(max(best[0], best[1] - 2.0))
    bounds.append(right + 1)
    return bounds


def _fill_only_columns(bounds: list[float], fills: list[Fill], body: list[Line]) -> list[float]:
    """Add a column at the table's edge that holds fills and no text (a RAG column shown only as
    colour).

    Columns are found from text, so a status column whose cells are coloured and
    empty would be lost, header and all, when its header is blank or unreadable.
    Two or more fills in one x-range beside the text columns, level with the body's
    rows, make such a column.
    """
    if not body or not fills:
        return bounds
    top, bottom = min(ln.top for ln in body), max(ln.bottom for ln in body)
    out = list(bounds)
    for side in ("right", "left"):
        outside = [
            f
            for f in fills
            if 4 <= f.x1 - f.x0 <= 120
            and f.top >= top - 20
            and f.bottom <= bottom + 20
            and (f.x0 >= out[-1] - 2 if side == "right" else f.x1 <= out[0] + 2)
        ]
        if len(outside) < 2:
            continue
        x0 = median(f.x0 for f in outside)
        same = [f for f in outside if abs(f.x0 - x0) <= 3]
        if len(same) < 2:
            continue
        if side == "right":
            out = out[:-1] + [
                max(out[-1], min(f.x0 for f in same) - 0.5),
                max(f.x1 for f in same) + 0.5,
            ]
        else:
            out = [min(f.x0 for f in same) - 0.5, min(out[0], max(f.x1 for f in same) + 0.5)] + out[
                1:
            ]
    return out


def _column(bounds: list[float], x0: float) -> int:
    n = len(bounds) - 1
    for i in range(1, n):
        if x0 + 1.5 < bounds[i]:
            return i - 1
    return n - 1


def _split_line(line: Line, bounds: list[float]) -> dict[int, Line]:
    parts: dict[int, Line] = {}
    for w in line.words:
        parts.setdefault(_column(bounds, w.x0), Line()).words.append(w)
    return parts


def _fits(line: Line, bounds: list[float]) -> bool:
    """Does a line read as a row of these columns: words in two or more, none across a boundary?"""
    if len(set(_split_line(line, bounds))) < 2:
        return False
    return not any(w.x0 < b - 1 < w.x1 for w in line.words for b in bounds[1:-1])


def _rules_between(rules: list[dict], top: float, bottom: float, x0: float, x1: float) -> bool:
    need = 0.5 * (x1 - x0)
    return any(
        top - 1 <= r["top"] <= bottom + 1 and min(r["x1"], x1) - max(r["x0"], x0) >= need
        for r in rules
    )


def read_stream(
    lines: list[Line],
    rules: list[dict],
    fills: list[Fill],
    header_test: HeaderTest | None,
    carry: list[float] | None = None,
) -> tuple[list[Fragment], set[int]]:
    """Whitespace tables among ``lines`` (sorted top to bottom); returns fragments and the lines
    used."""
    parts, origin = _overprinted(lines)
    frags, used = _read_stream(parts, rules, fills, header_test, carry)
    return frags, {origin[i] for i in used}


def _read_stream(
    lines: list[Line],
    rules: list[dict],
    fills: list[Fill],
    header_test: HeaderTest | None,
    carry: list[float] | None,
) -> tuple[list[Fragment], set[int]]:
    headers = find_headers(lines, header_test)
    used: set[int] = set()
    frags: list[Fragment] = []
    starts = [h[0] for h in headers]
    if not headers and carry:
        first = next((i for i, ln in enumerate(lines) if _fits(ln, carry)), None)
        if first is not None:
            frag = _read_body(lines, None, first, len(lines), rules, fills, carry, None)
            if frag:
                frags.append(frag[0])
                used |= frag[1]
        return frags, used
    for n, (h0, h1) in enumerate(headers):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        got = _read_body(lines, (h0, h1), h1, end, rules, fills, None, header_test)
        if got:
            frags.append(got[0])
            used |= got[1]
    return frags, used


def _split_on_keys(group: list[Line], bounds: list[float]) -> list[list[Line]]:
    """A row group whose first column holds several short keys (``T1``, ``T2``) is several rows.

    Tables typeset without space between rows give no vertical gap to cut
    at; the key column still starts a new row at each key.
    """
    # the key column is the first (later columns hold dates such as 2023-24, which look like keys)
    split = [_split_line(ln, bounds) for ln in group]
    firsts = [i for i, parts in enumerate(split) if 0 in parts]
    keys = [split[i][0].text for i in firsts]
    if len(firsts) < 2 or not all(_is_key(k) for k in keys):
        return [group]
    if firsts[0] == 0:  # cells aligned to the top: each key starts its row
        cuts = firsts + [len(group)]
        return [group[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
    # cells centred (or aligned to the bottom): a row's lines lie around its key; cut
    # between two keys at the widest gap, else halfway
    cuts = [0]
    for a, b in zip(firsts, firsts[1:], strict=False):
        between = range(a + 1, b + 1)
        gaps = [(group[i].top - group[i - 1].bottom, -abs(i - (a + b + 1) / 2), i) for i in between]
        cuts.append(max(gaps)[2])
    cuts.append(len(group))
    return [group[x:y] for x, y in zip(cuts, cuts[1:], strict=False) if y > x]


def _reattach_continuations(groups: list[list[Line]], bounds: list[float]) -> list[list[Line]]:
    """In a table whose keys head their rows, the lines a group holds before its key, with nothing
    in the key column, are the row above's last lines.

    Rows are first cut at vertical gaps; a scan's lines lie unevenly, and a gap inside a cell can
    pass for the gap between rows.  Then a cell's second line opens a group with the next row's
    key in it, and both lines end up in that row (DM1.6's second line in DM1.7).  Whether keys
    head their rows is read from the table itself: where they do, the text beside each key is the
    first line of its cells, which starts with a capital or a digit (``Investigate ...``); where
    keys sit in the middle of their cells (centred), the text beside a key of a longer cell goes
    on from the line above (``report templates and ...``).  At least three key lines, and four in
    five, must show it.
    """
    # each line cut into its columns once, and whether its first column holds a key
    split = [[_split_line(ln, bounds) for ln in g] for g in groups]
    keyed = [[0 in parts and _is_key(parts[0].text) for parts in g] for g in split]
    # the text beside a key is read in the column of prose (the most text after the keys'): a
    # centred key's line may hold only the one-line cells beside it (a date, 'Ongoing'), which
    # start with a capital or a digit whatever the alignment
    length: dict[int, int] = {}
    for cut in split:
        for parts in cut:
            for c, part in parts.items():
                if c > 0:
                    length[c] = length.get(c, 0) + len(part.text)
    prose = max(length, key=length.__getitem__, default=None)
    heads = []
    for cut, keys in zip(split, keyed, strict=True):
        for parts in (p for p, key in zip(cut, keys, strict=True) if key and len(p) > 1):
            if prose not in parts:
                # a key beside no line of prose sits between its cell's lines: centred
                heads.append(False)
                continue
            beside = parts[prose].text.lstrip("\"'([“‘•-– ")
            heads.append(bool(beside) and (beside[0].isupper() or beside[0].isdigit()))
    if sum(heads) < 3 or sum(heads) < 0.8 * len(heads):
        return groups
    out: list[list[Line]] = []
    above_keyed = False  # does the last group out hold a key?
    for g, cuts, keys in zip(groups, split, keyed, strict=True):
        lead = keys.index(True) if True in keys else 0
        if above_keyed and lead and not any(0 in c for c in cuts[:lead]):
            out[-1] = out[-1] + g[:lead]
            g, keys = g[lead:], keys[lead:]
        out.append(g)
        above_keyed = any(keys)
    return out


def _read_body(lines, header, start, end, rules, fills, carry, header_test):
    body_idx = list(range(start, end))
    # the table ends at a wide gap (a footer, a legend) ...
    pitch = median([ln.size for ln in lines[start:end]] or [10.0])
    for k in range(1, len(body_idx)):
        a, b = lines[body_idx[k - 1]], lines[body_idx[k]]
        # a heading in another type size (a theme title, a legend) or a wide gap
        if (
            b.top - a.bottom > max(4.0 * pitch, 36.0)
            or b.size > 1.2 * pitch
            or b.size < 0.75 * pitch
        ):
            body_idx = body_idx[:k]
            break
    header_lines = lines[header[0] : header[1]] if header else []
    if header:
        cols = _header_columns(header_lines)
        left = min(
            min(ln.x0 for ln in header_lines), min((lines[i].x0 for i in body_idx), default=1e9)
        )
        right = max(
            max(ln.x1 for ln in header_lines), max((lines[i].x1 for i in body_idx), default=0)
        )
        bounds = _boundaries(cols, [lines[i] for i in body_idx], left, right)
        bounds = _fill_only_columns(bounds, fills, [lines[i] for i in body_idx])
    else:
        bounds = list(carry)
    # ... and before the heading lines of the next table (left-aligned single runs at its end)
    while body_idx and end < len(lines):
        ln = lines[body_idx[-1]]
        parts = _split_line(ln, bounds)
        gap = ln.top - lines[body_idx[-2]].bottom if len(body_idx) > 1 else 1e9
        if set(parts) == {0} and len(ln.chunks()) == 1 and gap > 0.45 * ln.size:
            body_idx.pop()
        else:
            break
    # a page number or footer line at the very end
    while body_idx:
        ln = lines[body_idx[-1]]
        t = ln.text.strip()
        if (
            len(t) <= 12
            and any(ch.isdigit() for ch in t)
            and len(_split_line(ln, bounds)) == 1
            and (len(body_idx) == 1 or ln.top - lines[body_idx[-2]].bottom > 1.5 * pitch)
        ):
            body_idx.pop()
        else:
            break
    if not body_idx and not header:
        return None
    x0, x1 = bounds[0], bounds[-1]
    body = [lines[i] for i in body_idx]
    # rows
    groups: list[list[Line]] = []
    body_rules = [
        r
        for r in rules
        if body
        and body[0].top - 2 <= r["top"] <= body[-1].bottom + 2
        and r["x1"] - r["x0"] >= 0.5 * (x1 - x0)
    ]
    use_rules = len(body_rules) >= 2
    styles: set[tuple[bool, str]] | None = None  # of the last group's lines (None: unknown)
    for ln in body:
        if not groups:
            groups.append([ln])
            styles = _styles(ln) or None
            continue
        prev = groups[-1][-1]
        gap = ln.top - prev.bottom
        new = (
            gap > 0.45 * max(ln.size, prev.size)
            or (use_rules and _rules_between(body_rules, prev.bottom, ln.top, x0, x1))
            or _changes_style(styles, prev, ln, bounds)
        )
        mine = _styles(ln) or None
        if new:
            groups.append([ln])
            styles = mine
        else:
            groups[-1].append(ln)
            styles = styles | mine if styles is not None and mine is not None else None
    groups = _reattach_continuations(groups, bounds)
    groups = [part for g in groups for part in _split_on_keys(g, bounds)]
    rows: list[list[RawCell]] = []
    boxes = []
    band = 0.9 * (x1 - x0)
    ncols = len(bounds) - 1
    all_groups = ([header_lines] if header else []) + groups
    # the band of each row reaches halfway to its neighbours
    edges = []
    for g in all_groups:
        top = min(ln.top for ln in g)
        bottom = max(ln.bottom for ln in g)
        edges.append([top, bottom])
    for k in range(len(edges) - 1):
        mid = (edges[k][1] + edges[k + 1][0]) / 2
        edges[k][1] = mid
        edges[k + 1][0] = mid
    if edges:
        edges[0][0] -= 2
        edges[-1][1] += 2
    rights = [0.0] * ncols
    split_rows = []
    for k, g in enumerate(all_groups):
        per_col: dict[int, list[Line]] = {}
        if header and k == 0:
            # header cells from the labels (spanning labels left out), one line per label line
            for col in cols:
                c = _column(bounds, min(w.x0 for w in col))
                by_line: dict[int, Line] = {}
                for w in sorted(col, key=lambda w: (round(w.top), w.x0)):
                    key = next(
                        (t for t in by_line if abs(t - w.top) <= 0.45 * w.size), round(w.top)
                    )
                    by_line.setdefault(key, Line()).words.append(w)
                per_col.setdefault(c, []).extend(by_line[t] for t in sorted(by_line))
                rights[c] = max(rights[c], max(w.x1 for w in col))
            split_rows.append(per_col)
            continue
        for ln in g:
            for c, part in _split_line(ln, bounds).items():
                per_col.setdefault(c, []).append(part)
                rights[c] = max(rights[c], part.x1)
        split_rows.append(per_col)
    for k, per_col in enumerate(split_rows):
        top, bottom = edges[k]
        row = []
        for c in range(ncols):
            box = (bounds[c], top, bounds[c + 1], bottom)
            row.append(cell_from_lines(per_col.get(c, []), box, rights[c] + 0.5, fills, band))
        rows.append(row)
        boxes.append((round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1)))
    used = set(range(header[0], header[1])) if header else set()
    used |= set(body_idx)
    frag = Fragment(
        "stream",
        rows,
        boxes,
        (x0, edges[0][0], x1, edges[-1][1]),
        bounds,
        header_row=0 if header else None,
        text_lines=[" ".join(c.text for c in r if c.text) for r in rows],
    )
    return frag, used
