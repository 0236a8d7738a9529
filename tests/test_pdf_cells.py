"""PDF cell lines: wraps against hard breaks, broken words, bullets and wrapped names (issue 4)."""

from __future__ import annotations

from actionplans.extract.pdf.text import Line, Word, paragraphs
from actionplans.extract.records import RawCell
from actionplans.normalise.fields import apply_cell
from actionplans.normalise.records import Action
from actionplans.normalise.split import rejoin_wrapped, split_known_names

from actionplans.profile import load_profile


def line(x0: float, text: str, top: float, width_per_char: float = 5.0) -> Line:
    words, x = [], x0
    for w in text.split():
        words.append(Word(x, x + len(w) * width_per_char, top, top + 9, w, 9.0))
        x += (len(w) + 1) * width_per_char
    return Line(words)


def test_hard_breaks_keep_their_lines_and_wraps_are_joined():
    # cell text runs to x=100; "Districts" would have fitted after "Business": a hard break
    lines = [line(0, "Business", 0), line(0, "Districts", 10)]
    assert paragraphs(lines, right=100) == ["Business", "Districts"]
    # "and" ends the line and the next word would not fit: a wrap, joined
    lines = [line(0, "Land owners and", 0), line(0, "managers", 10)]
    assert paragraphs(lines, right=80) == ["Land owners and managers"]


def test_word_broken_inside_a_narrow_cell_is_joined_without_space():
    lines = [line(0, "Leicestershi", 0), line(0, "re", 10)]
    assert paragraphs(lines, right=61) == ["Leicestershire"]
    lines = [line(0, "2023-24", 0), line(0, "2024-25", 10)]
    assert paragraphs(lines, right=36) == ["2023-24 2024-25"]  # a wrap, but digits are never glued


def test_wrapped_known_name_is_rejoined_and_packed_names_split():
    known = ("Transport for East Midlands", "Natural England", "Environment Agency")
    assert rejoin_wrapped(["Transport for East", "Midlands", "Districts"], known) == [
        "Transport for East Midlands",
        "Districts",
    ]
    assert split_known_names(["Natural England Environment Agency"], known) == [
        "Natural England",
        "Environment Agency",
    ]


def test_partner_bullets_are_not_part_of_names():
    action = Action(plan="county", action_id="T1", action_id_raw="T1")
    cell = RawCell(
        text="• Districts • Energy Saving Trust", lines=("• Districts", "• Energy Saving Trust")
    )
    apply_cell(action, "partners", cell, load_profile("leics-county-2023"), action.findings)
    assert action.partners == ["Districts", "Energy Saving Trust"]


def test_name_cut_by_a_page_break_is_joined():
    prof = load_profile("leics-county-2023")
    action = Action(plan="county", action_id="T7", action_id_raw="T7")
    apply_cell(
        action,
        "partners",
        RawCell(text="LLEP Transport for East", lines=("LLEP", "Transport for East")),
        prof,
        action.findings,
    )
    apply_cell(
        action, "partners", RawCell(text="Midlands", lines=("Midlands",)), prof, action.findings
    )
    assert action.partners == ["LLEP", "Transport for East Midlands"]


def test_names_separated_by_semicolons_wrap_like_text():
    """A spreadsheet cell "Environment Agency; Lead Local Flood Authority" wrapped over two lines
    is two names, split at the semicolon, not at the line break."""
    action = Action(plan="main", action_id="NA3", action_id_raw="NA3")
    lines = ("Environment Agency; Lead", "Local Flood Authority")
    cell = RawCell(text=" ".join(lines), lines=lines)
    apply_cell(action, "partners", cell, load_profile("base"), action.findings)
    assert action.partners == ["Environment Agency", "Lead Local Flood Authority"]
    # a line ending in a semicolon: the name ends there
    action = Action(plan="main", action_id="BE3", action_id_raw="BE3")
    lines = ("Warm Homes Partnership;", "Midlands Net Zero Hub")
    cell = RawCell(text=" ".join(lines), lines=lines)
    apply_cell(action, "partners", cell, load_profile("base"), action.findings)
    assert action.partners == ["Warm Homes Partnership", "Midlands Net Zero Hub"]
    assert any(c.rule == "wrapped_name_rejoined" for c in action.corrections)
