"""Blocking: the candidate pairs (old action, new action) worth comparing.

A pair is a candidate when any rule holds (splink's union of blocking rules):

- ``theme``: same theme, when the theme block is small (``max_theme_block_pairs``);
- ``term``: a shared term whose block (old df x new df) is small (``max_term_block_pairs``),
  so common words never make quadratic blocks;
- ``id``: the same action ID;
- ``cited``: one text names the other's ID with a cue ("formerly T18").

Every rule holds only inside a council (column ``council``): a national
collection is linked in one call without comparing councils with each other.

Inputs are frames from ``prepare``; the result has positional indices ``o``
(into old) and ``n`` (into new) and the ``rules`` that made the pair.

>>> import pandas as pd
>>> from .prepare import prepare
>>> from .tokens import Tokeniser
>>> tok = Tokeniser.default()
>>> old = prepare(pd.DataFrame({"doc_id": ["a"], "action_id": ["T18"], "theme": ["Transport"],
...     "description": ["EV strategy"]}), tok)
>>> new = prepare(pd.DataFrame({"doc_id": ["b", "b"], "action_id": ["T6", "B1"],
...     "theme": ["Transport", "Buildings"],
...     "description": ["Electric vehicle plan", "Retrofit"]}), tok)
>>> candidate_pairs(old, new)[["o", "n", "rules"]].values.tolist()
[[0, 0, 'theme,term']]
"""

from __future__ import annotations

import pandas as pd

from .citations import cited_pairs
from .settings import LinkSettings

PAIR_COLUMNS = ["o", "n", "rules"]


def candidate_pairs(
    old: pd.DataFrame, new: pd.DataFrame, settings: LinkSettings | None = None
) -> pd.DataFrame:
    """Candidate pairs from all blocking rules, one row per pair, sorted by (o, n)."""
    settings = settings or LinkSettings()
    if not len(old) or not len(new):
        return pd.DataFrame(
            {
                "o": pd.Series(dtype="int64"),
                "n": pd.Series(dtype="int64"),
                "rules": pd.Series(dtype="str"),
            }
        )
    old_in, new_in = old, new
    old, new = _grouped(old), _grouped(new)
    parts = [
        _theme_pairs(old, new, settings).assign(rule="theme"),
        _term_pairs(old, new, settings).assign(rule="term"),
        _id_pairs(old, new).assign(rule="id"),
        _cited_pairs(old_in, new_in).assign(rule="cited"),
    ]
    pairs = pd.concat(parts, ignore_index=True)
    if not len(pairs):
        return pd.DataFrame(
            {
                "o": pd.Series(dtype="int64"),
                "n": pd.Series(dtype="int64"),
                "rules": pd.Series(dtype="str"),
            }
        )
    flags = {"theme": 1, "term": 2, "id": 4, "cited": 8}
    pairs["flag"] = pairs["rule"].map(flags).astype("int64")
    pairs = pairs.drop_duplicates(["o", "n", "flag"])
    out = pairs.groupby(["o", "n"], sort=True)["flag"].sum().reset_index()
    names = {v: ",".join(k for k, bit in flags.items() if v & bit) for v in range(16)}
    out["rules"] = out["flag"].map(names).astype(str)
    return out[PAIR_COLUMNS].astype({"o": "int64", "n": "int64"})


def _grouped(df: pd.DataFrame) -> pd.DataFrame:
    """Blocking keys prefixed with the council, so that no rule crosses councils."""
    group = (
        (df["council"].fillna("").astype(str) + "\x1f").to_numpy(dtype=object)
        if "council" in df
        else ""
    )
    return pd.DataFrame(
        {
            "theme_key": [
                g + t if isinstance(t, str) else None
                for g, t in zip(_expand(group, len(df)), df["theme_key"], strict=True)
            ],
            "action_id": [
                g + str(a) for g, a in zip(_expand(group, len(df)), df["action_id"], strict=True)
            ],
            "group": _expand(group, len(df)),
            "desc_tokens": df["desc_tokens"].to_numpy(),
            "update_tokens": df["update_tokens"].to_numpy(),
        }
    )


def _expand(group, n: int) -> list:
    return list(group) if not isinstance(group, str) else [group] * n


def _positions(df: pd.DataFrame, column: str) -> pd.DataFrame:
    return pd.DataFrame({"pos": range(len(df)), column: df[column].to_numpy()})


def _theme_pairs(old: pd.DataFrame, new: pd.DataFrame, settings: LinkSettings) -> pd.DataFrame:
    o = _positions(old, "theme_key").dropna()
    n = _positions(new, "theme_key").dropna()
    sizes_o = o.groupby("theme_key").size()
    sizes_n = n.groupby("theme_key").size()
    small = [
        t
        for t in sizes_o.index.intersection(sizes_n.index)
        if sizes_o[t] * sizes_n[t] <= settings.max_theme_block_pairs
    ]
    o, n = o[o["theme_key"].isin(small)], n[n["theme_key"].isin(small)]
    pairs = o.merge(n, on="theme_key", suffixes=("_o", "_n"))
    return pd.DataFrame({"o": pairs["pos_o"], "n": pairs["pos_n"]})


def _terms(df: pd.DataFrame) -> pd.DataFrame:
    rows = [
        (i, g + t)
        for i, (g, d, u) in enumerate(
            zip(df["group"], df["desc_tokens"], df["update_tokens"], strict=True)
        )
        for t in set(d) | set(u)
    ]
    return pd.DataFrame(rows, columns=["pos", "term"])


def _term_pairs(old: pd.DataFrame, new: pd.DataFrame, settings: LinkSettings) -> pd.DataFrame:
    o, n = _terms(old), _terms(new)
    if not len(o) or not len(n):
        return pd.DataFrame({"o": [], "n": []}, dtype="int64")
    df_o = o.groupby("term").size().rename("df_o")
    df_n = n.groupby("term").size().rename("df_n")
    sizes = pd.concat([df_o, df_n], axis=1, join="inner")
    ok = sizes.index[(sizes["df_o"] * sizes["df_n"]) <= settings.max_term_block_pairs]
    pairs = o[o["term"].isin(ok)].merge(n[n["term"].isin(ok)], on="term", suffixes=("_o", "_n"))
    pairs = pairs[["pos_o", "pos_n"]].drop_duplicates()
    return pd.DataFrame({"o": pairs["pos_o"].to_numpy(), "n": pairs["pos_n"].to_numpy()})


def _id_pairs(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    pairs = _positions(old, "action_id").merge(
        _positions(new, "action_id"), on="action_id", suffixes=("_o", "_n")
    )
    return pd.DataFrame({"o": pairs["pos_o"], "n": pairs["pos_n"]})


def _cited_pairs(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    rows = [(r.o, r.n) for r in cited_pairs(old, new)]
    return pd.DataFrame(rows, columns=["o", "n"], dtype="int64")
