"""Reconcile on the bundled documents: links, idempotence, overrides, views, CLI, ingest hook."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from actionplans.reconcile import LinkSettings, OverrideError
from click.testing import CliRunner

import actionplans
from actionplans.cli import cli
from actionplans.store import Database

ROOT = Path(__file__).resolve().parent.parent
COUNTY23, COUNCIL23, APPB = "leics-county-2023-12", "leics-council-2023-12", "leics-2025-appendix-b"


@pytest.fixture
def no_overrides(tmp_path: Path) -> Path:
    path = tmp_path / "none.csv"
    path.write_text("from,to,relation,note\n", encoding="utf-8")
    return path


@pytest.fixture
def linked(loaded_db_path: Path, tmp_path: Path, no_overrides: Path) -> Path:
    """A copy of the loaded seeds, reconciled without overrides."""
    path = tmp_path / "linked.duckdb"
    shutil.copy(loaded_db_path, path)
    actionplans.reconcile(path, overrides=no_overrides)
    return path


def q(path: Path, query: str) -> list[tuple]:
    db = Database(path, read_only=True)
    try:
        return db.sql(query).fetchall()
    finally:
        db.close()


def link(path: Path, src: str, dst: str) -> tuple | None:
    (f_doc, f_act), (t_doc, t_act) = src.split(":"), dst.split(":")
    rows = q(
        path,
        f"SELECT relation, method FROM links WHERE from_doc_id = '{f_doc}' AND from_action_id ="
        f" '{f_act}' AND to_doc_id = '{t_doc}' AND to_action_id = '{t_act}'",
    )
    return rows[0] if rows else None


def test_t18_becomes_t6_and_b13_moves_to_the_council_plan(linked):
    assert link(linked, f"{COUNTY23}:T18", f"{APPB}:T6")[0] == "same"
    # moved from the county plan to the council's own
    assert link(linked, f"{COUNTY23}:B13", f"{APPB}:LCC.13")[0] in ("same", "merged")


def test_links_are_well_formed(linked):
    assert q(
        linked,
        "SELECT count(*) FROM links WHERE score < 0 OR score > 1 OR evidence IS NULL OR method IS"
        " NULL",
    ) == [(0,)]
    rels = {r[0] for r in q(linked, "SELECT DISTINCT relation FROM links")}
    assert rels <= {"same", "merged", "split", "related"} and {"same", "merged"} <= rels
    # every link goes from the 2023 edition to the 2025 one
    assert q(linked, "SELECT DISTINCT from_doc_id, to_doc_id FROM links ORDER BY 1") == [
        (COUNCIL23, APPB),
        (COUNTY23, APPB),
    ]


def test_rerun_gives_the_same_links(linked, no_overrides):
    before = q(linked, "SELECT * FROM links ORDER BY ALL")
    runs = q(linked, "SELECT count(*) FROM link_runs")[0][0]
    actionplans.reconcile(linked, overrides=no_overrides)
    assert q(linked, "SELECT * FROM links ORDER BY ALL") == before
    assert q(linked, "SELECT count(*) FROM link_runs") == [(runs + 1,)]


def test_settings_are_saved_with_each_run(linked, no_overrides):
    actionplans.reconcile(
        linked, overrides=no_overrides, settings=LinkSettings(match_threshold=0.7)
    )
    saved = q(linked, "SELECT settings FROM link_runs ORDER BY started_at DESC LIMIT 1")[0][0]
    assert LinkSettings.from_json(saved).match_threshold == 0.7


def test_edition_with_no_predecessor(linked):
    """Cambridgeshire has one edition: nothing is linked, nothing is called new or dropped."""
    assert q(
        linked, "SELECT count(*) FROM links WHERE 'cambs-cces-progress' IN (from_doc_id, to_doc_id)"
    ) == [(0,)]
    assert q(linked, "SELECT count(*) FROM new_actions WHERE doc_id = 'cambs-cces-progress'") == [
        (0,)
    ]
    assert q(
        linked, "SELECT count(*) FROM dropped_actions WHERE doc_id = 'cambs-cces-progress'"
    ) == [(0,)]
    assert q(
        linked,
        "SELECT count(*), max(chain_length) FROM action_lineage WHERE doc_id ="
        " 'cambs-cces-progress'",
    ) == [(56, 1)]


def test_reconcile_one_council(loaded_db_path, tmp_path, no_overrides):
    path = tmp_path / "one.duckdb"
    shutil.copy(loaded_db_path, path)
    report = actionplans.reconcile(
        path, council="Cambridgeshire County Council", overrides=no_overrides
    )
    assert len(report.links) == 0 and [s.edition for s in report.steps] == ["2023-04"]


def test_views(linked):
    chain = q(
        linked,
        "SELECT step, edition, action_id, relation FROM action_lineage "
        f"WHERE chain_id = '{COUNTY23}:T18 -> {APPB}:T6' ORDER BY step",
    )
    assert chain == [(0, "2023-12", "T18", None), (1, "2025-04", "T6", "same")]
    into_t5 = q(
        linked,
        f"SELECT DISTINCT chain_id FROM action_lineage WHERE doc_id = '{APPB}' AND action_id = 'T5'"
        " ORDER BY 1",
    )
    # bus services: the BSIP continues
    assert f"{COUNTY23}:T15" in [c[0].split(" -> ")[0] for c in into_t5]
    history = q(
        linked,
        f"SELECT step, stage, previous_stage FROM status_history WHERE chain_id = '{COUNTY23}:T18"
        f" -> {APPB}:T6' ORDER BY step",
    )
    assert history[0][1] == "Design" and history[1][2] == "Design"
    new = {r[0] for r in q(linked, f"SELECT action_id FROM new_actions WHERE doc_id = '{APPB}'")}
    assert {"LCC.1", "LCC.2", "LCC.3", "LCC.4", "LCC.5"} <= new and "T6" not in new
    dropped = {
        r[0]
        for r in q(linked, f"SELECT action_id FROM dropped_actions WHERE doc_id = '{COUNTY23}'")
    }
    assert {"T13", "T14", "B28"} <= dropped and "T18" not in dropped


def test_overrides_survive_a_rerun(linked, tmp_path):
    overrides = tmp_path / "overrides.csv"
    overrides.write_text(
        "from,to,relation,note\n"
        f"{COUNTY23}:T18,{APPB}:T6,reject,testing a reject\n"
        f"{COUNTY23}:T20,{APPB}:T6,same,EV policy became the EV charging strategy\n"
        f"{COUNTY23}:T23,{APPB}:T7,related,\n",
        encoding="utf-8",
    )
    for _ in range(2):
        report = actionplans.reconcile(linked, overrides=overrides)
        assert link(linked, f"{COUNTY23}:T18", f"{APPB}:T6") is None
        assert link(linked, f"{COUNTY23}:T20", f"{APPB}:T6") == ("same", "override")
        assert link(linked, f"{COUNTY23}:T23", f"{APPB}:T7") == ("related", "override")
        assert len(report.overrides.applied) == 3
    assert f"{COUNTY23}:T18" in {
        f"{d}:{a}" for d, a in q(linked, "SELECT doc_id, action_id FROM dropped_actions")
    }


@pytest.mark.parametrize(
    "row, message",
    [
        (f"{COUNTY23}:T18,{APPB}:T6,maybe,", "relation 'maybe' is not one of"),
        (f"T18,{APPB}:T6,same,", "should be doc_id:action_id"),
        (f"{COUNTY23}:T99,{APPB}:T6,same,", "no action 'leics-county-2023-12:T99'"),
    ],
)
def test_bad_override_rows_name_file_and_line(linked, tmp_path, row, message):
    overrides = tmp_path / "bad.csv"
    overrides.write_text(f"from,to,relation,note\n{row}\n", encoding="utf-8")
    with pytest.raises(OverrideError, match=message) as exc:
        actionplans.reconcile(linked, overrides=overrides)
    assert str(exc.value).startswith(f"{overrides}:2: ")


def test_cli_reconcile_and_review(linked, tmp_path, no_overrides):
    runner = CliRunner()
    out = runner.invoke(cli, ["reconcile", "--db", str(linked), "--overrides", str(no_overrides)])
    assert out.exit_code == 0, out.output
    assert "Leicestershire County Council 2025-04: 212 actions" in out.output
    assert "Cambridgeshire County Council 2023-04: no earlier edition" in out.output
    review = tmp_path / "review.csv"
    out = runner.invoke(cli, ["links", "review", "--db", str(linked), "--out", str(review)])
    assert out.exit_code == 0, out.output
    import pandas as pd

    df = pd.read_csv(review)
    assert {"from", "to", "relation", "note", "proposed", "score", "from_text", "to_text"} <= set(
        df.columns
    )
    assert len(df) > 0 and df["relation"].isna().all()
    # the review file is a valid (empty) overrides file as written
    assert actionplans.reconcile(linked, overrides=review).overrides.applied == []


def test_cli_unknown_council_is_one_line(linked):
    out = CliRunner().invoke(cli, ["reconcile", "--db", str(linked), "--council", "Nowhere"])
    assert out.exit_code == 1
    assert out.output.strip().splitlines() == [
        "Error: no documents for council 'Nowhere'; councils: Cambridgeshire County Council,"
        " Leicestershire County Council"
    ]


def test_ingest_links_a_new_edition(tmp_path, monkeypatch):
    """Loading the 2025 document after the 2023 ones links them without a separate command."""
    monkeypatch.chdir(tmp_path)  # no data/overrides.csv here
    seeds = ROOT / "data" / "raw" / "seeds"
    db = tmp_path / "hook.duckdb"
    first = actionplans.ingest(
        [seeds / "000_c9542ef99ac075f4.txt", seeds / "001_e91ab0a0c3cf4197.txt"],
        db=db,
        progress=False,
        council="Leicestershire County Council",
        edition="2023-12",
        plan="county",
        profile="leics-county-2023",
    )
    assert q(db, "SELECT count(*) FROM links") == [(0,)], first
    shutil.copytree(ROOT / "data" / "raw", tmp_path / "raw")
    actionplans.ingest([tmp_path / "raw"], db=db, progress=False)
    assert q(
        db, "SELECT relation FROM links WHERE from_action_id = 'T18' AND to_action_id = 'T6'"
    ) == [("same",)]
