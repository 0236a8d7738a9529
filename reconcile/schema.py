"""The record sets between reconcile steps, as pandera schemas.

``CandidatePairs`` leave ``block``; ``Links`` leave reconcile for the store.
``link_actions`` validates both, so a bad step fails where it happens.

>>> import pandas as pd
>>> ok = pd.DataFrame({"from_doc_id": ["a"], "from_action_id": ["T1"], "to_doc_id": ["b"],
...     "to_action_id": ["T1"], "relation": ["same"], "score": [0.9], "method": ["text"],
...     "evidence": ["x"], "from_key": ["a:T1"], "to_key": ["b:T1"]})
>>> len(Links.validate(ok))
1
"""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

RELATIONS = ["same", "merged", "split", "related"]


class CandidatePairs(pa.DataFrameModel):
    """Positions of an old and a new action, and the blocking rules that paired them."""

    o: Series[int] = pa.Field(ge=0)
    n: Series[int] = pa.Field(ge=0)
    rules: Series[str] = pa.Field(str_matches=r"^(theme|term|id|cited)(,(theme|term|id|cited))*$")

    @pa.dataframe_check
    @classmethod  # pandera takes a classmethod as it is; mypy needs it spelt out
    def one_row_per_pair(cls, df) -> bool:
        return not df.duplicated(["o", "n"]).any()

    class Config:
        strict = False


class Links(pa.DataFrameModel):
    """Rows of the ``links`` table."""

    from_doc_id: Series[str]
    from_action_id: Series[str]
    to_doc_id: Series[str]
    to_action_id: Series[str]
    relation: Series[str] = pa.Field(isin=RELATIONS)
    score: Series[float] = pa.Field(ge=0.0, le=1.0)
    method: Series[str]
    evidence: Series[str]
    from_key: Series[str]  # row keys: doc:ID, doc:ID#2 for a repeated ID
    to_key: Series[str]

    @pa.dataframe_check
    @classmethod  # pandera takes a classmethod as it is; mypy needs it spelt out
    def one_link_per_pair(cls, df) -> bool:
        return not df.duplicated(["from_key", "to_key"]).any()

    class Config:
        strict = True
        coerce = True
