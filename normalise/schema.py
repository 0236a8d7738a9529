"""The normalise -> store boundary as a pandera schema: one row per clean action.

Validated lazily at ingest, so every failure is collected; each becomes a
``schema`` finding naming the action.

>>> from actionplans.normalise import Action
>>> action_schema_failures([Action("county", "T1", "T1", description="Deliver it.", source_row=3)])
[]
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors
from pandera.typing import Series

from ..extract.schema import failure_lines
from .records import Action, actions_frame

RAG = ["Green", "Amber", "Red"]


class CleanActions(pa.DataFrameModel):
    """Clean actions as they leave normalise."""

    plan: Series[str] = pa.Field(str_matches=r"^[a-z0-9_-]+$")
    action_id: Series[str] = pa.Field(str_matches=r"^[A-Za-z0-9.]+$")  # canonical ASCII ids only
    action_id_raw: Series[str] = pa.Field(nullable=True)
    theme: Series[str] = pa.Field(nullable=True)
    section: Series[str] = pa.Field(nullable=True)
    description: Series[str] = pa.Field(nullable=True, str_length={"min_value": 1})
    stage: Series[str] = pa.Field(nullable=True)
    rag: Series[str] = pa.Field(nullable=True, isin=RAG)
    start_period: Series[str] = pa.Field(nullable=True)
    end_period: Series[str] = pa.Field(nullable=True)
    page: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1)
    source_row: Series[pd.Int64Dtype] = pa.Field(ge=0)
    source_table: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)

    @pa.dataframe_check
    @classmethod  # pandera takes a classmethod as it is; mypy needs it spelt out
    def text_has_no_control_characters(cls, df: pd.DataFrame) -> Series[bool]:
        """Free text is clean: no NUL or other control characters left by extraction."""
        cols = ["description", "update_text"]
        return ~df[cols].fillna("").apply(
            lambda s: s.str.contains(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
        ).any(axis=1)

    class Config:
        strict = False  # plan-specific fields travel in other columns
        coerce = False


def action_schema_failures(actions: list[Action]) -> list[tuple[str | None, str]]:
    """Every failure of :class:`CleanActions`, as (action_id, message) pairs."""
    df = actions_frame(actions)
    try:
        CleanActions.validate(df, lazy=True)
    except SchemaErrors as exc:
        ids = df["action_id"].tolist() if "action_id" in df else []

        def action_of(index) -> str | None:
            try:
                value = ids[int(index)]
            except (TypeError, ValueError, IndexError):
                return None
            return value if isinstance(value, str) else None

        return [
            (action_of(index) if index is not None else None, line)
            for index, line in failure_lines(exc, df, lambda i: "")
        ]
    return []
