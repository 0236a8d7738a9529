"""Markdown pipe tables, as PDF-to-markdown converters write them.

Blank lines split tables; the lines of text between two tables are kept as the
second table's ``context`` (theme headings live there).  Separator lines
(``|---|---|``) are skipped: whether a row is a header is decided later from
its words, because converters put ``|---|`` after whatever row came first.
"""

from __future__ import annotations

import re

from ..records import RawCell, RawRow, RawTable

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-*:?\s*)*\|?\s*$")


def split_pipe_row(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells = re.split(r"(?<!\\)\|", body)
    return [c.replace("\\|", "|").strip() for c in cells]


def read_markdown(text: str) -> list[RawTable]:
    tables: list[RawTable] = []
    context: list[str] = []
    current: list[RawRow] | None = None
    for line_no, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        is_row = stripped.startswith("|") and stripped.count("|") >= 2
        if is_row:
            if _SEPARATOR.match(stripped):
                continue
            if current is None:
                current = []
                tables.append(RawTable(index=len(tables), rows=current, context=tuple(context)))
                context = []
            cells = tuple(RawCell(text=t) for t in split_pipe_row(stripped))
            current.append(
                RawRow(
                    cells=cells,
                    table_index=len(tables) - 1,
                    row_index=len(current),
                    line_no=line_no,
                )
            )
        else:
            current = None
            if stripped:
                context.append(stripped)
    return tables
