"""The council, edition and title of a document guessed from its own text (a file with no
manifest entry)."""

from __future__ import annotations

from actionplans.infer.metadata import guess_council


def test_the_council_named_most_often_is_the_guess():
    text = (
        "Bristol City Council climate action plan. The City Council will ... Bristol City Council"
    )
    assert guess_council(text)[0] == "Bristol City Council"


def test_a_table_value_before_the_council_s_name_is_not_part_of_it():
    """A scanned table read line by line puts a stage cell ('Delivery') before the progress text
    beside it ('Leicestershire County Council has ...')."""
    text = (
        "Net Zero Leicestershire Action Plan\n"
        "T29 Delivery Leicestershire County Council has launched a car club.\n"
        "T30 Delivery Leicestershire County Council supports rail freight.\n"
        "Published by Leicestershire County Council"
    )
    assert guess_council(text)[0] == "Leicestershire County Council"


def test_a_borough_written_with_of_keeps_its_form():
    assert guess_council("The Royal Borough of Kingston upon Thames plan")[0] == (
        "Royal Borough of Kingston upon Thames"
    )


def test_a_plan_s_name_is_no_council():
    """'Net Zero Council Action Plan' names a plan, not a council: no guess rather than a wrong
    one."""
    assert guess_council("Net Zero Council Action Plan - Carbon Reduction Programme")[0] is None


def test_a_running_footer_is_not_the_title():
    """A scan's footer carries the plan's name and the page number; OCR read one as
    'Net — update age of 23' (the P of Page lost) and it became the title."""
    from actionplans.infer.metadata import guess_title

    for footer in ("Net — update age of 23", "Climate Action Plan update Page 23", "Plan 4 of 40"):
        assert guess_title(f"{footer}\nB36 Complete research\n")[0] is None, footer
    text = "Page 2 of 9\nNet Zero Council Action Plan\nB1 Provide information\n"
    assert guess_title(text)[0] == "Net Zero Council Action Plan"
