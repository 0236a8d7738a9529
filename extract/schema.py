"""The extract -> normalise boundary as a pandera schema: one row per raw table row.

Validated lazily at ingest, so every failure is collected; each becomes a
``schema`` finding rather than stopping the load.

>>> from actionplans.extract import RawDocument, RawRow, RawCell, RawTable
>>> doc = RawDocument("x.txt", "0" * 64, "tsv", "t@0",
...                   [RawTable(0, [RawRow((RawCell("a"),), 0, 0, line_no=1)])])
>>> raw_schema_failures(doc)
[]
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors
from pandera.typing import Series

from .records import RawDocument

RAW_ROW_COLUMNS = ["table_index", "row_index", "page", "line_no", "cells", "text", "has_bbox"]


class RawRows(pa.DataFrameModel):
    """Raw rows as they leave extract: provenance on every row, at least one cell."""

    table_index: Series[int] = pa.Field(ge=0)
    row_index: Series[int] = pa.Field(ge=0)
    page: Series[pd.Int64Dtype] = pa.Field(ge=1, nullable=True)
    line_no: Series[pd.Int64Dtype] = pa.Field(ge=1, nullable=True)
    cells: Series[int] = pa.Field(ge=1)
    text: Series[str] = pa.Field(nullable=False)
    has_bbox: Series[bool]

    @pa.dataframe_check
    @classmethod  # pandera takes a classmethod as it is; mypy needs it spelt out
    def has_provenance(cls, df: pd.DataFrame) -> Series[bool]:
        """Every row says where it came from: a page (PDF) or a line (text dump)."""
        return df["page"].notna() | df["line_no"].notna()

    @pa.dataframe_check
    @classmethod  # pandera takes a classmethod as it is; mypy needs it spelt out
    def pdf_rows_have_bbox(cls, df: pd.DataFrame) -> Series[bool]:
        """A row read from a PDF page carries its bounding box (for thumbnails and evidence)."""
        return df["page"].isna() | df["has_bbox"]

    class Config:
        strict = True
        coerce = False


def raw_rows_frame(raw: RawDocument) -> pd.DataFrame:
    rows = [
        (
            row.table_index,
            row.row_index,
            row.page,
            row.line_no,
            len(row.cells),
            " | ".join(row.texts),
            row.bbox is not None,
        )
        for table in raw.tables
        for row in table.rows
    ]
    df = pd.DataFrame(rows, columns=RAW_ROW_COLUMNS)
    for col in ("table_index", "row_index", "cells"):
        df[col] = df[col].astype("int64")
    df["page"] = df["page"].astype("Int64")
    df["line_no"] = df["line_no"].astype("Int64")
    df["has_bbox"] = df["has_bbox"].astype(bool)
    df["text"] = df["text"].astype(object)
    return df


def raw_schema_failures(raw: RawDocument) -> list[str]:
    """Every failure of :class:`RawRows` on ``raw``, one line each (empty when valid)."""
    df = raw_rows_frame(raw)
    try:
        RawRows.validate(df, lazy=True)
    except SchemaErrors as exc:
        return [line for _, line in failure_lines(exc, df, lambda i: _where(df, i))]
    return []


def _where(df: pd.DataFrame, index) -> str:
    try:
        row = df.loc[index]
    except (KeyError, TypeError):
        return ""
    if pd.notna(row["page"]):
        return f"table {row['table_index']} row {row['row_index']} (page {row['page']})"
    if pd.notna(row["line_no"]):
        return f"table {row['table_index']} row {row['row_index']} (line {row['line_no']})"
    return f"table {row['table_index']} row {row['row_index']}"


def failure_lines(exc: SchemaErrors, df: pd.DataFrame, where) -> list[tuple[object, str]]:
    """Pandera's collected failure cases as (row index or None, one readable line), one per
    failing cell, or per row for whole-row checks."""
    out: list[tuple[object, str]] = []
    seen: set[tuple] = set()
    for case in exc.failure_cases.itertuples(index=False):
        index = case.index
        if index is not None and isinstance(index, float) and pd.isna(index):
            index = None
        whole_row = case.schema_context == "DataFrameSchema"
        key = (index, case.check) if whole_row else (index, case.column, case.check)
        if key in seen:
            continue
        seen.add(key)
        place = where(index) if index is not None else ""
        if whole_row:
            what = f"row fails {case.check}"
        else:
            value = "" if case.failure_case is None else f" (value {str(case.failure_case)[:80]!r})"
            what = f"{case.column} fails {case.check}{value}"
        out.append((index, f"{place + ': ' if place else ''}{what}"))
    return out
