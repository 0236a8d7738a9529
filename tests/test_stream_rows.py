"""Rows of a whitespace table cut at vertical gaps, put right where a gap inside a cell passed for
the gap between rows (``extract/pdf/stream.py``, ``_reattach_continuations``).

The lines are laid out as a scan's OCR gave them on the seventh draw's banded page: loose line
spacing, so that the gap under each row's first line was as wide as a gap between rows.
"""

from __future__ import annotations

from actionplans.extract.pdf.stream import _reattach_continuations, _split_on_keys
from actionplans.extract.pdf.text import Line, Word

BOUNDS = [30.0, 75.0, 320.0, 370.0, 800.0]  # key, description, timescale, update


def line(top: float, *cells: tuple[int, str]) -> Line:
    words = []
    for col, text in cells:
        x = BOUNDS[col] + 2
        for part in text.split():
            words.append(Word(x, x + 5 * len(part), top, top + 7, part, 7.0))
            x += 5 * len(part) + 3
    return Line(words)


def texts(groups: list[list[Line]]) -> list[list[str]]:
    return [[ln.text for ln in g] for g in groups]


def test_lines_before_a_key_go_back_to_the_row_they_continue_where_keys_head_their_rows():
    groups = [
        [line(40, (0, "DM1.6"), (1, "Investigate incorporating carbon"), (2, "2024-25"))],
        [
            line(51, (1, "Democratic Services report templates"), (3, "major project")),
            line(62, (0, "DM1.7"), (1, "Design and collate responses"), (2, "2023-24")),
            line(73, (1, "environment, to gather insight")),
        ],
        [line(88, (0, "LD1.1"), (1, "Facilitate a net zero community"), (2, "Ongoing"))],
        [
            line(99, (1, "opportunities to explore best practice")),
            line(110, (0, "LD1.2"), (1, "Incorporate net zero"), (2, "2024-25")),
        ],
    ]
    fixed = _reattach_continuations(groups, BOUNDS)
    assert [g[0].text.split()[0] for g in fixed] == ["DM1.6", "DM1.7", "LD1.1", "LD1.2"]
    assert "Democratic" in " ".join(ln.text for ln in fixed[0])
    assert "opportunities" in " ".join(ln.text for ln in fixed[2])
    assert all("Democratic" not in ln.text for ln in fixed[1])


def test_a_table_whose_keys_sit_in_the_middle_of_their_cells_keeps_its_groups():
    # centred keys: the text beside each key goes on from the line above (lower case)
    groups = [
        [
            line(40, (1, "Investigate incorporating carbon impacts"), (3, "Environmental")),
            line(51, (0, "DM1.6"), (1, "of key decisions into report"), (2, "2024-25")),
            line(62, (1, "templates and guidance")),
        ],
        [
            line(80, (1, "Design and collate responses to a")),
            line(91, (0, "DM1.7"), (1, "supplier questionnaire on the"), (2, "2023-24")),
            line(102, (1, "environment")),
        ],
        [
            line(120, (1, "Facilitate a net zero community")),
            line(131, (0, "LD1.1"), (1, "of practice with regular"), (2, "Ongoing")),
            line(142, (1, "opportunities")),
        ],
    ]
    assert texts(_reattach_continuations(groups, BOUNDS)) == texts(groups)


def test_centred_keys_beside_one_line_cells_and_not_their_prose_keep_their_groups():
    """The ninth draw's photographed 2025 sheet, read sharpened: each key sits in the middle of
    its cell, on a line of its own between two description lines or beside the first line of a
    short one, and beside one-line cells ('Apr-25', 'Ongoing') that start with a capital or a
    digit whatever the alignment. Only the prose column tells: there, the text beside a key
    goes on from the line above, or there is none."""
    groups = [
        [
            line(40, (1, "Support the delivery of the Leicestershire")),
            line(46, (0, "E6"), (2, "Ongoing"), (3, "Pensions Team")),
            line(52, (1, "Council's role as Administering Authority.")),
        ],
        [
            line(70, (1, "Work with partners to use Enterprise Zones")),
            line(81, (0, "E7"), (1, "increase research and development"), (2, "Apr-25")),
            line(92, (1, "projects as staff resource allows.")),
        ],
        [line(110, (0, "R1"), (1, "Deliver the Sustainable Food Plan"), (2, "Ongoing"))],
        [
            line(128, (1, "Explore options for local procurement")),
            line(134, (0, "R2"), (2, "Apr-25"), (3, "Businesses")),
            line(140, (1, "of sustainable food for Local Authorities")),
        ],
        [
            line(158, (1, "Deliver the Leicestershire Resources and")),
            line(164, (0, "R3"), (2, "Ongoing"), (3, "District councils")),
            line(170, (1, "Waste Strategy")),
        ],
        [line(188, (0, "N1"), (1, "Deliver the Local Nature Recovery"), (2, "Jul-25"))],
    ]
    assert texts(_reattach_continuations(groups, BOUNDS)) == texts(groups)


def test_a_line_with_text_in_the_key_column_is_not_moved():
    # a section row ("Workstream: ...") before a key opens its own rows, whatever the gap
    groups = [
        [line(40, (0, "A1"), (1, "Plant trees"), (2, "2024"))],
        [line(51, (0, "B1"), (1, "Buy buses"), (2, "2025"))],
        [
            line(62, (0, "Workstream:"), (1, "Learning")),
            line(73, (0, "C1"), (1, "Train staff"), (2, "2026")),
        ],
    ]
    assert texts(_reattach_continuations(groups, BOUNDS)) == texts(groups)


def test_the_mended_groups_then_split_at_each_key():
    groups = _reattach_continuations(
        [
            [line(40, (0, "T1"), (1, "Electric buses"), (2, "2024"))],
            [
                line(51, (1, "on every route")),
                line(62, (0, "T2"), (1, "Cycle lanes"), (2, "2025")),
                line(73, (0, "T3"), (1, "Car clubs"), (2, "2026")),
            ],
            [line(90, (0, "T4"), (1, "Bus lanes"), (2, "2027"))],
        ],
        BOUNDS,
    )
    rows = [part for g in groups for part in _split_on_keys(g, BOUNDS)]
    assert [r[0].text.split()[0] for r in rows] == ["T1", "T2", "T3", "T4"]
    assert [len(r) for r in rows] == [2, 1, 1, 1]


def _fragment(first: str, bounds: list[float], header: bool, top: float):
    from actionplans.extract.pdf.records import Fragment
    from actionplans.extract.records import RawCell

    width = len(bounds) - 1
    texts = ["Action ID", "Action"] if header else [first, f"Deliver action {first} with partners"]
    rows = [[RawCell(t) for t in texts] + [RawCell("x") for _ in range(width - 2)]]
    if header:
        rows.append(
            [RawCell(first), RawCell(f"Deliver action {first}")] + [RawCell("")] * (width - 2)
        )
    boxes = [(bounds[0], top + 20 * k, bounds[-1], top + 20 * k + 18) for k in range(len(rows))]
    return Fragment(
        "ruled", rows, boxes, (bounds[0], top, bounds[-1], top + 20 * len(rows)), bounds,
        0 if header else None, [" ".join(c.text for c in rows[0])],
    )  # fmt: skip


def test_rows_under_a_section_heading_the_grid_did_not_hold_stay_in_their_table():
    """The second draw's 2025 sheet in greyscale: the section row 'Enabling' was read as a line
    outside the grid, and LCC.7-LCC.14 under it, their Gantt columns lost, as a table with no
    header, left out (recall 50%).  Rows with the table's first columns under a short heading on
    the same page are the table's, the heading a row of it; under a sentence they are not."""
    from actionplans.extract.pdf.document import assemble
    from actionplans.extract.pdf.records import FreeLine, PageResult

    table = [30.0, 92.0, 645.0, 721.0, 796.0, 972.0, 1010.0, 1048.0, 1123.0, 1161.0]
    under = [30.0, 92.0, 645.0, 721.0, 796.0, 972.0, 1010.0]

    def page(between: str) -> PageResult:
        items = [
            _fragment("LCC.6", table, True, 100),
            FreeLine(between, 150, 160, 30),
            _fragment("LCC.7", under, False, 170),
        ]
        return PageResult(1, 842, items, has_header=True)

    doc = assemble("sheet.pdf", "0" * 64, [page("Enabling")], lambda texts: True)
    assert len(doc.tables) == 1
    firsts = [r.cells[0].text for r in doc.tables[0].rows]
    assert firsts == ["Action ID", "LCC.6", "Enabling", "LCC.7"]
    # the eighth draw's sheet at 240 dpi: the narrow Gantt columns under the heading cut one edge
    # apart from the header's (1085 against 1123)
    under = [30.0, 92.0, 645.0, 721.0, 796.0, 972.0, 1010.0, 1048.0, 1085.0, 1123.0]
    doc = assemble("sheet.pdf", "0" * 64, [page("Enabling")], lambda texts: True)
    assert [r.cells[0].text for r in doc.tables[0].rows][-1] == "LCC.7"
    under = [30.0, 92.0, 645.0, 721.0, 796.0, 972.0, 1010.0]
    prose = assemble(
        "sheet.pdf", "0" * 64, [page("The actions below are funded from 2026.")], lambda t: True
    )
    assert [r.cells[0].text for t in prose.tables for r in t.rows] == ["Action ID", "LCC.6"]
    assert any(n.check == "unknown_table" for n in prose.notes)
