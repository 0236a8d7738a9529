"""The first rows of a document as they would load with an inferred profile."""

from __future__ import annotations

import pandas as pd

from ..normalise import normalise_document
from .records import InferredProfile

PREVIEW_COLUMNS = (
    "plan",
    "action_id",
    "theme",
    "section",
    "description",
    "lead",
    "timescale",
    "target_date",
    "stage",
    "rag",
)


def preview_actions(inferred: InferredProfile, rows: int = 5) -> pd.DataFrame:
    """The first ``rows`` actions as they would load with this inferred profile."""
    doc = normalise_document(inferred.raw, inferred.profile, inferred.plans or ["main"])
    data = [{c: getattr(a, c) for c in PREVIEW_COLUMNS} for a in doc.actions[:rows]]
    df = pd.DataFrame(data, columns=list(PREVIEW_COLUMNS))
    return df.dropna(axis=1, how="all")
