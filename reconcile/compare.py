"""Comparison features for candidate pairs (splink's comparison vectors).

For each pair (old ``o``, new ``n``) from ``block.candidate_pairs``:

- ``desc_cos``: TF-IDF cosine of the descriptions (domain tokens, sublinear tf);
- ``phrase_cos``: TF-IDF cosine of skip-bigrams (term pairs at most two apart) of
  description + update text: "EV strategy" matches "EV charging strategy";
- ``head_cos``: TF-IDF cosine of the first ``HEAD`` terms of the descriptions, where
  an action says what it is ("Develop a strategy for ..." / "Deliver the ... Strategy");
- ``full_cos``: the same over description + update text (update terms weighted down);
- ``update_cos``: the later edition's progress note against the earlier description (or the
  earlier note against the later description), whichever is higher;
- ``lsa_cos``: cosine in a latent semantic space (LSA: truncated SVD of the TF-IDF matrix of
  description + update texts) fitted on the council's two editions themselves, so two texts that
  share few words but words that co-occur elsewhere in the plans ("wildflower areas" and
  "meadows" in one progress note) come out close (``latent_vectors``; no labels, no download);
- ``cont_old``/``cont_new``/``containment``: IDF-weighted share of one description's
  terms found in the other text (what merges and splits look like);
- ``fuzz``: rapidfuzz ``token_set_ratio`` of the descriptions with our normaliser;
- ``lead_overlap``, ``partner_overlap``: lead team and partner overlap (NaN if unknown);
- ``theme_sim``: TF-IDF cosine of the theme headings' words (IDF over the two editions' actions,
  so a heading every action shares counts little), NaN when either has none: themes are renumbered
  and reworded between editions ("Theme 3: How we travel" -> "Theme 2: How we travel", "Group 5:
  Other operations" -> "6.3 Other Operations Theme - Water management"), where ``same_theme``
  (the whole heading, enumeration left out) says no;
- ``lead_cited``: one action's lead named among the other's partners or in its texts ("Builds on
  the Green Leaders network" under an old action led by Green Leaders; ``_lead_cited``);
- ``id_same_theme``, ``same_theme``, ``same_plan``; ``mention`` (a text names the other's ID);
- ``timescale`` (both ongoing: 1, else unknown), ``old_completed``;
- ``new_said``/``new_stage``: the new action's progress note ("New action.") or stage ("New")
  says it is new.

IDF is computed over the actions being compared (both editions).
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from .citations import cited_pairs
from .citations import strength as citation_strength
from .prepare import surface as _surface
from .settings import LinkSettings
from .sparse import Rows, pair_dots
from .tokens import normalise_cached, normalise_text

FEATURES = [
    "desc_cos", "full_cos", "update_cos", "phrase_cos", "head_cos", "cont_old", "cont_new",
    "containment", "fuzz", "lead_overlap", "partner_overlap", "id_same_theme", "same_theme",
    "same_plan", "mention", "timescale", "old_completed", "new_said", "new_stage", "lsa_cos",
    "theme_sim", "lead_cited",
]  # fmt: skip


HEAD = 5

# LSA rank, fixed a priori (not tuned on the labelled pairs): 2 * sqrt(texts in the council's two
# editions), at most LSA_MAX_RANK and below the number of texts and terms (a plan pair of 70
# actions: 17 dimensions; Leicestershire's 264: 32).
LSA_MAX_RANK = 100
LSA_MAX_FIT = 2000  # texts an LSA space is fitted on (a council's two editions hold a few hundred)


def lsa_rank(n_docs: int, n_terms: int) -> int:
    """The number of latent dimensions kept for ``n_docs`` texts over ``n_terms`` terms.

    >>> lsa_rank(70, 400), lsa_rank(264, 1500), lsa_rank(3, 10), lsa_rank(100_000, 50_000)
    (17, 32, 2, 100)
    """
    return max(1, min(LSA_MAX_RANK, n_docs - 1, n_terms - 1, round(2 * math.sqrt(n_docs))))


def latent_vectors(
    vectors: list[dict[str, float]], rank: int | None = None, max_fit: int = LSA_MAX_FIT
) -> np.ndarray:
    """Unit LSA coordinates (one row per text) of TF-IDF ``vectors`` fitted on these texts alone.

    The rows are the texts' coordinates on the first ``rank`` (default ``lsa_rank``) right
    singular vectors of the TF-IDF matrix (``U_k * S_k``), scaled to length 1; a text with no
    terms is all 0. Terms that keep company ("meadow" beside "wildflower" in other texts) share
    dimensions, so two texts can be close without a word in common:

    >>> docs = [{"wildflower": 1.0, "verge": 1.0}, {"meadow": 1.0, "verge": 1.0},
    ...         {"wildflower": 1.0, "meadow": 1.0}, {"bus": 1.0, "fare": 1.0},
    ...         {"bus": 1.0, "route": 1.0}, {"fare": 1.0, "route": 1.0},
    ...         {"wildflower": 1.0}, {"meadow": 1.0}, {"bus": 1.0}]
    >>> z = latent_vectors([Vectors._unit(d) for d in docs], rank=2)
    >>> bool(z[6] @ z[7] > 0.9 > 0.1 > abs(z[6] @ z[8]))
    True

    More than ``max_fit`` texts (a collection linked without a ``council`` column): the space is
    fitted on an even sample of ``max_fit`` of them and every text projected into it.
    """
    step = max(1, math.ceil(len(vectors) / max_fit))
    sample = vectors[::step]
    terms = sorted({t for v in sample for t in v})
    if not sample or not terms:
        return np.zeros((len(vectors), 1))
    col = {t: j for j, t in enumerate(terms)}

    def dense(rows: list[dict[str, float]]) -> np.ndarray:
        matrix = np.zeros((len(rows), len(terms)))
        for i, v in enumerate(rows):
            for t, w in v.items():
                if t in col:
                    matrix[i, col[t]] = w
        return matrix

    k = rank or lsa_rank(len(sample), len(terms))
    # the SVD through the texts' Gram matrix (texts x texts: a few hundred a council, far fewer
    # than terms): X X^T = U S^2 U^T, and the term side of the first k dimensions is X^T U_k / S_k
    fit = dense(sample)
    eig, vec = np.linalg.eigh(fit @ fit.T)
    top = np.argsort(eig)[::-1][:k]
    sing = np.sqrt(np.clip(eig[top], 0.0, None))
    keep = sing > 1e-9
    basis = fit.T @ (vec[:, top[keep]] / sing[keep])
    z = np.vstack(
        [dense(vectors[i : i + max_fit]) @ basis for i in range(0, len(vectors), max_fit)]
    )
    norm = np.linalg.norm(z, axis=1, keepdims=True)
    return np.where(norm > 1e-12, z / np.maximum(norm, 1e-12), 0.0)


def _lsa_cos(
    old: pd.DataFrame,
    new: pd.DataFrame,
    o_full: list[dict[str, float]],
    n_full: list[dict[str, float]],
    o: np.ndarray,
    n: np.ndarray,
    chunk: int = 100_000,
) -> np.ndarray:
    """``lsa_cos`` of each pair: one latent space per council (candidate pairs never cross
    councils), fitted on that council's actions of both editions; 0 for a pair across councils."""

    def groups(frame: pd.DataFrame) -> np.ndarray:
        if "council" not in frame.columns:
            return np.zeros(len(frame), dtype=object)
        return frame["council"].fillna("").astype(str).to_numpy(dtype=object)

    o_group, n_group = groups(old), groups(new)
    fitted = []
    for g in sorted(set(o_group) & set(n_group)):
        oi, ni = np.flatnonzero(o_group == g), np.flatnonzero(n_group == g)
        fitted.append((oi, ni, latent_vectors([o_full[i] for i in oi] + [n_full[j] for j in ni])))
    width = max((z.shape[1] for _, _, z in fitted), default=1)
    z_old, z_new = np.zeros((len(old), width)), np.zeros((len(new), width))
    for oi, ni, z in fitted:
        z_old[oi, : z.shape[1]] = z[: len(oi)]
        z_new[ni, : z.shape[1]] = z[len(oi) :]
    out = np.zeros(len(o))
    for start in range(0, len(o), chunk):  # a national collection: pairs x width in pieces
        oc, nc = o[start : start + chunk], n[start : start + chunk]
        out[start : start + len(oc)] = np.einsum("ij,ij->i", z_old[oc], z_new[nc])
    return np.where(o_group[o] == n_group[n], out, 0.0)


class Vectors:
    """Sublinear TF-IDF vectors (as dicts) of descriptions and description+update texts."""

    def __init__(self, frames: list[pd.DataFrame], update_weight: float):
        docs = [
            set(d) | set(u)
            for f in frames
            for d, u in zip(f["desc_tokens"], f["update_tokens"], strict=True)
        ]
        n_docs = len(docs)
        df = Counter(t for d in docs for t in d)
        self.idf = {t: math.log((n_docs + 1) / (c + 1)) + 1.0 for t, c in df.items()}
        self.update_weight = update_weight

    def desc(self, tokens: list[str]) -> dict[str, float]:
        return self._unit(
            {t: (1 + math.log(c)) * self.idf.get(t, 1.0) for t, c in Counter(tokens).items()}
        )

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


def _phrase_vectors(
    frames: list[pd.DataFrame], update_weight: float
) -> list[list[dict[str, float]]]:
    grams = [
        [
            (skip_bigrams(d), skip_bigrams(u))
            for d, u in zip(f["desc_tokens"], f["update_tokens"], strict=True)
        ]
        for f in frames
    ]
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


def _ongoing(*values) -> bool | None:
    text = " ".join(str(v) for v in values if v is not None and str(v).strip())
    if not text:
        return None
    return "ongoing" in text.lower()


class _Vocab:
    """Term -> integer id."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def __call__(self, term: str) -> int:
        return self.ids.setdefault(term, len(self.ids))


def _rows(vectors: list[dict[str, float]], vocab: _Vocab) -> Rows:
    return Rows.from_dicts([{vocab(t): w for t, w in v.items()} for v in vectors])


def _fuzz(old_text: list[str], new_text: list[str], o: np.ndarray, n: np.ndarray) -> np.ndarray:
    """token_set_ratio / 100 of each pair, with our normaliser as processor."""
    # most pairs are candidates: the whole matrix is cheaper
    if len(old_text) * len(new_text) <= 2 * len(o):
        matrix = process.cdist(
            old_text,
            new_text,
            scorer=fuzz.token_set_ratio,
            processor=normalise_cached,
            dtype=np.uint8,
            workers=1,
        )
        return matrix[o, n].astype(np.float64) / 100.0
    queries = [old_text[i] for i in o]
    choices = [new_text[j] for j in n]
    return (
        process.cpdist(
            queries,
            choices,
            scorer=fuzz.token_set_ratio,
            processor=normalise_cached,
            dtype=np.uint8,
            workers=1,
        ).astype(np.float64)
        / 100.0
    )


def _lead_cited(
    old: pd.DataFrame, new: pd.DataFrame, o: np.ndarray, n: np.ndarray, generic_share: float
) -> np.ndarray:
    """How much of one action's lead the other action names among its partners or in its texts.

    Who leads moves between editions, and the later edition says so: the old lead becomes a
    partner, or the progress note names it ("Builds on the Green Leaders network", "Research moved
    from MMU to ..."). Per pair, the larger of: the share of the old lead's words found in the new
    action's partners, description and progress note, and the same the other way round. Words
    found in more than ``generic_share`` of all actions' texts ("council", "team") do not count.
    NaN when neither action names a lead with such words.
    """
    if "lead_tokens" not in old.columns or "lead_tokens" not in new.columns:
        return np.full(len(o), np.nan)

    def texts(frame: pd.DataFrame) -> list[set[str]]:
        return [
            set(d) | set(u) | {t for k in p for t in k}
            for d, u, p in zip(
                frame["desc_tokens"], frame["update_tokens"], frame["partner_keys"], strict=True
            )
        ]

    o_text, n_text = texts(old), texts(new)
    df = Counter(t for s in o_text + n_text + [set(x) for x in old["lead_tokens"]] for t in s)
    df.update(t for x in new["lead_tokens"] for t in x)
    limit = max(generic_share * (len(old) + len(new)), 2.0)

    def leads(frame: pd.DataFrame) -> list[dict[str, float]]:
        out = []
        for lead in frame["lead_tokens"]:
            words = [t for t in lead if df[t] <= limit]
            out.append({t: 1.0 / len(words) for t in words} if words else {})
        return out

    vocab = _Vocab()
    o_lead, n_lead = leads(old), leads(new)
    to_new = pair_dots(
        _rows(o_lead, vocab), _rows([dict.fromkeys(s, 1.0) for s in n_text], vocab), o, n
    )
    to_old = pair_dots(
        _rows([dict.fromkeys(s, 1.0) for s in o_text], vocab), _rows(n_lead, vocab), o, n
    )
    has_o = np.array([bool(x) for x in o_lead], dtype=bool)[o]
    has_n = np.array([bool(x) for x in n_lead], dtype=bool)[n]
    return np.where(has_o | has_n, np.maximum(to_new, to_old), np.nan)


def _theme_sim(old: pd.DataFrame, new: pd.DataFrame, o: np.ndarray, n: np.ndarray) -> np.ndarray:
    """TF-IDF cosine of the theme tokens of each pair (NaN when either action has no theme words).

    The IDF is over the actions of both editions: a prefix every heading shares ("SLDC's own
    operations and buildings Target 2030: ...") weighs little beside the words that tell the
    themes apart.
    """
    if "theme_tokens" not in old.columns or "theme_tokens" not in new.columns:
        return np.full(len(o), np.nan)
    sets = [set(t) for t in old["theme_tokens"]] + [set(t) for t in new["theme_tokens"]]
    df = Counter(t for s in sets for t in s)
    idf = {t: math.log((len(sets) + 1) / (c + 1)) + 1.0 for t, c in df.items()}
    vocab = _Vocab()
    vec_o = [Vectors._unit({t: idf[t] for t in set(ts)}) for ts in old["theme_tokens"]]
    vec_n = [Vectors._unit({t: idf[t] for t in set(ts)}) for ts in new["theme_tokens"]]
    sim = pair_dots(_rows(vec_o, vocab), _rows(vec_n, vocab), o, n)
    has_o = np.array([bool(v) for v in vec_o], dtype=bool)
    has_n = np.array([bool(v) for v in vec_n], dtype=bool)
    return np.where(has_o[o] & has_n[n], sim, np.nan)


def compare(
    old: pd.DataFrame, new: pd.DataFrame, pairs: pd.DataFrame, settings: LinkSettings | None = None
) -> pd.DataFrame:
    """One row per candidate pair with the columns of ``pairs`` plus ``FEATURES`` (vectorised)."""
    settings = settings or LinkSettings()
    out = pairs.copy()
    if not len(pairs):
        for f in FEATURES:
            out[f] = pd.Series(dtype="float64")
        return out
    o = pairs["o"].to_numpy(dtype=np.int64)
    n = pairs["n"].to_numpy(dtype=np.int64)
    vec = Vectors([old, new], settings.update_weight)
    idf = vec.idf
    terms, grams = _Vocab(), _Vocab()
    feats: dict[str, np.ndarray] = {}

    def dots(fo, fn, vocab=terms) -> np.ndarray:
        return pair_dots(_rows(fo, vocab), _rows(fn, vocab), o, n)

    feats["desc_cos"] = dots(
        [vec.desc(t) for t in old["desc_tokens"]], [vec.desc(t) for t in new["desc_tokens"]]
    )
    o_full = [vec.full(d, u) for d, u in zip(old["desc_tokens"], old["update_tokens"], strict=True)]
    n_full = [vec.full(d, u) for d, u in zip(new["desc_tokens"], new["update_tokens"], strict=True)]
    feats["full_cos"] = dots(o_full, n_full)
    feats["lsa_cos"] = _lsa_cos(old, new, o_full, n_full, o, n)
    # the later edition's progress note reporting on the earlier action ("The wildflower plan was
    # agreed ..."), and the earlier note announcing the later action
    o_desc = [vec.desc(t) for t in old["desc_tokens"]]
    n_upd = [vec.desc(t) for t in new["update_tokens"]]
    o_upd = [vec.desc(t) for t in old["update_tokens"]]
    n_desc = [vec.desc(t) for t in new["desc_tokens"]]
    feats["update_cos"] = np.maximum(dots(o_desc, n_upd), dots(o_upd, n_desc))
    o_phrase, n_phrase = _phrase_vectors([old, new], settings.update_weight)
    feats["phrase_cos"] = dots(o_phrase, n_phrase, grams)
    feats["head_cos"] = dots(
        [vec.desc(t[:HEAD]) for t in old["desc_tokens"]],
        [vec.desc(t[:HEAD]) for t in new["desc_tokens"]],
    )
    # containment: IDF mass of one description's terms found anywhere in the other action
    o_dset = [{t: idf.get(t, 1.0) for t in set(d)} for d in old["desc_tokens"]]
    n_dset = [{t: idf.get(t, 1.0) for t in set(d)} for d in new["desc_tokens"]]
    o_all = [
        {t: 1.0 for t in set(d) | set(u)}
        for d, u in zip(old["desc_tokens"], old["update_tokens"], strict=True)
    ]
    n_all = [
        {t: 1.0 for t in set(d) | set(u)}
        for d, u in zip(new["desc_tokens"], new["update_tokens"], strict=True)
    ]
    o_mass = np.array([sum(d.values()) for d in o_dset])
    n_mass = np.array([sum(d.values()) for d in n_dset])
    with np.errstate(invalid="ignore", divide="ignore"):
        feats["cont_old"] = np.nan_to_num(dots(o_dset, n_all) / o_mass[o])
        cont_new_rows = pair_dots(_rows(o_all, terms), _rows(n_dset, terms), o, n)
        feats["cont_new"] = np.nan_to_num(cont_new_rows / n_mass[n])
    feats["containment"] = np.maximum(feats["cont_old"], feats["cont_new"])
    feats["fuzz"] = _fuzz(
        old["description"].fillna("").tolist(), new["description"].fillna("").tolist(), o, n
    )
    # lead: Jaccard of lead tokens; partners: shared partners / the shorter list (NaN when unknown)
    o_lead = [{t: 1.0 for t in s} for s in old["lead_tokens"]]
    n_lead = [{t: 1.0 for t in s} for s in new["lead_tokens"]]
    o_len, n_len = np.array([len(s) for s in o_lead]), np.array([len(s) for s in n_lead])
    shared = dots(o_lead, n_lead)
    with np.errstate(invalid="ignore", divide="ignore"):
        feats["lead_overlap"] = np.where(
            (o_len[o] > 0) & (n_len[n] > 0), shared / (o_len[o] + n_len[n] - shared), np.nan
        )
        parts = _Vocab()
        o_p = [{" ".join(sorted(k)): 1.0 for k in s} for s in old["partner_keys"]]
        n_p = [{" ".join(sorted(k)): 1.0 for k in s} for s in new["partner_keys"]]
        po, pn = np.array([len(s) for s in o_p]), np.array([len(s) for s in n_p])
        feats["partner_overlap"] = np.where(
            (po[o] > 0) & (pn[n] > 0), dots(o_p, n_p, parts) / np.minimum(po[o], pn[n]), np.nan
        )
    feats["lead_cited"] = _lead_cited(old, new, o, n, settings.generic_share)
    o_theme = old["theme_key"].to_numpy(dtype=object)[o]
    n_theme = new["theme_key"].to_numpy(dtype=object)[n]
    known = pd.notna(o_theme) & pd.notna(n_theme)
    same_theme = known & (o_theme == n_theme)
    printed = old["id_printed"].to_numpy(dtype=bool)[o] & new["id_printed"].to_numpy(dtype=bool)[n]
    feats["id_same_theme"] = (
        same_theme
        & printed
        & (old["action_id"].astype(str).to_numpy()[o] == new["action_id"].astype(str).to_numpy()[n])
    ).astype(np.float64)
    feats["same_theme"] = np.where(known, same_theme.astype(np.float64), np.nan)
    feats["theme_sim"] = _theme_sim(old, new, o, n)
    # a document holding several plans (the county's and the council's own): actions seldom move
    # between them
    o_plan = old["plan"].to_numpy(dtype=object)[o]
    n_plan = new["plan"].to_numpy(dtype=object)[n]
    # one plan a side: says nothing (NaN)
    several = old["plan"].nunique() > 1 or new["plan"].nunique() > 1
    feats["same_plan"] = (
        (o_plan == n_plan).astype(np.float64) if several else np.full(len(o), np.nan)
    )
    cited: dict[tuple[int, int], float] = {}
    for r in cited_pairs(old, new):
        cited[(r.o, r.n)] = max(cited.get((r.o, r.n), 0.0), citation_strength(r))
    feats["mention"] = (
        np.array([cited.get((i, j), 0.0) for i, j in zip(o, n, strict=True)])
        if cited
        else np.zeros(len(o))
    )
    o_ongoing = np.array([bool(_ongoing(t)) for t in old["timescale"]])
    n_ongoing = np.array(
        [bool(_ongoing(s, e)) for s, e in zip(new["start_period"], new["end_period"], strict=True)]
    )
    feats["timescale"] = np.where(o_ongoing[o] & n_ongoing[n], 1.0, np.nan)
    o_done = np.array(
        [normalise_text(s).startswith(("complete", "competed")) for s in old["stage"]]
    )
    feats["old_completed"] = o_done[o].astype(np.float64)
    for col in ("new_said", "new_stage"):
        flags = new[col].to_numpy(dtype=bool) if col in new.columns else np.zeros(len(new), bool)
        feats[col] = flags[n].astype(np.float64)
    frame = pd.DataFrame({f: feats[f] for f in FEATURES}, index=out.index)
    return pd.concat([out, frame], axis=1)


def shared_terms(
    old_row, new_row, idf: dict[str, float] | None = None, limit: int = 4, tokeniser=None
) -> list[str]:
    """The rarest terms two actions share, as written in the new action (for evidence)."""
    shared = (set(old_row["desc_tokens"]) | set(old_row["update_tokens"])) & (
        set(new_row["desc_tokens"]) | set(new_row["update_tokens"])
    )
    idf = idf or {}
    ranked = sorted(shared, key=lambda t: (-idf.get(t, 1.0), t))[:limit]
    if tokeniser is None:
        return ranked

    words = {
        **_surface(old_row["description"], old_row["update_text"], tokeniser),
        **_surface(new_row["description"], new_row["update_text"], tokeniser),
    }
    return [words.get(t, t) for t in ranked]
