"""A scanned table's header completed from its body (issue 20): the ID and action columns named by
what their cells hold when OCR lost their labels, and nothing touched when the header is whole."""

from __future__ import annotations

from actionplans.extract.records import RawCell, RawRow

from actionplans.infer.headerless import complete_header, header_from_body
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


def _rows(table=BODY):
    return [RawRow(tuple(RawCell(t) for t in row), 0, i, 1) for i, row in enumerate(table)]


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


def test_an_id_label_read_as_the_actions_label_gives_way_to_the_ids_below_it():
    """'Action ID' read as 'Action' (its second line lost in a dark band): the header maps that
    column to the action and the action's own 'Action' to nothing; the column of IDs below says
    which is which."""
    profile = load_profile("leics-county-2023")
    header = ("Action", "Action", "LCC Role", "Timescales", "Project stage")
    made = complete_header(header, _rows(), profile)
    assert made is not None
    assert made.texts[:2] == ("action id", "description")
    assert made.texts[2:] == header[2:]
    from actionplans.normalise import map_header

    done = map_header(made.texts, profile)
    assert done is not None
    assert done.index_of("action_id") == 0 and done.index_of("description") == 1


def test_a_key_under_the_table_does_not_hide_its_id_column():
    """A key to the stages printed under the table and read into its fragment ('Key:', 'In
    discovery (research ...)') is a block of its own: the columns are typed by the table's rows."""
    profile = load_profile("leics-county-2023")
    key = [
        ("Key:", "", "", "", ""),
        ("Current Project", "Stage", "", "", ""),
        ("In discovery", "(research, fact finding)", "", "", ""),
        ("In design", "(develop techniques/plans)", "", "", ""),
        ("In delivery", "(executing plan agreed)", "", "", ""),
        ("Completed", "(work has been finished)", "", "", ""),
        ("RAG rating", "Green - action delivered", "", "", ""),
        ("Amber", "some delivery issues", "", "", ""),
    ]
    rows = _rows() + [RawRow(tuple(RawCell(t) for t in k), 0, 10 + i, 1) for i, k in enumerate(key)]
    header = ("Action", "Action", "LCC Role", "Timescales", "Project stage")
    made = complete_header(header, rows, profile)
    assert made is not None and made.fields[0] == "action_id"
    # without the cut the key's first column outnumbers the IDs and nothing is typed
    assert header_from_body(rows, profile) is not None


def test_ids_run_into_the_action_column_are_recognised_and_cut_by_normalise():
    """A scan's narrow ID column read into the action beside it ('DM1.6 Investigate ...') under no
    readable header: the body gives one label naming both, and normalise cuts each cell in two."""
    from actionplans.extract.records import RawDocument, RawTable
    from actionplans.normalise import normalise_document

    profile = load_profile("leics-council-2023")
    body = [
        (
            "DM1.6 Investigate incorporating carbon impacts of key decisions",
            "2024-25",
            "Discovery",
            "Environmental implications must be included in reports",
        ),
        ("Democratic Services report templates and guidance", "", "", "major project"),
        (
            "DM1.7 Design and collate responses to a supplier questionnaire",
            "2023-24",
            "Delivery",
            "Survey is currently in design",
        ),
        (
            "LD1.1 Facilitate a net zero community of practice for key staff",
            "Ongoing",
            "Delivery",
            "Embedded within delivery groups",
        ),
        (
            "LD1.2 Incorporate net zero into mandatory Environmental Awareness",
            "2024-25",
            "Discovery",
            "Delayed due to staff capacity",
        ),
        (
            "LD1.3 Incorporate net zero into the new Environment Management System",
            "2024-25",
            "Discovery",
            "Delayed due to staff capacity",
        ),
    ]
    rows = [RawRow(tuple(RawCell(t) for t in r), 0, i, 1) for i, r in enumerate(body)]
    made = header_from_body(rows, profile)
    assert made is not None and made.merged == 0
    assert made.texts[0] == "action id description"
    header = RawRow(tuple(RawCell(t) for t in made.texts), 0, 0, 1)
    table = RawTable(
        0, [header] + [RawRow(r.cells, 0, i + 1, 1) for i, r in enumerate(rows)], page=1
    )
    raw = RawDocument("scan.pdf", "0" * 64, "pdf", "test@0", tables=[table])
    doc = normalise_document(raw, profile, ["council"])
    got = {a.action_id: a.description for a in doc.actions}
    assert set(got) == {"DM1.6", "DM1.7", "LD1.1", "LD1.2", "LD1.3"}
    assert got["DM1.7"] == "Design and collate responses to a supplier questionnaire"


def test_an_id_label_over_an_empty_column_moves_to_the_column_of_ids():
    """'Action ID' read as two labels, 'Action' over the IDs and 'ID' over the empty gutter beside
    them: the IDs' column is the ID column."""
    profile = load_profile("leics-county-2023")
    rows = [RawRow((r.cells[0], RawCell("")) + r.cells[1:], 0, i, 1) for i, r in enumerate(_rows())]
    header = ("Action", "ID", "Project Description", "LCC Role", "Timescales", "Project stage")
    made = complete_header(header, rows, profile)
    assert made is not None
    assert made.texts[0] == "action id" and made.texts[1] == ""
    from actionplans.normalise import map_header

    done = map_header(made.texts, profile)
    assert done is not None and done.index_of("action_id") == 0


def test_specks_read_before_a_scanned_id_in_a_merged_column_are_left_out():
    """'ee _ oe DM1.7 Design ...': OCR read the scan's specks as words before the ID in a column
    holding IDs and actions run together. The ID is cut out after them (the correction keeps the
    cell as read); a real word before an ID ('a DM1.7') is no speck, and a text cell's specks
    are another rule's."""
    from actionplans.extract.records import RawDocument, RawTable
    from actionplans.normalise import normalise_document

    profile = load_profile("leics-council-2023")
    texts = [
        ("action id description", "timescale", "stage"),
        ("DM1.6 Investigate incorporating carbon impacts of key decisions", "2024-25", "Discovery"),
        ("ee _ oe DM1.7 Design and collate responses to a supplier", "2023-24", "Delivery"),
        ("LD1.1 Facilitate a net zero community of practice for key staff", "Ongoing", "Delivery"),
    ]  # fmt: skip
    rows = [
        RawRow(tuple(RawCell(t, confidence=None if i == 0 else 0.9) for t in r), 0, i, 1)
        for i, r in enumerate(texts)
    ]
    raw = RawDocument("scan.pdf", "0" * 64, "pdf", "test@0", tables=[RawTable(0, rows, page=1)])
    doc = normalise_document(raw, profile, ["council"])
    got = {a.action_id: a.description for a in doc.actions}
    assert got.get("DM1.7") == "Design and collate responses to a supplier", got
    fixes = doc.all_corrections()
    assert any((c.raw_value or "").startswith("ee _ oe DM1.7") for c in fixes), fixes


def test_wrapped_lines_read_as_rows_of_their_own_do_not_hide_a_table():
    """The fifth draw's banded plan, its last page alone in greyscale: no header on the page, and
    each action's wrapped lines read as rows of their own (an empty ID cell, or the sentence going
    on in lower case), so only 11 of 19 rows started with an ID and the table was refused.  Such
    rows carry on the row above; a row of text that is neither (a note) still counts against."""
    profile = load_profile("leics-county-2023")
    body = []
    for n, (action, more, update) in enumerate(
        [
            (
                "Investigate opportunities for reducing the impact of",
                "freight and logistics",
                "Not",
            ),
            ("Work with others to develop a business case for", "hydrogen HGVs on routes", "Due"),
            ("Support national investment to move freight from", "road to rail and water", "In"),
        ],
        start=1,
    ):
        body.append((f"T{n} {action}", "S/M", "Delivery", f"{update} started yet"))
        body.append((more, "", "", "further work is planned"))
        body.append(("", "", "", "with partners in 2025"))
    rows = [RawRow(tuple(RawCell(t) for t in r), 0, i, 1) for i, r in enumerate(body)]
    made = header_from_body(rows, profile)
    assert made is not None and made.actions == 3 and made.merged == 0
    notes = [(("Note on " + r[0]) if k % 3 == 1 else r[0], *r[1:]) for k, r in enumerate(body)]
    rows = [RawRow(tuple(RawCell(t) for t in r), 0, i, 1) for i, r in enumerate(notes)]
    assert header_from_body(rows, profile) is None  # capitalised lines without IDs: no table


def test_a_banded_rows_shading_behind_the_ids_does_not_hide_their_gutter():
    """The seventh draw's banded plan in colour, one page with no header: each shaded row's fill
    behind its ID cell (x 36-91) reached over the gutter between the IDs and the descriptions, and,
    counted as a column of RAG fills, filled that gutter; IDs and descriptions were one column and
    the page found 38.5% of its actions.  A fill with text across a fifth of it is no empty
    column; a RAG column's fills still are."""
    from actionplans.extract.ocr.headerless import column_bounds
    from actionplans.extract.pdf.graphics import Fill

    def char(x0, x1, top):
        return {"x0": x0, "x1": x1, "top": top, "bottom": top + 8, "text": "x"}

    chars = []
    for row in range(12):
        top = 60 + 30 * row
        chars += [char(40, 58, top), char(88, 300, top), char(330, 360, top), char(480, 700, top)]
    fills = [Fill(36, 60 + 30 * r - 5, 91, 60 + 30 * r + 20, "#e2eef7", r) for r in range(0, 12, 2)]
    fills += [Fill(400, 60 + 30 * r - 5, 440, 60 + 30 * r + 20, "#92d050", r) for r in range(12)]
    bounds = column_bounds(chars, 842.0, fills)
    assert bounds is not None
    assert any(58 < b < 88 for b in bounds), bounds  # the gutter after the IDs
    assert any(360 < b <= 400 for b in bounds) and any(440 <= b < 480 for b in bounds), bounds


def _filled_table(fills: list[str | None], shading: str | None = None) -> list[RawRow]:
    """Rows of ID, action and role, an empty cell filled ``fills[i]`` and a stage; every other
    row's text cells shaded ``shading`` (a banded table)."""
    rows = []
    for i, fill in enumerate(fills):
        texts = (f"T{i + 1}", f"Investigate freight option number {i + 1} with partners", "Ask")
        band = shading if i % 2 else None
        cells = tuple(RawCell(t, fill=band) for t in texts)
        rows.append(RawRow(cells + (RawCell("", fill=fill), RawCell("Design")), 0, i, 1))
    return rows


def test_an_empty_column_filled_in_two_rag_colours_is_the_rag_column_though_most_are_blank():
    """The third draw's banded pages in colour: of 17 rows of the page's table, 9 had a RAG fill
    (an unrated action leaves its cell blank, a shaded row shows its band), under the 60% that
    names a RAG column by its fills; every rating was lost.  A column with no text whose fills
    show two of the three colours in 30% of its rows is the RAG column; a Gantt column's marks,
    one colour, are not."""
    profile = load_profile("leics-county-2023")
    fills = ["#92d050", None, "#e2eef7", "#ffc000", None, None, "#92d050", None, None, None]

    made = header_from_body(_filled_table(fills), profile)
    assert made is not None and made.fields.get(3) == "rag", made
    gantt = ["#ffc000" if f else None for f in fills]
    made = header_from_body(_filled_table(gantt), profile)
    assert made is not None and made.fields.get(3) != "rag", made


def test_an_empty_column_in_the_greys_of_two_ratings_is_the_rag_column_of_a_greyscale_scan():
    """The fifth draw's banded page in greyscale: no fill has a hue, so no column was filled red,
    amber or green and every rating was lost with the column.  On a page whose fills are all pure
    greys, a column with no text whose greys are two ratings' colours alone (by the profile's RAG
    colours: red's dark grey, dark green's middle one) in 30% of its rows is the RAG column; a
    column of one grey (a Gantt bar's, a shaded band's) is not, and neither is a colour page's
    grey column."""
    profile = load_profile("leics-county-2023")
    # red #ff0000 scans near 83-98, dark green #00b050 near 121-125; #ededed is a band's shading
    greys = ["#7c7c7c", None, "#ededed", "#535353", None, None, "#7c7c7c", None, None, None]

    made = header_from_body(_filled_table(greys, "#ededed"), profile)
    assert made is not None and made.fields.get(3) == "rag", made
    one_grey = ["#7c7c7c" if f else None for f in greys]
    made = header_from_body(_filled_table(one_grey, "#ededed"), profile)
    assert made is not None and made.fields.get(3) != "rag", made
    # a colour page (its shading pale blue): its greys are no ratings
    made = header_from_body(_filled_table(greys, "#dce6f1"), profile)
    assert made is not None and made.fields.get(3) != "rag", made


def test_a_run_of_rows_without_ids_that_the_table_goes_on_after_is_no_block_of_its_own():
    """The eleventh draw's photographed banded page: two actions, then a section row, an ID
    misread ('ASI A' for AS1.1; here 'Ti.' for T3) and a wrapped line: three rows without an ID,
    and the table was cut there as if a key under it began (two rows are no table: nothing was
    read).  The table's rows go on after the run, so it is no block of its own."""
    profile = load_profile("leics-county-2023")
    rows = _rows()[:2] + [
        RawRow(tuple(RawCell(t) for t in r), 0, 2 + i, 1)
        for i, r in enumerate(
            [
                ("Workstream:", "Freight and logistics", "", "", ""),
                ("Ti.", "Support national investment to move freight", "Ask", "S/M", "Design"),
                ("", "", "", "", "from road to rail and water"),
            ]
        )
    ]
    rows += [RawRow(r.cells, 0, 5 + i, 1) for i, r in enumerate(_rows()[3:] + _rows()[:2])]
    made = header_from_body(rows, profile)
    assert made is not None and made.fields[0] == "action_id" and made.actions >= 6


def test_a_header_read_from_the_body_goes_above_rows_whose_id_ocr_lost():
    """Appendix B's last page in greyscale at 165 dpi (thirteenth draw, after its blind read):
    its header unread, the header made from its body went above the first row with an ID that
    fits the pattern (EA2), and the rows above it (C5 with its ID cell blank, a section row,
    EA1 read 'EAL', a line of Gantt marks) fell before the header.  It goes above the first row
    holding three words of prose and two more cells, over rows holding no prose."""
    county = load_profile("leics-county-2023")
    lost = [
        ("", "Develop and deliver engagement activities on an ongoing basis", "Ask", "S", ""),
        ("Enabling Actions", "", "", "", ""),
        ("TL", "Deliver the LCAN demonstrator project with partners", "Lead", "M", ""),
        ("", "", "", "AE", "S"),
    ]
    made = header_from_body(_rows(lost + BODY), county)
    assert made is not None and made.first == 0
    # a line of text above the table with a word or two in the action column stays above it
    made = header_from_body(_rows([("", "Appendix B", "", "", "")] + BODY), county)
    assert made is not None and made.first == 1
