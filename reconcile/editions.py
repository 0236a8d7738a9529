"""Which documents to link: each edition of a council's plans to the previous edition of all of
them.

Actions move between a council's plans (an action of the county-wide plan can
reappear in the council's own plan), so an edition is linked to, for every
plan key the council has, the latest earlier document holding that plan.

>>> import pandas as pd
>>> docs = pd.DataFrame({
...     "doc_id": ["c23", "k23", "both25"], "council": ["X"] * 3,
...     "edition": ["2023-12", "2023-12", "2025-04"],
...     "plans": [["council"], ["county"], ["council", "county"]], "format": ["tsv"] * 3})
>>> [(s.edition, s.from_docs, s.to_docs) for s in edition_steps(docs)]
[('2023-12', (), ('c23', 'k23')), ('2025-04', ('c23', 'k23'), ('both25',))]
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .settings import LinkSettings


@dataclass(frozen=True)
class EditionStep:
    """One edition of a council's plans (``to_docs``) and its predecessors (``from_docs``)."""

    council: str
    edition: str
    to_docs: tuple[str, ...]
    from_docs: tuple[str, ...]

    @property
    def has_predecessor(self) -> bool:
        return bool(self.from_docs)


def edition_steps(
    documents: pd.DataFrame, settings: LinkSettings | None = None, council: str | None = None
) -> list[EditionStep]:
    """Edition steps per council, oldest first.  ``documents`` needs doc_id, council, edition,
    plans, format."""
    settings = settings or LinkSettings()
    docs = documents[~documents["format"].isin(settings.exclude_formats)].copy()
    docs = docs[docs["edition"].notna() & docs["council"].notna()]
    if council is not None:
        docs = docs[docs["council"].str.lower() == council.lower()]
    steps: list[EditionStep] = []
    for name, group in sorted(docs.groupby("council"), key=lambda kv: kv[0]):
        group = group.sort_values(["edition", "doc_id"])
        for edition in sorted(group["edition"].unique()):
            now = group[group["edition"] == edition]
            earlier = group[group["edition"] < edition]
            from_docs: set[str] = set()
            plans = {p for ps in group["plans"] for p in (list(ps) if ps is not None else [])}
            for plan in sorted(plans):
                holding = earlier[
                    earlier["plans"].map(lambda ps, p=plan: ps is not None and p in list(ps))
                ]
                if len(holding):
                    latest = holding["edition"].max()
                    from_docs.update(holding[holding["edition"] == latest]["doc_id"])
            steps.append(
                EditionStep(name, edition, tuple(sorted(now["doc_id"])), tuple(sorted(from_docs)))
            )
    return steps
