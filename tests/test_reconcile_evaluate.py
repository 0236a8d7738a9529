"""The hand labels (Transport and Buildings, 2023 -> 2025) and the evaluation against them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from actionplans.reconcile import LabelError, Labels, evaluate, link_actions

from actionplans.store import Database

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "data" / "labels" / "links-transport-buildings.csv"


@pytest.fixture(scope="module")
def labels() -> Labels:
    return Labels.read(LABELS)


@pytest.fixture(scope="module")
def result(loaded_db_path):
    db = Database(loaded_db_path, read_only=True)
    try:
        old = db.sql("SELECT * FROM actions WHERE doc_id IN ('leics-council-2023-12', 'leics-county-2023-12')").df()
        new = db.sql("SELECT * FROM actions WHERE doc_id = 'leics-2025-appendix-b'").df()
    finally:
        db.close()
    return link_actions(old, new)


def test_labels_cover_every_transport_and_buildings_action(labels, loaded_db_path):
    db = Database(loaded_db_path, read_only=True)
    try:
        county = {f"leics-county-2023-12:{a}" for (a,) in db.sql(
            "SELECT action_id FROM actions WHERE doc_id = 'leics-county-2023-12' "
            "AND theme IN ('Transport', 'Buildings and Energy')").fetchall()}
        new = {f"leics-2025-appendix-b:{a}" for (a,) in db.sql(
            "SELECT action_id FROM actions WHERE doc_id = 'leics-2025-appendix-b' "
            "AND theme IN ('Transport', 'Buildings and Energy')").fetchall()}
    finally:
        db.close()
    assert len(county) == 72 and county <= labels.sources
    assert len(new) == 15 and new <= labels.targets


def test_dev_set_meets_the_targets(result, labels):
    """Figures on the development set (these labels were used to set the thresholds)."""
    e = evaluate(result.links, labels)
    assert e.same_precision >= 0.95 and e.same_recall >= 0.90, (e.false_links, e.missed_links)
    assert e.new_wrongly_linked == []
    assert e.found("leics-county-2023-12:T18", "leics-2025-appendix-b:T6")
    assert e.merges_found >= 3


def test_evaluation_counts_a_wrong_link(result, labels):
    links = result.links.copy()
    wrong = links.iloc[[0]].assign(from_doc_id="leics-county-2023-12", from_action_id="T13",
                                   to_doc_id="leics-2025-appendix-b", to_action_id="LCC.1", relation="same",
                                   from_key="leics-county-2023-12:T13", to_key="leics-2025-appendix-b:LCC.1")
    e = evaluate(pd.concat([links, wrong]), labels)
    assert e.same_precision < 1.0
    assert e.new_wrongly_linked == ["leics-2025-appendix-b:LCC.1"]
    assert e.dropped_wrongly_linked == ["leics-county-2023-12:T13"]


def test_bad_label_row(tmp_path):
    bad = tmp_path / "labels.csv"
    bad.write_text("from,to,relation,note\na:T1,b:T1,maybe,\n", encoding="utf-8")
    with pytest.raises(LabelError, match="labels.csv:2: relation 'maybe'"):
        Labels.read(bad)
