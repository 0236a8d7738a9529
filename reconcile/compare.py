"""Comparison features for candidate pairs (splink's comparison vectors).

For each pair (old ``o``, new ``n``) from ``block.candidate_pairs``:

- ``desc_cos``: TF-IDF cosine of the descriptions (domain tokens, sublinear tf);
- ``phrase_cos``: TF-IDF cosine of skip-bigrams (term pairs at most two apart) of
  description + update text: "EV strategy" matches "EV charging strategy";
- ``head_cos``: TF-IDF cosine of the first ``HEAD`` terms of the descriptions, where
  an action says what it is ("Develop a strategy for ..." / "Deliver the ... Strategy");
- ``full_cos``: the same over description + update text (update terms weighted down);
- ``cont_old``/``cont_new``/``containment``: IDF-weighted share of one description's
  terms found in the other text (what merges and splits look like);
- ``fuzz``: rapidfuzz ``token_set_ratio`` of the descriptions with our normaliser;
- ``lead_overlap``, ``partner_overlap``: lead team and partner overlap (NaN if unknown);
- ``id_same_theme``, ``same_theme``; ``mention`` (a text names the other's ID);
- ``timescale`` (both ongoing: 1, else unknown), ``old_completed``.

IDF is computed over the actions being compared (both editions).
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from .settings import LinkSettings
from .tokens import normalise_text

FEATURES = [
    "desc_cos", "full_cos", "phrase_cos", "head_cos", "cont_old", "cont_new", "containment", "fuzz", "lead_overlap",
    "partner_overlap", "id_same_theme", "same_theme", "mention", "timescale", "old_completed",
]  # fmt: skip


HEAD = 5


class Vectors:
    """Sublinear TF-IDF vectors (as dicts) of descriptions and description+update texts."""

    def __init__(self, frames: list[pd.DataFrame], update_weight: float):
        docs = [set(d) | set(u) for f in frames for d, u in zip(f["desc_tokens"], f["update_tokens"], strict=True)]
        n_docs = len(docs)
        df = Counter(t for d in docs for t in d)
        self.idf = {t: math.log((n_docs + 1) / (c + 1)) + 1.0 for t, c in df.items()}
        self.update_weight = update_weight

    def desc(self, tokens: list[str]) -> dict[str, float]:
        return self._unit({t: (1 + math.log(c)) * self.idf.get(t, 1.0) for t, c in Counter(tokens).items()})

    def full(self, desc: list[str], update: list[str]) -> dict[str, float]:
        tf: dict[str, float] = {t: 1 + math.log(c) for t, c in Counter(desc).items()}
        for t, c in Counter(update).items():
            tf[t] = tf.get(t, 0.0) + self.update_weight * (1 + math.log(c))
        return self._unit({t: w * self.idf.get(t, 1.0) for t, w in tf.items()})

    @staticmethod
    def _unit(vec: dict[str, float]) -> dict[str, float]:
        norm = math.sqrt(sum(w * w for w in vec.values()))
        return {t: w / norm for t, w in vec.items()} if norm else {}


def skip_bigrams(tokens: list[str], window: int = 2) -> list[str]:
    """Ordered term pairs at most ``window`` apart.

    >>> skip_bigrams(["ev", "charg", "strategi"])
    ['ev charg', 'ev strategi', 'charg strategi']
    """
    out = []
    for i, t in enumerate(tokens):
        for u in tokens[i + 1 : i + 1 + window]:
            if u != t:
                out.append(f"{t} {u}")
    return out


def _phrase_vectors(frames: list[pd.DataFrame], update_weight: float) -> list[list[dict[str, float]]]:
    grams = [[(skip_bigrams(d), skip_bigrams(u)) for d, u in zip(f["desc_tokens"], f["update_tokens"], strict=True)]
             for f in frames]
    df = Counter(g for fr in grams for d, u in fr for g in set(d) | set(u))
    n_docs = sum(len(fr) for fr in grams)
    idf = {g: math.log((n_docs + 1) / (c + 1)) + 1.0 for g, c in df.items()}
    out = []
    for fr in grams:
        vecs = []
        for d, u in fr:
            tf: dict[str, float] = {g: 1.0 for g in set(d)}
            for g in set(u):
                tf[g] = tf.get(g, 0.0) + update_weight
            vecs.append(Vectors._unit({g: w * idf[g] for g, w in tf.items()}))
        out.append(vecs)
    return out


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _contained(tokens: set[str], other: set[str], idf: dict[str, float]) -> float:
    total = sum(idf.get(t, 1.0) for t in tokens)
    return sum(idf.get(t, 1.0) for t in tokens & other) / total if total else 0.0


def _partner_overlap(a: frozenset[frozenset[str]], b: frozenset[frozenset[str]]) -> float:
    if not a or not b:
        return math.nan
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    hits = sum(any(p <= q or q <= p for q in large) for p in small)
    return hits / len(small)


def _ongoing(*values) -> bool | None:
    text = " ".join(str(v) for v in values if v is not None and str(v).strip())
    if not text:
        return None
    return "ongoing" in text.lower()


def compare(old: pd.DataFrame, new: pd.DataFrame, pairs: pd.DataFrame, settings: LinkSettings | None = None) -> pd.DataFrame:
    """One row per candidate pair with the columns of ``pairs`` plus ``FEATURES``."""
    settings = settings or LinkSettings()
    out = pairs.copy()
    if not len(pairs):
        for f in FEATURES:
            out[f] = pd.Series(dtype="float64")
        return out
    vec = Vectors([old, new], settings.update_weight)
    idf = vec.idf
    o_desc = [vec.desc(t) for t in old["desc_tokens"]]
    n_desc = [vec.desc(t) for t in new["desc_tokens"]]
    o_full = [vec.full(d, u) for d, u in zip(old["desc_tokens"], old["update_tokens"], strict=True)]
    n_full = [vec.full(d, u) for d, u in zip(new["desc_tokens"], new["update_tokens"], strict=True)]
    o_head = [vec.desc(t[:HEAD]) for t in old["desc_tokens"]]
    n_head = [vec.desc(t[:HEAD]) for t in new["desc_tokens"]]
    o_phrase, n_phrase = _phrase_vectors([old, new], settings.update_weight)
    o_dset = [set(t) for t in old["desc_tokens"]]
    n_dset = [set(t) for t in new["desc_tokens"]]
    o_all = [set(d) | set(u) for d, u in zip(old["desc_tokens"], old["update_tokens"], strict=True)]
    n_all = [set(d) | set(u) for d, u in zip(new["desc_tokens"], new["update_tokens"], strict=True)]
    o_text = [normalise_text(t) for t in old["description"]]
    n_text = [normalise_text(t) for t in new["description"]]
    o_ongoing = [_ongoing(t) for t in old["timescale"]]
    n_ongoing = [_ongoing(s, e) for s, e in zip(new["start_period"], new["end_period"], strict=True)]
    o_done = [normalise_text(s).startswith(("complete", "competed")) for s in old["stage"]]

    rows = np.empty((len(pairs), len(FEATURES)), dtype="float64")
    o_ids, n_ids = old["action_id"].astype(str).tolist(), new["action_id"].astype(str).tolist()
    o_theme, n_theme = old["theme_key"].tolist(), new["theme_key"].tolist()
    o_lead, n_lead = old["lead_tokens"].tolist(), new["lead_tokens"].tolist()
    o_part, n_part = old["partner_keys"].tolist(), new["partner_keys"].tolist()
    o_fwd, n_back = old["cited_forward"].tolist(), new["cited_back"].tolist()
    for k, (i, j) in enumerate(zip(pairs["o"].to_numpy(), pairs["n"].to_numpy(), strict=True)):
        cont_old = _contained(o_dset[i], n_all[j], idf)
        cont_new = _contained(n_dset[j], o_all[i], idf)
        same_theme = o_theme[i] is not None and o_theme[i] == n_theme[j]
        if o_lead[i] and n_lead[j]:
            lead = len(o_lead[i] & n_lead[j]) / len(o_lead[i] | n_lead[j])
        else:
            lead = math.nan
        ongoing = 1.0 if (o_ongoing[i] and n_ongoing[j]) else math.nan
        rows[k] = (
            _dot(o_desc[i], n_desc[j]),
            _dot(o_full[i], n_full[j]),
            _dot(o_phrase[i], n_phrase[j]),
            _dot(o_head[i], n_head[j]),
            cont_old,
            cont_new,
            max(cont_old, cont_new),
            fuzz.token_set_ratio(o_text[i], n_text[j], processor=normalise_text) / 100.0,
            lead,
            _partner_overlap(o_part[i], n_part[j]),
            float(same_theme and o_ids[i] == n_ids[j]),
            float(same_theme) if o_theme[i] is not None and n_theme[j] is not None else math.nan,
            float(n_ids[j] in o_fwd[i] or o_ids[i] in n_back[j]),
            ongoing,
            float(o_done[i]),
        )
    feats = pd.DataFrame(rows, columns=FEATURES, index=out.index)
    return pd.concat([out, feats], axis=1)


def shared_terms(old_row: pd.Series, new_row: pd.Series, idf: dict[str, float] | None = None, limit: int = 4) -> list[str]:
    """The rarest terms two actions share, as written in the new action (for evidence)."""
    shared = (set(old_row["desc_tokens"]) | set(old_row["update_tokens"])) & (
        set(new_row["desc_tokens"]) | set(new_row["update_tokens"])
    )
    idf = idf or {}
    ranked = sorted(shared, key=lambda t: (-idf.get(t, 1.0), t))[:limit]
    surface = {**old_row["surface"], **new_row["surface"]}
    return [surface.get(t, t) for t in ranked]
