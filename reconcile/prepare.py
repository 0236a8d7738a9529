"""Actions read from the store, with the tokens every later step needs.

``prepare`` adds to an ``actions`` frame: ``key`` (the row key ``doc_id:action_id``,
``#2`` on a repeated ID; the store's ``action_key``),
``theme_key`` (the theme without its enumeration: "Theme 3: How we travel" and "Theme 2: How we
travel" are one theme), ``theme_tokens``, ``desc_tokens``, ``update_tokens``, ``lead_tokens``,
``partner_keys``, ``citations`` (references with a cue such as "formerly
T18" or "now LCC.13", see ``citations.py``) and ``new_said``/``new_stage`` (the
progress note, or the stage column, says the action is new).
"""

from __future__ import annotations

import re

import pandas as pd

from ..store.database import action_keys
from . import citations
from .tokens import Tokeniser, normalise_text, stem

ACTION_COLUMNS = [
    "doc_id", "council", "plan", "edition", "action_id", "theme", "section", "description",
    "role", "lead", "partners", "timescale", "start_period", "end_period", "stage", "rag",
    "update_text", "source_row",
]  # fmt: skip


# A heading's enumeration: "Theme 3:", "Group 1 -", "Section 2.", "6.3 ", "A)", "iv." at its start.
# Plans renumber their themes between editions; the number says nothing about the theme.
_ENUMERATION = re.compile(
    r"(?i)^\s*(?:(?:theme|group|section|chapter|part|priority|area|workstream|work stream|"
    r"objective|pillar|outcome)\s+(?:\d+(?:\.\d+)*|[ivx]+|[a-z])\b\s*[:.)\-–]?\s*|"
    r"\d+(?:\.\d+)+\s*[:.)\-–]?\s+|\d+\s*[:.)\-–]\s*|(?:[a-h]|[ivx]+)\s*[:.)\-–]\s+)"
)


def theme_key(theme: str | None) -> str | None:
    """The theme as a blocking/comparison key: normalised, its enumeration left out.

    >>> [theme_key(t) for t in ("Theme 3: How we travel", "Theme 2: How we travel",
    ...     "6.3 Other Operations", "2. Energy", "B) Waste", "Transport", "2030 Vision", None)]
    ['how we travel', 'how we travel', 'other operations', 'energy', 'waste', 'transport', \
'2030 vision', None]
    """
    if not isinstance(theme, str):
        return None
    return normalise_text(_ENUMERATION.sub("", theme, count=1)) or normalise_text(theme) or None


def council_stopwords(names: list[str | None]) -> set[str]:
    """The words of the councils' own names (they say nothing about an action)."""
    words: set[str] = set()
    for name in names:
        words.update(normalise_text(name).split())
    return words


def prepare(actions: pd.DataFrame, tokeniser: Tokeniser) -> pd.DataFrame:
    """Add keys and token columns; rows keep their order."""
    df = actions.reset_index(drop=True).copy()
    for col in ACTION_COLUMNS:
        if col not in df.columns:
            df[col] = None
    for col in (
        "theme",
        "description",
        "update_text",
        "lead",
        "timescale",
        "start_period",
        "end_period",
        "stage",
    ):
        df[col] = pd.Series(
            [v if isinstance(v, str) else None for v in df[col]], index=df.index, dtype=object
        )
    df["key"] = _row_keys(df)
    # a synthetic ID (made from the theme's initials where the plan prints none) says nothing across
    # editions
    df["id_printed"] = (
        df["action_id_raw"].notna().to_numpy()
        if "action_id_raw" in actions.columns
        else [True] * len(df)
    )
    df["theme_key"] = pd.Series([theme_key(t) for t in df["theme"]], index=df.index, dtype=object)
    # the theme's content words, numbers left out ("Theme 7: Natural Environment" ->
    # natur, environ): compared as ``theme_sim``
    df["theme_tokens"] = [
        [w for w in tokeniser.tokens(k) if not w.isdigit()] if k else [] for k in df["theme_key"]
    ]
    df["desc_tokens"] = [tokeniser.tokens(t) for t in df["description"]]
    df["update_tokens"] = [tokeniser.tokens(t) for t in df["update_text"]]
    df["lead_tokens"] = [frozenset(tokeniser.tokens(t)) for t in df["lead"]]
    df["partner_keys"] = [_partner_keys(p, tokeniser) for p in df["partners"]]
    df["citations"] = [
        tuple(citations.parse(d)) + tuple(citations.parse(u))
        for d, u in zip(df["description"], df["update_text"], strict=True)
    ]
    # the plan says the action is new: in its progress note ("New action.") or its stage ("New")
    df["new_said"] = [citations.declares_new(u) for u in df["update_text"]]
    df["new_stage"] = [citations.declares_new(s) for s in df["stage"]]
    return df


def _row_keys(df: pd.DataFrame) -> list[str]:
    """The store's ``action_key`` where there is one, else made by the store's own rule
    (``doc:ID#2`` ...)."""
    made = [""] * len(df)
    ids = df["action_id"].astype(str).tolist()
    for doc, positions in df.groupby(df["doc_id"].astype(str), sort=False).indices.items():
        for i, key in zip(positions, action_keys(doc, [ids[i] for i in positions]), strict=True):
            made[i] = key
    if "action_key" not in df.columns:
        return made
    return [
        k if isinstance(k, str) and k else m for k, m in zip(df["action_key"], made, strict=True)
    ]


def _partner_keys(partners, tokeniser: Tokeniser) -> frozenset[frozenset[str]]:
    if partners is None or isinstance(partners, (str, float)):
        return frozenset()
    out = set()
    for p in list(partners):
        toks = frozenset(tokeniser.tokens(p))
        if toks:
            out.add(toks)
    return frozenset(out)


def surface(description: str | None, update: str | None, tokeniser: Tokeniser) -> dict[str, str]:
    out: dict[str, str] = {}
    for word in tokeniser.words(" ".join(t for t in (description, update) if isinstance(t, str))):
        if word not in tokeniser.stopwords and len(word) > 1:
            out.setdefault(stem(word), word)
    return out
