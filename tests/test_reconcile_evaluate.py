"""The labelled edition pairs (data/raw/lineage/) and the evaluation against them."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from actionplans.reconcile import LabelError, Labels, evaluate, link_actions
from actionplans.reconcile.evaluate import LABEL_RELATIONS, error_report
from actionplans.reconcile.labelled import read_pairs

from actionplans.store import Database

ROOT = Path(__file__).resolve().parent.parent
LINEAGE = ROOT / "data" / "raw" / "lineage"
LABELS = LINEAGE / "leicestershire-2023-2025" / "crosswalk.csv"
LEICS_OLD = ("leics-council-2023-12", "leics-county-2023-12")


@pytest.fixture(scope="module")
def labels() -> Labels:
    return Labels.read(LABELS)


@pytest.fixture(scope="module")
def stored(loaded_db_path) -> pd.DataFrame:
    db = Database(loaded_db_path, read_only=True)
    try:
        return db.sql("SELECT * FROM actions ORDER BY doc_id, source_row").df()
    finally:
        db.close()


@pytest.fixture(scope="module")
def result(stored):
    old = stored[stored["doc_id"].isin(LEICS_OLD)]
    new = stored[stored["doc_id"] == "leics-2025-appendix-b"]
    return link_actions(old, new)


def _crosswalk_keys(path: Path) -> tuple[set[str], set[str], set[str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return (
        {r["from"] for r in rows if r["from"]},
        {r["to"] for r in rows if r["to"]},
        {r["relation"] for r in rows},
    )


def test_leicestershire_crosswalk_covers_every_action(stored):
    froms, tos, relations = _crosswalk_keys(LABELS)
    old = set(stored.loc[stored["doc_id"].isin(LEICS_OLD), "action_key"])
    new = set(stored.loc[stored["doc_id"] == "leics-2025-appendix-b", "action_key"])
    assert len(old) == 212 and old <= froms, sorted(old - froms)[:5]
    assert len(new) == 52 and new <= tos, sorted(new - tos)[:5]
    assert "leics-county-2023-12:R3#2" in froms  # the second row printing R3 has its own key
    assert relations <= LABEL_RELATIONS


def test_every_labelled_pair_is_complete_and_consistent(stored):
    pairs = read_pairs(LINEAGE, stored)
    assert len(pairs) >= 4 and len({p.council for p in pairs}) >= 3
    for pair in pairs:
        froms, tos, relations = _crosswalk_keys(LINEAGE / pair.name / "crosswalk.csv")
        prefix_old = {k if ":" in k else f"{pair.old_docs[0]}:{k}" for k in froms}
        prefix_new = {k if ":" in k else f"{pair.new['doc_id'].iloc[0]}:{k}" for k in tos}
        # every old row has a fate, no unknown key
        assert set(pair.old["action_key"]) == prefix_old, pair.name
        assert set(pair.new["action_key"]) == prefix_new, pair.name
        assert relations <= LABEL_RELATIONS, pair.name
        for target, sources in pair.labels.groups("merged").items():
            assert len(sources) >= 2, f"{pair.name}: merge into {target} has one source"


def test_a_second_readers_crosswalk_is_read_complete_and_kept_apart(stored):
    """crosswalk.second.csv: the same pair labelled by someone else, complete like the first, and
    read into ``second`` (scored beside the first by the benchmark, never trained on)."""
    pairs = {p.name: p for p in read_pairs(LINEAGE, stored)}
    seconds = {name for name, p in pairs.items() if p.second is not None}
    assert (
        seconds == {p.parent.name for p in LINEAGE.glob("*/crosswalk.second.csv")}
        and {"harlow-2019-2021", "aberdeen-2020-2021"} <= seconds
    )
    for name in seconds:
        pair = pairs[name]
        froms, tos, relations = _crosswalk_keys(LINEAGE / name / "crosswalk.second.csv")
        doc_old, doc_new = pair.old_docs[0], pair.new["doc_id"].iloc[0]
        old_keys = {k if ":" in k else f"{doc_old}:{k}" for k in froms}
        new_keys = {k if ":" in k else f"{doc_new}:{k}" for k in tos}
        assert set(pair.old["action_key"]) == old_keys, name
        assert set(pair.new["action_key"]) == new_keys, name
        assert relations <= LABEL_RELATIONS, name
        assert pair.second.pairs != pair.labels.pairs  # really another reading, not a copy


def test_leicestershire_in_sample_figures(result, labels):
    """A guard, not a benchmark: the shipped model was fitted on these labels among others, so the
    held-out figures are bench/reconcile_benchmark.py's.  In sample, it must at least do this well.
    """
    e = evaluate(result.links, labels)
    assert e.cont_precision >= 0.85 and e.same_recall >= 0.75, (e.false_links, e.missed_links)
    assert len(e.new_wrongly_linked) <= 1
    assert e.found("leics-county-2023-12:T18", "leics-2025-appendix-b:T6")


def test_evaluation_counts_a_wrong_link(result, labels):
    links = result.links.copy()
    wrong = links.iloc[[0]].assign(
        from_doc_id="leics-county-2023-12",
        from_action_id="T13",
        to_doc_id="leics-2025-appendix-b",
        to_action_id="LCC.1",
        relation="same",
        from_key="leics-county-2023-12:T13",
        to_key="leics-2025-appendix-b:LCC.1",
    )
    before = evaluate(links, labels)
    e = evaluate(pd.concat([links, wrong]), labels)
    assert e.same_precision < before.same_precision
    assert (
        "leics-2025-appendix-b:LCC.1" in e.new_wrongly_linked
        and "leics-2025-appendix-b:LCC.1" not in before.new_wrongly_linked
    )
    assert set(e.dropped_wrongly_linked) - set(before.dropped_wrongly_linked) == {
        "leics-county-2023-12:T13"
    }


def test_bad_label_row(tmp_path):
    bad = tmp_path / "labels.csv"
    bad.write_text("from,to,relation,note\na:T1,b:T1,maybe,\n", encoding="utf-8")
    with pytest.raises(LabelError, match="labels.csv:2: relation 'maybe'"):
        Labels.read(bad)


def test_error_report_groups_a_linkers_errors_by_their_cost():
    """--verbose's list: each error once, under what it costs, with the model's probability and
    what each end of a missed pair was linked to instead."""
    labels = Labels(
        pairs={("a:1", "b:1"): "same", ("a:2", "b:2"): "same", ("a:3", "b:3"): "split",
               ("a:3", "b:4"): "split", ("a:5", "b:6"): "related"},
        sources={"a:1", "a:2", "a:3", "a:4", "a:5"},
        targets={"b:1", "b:2", "b:3", "b:4", "b:5"},
        new={"b:5"},
        dropped={"a:4"},
    )  # fmt: skip
    links = pd.DataFrame(
        {
            "from_key": ["a:1", "a:2", "a:3", "a:4", "a:5"],
            "to_key": ["b:1", "b:5", "b:3", "b:2", "b:6"],
            "relation": ["same", "same", "same", "same", "same"],
        }
    )
    scored = pd.DataFrame(
        {
            "from_key": ["a:1", "a:2", "a:2", "a:3", "a:3", "a:4", "a:5"],
            "to_key": ["b:1", "b:5", "b:2", "b:3", "b:4", "b:2", "b:6"],
            "score": [0.99, 0.9, 0.4, 0.95, 0.3, 0.7, 0.8],
        }
    )
    lines = error_report(links, labels, scored)
    assert lines == [
        "false link     a:2 -> b:5 (same; label none; p 0.90)",
        "false link     a:4 -> b:2 (same; label none; p 0.70)",
        "false link     a:5 -> b:6 (same; label related; p 0.80)",
        "missed same    a:2 -> b:2 (not linked; p 0.40); a:2 linked to b:5 (same);"
        " b:2 linked to a:4 (same)",
        "relation       a:3 -> b:3 (same; label split; p 0.95)",
        "missed part    a:3 -> b:4 (split; not linked; p 0.30); a:3 linked to b:3 (same);"
        " b:4 best candidate a:3 p 0.30",
        "new linked     b:5 <- a:2; p 0.90",
        "dropped linked a:4 -> b:2; p 0.70",
    ]
    # the right links: nothing to report
    right = pd.DataFrame(
        {
            "from_key": ["a:1", "a:2", "a:3", "a:3"],
            "to_key": ["b:1", "b:2", "b:3", "b:4"],
            "relation": ["same", "same", "split", "split"],
        }
    )
    assert error_report(right, labels) == []
