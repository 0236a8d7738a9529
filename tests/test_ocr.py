"""Scanned pages (issue 7): detection, deskew, colours from pixels, unreadable pages, a scan end
to end.

These run the real tesseract (Debian's tesseract-ocr); the OCR cache is
pointed at a temporary folder so that every test reads cold.
"""

from __future__ import annotations

import io
import shutil

import numpy as np
import pdfplumber
import pytest
from actionplans.extract import read_pdf
from actionplans.extract.errors import NoActionTable
from actionplans.extract.ocr import image as im
from actionplans.extract.ocr import needs_ocr, read_scanned_page, text_layer_usable
from actionplans.extract.ocr.detect import MODES
from actionplans.normalise.colour import rag_from_colour
from conftest import ROOT, band_page, fresh_page_words, text_font
from PIL import Image, ImageDraw

from actionplans import ingest
from actionplans.store import Database

SAMPLES = ROOT / "data" / "raw" / "samples"
SCANNED = SAMPLES / "scanned"
pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract-ocr is not installed"
)


@pytest.fixture(autouse=True)
def cold_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ACTIONPLANS_OCR_CACHE", str(tmp_path / "ocr-cache"))


def _image_pdf(image: Image.Image, path) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    image.save(buf, format="PNG")
    buf.seek(0)
    c = canvas.Canvas(str(path), pagesize=landscape(A4), invariant=1)
    c.drawImage(ImageReader(buf), 0, 0, width=landscape(A4)[0], height=landscape(A4)[1])
    c.showPage()
    c.save()


# --------------------------------------------------------------------------- detection


def test_born_digital_pages_have_a_text_layer_and_are_not_ocred():
    with pdfplumber.open(SAMPLES / "leics-county-2023-ruled.pdf") as pdf:
        page = pdf.pages[0]
        assert text_layer_usable(page)
        assert not needs_ocr(page, "auto")
        assert needs_ocr(page, "always") and not needs_ocr(page, "never")


def test_scanned_pages_have_no_usable_text_layer():
    with pdfplumber.open(SCANNED / "leics-county-2023-ruled-scan150.pdf") as pdf:
        for page in pdf.pages:
            assert not text_layer_usable(page)
            assert needs_ocr(page, "auto") and not needs_ocr(page, "never")


def test_a_scan_made_searchable_by_another_ocr_is_read_as_a_scan(tmp_path):
    """A scanner's "searchable PDF": the page image, with another engine's reading laid over it
    invisibly (text rendering mode 3). That layer has no rules, fills or colours, and the page
    read no table at all; it is OCRed as the scan it is (here tesseract's own PDF output)."""
    import subprocess

    from actionplans.normalise import normalise_document

    from actionplans.pipeline import TableTest
    from actionplans.profile import load_profile

    with pdfplumber.open(SCANNED / "leics-county-2023-ruled-scan150.pdf") as pdf:
        image = pdf.pages[0].to_image(resolution=150).original.convert("RGB")
    image.save(tmp_path / "page.png", dpi=(150, 150))
    subprocess.run(
        ["tesseract", str(tmp_path / "page.png"), str(tmp_path / "searchable"), "pdf"],
        check=True,
        capture_output=True,
    )
    path = tmp_path / "searchable.pdf"
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert len(page.chars) > 200  # the other engine's text is there, and is not taken
        assert not text_layer_usable(page) and needs_ocr(page, "auto")
    profile = load_profile("leics-county-2023")
    doc = read_pdf(path, header_test=TableTest(profile))
    actions = normalise_document(doc, profile, ["county"]).actions
    assert {f"R{n}" for n in range(1, 8)} <= {a.action_id for a in actions}
    assert sum(a.rag is not None for a in actions) >= 7  # the RAG fills, from the image


def test_an_action_table_pasted_as_a_picture_is_read_by_ocr(tmp_path):
    """A report whose action table is a screenshot pasted between lines of text: the page has a
    text layer, so it was read from it, and no table was found. When no page of the document
    gives a table, a page carrying a large picture is read again by OCR."""
    from actionplans.normalise import normalise_document
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from actionplans.pipeline import TableTest
    from actionplans.profile import load_profile

    with pdfplumber.open(SCANNED / "leics-county-2023-ruled-scan150.pdf") as pdf:
        table = pdf.pages[1].to_image(resolution=150).original.convert("RGB")
    buf = io.BytesIO()
    table.save(buf, format="PNG")
    buf.seek(0)
    width, height = landscape(A4)
    path = tmp_path / "report.pdf"
    c = canvas.Canvas(str(path), pagesize=(width, height))
    c.setFont("Helvetica-Bold", 14)
    c.drawString(40, height - 30, "Appendix 2: Resources and Waste actions")
    c.setFont("Helvetica", 9)
    c.drawString(40, height - 44, "The actions below are those of the Net Zero Action Plan.")
    c.drawString(40, 20, "Report to Cabinet, 12 March 2024 - Page 14")
    shown = (width - 80) * table.size[1] / table.size[0] * 0.9
    c.drawImage(ImageReader(buf), 40, height - 55 - shown, width=(width - 80) * 0.9, height=shown)
    c.showPage()
    c.save()
    profile = load_profile("leics-county-2023")
    with pdfplumber.open(path) as pdf:
        assert text_layer_usable(pdf.pages[0])  # a page of text, with a picture in it
    doc = read_pdf(path, header_test=TableTest(profile))
    assert any(n.check == "table_in_image" for n in doc.notes)
    found = {a.action_id for a in normalise_document(doc, profile, ["county"]).actions}
    assert {f"R{n}" for n in range(8, 19)} <= found, sorted(found)


def _objects(texts):
    from actionplans.extract.pdf.objects import PageObjects

    return PageObjects(chars=[{"text": t} for t in texts], rects=[{"x0": 0}])


def test_a_garbage_text_layer_is_not_usable(monkeypatch):
    """Unmapped glyphs, as pdfminer gives them (``(cid:12)``, U+FFFD), are no text layer."""
    import actionplans.extract.ocr.detect as detect

    page = type("Page", (), {"width": 842.0, "height": 595.0})()
    monkeypatch.setattr(
        detect, "page_objects", lambda _page: _objects(["(cid:12)"] * 80 + list("Action"))
    )
    assert not text_layer_usable(page) and needs_ocr(page, "auto")
    monkeypatch.setattr(detect, "page_objects", lambda _page: _objects(["\ufffd"] * 50))
    assert needs_ocr(page, "auto")
    monkeypatch.setattr(
        detect,
        "page_objects",
        lambda _page: _objects(list("Action ID Description Timescale RAG" * 3)),
    )
    assert text_layer_usable(page) and not needs_ocr(page, "auto")
    with pytest.raises(ValueError, match="auto, always, never"):
        needs_ocr(page, "sometimes")
    assert MODES == ("auto", "always", "never")


# --------------------------------------------------------------------------- deskew


# 4.5 and -6: a page hand-fed through a scanner lies further off than the glass's 2 degrees;
# such a page read no table while the search stopped at 2.5
@pytest.mark.parametrize("angle", [-6.0, -1.5, -0.6, 0.0, 0.8, 1.4, 4.5])
def test_skew_is_measured_and_removed(angle):
    with pdfplumber.open(SAMPLES / "leics-county-2023-ruled.pdf") as pdf:
        rgb = im.render(pdf.pages[13], 100)
    turned = np.asarray(
        Image.fromarray(rgb).rotate(angle, resample=Image.BICUBIC, fillcolor=(255, 255, 255))
    )
    found = im.skew_angle(turned)
    assert abs(found - angle) <= 0.1
    straight = im.deskew(turned, found)
    assert abs(im.skew_angle(straight)) <= 0.1


# --------------------------------------------------------------------------- colours


SHADES = {
    "#92d050": "Green",
    "#00b050": "Green",
    "#c6efce": "Green",
    "#ffc000": "Amber",
    "#ffeb9c": "Amber",
    "#ff0000": "Red",
    "#ffc7ce": "Red",
}


def test_cell_fills_are_read_from_the_pixels_after_jpeg():
    """A ruled grid with one RAG cell per row, JPEG-compressed: each fill keeps its hue."""
    dpi = 200
    img = Image.new("RGB", (1400, 140 + 90 * len(SHADES)), "white")
    draw = ImageDraw.Draw(img)
    draw.rectangle([100, 40, 1300, 120], fill="#1f3864")  # a header band, white on navy
    for k, colour in enumerate(SHADES):
        top = 120 + 90 * k
        draw.rectangle([900, top, 1100, top + 90], fill=colour)
        draw.text((120, top + 30), f"T{k + 1}  Deliver the plan", fill="black")
    for y in [40, 120] + [120 + 90 * (k + 1) for k in range(len(SHADES))]:
        draw.line([100, y, 1300, y], fill="black", width=2)
    for x in (100, 400, 900, 1100, 1300):
        draw.line([x, 40, x, 120 + 90 * len(SHADES)], fill="black", width=2)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=60)
    rgb = np.asarray(Image.open(buf).convert("RGB"))
    segs, mask = im.rules(rgb, dpi)
    regions = im.fills(rgb, dpi, mask)
    assert any(r.dark for r in regions), "the navy header band"
    for k, (colour, rag) in enumerate(SHADES.items()):
        top = 120 + 90 * k
        inside = [
            r
            for r in regions
            if r.x0 >= 895 and r.x1 <= 1105 and r.top >= top - 5 and r.bottom <= top + 95
        ]
        assert len(inside) == 1, colour
        assert rag_from_colour(inside[0].colour) == rag, (colour, inside[0].colour)
    assert len([s for s in segs if s.orientation == "v"]) >= 5


# --------------------------------------------------------------------------- unreadable pages


def test_a_page_ocr_cannot_read_is_a_note_not_a_crash(tmp_path):
    rng = np.random.default_rng(7)
    noise = Image.fromarray((rng.random((300, 420)) * 60 + 190).astype(np.uint8)).convert("RGB")
    path = tmp_path / "noise.pdf"
    _image_pdf(noise, path)
    with pdfplumber.open(path) as pdf:
        result = read_scanned_page(pdf.pages[0], 1)
    assert not any(hasattr(it, "rows") for it in result.items)
    assert [c for _, c, _ in result.notes] == ["ocr_unreadable"]
    with pytest.raises(NoActionTable, match=r"page 1 has no text layer .*OCR found no text"):
        read_pdf(path)


# --------------------------------------------------------------------------- end to end


def test_a_scanned_sample_loads_with_rag_confidence_and_findings(tmp_path):
    db = tmp_path / "scan.duckdb"
    report = ingest([SCANNED / "leics-county-2023-ruled-scan150.pdf"], db=db, progress=False)
    assert report.ok, report.failed[0].message
    with Database(db, read_only=True) as d:
        ids = [
            r[0]
            for r in d.sql("SELECT action_id FROM actions ORDER BY page, source_row").fetchall()
        ]
        rags = {r[0] for r in d.sql("SELECT rag FROM actions WHERE rag IS NOT NULL").fetchall()}
        checks = {r[0] for r in d.sql('SELECT "check" FROM findings').fetchall()}
    assert len(ids) >= 15 and ids[0] == "R1"
    assert rags >= {"Green", "Red"}  # read from the pixels of the RAG cells
    assert "ocr_confidence" in checks or "ocr_unreadable" not in checks
    doc = read_pdf(SCANNED / "leics-county-2023-ruled-scan150.pdf", ocr="auto")
    cells = [c for t in doc.tables for r in t.rows for c in r.cells if c.text]
    assert cells and all(c.confidence is not None and 0 <= c.confidence <= 1 for c in cells)
    with pytest.raises(NoActionTable, match="no text layer"):
        read_pdf(SCANNED / "leics-county-2023-ruled-scan150.pdf", ocr="never")


# ---------------------------------------------------------------------- OCR confusions in normalise


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("RS", "R5"),
        ("Ri", "R1"),
        ("RI1", "R11"),
        ("cg", "C9"),
        ("R14", "R14"),
        ("Waste", None),
        ("Lead", None),
    ],
)
def test_ids_misread_by_ocr_are_read_by_the_profile_pattern(cell, expected):
    from actionplans.normalise.ids import read_id_cell

    from actionplans.profile import load_profile

    got = read_id_cell(cell, load_profile("leics-county-2023"))
    assert got.action_id == expected
    if expected and expected != cell:
        assert got.rule == "ocr_lookalike"
    assert read_id_cell("Lec.1", load_profile("leics-2025")).action_id == "LCC.1"


def test_timescales_run_together_by_ocr_are_read_on_the_scale():
    from actionplans.normalise.vocab import canon_timescale

    scale = ("S", "M", "L")
    assert canon_timescale("ML", scale) == ("M/L", "ocr_lookalike")
    assert canon_timescale("5", scale) == ("S", "ocr_lookalike")
    assert canon_timescale("Ongoing", scale) == (None, None)
    assert canon_timescale("S/M", scale) == ("S/M", None)
    # a slash read as an I (the sixth draw's county plan in colour read 'sim')
    assert canon_timescale("sim", scale) == ("S/M", "ocr_lookalike")
    assert canon_timescale("MIL", scale) == ("M/L", "ocr_lookalike")
    assert canon_timescale("Mile", scale) == (None, None)  # a word
    # twice changes nothing
    assert canon_timescale(canon_timescale("SML", scale)[0], scale) == (
        "S/M/L",
        None,
    )


def test_headers_misread_by_ocr_still_map():
    from actionplans.normalise.header import match_header_cell

    from actionplans.profile import load_profile

    profile = load_profile("leics-county-2023")
    assert match_header_cell("Timescaie $s", profile) == "timescale"
    assert match_header_cell("Carhon Saving", profile) == "attributes.carbon_saving"
    assert match_header_cell("Flavour", profile) is None


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Lec. 3", "LCC.3"),  # a space read into the ID
        ("Lcec.6", "LCC.6"),  # one letter too many
        ("LCEC.10", "LCC.10"),
        ("Lec.il", "LCC.11"),
        ("Tl", "T1"),
        ("Lec team", None),  # words, not an ID
    ],
)
def test_ids_damaged_by_ocr_in_a_two_plan_document(cell, expected):
    from actionplans.normalise.ids import read_id_cell

    from actionplans.profile import load_profile

    assert read_id_cell(cell, load_profile("leics-2025")).action_id == expected


def test_accented_letter_read_for_a_digit():
    from actionplans.normalise.ids import read_id_cell

    from actionplans.profile import load_profile

    assert read_id_cell("Cé", load_profile("leics-county-2023")).action_id == "C6"


def test_an_unreadable_id_is_named_by_agreeing_neighbours_only():
    from actionplans.normalise.ids import repair_from_sequence

    from actionplans.profile import load_profile

    profile = load_profile("leics-county-2023")
    assert repair_from_sequence("RW", "R10", "R12", profile)[0] == "R11"
    assert repair_from_sequence("RW", "R10", "R13", profile)[0] is None  # the neighbours disagree
    assert repair_from_sequence("BW", "R10", "R12", profile)[0] is None  # another prefix


def test_a_section_s_first_id_read_as_its_letters_is_named_by_the_next():
    from actionplans.normalise.ids import repair_from_sequence

    from actionplans.profile import load_profile

    council = load_profile("leics-council-2023")
    # 'CE1.1' blurred into 'CEL': the next ID implies it, the previous one is another section's
    assert repair_from_sequence("CEL", None, "CE1.2", council)[0] == "CE1.1"
    assert repair_from_sequence("CEL", "AS1.6", "CE1.2", council)[0] == "CE1.1"
    # a token with digits is a number read wrong, not one lost; other letters name no neighbour
    assert repair_from_sequence("CE7", None, "CE1.2", council)[0] is None
    assert repair_from_sequence("PML", None, "CE1.2", council)[0] is None
    # a long word is no damaged ID
    assert repair_from_sequence("CEREMONY", None, "CE1.2", council)[0] is None


def test_an_unreadable_id_is_not_named_as_one_the_plan_prints_already():
    from actionplans.normalise import normalise_document

    from actionplans.profile import load_profile

    profile = load_profile("leics-council-2023")

    def ids(read: list[str]) -> list[str | None]:
        doc = normalise_document(_ocr_table(read, 0.9), profile, ["council"])
        return [a.action_id for a in doc.actions]

    assert ids(["CEL", "CE1.2", "CE1.3"]) == ["CE1.1", "CE1.2", "CE1.3"]
    assert ids(["CEL", "CE1.2", "CE1.1"])[0] != "CE1.1"


def test_a_bare_number_between_two_ids_of_a_lettered_series_gets_its_letters_back():
    from actionplans.normalise import normalise_document

    from actionplans.profile import load_profile

    # the 2025 sheet numbers the council plan 1, 2, 3 and the county plan T1, T2: a 'T' lost
    # to OCR made '7' pass as the council plan's action 7
    profile = load_profile("leics-2025")

    def read(ids: list[str], confidence: float | None = 0.9) -> list[tuple[str, str]]:
        doc = normalise_document(_ocr_table(ids, confidence), profile, ["council", "county"])
        return [(a.action_id, a.plan) for a in doc.actions]

    assert read(["T6", "7", "T8"]) == [("T6", "county"), ("T7", "county"), ("T8", "county")]
    # not when the number is not the one skipped, nor the series prints it already
    # (an ID OCR damaged past every pattern stays in the plan of the row above)
    assert read(["T6", "9", "T8"])[1] == ("9", "county")
    assert read(["T6", "7", "T8", "T7"])[1] == ("7", "county")
    # a text layer says what the council wrote
    assert read(["T6", "7", "T8"], None)[1] == ("7", "council")
    # at the table's top or foot, the two IDs on its one side ('5' above T6 and T7, the greyscale
    # 2025 sheet's first row); one read first may be one of them ('5' above '7' and T8)
    assert read(["5", "T6", "T7"])[0] == ("T5", "county")
    assert read(["T7", "T8", "9"])[2] == ("T9", "county")
    assert [i for i, _ in read(["5", "7", "T8", "T9"])] == ["5", "T7", "T8", "T9"]
    # not where the number goes on from a bare number on its other side (the council plan's 5;
    # '6', '7' above T8 may as well be the council plan's 6 and 7)
    assert read(["4", "5", "T6", "T7"])[1] == ("5", "council")
    assert [i for i, _ in read(["6", "7", "T8", "T9"])] == ["6", "7", "T8", "T9"]


def test_a_two_level_header_read_as_one_cell_maps_to_its_own_label():
    from actionplans.normalise.header import map_header, match_header_cell

    from actionplans.profile import load_profile

    profile = load_profile("leics-2025")
    assert match_header_cell("Timescale Start", profile) == "start_period"
    assert match_header_cell("Timescale Timescale Start", profile) == "start_period"
    assert match_header_cell("Delivery Period 2025-26", profile) == "gantt:2025-26"
    assert match_header_cell("Timescale", profile) == "timescale"
    county = load_profile("leics-county-2023")
    # one label, not two
    assert match_header_cell("Cost to Leicestershire", county) == "attributes.cost"
    header = map_header(
        ("Action ID Action ID", "Action", "LCC team leads", "Timescale Start", "End", "2025-26"),
        profile,
    )
    assert header is not None
    assert [header.columns[i] for i in range(6)] == [
        "action_id",
        "description",
        "lead",
        "start_period",
        "end_period",
        "gantt:2025-26",
    ]


def _ocr_table(ids: list[str], confidence: float | None, lead: bool = False):
    """A table of IDs as read, each with a description (and, ``lead``, a lead team: rows with
    two cells beside a short scrap of an ID, 'gS', are actions, not section headings)."""
    from actionplans.extract.records import RawCell, RawDocument, RawRow, RawTable

    def row(i: int, texts: tuple[str, ...], conf: float | None) -> RawRow:
        return RawRow(
            tuple(RawCell(t, confidence=conf) for t in texts), table_index=0, row_index=i, page=1
        )

    more = ("LCC team lead", "Partners", "Start", "End") if lead else ()
    rows = [row(0, ("Action ID", "Action", *more), None)]
    rows += [
        row(
            i + 1,
            (
                a,
                f"Do thing number {i}",
                *(("Growth Service", "TBC", "Apr-25", "Mar-26")[: len(more)]),
            ),
            confidence,
        )
        for i, a in enumerate(ids)
    ]
    return RawDocument(
        path="t.pdf", sha256="0", format="pdf", extractor="test", tables=[RawTable(0, rows)]
    )


def test_an_ocr_id_out_of_sequence_is_read_from_its_neighbours_but_a_typed_one_is_kept():
    from actionplans.normalise import normalise_document

    from actionplans.profile import load_profile

    profile = load_profile("leics-county-2023")
    scanned = normalise_document(
        _ocr_table(["R8", "R0", "R10", "R14", "R12"], 0.9), profile, ["county"]
    )
    assert [a.action_id for a in scanned.actions] == ["R8", "R9", "R10", "R11", "R12"]
    fixed = [c for a in scanned.actions for c in a.corrections if c.rule == "id_from_sequence"]
    assert {(c.raw_value, c.clean_value) for c in fixed} == {("R0", "R9"), ("R14", "R11")}
    typed = normalise_document(_ocr_table(["R8", "R0", "R10"], None), profile, ["county"])
    # a text layer says what the council wrote
    assert [a.action_id for a in typed.actions] == [
        "R8",
        "R0",
        "R10",
    ]


def test_an_unreadable_id_holds_its_place_when_a_neighbour_implies_an_id():
    """Appendix B photographed and read sharpened: E1, E2, then '53', 'Ea', 'gS', '56', '87'
    for E3 to E7. 'Ea' is two rows under E2 (E4, not E3), '53' between E2 and E4 is E3 (a bold E
    read as a 5), and the rest carry the series on."""
    from actionplans.normalise import normalise_document

    from actionplans.profile import load_profile

    profile = load_profile("leics-2025")
    read = ["E1", "E2", "53", "Ea", "gS", "56", "87", "R1"]
    doc = normalise_document(_ocr_table(read, 0.9, lead=True), profile, ["county"])
    assert [a.action_id for a in doc.actions] == [f"E{n}" for n in range(1, 8)] + ["R1"]
    # typed, the council's numbers are what it wrote: nothing is read from the sequence
    typed = normalise_document(_ocr_table(read, None, lead=True), profile, ["county"])
    assert "E3" not in [a.action_id for a in typed.actions]
    # a bare number is a lost letter only with one digit before the number skipped ('53', not
    # '63' for E3, is no rule: any one digit; but '533' is two)
    doc = normalise_document(_ocr_table(["E2", "533", "E4"], 0.9, lead=True), profile, ["county"])
    assert [a.action_id for a in doc.actions][1] == "533"


def test_an_ocr_id_printed_twice_at_a_series_end_is_read_as_the_series_goes_on():
    """The eleventh draw's photographed borderless page: 'RIS' read as R15 under R17, the last R
    action, while R15 is printed above: R18. An ID printed once is left as read."""
    from actionplans.normalise import normalise_document

    from actionplans.profile import load_profile

    profile = load_profile("leics-county-2023")

    def ids(read: list[str]) -> list[str]:
        doc = normalise_document(_ocr_table(read, 0.9), profile, ["county"])
        return [a.action_id for a in doc.actions]

    assert ids(["R14", "R15", "R16", "R17", "R15", "C1"]) == [
        "R14",
        "R15",
        "R16",
        "R17",
        "R18",
        "C1",
    ]
    assert ids(["R14", "R15", "R16", "R17", "R12", "C1"]) == [
        "R14",
        "R15",
        "R16",
        "R17",
        "R12",
        "C1",
    ]
    # another series' ID printed twice is no misreading of this one's
    assert ids(["C1", "C2", "R15", "R16", "R17", "C1"])[5] == "C1"


def test_an_ocr_id_whose_letters_no_other_action_shares_is_read_as_its_neighbour_implies():
    """'OM1.1' before DM1.2: a D read as an O, in letters no other action has. A typed ID, an ID
    that looks like nothing its neighbours imply, and one whose implied ID is taken are kept."""
    from actionplans.normalise import normalise_document

    from actionplans.profile import load_profile

    profile = load_profile("leics-council-2023")

    def ids(read: list[str], confidence: float | None) -> list[str]:
        doc = normalise_document(_ocr_table(read, confidence), profile, ["council"])
        return [a.action_id for a in doc.actions]

    assert ids(["MG1.1", "OM1.1", "DM1.2", "DM1.3"], 0.9) == ["MG1.1", "DM1.1", "DM1.2", "DM1.3"]
    assert ids(["MG1.1", "OM1.1", "DM1.2"], None) == ["MG1.1", "OM1.1", "DM1.2"]
    assert ids(["F1.1", "XY1.1", "F1.2"], 0.9) == ["F1.1", "XY1.1", "F1.2"]
    assert ids(["DM1.1", "OM1.1", "DM1.2"], 0.9) == ["DM1.1", "OM1.1", "DM1.2"]
    # one upright stroke too many ('DMI1.2': a serif or the cell's edge read as an I), as the
    # sixth draw's banded plan read it; typed, it stays
    assert ids(["DM1.1", "DMI1.2", "DM1.3"], 0.9) == ["DM1.1", "DM1.2", "DM1.3"]
    assert ids(["DM1.1", "DMI1.2", "DM1.3"], None) == ["DM1.1", "DMI1.2", "DM1.3"]
    # a letter too many ('LBD1.2', the sixteenth draw's banded page read blind) where both
    # neighbours imply the ID; with one neighbour, or typed, it stays
    assert ids(["LD1.1", "LBD1.2", "LD1.3"], 0.9) == ["LD1.1", "LD1.2", "LD1.3"]
    assert ids(["LD1.1", "LBD1.2"], 0.9) == ["LD1.1", "LBD1.2"]
    assert ids(["LD1.1", "LBD1.2", "LD1.3"], None) == ["LD1.1", "LBD1.2", "LD1.3"]
    # the same misreading twice ('OM1.1' and 'OM1.5' round DM1.2 to DM1.4, the own council
    # photo read sharpened); letters that go on from a neighbour are a series of their own
    assert ids(["OM1.1", "DM1.2", "DM1.3", "DM1.4", "OM1.5"], 0.9) == [
        "DM1.1",
        "DM1.2",
        "DM1.3",
        "DM1.4",
        "DM1.5",
    ]
    assert ids(["OM1.1", "OM1.2", "DM1.3", "DM1.4"], 0.9) == ["OM1.1", "OM1.2", "DM1.3", "DM1.4"]
    # ... and the one action with other letters amid them is the misread one
    assert ids(["OM1.1", "DM1.2", "OM1.3", "OM1.4"], 0.9) == ["OM1.1", "OM1.2", "OM1.3", "OM1.4"]


def test_a_light_green_greyed_by_a_scan_is_still_green():
    assert rag_from_colour("#c3ddd4") == "Green"
    assert rag_from_colour("#ededed") is None and rag_from_colour("#dde9f5") is None


def test_labels_in_a_dark_header_band_are_read_whole():
    """A two-line label at the top of a band ('Cost to' over 'Leicestershire') kept its lower half
    only once the band's dark gaps stopped being erased as rules."""
    from actionplans.extract.ocr.page import _reread_bands

    clean, regions = band_page()
    words = {w.text for w in _reread_bands(clean, [], regions, 200)}
    words = {w.strip(".,") for w in words}
    assert {"Cost", "to", "Carbon", "Saving", "RAG"} <= words, sorted(words)
    assert any(w.startswith("Leicester") for w in words)


def test_a_fills_edge_is_not_read_as_a_letter_beside_it():
    """The edge of F1.3's RAG fill came out of the flattening as a grey stripe, read '1 Ongoing'."""
    from actionplans.normalise.header import HeaderTest

    from actionplans.profile import load_profile

    doc = read_pdf(
        SCANNED / "leics-council-2023-borderless-scan300.pdf",
        ocr="auto",
        header_test=HeaderTest(load_profile("leics-council-2023")),
    )
    row = next(r for t in doc.tables for r in t.rows if r.cells[0].text.strip() == "F1.3")
    assert [c.text for c in row.cells][3:5] == ["", "Ongoing"]
    assert row.cells[3].fill is not None  # the RAG fill itself is still read


def test_pages_ocred_at_once_read_as_pages_ocred_one_by_one(tmp_path, monkeypatch):
    scan = SCANNED / "leics-county-2023-ruled-scan150.pdf"
    texts = []
    for pages in (1, 3):
        # each reads cold
        monkeypatch.setenv("ACTIONPLANS_OCR_CACHE", str(tmp_path / f"cache-{pages}"))
        doc = read_pdf(scan, ocr="auto", ocr_pages=pages)
        texts.append([[c.text for c in r.cells] for t in doc.tables for r in t.rows])
    assert texts[0] and texts[0] == texts[1]


def test_spare_jobs_go_to_the_pages_of_each_scan():
    from actionplans.ingest import pages_at_once

    # a second page keeps a second core busy
    assert pages_at_once(jobs=1, documents=1, cores=2) == 2
    assert pages_at_once(jobs=1, documents=10, cores=2) == 2
    # one scan, eight workers: eight pages at once
    assert pages_at_once(jobs=8, documents=1, cores=8) == 8
    assert pages_at_once(jobs=8, documents=2, cores=8) == 4
    # no core shared: ten scans on two workers and two cores read one page each (two each read
    # four pages at once on two cores, and took a fifth longer)
    assert pages_at_once(jobs=2, documents=10, cores=2) == 1
    assert pages_at_once(jobs=8, documents=100, cores=8) == 1


def test_a_lone_stroke_in_an_empty_ruled_cell_is_an_I_and_nowhere_else():
    """An 'L' whose foot a scan lost is a bare stroke tesseract will not read; alone in its cell it
    is given as 'I' (the normaliser reads a rating's 'I' as 'L'), with a confidence that makes a
    finding.
    """
    from actionplans.extract.ocr.engine import OcrWord
    from actionplans.extract.ocr.page import LOW_CONFIDENCE, _lone_stroke

    rules = [
        im.Segment(0, 100, 400, 100, "h"),
        im.Segment(0, 160, 400, 160, "h"),
        im.Segment(100, 100, 100, 160, "v"),
        im.Segment(200, 100, 200, 160, "v"),
    ]
    blob = np.zeros((12, 3), np.uint8)
    blob[:, 1] = 255  # one pixel wide, twelve tall
    stroke = _lone_stroke(blob, 130, 120, [], rules, 200)
    assert stroke is not None and stroke.text == "I" and stroke.conf < LOW_CONFIDENCE
    # against the cell's rule: a piece of the rule
    assert _lone_stroke(blob, 101, 120, [], rules, 200) is None
    word = OcrWord(150, 120, 190, 132, "Lead", 0.95, (1, 1, 1))
    assert _lone_stroke(blob, 130, 120, [word], rules, 200) is None  # beside a word in its cell
    assert _lone_stroke(blob, 130, 120, [], rules[:3], 200) is None  # not a closed cell
    round_speck = np.full((12, 12), 255, np.uint8)
    assert _lone_stroke(round_speck, 130, 120, [], rules, 200) is None


def test_a_cost_whose_L_lost_its_foot_in_the_scan_is_read_and_flagged(tmp_path):
    db = tmp_path / "scan300.duckdb"
    report = ingest([SCANNED / "leics-county-2023-ruled-scan300.pdf"], db=db, progress=False)
    assert report.ok, report.failed[0].message
    with Database(db, read_only=True) as d:
        cost = d.sql(
            "SELECT json_extract_string(attributes, '$.cost') FROM actions WHERE action_id = 'C16'"
        ).fetchone()
        flagged = d.sql(
            "SELECT count(*) FROM findings WHERE \"check\" = 'ocr_confidence' AND message LIKE"
            " '%''I''%'"
        ).fetchone()
        ids = [
            r[0]
            for r in d.sql("SELECT action_id FROM actions ORDER BY page, source_row").fetchall()
        ]
    assert cost == ("L",)
    assert flagged[0] >= 1  # read by its shape: the report shows it for a check
    assert ids == [f"C{i}" for i in range(1, 17)]


def _clean_page(path, number: int = 0) -> np.ndarray:
    """A scanned page as the OCR passes see it: rendered, squared up, rules and bands cleaned."""
    with pdfplumber.open(path) as pdf:
        rgb = im.render(pdf.pages[number], 200)
    rgb = im.deskew(im.unwarp_sheet(rgb), im.skew_angle(im.unwarp_sheet(rgb)))
    segs, mask = im.rules(rgb, 200)
    regions = im.fills(rgb, 200, mask)
    segs = im.drop_inside_bands(segs, mask, regions, 200)
    return im.clean_for_ocr(rgb, mask, regions, segs + im.band_rules(regions, segs, 200, rgb))


def test_a_pale_line_is_read_in_a_strip_thresholded_by_tiles():
    """On the greyscale scan the last line of B12's description ('public sector and business
    premises.') is pale grey: with one threshold for the strip tesseract finds no text in it, and
    with Leptonica's tiled threshold it reads it."""
    from actionplans.extract.ocr.page import _read_strip

    clean = _clean_page(SCANNED / "variants" / "leics-county-2023-ruled-grey150.pdf")
    rows = np.flatnonzero((clean[:, 317:642] < 128).sum(axis=1))
    # the line: the run of inked rows that begins nearest y=1278 (where the deskewed page has it)
    top = int(rows[np.abs(rows - 1278).argmin()])
    box = (317, top - 2, 642, top + 19)
    read = [w.text for w in _read_strip(clean, [box], 20, 200)]
    assert read == ["public", "sector", "and", "business", "premises."], read


def test_the_block_pass_reads_only_the_lines_the_sparse_pass_doubts():
    from actionplans.extract.ocr.engine import OcrWord
    from actionplans.extract.ocr.page import _doubted_lines

    page = np.full((200, 400), 255, np.uint8)
    page[20:36, 10:90] = 0  # a line read with confidence
    page[120:136, 10:90] = 0  # a line holding a doubted word
    sure = OcrWord(10, 20, 90, 36, "sure", 0.97, (1, 1, 1))
    doubted = OcrWord(10, 120, 90, 136, "doubt", 0.5, (2, 1, 1))
    masked = _doubted_lines(page, [sure, doubted])
    assert masked is not None
    assert (masked[20:36, 10:90] == 255).all()  # blanked: the block pass will not read it
    assert (masked[120:136, 10:90] == 0).all()  # kept as it was
    assert _doubted_lines(page, [sure]) is None  # nothing doubted: no block pass at all


def test_ocr_word_boundaries_hold_however_tight_the_gap():
    """Two OCR words 3 px apart ('Enforce' 'private' on the greyscale scan) stay two words: the
    engine said where its words end, and a text-layer gap test would join them."""
    from actionplans.extract.pdf.text import chars_to_words

    def char(text, x0, word):
        return {"text": text, "x0": x0, "x1": x0 + 4.0, "top": 0, "bottom": 8, "size": 8.0,
                "word": word}  # fmt: skip

    chars = [char("a", 0, 0), char("b", 4, 0), char("c", 8.5, 1), char("d", 12.5, 1)]
    assert [w.text for w in chars_to_words(chars)] == ["ab", "cd"]
    # text-layer characters (no word number) at the same gap are one word, as before
    plain = [{k: v for k, v in c.items() if k != "word"} for c in chars]
    assert [w.text for w in chars_to_words(plain)] == ["abcd"]


def test_a_light_fills_blurred_edge_is_whitened_where_the_background_window_reaches():
    """A JPEG-blurred RAG fill (CE1.2's green on the navy scan) left a grey stripe a few pixels
    inside its edge, read as 'i' and 'I' after the timescale beside it ('Ongoing i i')."""
    with pdfplumber.open(SCANNED / "leics-council-2023-borderless-navy200.pdf") as pdf:
        rgb = im.render(pdf.pages[0], 200)
    rgb = im.deskew(im.unwarp_sheet(rgb), im.skew_angle(im.unwarp_sheet(rgb)))
    segs, mask = im.rules(rgb, 200)
    regions = im.fills(rgb, 200, mask)
    segs = im.drop_inside_bands(segs, mask, regions, 200)
    clean = im.clean_for_ocr(rgb, mask, regions, segs + im.band_rules(regions, segs, 200, rgb))
    green = [r for r in regions if not r.dark and r.top < 570 < r.bottom and r.x0 > 1000]
    assert len(green) == 1, green
    r = green[0]
    cell = clean[r.top + 5 : r.bottom - 5, r.x0 - 3 : r.x1 + 3]
    # the stripe was 180-198 grey, six pixels wide down the whole cell, and tesseract read it
    assert int((cell < 200).sum()) < 10, "a stripe left in an empty RAG cell is read as letters"


def test_a_page_photographed_askew_keeps_its_short_cells_and_its_rows():
    """On the askew photograph every box the engine gives is a line and a half tall.  'Lead' in
    the role column beside 'support' was taken for a piece of that word (the gap was measured
    from the blob as dilated, not as inked), and 'to' of E20's second line, boxed over both
    lines, was moved onto the first line, where 'circular' stands: E20's text was scrambled."""
    doc = read_pdf(SCANNED / "leics-county-2023-ruled-accent150.pdf", ocr="auto")
    rows = {r.cells[0].text.strip(): [c.text for c in r.cells] for t in doc.tables for r in t.rows}
    assert rows["E19"][3] == "Lead" and rows["E21"][3] == "Lead"
    assert rows["E20"][2].startswith("Promote circular economy principles")
    assert "industry to decouple economic growth" in rows["E20"][2]


def test_a_two_line_box_keeps_the_line_no_other_word_stands_on():
    from actionplans.extract.ocr.engine import OcrWord
    from actionplans.extract.ocr.page import _tighten

    page = np.full((120, 300), 255, np.uint8)
    page[20:36, 40:200] = 0  # line one: 'circular', heavy ink
    page[50:64, 40:60] = 0  # line two: 'to', a little ink
    circular = OcrWord(40, 18, 200, 38, "circular", 0.97, (1, 1, 1))
    to = OcrWord(38, 16, 62, 66, "to", 0.96, (2, 1, 1))  # boxed over both lines
    others = [OcrWord(220, 18 + k, 260, 38 + k, "x", 0.9, (3, k, 1)) for k in range(3)]
    tight = {w.text: w for w in _tighten([circular, to, *others], page)}
    assert (tight["to"].top, tight["to"].bottom) == (50, 64)
    assert (tight["circular"].top, tight["circular"].bottom) == (18, 38)  # one line: as it was


def test_a_box_a_third_taller_than_its_ink_is_cut_to_it():
    """The fourth draw's phone photo: the bold section row 'Land Management and Use' was boxed
    31 px tall over 20 px of ink, so its line read as a heading in larger type and ended the table
    above three actions.  A box with blank rows a fifth of a line deep stands where its ink is;
    a box tight to its ink, or a pixel off, is left alone."""
    from actionplans.extract.ocr.engine import OcrWord
    from actionplans.extract.ocr.page import _tighten

    page = np.full((120, 400), 255, np.uint8)
    page[25:45, 40:100] = 0  # 'Land': 20 rows of ink ...
    land = OcrWord(40, 19, 100, 51, "Land", 0.95, (1, 1, 1))  # ... boxed 6 rows over each side
    page[25:45, 120:200] = 0
    near = OcrWord(120, 24, 200, 46, "Management", 0.96, (1, 1, 2))  # a pixel off: as it is
    others = []
    for k in range(3):
        page[70:90, 220 + 50 * k : 260 + 50 * k] = 0
        others.append(OcrWord(220 + 50 * k, 70, 260 + 50 * k, 90, "x", 0.9, (2, 1, k)))
    tight = {w.text: w for w in _tighten([land, near, *others], page)}
    assert (tight["Land"].top, tight["Land"].bottom) == (25, 45)
    assert (tight["Management"].top, tight["Management"].bottom) == (24, 46)


def test_workers_read_the_environment_as_it_is_when_ingest_is_called(tmp_path, monkeypatch):
    """Workers fork from a server that keeps the environment it started with: the OCR cache set
    after the first ingest of a process was not the one the next ingest's workers wrote to."""
    monkeypatch.setenv("ACTIONPLANS_OCR_CACHE", str(tmp_path / "first"))
    ingest([SAMPLES / "leics-council-2023.pdf"], db=tmp_path / "a.duckdb", progress=False)
    monkeypatch.setenv("ACTIONPLANS_OCR_CACHE", str(tmp_path / "second"))
    report = ingest(
        [SCANNED / "leics-county-2023-ruled-scan150.pdf"], db=tmp_path / "b.duckdb", progress=False
    )
    assert report.ok
    assert list((tmp_path / "second").glob("*.json")), "the scan's pages were cached elsewhere"
    assert not (tmp_path / "first").exists()


def test_a_line_read_in_fragments_is_read_again_whole():
    """On the askew photograph tesseract read 'ambitions and opportunities.' (E12's last line)
    as 'biti' and 'ities.' and left the rest unread; the second pass took that ink for pieces
    of the two words.  The run of fragments and the ink beside it are read again as one line."""
    from actionplans.extract.ocr.engine import OcrWord
    from actionplans.extract.ocr.page import _mend_fragments

    clean = _clean_page(SCANNED / "leics-county-2023-ruled-accent150.pdf")
    rows = np.flatnonzero((clean[:, 340:560] < 128).sum(axis=1))
    top = int(rows[np.abs(rows - 912).argmin()])  # the line's first inked row near y=912
    fragments = [
        OcrWord(347, top, 371, top + 13, "biti", 0.77, (73, 1, 1)),
        OcrWord(524, top - 2, 562, top + 13, "ities.", 0.93, (73, 1, 1)),
    ]
    mended = [w.text for w in _mend_fragments(clean, fragments, 200)]
    assert " ".join(mended) == "ambitions and opportunities.", mended


def _line_image(text: str) -> np.ndarray:
    image = Image.new("L", (520, 70), 255)
    ImageDraw.Draw(image).text((10, 20), text, fill=0, font=text_font(28))
    return np.asarray(image)


def test_crops_read_by_one_process_read_as_crops_read_one_by_one():
    """The second pass's crops go to tesseract as one list of images: each image's words come back
    in its own list, as reading it alone gives them."""
    from actionplans.extract.ocr.engine import ocr_batch, ocr_words

    crops = [_line_image(t) for t in ("T18 Electric fleet", "Ongoing", "Amber", "2025/26", "L")]
    alone = [[(w.text, w.x0, w.top) for w in ocr_words(c, 200, psm=6)] for c in crops]
    for processes in (1, 2):
        together = ocr_batch(crops, 200, psm=6, processes=processes)
        assert [[(w.text, w.x0, w.top) for w in ws] for ws in together] == alone
    assert alone[1][0][0] == "Ongoing" and alone[2][0][0] == "Amber"


def test_an_analysis_holding_numpy_numbers_is_still_cached(tmp_path):
    """OpenCV's boxes are NumPy integers: a page whose words kept one was never cached."""
    import json

    from actionplans.extract.ocr.page import write_cache

    path = tmp_path / "cache" / "page.json"
    write_cache(path, {"words": [{"top": np.int32(980), "conf": np.float32(0.5)}], "angle": 0.0})
    assert json.loads(path.read_text()) == {"words": [{"top": 980, "conf": 0.5}], "angle": 0.0}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("off", None),
        ("0", None),
        ("false", None),
        ("No", None),
        ("on", "default"),
        ("1", "default"),
        ("TRUE", "default"),
        ("/tmp/ocr-cache", "/tmp/ocr-cache"),
        ("my-cache", "my-cache"),
    ],
)
def test_ocr_cache_switch_words_are_not_folder_names(monkeypatch, value, expected):
    """``ACTIONPLANS_OCR_CACHE=on`` had cached pages in a folder called ``on``."""
    from pathlib import Path

    from actionplans.extract.ocr.page import CACHE_ENV, DEFAULT_CACHE, cache_dir

    monkeypatch.setenv(CACHE_ENV, value)
    want = DEFAULT_CACHE if expected == "default" else (Path(expected) if expected else None)
    assert cache_dir() == want
    monkeypatch.delenv(CACHE_ENV)
    assert cache_dir() == DEFAULT_CACHE


def test_a_table_pasted_as_a_picture_is_read_beside_tables_in_the_text(tmp_path):
    """A report with one action table in its text and another pasted as a screenshot: the text
    table's page gave a table, so pictures were never looked at and the pasted table's actions
    were lost.  A page with no table rows whose picture is mostly paper is read again by OCR;
    a photograph on a page of its own (dark, not paper) is not."""
    import pypdfium2 as pdfium
    from actionplans.extract.pages import PICTURE_PAPER, _paper_share
    from actionplans.normalise import normalise_document
    from PIL import Image
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from actionplans.pipeline import TableTest
    from actionplans.profile import load_profile

    with pdfplumber.open(SCANNED / "leics-county-2023-ruled-scan150.pdf") as pdf:
        table = pdf.pages[1].to_image(resolution=150).original.convert("RGB")
    photo = Image.fromarray(
        (np.random.default_rng(3).random((400, 600, 3)) * 120 + 20).astype(np.uint8)
    )
    width, height = landscape(A4)
    pictured = tmp_path / "pictured.pdf"
    c = canvas.Canvas(str(pictured), pagesize=(width, height))
    for picture, title in ((photo, "Our county"), (table, "Appendix 2: Resources and Waste")):
        buf = io.BytesIO()
        picture.save(buf, format="PNG")
        buf.seek(0)
        c.setFont("Helvetica-Bold", 14)
        c.drawString(40, height - 30, title)
        c.setFont("Helvetica", 9)
        c.drawString(40, height - 44, "The actions below are those of the Net Zero Action Plan.")
        c.drawString(40, 20, "Report to Cabinet, 12 March 2024")
        shown = (width - 80) * picture.size[1] / picture.size[0] * 0.9
        c.drawImage(ImageReader(buf), 40, height - 55 - shown, (width - 80) * 0.9, shown)
        c.showPage()
    c.save()
    # page 14 of the county plan, a table in its text (R1-R7 under its header), then the two
    report = pdfium.PdfDocument.new()
    report.import_pages(
        pdfium.PdfDocument(ROOT / "data/raw/samples/leics-county-2023-ruled.pdf"), [13]
    )
    report.import_pages(pdfium.PdfDocument(pictured))
    path = tmp_path / "report.pdf"
    report.save(path)
    with pdfplumber.open(path) as pdf:
        assert _paper_share(pdf.pages[1]) < PICTURE_PAPER <= _paper_share(pdf.pages[2])
    profile = load_profile("leics-county-2023")
    doc = read_pdf(path, header_test=TableTest(profile))
    assert [n.page for n in doc.notes if n.check == "table_in_image"] == [3]
    found = {a.action_id for a in normalise_document(doc, profile, ["county"]).actions}
    text_table = {a for a in found if a in {f"R{n}" for n in range(1, 8)}}
    assert text_table, sorted(found)  # the text table is still read from its text
    assert {f"R{n}" for n in range(8, 19)} <= found, sorted(found)


def test_a_word_left_unread_between_two_read_is_read_again():
    """The borderless county plan's page 14 in colour (sixteenth draw, read blind): the page-wide
    pass read 'Build on the of the' and left 'work' unread.  Its ink touches the words either
    side, so the second pass took it for a piece of them, and it is less than half their ink, as
    a stop or a comma beside a word is; but it is as wide as a word, so the line is read again
    whole."""
    from actionplans.extract.ocr.engine import OcrWord
    from actionplans.extract.ocr.page import _mend_fragments

    # between long words, as 'work' lay between 'the' and 'of' on the page (the ink of a page's
    # small words is thicker than of this drawn line's)
    clean = _line_image("support existing work opportunities")
    cols = np.flatnonzero((clean < 128).any(axis=0))
    rows = np.flatnonzero((clean < 128).any(axis=1))
    # the words as runs of inked columns split at gaps wider than a letter's
    runs = np.split(cols, np.flatnonzero(np.diff(cols) > 9) + 1)
    assert len(runs) == 4
    texts = ["support", "existing", "work", "opportunities"]
    read = [
        OcrWord(int(r[0]), int(rows[0]), int(r[-1]) + 1, int(rows[-1]) + 1, t, 0.96, (1, 1, 1))
        for r, t in zip(runs, texts, strict=True)
        if t != "work"
    ]
    mended = [w.text for w in sorted(_mend_fragments(clean, read, 200), key=lambda w: w.x0)]
    assert " ".join(mended) == "support existing work opportunities", mended


def test_a_word_boxed_off_its_line_and_read_again_by_the_mend_is_kept_once():
    """The borderless county plan's page 5 in greyscale, JPEG 50, turned 1.9 degrees (seventeenth
    draw, read blind): the page-wide pass boxed 'Secure' half a line high, over its upper half;
    the lower half, unread, was read again with 'funding' beside it, and B8's description began
    'Secure Secure funding'.  A word the mend reads again over the same columns and the same
    line is the one word."""
    from actionplans.extract.ocr.engine import OcrWord
    from actionplans.extract.ocr.page import _same_ink

    scan = "data/raw/samples/scanned/variants-seventeenth/leics-county-2023-borderless-grey200.pdf"
    words = fresh_page_words(ROOT / scan)
    funding = [w for w in words if w["text"] == "funding"]
    assert funding, "the line 'Secure funding to deliver ...' was not read"
    line = min(funding, key=lambda w: w["x0"])  # B8's, in the description column
    beside = [
        w
        for w in words
        if w["text"] == "Secure"
        and w["x1"] <= line["x0"] + 5
        and w["bottom"] > line["top"] - (line["bottom"] - line["top"])
        and w["top"] < line["bottom"]
    ]
    assert len(beside) == 1, beside

    def word(text, x0, top, x1, bottom):
        return OcrWord(x0, top, x1, bottom, text, 0.9, (1, 1, 1))

    assert _same_ink(word("Secure", 255, 205, 323, 227), word("Secure", 257, 221, 322, 238))
    # another word over the same columns on the line above, or beside it on the same line
    assert not _same_ink(word("Secure", 255, 180, 323, 200), word("Secure", 257, 221, 322, 238))
    assert not _same_ink(word("Secure", 255, 205, 323, 227), word("Secured", 330, 221, 400, 238))
    assert not _same_ink(word(",", 255, 205, 260, 227), word(",", 255, 205, 260, 227))


def test_a_dash_between_two_words_is_read_by_its_length():
    """The engine reads a hyphen, an en dash and an em dash set between words as '-', '—' or '~'
    as it likes (the council plan's 'action plan – to include' read with a hyphen on the draws'
    pages).  Measured against the line's letters, each is read as the dash its length shows; the
    engine's '-' stays unless the stroke is longer than any hyphen measured (small type's blur
    lengthens a hyphen); a dash with no word on one side (a list's bullet) is left as read."""
    from actionplans.extract.ocr.engine import OcrWord
    from actionplans.extract.ocr.page import _dashes

    def read(text: str, as_read: str = "-") -> list[str]:
        clean = _line_image(text)
        cols = np.flatnonzero((clean < 128).any(axis=0))
        runs = np.split(cols, np.flatnonzero(np.diff(cols) > 7) + 1)
        words = []
        for run, token in zip(runs, text.split(), strict=True):
            # each word boxed to its own ink, as the engine boxes it
            inked = np.flatnonzero((clean[:, run[0] : run[-1] + 1] < 128).any(axis=1))
            top, bottom = inked[0], inked[-1] + 1
            shown = as_read if token in "-–—" else token
            words.append(
                OcrWord(int(run[0]), int(top), int(run[-1]) + 1, int(bottom), shown, 0.9, (1, 1, 1))
            )
        return [w.text for w in _dashes(words, clean)]

    assert read("the plan – to include") == ["the", "plan", "–", "to", "include"]
    assert read("the plan – to include", as_read="~") == ["the", "plan", "–", "to", "include"]
    assert read("the trial - complete") == ["the", "trial", "-", "complete"]
    assert read("the trial - complete", as_read="—") == ["the", "trial", "-", "complete"]
    assert read("the Strategy — progress") == ["the", "Strategy", "—", "progress"]
    # no word before it: a bullet, left as the engine read it
    assert read("— progress made", as_read="~") == ["~", "progress", "made"]


def test_an_ocr_id_alone_in_its_series_loses_a_stroke_its_themes_initials_do_not_have():
    """'MGI1.1' (two draws' banded council pages): the one action of the Management & Governance
    workstream, first of its section, so no neighbour implies its ID; its theme's initials are MG.
    Letters the initials begin with as read, a typed ID, and initials that back neither stay."""
    from actionplans.extract.records import RawCell, RawDocument, RawRow, RawTable
    from actionplans.normalise import normalise_document

    from actionplans.profile import load_profile

    profile = load_profile("leics-council-2023")

    def ids(theme: str, read: str, confidence: float | None = 0.9) -> list[str]:
        entries = [
            ("Workstream: Finance", ""),
            ("F1.1", "Track the cost"),
            ("F1.2", "Find funding"),
            (f"Workstream: {theme}", ""),
            (read, "Review the governance structure"),
            ("Workstream: Decision Making and Procurement", ""),
            ("DM1.1", "Integrate carbon impact"),
            ("DM1.2", "Pilot working with suppliers"),
        ]
        rows = [RawRow((RawCell("Action ID"), RawCell("Action")), 0, 0, page=1)]
        for i, (first, second) in enumerate(entries):
            conf = None if first.startswith("Workstream") else confidence
            cells = (RawCell(first, confidence=conf), RawCell(second, confidence=conf))
            rows.append(RawRow(cells, 0, i + 1, page=1))
        raw = RawDocument(
            path="t.pdf", sha256="0", format="pdf", extractor="test", tables=[RawTable(0, rows)]
        )
        doc = normalise_document(raw, profile, ["council"])
        return [a.action_id for a in doc.actions]

    assert ids("Management & Governance", "MGI1.1")[2] == "MG1.1"
    assert ids("Management & Governance", "MGI1.1", None)[2] == "MGI1.1"  # typed
    assert ids("Management, Governance and Innovation", "MGI1.1")[2] == "MGI1.1"
    assert ids("Waste", "MGI1.1")[2] == "MGI1.1"  # the initials back neither
