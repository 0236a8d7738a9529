"""Rendering query results for people (table, markdown) and programs (csv, json)."""

from __future__ import annotations

import io
import json
from typing import Any

import pandas as pd

FORMATS = ("table", "csv", "json", "markdown")


def _cell(value: Any, width: int) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        text = ""
    elif isinstance(value, (list, tuple)):
        text = "[" + ", ".join(str(v) for v in value) + "]"
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render(df: pd.DataFrame, fmt: str = "table", max_width: int = 60) -> str:
    if fmt == "csv":
        buf = io.StringIO()
        df.to_csv(buf, index=False)
        return buf.getvalue().rstrip("\n")
    if fmt == "json":
        return json.dumps(json.loads(df.to_json(orient="records", force_ascii=False, date_format="iso")), ensure_ascii=False, indent=2)
    rows = [[_cell(v, max_width) for v in row] for row in df.itertuples(index=False)]
    headers = [str(c) for c in df.columns]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    if fmt == "markdown":
        lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |",
                 "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
        lines += ["| " + " | ".join(c.replace("|", "\\|").ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows]
        return "\n".join(lines)
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)
