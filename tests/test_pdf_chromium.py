"""PDFs printed by Chromium (Skia), not reportlab: rows split over page breaks, wrapped headers
(issue 4)."""

from __future__ import annotations

import sys

import pytest
from actionplans.extract import read_pdf
from actionplans.normalise import normalise_document
from actionplans.normalise.colour import rag_from_colour
from actionplans.normalise.header import HeaderTest
from pdf_expected import PDFS

from actionplans.profile import load_profile

sys.path.insert(0, str(PDFS))
from make_chromium_pdfs import gantt_rows, rows  # noqa: E402


@pytest.mark.parametrize("style", ["ruled", "borderless", "dots"])
def test_every_action_and_field_as_printed(style):
    prof = load_profile("leics-county-2023")
    raw = read_pdf(
        PDFS / f"test-2024-chromium-{style}.pdf", header_test=HeaderTest(prof), ocr="never"
    )
    clean = normalise_document(raw, prof, ["county"])
    assert len(raw.tables) == 1
    got = {a.action_id: a for a in clean.actions}
    truth = rows()
    assert list(got) == [r["id"] for r in truth]
    for r in truth:
        a = got[r["id"]]
        assert (a.description, a.partners, a.timescale, a.update_text, a.theme) == (
            r["desc"],
            r["partners"],
            r["timescale"],
            r["update"],
            "Transport",
        ), r["id"]
        assert (a.rag, a.attributes["rag_fill"]) == (rag_from_colour(r["rag"]), r["rag"]), r["id"]


def test_gantt_with_two_level_header_zebra_rows_and_separate_borders():
    prof = load_profile("leics-2025")
    raw = read_pdf(PDFS / "test-2025-chromium-gantt.pdf", header_test=HeaderTest(prof), ocr="never")
    clean = normalise_document(raw, prof, ["council", "county"])
    got = {a.action_id: a for a in clean.actions}
    truth = gantt_rows()
    assert list(got) == [r["id"] for r in truth]
    for r in truth:
        a = got[r["id"]]
        assert (a.description, a.lead, a.start_period, a.end_period, a.plan) == (
            r["desc"],
            r["lead"],
            "2025-04",
            "2027-03",
            "council",
        ), r["id"]
        # the zebra band (#dce6f1) is not a delivery year; the amber cells are
        assert a.attributes.get("delivery_years") == r["years"], r["id"]
