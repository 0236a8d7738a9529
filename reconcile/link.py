"""One edition step, end to end in memory: block -> compare -> score -> assign.

``link_actions`` needs no database: give it the old and new actions as frames
(columns of the ``actions`` table) and it returns the scored candidates and
the links, with ``from_key``/``to_key`` (``doc_id:action_id``), ``method`` and
``evidence``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..store.links import LINK_COLUMNS
from .block import candidate_pairs
from .cluster import Terms, assign
from .compare import Vectors, compare, shared_terms
from .prepare import council_stopwords, prepare
from .schema import CandidatePairs, Links
from .score import score_pairs
from .settings import LinkSettings
from .tokens import Tokeniser


@dataclass
class StepResult:
    old: pd.DataFrame  # prepared old actions
    new: pd.DataFrame  # prepared new actions
    scored: pd.DataFrame  # every candidate pair with features and score
    links: pd.DataFrame  # the columns of the links table (LINK_COLUMNS)


def tokeniser_for(actions: pd.DataFrame, settings: LinkSettings) -> Tokeniser:
    tok = Tokeniser.from_files(settings.vocabulary)
    names = list(actions["council"].dropna().unique()) if "council" in actions.columns else []
    return tok.with_stopwords(council_stopwords(names))


def candidate_features(old: pd.DataFrame, new: pd.DataFrame, settings: LinkSettings | None = None):
    """prepare -> block -> compare: the prepared frames, the candidate pairs with their features,
    the tokeniser."""
    settings = settings or LinkSettings()
    tok = tokeniser_for(pd.concat([old, new], ignore_index=True), settings)
    old_p, new_p = prepare(old, tok), prepare(new, tok)
    pairs = CandidatePairs.validate(candidate_pairs(old_p, new_p, settings))
    return old_p, new_p, compare(old_p, new_p, pairs, settings), tok


def link_actions(
    old: pd.DataFrame, new: pd.DataFrame, settings: LinkSettings | None = None
) -> StepResult:
    """Link ``old`` actions (previous edition) to ``new`` ones."""
    settings = settings or LinkSettings()
    old_p, new_p, features, tok = candidate_features(old, new, settings)
    return link_scored(old_p, new_p, score_pairs(features, settings), tok, settings)


def link_scored(
    old_p: pd.DataFrame,
    new_p: pd.DataFrame,
    scored: pd.DataFrame,
    tok: Tokeniser,
    settings: LinkSettings,
    evidence: bool = True,
) -> StepResult:
    """assign -> links, from scored candidate pairs (the tail of ``link_actions``).

    ``evidence=False`` leaves the ``evidence`` column empty and the frame unchecked: for trying
    many settings on the same pairs (``labelled.choose_thresholds``), where only the links count.
    """
    scored["from_key"] = old_p["key"].to_numpy()[scored["o"].to_numpy()] if len(scored) else []
    scored["to_key"] = new_p["key"].to_numpy()[scored["n"].to_numpy()] if len(scored) else []
    idf = Vectors([old_p, new_p], settings.update_weight).idf
    terms = Terms(
        old=[
            set(d) | set(u)
            for d, u in zip(old_p["desc_tokens"], old_p["update_tokens"], strict=True)
        ],
        new=[set(d) for d in new_p["desc_tokens"]],
        idf=idf,
        min_idf=_generic_idf(len(old_p) + len(new_p), settings.generic_share),
    )
    assigned = assign(scored, settings, terms)
    cols = [
        "doc_id",
        "action_id",
        "key",
        "description",
        "update_text",
        "desc_tokens",
        "update_tokens",
    ]
    old_rec, new_rec = old_p[cols].to_dict("records"), new_p[cols].to_dict("records")
    rows = []
    for rec in assigned.itertuples(index=False):
        o, n = old_rec[rec.o], new_rec[rec.n]
        rows.append(
            (
                o["doc_id"],
                o["action_id"],
                n["doc_id"],
                n["action_id"],
                rec.relation,
                round(float(rec.score), 4),
                _method(rec),
                _evidence(rec, o, n, idf, tok) if evidence else "",
                o["key"],
                n["key"],
            )
        )
    frame = pd.DataFrame(rows, columns=LINK_COLUMNS)
    if not rows:
        links = pd.DataFrame(columns=LINK_COLUMNS)
    else:
        links = Links.validate(frame) if evidence else frame
    return StepResult(old_p, new_p, scored, links)


def _generic_idf(n_docs: int, share: float, min_df: int = 10) -> float:
    """The IDF of a term found in ``share`` of the actions, but in at least ``min_df`` of them."""

    return math.log((n_docs + 1) / (max(share * n_docs, min_df) + 1)) + 1.0


def _method(rec) -> str:
    if rec.mention:
        return "cited+text"
    if rec.id_same_theme:
        return "id+text"
    return "text"


def _evidence(rec, o: dict, n: dict, idf: dict[str, float], tok: Tokeniser) -> str:
    parts = []
    terms = shared_terms(o, n, idf, tokeniser=tok)
    if terms:
        parts.append("shared terms: " + ", ".join(terms))
    parts.append(f"text {rec.desc_cos:.2f}")
    if rec.mention:
        parts.append("a text names the other's ID")
    if rec.partner_overlap == rec.partner_overlap and rec.partner_overlap > 0:  # not NaN
        parts.append(f"partners overlap {rec.partner_overlap:.0%}")
    if rec.lead_overlap == rec.lead_overlap and rec.lead_overlap > 0:
        parts.append("same lead")
    if rec.id_same_theme:
        parts.append("same ID and theme")
    return "; ".join(parts)
