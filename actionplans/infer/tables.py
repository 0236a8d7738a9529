"""Finding the action tables: header rows and the rows under each.

A header row is one whose cells name canonical fields (by the base profile's
synonyms, fuzzily).  Rows belong to the last header above them, across
tables and pages, as the normaliser reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..extract import RawDocument, RawRow
from ..normalise import clean_text, map_header
from ..profile import Profile


@dataclass
class HeaderGroup:
    """One distinct header row and the data rows read under it."""

    texts: tuple[str, ...]
    rows: list[RawRow] = field(default_factory=list)
    tables: list[int] = field(default_factory=list)
    occurrences: int = 0

    @property
    def width(self) -> int:
        return len(self.texts)

    def data_rows(self) -> list[RawRow]:
        """Rows with text in at least two cells: actions and their continuations, not headings."""
        return [r for r in self.rows if sum(1 for t in r.texts if clean_text(t)) >= 2]


def header_signature(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(clean_text(t).lower() for t in texts)


def is_header(texts: tuple[str, ...], base: Profile) -> bool:
    return map_header(texts, base) is not None


def find_header_groups(raw: RawDocument, base: Profile) -> list[HeaderGroup]:
    """Every distinct header row in reading order, each with the rows under it."""
    groups: dict[tuple[str, ...], HeaderGroup] = {}
    current: HeaderGroup | None = None
    for table in raw.tables:
        for row in table.rows:
            texts = tuple(row.texts)
            if not any(t.strip() for t in texts):
                continue
            if is_header(texts, base):
                key = header_signature(texts)
                current = groups.setdefault(key, HeaderGroup(texts=texts))
                current.occurrences += 1
                if table.index not in current.tables:
                    current.tables.append(table.index)
                continue
            if current is not None:
                current.rows.append(row)
                if table.index not in current.tables:
                    current.tables.append(table.index)
    return list(groups.values())
