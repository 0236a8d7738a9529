"""Tab-separated text dumps: one row per line, cells split on tabs.

A table is a run of lines holding tabs; blank lines inside it are allowed
(converters emit them at page breaks); a line of plain text ends it and is
kept as context for the next table (plan headings live there).
"""

from __future__ import annotations

from ..records import RawCell, RawRow, RawTable


def read_tsv(text: str) -> list[RawTable]:
    tables: list[RawTable] = []
    context: list[str] = []
    current: list[RawRow] | None = None
    for line_no, line in enumerate(text.splitlines(), start=1):
        if "\t" in line:
            if current is None:
                current = []
                tables.append(RawTable(index=len(tables), rows=current, context=tuple(context)))
                context = []
            cells = tuple(RawCell(text=t.strip()) for t in line.split("\t"))
            current.append(
                RawRow(
                    cells=cells,
                    table_index=len(tables) - 1,
                    row_index=len(current),
                    line_no=line_no,
                )
            )
        elif line.strip():
            current = None
            context.append(line.strip().lstrip("#").strip())
    return tables
