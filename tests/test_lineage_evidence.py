"""Issue 17: cited evidence, the new/dropped decision, row keys, the learned model and
`links explain`."""

from __future__ import annotations

import csv
import shutil

import duckdb
import numpy as np
import pandas as pd
import pytest
from actionplans.reconcile import LinkSettings, link_actions, unlinked
from actionplans.reconcile.citations import declares_new, parse, resolve
from actionplans.reconcile.explain import explain
from actionplans.reconcile.model import MONOTONE, LinkModel
from click.testing import CliRunner

import actionplans
from actionplans.cli import cli


def actions(doc: str, rows, update_text=None) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["action_id", "theme", "description"])
    df["doc_id"], df["council"], df["plan"] = doc, "Testshire", "main"
    df["source_row"] = range(len(df))
    df["update_text"] = update_text if update_text is not None else None
    return df


def links_of(result) -> dict[tuple[str, str], str]:
    return {
        (r.from_key.split(":", 1)[1], r.to_key.split(":", 1)[1]): r.relation
        for r in result.links.itertuples(index=False)
    }


# -- parsing what a plan says about its own lineage ------------------------------------------------


@pytest.mark.parametrize(
    "text, ids",
    [
        ("This action replaces former actions 4 and 7.", ("4", "7")),
        (
            "Previously part of action 11 (offsetting emissions) and action 27 (CarbonFREE).",
            ("11", "27"),
        ),
        ("Feasibility done (was EB3).", ("EB3",)),
        ("Formerly action 21 in the 2019 plan.", ("21",)),
        (
            "Brings together former EB4 (assets at risk) and G2 (business continuity).",
            ("EB4", "G2"),
        ),
        ("Supersedes 2.1, 2.2 and 2.4", ("2.1", "2.2", "2.4")),
        ("Previously LCC.13 and LCC-14", ("LCC.13", "LCC14")),
    ],
)
def test_back_references_are_read_with_every_id_of_the_clause(text, ids):
    found = [c for c in parse(text) if c.direction == "back"]
    assert found and found[0].ids == ids and found[0].strength == "strong"


@pytest.mark.parametrize(
    "text",
    [
        # a cross-reference in the document's own numbering
        "See action 8 below for the depot chargers.",
        (
            "The 21 indicators were agreed in 2018 and are tracked with the figures from action G2"
            " above."
        ),
        "It is not a continuation of former action 30, which has closed.",  # negated
        "Replaces 12 sites' boilers by 2025 and was 36% complete in 2023.",  # quantities and years
        "This continues the 2021 commitment to plant trees.",
    ],
)
def test_text_that_names_no_predecessor_gives_no_strong_citation(text):
    assert not [c for c in parse(text) if c.strength == "strong" and c.direction == "back"]


def test_a_passing_mention_of_an_old_action_is_weak():
    (c,) = parse("The study of an in-borough plant (former action 17) concluded in 2020.")
    assert c.ids == ("17",) and c.strength == "weak"


def test_old_and_new_numbering_are_told_apart():
    old_ids, new_ids = ["3", "8", "EB4"], ["1", "2", "8"]
    new_cites = [
        parse("Replaces former action 8."),
        parse("See also action 8; replaces 3."),
        parse("was 4"),
    ]
    pairs = {(r.o, r.n) for r in resolve(old_ids, new_ids, [[]] * 3, new_cites)}
    assert (1, 0) in pairs  # "former action 8" is the old 8 although the new edition has an 8 too
    assert (1, 1) not in pairs  # "see also action 8": the new 8
    assert (2, 2) in pairs  # "was 4": the only old ID numbered 4 is EB4


def test_a_new_action_citing_two_old_ones_is_a_merge_whatever_the_wording():
    old = actions(
        "old",
        [
            ("4", "Fleet", "Trial electric pool cars."),
            ("7", "Fleet", "Buy e-bikes for staff."),
            ("9", "Nature", "Plant hedgerows."),
        ],
    )
    new = actions(
        "new",
        [
            ("CO1", "Travel", "Green business travel for council staff."),
            ("NB1", "Nature", "Plant 5km of hedgerows on council farms."),
        ],
        update_text=["This action replaces former actions 4 and 7.", None],
    )
    rel = links_of(link_actions(old, new))
    assert rel[("4", "CO1")] == rel[("7", "CO1")] == "merged"


def test_a_new_action_that_names_its_predecessor_takes_no_second_one_by_text():
    old = actions(
        "old",
        [
            ("4", "Waste", "Roll out separate weekly food waste collections to all houses."),
            ("5", "Waste", "Roll out separate weekly food waste collections to all flats."),
            ("9", "Nature", "Plant hedgerows."),
        ],
    )
    new_rows = [
        ("WR1", "Waste", "Roll out separate weekly food waste collections to houses and flats."),
        ("NB1", "Nature", "Plant 5km of hedgerows on council farms."),
    ]
    plain = links_of(link_actions(old, actions("new", new_rows)))
    assert plain[("4", "WR1")] == plain[("5", "WR1")] == "merged"  # by text: a merge
    cited = links_of(
        link_actions(old, actions("new", new_rows, update_text=["Formerly action 4.", None]))
    )
    assert cited[("4", "WR1")] == "same"
    assert cited.get(("5", "WR1")) not in ("same", "merged", "split")


# -- the decision: linked, new or dropped ----------------------------------------------------------

DECOY_OLD = [
    ("T1", "Transport", "Install electric vehicle chargers for the council fleet at the depot."),
    ("T2", "Transport", "Review bus subsidies for rural routes."),
    ("N1", "Nature", "Plant 700,000 trees by 2030 on council land."),
]
DECOY_NEW = [
    (
        "T1",
        "Transport",
        "Install electric vehicle chargers for the council fleet at the Hedge End depot.",
    ),
    (
        "T2",
        "Transport",
        "Install on-street electric vehicle chargers for residents without driveways.",
    ),
    ("N1", "Nature", "Plant 700,000 trees by 2030 on council land and with landowners."),
]


def test_a_new_action_resembling_an_old_one_stays_new_and_the_report_says_why():
    result = link_actions(actions("old", DECOY_OLD), actions("new", DECOY_NEW))
    rel = links_of(result)
    assert rel[("T1", "T1")] == "same" and rel[("N1", "N1")] == "same"
    assert not any(dst == "T2" and r in ("same", "merged", "split") for (_, dst), r in rel.items())
    report = unlinked(result).set_index("key")
    assert report.loc["new:T2", "status"] == "new" and report.loc["old:T2", "status"] == "dropped"
    assert report.loc["new:T2", "best_candidate"] == "old:T1"
    why = report.loc["new:T2", "why_rejected"]
    assert "already continues as new:T1" in why or "< match threshold" in why, why


@pytest.mark.parametrize(
    "text, said",
    [
        ("New action. A grid capacity study found ...", True),
        ("New action, funded through the Capability Fund.", True),
        ("New for 2024: pilot on 20 estates.", True),
        ("Progress slow. (New)", True),
        ("This is a new action.", True),
        ("New action plan agreed in May 2021.", False),
        ("The new action on flats follows the pilot.", False),
        ("New charge points opened at Leigh Road.", False),
        ("Renewed in 2023.", False),
    ],
)
def test_a_note_saying_the_action_is_new_is_read(text, said):
    assert declares_new(text) is said


def test_an_action_the_plan_calls_new_stays_new_unless_it_cites_a_predecessor():
    """A decoy worded like an old action: its note says "New action." and no link is made, whatever
    its text scores; a note that also cites an old action still links by the citation; a `New` stage
    alone is only evidence for the model."""
    old = actions(
        "old",
        [
            ("1", "Waste", "Collect food waste from houses every week across the borough."),
            ("2", "Nature", "Plant wildflower verges across the borough."),
            ("3", "Energy", "Install solar panels on the civic offices."),
        ],
    )
    new_rows = [
        ("WR1", "Waste", "Collect food waste from flats every week across the borough."),
        ("NB1", "Nature", "Plant wildflower verges and meadows across the borough."),
        ("EN1", "Energy", "Install solar panels on the civic offices and the depot."),
    ]
    plain = link_actions(old, actions("new", new_rows))
    assert links_of(plain)[("1", "WR1")] == "same"  # the text alone would link the decoy
    notes = ["New action. 8,400 flats have no collection.", "New action (was 2).", None]
    result = link_actions(old, actions("new", new_rows, update_text=notes))
    rel = links_of(result)
    assert not any(dst == "WR1" and r in ("same", "merged", "split") for (_, dst), r in rel.items())
    assert rel[("2", "NB1")] == "same" and rel[("3", "EN1")] == "same"
    report = unlinked(result).set_index("key")
    assert report.loc["new:WR1", "status"] == "new"
    assert report.loc["new:WR1", "why_rejected"] == "the new action's progress note says it is new"
    # the setting turns it off
    off = link_actions(
        old, actions("new", new_rows, update_text=notes), LinkSettings(declared_new=False)
    )
    assert links_of(off)[("1", "WR1")] == "same"
    # a stage column saying "New" is a model feature, not a veto
    staged = actions("new", new_rows).assign(stage=["New", None, None])
    prepared = link_actions(old, staged)
    assert prepared.scored.loc[prepared.scored["n"] == 0, "new_stage"].eq(1).all()
    assert prepared.scored.loc[prepared.scored["n"] == 0, "new_said"].eq(0).all()


def test_a_lone_candidate_is_not_linked_for_being_alone():
    """Two unrelated actions that only share an ID are each other's only candidate: that is no
    evidence."""
    old = actions("old", [("1", "Nature", "Plant trees on verges.")])
    new = actions("new", [("1", "Transport", "Run a rural bus service.")])
    result = link_actions(old, new)
    assert not len(result.links[result.links["relation"].isin(["same", "merged", "split"])])
    assert set(unlinked(result)["status"]) == {"new", "dropped"}


def test_explain_lists_candidates_with_contributions_and_the_decision():
    result = link_actions(actions("old", DECOY_OLD), actions("new", DECOY_NEW))
    e = explain(result, "new:T1")
    assert e.decision == "same as old:T1"
    best = e.candidates[0]
    assert best.key == "old:T1" and best.relation == "same" and best.contributions
    # the waterfall adds up
    assert np.isclose(
        e.intercept + sum(best.contributions.values()),
        float(np.log(best.score / (1 - best.score))),
        atol=0.05,
    )
    with pytest.raises(LookupError):
        explain(result, "new:NOPE")


# -- row keys --------------------------------------------------------------------------------------


def test_an_id_printed_twice_gives_two_actions_that_link_separately():
    old = actions(
        "old",
        [
            ("R3", "Waste", "Introduce weekly food waste collections by March 2026."),
            ("R3", "Waste", "Support residents to waste less food through Love Food Hate Waste."),
        ],
    )
    new = actions(
        "new",
        [
            (
                "W1",
                "Waste",
                "Roll out weekly food waste collections to every household by March 2026.",
            ),
            ("W2", "Waste", "Run Love Food Hate Waste campaigns so residents waste less food."),
        ],
    )
    rel = links_of(link_actions(old, new))
    assert rel[("R3", "W1")] == "same" and rel[("R3#2", "W2")] == "same"


@pytest.fixture(scope="module")
def linked_copy(loaded_db_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("lineage") / "db.duckdb"
    shutil.copy(loaded_db_path, path)
    actionplans.reconcile(path)
    return path


def test_the_store_keys_rows_and_the_views_follow_them(linked_copy):
    con = duckdb.connect(str(linked_copy), read_only=True)
    try:
        keys = con.sql(
            "SELECT action_key FROM actions WHERE doc_id = 'leics-county-2023-12' AND action_id ="
            " 'R3' ORDER BY source_row"
        ).fetchall()
        assert keys == [("leics-county-2023-12:R3",), ("leics-county-2023-12:R3#2",)]
        assert con.sql(
            "SELECT count(*) FROM links WHERE from_key IS NULL OR to_key IS NULL"
        ).fetchall() == [(0,)]
        rows = con.sql(
            "SELECT count(*) FROM action_lineage WHERE action_key = 'leics-county-2023-12:R3#2'"
        ).fetchall()
        assert rows[0][0] >= 1
    finally:
        con.close()


def test_a_database_from_before_row_keys_gets_them_on_open(linked_copy, tmp_path):
    old = tmp_path / "old.duckdb"
    shutil.copy(linked_copy, old)
    con = duckdb.connect(str(old))
    con.execute("UPDATE actions SET action_key = NULL")
    con.execute("UPDATE links SET from_key = NULL, to_key = NULL")
    con.close()
    from actionplans.store import Database

    Database(old).close()  # a writer opens it: the schema fills the keys in
    con = duckdb.connect(str(old), read_only=True)
    try:
        assert con.sql(
            "SELECT action_key FROM actions WHERE doc_id = 'leics-county-2023-12' AND action_id ="
            " 'R3' ORDER BY source_row"
        ).fetchall() == [("leics-county-2023-12:R3",), ("leics-county-2023-12:R3#2",)]
        assert con.sql("SELECT count(*) FROM links WHERE from_key IS NULL").fetchall() == [(0,)]
    finally:
        con.close()


# -- CLI -------------------------------------------------------------------------------------------


def test_links_explain_on_the_real_pair(linked_copy):
    out = CliRunner().invoke(
        cli, ["links", "explain", "leics-2025-appendix-b:T6", "--db", str(linked_copy)]
    )
    assert out.exit_code == 0, out.output
    assert "decision: same as leics-county-2023-12:T18" in out.output
    assert "leics-county-2023-12:T20" in out.output  # the runner-up, with why it lost
    assert "gap_new" in out.output and "stored links" in out.output
    bad = CliRunner().invoke(
        cli, ["links", "explain", "leics-2025-appendix-b:ZZ9", "--db", str(linked_copy)]
    )
    assert bad.exit_code == 1 and "no action" in bad.output


def test_reconcile_report_lists_new_and_dropped_with_the_best_rejected_candidate(
    linked_copy, tmp_path
):
    report = tmp_path / "unlinked.csv"
    out = CliRunner().invoke(cli, ["reconcile", "--db", str(linked_copy), "--report", str(report)])
    assert out.exit_code == 0, out.output
    with report.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["status"] for r in rows} == {"new", "dropped"}
    new = {r["key"]: r for r in rows if r["status"] == "new"}
    assert (
        "leics-2025-appendix-b:LCC.1" in new and new["leics-2025-appendix-b:LCC.1"]["why_rejected"]
    )
    assert "leics-county-2023-12:T18" not in {r["key"] for r in rows}


# -- the model -------------------------------------------------------------------------------------


def test_the_shipped_model_weighs_evidence_only_one_way_and_round_trips():
    model = LinkModel.load()
    weights = dict(zip(model.features, model.coef, strict=True))
    assert all(weights[f] >= 0 for f in MONOTONE if f in weights)
    assert weights["gap_new"] > 0 and len(model.trained_on) >= 4
    assert LinkModel.from_json(model.to_json()) == model


def test_whether_a_plan_prints_leads_moves_no_pair():
    """A plan that prints leads on every action is no likelier to continue: the model reads lead
    overlap, not the flag saying leads were printed (a constant per plan, learned as which labelled
    plans had them)."""
    model = LinkModel.load()
    assert not {"has_lead", "has_partners"} & set(model.features)
    old = actions("old", [("1", "Energy", "Install solar panels on the civic offices.")])
    new = actions("new", [("A", "Energy", "Publish an energy advice guide for parish councils.")])
    bare = link_actions(old, new).scored
    with_leads = link_actions(
        old.assign(lead="Property Services"), new.assign(lead="Environment Team")
    ).scored
    assert with_leads["score"].iloc[0] <= bare["score"].iloc[0]


def test_the_levels_scorer_is_still_there():
    result = link_actions(
        actions("old", DECOY_OLD), actions("new", DECOY_NEW), LinkSettings(scorer="levels")
    )
    assert links_of(result)[("N1", "N1")] == "same"
    assert any(c.startswith("w_") for c in result.scored.columns)
