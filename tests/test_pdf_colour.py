"""Cell fill colours: every colour space, several shades, cells drawn as several rectangles
(issue 4)."""

from __future__ import annotations

import pytest
from actionplans.extract import read_pdf
from actionplans.extract.pdf.graphics import Fill, _colour, cell_fill, to_hex
from actionplans.normalise import normalise_document
from actionplans.normalise.colour import rag_from_colour
from actionplans.normalise.header import HeaderTest
from pdf_expected import PDFS

from actionplans.profile import load_profile


@pytest.mark.parametrize(
    "value, hex_",
    [
        ((0.5,), "#808080"),  # DeviceGray
        (0.6, "#999999"),  # a bare number
        ([0.573, 0.816, 0.314], "#92d050"),  # DeviceRGB as a list
        ((0, 0.25, 1, 0), "#ffbf00"),  # DeviceCMYK
        ((0, 1, 1, 0), "#ff0000"),
        ((0.6, 0, 1, 0.2), "#52cc00"),
        ("P1", None),  # a pattern name: no colour
        (None, None),
    ],
)
def test_colour_spaces_to_hex(value, hex_):
    assert _colour(value) == hex_


@pytest.mark.parametrize(
    "hex_, rag",
    [
        ("#92d050", "Green"),
        ("#00b050", "Green"),
        ("#c6efce", "Green"),
        ("#70ad47", "Green"),
        ("#ffc000", "Amber"),
        ("#ffbf00", "Amber"),
        ("#f4b183", "Amber"),
        ("#ffeb9c", "Amber"),
        ("#ff0000", "Red"),
        ("#c00000", "Red"),
        ("#ffc7ce", "Red"),
        ("#808080", None),
        ("#d9d9d9", None),
        ("#ffffff", None),
        ("#5b9bd5", None),
    ],
)
def test_shades_to_rag(hex_, rag):
    assert rag_from_colour(hex_) == rag


@pytest.mark.parametrize(
    "fill, rag",
    [
        ("#cbded6", "Green"),  # Excel's #c6efce washed out by a scan (s 0.09)
        ("#f4eedf", "Amber"),  # #ffeb9c washed out further (s 0.09)
        ("#d6d9d8", None),  # a grey cell with a scanner's colour cast (s 0.01): no rating
    ],
)
def test_a_washed_out_tint_in_a_rag_column_is_a_rating(fill, rag):
    """The column's header says it holds ratings, so a tint paler than counts elsewhere is read;
    a grey with a colour cast is still none, and says so."""
    from actionplans.extract.records import RawCell
    from actionplans.normalise.fields import apply_cell
    from actionplans.normalise.records import Action

    action, findings = Action("main", "1", "1"), []
    apply_cell(
        action, "rag", RawCell(text="", fill=fill), load_profile("leics-county-2023"), findings
    )
    assert action.rag == rag
    assert rag_from_colour(fill) is None  # outside a RAG column: no hue to speak of
    assert bool(findings) == (rag is None)


def test_cmyk_shades_to_rag():
    assert rag_from_colour(to_hex((0.43, 0, 0.75, 0.18))) == "Green"
    assert rag_from_colour(to_hex((0, 0.25, 1, 0))) == "Amber"
    assert rag_from_colour(to_hex((0, 0.9, 0.85, 0.1))) == "Red"


def test_cell_drawn_as_several_rects_takes_their_colour():
    strips = [
        Fill(0, 0, 40, 8, "#ff0000", 1),
        Fill(0, 8, 40, 14, "#ff0000", 2),
        Fill(0, 14, 40, 20, "#ff0000", 3),
    ]
    assert cell_fill(strips, 0, 0, 40, 20) == "#ff0000"


def test_colour_covering_most_of_the_cell_wins_and_slivers_do_not_count():
    fills = [Fill(0, 0, 40, 20, "#92d050", 1), Fill(0, 0, 5, 20, "#ff0000", 2)]
    assert cell_fill(fills, 0, 0, 40, 20) == "#92d050"
    assert cell_fill([Fill(0, 0, 40, 1, "#ff0000", 1)], 0, 0, 40, 20) is None


def test_row_band_does_not_colour_a_cell():
    band = [Fill(0, 0, 800, 20, "#d9d9d9", 1)]
    assert cell_fill(band, 100, 0, 140, 20, band_width=700) is None
    assert cell_fill(band, 100, 0, 140, 20) == "#d9d9d9"


def test_small_swatch_inside_a_cell_counts():
    assert cell_fill([Fill(10, 5, 20, 15, "#00b050", 1)], 0, 0, 60, 40) == "#00b050"


def test_rag_of_each_action_and_the_fill_seen():
    prof = load_profile("leics-county-2023")
    raw = read_pdf(PDFS / "test-2023-ruled.pdf", header_test=HeaderTest(prof))
    clean = normalise_document(raw, prof, ["county"])
    got = {a.action_id: (a.rag, a.attributes.get("rag_fill")) for a in clean.actions}
    assert got == {
        "T1": ("Green", "#92d050"),  # RGB
        "T2": ("Amber", "#ffbf00"),  # CMYK
        "T3": ("Red", "#ff0000"),  # three rects
        "T4": ("Green", "#c6efce"),  # a light tint
        "T5": (None, "#808080"),  # grey: no status, a finding
        "T6": ("Amber", "#f4b183"),
        "T7": ("Red", "#ff0000"),  # CMYK
        "B1": ("Amber", "#f4b183"),
    }
    t5 = next(a for a in clean.actions if a.action_id == "T5")
    assert any(f.check == "colour" for f in t5.findings)


def test_banded_row_background_is_not_a_gantt_mark_but_marks_and_row_rag_stay():
    from actionplans.extract.records import RawCell, RawDocument, RawRow, RawTable

    grey, green = "#d9d9d9", "#00b050"
    header = ["Action ID", "Action", "Start", "End", "2025-26", "2026-27", "2027-28", "RAG"]
    rows = [
        header,
        [
            ("LCC.1", grey),
            ("Banded row.", grey),
            ("Apr-25", grey),
            ("Mar-26", grey),
            ("", "#ffc000"),
            ("", grey),
            ("", grey),
            ("", green),
        ],
        [
            ("LCC.4", grey),
            ("Banded, not rated.", grey),
            ("Apr-25", grey),
            ("Mar-26", grey),
            ("", grey),
            ("", grey),
            ("", grey),
            ("", grey),
        ],
        [
            ("LCC.2", None),
            ("Plain row.", None),
            ("Apr-25", None),
            ("Mar-28", None),
            ("", "#ffc000"),
            ("", "#ffc000"),
            ("", "#ffc000"),
            ("", None),
        ],
        [
            ("LCC.3", green),
            ("Row coloured by status.", green),
            ("Apr-25", green),
            ("Mar-26", green),
            ("", green),
            ("", green),
            ("", green),
            ("", green),
        ],
    ]
    raw_rows = []
    for i, row in enumerate(rows):
        cells = tuple(RawCell(t) if isinstance(t, str) else RawCell(t[0], fill=t[1]) for t in row)
        raw_rows.append(RawRow(cells, 0, i, page=1))
    raw = RawDocument("x.pdf", "0", "pdf", "pdf@test", tables=[RawTable(0, raw_rows)], pages=1)
    clean = normalise_document(raw, load_profile("leics-2025"), ["council"])
    got = {a.action_id: (a.attributes.get("delivery_years"), a.rag) for a in clean.actions}
    assert got == {
        "LCC.1": (["2025-26"], "Green"),  # grey band ignored, the amber mark and the RAG fill kept
        "LCC.4": (
            None,
            None,
        ),  # the band is not a status either: no "not green, amber or red" finding
        "LCC.2": (["2025-26", "2026-27", "2027-28"], None),
        "LCC.3": (None, "Green"),  # the whole row in the status colour: RAG, no years
    }
    assert not any(
        f.check == "colour" and "not green" in f.message
        for f in clean.findings + [f for a in clean.actions for f in a.findings]
    )
