"""Which header cells of real documents does the header matcher not know?

Reads text extractions of council plans (one ``.txt`` or ``.md`` per document),
takes the lines that look like a table's header row (two or more cells, split at
runs of spaces, tabs or pipes, at least two of them naming a field), and counts
every cell: those that name a field (and which), and those that name nothing.
The second list is where a synonym is missing from ``actionplans/profiles/base.yaml``
(or a profile), or where a header wraps or reads in a way the matcher cannot follow.

    python tools/harvest_headers.py FOLDER [--profile base] [--most 60]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from actionplans.normalise.header import match_header_cell
from actionplans.profile import load_profile

_CELLS = re.compile(r"\s{2,}|\t|\s*\|\s*")


def header_cells(text: str, profile) -> list[tuple[str, str | None]]:
    """(cell, field or None) for every cell of every header-like line of one document."""
    out = []
    for line in text.splitlines():
        cells = [
            c.strip() for c in _CELLS.split(line) if c.strip() and not set(c.strip()) <= set("-:")
        ]
        if len(cells) < 2 or any(len(c) > 40 for c in cells):
            continue
        fields = [match_header_cell(c, profile) for c in cells]
        if sum(1 for f in fields if f) >= 2:
            out.extend(zip(cells, fields, strict=True))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--profile", default="base")
    parser.add_argument("--most", type=int, default=60)
    args = parser.parse_args(argv)
    profile = load_profile(args.profile)
    unknown: Counter[str] = Counter()
    known: Counter[tuple[str, str]] = Counter()
    where: dict[str, str] = {}
    files = sorted(p for p in args.folder.iterdir() if p.suffix in (".txt", ".md"))
    for path in files:
        for cell, field in header_cells(
            path.read_text(encoding="utf-8", errors="replace"), profile
        ):
            if field:
                known[(cell, field)] += 1
            else:
                unknown[cell] += 1
                where.setdefault(cell, path.name)
    print(f"{len(files)} documents; header cells naming no field (count, cell, first document):")
    for cell, n in unknown.most_common(args.most):
        print(f"{n:>5}  {cell!r:<45} {where[cell]}")
    print("\nheader cells matched (count, cell -> field):")
    for (cell, field), n in known.most_common(args.most):
        print(f"{n:>5}  {cell!r:<45} -> {field}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
