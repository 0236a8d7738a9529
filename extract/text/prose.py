"""Prose documents with no table: items matched by the profile's ``prose_item_pattern``.

The pattern's named groups become the columns (``section``, ``description``,
...), so the same normaliser reads them as any other table.
"""

from __future__ import annotations

import re

from ..records import RawCell, RawRow, RawTable


def read_prose(text: str, item_pattern: str | None) -> list[RawTable]:
    if not item_pattern:
        return []
    pattern = re.compile(item_pattern)
    names = list(pattern.groupindex)
    rows: list[RawRow] = [
        RawRow(
            cells=tuple(RawCell(text=n) for n in names), table_index=0, row_index=0, line_no=None
        )
    ]
    for line_no, line in enumerate(text.splitlines(), start=1):
        m = pattern.match(line.strip())
        if m:
            cells = tuple(RawCell(text=(m.group(n) or "").strip()) for n in names)
            rows.append(RawRow(cells=cells, table_index=0, row_index=len(rows), line_no=line_no))
    if len(rows) == 1:
        return []
    return [RawTable(index=0, rows=rows, context=())]
