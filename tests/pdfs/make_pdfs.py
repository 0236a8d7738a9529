#!/usr/bin/env python
"""Make the small test PDFs in this folder (run once; the PDFs are committed).

Each PDF is drawn with reportlab's canvas, so that we choose every drawing
operation the reader must understand: rules as lines, fills in grey, RGB and
CMYK, a cell shaded by several rectangles, a row cut by a page break, a
two-level header, text turned 90 degrees, page furniture, and the bad files
(encrypted, truncated, no pages, no table, image only, unknown header).

    python tests/pdfs/make_pdfs.py
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.colors import CMYKColor, Color
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

HERE = Path(__file__).resolve().parent
W, H = landscape(A4)
FONT, BOLD, SIZE = "Helvetica", "Helvetica-Bold", 8
LEAD = 10  # line pitch inside a cell
PAD = 3


def _wrap(text: str, width: float, font: str = FONT, size: float = SIZE) -> list[str]:
    """Greedy wrap at spaces; explicit newlines are hard breaks (one partner per line)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split():
            trial = f"{line} {word}".strip()
            if stringWidth(trial, font, size) <= width - 2 * PAD or not line:
                line = trial
            else:
                out.append(line)
                line = word
        out.append(line)
    return out


class Page:
    """Top-down coordinates (like pdfplumber's) over a reportlab canvas."""

    def __init__(self, c: Canvas, number: int):
        self.c = c
        self.number = number

    def text(self, x: float, top: float, s: str, font: str = FONT, size: float = SIZE) -> None:
        self.c.setFillColor(Color(0, 0, 0))
        self.c.setFont(font, size)
        self.c.drawString(x, H - top - size, s)

    def fill(self, x0: float, top: float, x1: float, bottom: float, colour) -> None:
        if isinstance(colour, float):
            self.c.setFillGray(colour)
        else:
            self.c.setFillColor(colour)
        self.c.rect(x0, H - bottom, x1 - x0, bottom - top, stroke=0, fill=1)

    def hline(self, x0: float, x1: float, y: float) -> None:
        self.c.setLineWidth(0.5)
        self.c.line(x0, H - y, x1, H - y)

    def vline(self, x: float, top: float, bottom: float) -> None:
        self.c.setLineWidth(0.5)
        self.c.line(x, H - top, x, H - bottom)

    def furniture(self) -> None:
        self.text(40, 20, "Test Council | Climate Action Plan", size=7)
        self.text(W - 70, H - 30, f"Page {self.number}", size=7)


def _cell_lines(row: list[str], widths: list[float], bold: bool = False) -> list[list[str]]:
    return [_wrap(t, w, BOLD if bold else FONT) for t, w in zip(row, widths, strict=True)]


def draw_ruled_row(
    p: Page,
    x0: float,
    top: float,
    widths: list[float],
    cells: list[list[str]],
    fills: dict[int, list] | None = None,
    bold: bool = False,
    span: bool = False,
) -> float:
    """One ruled row; ``fills`` maps a column to a list of (colour, share of height) rects."""
    height = max(len(lines) for lines in cells) * LEAD + 2 * PAD
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    for col, rects in (fills or {}).items():
        y = top
        for colour, share in rects:
            p.fill(xs[col], y, xs[col + 1], y + height * share, colour)
            y += height * share
    for col, lines in enumerate(cells):
        for k, line in enumerate(lines):
            p.text(xs[col] + PAD, top + PAD + k * LEAD, line, BOLD if bold else FONT)
    p.hline(xs[0], xs[-1], top)
    p.hline(xs[0], xs[-1], top + height)
    for i, x in enumerate(xs):
        if span and 0 < i < len(xs) - 1:
            continue
        p.vline(x, top, top + height)
    return top + height


# -- the ruled plan: colours in every colour space, a row cut by a page break ------------------

GREEN_RGB = Color(0.573, 0.816, 0.314)  # #92d050
AMBER_CMYK = CMYKColor(0, 0.25, 1, 0)  # #ffbf00
RED_RGB = Color(1, 0, 0)
TINT_GREEN = Color(198 / 255, 239 / 255, 206 / 255)  # Excel's "Good" #c6efce
RED_CMYK = CMYKColor(0, 1, 1, 0)
ORANGE_RGB = Color(244 / 255, 177 / 255, 131 / 255)  # #f4b183

RULED_HEADER = [
    "Action ID",
    "Action",
    "Who may be involved",
    "Timescales",
    "RAG",
    "December 2023 Update",
]
RULED_WIDTHS = [50, 250, 130, 60, 40, 230]


def make_ruled(path: Path) -> None:
    c = Canvas(str(path), pagesize=(W, H), invariant=1)
    x0 = 40
    p = Page(c, 1)
    p.furniture()
    p.text(x0, 40, "Transport", BOLD, 14)
    top = 70

    def header(p: Page, top: float) -> float:
        return draw_ruled_row(
            p,
            x0,
            top,
            RULED_WIDTHS,
            _cell_lines(RULED_HEADER, RULED_WIDTHS, True),
            fills={i: [(0.85, 1.0)] for i in range(len(RULED_WIDTHS))},
            bold=True,
        )

    top = header(p, top)
    top = draw_ruled_row(
        p, x0, top, RULED_WIDTHS, [["Policy and Strategy"]] + [[""]] * 5, span=True
    )
    rows = [
        (
            "T1",
            "Develop a vision and strategy for decarbonised transport.",
            "Transport Partners\nBusiness\nResidents",
            "S",
            [(GREEN_RGB, 1.0)],
            "On track.",
        ),
        (
            "T2",
            "Engage with the public and stakeholders on travel needs.",
            "Transport for East Midlands\nDistricts",
            "S/M",
            [(AMBER_CMYK, 1.0)],
            "Some delay.",
        ),
        (
            "T3",
            "Investigate models to quantify the carbon impact of decisions.",
            "Midlands Connect",
            "M",
            [(RED_RGB, 0.4), (RED_RGB, 0.3), (RED_RGB, 0.3)],
            "Off track.",
        ),
        (
            "T4",
            "Identify research into clean transport technology.",
            "Universities",
            "M/L",
            [(TINT_GREEN, 1.0)],
            "Going well.",
        ),
        (
            "T5",
            "Support planning policies that reduce the need to travel.",
            "Districts",
            "L",
            [(0.5, 1.0)],
            "Grey is not a status.",
        ),
    ]
    for rid, desc, partners, ts, rag, upd in rows:
        cells = _cell_lines([rid, desc, partners, ts, "", upd], RULED_WIDTHS)
        top = draw_ruled_row(p, x0, top, RULED_WIDTHS, cells, fills={4: rag})
    # T6 is cut by the page break: its first lines here, the rest on page 2 with an empty ID
    first = [
        "T6",
        "Revise the Highway Design Guide to support",
        "Developers",
        "M",
        "",
        "Material pallets are being",
    ]
    top = draw_ruled_row(
        p, x0, top, RULED_WIDTHS, [[t] for t in first], fills={4: [(ORANGE_RGB, 1.0)]}
    )
    c.showPage()

    p = Page(c, 2)
    p.furniture()
    top = header(p, 40)
    rest = ["", "sustainable travel and low carbon materials.", "Districts", "", "", "reviewed."]
    top = draw_ruled_row(
        p, x0, top, RULED_WIDTHS, [[t] for t in rest], fills={4: [(ORANGE_RGB, 1.0)]}
    )
    top = draw_ruled_row(
        p,
        x0,
        top,
        RULED_WIDTHS,
        _cell_lines(
            ["T7", "Lobby for national investment in rail.", "Government", "S", "", "No progress."],
            RULED_WIDTHS,
        ),
        fills={4: [(RED_CMYK, 1.0)]},
    )
    p.text(x0, top + 30, "Buildings and Energy", BOLD, 14)
    top = header(p, top + 60)
    top = draw_ruled_row(
        p,
        x0,
        top,
        RULED_WIDTHS,
        _cell_lines(
            [
                "B1",
                "Provide information on home energy efficiency.",
                "Districts\nEnergy Saving Trust",
                "S",
                "",
                "Warm Homes service running.",
            ],
            RULED_WIDTHS,
        ),
        fills={4: [(ORANGE_RGB, 1.0)]},
    )
    c.showPage()

    # page 3: a scanned page, an image and no text
    _image_page(c)
    c.showPage()
    c.save()


def _image_page(c: Canvas) -> None:
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    img = Image.new("RGB", (400, 200), "white")
    d = ImageDraw.Draw(img)
    for y in range(20, 200, 30):
        d.line((10, y, 390, y), fill="black")
    c.drawImage(ImageReader(img), 60, H - 300, width=500, height=250)


# -- the borderless two-plan document: Gantt years, two-level header, turned year labels -----

GANTT_HEADER = [
    "Action ID",
    "Action",
    "LCC team leads",
    "Start",
    "End",
    "2025-26",
    "2026-27",
    "2027-28",
]
GANTT_X = [40, 100, 380, 520, 570, 620, 680, 740, 800]


def make_borderless(path: Path) -> None:
    c = Canvas(str(path), pagesize=(W, H), invariant=1)
    p = Page(c, 1)
    p.furniture()
    p.text(40, 40, "2035 Net Zero Council Action Plan", BOLD, 14)
    top = _gantt_header(p, 70)
    rows = [
        (
            "LCC.1",
            (
                "Reprocure the liquid fuels framework to include HVO in future, to maximise carbon"
                " benefits in difficult to transition vehicles."
            ),
            "Highways Operations",
            "Apr-25",
            "Mar-27",
            {5: [0.6], 6: [0.6]},
        ),  # grey, one rect per year
        (
            "LCC.2",
            "Consider opportunities to move to an Electric Vehicle fleet.",
            "Strategic Property Team",
            "Apr-25",
            "Mar-26",
            {"bar": (6, 7, CMYKColor(0.6, 0, 1, 0.2))},
        ),  # one CMYK bar over two years
        (
            "LCC.3",
            "Use the building energy surveys to secure external funding.",
            "Strategic Property Team",
            "Apr-24",
            "May-25",
            {5: [Color(0.357, 0.608, 0.835)]},
        ),  # RGB #5b9bd5
    ]
    top = _gantt_rows(p, top, rows)
    c.showPage()

    p = Page(c, 2)
    p.furniture()
    p.text(40, 40, "2050 Net Zero Leicestershire Action Plan", BOLD, 14)
    top = _gantt_header(p, 70)
    top = _gantt_rows(
        p,
        top,
        [
            (
                "T1",
                "Develop a vision and strategy for decarbonised transport.",
                "Transport Strategy and Policy",
                "Apr-25",
                "Mar-27",
                {
                    5: [CMYKColor(0, 0.25, 1, 0)],
                    6: [CMYKColor(0, 0.25, 1, 0)],
                    7: [CMYKColor(0, 0.25, 1, 0)],
                },
            ),
            (
                "T2",
                "Work with partners to investigate transport decarbonisation.",
                "Transport Strategy and Policy",
                "Ongoing",
                "Ongoing",
                {},
            ),
        ],
    )
    c.showPage()
    c.save()


def _gantt_header(p: Page, top: float) -> float:
    # upper level: labels spanning several columns
    p.text(GANTT_X[3] + PAD, top, "Timescale", BOLD)
    p.text(GANTT_X[5] + PAD, top, "Delivery Period", BOLD)
    top += LEAD
    for i, label in enumerate(GANTT_HEADER):
        p.text(GANTT_X[i] + PAD, top, label, BOLD)
    top += LEAD + 2
    p.hline(GANTT_X[0], GANTT_X[-1], top)
    return top + 4


def _gantt_rows(p: Page, top: float, rows) -> float:
    for rid, desc, lead, start, end, marks in rows:
        texts = [rid, desc, lead, start, end, "", "", ""]
        lines = [_wrap(t, GANTT_X[i + 1] - GANTT_X[i]) for i, t in enumerate(texts)]
        height = max(len(ls) for ls in lines) * LEAD + 2 * PAD
        for col, colours in marks.items():
            if col == "bar":
                a, b, colour = colours
                p.fill(GANTT_X[a] + 1, top + 1, GANTT_X[b + 1] - 1, top + height - 1, colour)
                continue
            for colour in colours:
                p.fill(GANTT_X[col] + 1, top + 1, GANTT_X[col + 1] - 1, top + height - 1, colour)
        for i, ls in enumerate(lines):
            for k, line in enumerate(ls):
                p.text(GANTT_X[i] + PAD, top + PAD + k * LEAD, line)
        top += height + 6
    return top


# -- other software: rules only between rows, plain header, other column order, no row spacing --

LINED_HEADER = ["Ref", "RAG status", "Project status", "Action", "Partners", "Timescale"]
LINED_X = [40, 70, 120, 190, 400, 500, 555]


def make_lined(path: Path) -> None:
    """Rules between rows and an outer box, no rules between columns; Times; a plain header."""
    c = Canvas(str(path), pagesize=A4, invariant=1)
    h = A4[1]
    rows = [
        (
            "T1",
            (0.0, 0.69, 0.31),
            "Delivery",
            (
                "Develop a vision and strategy for decarbonised transport in the new "
                "Local Transport Plan, with partners across the county."
            ),
            "Transport Partners\nBusiness",
            "S",
        ),
        (
            "T2",
            (1.0, 0.75, 0.0),
            "Design",
            "Engage with the public on travel needs.",
            "Districts",
            "S/M",
        ),
        (
            "T3",
            (0.75, 0.0, 0.0),
            "Discovery",
            "Investigate models to quantify the carbon impact of decisions.",
            "Midlands Connect",
            "M",
        ),
    ]

    def text(x, top, s, size=9, font="Times-Roman"):
        c.setFillColor(Color(0, 0, 0))
        c.setFont(font, size)
        c.drawString(x, h - top - size, s)

    def row(top, cells, rag=None):
        lines = [
            _wrap(t, LINED_X[i + 1] - LINED_X[i], "Times-Roman", 9) for i, t in enumerate(cells)
        ]
        height = max(len(ls) for ls in lines) * 11 + 6
        if rag:
            c.setFillColor(Color(*rag))
            c.rect(LINED_X[1], h - top - height, LINED_X[2] - LINED_X[1], height, stroke=0, fill=1)
        for i, ls in enumerate(lines):
            for k, line in enumerate(ls):
                text(LINED_X[i] + 3, top + 3 + k * 11, line)
        c.setLineWidth(0.5)
        c.line(LINED_X[0], h - top - height, LINED_X[-1], h - top - height)
        return top + height

    for page in (1, 2):
        text(40, 30, "Transport" if page == 1 else "Transport (continued)", 14, "Times-Bold")
        top = 60
        c.setFillColor(Color(0.87, 0.92, 0.97))
        c.rect(LINED_X[0], h - top - 17, LINED_X[-1] - LINED_X[0], 17, stroke=0, fill=1)
        c.setLineWidth(0.5)
        c.line(LINED_X[0], h - top, LINED_X[-1], h - top)
        top = row(top, LINED_HEADER)
        start = top
        chosen = (
            rows
            if page == 1
            else [
                (
                    "T4",
                    (0.57, 0.82, 0.31),
                    "Completed",
                    "Lobby for national investment in rail.",
                    "Government",
                    "L",
                )
            ]
        )
        for rid, rag, stage, desc, partners, ts in chosen:
            top = row(top, [rid, "", stage, desc, partners, ts], rag)
        c.line(LINED_X[0], h - 60, LINED_X[0], h - top)
        c.line(LINED_X[-1], h - 60, LINED_X[-1], h - top)
        del start
        text(290, 810, str(page), 8)
        c.showPage()
    c.save()


TIGHT_HEADER = ["No.", "Action", "Lead", "Timescales", "RAG"]
TIGHT_X = [40, 80, 330, 450, 520, 560]
DOTS = [Color(0, 0.69, 0.31), Color(1, 0.75, 0), Color(0.8, 0, 0)]  # green, amber, red


def make_tight(path: Path) -> None:
    """No rules, no space between rows, a header in the body's font, RAG as coloured dots.

    Rows are found by their keys; the table runs on to page 2, which repeats no header.
    """
    c = Canvas(str(path), pagesize=A4, invariant=1)
    h = A4[1]

    def text(x, top, s, size=9, font="Courier"):
        c.setFillColor(Color(0, 0, 0))
        c.setFont(font, size)
        c.drawString(x, h - top - size, s)

    text(40, 40, "Transport", 14, "Courier-Bold")
    top = 70
    for i, label in enumerate(TIGHT_HEADER):
        text(TIGHT_X[i] + 2, top, label)
    top += 11
    rows = [
        (
            "T1",
            "Develop a vision and strategy for decarbonised transport for the county.",
            "Transport Policy",
            "S",
        ),
        ("T2", "Engage with the public on travel.", "Transport Policy", "M"),
        (
            "T3",
            (
                "Investigate models to quantify the carbon impact of policy decisions and scheme"
                " design."
            ),
            "Transport Projects",
            "S/M",
        ),
    ] + [
        (f"T{n}", f"Deliver transport scheme number {n}.", "Transport Projects", "L")
        for n in range(4, 75)
    ]
    page = 1
    for n, cells in enumerate(rows):
        lines = [_wrap(t, TIGHT_X[i + 1] - TIGHT_X[i], "Courier", 9) for i, t in enumerate(cells)]
        height = max(len(ls) for ls in lines) * 11
        if top + height > h - 40:
            text(290, h - 25, str(page), 8)
            c.showPage()
            page += 1
            top = 40
        for i, ls in enumerate(lines):
            for k, line in enumerate(ls):
                text(TIGHT_X[i] + 2, top + k * 11, line)
        c.setFillColor(DOTS[n % 3])
        c.circle(TIGHT_X[4] + 10, h - top - 4, 3.5, stroke=0, fill=1)
        top += height
    text(290, h - 25, str(page), 8)
    c.showPage()
    c.save()


def make_split_grid(path: Path) -> None:
    """The header as a grid of its own above the body's; page 2 repeats no header and drops the RAG
    column."""
    c = Canvas(str(path), pagesize=(W, H), invariant=1)
    x0 = 40
    p = Page(c, 1)
    p.text(x0, 40, "Transport", BOLD, 14)
    top = draw_ruled_row(
        p, x0, 70, RULED_WIDTHS, _cell_lines(RULED_HEADER, RULED_WIDTHS, True), bold=True
    )
    top += 4  # a gap: two grids
    n = 0
    while top < H - 80:  # fill the page so that the table runs on
        n += 1
        rag = (GREEN_RGB, RED_CMYK, AMBER_CMYK)[n % 3]
        cells = _cell_lines(
            [f"T{n}", f"Action T{n} of the plan.", "Districts", "S", "", "Progress."], RULED_WIDTHS
        )
        top = draw_ruled_row(p, x0, top, RULED_WIDTHS, cells, fills={4: [(rag, 1.0)]})
    c.showPage()
    p = Page(c, 2)
    widths = RULED_WIDTHS[:4] + RULED_WIDTHS[5:]
    widths[-1] += RULED_WIDTHS[4]
    top = 40
    for rid in (f"T{n + 1}", f"T{n + 2}"):
        cells = _cell_lines(
            [rid, f"Action {rid} of the plan.", "Business", "M/L", "Not rated."], widths
        )
        top = draw_ruled_row(p, x0, top, widths, cells)
    c.showPage()
    c.save()


# -- bad PDFs ----------------------------------------------------------------------------------


def make_bad(folder: Path) -> None:
    enc = StandardEncryption(userPassword="secret", ownerPassword="owner", canPrint=1)
    c = Canvas(str(folder / "bad-2023-encrypted.pdf"), pagesize=(W, H), encrypt=enc, invariant=1)
    Page(c, 1).text(40, 40, "Secret plan")
    c.showPage()
    c.save()

    good = (folder / "test-2023-ruled.pdf").read_bytes()
    (folder / "bad-2023-truncated.pdf").write_bytes(good[: len(good) // 3])

    (folder / "bad-2023-zero-pages.pdf").write_bytes(_zero_page_pdf())

    c = Canvas(str(folder / "bad-2023-no-table.pdf"), pagesize=(W, H), invariant=1)
    p = Page(c, 1)
    p.text(40, 40, "Our climate ambitions", BOLD, 14)
    for k, line in enumerate(
        ["The council will reach net zero by 2030.", "This page is prose, not a table."]
    ):
        p.text(40, 70 + k * LEAD, line)
    c.showPage()
    c.save()

    c = Canvas(str(folder / "bad-2023-image-only.pdf"), pagesize=(W, H), invariant=1)
    _image_page(c)
    c.showPage()
    c.save()

    c = Canvas(str(folder / "bad-2023-unknown-header.pdf"), pagesize=(W, H), invariant=1)
    p = Page(c, 1)
    widths = [80, 200, 120]
    top = draw_ruled_row(
        p, 40, 60, widths, _cell_lines(["Colour", "Flavour", "Texture"], widths, True), bold=True
    )
    draw_ruled_row(p, 40, top, widths, _cell_lines(["Blue", "Sweet", "Smooth"], widths))
    c.showPage()
    c.save()


def _zero_page_pdf() -> bytes:
    """A well-formed PDF whose page tree is empty."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    )
    return out.getvalue()


# -- a Word export: rules between rows only, headers wrapped inside a word, the theme in the
# page title --
# (issue 16: the layouts real councils publish that our own samples lacked)

WORD_HEADER = ["Title", "Description", "Lead", "Partners", "Timesc\nales", "RA\nG"]
WORD_WIDTHS = [130, 300, 90, 140, 42, 26]


def make_word_export(path: Path, rag_header: str = "RA\nG") -> None:
    """No ID column (IDs written as ``12 - Title``), ``RA`` / ``G`` and ``Timesc`` / ``ales``
    headers, RAG only as fills, one partner per line, and each page's theme only in its title line.
    ``rag_header=""``: the RAG column's header cell is blank (it is known by its fills alone)."""
    c = Canvas(str(path), pagesize=(W, H), invariant=1)
    x0 = 40
    pages = [
        (
            "Transport",
            [
                (
                    "12 - Bus network",
                    "Work with operators to improve the frequency of rural bus services.",
                    "Transport Policy",
                    "Bus operators\nLocal Maternity System",
                    "2024",
                    GREEN_RGB,
                ),
                (
                    "13 - Charge points",
                    "Install public electric vehicle charge points in council car parks.",
                    "Parking Services",
                    "Energy suppliers",
                    "2025",
                    AMBER_CMYK,
                ),
                (
                    "14 - Cycle routes",
                    "Build the first phase of the strategic cycle route with partners.",
                    "Highways",
                    "Sustrans\nDistrict councils",
                    "2026",
                    RED_RGB,
                ),
            ],
        ),
        (
            "Buildings and Energy",
            [
                (
                    "15 - School solar",
                    "Install solar panels on the roofs of twelve maintained schools.",
                    "Property Services",
                    "Schools",
                    "2025",
                    GREEN_RGB,
                ),
                (
                    "16 - Heat pumps",
                    "Replace the gas boilers of the three main council offices with heat pumps.",
                    "Property Services",
                    "Energy suppliers",
                    "2027",
                    AMBER_CMYK,
                ),
            ],
        ),
    ]
    xs = [x0]
    for w in WORD_WIDTHS:
        xs.append(xs[-1] + w)
    for number, (theme, rows) in enumerate(pages, start=1):
        p = Page(c, number)
        p.text(
            x0,
            30,
            f"Climate Emergency Action Plan - {theme} - December 2023 progress update",
            BOLD,
            11,
        )
        top = 60
        header = [h.split("\n") for h in WORD_HEADER[:-1] + [rag_header]]
        height = max(len(h) for h in header) * LEAD + 2 * PAD
        for col, lines in enumerate(header):
            for k, line in enumerate(lines):
                p.text(xs[col] + PAD, top + PAD + k * LEAD, line, BOLD)
        p.hline(xs[0], xs[-1], top)
        top += height
        p.hline(xs[0], xs[-1], top)
        for title, text, lead, partners, when, rag in rows:
            cells = _cell_lines([title, text, lead, partners, when, ""], WORD_WIDTHS)
            height = max(len(lines) for lines in cells) * LEAD + 2 * PAD
            p.fill(xs[5] + 1, top + 1, xs[6] - 1, top + height - 1, rag)
            for col, lines in enumerate(cells):
                for k, line in enumerate(lines):
                    p.text(xs[col] + PAD, top + PAD + k * LEAD, line)
            top += height
            p.hline(xs[0], xs[-1], top)
        p.text(W - 70, H - 30, f"Page {number}", size=7)
        c.showPage()
    c.save()


def main() -> None:
    make_ruled(HERE / "test-2023-ruled.pdf")
    make_borderless(HERE / "test-2025-borderless-gantt.pdf")
    make_lined(HERE / "test-2024-lined.pdf")
    make_tight(HERE / "test-2024-tight.pdf")
    make_split_grid(HERE / "test-2024-split-grid.pdf")
    make_word_export(HERE / "test-2023-word-export.pdf")
    make_word_export(HERE / "test-2023-word-export-blank-rag.pdf", rag_header="")
    make_bad(HERE)
    for f in sorted(HERE.glob("*.pdf")):
        print(f"{f.name}: {f.stat().st_size} bytes")


if __name__ == "__main__":
    main()
