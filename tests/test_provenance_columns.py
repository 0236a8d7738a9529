"""Provenance as columns (issue 21): the table a row came from and its box on the page are stored
in `actions.source_table` and `actions.bbox`, from the same frame normalise's schema checks; a
database made before gets the columns on open and `reextract` fills them."""

from __future__ import annotations

import json
import shutil

from actionplans.normalise import Action
from actionplans.normalise.records import actions_frame
from actionplans.normalise.schema import action_schema_failures
from conftest import ROOT

from actionplans.ingest import ingest, reextract
from actionplans.store import Database

SAMPLE = ROOT / "data" / "raw" / "samples" / "leics-2025-sheet.pdf"
SEED = sorted((ROOT / "data" / "raw" / "seeds").glob("*.txt"))[0]


def _load(tmp_path, source):
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    db = tmp_path / "p.duckdb"
    report = ingest([copy], db=db, progress=False)
    assert [r.status for r in report.results] == ["loaded"], report.results
    return db


def test_a_pdf_row_keeps_its_table_and_box(tmp_path):
    db = _load(tmp_path, SAMPLE)
    with Database(db, read_only=True) as con:
        rows = con.sql(
            "SELECT a.page, a.source_table, a.bbox, a.attributes->'$.bbox', d.pages"
            " FROM actions a JOIN documents d USING (doc_id)"
            " ORDER BY a.page, a.source_table, a.source_row"
        ).fetchall()
    assert len(rows) == 52
    for page, table, bbox, attribute_bbox, pages in rows:
        assert 1 <= page <= pages and table is not None and table >= 0
        x0, top, x1, bottom = bbox
        assert 0 <= x0 < x1 and 0 <= top < bottom  # a real box, in PDF points
        assert [round(v, 6) for v in bbox] == [
            round(float(v), 6) for v in json.loads(attribute_bbox)
        ]
    # within one table on one page, later rows sit lower: the boxes follow the rows
    first = [bbox[1] for page, table, bbox, _, _ in rows if (page, table) == rows[0][:2]]
    assert len(first) > 3 and first == sorted(first)


def test_a_text_dump_row_has_a_table_and_no_box(tmp_path):
    db = _load(tmp_path, SEED)
    with Database(db, read_only=True) as con:
        tables, boxes = con.sql("SELECT count(source_table), count(bbox) FROM actions").fetchone()
        total = con.sql("SELECT count(*) FROM actions").fetchone()[0]
    assert tables == total > 0 and boxes == 0


def test_the_schema_checks_the_new_column():
    action = Action("county", "T1", "T1", description="Deliver it.", source_row=3, source_table=-1)
    failures = action_schema_failures([action])
    assert failures and "source_table" in failures[0][1]
    good = Action("county", "T1", "T1", description="Deliver it.", source_row=3, source_table=0)
    assert action_schema_failures([good]) == []
    assert str(actions_frame([good])["source_table"].dtype) == "Int64"


def test_a_database_made_before_gets_the_columns_and_reextract_fills_them(tmp_path):
    db = _load(tmp_path, SAMPLE)
    with Database(db) as con:  # as a database made before the columns existed
        con.sql("ALTER TABLE actions DROP COLUMN source_table")
        con.sql("ALTER TABLE actions DROP COLUMN bbox")
        con.sql("UPDATE documents SET normaliser = 'normalise@0.3.0'")
    with Database(db) as con:
        assert con.sql(
            "SELECT count(*), count(source_table), count(bbox) FROM actions"
        ).fetchone() == (
            52,
            0,
            0,
        )
    report = reextract(db=db, progress=False)
    assert [r.status for r in report.results] == ["loaded"]
    with Database(db, read_only=True) as con:
        assert con.sql("SELECT count(source_table), count(bbox) FROM actions").fetchone() == (
            52,
            52,
        )
