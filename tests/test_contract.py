"""The database contract and the expected results on the bundled data (issue 3)."""

from __future__ import annotations

import json
import re

EXPECTED_COLUMNS = {
    "documents": [
        "doc_id",
        "path",
        "sha256",
        "council",
        "title",
        "edition",
        "plans",
        "pages",
        "extractor",
        "ingested_at",
    ],
    "actions": [
        "doc_id",
        "council",
        "plan",
        "edition",
        "action_id",
        "action_id_raw",
        "theme",
        "section",
        "description",
        "role",
        "lead",
        "partners",
        "objectives",
        "timescale",
        "start_period",
        "end_period",
        "stage",
        "rag",
        "update_text",
        "target_date",
        "attributes",
        "page",
        "source_row",
    ],
    "corrections": ["doc_id", "action_id", "field", "raw_value", "clean_value", "rule"],
    "findings": ["doc_id", "action_id", "check", "severity", "message"],
}


def test_contract_columns(loaded_db):
    for table, columns in EXPECTED_COLUMNS.items():
        got = [r[0] for r in loaded_db.sql(f"DESCRIBE {table}").fetchall()]
        assert got[: len(columns)] == columns, table


def test_partners_is_a_list_and_attributes_json(loaded_db):
    types = dict(
        loaded_db.sql(
            "SELECT column_name, data_type FROM information_schema.columns WHERE"
            " table_name='actions'"
        ).fetchall()
    )
    assert types["partners"] == "VARCHAR[]"
    assert types["attributes"] == "JSON"


def count(db, where: str) -> int:
    return db.sql(f"SELECT count(*) FROM actions WHERE {where}").fetchone()[0]


def test_council_plan_2023(loaded_db):
    assert count(loaded_db, "doc_id = 'leics-council-2023-12'") == 36
    themes = loaded_db.sql(
        "SELECT count(DISTINCT theme) FROM actions WHERE doc_id = 'leics-council-2023-12'"
    ).fetchone()[0]
    assert themes == 7
    assert count(loaded_db, "doc_id = 'leics-council-2023-12' AND theme IS NULL") == 0


def test_county_plan_2023_numbered_and_cross_cutting(loaded_db):
    doc = "doc_id = 'leics-county-2023-12'"
    assert count(loaded_db, f"{doc} AND action_id NOT LIKE 'CC%'") == 164
    expected = {"T": 34, "B": 38, "E": 32, "R": 18, "C": 21, "N": 20}
    rows = loaded_db.sql(
        "SELECT regexp_extract(action_id, '^[A-Z]+'), count(DISTINCT action_id) FROM actions "
        f"WHERE {doc} AND action_id NOT LIKE 'CC%' GROUP BY 1"
    ).fetchall()
    assert dict(rows) == expected
    for prefix, n in expected.items():
        ids = {
            r[0]
            for r in loaded_db.sql(
                f"SELECT action_id FROM actions WHERE {doc} AND regexp_matches(action_id,"
                f" '^{prefix}[0-9]+$')"
            ).fetchall()
        }
        assert ids == {f"{prefix}{i}" for i in range(1, n + 1)}
    cc = loaded_db.sql(
        f"SELECT action_id, action_id_raw, section FROM actions WHERE {doc} AND action_id LIKE"
        " 'CC%' ORDER BY source_row"
    ).fetchall()
    assert len(cc) == 12
    assert all(r[1] is None for r in cc)
    assert [r[2] for r in cc].count("Leadership") == 3 and {r[2] for r in cc} == {
        "Leadership",
        "Collaboration",
        "Research and Innovation",
        "Funding",
    }
    assert len({r[0] for r in cc}) == 12


def test_county_plan_fields_canonical(loaded_db):
    doc = "doc_id = 'leics-county-2023-12' AND action_id NOT LIKE 'CC%'"
    assert (
        loaded_db.sql(
            f"SELECT count(*) FROM actions WHERE {doc} AND timescale NOT IN"
            " ('S','M','L','S/M','M/L','S/M/L')"
        ).fetchone()[0]
        == 0
    )
    assert (
        loaded_db.sql(
            f"SELECT count(*) FROM actions WHERE {doc} AND stage NOT IN"
            " ('Discovery','Design','Delivery','Completed')"
        ).fetchone()[0]
        == 0
    )
    assert (
        loaded_db.sql(
            f"SELECT count(*) FROM actions WHERE {doc} AND role NOT IN ('Lead','Ask','Influence')"
        ).fetchone()[0]
        == 0
    )
    bad = loaded_db.sql(
        "SELECT action_id, attributes->>'cost', attributes->>'carbon_saving' FROM actions WHERE"
        f" {doc} AND (attributes->>'cost' NOT IN ('L','M','H','L/M','M/H','L/H') OR"
        " attributes->>'carbon_saving' NOT IN ('L','M','H','L/M','M/H','L/H'))"
    ).fetchall()
    assert bad == []
    assert all(a.isascii() for (a,) in loaded_db.sql("SELECT action_id FROM actions").fetchall())
    themes = {
        r[0] for r in loaded_db.sql(f"SELECT DISTINCT theme FROM actions WHERE {doc}").fetchall()
    }
    assert themes == {
        "Transport",
        "Buildings and Energy",
        "Business and Economy",
        "Resources and Waste",
        "Communities",
        "Nature and Land Use",
    }


def test_two_r3_rows_kept(loaded_db):
    rows = loaded_db.sql(
        "SELECT objectives, attributes->>'added_in' FROM actions WHERE"
        " doc_id='leics-county-2023-12' AND action_id='R3' ORDER BY source_row"
    ).fetchall()
    assert len(rows) == 2
    assert rows[0] == (None, "true") and rows[1][0] == "1, 2"


def test_2025_document_two_plans_with_start_end(loaded_db):
    doc = "doc_id = 'leics-2025-appendix-b'"
    council = {
        r[0]
        for r in loaded_db.sql(
            f"SELECT action_id FROM actions WHERE {doc} AND plan='council'"
        ).fetchall()
    }
    assert council == {f"LCC.{i}" for i in range(1, 15)}
    assert count(loaded_db, f"{doc} AND plan='county'") == 38
    assert count(loaded_db, f"{doc} AND (start_period IS NULL OR end_period IS NULL)") == 0
    for (value,) in loaded_db.sql(
        f"SELECT start_period FROM actions WHERE {doc} UNION SELECT end_period FROM actions WHERE"
        f" {doc}"
    ).fetchall():
        assert re.fullmatch(r"\d{4}-\d{2}|Ongoing", value), value
    plans = loaded_db.sql(
        "SELECT plans FROM documents WHERE doc_id='leics-2025-appendix-b'"
    ).fetchone()[0]
    assert plans == ["council", "county"]


def test_cambridgeshire_one_row_per_action(loaded_db):
    ids = [
        r[0]
        for r in loaded_db.sql(
            "SELECT action_id FROM actions WHERE doc_id='cambs-cces-progress' ORDER BY source_row"
        ).fetchall()
    ]
    assert ids == [str(i) for i in range(1, 57)]
    missing_desc = count(
        loaded_db,
        "doc_id='cambs-cces-progress' AND (description IS NULL OR length(description) < 20)",
    )
    assert missing_desc == 0
    targets = loaded_db.sql(
        "SELECT attributes->'targets' FROM actions WHERE doc_id='cambs-cces-progress' AND"
        " action_id='1'"
    ).fetchone()[0]
    assert len(json.loads(targets)) >= 4


def test_lcan_work_packages(loaded_db):
    rows = loaded_db.sql(
        "SELECT action_id, plan, section FROM actions WHERE doc_id='leics-lcan-narrative' ORDER BY"
        " action_id"
    ).fetchall()
    assert [r[0] for r in rows] == ["WP1", "WP2", "WP3", "WP4"]
    assert {r[1] for r in rows} == {"lcan"}
    assert [r[2] for r in rows][0] == "Governance"


def test_documents_registered(loaded_db):
    rows = loaded_db.sql("SELECT doc_id, edition, sha256 FROM documents ORDER BY doc_id").fetchall()
    assert len(rows) == 5
    for _, edition, sha in rows:
        assert re.fullmatch(r"\d{4}-\d{2}", edition)
        assert re.fullmatch(r"[0-9a-f]{64}", sha)


def test_every_action_has_provenance(loaded_db):
    assert count(loaded_db, "source_row IS NULL") == 0
    assert count(loaded_db, "description IS NULL") == 0
