"""Tables put right before the walk: what a reader ran together in a header row taken apart.

Two faults of any reader (a scan's most of all), both mended here and logged:

* a section row printed just under the header read into a header cell's last line
  (``Action ID`` / ``Workstream: Finance``): the line is no header, it opens the rows below,
  so it is taken out of the header and put back as a row of its own under it;
* a narrow ID column read into the column beside it (a header cell ``Action ID Project
  Description`` and body cells ``F1.2 Investigate ...``): the header cell and each cell under
  it are cut in two, the ID and the rest;
* one column read as two, its label cut between them (``Action`` | ``ID`` over IDs in the first
  and nothing in the second: a photo's gap between the words taken for a column's edge): the
  two are joined again, in the header and in each row under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..extract.records import RawCell, RawDocument, RawRow, RawTable
from ..profile import Profile
from .header import HeaderMap, chance_header, map_header, match_header_cell
from .ids import read_id_cell
from .records import Correction
from .rows import match_vocabulary, theme_prefix_match
from .text import clean_text, header_key

# the fields a column run into an ID column's right holds: text that follows an ID in a cell
_TEXT_FIELDS = ("description", "title")
# fields whose cells may hold a colour and no text (a RAG rating, a Gantt mark, a tick), or that
# name no field of the profile: an empty column under one of them is no cut label
_NO_TEXT_FIELDS = ("attributes.", "rag", "gantt:", "tick:")
# an OCR-read ID too damaged to fit the profile's pattern ('FL' for F1.1, 'FLS' for F1.5)
_OCR_CODE = re.compile(r"[A-Z][A-Za-z0-9.\-]{1,6}")


@dataclass
class Untangled:
    raw: RawDocument
    corrections: list[Correction] = field(default_factory=list)
    # (table index, row index) of a body row whose ID was cut out of its text -> the cell as read
    split_rows: dict[tuple[int, int], tuple[str, str, str]] = field(default_factory=dict)


def untangle(raw: RawDocument, profile: Profile) -> Untangled:
    """``raw`` with header cells' section lines and merged ID columns taken apart (see the module);
    the same document when there is nothing to do."""
    out = Untangled(raw)
    tables: list[RawTable] = []
    changed = False
    split: tuple[int, int] | None = None  # (column cut in two, header width before the cut)
    joined: tuple[int, int] | None = None  # (first of two columns joined, header width before)
    for table in raw.tables:
        rows: list[RawRow] = []
        headed = False  # a header row seen in this table
        current: HeaderMap | None = None  # the table's header as last read
        for pos, row in enumerate(table.rows):
            # only a table's first header can hold the section row printed under it: below a
            # header, a body row with a section line in it (a description's last line run into
            # the 'Workstream:' row after it) is no header, whatever its other cells say
            theme_row = None if headed else _header_section_line(row, profile)
            line_row = None
            if theme_row is not None:
                row, line_row, line = theme_row
                out.corrections.append(
                    Correction(
                        None,
                        "row",
                        line,
                        None,
                        "section_line_out_of_header",
                        f"row {row.source_row}: the last line of a header cell is a section row;"
                        " kept as the section of the rows below",
                    )
                )
                changed = True
            header = map_header(row.texts, profile)
            if header is not None and chance_header(header, current):
                header = None  # a body row whose words happen to be labels ('2022-23')
            if header is not None:
                headed, current = True, header
                found = _merged_id_header(row, header, profile) or _unlabelled_text_column(
                    row, header, profile, table.rows[pos + 1 : pos + 13]
                )
                split = joined = None
                if found is not None:
                    row, split = found
                    changed = True
                else:
                    rejoined = _label_cut_in_two(row, header, profile, table.rows[pos + 1 :])
                    if rejoined is not None:
                        old_texts, (row, joined) = row.texts, rejoined
                        out.corrections.append(
                            Correction(
                                None,
                                "row",
                                " | ".join(old_texts[joined[0] : joined[0] + 2]),
                                row.texts[joined[0]],
                                "header_label_rejoined",
                                f"row {row.source_row}: one column's label read across two"
                                " columns, the second empty in most rows below; joined again",
                            )
                        )
                        changed = True
            elif joined is not None:
                rejoined_row = _join_body(row, joined)
                if rejoined_row is not None:
                    idx = joined[0]
                    if row.cells[idx + 1].text.strip():
                        out.corrections.append(
                            Correction(
                                None,
                                "row",
                                " | ".join(row.texts[idx : idx + 2]),
                                rejoined_row.texts[idx],
                                "columns_rejoined",
                                f"row {row.source_row}: two cells of one column (its label cut"
                                " in two) joined again",
                            )
                        )
                    row = rejoined_row
                    changed = True
            elif split is not None:
                cut = _cut_body(row, split, profile)
                if cut is not None:
                    new, token, rest = cut
                    if token:
                        out.split_rows[(row.table_index, row.row_index)] = (
                            row.cells[split[0]].text,
                            token,
                            rest,
                        )
                    row = new
                    changed = True
            rows.append(row)
            if line_row is not None:
                rows.append(line_row)
        tables.append(replace(table, rows=rows))
    if changed:
        out.raw = replace(raw, tables=tables)
    return out


def _lines(cell: RawCell) -> list[str]:
    return [ln for ln in (cell.lines or tuple(cell.text.split("\n"))) if ln.strip()]


def _is_section_line(line: str, profile: Profile) -> bool:
    if theme_prefix_match([line], profile.theme_row_prefixes):
        return True
    vocabulary = profile.themes + profile.sections
    return bool(
        vocabulary
        and match_vocabulary(line, vocabulary) is not None
        and match_header_cell(line, profile) is None
    )


def _header_section_line(row: RawRow, profile: Profile) -> tuple[RawRow, RawRow, str] | None:
    """A header row one of whose cells ends in a section row's line: (the header without the
    line, the line as a row of its own), else None."""
    for idx, cell in enumerate(row.cells):
        lines = _lines(cell)
        if len(lines) < 2 or not _is_section_line(lines[-1], profile):
            continue
        kept = tuple(lines[:-1])
        head = replace(cell, text=" ".join(clean_text(ln) for ln in kept), lines=kept)
        cells = row.cells[:idx] + (head,) + row.cells[idx + 1 :]
        if map_header(tuple(c.text for c in cells), profile) is None:
            continue
        line = clean_text(lines[-1])
        section = tuple(
            RawCell(line, lines=(line,), confidence=cell.confidence) if i == 0 else RawCell("")
            for i in range(len(row.cells))
        )
        return replace(row, cells=cells), replace(row, cells=section, bbox=None), line
    return None


def merged_id_header(text: str, profile: Profile) -> tuple[str, str] | None:
    """A header cell naming the ID column and the text column beside it, in that order
    (``Action ID Project Description``): the two labels, else None."""
    if match_header_cell(text, profile) == "action_id":
        return None
    words = clean_text(text).split()
    if not 2 <= len(words) <= 10:
        return None
    for j in range(1, len(words)):
        left, right = " ".join(words[:j]), " ".join(words[j:])
        if not header_key(left) or not header_key(right):
            continue
        if (
            match_header_cell(left, profile) == "action_id"
            and match_header_cell(right, profile) in _TEXT_FIELDS
        ):
            return left, right
    return None


def _merged_id_header(
    row: RawRow, header: HeaderMap, profile: Profile
) -> tuple[RawRow, tuple[int, int]] | None:
    """The header row with its merged ID cell cut in two, and (the column cut, the header's width
    before the cut); None when the header has an ID column or no cut gives it one."""
    if header.index_of("action_id") is not None:
        return None
    for idx, text in enumerate(row.texts):
        labels = merged_id_header(text, profile)
        if labels is None:
            continue
        cut = _cut_header(row, idx, labels)
        after = map_header(cut.texts, profile)
        if after is not None and after.index_of("action_id") == idx:
            return cut, (idx, len(row.cells))
    return None


def _unlabelled_text_column(
    row: RawRow, header: HeaderMap, profile: Profile, body: list[RawRow]
) -> tuple[RawRow, tuple[int, int]] | None:
    """The header row with its ID cell cut in two, its second half labelled ``Action``, when the
    header names an ID column and no text column and most of the rows under it hold an ID and
    the action's text in that column ('ID' over 'N4 Build on the work of ...': a scan lost the
    rule between the two columns and the 'Action' label with it); else None."""
    idx = header.index_of("action_id")
    if idx is None or any(header.index_of(name) is not None for name in _TEXT_FIELDS):
        return None
    cells = [r.cells[idx] for r in body if len(r.cells) > idx and r.cells[idx].text.strip()]
    merged = [p for c in cells if (p := _id_token(c, profile)) and len(p[1].split()) >= 3]
    if len(cells) < 3 or len(merged) < 0.6 * len(cells):
        return None
    return _cut_header(row, idx, (row.cells[idx].text, "Action")), (idx, len(row.cells))


def _cut_header(row: RawRow, idx: int, labels: tuple[str, str]) -> RawRow:
    cell = row.cells[idx]
    left, right = labels
    halves = (
        RawCell(left, lines=(left,), fill=cell.fill, confidence=cell.confidence),
        RawCell(right, lines=(right,), fill=cell.fill, confidence=cell.confidence),
    )
    return replace(row, cells=row.cells[:idx] + halves + row.cells[idx + 1 :])


# specks OCR read as a word or two before a scanned cell's ID ('ee _ oe DM1.7 Design ...'): no
# more than two characters, no capital or digit, and no English word ('a', 'of')
_SPECK_WORD = re.compile(r"[^A-Z0-9]{1,2}")
_SHORT_WORDS = frozenset(
    "a i am an as at be by do go he if in is it me my no of oh on or so to up us we".split()
)


def _speck(word: str) -> bool:
    return bool(_SPECK_WORD.fullmatch(word)) and word.lower() not in _SHORT_WORDS


def _id_token(cell: RawCell, profile: Profile) -> tuple[str, str] | None:
    """The ID at the start of a merged cell and the text after it, else None; on an OCRed cell,
    the ID after up to three specks read as words (the split's correction keeps the cell as
    read)."""
    text = clean_text(cell.text)
    if not text:
        return None
    if cell.confidence is not None:
        words = text.split()
        for k in range(1, min(3, len(words) - 1) + 1):
            if not _speck(words[k - 1]):
                break
            found = read_id_cell(" ".join(words[k:]), profile)
            if found.action_id and found.token == words[k]:
                return found.token, found.rest
    found = read_id_cell(text, profile)
    if found.action_id:
        if found.token and text.startswith(found.token):
            return found.token, clean_text(text[len(found.token) :])
        return found.token or text, found.rest
    words = text.split(maxsplit=1)
    first = words[0]
    if (
        cell.confidence is not None
        and len(words) == 2
        and _OCR_CODE.fullmatch(first)
        and not first[1:].islower()
        and (any(ch.isdigit() for ch in first) or first.isupper())
    ):
        return first, words[1]
    return None


def _cut_body(
    row: RawRow, split: tuple[int, int], profile: Profile
) -> tuple[RawRow, str | None, str] | None:
    """A body row under a merged ID header with its cell cut in two: (row, ID, text); the whole
    cell goes to the text column when it starts with no ID.  None for rows left as read."""
    idx, width = split
    if len(row.cells) <= idx or len(row.cells) > width:
        return None  # a row the reader already cut (or one too short to reach the column)
    if theme_prefix_match(list(row.texts), profile.theme_row_prefixes):
        return None
    cell = row.cells[idx]
    alone = not any(t.strip() for i, t in enumerate(row.texts) if i != idx)
    if alone and _is_section_line(clean_text(cell.text), profile):
        return None  # a section row ('Land Management and Use'), no action's text
    parts = _id_token(cell, profile)
    token, rest = parts if parts else (None, clean_text(cell.text))
    lines = cell.lines
    if token and lines and clean_text(lines[0]).startswith(token):
        first = clean_text(lines[0])[len(token) :].strip()
        lines = ((first,) if first else ()) + tuple(lines[1:])
    elif token:
        lines = ()
    halves = (
        RawCell(token or "", lines=(token,) if token else (), confidence=cell.confidence),
        replace(cell, text=rest, lines=lines, bbox=None),
    )
    return replace(row, cells=row.cells[:idx] + halves + row.cells[idx + 1 :]), token, rest


def _label_cut_in_two(
    row: RawRow, header: HeaderMap, profile: Profile, body: list[RawRow]
) -> tuple[RawRow, tuple[int, int]] | None:
    """The header row with two neighbouring cells joined, and (the first of them, the header's
    width), when the two labels together name the field that one of them names alone
    (``Action`` | ``ID``: ``Action ID`` is an ID) and the column under that one is empty
    (no text, but for a speck in a few rows) while the other holds the rows' content:
    the cut is no column's edge, and the field's content lies beside its label; else None."""
    texts = row.texts
    width = len(texts)
    under = [r for r in body[:12] if len(r.cells) == width]
    for idx in range(width - 1):
        left, right = texts[idx].strip(), texts[idx + 1].strip()
        if not left or not right:
            continue
        whole = match_header_cell(f"{left} {right}", profile)
        others = {name for i, name in header.columns.items() if i not in (idx, idx + 1)}
        if whole is None or whole.startswith(_NO_TEXT_FIELDS) or whole in others:
            continue
        written = [[bool(r.cells[i].text.strip()) for i in (idx, idx + 1)] for r in under]
        used = [w for w in written if any(w)]
        if len(used) < 3:
            continue
        for empty in (0, 1):
            named = header.columns.get(idx + empty) == whole
            # the labelled column empty in four rows of five at least, the other one written
            if named and sum(w[empty] for w in used) <= 0.2 * len(used):
                new = _join_cells(row, idx)
                after = map_header(new.texts, profile)
                if after is not None and after.index_of(whole) == idx:
                    return new, (idx, width)
    return None


def _join_cells(row: RawRow, idx: int) -> RawRow:
    """``row`` with its cells ``idx`` and ``idx + 1`` made one (their texts and lines in order)."""
    a, b = row.cells[idx], row.cells[idx + 1]
    text = " ".join(t for t in (a.text.strip(), b.text.strip()) if t)
    lines = tuple(ln for ln in (*(a.lines or (a.text,)), *(b.lines or (b.text,))) if ln.strip())
    confidences = [c for c in (a.confidence, b.confidence) if c is not None]
    cell = RawCell(
        text,
        lines=lines,
        fill=a.fill or b.fill,
        bbox=None,
        confidence=min(confidences) if confidences else None,
    )
    return replace(row, cells=row.cells[:idx] + (cell,) + row.cells[idx + 2 :])


def _join_body(row: RawRow, joined: tuple[int, int]) -> RawRow | None:
    """A body row under a rejoined header with the same two cells joined; None for a row of
    another width (a row the reader read otherwise)."""
    idx, width = joined
    if len(row.cells) != width:
        return None
    return _join_cells(row, idx)
