"""Normalisers are total (never raise on any string) and idempotent (running twice changes
nothing)."""

from __future__ import annotations

import doctest
import importlib

import pytest
from actionplans.normalise import text, vocab
from actionplans.normalise.header import match_header_cell
from actionplans.normalise.ids import read_id_cell, repair_from_sequence
from actionplans.normalise.split import split_names
from hypothesis import given, settings
from hypothesis import strategies as st

from actionplans.profile import load_profile

BASE = load_profile("base")
COUNTY = load_profile("leics-county-2023")
noisy = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60
) | st.sampled_from(
    [
        "Т1",
        "В33",
        "м/н",
        "Ĺ",
        "ı",
        "твс",
        "S/M- L",
        "Competed",
        "ln progress",
        "<b>–</b>",
        "811",
        "50 ✓",
        "Apr-25",
        "  ",
    ]
)


@given(noisy)
@settings(max_examples=300, deadline=None)
def test_text_cleaners_total_and_idempotent(s):
    for fn in (
        text.fold_lookalikes,
        text.clean_text,
        text.fold_mixed_script_words,
        text.header_key,
    ):
        once = fn(s)
        assert isinstance(once, str)
        assert fn(once) == once


@given(noisy)
@settings(max_examples=300, deadline=None)
def test_vocab_normalisers_total_and_idempotent(s):
    ratings = COUNTY.ratings
    for fn in (
        lambda x: vocab.canon_rating(x, ratings),
        lambda x: vocab.canon_timescale(x, ("S", "M", "L")),
        lambda x: vocab.canon_choice(x, COUNTY.stage_vocab),
        vocab.canon_month,
        vocab.canon_objectives,
    ):
        value, _ = fn(s)
        if value is not None:
            again, rule = fn(value)
            assert again == value
            assert rule is None or value == again


@given(noisy)
@settings(max_examples=200, deadline=None)
def test_id_and_header_readers_total(s):
    cell = read_id_cell(s, COUNTY)
    if cell.action_id:
        assert read_id_cell(cell.action_id, COUNTY).action_id == cell.action_id
        assert cell.action_id.isascii()
    match_header_cell(s, BASE)
    repair_from_sequence(s, "B10", "B12", COUNTY)
    names = split_names(s, COUNTY.partners)
    assert all(n and n == n.strip() for n in names)


@pytest.mark.parametrize(
    "module",
    [
        "actionplans.normalise.text",
        "actionplans.normalise.vocab",
        "actionplans.normalise.header",
        "actionplans.normalise.ids",
        "actionplans.normalise.split",
        "actionplans.normalise.colour",
        "actionplans.normalise.spelling",
        "actionplans.profile",
        "actionplans.store.database",
    ],
)
def test_docstring_examples(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0


def test_repair_needs_agreeing_neighbours():
    assert repair_from_sequence("811", "B10", "B12", COUNTY) == ("B11", "neighbours B10 and B12")
    assert repair_from_sequence("811", "T10", "T12", COUNTY) == (None, None)
    assert repair_from_sequence("811", None, None, COUNTY) == (None, None)
    # damaged past reading ('4o' for T6 atop a scanned page, fifteenth draw): both rows beside
    # it name the same ID; not when they disagree, nor for a word or another series' ID
    assert repair_from_sequence("4O", "T5", "T7", COUNTY) == ("T6", "neighbours T5 and T7")
    assert repair_from_sequence("4O", "T5", "T8", COUNTY) == (None, None)
    assert repair_from_sequence("4O", "T5", None, COUNTY) == (None, None)
    assert repair_from_sequence("NB", "T5", "T7", COUNTY) == (None, None)


def test_an_id_with_one_letter_more_than_both_neighbours_imply_is_that_id():
    """The banded council plan's page 2 in colour (sixteenth draw, read blind) read LD1.2 as
    'LBD1.2' between LD1.1 and LD1.3.  One letter more than the ID both neighbours imply is that
    ID; not with one neighbour, not when they disagree, not for a digit more."""
    council = load_profile("leics-council-2023")
    want = ("LD1.2", "neighbours LD1.1 and LD1.3")
    assert repair_from_sequence("LBD1.2", "LD1.1", "LD1.3", council) == want
    assert repair_from_sequence("LBD1.2", "LD1.1", None, council) == (None, None)
    assert repair_from_sequence("LBD1.2", "LD1.1", "LD1.4", council) == (None, None)
    assert repair_from_sequence("LD1.22", "LD1.1", "LD1.3", council) == (None, None)
    assert repair_from_sequence("TX6", "T5", "T7", COUNTY) == ("T6", "neighbours T5 and T7")


@pytest.mark.parametrize(
    "fill, rag",
    [
        ("#017e70", "Green"),
        ("#00b050", "Green"),
        ("#ffc000", "Amber"),
        ("#c00000", "Red"),
        ("#00b0f0", None),
        ("#0070c0", None),
        ("#d9d9d9", None),
    ],
)
def test_rag_hue_bands(fill, rag):
    from actionplans.normalise.colour import rag_from_colour

    assert rag_from_colour(fill) == rag


def test_strict_turns_noise_into_an_error(tmp_path):
    """The style guide's promise (issue 21): noise is repaired and logged, or with strict=True
    refused."""
    import pytest
    from actionplans.extract import read_document
    from actionplans.normalise import StrictModeError, normalise_document

    from actionplans.profile import load_profile

    clean, noisy = tmp_path / "clean.md", tmp_path / "noisy.md"
    table = (
        "| Action ID | Action | Lead |\n|---|---|---|\n| {} | Deliver the bus strategy. |"
        " Transport |\n"
    )
    clean.write_text(table.format("T1"), encoding="utf-8")
    noisy.write_text(table.format("Т1"), encoding="utf-8")  # a Cyrillic Te
    base = load_profile("base")
    assert (
        normalise_document(read_document(clean), base, ["main"], strict=True).actions[0].action_id
        == "T1"
    )
    # repaired, logged
    assert normalise_document(read_document(noisy), base, ["main"]).actions[0].action_id == "T1"
    with pytest.raises(
        StrictModeError, match=r"noisy.md: strict: 1 corrections .*lookalike_letters"
    ):
        normalise_document(read_document(noisy), base, ["main"], strict=True)


def test_a_lone_comma_between_names_does_not_break_the_splitter():
    """Found by the property test: a ``,`` token first left an empty name, and the check for a
    connector after it indexed an empty list."""
    from actionplans.normalise.split import split_names

    assert split_names(", Districts", ()) == ["Districts"]


@pytest.mark.parametrize(
    "token, prev_id, next_id, want",
    [
        ("F13", "F1.2", "F1.4", "F1.3"),  # the dot lost
        ("Fl.4", "F1.3", "F1.5", "F1.4"),  # a digit read as a letter
        ("FLS", "F1.4", "F1.6", "F1.5"),  # both, as a blurred photo gives them
        ("OM1.1", None, "DM1.2", None),  # the prefix's first letter is not guessed
        ("F17", "F1.2", "F1.4", None),  # not the ID the neighbours imply
    ],
)
def test_a_numbered_id_read_without_its_dot_is_repaired_from_its_neighbours(
    token, prev_id, next_id, want
):
    council = load_profile("leics-council-2023")
    got, _ = repair_from_sequence(token, prev_id, next_id, council)
    assert got == want


def test_an_ocr_read_stage_takes_the_term_it_clearly_reads_as_and_a_typed_one_does_not():
    """'Orscovery' read by OCR is Discovery (letters misread), logged as ``ocr_vocabulary``; the
    same word in a text layer is what the council typed and stays a vocabulary finding."""
    from actionplans.extract.records import RawCell, RawDocument, RawRow, RawTable
    from actionplans.normalise import normalise_document

    from actionplans.profile import load_profile

    header = ("Action", "Action", "LCC Role", "Project stage")
    body = ("T30", "Investigate freight by rail.", "Ask", "Orscovery")

    def doc(confidence):
        rows = [
            RawRow(tuple(RawCell(t) for t in header), 0, 0, 1),
            RawRow(tuple(RawCell(t, confidence=confidence) for t in body), 0, 1, 1),
        ]
        return RawDocument("x.pdf", "0" * 64, "pdf", "t@0", [RawTable(0, rows)])

    profile = load_profile("leics-county-2023")
    ocr = normalise_document(doc(0.9), profile, ["county"]).actions
    typed = normalise_document(doc(None), profile, ["county"]).actions
    assert [a.stage for a in ocr] == ["Discovery"]
    assert any(c.rule == "ocr_vocabulary" for c in ocr[0].corrections)
    assert [a.stage for a in typed] == ["Orscovery"]


def _year_grid(cells):
    """Three actions under a header whose last three columns are the years 2023-2025."""
    from actionplans.extract.records import RawCell, RawDocument, RawRow, RawTable

    header = ("Action ID", "Action", "Lead", "2023", "2024", "2025")
    rows = [RawRow(tuple(RawCell(t) for t in header), 0, 0, page=1)]
    for i in range(1, 4):
        own = (f"A{i}", f"Install heat pumps in council building number {i}", "Head of Property")
        rows.append(RawRow(tuple(RawCell(t) for t in own) + cells(i), 0, i, page=1))
    return RawDocument("x.pdf", "0" * 64, "pdf", "test", tables=[RawTable(0, rows, page=1)])


def test_a_gantt_cell_marked_in_text_is_a_delivery_year_and_words_under_a_year_are_kept():
    from actionplans.extract.records import RawCell
    from actionplans.normalise import normalise_document

    base = load_profile("base")
    marked = normalise_document(
        _year_grid(lambda i: (RawCell("X"), RawCell(""), RawCell("✓"))), base, ["main"]
    ).actions[0]
    assert marked.attributes["delivery_years"] == ["2023", "2025"]
    assert not marked.corrections
    written = normalise_document(
        _year_grid(lambda i: (RawCell("Survey done, works ordered"), RawCell(""), RawCell("7"))),
        base,
        ["main"],
    ).actions[0]
    assert written.attributes["year_notes"] == {"2023": "Survey done, works ordered"}
    assert "delivery_years" not in written.attributes
    # a number under a year is no mark: logged, as before
    assert [(c.raw_value, c.rule) for c in written.corrections] == [("7", "page_number_in_cell")]


def _table(header, body, confidence=None):
    from actionplans.extract.records import RawCell, RawDocument, RawRow, RawTable

    def cell(text, conf):
        lines = tuple(text) if isinstance(text, tuple) else ()
        return RawCell(" ".join(lines) if lines else text, lines=lines, confidence=conf)

    rows = [RawRow(tuple(cell(t, confidence) for t in header), 0, 0, 1)]
    rows += [
        RawRow(tuple(cell(t, confidence) for t in texts), 0, i + 1, 1)
        for i, texts in enumerate(body)
    ]
    return RawDocument("x.pdf", "0" * 64, "pdf", "test", tables=[RawTable(0, rows, page=1)])


def test_an_ocr_read_timescale_word_is_put_right_from_the_documents_own_timescales():
    """The seventh draw's banded page read one 'Ongoing' as 'Ongving'; the document writes
    'Ongoing' in its other rows.  A typed cell keeps what the council typed."""
    from actionplans.normalise import normalise_document

    profile = load_profile("leics-council-2023")
    header = ("Action ID", "Project Description", "Timescale", "Project stage")
    body = [
        (
            f"F1.{i}",
            f"Track the cost of project {i}",
            "Ongving" if i == 4 else "Ongoing",
            "Delivery",
        )
        for i in range(1, 6)
    ]
    ocr = normalise_document(_table(header, body, 0.9), profile).actions
    assert [a.timescale for a in ocr] == ["Ongoing"] * 5
    fixed = [c for c in ocr[3].corrections if c.field == "timescale"]
    assert [(c.raw_value, c.clean_value, c.rule) for c in fixed] == [
        ("Ongving", "Ongoing", "ocr_word")
    ]
    typed = normalise_document(_table(header, body), profile).actions
    assert typed[3].timescale == "Ongving"


def test_an_id_column_read_into_the_description_column_is_cut_out_of_it():
    """A header cell naming the ID and the description in order (``Action ID Project
    Description``): the column is two, each cell under it its ID and its text, logged."""
    from actionplans.normalise import normalise_document

    profile = load_profile("leics-council-2023")
    header = ("Action ID Project Description", "Timescale", "Project stage")
    body = [
        ("F1.1 Track the financial cost of projects", "Ongoing", "Delivery"),
        ("and savings of each", "", ""),
        ("F1.2 Investigate innovative funding", "2022-23", "Design"),
    ]
    doc = normalise_document(_table(header, body), profile)
    assert [(a.action_id, a.description, a.timescale) for a in doc.actions] == [
        ("F1.1", "Track the financial cost of projects and savings of each", "Ongoing"),
        ("F1.2", "Investigate innovative funding", "2022-23"),
    ]
    splits = [c for a in doc.actions for c in a.corrections if c.rule == "merged_id_column_split"]
    assert [(c.raw_value, c.clean_value) for c in splits] == [
        (
            "F1.1 Track the financial cost of projects",
            "F1.1 | Track the financial cost of projects",
        ),
        ("F1.2 Investigate innovative funding", "F1.2 | Investigate innovative funding"),
    ]
    # read by OCR, an ID too damaged for the pattern ('FL' for F1.1) is cut out too and read
    # from its neighbours
    scan = [("FL Track the cost", "Ongoing", "Delivery")] + [
        (f"F1.{n} Do thing {n}", "Ongoing", "Delivery") for n in (2, 3)
    ]
    doc = normalise_document(_table(header, scan, 0.9), profile)
    assert [(a.action_id, a.description) for a in doc.actions] == [
        ("F1.1", "Track the cost"),
        ("F1.2", "Do thing 2"),
        ("F1.3", "Do thing 3"),
    ]
    # a cell that names one field only is left alone
    plain = _table(("Action ID", "Project Description"), [("F1.1", "Track the cost")])
    doc = normalise_document(plain, profile)
    assert [(a.action_id, a.description) for a in doc.actions] == [("F1.1", "Track the cost")]
    assert not [c for a in doc.actions for c in a.corrections if c.rule == "merged_id_column_split"]


def test_a_section_row_read_into_a_header_cells_last_line_is_the_section_of_the_rows_below():
    """``Action ID`` / ``Workstream: Finance`` in one header cell (a scan with no rule under its
    header): the line is taken out of the header and is the theme of the rows under it."""
    from actionplans.normalise import normalise_document

    profile = load_profile("leics-council-2023")
    header = (("__ Action ID", "Workstream: Finance"), "Project Description", "Timescale")
    body = [
        ("F1.1", "Track the cost", "Ongoing"),
        ("Workstream: Management & Governance", "", ""),
        ("MG1.1", "Review governance", "Sep-22"),
    ]
    doc = normalise_document(_table(header, body), profile)
    assert [(a.action_id, a.theme, a.description) for a in doc.actions] == [
        ("F1.1", "Finance", "Track the cost"),
        ("MG1.1", "Management & Governance", "Review governance"),
    ]
    moved = [c for c in doc.corrections if c.rule == "section_line_out_of_header"]
    assert [c.raw_value for c in moved] == ["Workstream: Finance"]
    # both faults in one cell, as a banded scan read them
    header = (("__ Action", "ID Project Description", "Workstream: Finance"), "Timescale")
    doc = normalise_document(_table(header, [("F1.1 Track the cost", "Ongoing")], 0.9), profile)
    assert [(a.action_id, a.theme, a.description) for a in doc.actions] == [
        ("F1.1", "Finance", "Track the cost")
    ]


def test_an_ocr_read_row_with_a_scrap_for_its_id_is_an_action_not_a_continuation():
    """The sixth draw's photographed Appendix B read E1-E7 as 'gl', 'gE}', 'ea', 'n' ...: each
    row, with its description starting a sentence and its team and dates written, was merged into
    the action above as a wrapped line.  Such a row is an action, its ID flagged as read; a
    wrapped line still carries on the row above."""
    from actionplans.normalise import normalise_document

    profile = load_profile("leics-2025")
    header = ("Action ID", "Action", "LCC team leads", "Partners", "Start", "End")
    body = [
        ("B5", "Work collaboratively on energy", "Carbon Team", "Hub", "Apr-25", "Mar-26"),
        ("gl", "Develop a Digital Strategy", "Growth Service", "TBC", "Apr-27", "Mar-30"),
        ("gE}", "Support the delivery of LCAN work", "Carbon Team", "LCAN", "Apr-25", "Mar-26"),
        ("EA 3", "Work with partners when possible", "Carbon Team", "LCAN", "Apr-25", "Mar-26"),
        ("", "and consider the role of digital", "", "", "", ""),
    ]  # fmt: skip
    doc = normalise_document(_table(header, body, 0.9), profile, ["council", "county"])
    assert [a.action_id_raw for a in doc.actions] == ["B5", "gl", "gE}", "EA 3"]
    assert doc.actions[3].description.endswith("and consider the role of digital")
    # in the plan of the action above them, not the document's first plan
    assert [a.plan for a in doc.actions] == ["county"] * 4
    assert all(any(f.check == "id_pattern" for f in a.findings) for a in doc.actions[1:3]), (
        "an ID read as a scrap is flagged"
    )
    assert doc.actions[3].action_id == "EA3"  # its dot read as a space: folded, it fits
    # typed text is what the council wrote: no OCR scrap there
    typed = normalise_document(_table(header, body), profile, ["council", "county"])
    assert [a.action_id_raw for a in typed.actions] == ["B5", "EA 3"]


def _ocr_table(header: tuple[str, ...], body: list[tuple[str, ...]]):
    """A one-table document: ``header`` as typed, each row of ``body`` as OCR read it."""
    from actionplans.extract.records import RawCell, RawDocument, RawRow, RawTable

    rows = [RawRow(tuple(RawCell(t) for t in header), 0, 0, 1)]
    rows += [
        RawRow(tuple(RawCell(t, confidence=0.9) for t in r), 0, i + 1, 1)
        for i, r in enumerate(body)
    ]
    return RawDocument("x.pdf", "0" * 64, "pdf", "t@0", [RawTable(0, rows)])


def test_an_id_fitting_no_pattern_in_a_two_plan_document_is_repaired_from_the_page():
    """Appendix B's last page scanned (eighth draw): 'EAL' for EA1, first of its page under a row
    whose ID OCR read as 'OS'.  An ID that fits no plan's pattern takes the row above's plan, a
    guess (here the council's, whose IDs are LCC.n); looked for among that plan's actions alone
    its neighbours were none and it stayed 'EAL'.  Its neighbours on the page, of whichever plan,
    name it; a token they do not imply is left as read."""
    from actionplans.normalise import normalise_document

    header = ("Action ID", "Action", "LCC team leads", "Partners")
    body = [
        ("LCC.14", "Report on the council's own emissions.", "Council", "Districts"),
        ("OS", "Develop and deliver engagement activities.", "Council", "Districts"),
        ("EAL", "Deliver the LCAN demonstrator project.", "Council", "Districts"),
        ("EA2", "Engage with the Government.", "Council", "Districts"),
        ("EA3", "Work with partners on research.", "Council", "Districts"),
    ]
    raw = _ocr_table(header, body)
    clean = normalise_document(raw, load_profile("leics-2025"), ["council", "county"])
    got = [(a.action_id, a.plan) for a in clean.actions]
    assert ("EA1", "county") in got, got
    assert ("OS", "council") in got, got  # C5: no neighbour implies it
    # read from its neighbours, or, an L being among the letters OCR reads for a 1, on its own
    fixed = [
        c
        for a in clean.actions
        for c in a.corrections
        if c.rule in ("id_from_sequence", "ocr_lookalike")
    ]
    assert [(c.raw_value, c.clean_value) for c in fixed] == [("EAL", "EA1")]


@pytest.mark.parametrize(
    "token,prev_id,next_id,want",
    [
        ("£32", "E31", "E33", "E32"),  # the prefix's letter read as a symbol
        ("€32", "E31", "E33", "E32"),
        ("£32", "E31", None, "E32"),  # the last of its page: the one neighbour implies it
        ("£32", "E31", "E34", None),  # the neighbours disagree
        ("12", "T1", "T3", None),  # a digit for a letter only as digit_letters has it ('8': B)
        ("F32", "E31", "E33", None),  # a letter for a letter: another prefix, not a misreading
        ("£321", "E31", "E33", None),  # not the implied ID's length
    ],
)
def test_an_id_whose_prefix_letter_ocr_read_as_a_symbol_is_named_by_its_neighbours(
    token, prev_id, next_id, want
):
    """The ninth draw's county plan in colour read E32 as '£32' (found after that draw's blind
    read): a token that fits no pattern and differs from the one ID its neighbours imply in a
    single character of the prefix, a symbol where the ID has a letter, is that ID.  Appendix
    B's '12' for T2 is not this rule's: '1' is no letter T by the profile's digit_letters (the
    walk reads it as a letter read as a '1' before the number, tested below)."""
    county = load_profile("leics-county-2023")
    got, _ = repair_from_sequence(token, prev_id, next_id, county)
    assert got == want


def test_a_wrapped_line_in_a_table_without_ids_joins_the_action_above():
    """The ninth draw's borderless county plan in greyscale (after its read): the cross-cutting
    tables have no ID column, and the scan's line spacing cut wrapped lines into rows of their
    own; each became an action, renumbering those after it (CC.L2 was 'Programme.').  A row with
    nothing in the short columns whose description carries on the last one's open sentence (in
    small letters, or as its last words), or that has no description at all, joins the action
    above; a row starting its own sentence after a closed one, or with a stage, is an action."""
    from actionplans.normalise import normalise_document

    header = ("Leadership", "Project status", "RAG", "Update")
    body = [
        ("1. Achieve net zero by delivering the Carbon Reduction", "Delivery", "", "On track"),
        ("Programme.", "", "", "for this year."),
        ("Assess the emissions from the council's supply chain,", "Design", "", "Started"),
        ("including working with our suppliers.", "", "", ""),
        ("", "", "", "Further work planned."),
        ("Strive to provide easy to understand climate information.", "Design", "", "Planned"),
        ("Support carbon capture approaches.", "", "", "Not started"),
    ]
    raw = _ocr_table(header, body)
    clean = normalise_document(raw, COUNTY, ["county"])
    got = [(a.description, a.stage) for a in clean.actions]
    assert got == [
        ("Achieve net zero by delivering the Carbon Reduction Programme.", "Delivery"),
        (
            "Assess the emissions from the council's supply chain, including working with our "
            "suppliers.",
            "Design",
        ),
        ("Strive to provide easy to understand climate information.", "Design"),
        ("Support carbon capture approaches.", None),
    ], got
    assert clean.actions[1].update_text == "Started Further work planned."


def test_a_run_of_ids_ocr_lost_is_read_as_the_series_above_carried_on():
    """Appendix B's pages 4-5 photographed (twelfth draw, read blind): E3 to E7 read as '5',
    'Ba', 'gs', '56', 'a7', the column's letters lost, between E2 and the next theme's R1.  Two
    or more IDs in a row that no pattern or series places carry on the series above when the ID
    below goes on from there; a run the ID below does not close stays as read, flagged."""
    from actionplans.normalise import normalise_document

    header = ("Action ID", "Action", "LCC team leads", "Partners")

    def row(token, n):
        return (token, f"Deliver project number {n} with partners.", "Growth Service", "TBC")

    tokens = ["E1", "E2", "5", "Ba", "gs", "56", "a7", "R1", "R2"]
    body = [row(t, n) for n, t in enumerate(tokens)]
    clean = normalise_document(_ocr_table(header, body), load_profile("leics-2025"), ["county"])
    got = [a.action_id for a in clean.actions]
    assert got == ["E1", "E2", "E3", "E4", "E5", "E6", "E7", "R1", "R2"], got
    fixed = [c for a in clean.actions for c in a.corrections if c.rule == "id_from_sequence"]
    assert [(c.raw_value, c.clean_value) for c in fixed][:2] == [("5", "E3"), ("BA", "E4")]
    assert not any(f.check == "id_pattern" for a in clean.actions for f in a.findings)

    # the ID below skips a number: the run's length does not fit, nothing is guessed
    tokens = ["E1", "E2", "5", "Ba", "E6"]
    body = [row(t, n) for n, t in enumerate(tokens)]
    clean = normalise_document(_ocr_table(header, body), load_profile("leics-2025"), ["county"])
    assert [a.action_id for a in clean.actions][2:4] != ["E3", "E4"]

    # bare numbers that count on by themselves are a numbered plan, not a lost series
    tokens = ["E1", "E2", "1", "2", "3", "R1"]
    body = [row(t, n) for n, t in enumerate(tokens)]
    clean = normalise_document(_ocr_table(header, body), load_profile("leics-2025"), ["county"])
    assert [a.action_id for a in clean.actions][2:5] == ["1", "2", "3"]


def test_an_id_ocr_read_letter_by_letter_with_specks_between_is_read():
    """The banded council plan in colour at 160 dpi (twelfth draw): DM1.7 read as
    'D wa M vs 1 . 7', each character a word and specks read as small letters between."""
    council = load_profile("leics-council-2023")
    assert read_id_cell("D wa M vs 1 . 7", council).action_id == "DM1.7"
    assert read_id_cell("to be in", council).action_id is None
    assert read_id_cell("see a CE", council).action_id is None


def test_a_body_row_whose_words_are_labels_is_no_new_header():
    """The banded council plan at 160 dpi (twelfth draw): MG1.1's last line ('action plan') ran
    into the 'Workstream:' row under it, whose update cell said 'Action to be archived'.  Read
    as a header ('Workstream' a theme column, 'action plan' a description), it turned every ID
    below into a theme.  Under a table's own header, a row naming fewer than two of its fields
    and fewer than four of its own is a body row; the theme row's line names the theme."""
    from actionplans.normalise import normalise_document

    council = load_profile("leics-council-2023")
    header = ("Action ID", "Project Description", "Timescale", "Project stage")
    body = [
        ("MG1.1", "Review and develop a new governance structure", "Sep-22", "Completed"),
        (
            "Workstream:",
            ("action plan", "Decision Making and Procurement"),
            "",
            "Action to be archived.",
        ),
        ("DM1.1", "Integrate the carbon impact of projects", "2022-23", "Completed"),
        ("DM1.2", "Pilot working with key suppliers", "2024-25", "Discovery"),
    ]
    clean = normalise_document(_table(header, body, 0.9), council, ["council"])
    got = [(a.action_id, a.theme) for a in clean.actions]
    assert got == [
        ("MG1.1", None),
        ("DM1.1", "Decision Making and Procurement"),
        ("DM1.2", "Decision Making and Procurement"),
    ], got
    # the table's header repeated further down is still a header
    body.insert(2, header)
    clean = normalise_document(_table(header, body, 0.9), council, ["council"])
    assert [a.action_id for a in clean.actions] == ["MG1.1", "DM1.1", "DM1.2"]


@pytest.mark.parametrize(
    "seen,meant",
    [
        ("informaton", "information"),
        ("organisabons", "organisations"),
        ("consumpbon", "consumption"),
        ("parbcipation", "participation"),
        ("carbon", None),  # a '-bon' English writes
        ("cotton", None),
        ("bed", None),  # an English word: no 'b' read for 'ti' ('tied')
    ],
)
def test_a_ti_a_phone_photo_ran_together_is_put_back(seen, meant):
    """The county plan's page 16 photographed (twelfth draw): 'organisabons', 'consumpbon',
    'informaton', 'parbcipation'.  The document writing 'tied' often does not make 'bed' it."""
    from actionplans.normalise.spelling import Lexicon

    lexicon = Lexicon.from_texts(["tied"] * 3)
    got = lexicon.meant(seen, mid_sentence=True)
    assert (got[0] if got else None) == meant


def test_a_speck_read_as_a_quote_before_an_id_is_left_out():
    """The borderless county plan at JPEG 50 (twelfth draw) read B21 as '" B21'."""
    county = load_profile("leics-county-2023")
    cell = read_id_cell('" B21', county)
    assert (cell.action_id, cell.rule) == ("B21", "ocr_speck")
    assert read_id_cell('"Quoted text"', county).action_id is None
    # a cell's edge read as an opening bracket ('(LD1.2', a photographed page); a bracket that
    # closes is the council's
    council = load_profile("leics-council-2023")
    assert (read_id_cell("(LD1.2", council).action_id, read_id_cell("(LD1.2", council).rule) == (
        "LD1.2",
        "ocr_speck",
    )
    assert read_id_cell("(a) LD1.2", council).action_id is None


def test_a_section_row_after_a_blank_margin_column_and_a_running_footer():
    """The same scan read a blank margin as the table's first column: the section row
    'Policy' | 'and Strategy' started in the second cell and was taken for the last action's
    wrapped text; it names the section.  The page's footer, read into the table as a row of its
    own ('Net Zero Leicestershire | December 2023'), names none: dropped and logged."""
    from actionplans.normalise import normalise_document

    county = load_profile("leics-county-2023")
    header = ("", "Action ID", "Action", "Timescales", "Project stage")
    body = [
        ("", "B17", "Provide support to develop supply chains and skills.", "M", "Design"),
        ("", "Policy", "and Strategy", "", ""),
        ("", "B18", "Implement national planning policy.", "S/M", "Design"),
        ("", "Net Zero", "Leicestershire December 2023", "", ""),
        ("", "B19", "Develop consistent local planning policies.", "S/M", "Design"),
    ]
    clean = normalise_document(_table(header, body, 0.9), county, ["county"])
    got = [(a.action_id, a.description, a.section) for a in clean.actions]
    assert got == [
        ("B17", "Provide support to develop supply chains and skills.", None),
        ("B18", "Implement national planning policy.", "Policy and Strategy"),
        ("B19", "Develop consistent local planning policies.", "Policy and Strategy"),
    ], got
    assert [c.rule for c in clean.corrections if c.rule == "page_furniture"] == ["page_furniture"]


def test_a_series_letter_read_as_a_one_and_a_run_under_another_theme():
    """Appendix B in greyscale (ninth draw) read T2 as '12' between T1 and T3: a one-letter
    series' letter read as a '1' before the number is that series' ID.  A run of lost IDs under
    a theme other than the ID above's is left as read: the series above may have ended there
    (a photographed page lost E1 to E7 under 'Business and Economy', below B5)."""
    from actionplans.normalise import normalise_document

    header = ("Action ID", "Action", "LCC team leads", "Partners")

    def row(token, n):
        return (token, f"Deliver project number {n} with partners.", "Growth Service", "TBC")

    body = [row(t, n) for n, t in enumerate(["T1", "12", "T3"])]
    clean = normalise_document(_ocr_table(header, body), load_profile("leics-2025"), ["county"])
    assert [a.action_id for a in clean.actions] == ["T1", "T2", "T3"]

    body = [row("B4", 0), row("B5", 1), ("Business and Economy", "", "", "")]
    body += [row(t, n) for n, t in enumerate(["GL", "Ga", "GS", "R1"], start=2)]
    clean = normalise_document(_ocr_table(header, body), load_profile("leics-2025"), ["county"])
    got = [a.action_id for a in clean.actions]
    assert "B6" not in got and got[-1] == "R1", got


@pytest.mark.parametrize(
    "cell,want",
    [
        ("PMI > 2", "PM1.2"),
        ("PM1,2", "PM1.2"),
        ("CE1;5", "CE1.5"),
        ("a,b", None),
        ("1,2", None),
        # a speck beside the dot (Appendix B's page 1 at 160 dpi, fifth draw: 'LCC ,.3')
        ("PM1 ,.2", "PM1.2"),
        ("PM1.,2", "PM1.2"),
        ("PM1.'2", "PM1.2"),
        (",.", None),
    ],
)
def test_an_id_whose_dot_ocr_read_as_another_mark_is_read(cell, want):
    """The banded plan's last page photographed (eleventh draw) read PM1.2 as 'PMI > 2', and the
    row was taken for PM1.1's wrapped line: a comma, colon, semicolon or '>' between an ID's
    characters is its dot."""
    council = load_profile("leics-council-2023")
    assert read_id_cell(cell, council).action_id == want


def test_an_id_column_holding_the_actions_text_under_a_header_that_lost_its_label_is_cut():
    """The borderless county plan's pages 14-15 at JPEG 45 (thirteenth draw, after its blind
    read): the header read 'ID' over cells 'N4 Build on the work of ...', the 'Action' label lost
    with the rule between the two columns, and no column was the description (42.3% of actions
    found).  A header with an ID column and no text column, over rows most of which hold an ID
    and three words or more in that column, has the column cut in two; a section row in it
    ('Land Management and Use') stays a section row."""
    from actionplans.normalise import normalise_document

    county = load_profile("leics-county-2023")
    header = ("ID", "Objective", "LCC Role")
    body = [
        ("N4 Build on the work of the Natural Capital Partnership.", "1", "Ask"),
        ("N5 Implement the Action for Nature Delivery Plan.", "All", "Lead"),
        ("Land Management and Use", "", ""),
        ("N6 Develop and implement Biodiversity Net Gain policy.", "2", "Lead"),
    ]
    doc = normalise_document(_table(header, body, 0.9), county, ["county"])
    got = [(a.action_id, a.description, a.section) for a in doc.actions]
    assert got == [
        ("N4", "Build on the work of the Natural Capital Partnership.", None),
        ("N5", "Implement the Action for Nature Delivery Plan.", None),
        ("N6", "Develop and implement Biodiversity Net Gain policy.", "Land Management and Use"),
    ], got
    # IDs alone under such a header: nothing to cut
    plain = [("N4", "1", "Ask"), ("N5", "All", "Lead"), ("N6", "2", "Lead")]
    doc = normalise_document(_table(header, plain, 0.9), county, ["county"])
    assert [a.action_id for a in doc.actions] == ["N4", "N5", "N6"]


def test_one_column_read_as_two_its_label_cut_between_them_is_joined_again():
    """The banded council plan photographed (fourteenth draw, after its blind read): the header
    read 'Action' | 'ID' as two columns, the IDs under 'Action' and nothing under 'ID' but one
    stray word, so 'Action' was taken for the description and no action loaded. Two labels that
    together name the field one of them names alone, over a column empty in four rows of five,
    are one column again (header and rows, logged); a RAG column, empty of text by nature, is
    never joined to its neighbour."""
    from actionplans.normalise import normalise_document

    council = load_profile("leics-council-2023")
    header = ("Action", "ID", "Project Description", "Timescale", "Project stage")
    body = [
        ("Workstream:", "", "Finance", "", ""),
        ("F1.1", "", "Track and monitor the financial cost", "Ongoing", "Delivery"),
        ("F1.2", "", "Investigate innovative funding sources", "2022-23", "Design"),
        ("DML.I", "_business", "Integrate the carbon impact of projects", "2022-23", "Completed"),
        ("DM1.2", "", "Pilot working with key suppliers", "2024-25", "Discovery"),
    ]
    doc = normalise_document(_table(header, body, 0.9), council, ["council"])
    got = [(a.action_id, a.description, a.timescale) for a in doc.actions]
    assert [g[0] for g in got] == ["F1.1", "F1.2", "DM1.1", "DM1.2"], got
    assert got[0][1:] == ("Track and monitor the financial cost", "Ongoing")
    rules = [c.rule for c in doc.corrections]
    assert "header_label_rejoined" in rules and "columns_rejoined" in rules
    # both columns written in the rows: two columns, as read ('Action' is then the description)
    both = [(r[0], "more text here", *r[2:]) for r in body[1:]]
    doc = normalise_document(_table(header, both, 0.9), council, ["council"])
    assert not [c for c in doc.corrections if c.rule == "header_label_rejoined"]
    # a RAG column beside the update: empty of text, and never joined
    county = load_profile("leics-county-2023")
    rag = ("Action ID", "Action", "Update", "RAG")
    rows = [(f"T{n}", f"Deliver transport project {n}", "On track", "") for n in range(1, 5)]
    doc = normalise_document(_table(rag, rows, 0.9), county, ["county"])
    assert not [c for c in doc.corrections if c.rule == "header_label_rejoined"]


def test_a_damaged_id_with_a_stray_word_after_it_is_read_but_a_word_is_not():
    """'DML.I _business': DM1.1 read with its 1s as L and I, a word of the action's text run into
    the cell. The first word must look like a code, and only letters swapped count: 'RAG' of a
    legend's 'RAG rating' is no R6."""
    council = load_profile("leics-council-2023")
    cell = read_id_cell("DML.I _business", council)
    assert (cell.action_id, cell.rest, cell.rule) == ("DM1.1", "_business", "ocr_lookalike")
    assert read_id_cell("RAG rating", load_profile("leics-county-2023")).action_id is None
    assert read_id_cell("Is this", load_profile("leics-2025")).action_id is None


def test_a_row_without_an_id_after_a_section_row_continues_no_action():
    """The borderless county plan at JPEG 50 (fourteenth draw, read blind): the legend under the
    table ('In discovery | (research, ...)', 'RAG rating', 'Green - action delivery on track')
    was read into it; its rows with a first cell were taken for sections, and the lines without
    one were joined to R18, the last action, so R18 was missed. A row without an ID after a
    section row is no action's text: logged as an orphan row. Before any section row, it is."""
    from actionplans.normalise import normalise_document

    county = load_profile("leics-county-2023")
    header = ("Action ID", "Action", "LCC Role")
    body = [
        ("R17", "Support residents to reduce water consumption.", "Ask"),
        ("", "they arise", ""),
        ("In discovery", "(research, fact finding, gather evidence)", ""),
        ("", "Green - action delivery on track/to agreed timelines", ""),
    ]
    doc = normalise_document(_table(header, body, 0.9), county, ["county"])
    assert [a.description for a in doc.actions] == [
        "Support residents to reduce water consumption. they arise"
    ]
    orphans = [c.raw_value for c in doc.corrections if c.rule == "orphan_row"]
    assert any("Green - action delivery" in o for o in orphans), orphans


def test_bare_numbers_at_the_top_read_back_from_the_ids_below():
    """The 2025 sheet in colour (fourth draw) read T5 and T6, the first rows of its page, as
    '15' and '16' above T7: each, its letter read as a '1', is the number the IDs below count
    back to.  Numbers that are not ('1', '2' above T7) are left as read."""
    from actionplans.normalise import normalise_document

    header = ("Action ID", "Action", "LCC team leads", "Partners")

    def ids(tokens):
        body = [
            (t, f"Deliver project {n} with partners.", "Team", "TBC") for n, t in enumerate(tokens)
        ]
        raw = _ocr_table(header, body)
        return [
            a.action_id
            for a in normalise_document(raw, load_profile("leics-2025"), ["county"]).actions
        ]

    assert ids(["15", "16", "T7", "T8"]) == ["T5", "T6", "T7", "T8"]
    assert ids(["1", "2", "T7", "T8"]) == ["1", "2", "T7", "T8"]


def test_a_comma_ending_an_ocr_read_description_is_a_full_stop_and_a_typed_one_stays():
    """At 150-200 dpi a full stop with a speck under it reads as a comma ('carbon emissions
    reduction,' at a cell's end; 14 descriptions of the scan draws).  A description carried on
    by a continuation row is judged whole: the comma before the page break stays; a typed cell
    keeps what the council typed."""
    from actionplans.normalise import normalise_document

    profile = load_profile("base")
    header = ("Action ID", "Action", "Lead")

    def doc(confidence, continued=False):
        body = [
            ("A1", "Support carbon emissions reduction,", "Head of Property"),
            ("A2", "Work with schools, colleges,", "Head of Property"),
            ("A3", "Parish councils,", "Head of Property"),
        ]
        if continued:
            body.insert(2, ("", "and universities to cut travel,", ""))
        return _table(header, body, confidence)

    read = normalise_document(doc(0.9, continued=True), profile, ["main"]).actions
    assert [a.description for a in read] == [
        "Support carbon emissions reduction.",
        "Work with schools, colleges, and universities to cut travel.",
        "Parish councils,",  # two words are no sentence: left as read
    ]
    assert [c.rule for c in read[0].corrections] == ["ocr_final_stop"]
    assert read[0].corrections[0].raw_value.endswith("reduction,")
    typed = normalise_document(doc(None), profile, ["main"]).actions
    assert typed[0].description == "Support carbon emissions reduction,"
    # without the row that carries it on, the same cell ends its description
    cut = normalise_document(doc(0.9), profile, ["main"]).actions
    assert cut[1].description == "Work with schools, colleges."


def test_a_group_header_printed_again_with_a_label_lost_still_starts_its_group():
    """The county plan's page 22 photographed (fifteenth draw, read blind): the header over
    'Research and innovation' lost its 'Update' label at the page's edge, mapped two fields and
    was no header, so the group's actions were numbered on under 'Collaboration' (CC.C5 for
    CC.RI1).  The header is read as the one above it with the label put back."""
    from actionplans.normalise import normalise_document

    header = ("Collaboration", "Project status", "RAG", "Update")
    body = [
        ("Develop and promote a climate pact for the county.", "Delivery", "", "Launched."),
        ("Work with others to engage with national government.", "Design", "", "Ongoing."),
        ("Research and innovation", "Project status", "RAG", ""),
        ("Work with partners to support research and demonstration.", "Delivery", "", "Begun."),
        ("Take an evidence-based approach to assessing options.", "Design", "", "Planned."),
    ]
    doc = _ocr_table(header, body)
    result = normalise_document(doc, COUNTY, ["county"])
    assert [(a.action_id, a.section) for a in result.actions] == [
        ("CC.C1", "Collaboration"),
        ("CC.C2", "Collaboration"),
        ("CC.RI1", "Research and Innovation"),
        ("CC.RI2", "Research and Innovation"),
    ]
    assert [c.rule for c in result.corrections if c.rule == "header_label_restored"] == [
        "header_label_restored"
    ]
    # a row that only shares two labels with the header, its group cell empty, is no header
    body[2] = ("", "Project status", "RAG", "")
    result = normalise_document(_ocr_table(header, body), COUNTY, ["county"])
    assert {a.section for a in result.actions} == {"Collaboration"}


def test_an_ocr_read_description_starting_small_starts_with_its_capital():
    """No hand-transcribed description starts with a small letter; OCR reads a soft ``I`` as
    ``i`` ('investigate').  A continuation row's small start is joined first; a typed cell
    keeps what the council typed."""
    from actionplans.normalise import normalise_document

    profile = load_profile("base")
    header = ("Action ID", "Action", "Lead")

    def doc(confidence):
        body = [
            ("A1", "investigate funding for heat networks", "Head of Property"),
            ("A2", "Work with schools and colleges", "Head of Property"),
            ("", "on travel plans", ""),
        ]
        return _table(header, body, confidence)

    read = normalise_document(doc(0.9), profile, ["main"]).actions
    assert [a.description for a in read] == [
        "Investigate funding for heat networks",
        "Work with schools and colleges on travel plans",
    ]
    assert [(c.rule, c.raw_value, c.clean_value) for c in read[0].corrections] == [
        ("ocr_first_capital", "investigate", "Investigate")
    ]
    assert not [c for c in read[1].corrections if c.rule == "ocr_first_capital"]
    typed = normalise_document(doc(None), profile, ["main"]).actions
    assert typed[0].description == "investigate funding for heat networks"


def test_a_speck_inside_a_word_cut_in_two_does_not_hide_the_cut():
    """A photographed page read 'organi. tions' (a faint 's' left a gap, a speck in it read as a
    stop): the speck is dropped first, so the spelling sees the word cut in two and joins it."""
    from actionplans.normalise import normalise_document

    header = ("Action ID", "Action", "Lead")
    body = [("A1", "Support individuals and organi. tions to reduce carbon", "Head of Property")]
    read = normalise_document(_table(header, body, 0.9), load_profile("base"), ["main"]).actions
    assert read[0].description == "Support individuals and organisations to reduce carbon"
    assert [c.rule for c in read[0].corrections] == ["ocr_speck", "ocr_word"]
