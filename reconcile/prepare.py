"""Actions read from the store, with the tokens every later step needs.

``prepare`` adds to an ``actions`` frame: ``key`` (``doc_id:action_id``, unique),
``theme_key``, ``desc_tokens``, ``update_tokens``, ``lead_tokens``,
``partner_keys`` and
``cited_back`` / ``cited_forward`` (IDs the text names with a cue such as
"formerly T18" or "now LCC.13").
"""

from __future__ import annotations

import re

import pandas as pd

from .tokens import Tokeniser, normalise_text, stem

ACTION_COLUMNS = [
    "doc_id", "council", "plan", "edition", "action_id", "theme", "section", "description",
    "role", "lead", "partners", "timescale", "start_period", "end_period", "stage", "rag",
    "update_text", "source_row",
]  # fmt: skip

_ID = r"([A-Z]{1,4}\.?[A-Z]?\d{1,3}(?:\.\d{1,2})?)"
# A new edition naming the old ID: "formerly T18", "previously B13", "replaces T8 and T9".
_BACK = re.compile(
    r"\b(?i:formerly|previously|was|replaces|replacing|supersedes|merges|merging|combines|combining|"
    r"renumbered from|moved from|carried forward from)\b[^.;]{0,40}?" + _ID
)
# An old edition naming the new ID: "now T6", "moved to LCC.13", "merged into T3".
_FORWARD = re.compile(
    r"\b(?i:now|became|becomes|moved to|merged into|renumbered as|renumbered to|replaced by|"
    r"carried forward as|continues as)\b[^.;]{0,40}?" + _ID
)
_ANY_ID = re.compile(r"\b" + _ID + r"\b")


def cited_ids(text: str | None, pattern: re.Pattern[str]) -> frozenset[str]:
    """IDs named after a cue word (and further IDs in the same clause, "T8 and T9").

    >>> sorted(cited_ids("Formerly T8 and T9 in the 2023 plan.", _BACK))
    ['T8', 'T9']
    """
    if not isinstance(text, str) or not text:
        return frozenset()
    out: set[str] = set()
    for match in pattern.finditer(text):
        start = match.start(1)
        clause = re.split(r"[.;]", text[start:], maxsplit=1)[0]
        out.update(m.group(1) for m in _ANY_ID.finditer(clause[:60]))
    return frozenset(out)


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
    for col in ("theme", "description", "update_text", "lead", "timescale", "start_period", "end_period", "stage"):
        df[col] = pd.Series([v if isinstance(v, str) else None for v in df[col]], index=df.index, dtype=object)
    key = df["doc_id"].astype(str) + ":" + df["action_id"].astype(str)
    dup = key.duplicated(keep="first")
    if dup.any():
        key = key.where(~dup, key + "#" + df["source_row"].astype(str))
    df["key"] = key
    df["theme_key"] = pd.Series([normalise_text(t) or None for t in df["theme"]], index=df.index, dtype=object)
    df["desc_tokens"] = [tokeniser.tokens(t) for t in df["description"]]
    df["update_tokens"] = [tokeniser.tokens(t) for t in df["update_text"]]
    df["lead_tokens"] = [frozenset(tokeniser.tokens(t)) for t in df["lead"]]
    df["partner_keys"] = [_partner_keys(p, tokeniser) for p in df["partners"]]
    df["cited_back"] = [
        cited_ids(" ".join(t for t in (d, u) if isinstance(t, str)), _BACK)
        for d, u in zip(df["description"], df["update_text"], strict=True)
    ]
    df["cited_forward"] = [cited_ids(u, _FORWARD) for u in df["update_text"]]
    return df


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
