"""Reconcile steps without a database: tokens, blocking, scoring, assignment (each relation
type)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from actionplans.reconcile import (
    LinkSettings,
    SettingsError,
    Tokeniser,
    components,
    link_actions,
    normalise_text,
)
from actionplans.reconcile.block import candidate_pairs
from actionplans.reconcile.prepare import prepare
from actionplans.reconcile.score import level_weights
from hypothesis import given
from hypothesis import strategies as st

TOK = Tokeniser.default()


def actions(doc: str, rows: list[tuple[str, str, str]], **extra) -> pd.DataFrame:
    """Actions of one document: (action_id, theme, description)."""
    df = pd.DataFrame(rows, columns=["action_id", "theme", "description"])
    df["doc_id"], df["council"], df["plan"] = doc, "Testshire County Council", "county"
    df["source_row"] = range(len(df))
    for k, v in extra.items():
        df[k] = v
    return df


def relations(result) -> dict[tuple[str, str], str]:
    return {(r.from_action_id, r.to_action_id): r.relation for r in result.links.itertuples()}


# -- tokens -------------------------------------------------------------------------------------


def test_acronym_and_spelled_out_form_share_a_token():
    assert "ev" in TOK.tokens("Deliver the Electric Vehicle Charging Strategy")
    assert "ev" in TOK.tokens("Adopt an EV strategy")
    assert TOK.tokens("Local Electric Vehicle Infrastructure (LEVI) funding")[:2] == [
        "levi",
        "levi",
    ]
    assert "ltp" in TOK.tokens("the new Local Transport Plan 4 (LTP4)")


def test_uk_spelling_and_stemming():
    assert TOK.tokens("organization programs") == TOK.tokens("organisations programmes")
    assert TOK.tokens("charging points") == TOK.tokens("charge point")


def test_lookalike_letters_folded_in_processor():
    assert normalise_text("Т18: EV-Strategy") == "t18 ev strategy"


@given(st.text(max_size=80))
def test_normaliser_is_idempotent(text):
    once = normalise_text(text)
    assert normalise_text(once) == once


# -- blocking -----------------------------------------------------------------------------------


def test_blocking_stays_far_from_quadratic():
    rng = np.random.default_rng(0)
    vocab = [f"w{i}" for i in range(3000)]

    def docs(name, n):
        rows = [(f"A{i}", f"theme{i % 40}", " ".join(rng.choice(vocab, 8))) for i in range(n)]
        return prepare(actions(name, rows), TOK)

    old, new = docs("old", 2000), docs("new", 2000)
    pairs = candidate_pairs(old, new, LinkSettings(max_theme_block_pairs=100))
    assert 0 < len(pairs) < 0.05 * len(old) * len(new)


def test_blocking_rules_are_recorded():
    old = prepare(
        actions(
            "old", [("T18", "Transport", "EV strategy"), ("B1", "Buildings", "Retrofit homes")]
        ),
        TOK,
    )
    new = prepare(
        actions(
            "new",
            [("T6", "Transport", "Electric vehicle strategy"), ("B1", "Nature", "Plant trees")],
        ),
        TOK,
    )
    pairs = candidate_pairs(old, new)
    got = {(old.action_id[o], new.action_id[n]): r for o, n, r in pairs.itertuples(index=False)}
    assert got[("T18", "T6")] == "theme,term"
    assert got[("B1", "B1")] == "id"


# -- scoring ------------------------------------------------------------------------------------


def test_levels_interpolate_and_ignore_missing():
    assert level_weights(np.array([0.25, np.nan]), [(0.0, -2.0), (0.5, 2.0)]).tolist() == [0.0, 0.0]


def test_settings_are_checked_and_round_trip():
    with pytest.raises(SettingsError, match="match_threshold"):
        LinkSettings(match_threshold=1.5)
    with pytest.raises(SettingsError, match="unknown comparison"):
        LinkSettings(levels={"colour": [(0, 0)]})
    s = LinkSettings(match_threshold=0.6)
    assert LinkSettings.from_json(s.to_json()) == s


# -- each relation type -------------------------------------------------------------------------

OLD = [
    (
        "T1",
        "Transport",
        "Develop a vision and strategy for decarbonised transport in the Local Transport Plan.",
    ),
    ("T2", "Transport", "Improve bus services through the Bus Service Improvement Plan."),
    ("T3", "Transport", "Trial a demand responsive transport service in rural communities."),
    (
        "T4",
        "Transport",
        "Deliver the walking and cycling strategy and build cycle lanes and footpaths to schools.",
    ),
    ("T5", "Transport", "Encourage fuel efficient driving through driver training for businesses."),
    ("T6", "Transport", "Deliver the car club pilot in villages and expand electric car sharing."),
]
NEW = [
    (
        "T1",
        "Transport",
        (
            "Develop the vision and strategy for decarbonised transport via the new Local Transport"
            " Plan."
        ),
    ),
    (
        "T2",
        "Transport",
        (
            "Improve passenger transport across bus services (Bus Service Improvement Plan) and"
            " demand responsive transport in rural communities."
        ),
    ),
    ("T3", "Transport", "Deliver the walking and cycling strategy."),
    ("T4", "Transport", "Build cycle lanes and footpaths to schools."),
    ("T5", "Transport", "Install solar canopies over council car parks."),
    (
        "T6",
        "Transport",
        "Support the car club pilot in villages; review where electric car sharing could expand.",
    ),
]


@pytest.fixture(scope="module")
def toy():
    return link_actions(actions("old", OLD), actions("new", NEW))


def test_same_survives_renumbering_and_rewording(toy):
    assert relations(toy)[("T1", "T1")] == "same"
    assert relations(toy)[("T6", "T6")] == "same"


def test_merged(toy):
    rel = relations(toy)
    assert rel[("T2", "T2")] == "merged" and rel[("T3", "T2")] == "merged"


def test_split(toy):
    rel = relations(toy)
    assert rel[("T4", "T3")] == "split" and rel[("T4", "T4")] == "split"


def test_new_and_dropped_stay_unlinked(toy):
    cont = {k for k, v in relations(toy).items() if v in ("same", "merged", "split")}
    assert not any(dst == "T5" for _, dst in cont)  # new: solar canopies
    assert not any(src == "T5" for src, _ in cont)  # dropped: fuel efficient driving


def test_related():
    old = actions(
        "old",
        [
            ("N1", "Nature", "Plant 700,000 trees by 2030 on council land and with landowners."),
            ("N2", "Nature", "Publish a tree planting guide for parish councils."),
        ],
    )
    new = actions(
        "new",
        [
            (
                "N1",
                "Nature",
                "Deliver the tree strategy: plant 700,000 trees by 2030 on council land.",
            ),
            ("T2", "Transport", "Run a rural bus service."),  # no candidate of old N2
        ],
    )
    rel = relations(link_actions(old, new, LinkSettings(related_threshold=0.0)))
    assert rel[("N1", "N1")] == "same"
    assert ("N2", "N1") in rel and rel[("N2", "N1")] == "related"


def test_evidence_and_method_say_why(toy):
    row = toy.links[(toy.links.from_action_id == "T1") & (toy.links.to_action_id == "T1")].iloc[0]
    assert row.method == "id+text"
    assert "shared terms:" in row.evidence and "same ID and theme" in row.evidence


def test_an_update_naming_the_new_id_links_reworded_actions():
    old = actions(
        "old",
        [("X7", "Waste", "Launch kerbside food caddies."), ("X8", "Waste", "Compost bins.")],
        update_text=["Carried forward as W2 in the next plan.", None],
    )
    new = actions(
        "new",
        [
            ("W2", "Waste", "Collect food waste weekly from every household."),
            ("W3", "Waste", "Sell subsidised compost bins."),
        ],
    )
    res = link_actions(old, new)
    row = res.links[(res.links.from_action_id == "X7")].iloc[0]
    assert (row.to_action_id, row.relation, row.method) == ("W2", "same", "cited+text")


def test_components():
    assert components([("a", "b"), ("c", "b")]) == {"a": "a", "b": "a", "c": "a"}
