"""Documents no manifest describes, in layouts real councils publish (issue 16).

Each test loads a file through the real ``ingest`` with nothing but its path
(``--profile auto`` by default) and checks one decision: wrapped headers,
title beside description, IDs written in the title cell, themes printed only
in page titles, synthetic IDs per theme, partner names kept whole.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from actionplans.normalise.header import match_header_cell

from actionplans import ingest
from actionplans.profile import load_profile
from actionplans.store import Database

PDFS = Path(__file__).parent / "pdfs"


def _load(path: Path, db_path: Path) -> list[dict]:
    report = ingest([path], db=db_path, progress=False, jobs=0)
    assert report.ok, report.failed[0].message
    with Database(db_path) as db:
        return db.sql("SELECT * FROM actions ORDER BY page, source_row").df().to_dict("records")


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("RA G", "rag"),
        ("RA\nG", "rag"),
        ("Timesc ales", "timescale"),
        ("Deliverab ility Score", "attributes.deliverability"),
        ("December 2023 Upd ate", "update_text"),
        ("Resp onsible officer", "lead"),
        ("Descripti on", "description"),
    ],
)
def test_header_wrapped_inside_a_word_is_recognised(header, field):
    assert match_header_cell(header, load_profile("base")) == field


@pytest.mark.parametrize("header", ["Leadership", "Ragwort"])
def test_a_word_that_merely_contains_a_synonym_is_not_a_header(header):
    assert match_header_cell(header, load_profile("base")) is None


def test_word_export_pdf_reads_with_no_profile(tmp_path):
    """Rules between rows only, ``RA``/``G`` and ``Timesc``/``ales`` headers, RAG as fills only,
    IDs written as ``12 - Title``, and the theme only in each page's title line."""
    rows = _load(PDFS / "test-2023-word-export.pdf", tmp_path / "db.duckdb")
    assert [r["action_id"] for r in rows] == ["12", "13", "14", "15", "16"]
    assert [r["rag"] for r in rows] == ["Green", "Amber", "Red", "Green", "Amber"]
    assert [r["timescale"] for r in rows] == ["2024", "2025", "2026", "2025", "2027"]
    assert [r["theme"] for r in rows] == ["Transport"] * 3 + ["Buildings and Energy"] * 2
    assert rows[0]["title"] == "Bus network"
    assert (
        rows[0]["description"]
        == "Work with operators to improve the frequency of rural bus services."
    )
    assert list(rows[0]["partners"]) == ["Bus operators", "Local Maternity System"]


def test_title_and_description_columns_are_both_kept(tmp_path):
    plan = tmp_path / "plan.md"
    plan.write_text(
        "| Ref | Title | Description | Lead |\n|---|---|---|---|\n"
        "| 1 | Bus network | Work with operators to improve rural bus services. | Transport |\n"
        "| 2 | Charge points | Install charge points in council car parks. | Parking |\n",
        encoding="utf-8",
    )
    rows = _load(plan, tmp_path / "db.duckdb")
    assert [(r["action_id"], r["title"], r["description"]) for r in rows] == [
        ("1", "Bus network", "Work with operators to improve rural bus services."),
        ("2", "Charge points", "Install charge points in council car parks."),
    ]


def test_a_lone_title_column_is_the_action_text(tmp_path):
    plan = tmp_path / "plan.md"
    plan.write_text(
        "| Ref | Action title | Lead | Status |\n|---|---|---|---|\n"
        "| A1 | Retrofit the council's offices with heat pumps | Property | Green |\n"
        "| A2 | Plant twelve thousand trees on council land | Parks | Amber |\n",
        encoding="utf-8",
    )
    rows = _load(plan, tmp_path / "db.duckdb")
    assert [r["description"] for r in rows] == [
        "Retrofit the council's offices with heat pumps",
        "Plant twelve thousand trees on council land",
    ]
    assert all(r["title"] is None for r in rows)


def test_unnumbered_actions_get_stable_ids_within_each_theme(tmp_path):
    parts = []
    for theme, actions in [
        ("Transport", ["Deliver the bus improvement plan.", "Roll out charge points."]),
        ("Buildings and Energy", ["Retrofit council offices.", "Install solar on schools."]),
        ("Waste", ["Introduce food waste collections."]),
    ]:
        parts.append(f"Net Zero Rutland Action Plan - {theme} - December 2023 progress update\n")
        parts.append("| Action | Lead | RAG |\n|---|---|---|")
        parts += [f"| {a} | Environment team | Green |" for a in actions]
        parts.append("")
    plan = tmp_path / "plan.md"
    plan.write_text("\n".join(parts), encoding="utf-8")
    rows = _load(plan, tmp_path / "db.duckdb")
    assert [(r["action_id"], r["theme"]) for r in rows] == [
        ("T1", "Transport"),
        ("T2", "Transport"),
        ("BE1", "Buildings and Energy"),
        ("BE2", "Buildings and Energy"),
        ("W1", "Waste"),
    ]
    assert len({r["action_id"] for r in rows}) == len(rows)


def test_joined_partner_cell_is_not_cut_inside_an_unknown_name(tmp_path):
    """A text dump joins a cell's lines; only written separators and known names split it."""
    plan = tmp_path / "plan.md"
    plan.write_text(
        "| ID | Action | Partners |\n|---|---|---|\n| H1 | Support healthy travel to maternity"
        " units. | Local Maternity System; Public Health |\n| H2 | Promote active travel to"
        " schools. | Local Maternity System |\n",
        encoding="utf-8",
    )
    rows = _load(plan, tmp_path / "db.duckdb")
    assert [list(r["partners"]) for r in rows] == [
        ["Local Maternity System", "Public Health"],
        ["Local Maternity System"],
    ]


def test_the_leicestershire_profile_still_splits_its_joined_cells():
    from actionplans.extract.records import RawCell
    from actionplans.normalise.fields import apply_cell
    from actionplans.normalise.records import Action

    action = Action("county", "T1", "T1")
    apply_cell(
        action,
        "partners",
        RawCell("Transport Partners Business Residents"),
        load_profile("leics-county-2023"),
        [],
    )
    assert action.partners == ["Transport Partners", "Business", "Residents"]


def test_a_finding_repeated_on_every_page_is_one_finding_with_its_pages():
    from actionplans.normalise.records import Finding, merge_repeated

    findings = [
        Finding(
            None,
            "unmapped_header",
            "warning",
            f"page {p}: header 'Notes' (column 5) matches nothing",
        )
        for p in (3, 4, 7)
    ] + [Finding(None, "unmapped_header", "warning", "page 3: header 'Cost' matches nothing")]
    merged = merge_repeated(findings)
    assert [f.message for f in merged] == [
        "pages 3, 4, 7: header 'Notes' (column 5) matches nothing",
        "page 3: header 'Cost' matches nothing",
    ]


def test_a_priority_column_of_ranks_is_not_the_theme(tmp_path):
    """Real plans head a rank column ``Priority (1 - 5)``; ``Priority`` alone usually names a
    theme."""
    plan = tmp_path / "plan.md"
    plan.write_text(
        "| Reference | Action Description | Timescale | Resources / Cost Implications | RAG Status"
        " | Lead Service | Priority (1 - 5) |\n|---|---|---|---|---|---|---|\n| 1.1a | Redevelop"
        " the training centre as a low carbon asset | Mar-24 | TBC | Red | Property Services | 1"
        " |\n| 1.1b | Plan a refurbished crematorium with energy capture | 2025 | TBC | Green |"
        " Property Services | 2 |\n| 1.1c | Review the property estate using EPC ratings | 2024 |"
        " Internal | Amber | Property Services | 1 |\n",
        encoding="utf-8",
    )
    rows = _load(plan, tmp_path / "db.duckdb")
    assert [r["theme"] for r in rows] == [None, None, None]
    assert [r["rag"] for r in rows] == ["Red", "Green", "Amber"]
    assert [r["lead"] for r in rows] == ["Property Services"] * 3
    import json

    attrs = [json.loads(r["attributes"]) for r in rows]
    assert [a.get("priority") for a in attrs] == ["1", "2", "1"]
    assert attrs[0].get("cost") == "TBC"


def test_a_performance_report_with_one_column_per_quarter_is_read(tmp_path):
    """Quarter columns (``Q1``...``Q4``) neither make nor break a header row; RAG and commentary are
    read."""
    plan = tmp_path / "report.md"
    plan.write_text(
        "| Measure | Q1 | Q2 | Q3 | Q4 | Target | RAG | Commentary"
        " |\n|---|---|---|---|---|---|---|---|\n| Tonnes of CO2 from council buildings | 410 | 395"
        " | 388 | 371 | 350 | Amber | Heat pump delays at two sites. |\n| Share of the fleet that"
        " is electric | 12% | 14% | 15% | 19% | 20% | Green | Eight vans delivered in March. |\n",
        encoding="utf-8",
    )
    rows = _load(plan, tmp_path / "db.duckdb")
    assert [r["description"] for r in rows] == [
        "Tonnes of CO2 from council buildings",
        "Share of the fleet that is electric",
    ]
    assert [r["rag"] for r in rows] == ["Amber", "Green"]
    assert rows[1]["update_text"] == "Eight vans delivered in March."


def test_a_status_column_shown_only_as_colour_survives_a_blank_header(tmp_path):
    """No text in the column at all, header included: its fills make the column, read as RAG by
    content."""
    rows = _load(PDFS / "test-2023-word-export-blank-rag.pdf", tmp_path / "db.duckdb")
    assert [r["rag"] for r in rows] == ["Green", "Amber", "Red", "Green", "Amber"]
    assert [r["timescale"] for r in rows] == ["2024", "2025", "2026", "2025", "2027"]
