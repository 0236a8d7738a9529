"""The latent-semantic comparison (``lsa_cos``): two actions reworded so far that they share no
word still come out close when their words keep company in the plan's other texts."""

from __future__ import annotations

import numpy as np
import pandas as pd
from actionplans.reconcile.compare import FEATURES, latent_vectors, lsa_rank
from actionplans.reconcile.link import candidate_features
from actionplans.reconcile.model import (
    MODEL_FEATURES,
    MONOTONE,
    SIM_FEATURES,
    LinkModel,
    add_context,
)

THEME = "Nature and environment"
OLD = [
    ("N1", "Wildflower verges", "Verges left for wildflowers"),
    ("N2", "Manage road verges as wildflower meadows", "Wildflower meadows on verges"),
    ("N3", "Sow wildflower meadows on verges", "Meadows of wildflowers on verges"),
    ("N4", "Plant hedgerows on council farms", "Hedgerow planting on farms"),
    ("N5", "Restore hedgerows on tenant farms", "Farms restored hedgerows"),
    ("N6", "Install electric vehicle charge points at depots", "Charge points at depots"),
    ("N7", "Electric vans with charge points for the fleet", "Fleet vans and charge points"),
    ("N8", "Retrofit loft insulation in council homes", "Insulation fitted in homes"),
    ("N9", "Fund insulation grants for homes", "Grants for home insulation"),
    ("N10", "Plant street trees in towns", "Street trees planted in towns"),
    ("N11", "Plant trees along town streets", "Trees on streets"),
    ("N12", "Solar panels on school roofs", "Panels fitted on schools"),
    ("N13", "Build segregated cycle lanes", "Cycle lanes opened"),
    ("N14", "Improve rural bus services", "Bus services and timetables"),
    ("N15", "Collect food waste weekly", "Food waste collections"),
    ("N16", "Replace streetlights with LED lanterns", "LED streetlights fitted"),
    ("N17", "Heat pumps for leisure centres", "Heat pumps installed"),
    ("N18", "Carbon literacy training for staff", "Staff trained in carbon literacy"),
]
NEW = [
    ("A1", "Let it Bloom meadows", "Meadows sown"),
    ("A2", "Wildflower meadows on road verges", "Verges sown as wildflower meadows"),
    ("A3", "Hedgerow restoration on farms", "Farms and hedgerows"),
    ("A4", "Electric fleet vans and charge points", "Depots with charge points"),
    ("A5", "Insulation for council homes", "Home insulation grants"),
    ("A6", "Street trees in towns", "Trees planted on streets"),
    ("A7", "Solar panels for schools", "School roofs"),
    ("A8", "Cycle lanes between towns", "Segregated lanes"),
    ("A9", "Rural bus services", "Timetables"),
    ("A10", "Food waste collections", "Weekly waste rounds"),
    ("A11", "LED streetlights", "Lanterns replaced"),
    ("A12", "Heat pumps for council buildings", "Leisure centres"),
    ("A13", "Carbon literacy for staff", "Training"),
]


def frame(doc: str, rows) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["action_id", "description", "update_text"])
    df["doc_id"], df["council"], df["plan"], df["theme"] = doc, "Testshire Council", "main", THEME
    df["source_row"] = range(len(df))
    return df


def test_reworded_actions_with_no_shared_word_are_close_in_the_latent_space():
    old_p, new_p, features, _ = candidate_features(frame("old", OLD), frame("new", NEW))
    f = features.assign(
        old=old_p["action_id"].to_numpy()[features["o"]],
        new=new_p["action_id"].to_numpy()[features["n"]],
    ).set_index(["old", "new"])
    # "wildflower verges" -> "meadows ... Let it Bloom": not a word in common
    assert f.loc[("N1", "A1"), "full_cos"] == 0.0
    assert f.loc[("N1", "A1"), "desc_cos"] == 0.0
    # but wildflowers, verges and meadows keep company in N2, N3 and A2
    close = f.loc[("N1", "A1"), "lsa_cos"]
    for unrelated in ("N4", "N6", "N8"):  # hedgerows, charge points, insulation
        assert f.loc[(unrelated, "A1"), "full_cos"] == 0.0
        assert close > f.loc[(unrelated, "A1"), "lsa_cos"] + 0.3, (unrelated, close)


def test_latent_space_is_fitted_per_council():
    a = frame("old", OLD[:5])
    b = frame("old", OLD[5:]).assign(council="Otherford Council")
    new = pd.concat(
        [frame("new", NEW[:3]), frame("new", NEW[3:]).assign(council="Otherford Council")],
        ignore_index=True,
    )
    old_p, new_p, features, _ = candidate_features(pd.concat([a, b], ignore_index=True), new)
    councils_o = old_p["council"].to_numpy()[features["o"]]
    councils_n = new_p["council"].to_numpy()[features["n"]]
    assert (councils_o == councils_n).all()  # blocking never crosses councils
    assert features["lsa_cos"].between(-1.0 - 1e-9, 1.0 + 1e-9).all()


def test_latent_vectors_are_unit_rows_and_empty_texts_zero():
    z = latent_vectors([{"a": 1.0}, {}, {"a": 0.6, "b": 0.8}, {"b": 1.0}])
    assert np.allclose(np.linalg.norm(z[[0, 2, 3]], axis=1), 1.0)
    assert not z[1].any()
    assert latent_vectors([]).shape[0] == 0
    assert lsa_rank(70, 400) == 17  # 2 * sqrt(texts): fixed, not tuned on the labelled pairs


def test_lsa_cos_is_evidence_and_counts_in_the_candidates_context():
    assert "lsa_cos" in FEATURES and "lsa_cos" in MODEL_FEATURES and "lsa_cos" in MONOTONE
    assert "lsa_cos" in SIM_FEATURES
    shipped = LinkModel.load()
    assert dict(zip(shipped.features, shipped.coef, strict=True))["lsa_cos"] >= 0.0
    # two candidates of one new action, alike in words: the one close in meaning stands out
    words = {f: [0.05, 0.05] for f in SIM_FEATURES if f != "lsa_cos"}
    x = pd.DataFrame(
        {"o": [0, 1], "n": [0, 0], **words, "lsa_cos": [0.9, 0.1]}
        | {"lead_overlap": [np.nan] * 2, "partner_overlap": [np.nan] * 2}
    )
    ctx = add_context(x)
    assert ctx["gap_new"][0] > 0 > ctx["gap_new"][1]
    assert ctx["best_of_new"].tolist() == [1.0, 0.0]
