"""Themes across editions: a renumbered heading is the same theme, and ``theme_sim`` compares
reworded headings word by word (issue 17: themes are renumbered and regrouped)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from actionplans.reconcile import LinkSettings, Tokeniser
from actionplans.reconcile.block import candidate_pairs
from actionplans.reconcile.compare import compare
from actionplans.reconcile.prepare import prepare, theme_key

TOK = Tokeniser.default()


def actions(doc: str, rows: list[tuple[str, str | None, str]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["action_id", "theme", "description"])
    df["doc_id"], df["council"], df["plan"] = doc, "Testshire County Council", "county"
    df["source_row"] = range(len(df))
    return df


def test_theme_key_leaves_out_the_enumeration():
    assert theme_key("Theme 3: How we travel") == theme_key("Theme 2: How we travel")
    assert theme_key("Group 5: Other operations") == "other operations"
    assert theme_key("6.3 Other Operations") == "other operations"
    assert theme_key("4. Waste") == theme_key("Waste") == "waste"
    # a number that is part of the heading stays
    assert theme_key("2030 Vision") == "2030 vision"
    assert theme_key("Net Zero 2030") == "net zero 2030"
    assert theme_key(None) is None


def test_renumbered_theme_is_the_same_theme_and_blocks_together():
    old = prepare(actions("a", [("3.1", "Theme 3: How we travel", "Car club fleets")]), TOK)
    new = prepare(
        actions(
            "b",
            [
                ("2.1", "Theme 2: How we travel", "Procure a public hire scheme"),
                ("5.1", "Theme 5: Waste", "Procure a public hire scheme"),
            ],
        ),
        TOK,
    )
    pairs = candidate_pairs(old, new, LinkSettings())
    # no shared term: the renumbered theme alone makes the candidate
    assert pairs[["o", "n", "rules"]].values.tolist() == [[0, 0, "theme"]]
    both = pd.DataFrame({"o": [0, 0], "n": [0, 1], "rules": "term"})
    feats = compare(old, new, both, LinkSettings())
    assert feats["same_theme"].tolist() == [1.0, 0.0]
    assert feats["theme_sim"].iloc[0] > 0.99 > 0.01 > feats["theme_sim"].iloc[1]


def test_theme_sim_weighs_shared_heading_words_and_is_unknown_without_a_theme():
    prefix = "Own operations Target 2030: "
    old = prepare(
        actions(
            "a",
            [
                ("1", prefix + "Reduce business travel", "x"),
                ("2", prefix + "Improve biodiversity on council land", "y"),
                ("3", None, "z"),
            ],
        ),
        TOK,
    )
    new = prepare(
        actions(
            "b",
            [
                ("1", prefix + "Travel less on council business", "x"),
                ("2", prefix + "Look after council land for nature", "y"),
            ],
        ),
        TOK,
    )
    pairs = pd.DataFrame({"o": [0, 0, 1, 1, 2], "n": [0, 1, 0, 1, 0], "rules": "theme"})
    sim = compare(old, new, pairs, LinkSettings())["theme_sim"].to_numpy()
    # the prefix every heading shares counts little beside the words that tell them apart
    assert sim[0] > sim[1] and sim[3] > sim[2]
    assert np.isnan(sim[4])


# -- who leads: the old lead named by the new action ----------------------------------------------


def test_lead_cited_finds_the_old_lead_among_partners_or_in_the_progress_note():
    rows = [("1", "T", "Build community capacity"), ("2", "T", "Research aviation emissions")]
    old = actions("a", rows)
    old["lead"] = ["Green Leaders partnership", "MMU"]
    new = actions("b", [("1", "T", "Ward climate plans"), ("2", "T", "Quantify flight emissions")])
    new["lead"] = ["Neighbourhoods", "Airports Group"]
    new["partners"] = [["Green Leaders", "Groundwork"], []]
    new["update_text"] = [None, "Research moved from MMU to a joint study in 2019."]
    for i in range(3, 30):  # other actions, so that words of every text are rare
        old.loc[len(old)] = [str(i), "T", f"Other work {i}", "a", "Testshire", "county", i, None]
    o_p, n_p = prepare(old, TOK), prepare(new, TOK)
    pairs = pd.DataFrame({"o": [0, 0, 1, 1, 5], "n": [0, 1, 0, 1, 0], "rules": "theme"})
    cited = compare(o_p, n_p, pairs, LinkSettings())["lead_cited"].to_numpy()
    # "Green Leaders" is a partner of the new action; "partnership" is not named: 2 words of 3
    assert cited[0] == pytest.approx(2 / 3)
    assert cited[3] == 1.0  # the progress note names MMU
    assert cited[1] == 0.0 and cited[2] == 0.0
    assert cited[4] == 0.0  # an old action with no lead: the new lead is not in its text


def test_lead_cited_ignores_words_most_actions_share():
    old = actions("a", [(str(i), "T", f"Council team task {i}") for i in range(10)])
    old["lead"] = "Council team"
    new = actions("b", [("1", "T", "Council team task")])
    o_p, n_p = prepare(old, TOK), prepare(new, TOK)
    pairs = pd.DataFrame({"o": [0], "n": [0], "rules": "theme"})
    assert np.isnan(compare(o_p, n_p, pairs, LinkSettings())["lead_cited"].iloc[0])
