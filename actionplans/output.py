"""Rendering query results for people (table, markdown) and programs (csv, json, jsonl).

Every format round-trips: a list (``partners``, ``plans``) is a JSON array in a CSV
cell and an array in JSON; a JSON object stored as text (``attributes``) is an
object in JSON and JSON text in CSV; nothing is cut unless a person reads it in a
table (``max_width``; ``None`` keeps every character).
"""

from __future__ import annotations

import io
import json
from typing import Any

import numpy as np
import pandas as pd

FORMATS = ("table", "csv", "json", "jsonl", "markdown")


def _plain(value: Any) -> Any:
    """A value as JSON would hold it: arrays as lists, JSON text as its object, NaN/NaT as None."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        value = value.item()
    if (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and pd.isna(value))
    ):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, str) and value[:1] == "{" and value[-1:] == "}":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): _plain(v) for k, v in row.items()} for row in df.to_dict("records")]


def _csv_cell(value: Any) -> Any:
    value = _plain(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _cell(value: Any, width: int | None) -> str:
    value = _plain(value)
    if value is None:
        text = ""
    elif isinstance(value, list):
        text = "[" + ", ".join("" if v is None else str(v) for v in value) + "]"
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if width is None or len(text) <= width else text[: width - 1] + "…"


def render(df: pd.DataFrame, fmt: str = "table", max_width: int | None = 60) -> str:
    if fmt == "csv":
        buf = io.StringIO()
        df.map(_csv_cell).to_csv(buf, index=False) if len(df) else df.to_csv(buf, index=False)
        return buf.getvalue().rstrip("\n")
    if fmt == "json":
        return json.dumps(records(df), ensure_ascii=False, indent=2, default=str)
    if fmt == "jsonl":
        return "\n".join(json.dumps(r, ensure_ascii=False, default=str) for r in records(df))
    rows = [[_cell(v, max_width) for v in row] for row in df.itertuples(index=False)]
    headers = [str(c) for c in df.columns]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    if fmt == "markdown":
        lines = [
            "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |",
            "|" + "|".join("-" * (w + 2) for w in widths) + "|",
        ]
        lines += [
            "| "
            + " | ".join(c.replace("|", "\\|").ljust(w) for c, w in zip(r, widths, strict=True))
            + " |"
            for r in rows
        ]
        return "\n".join(lines)
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)
