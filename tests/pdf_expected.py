"""Write (``python tests/pdf_expected.py``) or compare the expected reading of each test PDF.

The expected output is the reader's raw tables (text, lines and fill of every
cell, page, context) as JSON in ``tests/expected/<pdf name>.json``; review a
diff before committing it.
"""

from __future__ import annotations

import json
from pathlib import Path

from actionplans.extract import read_pdf
from actionplans.normalise.header import HeaderTest

from actionplans.profile import load_profile

HERE = Path(__file__).resolve().parent
PDFS = HERE / "pdfs"
EXPECTED = HERE / "expected"
PROFILES = {
    "test-2023-ruled.pdf": "leics-county-2023",
    "test-2025-borderless-gantt.pdf": "leics-2025",
    "test-2024-lined.pdf": "leics-county-2023",
    "test-2024-tight.pdf": "leics-county-2023",
    "test-2024-split-grid.pdf": "leics-county-2023",
}


def _cell(c) -> list:
    """[text, fill], plus the lines when the cell has more than one."""
    out = [c.text, c.fill]
    if len(c.lines) > 1:
        out.append(list(c.lines))
    return out


def dumps(data: dict) -> str:
    """JSON with one table row per line, for readable diffs."""
    lines = [
        "{",
        f' "pages": {data["pages"]},',
        f' "notes": {json.dumps(data["notes"], ensure_ascii=False)},',
        ' "tables": [',
    ]
    for ti, t in enumerate(data["tables"]):
        lines.append(
            f'  {{"page": {t["page"]}, "context": {json.dumps(t["context"], ensure_ascii=False)},'
            ' "rows": ['
        )
        for ri, r in enumerate(t["rows"]):
            comma = "," if ri < len(t["rows"]) - 1 else ""
            lines.append(f"   {json.dumps(r, ensure_ascii=False)}{comma}")
        lines.append("  ]}" + ("," if ti < len(data["tables"]) - 1 else ""))
    lines += [" ]", "}"]
    return "\n".join(lines) + "\n"


def reading(name: str) -> dict:
    # ocr="never": the reading of the text layer itself (OCR of the image page is issue 7's)
    doc = read_pdf(PDFS / name, header_test=HeaderTest(load_profile(PROFILES[name])), ocr="never")
    return {
        "pages": doc.pages,
        "notes": [list(n) for n in doc.notes],
        "tables": [
            {
                "page": t.page,
                "context": list(t.context),
                "rows": [{"page": r.page, "cells": [_cell(c) for c in r.cells]} for r in t.rows],
            }
            for t in doc.tables
        ],
    }


if __name__ == "__main__":
    for name in PROFILES:
        out = EXPECTED / (Path(name).stem + ".json")
        out.write_text(dumps(reading(name)), encoding="utf-8")
        print(out)
