"""A scanned table's header completed from its body (issue 20): the ID and action columns named by
what their cells hold when OCR lost their labels, and nothing touched when the header is whole."""

from __future__ import annotations

from actionplans.extract.records import RawCell, RawRow

from actionplans.infer.headerless import complete_header
from actionplans.profile import load_profile

BODY = [
    ("T1", "Investigate opportunities for reducing the impact of freight", "Ask", "S", "Delivery"),
    (
        "T2",
        "Work with others to develop a business case for hydrogen HGVs",
        "Lead",
        "M/L",
        "Design",
    ),
    ("T3", "Support national investment to move freight from road to rail", "Ask", "S/M", "Design"),
    (
        "T4",
        "Investigate opportunities for local delivery hubs and cargo bikes",
        "Ask",
        "M",
        "Delivery",
    ),
    (
        "T5",
        "Provide information to residents on low carbon travel choices",
        "Lead",
        "L",
        "Completed",
    ),
]


def _rows():
    return [RawRow(tuple(RawCell(t) for t in row), 0, i, 1) for i, row in enumerate(BODY)]


def test_a_header_without_its_id_and_action_labels_is_completed_from_the_body():
    profile = load_profile("leics-county-2023")
    made = complete_header(("", "", "LCC Role", "Timescales", "Project stage"), _rows(), profile)
    assert made is not None
    assert made.texts[2:] == ("LCC Role", "Timescales", "Project stage")  # what was read is kept
    assert made.fields == {0: "action_id", 1: "description"}
    assert made.actions == len(BODY)


def test_a_whole_header_is_left_alone():
    profile = load_profile("leics-county-2023")
    whole = ("Action ID", "Action", "LCC Role", "Timescales", "Project stage")
    assert complete_header(whole, _rows(), profile) is None


def test_no_header_at_all_is_not_completed():
    """Nothing read is the header-less path's work (``header_from_body``), not this one's."""
    profile = load_profile("leics-county-2023")
    assert complete_header(("", "", "", "", ""), _rows(), profile) is None


def test_a_garbled_label_is_named_by_the_dates_under_it():
    """'Timescale' read as 'T in mescale' names no field (it would be kept as an extra column); the
    dates under it name it, and the labels read stay."""
    profile = load_profile("leics-council-2023")
    rows = [
        RawRow(tuple(RawCell(t) for t in row), 0, i, 1)
        for i, row in enumerate(
            [
                ("F1.1", "Track and monitor the financial cost and savings", "Ongoing", "Delivery"),
                ("F1.2", "Investigate innovative and alternative funding", "2022-23", "Design"),
                (
                    "F1.3",
                    "Continue to generate financial income and savings",
                    "Ongoing",
                    "Delivery",
                ),
                ("F1.4", "Financially support council carbon reduction", "2024-25", "Discovery"),
                ("F1.5", "Trial assigning a financial value to carbon", "2022-23", "Completed"),
            ]
        )
    ]
    header = ("Action ID", "Project Description", "T in mescale", "Project stage")
    made = complete_header(header, rows, profile)
    assert made is not None and made.fields == {2: "timescale"}, made
    assert made.texts[:2] == header[:2] and made.texts[3] == "Project stage"


SHEET = [
    ("LCC.1", "Consider opportunities to move to an electric vehicle fleet", "Apr-25", "Mar-26"),
    ("LCC.2", "Use the building energy surveys to secure external funding", "Apr-24", "May-25"),
    ("LCC.3", "Carry out the dimming streetlights trial and consider options", "Apr-25", "Jun-25"),
    ("LCC.4", "Work with high mileage service areas to reduce emissions", "Apr-25", "Mar-27"),
    ("LCC.5", "Investigate opportunities for local carbon sequestration", "Apr-28", "Mar-30"),
]


def test_a_lost_action_label_is_completed_though_a_garbled_label_was_taken_for_it():
    """The 2025 sheet's greyscale scan: OCR lost the band's ``Action`` label and read the rotated
    year labels as ``ad``; with no label naming the action column, ``ad`` was taken for it, so the
    prose under the lost label had no column (every action loaded without its text)."""
    profile = load_profile("leics-2025")
    rows = [RawRow(tuple(RawCell(t) for t in (*row, "")), 0, i, 1) for i, row in enumerate(SHEET)]
    made = complete_header(("Action ID", "", "Start date", "End date", "ad"), rows, profile)
    assert made is not None
    assert made.fields == {1: "description"}
    assert made.texts[0] == "Action ID" and made.texts[4] == "ad"  # what was read is kept


def test_a_group_label_over_the_action_text_is_kept():
    """A table whose action column is headed by a group name (``Freight``), no ``Action`` label at
    all: the label stays, since the body's prose is under it."""
    profile = load_profile("leics-county-2023")
    texts = ("Action ID", "Freight", "LCC Role", "Timescales", "Project stage")
    made = complete_header(texts, _rows(), profile)
    assert made is None or made.texts[1] == "Freight"
