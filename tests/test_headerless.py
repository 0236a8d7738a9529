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
