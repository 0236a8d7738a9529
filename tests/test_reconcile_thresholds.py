"""The assignment settings chosen leave one council out: the mutual-best threshold is chosen with
the match threshold and the merge weight (``labelled.choose_thresholds``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from actionplans.reconcile import LinkSettings, Tokeniser
from actionplans.reconcile import labelled as labelled_mod
from actionplans.reconcile.evaluate import Labels
from actionplans.reconcile.labelled import LabelledPair, PreparedPair, choose_thresholds
from actionplans.reconcile.link import link_scored
from actionplans.reconcile.prepare import prepare

TOK = Tokeniser.default()


def _pair(council: str) -> PreparedPair:
    """Two old and two new actions; each old one continues as the new one of its position."""

    def frame(doc: str, texts: list[str]) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "doc_id": doc,
                "council": council,
                "plan": "main",
                "action_id": ["1", "2"],
                "theme": "T",
                "description": texts,
                "source_row": [0, 1],
            }
        )

    old = prepare(frame(f"{council}-old", ["bus lanes", "tree planting"]), TOK)
    new = prepare(frame(f"{council}-new", ["bus priority", "woodland"]), TOK)
    keys_o, keys_n = list(old["key"]), list(new["key"])
    labels = Labels(
        {(keys_o[0], keys_n[0]): "same", (keys_o[1], keys_n[1]): "same"},
        set(keys_o),
        set(keys_n),
        set(),
        set(),
    )
    features = pd.DataFrame(
        {
            "o": [0, 0, 1, 1],
            "n": [0, 1, 0, 1],
            # the second continuation is each other's best candidate at p 0.35 only
            "score": [0.95, 0.1, 0.1, 0.35],
            "mention": 0.0,
            "id_same_theme": 0.0,
            "desc_cos": 0.5,
            "partner_overlap": np.nan,
            "lead_overlap": np.nan,
        }
    )
    features["base_weight"] = np.log2(features["score"] / (1 - features["score"]))
    pair = LabelledPair(council, council, old, new, labels, "test")
    return PreparedPair(pair, old, new, features, TOK, features, np.zeros(len(features)))


@pytest.fixture
def scored_as_given(monkeypatch):
    # the "model" scores each pair with the probabilities written in its features
    monkeypatch.setattr(labelled_mod, "fit", lambda prepared, l2=1.0: None)
    monkeypatch.setattr(labelled_mod, "model_scores", lambda features, model: features.copy())


def test_the_mutual_threshold_is_chosen_on_the_other_councils(scored_as_given):
    pairs = [_pair("A"), _pair("B")]
    grid = [(0.8, 0.0, 0.5), (0.8, 0.0, 0.3)]
    # at 0.5 the reworded continuation (p 0.35, each other's best) stays unlinked; at 0.3 it links
    assert choose_thresholds(pairs, grid) == (0.8, 0.0, 0.3)
    assert choose_thresholds(pairs, grid[:1]) == (0.8, 0.0, 0.5)


def test_links_without_evidence_are_the_same_links(scored_as_given):
    p = _pair("A")
    settings = LinkSettings(match_threshold=0.8, mutual_threshold=0.3)
    full = link_scored(p.old, p.new, p.features.copy(), TOK, settings).links
    light = link_scored(p.old, p.new, p.features.copy(), TOK, settings, evidence=False).links
    cols = ["from_key", "to_key", "relation", "score"]
    assert light[cols].values.tolist() == full[cols].values.tolist()
    assert len(full) == 2 and (light["evidence"] == "").all() and (full["evidence"] != "").all()
