"""The validation checks (issue 6): the findings the issue names on the bundled data, and each
check on small hand-made documents."""

from __future__ import annotations

import pytest
from actionplans.extract import RawCell, RawDocument, RawRow, RawTable
from actionplans.extract.schema import raw_schema_failures
from actionplans.normalise import Action, Correction, NormalisedDocument
from actionplans.normalise.checks import (
    check_cell_lengths,
    check_coverage,
    check_empty_fields,
    check_rag_colour,
    check_truncated_text,
    check_unparsed_rows,
    ends_mid_sentence,
)
from actionplans.normalise.schema import action_schema_failures

from actionplans.profile import load_profile

COUNTY = "leics-county-2023-12"


def findings(db, doc_id: str, check: str | None = None) -> list[tuple]:
    q = 'SELECT action_id, "check", severity, message FROM findings WHERE doc_id = ?'
    params = [doc_id]
    if check:
        q += ' AND "check" = ?'
        params.append(check)
    return db.sql(q, params).fetchall()


# -- the bundled data ------------------------------------------------------


def test_r3_twice(loaded_db):
    rows = findings(loaded_db, COUNTY, "duplicate_id")
    assert [r[0] for r in rows] == ["R3"]
    assert "2 times" in rows[0][3]
    coverage = [
        r[3] for r in findings(loaded_db, COUNTY, "coverage") if "Resources and Waste" in r[3]
    ]
    assert coverage and "repeated R3" in coverage[0]


def test_n6_score_missing_with_its_inputs(loaded_db):
    rows = findings(loaded_db, COUNTY, "missing_value")
    assert [r[0] for r in rows] == ["N6"]
    assert "deliverability score is empty" in rows[0][3]
    assert "timescale" in rows[0][3] and "would give" in rows[0][3]


def test_811_read_as_b11_with_evidence(loaded_db):
    rows = findings(loaded_db, COUNTY, "id_repaired")
    assert rows == [
        ("B11", "id_repaired", "info", "ID '811' read as B11 from its neighbours B10 and B12")
    ]
    ev = loaded_db.sql(
        "SELECT raw_value, clean_value, evidence FROM corrections WHERE doc_id = ? AND rule ="
        " 'id_from_sequence'",
        [COUNTY],
    ).fetchall()
    assert ev == [("811", "B11", "neighbours B10 and B12")]


def test_lookalike_letters_replaced(loaded_db):
    rows = loaded_db.sql(
        "SELECT raw_value, clean_value FROM corrections WHERE rule = 'lookalike_letters' AND field"
        " = 'action_id'"
    ).fetchall()
    raw = {r[0]: r[1] for r in rows}
    assert raw["Т1"] == "T1"  # Cyrillic Te, county 2023
    assert raw["В3"] == "B3"  # Cyrillic Ve
    assert raw["Τ7"] == "T7"  # Greek Tau, 2025 revision


def test_every_deliverability_mismatch_listed_with_inputs(loaded_db):
    rows = findings(loaded_db, COUNTY, "deliverability")
    # DOMAIN.md: the rule holds for 146 of 164 actions; N6 has no score, so 17 mismatch.
    assert len(rows) == 17
    t1 = [r[3] for r in rows if r[0] == "T1"]
    assert t1 == ["deliverability 18 != timescale S (3) x cost M (2) x carbon M (2) = 12"]
    for _, _, severity, message in rows:
        assert severity == "warning"
        assert all(word in message for word in ("timescale", "cost", "carbon", "!="))


def test_cambridgeshire_broken_actions(loaded_db):
    rows = findings(loaded_db, "cambs-cces-progress")
    bleed = [r for r in rows if r[1] == "text_bleed"]
    assert [r[0] for r in bleed] == ["16"] and "row of 17" in bleed[0][3]
    broken = [r for r in rows if r[1] == "broken_row"]
    assert [r[0] for r in broken] == ["22"]


def test_junk_rows_reported_with_raw_text(loaded_db):
    rows = findings(loaded_db, "leics-council-2023-12", "unparsed_row")
    assert rows and all(r[2] == "info" and r[3].endswith(": _") for r in rows)


# -- each check on a small document ----------------------------------------


def doc_of(*actions: Action, corrections=()) -> NormalisedDocument:
    return NormalisedDocument(list(actions), list(corrections), [], ["p"])


@pytest.mark.parametrize(
    "text, why",
    [
        ("Work with partners to deliver the", "ends on 'the'"),
        ("Support schools, colleges and", "ends on 'and'"),
        ("Review fleet (cars, vans", "has an unclosed '('"),
        ("Reduce emissions from buildings,", "ends on ','"),
        ("Deliver the EV charging strategy.", None),
        ("Develop a strategy for electric vehicles infrastructure", None),
    ],
)
def test_ends_mid_sentence(text, why):
    assert ends_mid_sentence(text) == why


def test_truncated_text_finding():
    doc = doc_of(Action("p", "T1", "T1", description="Work with partners to deliver the"))
    check_truncated_text(doc)
    assert [f.check for f in doc.actions[0].findings] == ["truncated_text"]


def test_cell_lengths():
    normal = [
        Action("p", f"T{i}", f"T{i}", description="Deliver a programme of building retrofits " * 2)
        for i in range(1, 9)
    ]
    short = Action("p", "T9", "T9", description="In progress")
    long = Action(
        "p",
        "T10",
        "T10",
        description="word " * 400,
        timescale="Short term, but see the update for the detail of it",
    )
    doc = doc_of(*normal, short, long)
    check_cell_lengths(doc)
    assert [f.message.split(" is ")[0] for f in short.findings] == ["description"]
    assert {f.message.split(" is ")[0] for f in long.findings} == {"description", "timescale"}
    assert all(not a.findings for a in normal)


def test_empty_fields_only_where_the_table_has_the_column():
    acts = [
        Action(
            "p", f"T{i}", f"T{i}", theme="Transport", description="x", stage="Design", lead="Team"
        )
        for i in range(1, 7)
    ]
    acts[2].stage = None
    for a in acts:
        a.lead = None  # no action has a lead: not a column of this table
    doc = doc_of(*acts)
    check_empty_fields(doc)
    assert [(a.action_id, f.message.split(" is ")[0]) for a in acts for f in a.findings] == [
        ("T3", "stage")
    ]


def test_coverage_names_missing_and_repeated_ids():
    profile = load_profile("leics-county-2023")
    acts = [Action("p", i, i, theme="Transport") for i in ("T1", "T2", "T4", "T4")]
    acts += [Action("p", i, i, theme="Buildings and Energy") for i in ("B3", "B4")]
    doc = doc_of(*acts)
    check_coverage(doc, profile)
    messages = [f.message for f in doc.findings]
    assert any(
        "theme Transport: 4 action rows, but IDs T1–T4 imply 4 (missing T3; repeated T4)" in m
        for m in messages
    )
    assert any("the B sequence starts at B3" in m for m in messages)


def test_unparsed_rows_become_findings():
    doc = doc_of(
        Action("p", "T1", "T1"),
        corrections=[
            Correction(None, "row", "line/row 9: stray words", None, "orphan_row"),
            Correction(None, "row", "line/row 1: TITLE", None, "before_header"),
            Correction(None, "row", "3 cells", "4 cells", "padded_short_row"),
        ],
    )
    check_unparsed_rows(doc)
    assert [(f.severity, f.message) for f in doc.findings] == [
        ("warning", "orphan row dropped: line/row 9: stray words"),
        ("warning", "before header dropped: line/row 1: TITLE"),
    ]


def test_rag_without_fill_in_pdf_rows():
    bbox = [10.0, 10.0, 500.0, 30.0]
    coloured = Action(
        "p", "T1", "T1", rag="Green", attributes={"bbox": bbox, "rag_fill": "#00b050"}
    )
    blank = Action("p", "T2", "T2", attributes={"bbox": bbox})
    text_dump = Action("p", "T3", "T3")  # no bbox: a text dump has no colours to miss
    doc = doc_of(coloured, blank, text_dump)
    check_rag_colour(doc)
    assert [(a.action_id, f.check) for a in doc.actions for f in a.findings] == [("T2", "colour")]


def test_schemas_collect_every_failure():
    bad = [
        Action("p", "Т1", "Т1", description="ok", rag="Purple", page=0, source_row=1),
        Action("p", "T2", "T2", description="x\x00y", source_row=2),
    ]
    failures = action_schema_failures(bad)
    assert {a for a, _ in failures} == {"Т1", "T2"}
    # the ID, the RAG word, the page, the control character: all, not the first
    assert len(failures) == 4
    assert action_schema_failures([Action("p", "T1", "T1", description="ok", source_row=1)]) == []


def test_raw_schema_needs_provenance():
    rows = [
        RawRow((RawCell("a"),), 0, 0, line_no=1),
        RawRow((RawCell("b"),), 0, 1),
        RawRow((RawCell("c"),), 0, 2, page=1),
    ]
    raw = RawDocument("x.pdf", "0" * 64, "pdf", "t@0", [RawTable(0, rows)])
    failures = raw_schema_failures(raw)
    assert failures == [
        "table 0 row 1: row fails has_provenance",
        "table 0 row 2 (page 1): row fails pdf_rows_have_bbox",
    ]
