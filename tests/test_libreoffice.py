"""Plans exported to PDF by LibreOffice (data/raw/libreoffice): read whole, against their truth,
and the general rules their reading needed, each on its own."""

from __future__ import annotations

import csv
import json

import duckdb
import pytest
from actionplans.extract.pdf.ruled import _overflow
from actionplans.extract.pdf.stream import find_headers, read_stream
from actionplans.extract.pdf.text import Line, Word
from actionplans.extract.records import RawCell, RawDocument, RawRow, RawTable
from actionplans.normalise import normalise_document, read_id_cell
from actionplans.normalise.fields import apply_cell
from actionplans.normalise.header import calendar_year, map_header, match_header_cell
from actionplans.normalise.records import Action
from actionplans.normalise.rows import resolve_heading
from conftest import ROOT

from actionplans import ingest
from actionplans.infer.build import infer_profile
from actionplans.infer.columns import ColumnStats
from actionplans.infer.groups import rejoin
from actionplans.infer.vocab import words_by_fill
from actionplans.profile import load_profile

FOLDER = ROOT / "data" / "raw" / "libreoffice"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    db = tmp_path_factory.mktemp("lo") / "lo.duckdb"
    report = ingest([FOLDER], db=db, progress=False)
    assert report.ok, [f.message for f in report.failed]
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


def _truth(name: str) -> dict[str, dict[str, str]]:
    with (FOLDER / f"{name}.truth.csv").open(encoding="utf-8") as f:
        return {r["action_id"]: r for r in csv.DictReader(f)}


def _actions(con, doc_id: str) -> dict[str, tuple]:
    rows = con.execute(
        "SELECT action_id, theme, description, lead, partners, rag, update_text, attributes"
        " FROM actions WHERE doc_id = ?",
        [doc_id],
    ).fetchall()
    return {r[0]: r[1:] for r in rows}


def _read_as_truth(con, name: str, fields: tuple[str, ...]) -> dict[str, dict]:
    """The document's actions as dicts of ``fields`` beside its truth; every ID in both."""
    truth = _truth(name)
    columns = ("theme", "description", "lead", "partners", "rag", "update_text", "attributes")
    got = {
        aid: dict(zip(columns, row, strict=True))
        for aid, row in _actions(con, f"libreoffice-{name}").items()
    }
    assert set(got) == set(truth)
    for aid, t in truth.items():
        assert {f: got[aid][f] for f in fields} == {f: t[f] for f in fields}, aid
    return got


def test_the_writer_export_is_read_whole(loaded):
    # 11 of 32 were lost to a theme row read as a header line; the status word is the cell's
    # label, not the start of the progress text
    got = _read_as_truth(loaded, "ashby", ("theme", "description", "lead", "update_text"))
    for aid, t in _truth("ashby").items():
        assert json.loads(got[aid]["attributes"])["rag_word"] == t["stage"], aid
        assert got[aid]["rag"] in ("Green", "Amber", "Red")


@pytest.mark.parametrize(
    "name",
    [
        "marshfield",
        # rows at the text's own pitch, no padding: the theme row had been read as a header line
        # ('Ref Action Buildings and Energy') and the body rows ran together (3 of 12 actions)
        "marshfield-borderless",
    ],
)
def test_the_calc_export_is_read_whole(loaded, name):
    fields = ("theme", "description", "lead", "rag", "update_text")
    got = _read_as_truth(loaded, name, fields)
    for aid, t in _truth(name).items():
        want = [p.strip() for p in t["partners"].split(";") if p.strip()]
        assert list(got[aid]["partners"]) == want, aid


def test_a_heading_cut_before_a_joining_word_keeps_its_space():
    assert resolve_heading(["Travel", "and Transport"], ()) == ("Travel and Transport", None)
    assert resolve_heading(["Policy and St", "rategy"], ()) == (
        "Policy and Strategy",
        "split_word_rejoined",
    )
    assert rejoin(["Travel", "and Transport"], {"and"}) == "Travel and Transport"


def test_a_word_is_no_damaged_id():
    base = load_profile("base")
    assert read_id_cell("Energy", base).token is None
    assert read_id_cell("RS", base).token is not None  # R5 misread, still an ID


def test_status_words_learn_their_colour_from_the_fills():
    st = ColumnStats(5, "Status", [], [], 6)
    st.filled_values = [
        ("At risk", "#ffc000"),
        ("At risk", "#ffc000"),
        ("Delayed", "#ff0000"),
        ("Complete", "#00b050"),
        ("Green", "#ff0000"),  # a colour's name on another colour is no key
        ("Mixed", "#ff0000"),
    ]
    st.filled_values.append(("Mixed", "#00b050"))
    assert words_by_fill(st) == {"Amber": ["At risk"], "Red": ["Delayed"], "Green": ["Complete"]}


def test_an_unknown_short_status_word_is_a_label_not_commentary():
    action = Action("main", "1", "1")
    findings: list = []
    apply_cell(
        action, "rag", RawCell(text="Not started", fill="#ff0000"), load_profile("base"), findings
    )
    assert action.rag == "Red"
    assert action.attributes["rag_word"] == "Not started"
    assert action.update_text is None
    assert any("outside the profile's vocabulary" in f.message for f in findings)
    # a sentence is still commentary
    action = Action("main", "2", "2")
    apply_cell(
        action,
        "rag",
        RawCell(text="Awaiting the grant decision.", fill="#ffc000"),
        load_profile("base"),
        [],
    )
    assert action.update_text == "Awaiting the grant decision."


def test_a_theme_merged_down_its_rows_reaches_every_row(loaded):
    got = _read_as_truth(loaded, "hartfield", ("theme", "description", "rag", "update_text"))
    filled = loaded.execute(
        "SELECT count(*) FROM corrections WHERE doc_id = 'libreoffice-hartfield'"
        " AND rule = 'merged_cell_filled_down'"
    ).fetchone()[0]
    assert filled == len(got) - 3  # every row but the first of each of the three themes


def test_a_header_label_printed_over_the_row_below_goes_back_to_its_cell(loaded):
    # the header row one line high: 'Status' (of 'RAG Status') is printed over the theme row,
    # whose theme had read 'Buildings and Energy Status' and reached none of its five actions
    fields = ("theme", "description", "lead", "rag", "update_text")
    _read_as_truth(loaded, "marshfield-short-header", fields)


def _char(text: str, x0: float, top: float, colour, font: str = "Bold", size: float = 6.4):
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + 3.5 * len(text),
        "top": top,
        "bottom": top + size,
        "size": size,
        "fontname": font,
        "non_stroking_color": colour,
        "upright": True,
    }


def _words(text: str, x0: float, top: float, colour, font: str = "Bold") -> list[dict]:
    out = []
    for word in text.split():
        out += [_char(ch, x0 + 3.5 * i, top, colour, font) for i, ch in enumerate(word)]
        x0 += 3.5 * (len(word) + 1)
    return out


def test_overflow_is_taken_back_only_in_a_style_the_body_does_not_use():
    white, black = (1.0, 1.0, 1.0), (0.0, 0.0, 0.0)
    spans = [(0, 1, 0, 1, (0.0, 89.3, 50.0, 96.7)), (0, 1, 1, 2, (50.0, 89.3, 100.0, 96.7))]
    header = {0: _words("Ref", 1.0, 89.5, white), 1: _words("RAG", 51.0, 89.5, white)}
    below = (
        _words("Status", 51.0, 97.0, white)  # one pitch under 'RAG', aligned, in its ink
        + _words("Buildings and Energy", 1.0, 97.0, black)
        + _words("BE1 Install solar PV", 1.0, 105.5, black, "Regular")
    )
    inside = {k: list(v) for k, v in header.items()}
    taken = _overflow(spans, inside, [0, 1], below)
    assert "".join(c["text"] for c in taken) == "Status"
    assert "".join(c["text"] for c in inside[1]) == "RAGStatus"
    # a header set like the body (black bold IDs under a black bold header): left alone
    inside = {0: _words("Ref", 1.0, 89.5, black), 1: _words("RAG", 51.0, 89.5, black)}
    below = _words("BE1", 1.0, 97.0, black) + _words("BE2", 1.0, 105.5, black)
    assert _overflow(spans, inside, [0, 1], below) == []


def test_delivery_years_under_calendar_year_labels_wrapped_inside_the_number(loaded):
    # the Gantt columns are headed 2024 ... 2027, each label wrapped '202' / '4' by its column
    got = _read_as_truth(loaded, "hartfield", ("theme", "description"))
    for aid, t in _truth("hartfield").items():
        years = json.loads(got[aid]["attributes"]).get("delivery_years")
        assert ";".join(sorted(years or [])) == t["delivery_years"], aid


def test_a_header_cell_whose_lines_join_into_a_year_heads_a_gantt_column():
    base = load_profile("base")
    assert calendar_year("202 4") == calendar_year("2024") == 2024
    assert calendar_year("Progress 2024") is None
    assert match_header_cell("202 4-25", base) == "gantt:2024-25"  # '202' / '4-25'
    header = map_header(("Ref", "Action", "202 4", "202 5", "202 6", "RA G", "Update"), base)
    assert header is not None
    assert [header.columns[i] for i in (2, 3, 4, 5)] == [
        "gantt:2024",
        "gantt:2025",
        "gantt:2026",
        "rag",
    ]
    # a year on its own heads targets or figures, not a Gantt grid
    header = map_header(("Ref", "Action", "2030", "Update"), base)
    assert header is not None and header.columns[2] == "attributes.2030"
    # and years make no header by themselves
    assert map_header(("2024", "2025", "2026"), base) is None


def _year_table(cells_for) -> RawDocument:
    header = ["Ref", "Action", "Lead", "2023", "2024", "2025"]
    rows = [RawRow(tuple(RawCell(t) for t in header), 0, 0, page=1)]
    for i in range(1, 9):
        cells = [f"A{i}", f"Install heat pumps in council building number {i}", "Head of Property"]
        rows.append(RawRow(tuple(RawCell(t) for t in cells) + cells_for(i), 0, i, page=1))
    table = RawTable(0, rows, page=1)
    return RawDocument("x.pdf", "0" * 64, "pdf", "test", tables=[table], pages=1)


def test_inference_keeps_years_whose_cells_hold_text_as_attributes():
    # fills under the years: a Gantt grid, its filled cells the delivery years
    gantt = _year_table(
        lambda i: tuple(RawCell("", fill="#5b9bd5" if k != i % 3 else None) for k in range(3))
    )
    # progress written year by year: attributes, not Gantt marks to drop
    text = _year_table(
        lambda i: tuple(RawCell(f"Survey {k} done, works ordered") for k in range(3))
    )
    got = []
    for raw in (gantt, text):
        action = normalise_document(
            raw, infer_profile(raw, plans=["main"]).profile, ["main"]
        ).actions[0]
        got.append({k: v for k, v in action.attributes.items() if k != "bbox"})
    assert got[0] == {"delivery_years": ["2023", "2025"]}
    assert got[1] == {
        "2023": "Survey 0 done, works ordered",
        "2024": "Survey 1 done, works ordered",
        "2025": "Survey 2 done, works ordered",
    }


def test_a_label_printed_in_one_line_with_the_row_below_is_taken_apart_by_its_ink(loaded):
    # no borders and a header row one line high: the white 'Status' of 'RAG Status' shares a
    # visual line with the black theme below ('Buildings and Energy Status'), which had been
    # read as a header line with it (4 of 12 actions with the two rules below alone)
    fields = ("theme", "description", "lead", "rag", "update_text")
    _read_as_truth(loaded, "marshfield-borderless-short-header", fields)
    white, black = (1.0, 1.0, 1.0), (0.0, 0.0, 0.0)
    header = _line(_COLUMNS, 89.5, white, bold=True)
    mixed = _line([(55, "Buildings and Energy")], 97.0, black, bold=True)
    mixed.words += _line([(440, "Status")], 97.0, white, bold=True).words
    body = _line([(55, "BE1"), (83, "Install solar PV"), (260, "Head of Property")], 104.4, black)
    frags, used = read_stream([header, mixed, body], [], [], None)
    rows = [[c.text for c in row] for row in frags[0].rows]
    assert rows[0][4] == "Update Status"
    assert rows[1][:2] == ["Buildings", "and Energy"] and rows[2][0] == "BE1"
    assert used == {0, 1, 2}  # indices of the lines given
    # an ink the body goes on using (a green status word under green labels) is left in its line
    green = (0.0, 0.69, 0.31)
    header = _line(_COLUMNS, 89.5, green, bold=True)
    mixed = _line([(55, "BE1"), (83, "Install solar PV")], 97.0, black)
    mixed.words += _line([(440, "Done")], 97.0, green).words
    body = _line([(55, "BE2"), (83, "Fit heat pumps"), (440, "Done")], 104.4, green)
    frags, _ = read_stream([header, mixed, body], [], [], None)
    rows = [[c.text for c in row] for row in frags[0].rows]
    assert rows[0][4] == "Update" and rows[1][0] == "BE1" and rows[1][4] == "Done"


def _line(runs, top: float, colour, bold: bool = False) -> Line:
    """A line of ``runs`` ((x0, text) each), every word 3.5 pt a letter, 6.4 pt high."""
    words = []
    for x0, text in runs:
        for word in text.split():
            x1 = x0 + 3.5 * len(word)
            words.append(Word(x0, x1, top, top + 6.4, word, 6.4, bold, colour))
            x0 = x1 + 1.8
    return Line(words)


_COLUMNS = [(55, "Ref"), (83, "Action"), (260, "Lead"), (340, "Partners"), (440, "Update")]


def test_a_line_in_another_ink_right_under_the_header_is_no_header_line():
    white, black = (1.0, 1.0, 1.0), (0.0, 0.0, 0.0)
    lines = [
        _line(_COLUMNS, 89.5, white, bold=True),
        _line([(440, "(November 2024)")], 97.0, white, bold=True),
        _line([(55, "Buildings and Energy")], 104.4, black, bold=True),  # the pitch of the labels
        _line([(55, "BE1"), (83, "Install solar PV"), (260, "Head of Property")], 112.9, black),
    ]
    assert find_headers(lines, None) == [(0, 2)]
    # in the header's own ink it could be the labels' third line: taken, as before
    lines[2] = _line([(55, "Buildings and Energy")], 104.4, white, bold=True)
    assert find_headers(lines, None) == [(0, 3)]
    # no colour given (an OCRed page): nothing told by it
    lines = [_line(_COLUMNS, 89.5, None, bold=True)]
    lines += [_line([(55, "Buildings and Energy")], 97.0, None, bold=True)]
    assert find_headers(lines, None) == [(0, 2)]


def _rows(lines: list[Line]) -> list[str]:
    frags, _ = read_stream(lines, [], [], None)
    return [" ".join(c.text for c in row if c.text) for row in frags[0].rows[1:]]


def test_a_line_in_another_style_starts_a_row_though_set_at_the_cells_pitch():
    white, black, blue = (1.0, 1.0, 1.0), (0.0, 0.0, 0.0), (0.12, 0.22, 0.39)
    header = _line(_COLUMNS, 89.5, white, bold=True)
    body = [
        _line([(55, "Buildings and Energy")], 97.0, blue, bold=True),
        _line([(55, "BE1"), (83, "Install solar PV"), (260, "Head of Property")], 104.4, black),
        _line([(83, "on three roofs"), (440, "Done.")], 111.8, black),
        _line([(55, "Transport")], 119.2, black, bold=True),  # a change of weight alone
        _line([(55, "TR1"), (83, "Install charge points"), (260, "Fleet Manager")], 126.6, black),
    ]
    assert _rows([header, *body]) == [
        "Buildings and Energy",
        "BE1 Install solar PV on three roofs Head of Property Done.",
        "Transport",
        "TR1 Install charge points Fleet Manager",
    ]
    # a cell's bold first line over its plain lines is one row: they do not start the row's
    # first column
    body = [
        _line([(55, "BE1"), (83, "Solar PV"), (260, "Head of Property")], 97.0, black),
        _line([(83, "Solar")], 104.4, black, bold=True),
        _line([(83, "on three roofs")], 111.8, black),
    ]
    assert _rows([header, *body]) == ["BE1 Solar PV Solar on three roofs Head of Property"]
    # nor is a link or a bold phrase in the first column that reads on from the text above
    black, blue = (0.0, 0.0, 0.0), (0.0, 0.0, 1.0)
    body = [
        _line([(55, "Publish the plan; see the"), (260, "Head of Policy")], 97.0, black),
        _line([(55, "www.example.gov.uk")], 104.4, blue),
        _line([(55, "Consult on it"), (260, "and Comms")], 111.8, black),
    ]
    header = _line(
        [(55, "Action"), (260, "Lead"), (340, "Partners"), (440, "Update")], 89.5, black, True
    )
    assert _rows([header, *body]) == [
        "Publish the plan; see the www.example.gov.uk Consult on it Head of Policy and Comms"
    ]
