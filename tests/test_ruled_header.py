"""A ruled table whose header is one dark band with no rules between its labels (issue 20's
greyscale scans, and Word tables whose header row was merged): each label names its own
column, and a title over several columns is not cut up."""

from __future__ import annotations

from actionplans.extract import read_pdf
from actionplans.normalise import normalise_document
from actionplans.normalise.header import HeaderTest
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from actionplans.profile import load_profile

COLUMNS = [  # (label, width)
    ("Action ID", 60),
    ("Action", 250),
    ("Timescales", 70),
    ("Project stage", 80),
    ("RAG", 40),
    ("December 2023 Update", 250),
]
BODY = [
    ("T1", "Develop a walking and cycling plan.", "S", "Delivery", "#00b050", "Plan adopted."),
    ("T2", "Replace the fleet with electric vans.", "M", "Design", "#ff0000", "Delayed by supply."),
    ("T3", "Install charging points at depots.", "S/M", "Discovery", "#ffc000", "Sites chosen."),
]


def _make(path, header: list[tuple[str, float]], open_edges: set[int]) -> None:
    """One ruled table; the header row is a navy band with white labels at ``header``'s x
    offsets, and the column rules at ``open_edges`` (1 is the first column's right edge) stop at
    the band, as a scan's faint white rules inside a dark band are lost."""
    c = canvas.Canvas(str(path), pagesize=landscape(A4))
    left, top, head_h, row_h = 40, 520, 30, 40
    xs = [left]
    for _, w in COLUMNS:
        xs.append(xs[-1] + w)
    bottom = top - head_h - row_h * len(BODY)
    c.setFillColor(HexColor("#1f3864"))
    c.rect(xs[0], top - head_h, xs[-1] - xs[0], head_h, stroke=0, fill=1)
    c.setFillColor(white)
    c.setFont("Helvetica-Bold", 9)
    for text, x in header:
        c.drawString(x, top - 18, text)
    c.setFont("Helvetica", 9)
    for i, row in enumerate(BODY):
        y = top - head_h - row_h * (i + 1)
        c.setFillColor(HexColor(row[4]))
        c.rect(xs[4], y, xs[5] - xs[4], row_h, stroke=0, fill=1)
        c.setFillColor(HexColor("#000000"))
        for j, value in enumerate(row):
            if j != 4:
                c.drawString(xs[j] + 4, y + row_h - 14, value)
    c.setLineWidth(0.75)
    for y in [top, top - head_h] + [top - head_h - row_h * (i + 1) for i in range(len(BODY))]:
        c.line(xs[0], y, xs[-1], y)
    c.line(xs[0], top, xs[0], bottom)
    c.line(xs[-1], top, xs[-1], bottom)
    for j, x in enumerate(xs[1:-1], start=1):
        c.line(x, top - head_h if j in open_edges else top, x, bottom)
    c.showPage()
    c.save()


def _read(path):
    prof = load_profile("leics-county-2023")
    raw = read_pdf(path, header_test=HeaderTest(prof), ocr="never")
    return raw, normalise_document(raw, prof, ["county"])


def test_labels_in_one_band_each_name_their_column(tmp_path):
    xs = [40]
    for _, w in COLUMNS:
        xs.append(xs[-1] + w)
    path = tmp_path / "band.pdf"
    _make(path, [(label, xs[j] + 4) for j, (label, _) in enumerate(COLUMNS)], {5})
    raw, clean = _read(path)
    assert [c.text for c in raw.tables[0].rows[0].cells] == [label for label, _ in COLUMNS]
    got = {a.action_id: (a.rag, a.stage, a.update_text) for a in clean.actions}
    assert got == {
        "T1": ("Green", "Delivery", "Plan adopted."),
        "T2": ("Red", "Design", "Delayed by supply."),
        "T3": ("Amber", "Discovery", "Sites chosen."),
    }


def test_a_label_across_a_column_edge_is_not_cut(tmp_path):
    """Words one space apart, or a word over a column's edge, stay one label in the first
    column, as before: only labels standing apart, each inside a column, are split."""
    xs = [40]
    for _, w in COLUMNS:
        xs.append(xs[-1] + w)
    path = tmp_path / "title.pdf"
    labels = [(label, xs[j] + 4) for j, (label, _) in enumerate(COLUMNS[:3])]
    # 'Project stage' starts inside its column and runs over the RAG column's edge
    labels.append(("Project stage and RAG", xs[3] + 4))
    labels.append(("December 2023 Update", xs[5] + 4))
    _make(path, labels, {4})
    raw, _ = _read(path)
    header = [c.text for c in raw.tables[0].rows[0].cells]
    assert header[3:] == ["Project stage and RAG", "", "December 2023 Update"]


def test_a_title_in_one_band_leaves_the_next_band_split(tmp_path):
    """A header with two bands of labels without rules between them: the first, a title over a
    column's edge, is not cut; the second's labels still each name their column."""
    xs = [40]
    for _, w in COLUMNS:
        xs.append(xs[-1] + w)
    path = tmp_path / "two-bands.pdf"
    # the first band's second label starts in the ID column and runs over the action column's
    # edge: that band is one title, kept whole in its first column
    labels = [("Ref", xs[0] + 4), ("Action to take", xs[1] - 12)]
    labels += [(label, xs[j] + 4) for j, (label, _) in enumerate(COLUMNS) if j >= 2]
    _make(path, labels, {1, 5})
    raw, _ = _read(path)
    header = [c.text for c in raw.tables[0].rows[0].cells]
    assert header[0] == "Ref Action to take" and header[1] == ""
    assert header[4:] == ["RAG", "December 2023 Update"]


def test_rows_under_a_gantt_bar_that_spans_them_are_each_read(tmp_path):
    """The 2025 sheet in colour at 185 dpi (twelfth draw): a Gantt bar ran over three rows and
    hid their rules at the right, and the rule between the lead column and the first year was
    lost in the first row.  The three rows made one logical row whose first line's cell spans two
    columns, which was read as a two-level header: only the last line's cells were kept, and B1
    and B2 vanished.  Text above the row's last line that is no label over several columns makes
    rows of their own."""
    path = tmp_path / "gantt-rows.pdf"
    c = canvas.Canvas(str(path), pagesize=landscape(A4))
    xs = [40, 100, 400, 520, 560, 600]  # ID, Action, Lead team(s), 2025-26, 2026-27
    ys = [520, 500, 470, 440, 410]  # header, B1, B2, B3
    labels = ["Action ID", "Action", "Lead team(s)", "2025-26", "2026-27"]
    body = [
        ("B1", "Secure future funding for building retrofit.", "Warm Homes Team"),
        ("B2", "Support consistent local planning policies.", "Planning"),
        ("B3", "Deliver a Local Area Energy Plan.", "Carbon Reduction Team"),
    ]
    c.setFont("Helvetica", 9)
    for x, label in zip(xs, labels, strict=False):
        c.drawString(x + 3, ys[0] - 13, label)
    for top, row in zip(ys[1:-1], body, strict=True):
        for x, value in zip(xs, row, strict=False):
            c.drawString(x + 3, top - 13, value)
    c.setFillColor(HexColor("#ffc000"))
    c.rect(xs[4], ys[-1], xs[5] - xs[4], ys[1] - ys[-1], stroke=0, fill=1)  # the bar
    c.setFillColor(HexColor("#000000"))
    c.setLineWidth(0.75)
    for y in (ys[0], ys[1], ys[-1]):
        c.line(xs[0], y, xs[-1], y)
    for y in ys[2:-1]:  # the rules between the rows stop at the bar
        c.line(xs[0], y, xs[4], y)
    for j, x in enumerate(xs):
        # the first row lost the rule between the lead column and the first year
        spans = [(ys[0], ys[1]), (ys[2], ys[-1])] if j == 3 else [(ys[0], ys[-1])]
        for y0, y1 in spans:
            c.line(x, y0, x, y1)
    c.showPage()
    c.save()
    raw, _ = _read(path)
    ids = [row.cells[0].text for table in raw.tables for row in table.rows]
    assert ids == ["Action ID", "B1", "B2", "B3"], ids
    texts = [row.cells[1].text for table in raw.tables for row in table.rows]
    assert texts[1] == "Secure future funding for building retrofit.", texts
