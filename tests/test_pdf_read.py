"""The PDF reader on the test PDFs in tests/pdfs: exact raw tables, stitching, provenance, jobs
(issue 4)."""

from __future__ import annotations

import json

import pytest
from actionplans.extract import read_document, read_pdf
from actionplans.normalise import normalise_document
from actionplans.normalise.header import HeaderTest
from pdf_expected import EXPECTED, PDFS, PROFILES, reading

from actionplans.profile import load_profile


@pytest.fixture(scope="module")
def plan_pdf():
    """plan_pdf(name) -> (raw document, clean document) for a test PDF, read with its profile."""
    cache = {}

    def read(name: str):
        if name not in cache:
            prof = load_profile(PROFILES[name])
            raw = read_pdf(PDFS / name, header_test=HeaderTest(prof))
            plans = ["council", "county"] if "2025" in name else ["county"]
            cache[name] = (raw, normalise_document(raw, prof, plans))
        return cache[name]

    return read


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_raw_tables_match_expected(name):
    expected = json.loads(
        (EXPECTED / (name.removesuffix(".pdf") + ".json")).read_text(encoding="utf-8")
    )
    assert reading(name) == expected


def test_read_document_sniffs_pdf_and_records_the_reader(plan_pdf):
    doc = read_document(PDFS / "test-2023-ruled.pdf")
    assert doc.format == "pdf" and doc.extractor.startswith("pdf@") and doc.pages == 3


def test_theme_comes_from_the_heading_above_each_table(plan_pdf):
    _, clean = plan_pdf("test-2023-ruled.pdf")
    themes = {a.action_id: a.theme for a in clean.actions}
    assert themes == {f"T{i}": "Transport" for i in range(1, 8)} | {"B1": "Buildings and Energy"}
    assert {a.action_id: a.section for a in clean.actions}["T3"] == "Policy and Strategy"


def test_row_cut_by_page_break_is_joined(plan_pdf):
    _, clean = plan_pdf("test-2023-ruled.pdf")
    t6 = next(a for a in clean.actions if a.action_id == "T6")
    assert (
        t6.description
        == "Revise the Highway Design Guide to support sustainable travel and low carbon materials."
    )
    assert t6.update_text == "Material pallets are being reviewed."
    assert t6.partners == ["Developers", "Districts"]
    assert t6.page == 1
    assert [a.action_id for a in clean.actions] == ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "B1"]


def test_repeated_header_is_dropped_and_logged(plan_pdf):
    _, clean = plan_pdf("test-2023-ruled.pdf")
    rules = [c.rule for c in clean.corrections]
    # page 2's repeated header and the second theme's header
    assert rules.count("repeated_header") == 2


def test_partners_one_per_line(plan_pdf):
    _, clean = plan_pdf("test-2023-ruled.pdf")
    by_id = {a.action_id: a for a in clean.actions}
    assert by_id["T1"].partners == ["Transport Partners", "Business", "Residents"]
    assert by_id["T2"].partners == ["Transport for East Midlands", "Districts"]
    assert by_id["B1"].partners == ["Districts", "Energy Saving Trust"]


def test_header_synonyms_map_columns(plan_pdf):
    _, clean = plan_pdf("test-2023-ruled.pdf")
    t2 = next(a for a in clean.actions if a.action_id == "T2")
    # "Who may be involved" -> partners, "Timescales" -> timescale, "December 2023 Update" ->
    # update_text
    assert (t2.timescale, t2.update_text) == ("S/M", "Some delay.")
    assert not any(f.check == "unmapped_header" for f in clean.findings)


def test_provenance_page_and_bbox(plan_pdf):
    raw, clean = plan_pdf("test-2023-ruled.pdf")
    pages = {a.action_id: a.page for a in clean.actions}
    assert pages["T1"] == 1 and pages["T7"] == 2 and pages["B1"] == 2
    for a in clean.actions:
        x0, top, x1, bottom = a.attributes["bbox"]
        assert 0 <= x0 < x1 <= 842 and 0 <= top < bottom <= 595
    t1_row = next(r for t in raw.tables for r in t.rows if r.cells[0].text == "T1")
    rag = t1_row.cells[4]
    assert rag.bbox is not None and rag.bbox[0] < rag.bbox[2]


def test_gantt_years_from_filled_cells(plan_pdf):
    _, clean = plan_pdf("test-2025-borderless-gantt.pdf")
    years = {a.action_id: a.attributes.get("delivery_years") for a in clean.actions}
    assert years == {
        "LCC.1": ["2025-26", "2026-27"],  # grey, one rect per year
        "LCC.2": ["2026-27", "2027-28"],  # one CMYK bar across two years
        "LCC.3": ["2025-26"],  # RGB
        "T1": ["2025-26", "2026-27", "2027-28"],
        "T2": None,
    }


def test_two_level_header_and_plans(plan_pdf):
    _, clean = plan_pdf("test-2025-borderless-gantt.pdf")
    plans = {a.action_id: a.plan for a in clean.actions}
    assert plans == {
        "LCC.1": "council",
        "LCC.2": "council",
        "LCC.3": "council",
        "T1": "county",
        "T2": "county",
    }
    lcc1 = clean.actions[0]
    assert (lcc1.start_period, lcc1.end_period, lcc1.lead) == (
        "2025-04",
        "2027-03",
        "Highways Operations",
    )
    assert lcc1.section is None
    assert lcc1.description.endswith("difficult to transition vehicles.")


def test_jobs_give_the_same_reading():
    prof = load_profile("leics-county-2023")
    one = read_pdf(PDFS / "test-2023-ruled.pdf", header_test=HeaderTest(prof))
    two = read_pdf(PDFS / "test-2023-ruled.pdf", header_test=HeaderTest(prof), jobs=2)
    assert [[r.texts for r in t.rows] for t in one.tables] == [
        [r.texts for r in t.rows] for t in two.tables
    ]
    assert one.notes == two.notes


def test_progress_callable_sees_every_page():
    seen = []
    read_pdf(PDFS / "test-2023-ruled.pdf", progress=lambda page, pages: seen.append((page, pages)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_rules_between_rows_only_other_column_order(plan_pdf):
    """Another word processor: no rules between columns, a plain header, RAG before the action."""
    raw, clean = plan_pdf("test-2024-lined.pdf")
    got = {a.action_id: (a.rag, a.stage, a.timescale, a.partners, a.page) for a in clean.actions}
    assert got == {
        "T1": ("Green", "Delivery", "S", ["Transport Partners", "Business"], 1),
        "T2": ("Amber", "Design", "S/M", ["Districts"], 1),
        "T3": ("Red", "Discovery", "M", ["Midlands Connect"], 1),
        "T4": ("Green", "Completed", "L", ["Government"], 2),
    }
    assert clean.actions[0].description.endswith("with partners across the county.")
    assert all(a.theme == "Transport" for a in clean.actions)


def test_rows_without_spacing_are_cut_at_each_key(plan_pdf):
    _, clean = plan_pdf("test-2024-tight.pdf")
    assert [(a.action_id, a.lead, a.timescale) for a in clean.actions[:3]] == [
        ("T1", "Transport Policy", "S"),
        ("T2", "Transport Policy", "M"),
        ("T3", "Transport Projects", "S/M"),
    ]
    assert (
        clean.actions[2].description
        == "Investigate models to quantify the carbon impact of policy decisions and scheme design."
    )


def test_table_runs_on_to_a_page_without_header(plan_pdf):
    raw, clean = plan_pdf("test-2024-tight.pdf")
    assert [a.action_id for a in clean.actions] == [f"T{n}" for n in range(1, 75)]
    assert len(raw.tables) == 1  # page 2 continues page 1's table
    pages = {a.action_id: a.page for a in clean.actions}
    assert pages["T1"] == 1 and pages["T74"] == 2
    # page number not read as text
    assert not any(a.description.startswith("2") for a in clean.actions)


def test_rag_dots_drawn_as_curves(plan_pdf):
    _, clean = plan_pdf("test-2024-tight.pdf")
    assert [a.rag for a in clean.actions[:6]] == ["Green", "Amber", "Red", "Green", "Amber", "Red"]
    assert all(a.rag for a in clean.actions)


def test_header_grid_apart_and_a_page_without_header_or_rag_column(plan_pdf):
    raw, clean = plan_pdf("test-2024-split-grid.pdf")
    assert len(raw.tables) == 1  # header grid, body grid and page 2 are one table
    ids = [a.action_id for a in clean.actions]
    assert ids == [f"T{n}" for n in range(1, len(ids) + 1)] and len(ids) > 10
    first, last = clean.actions[0], clean.actions[-1]
    assert (first.rag, first.timescale, first.update_text, first.page) == (
        "Red",
        "S",
        "Progress.",
        1,
    )
    # page 2 dropped the RAG column: the other columns stay in place
    assert (last.rag, last.timescale, last.update_text, last.partners, last.page) == (
        None,
        "M/L",
        "Not rated.",
        ["Business"],
        2,
    )


def test_rules_framing_only_the_rag_column_do_not_hide_a_borderless_table(tmp_path):
    """The fifth draw's phone photo of the borderless county plan: its RAG cells, stacked under
    the header band, gave rules along their edges that framed a grid of three columns, the first
    holding every column left of RAG ('Action Action Objective ...'). The grid's header was no
    header, so the table under it was lost. Read without those rules, its text is a table whose
    header the profile knows, and that is what is read."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    path = tmp_path / "framed.pdf"
    c = canvas.Canvas(str(path), pagesize=landscape(A4), invariant=1)
    w, h = landscape(A4)
    labels = [
        ("Action", "ID", 40), ("Action", "", 80), ("Objective", "", 300), ("LCC", "Role", 350),
        ("Timescales", "", 390), ("Cost to", "Leicestershire", 445), ("Carbon", "Saving", 515),
        ("Project", "stage", 560), ("RAG", "", 610), ("December 2023", "Update", 665),
    ]  # fmt: skip
    rows = [
        ("B35", "Provide support for community energy", "2, 3", "Ask", "S/M", "L", "M", "Design",
         "#92d050", "Funding agreed"),
        ("B36", "Complete research on the electricity network", "5", "Ask", "M/L", "L", "L",
         "Discovery", "#00b050", "Joined the series"),
        ("B37", "Promote flexible energy and demand management", "5, 6", "Ask", "L", "L", "M",
         "Discovery", "#00b050", "Saver sessions"),
    ]  # fmt: skip
    top = h - 60
    c.setFont("Helvetica-Bold", 8)
    for first, second, x in labels:  # over two lines, as the plan prints them
        c.drawString(x, top - 12, first)
        c.drawString(x, top - 22, second)
    c.setFont("Helvetica", 8)
    xs = [x for _, _, x in labels]
    for k, (*texts, fill, update) in enumerate(rows):
        y = top - 30 - 40 * (k + 1)
        c.setFillColor(fill)
        c.rect(610, y - 10, 50, 40, stroke=0, fill=1)
        c.setFillColor("black")
        for x, text in zip(xs[:8] + [xs[9]], [*texts, update], strict=True):
            c.drawString(x, y + 14, text)
    bottom = top - 30 - 40 * len(rows) - 10
    c.setLineWidth(0.5)
    for x in (36, 608, 660, w - 20):  # the RAG column's edges and the band's ends, carried down
        c.line(x, top, x, bottom)
    for y in (top, top - 30, bottom):
        c.line(36, y, w - 20, y)
    c.showPage()
    c.save()
    doc = read_pdf(path, header_test=HeaderTest(load_profile("leics-county-2023")))
    got = {r.cells[0].text.strip(): r for t in doc.tables for r in t.rows}
    assert {"B35", "B36", "B37"} <= set(got), list(got)
    assert any("Provide support for community energy" in c.text for c in got["B35"].cells)
