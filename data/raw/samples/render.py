#!/usr/bin/env python
"""Typeset the seed action tables into sample PDFs, with the truth beside each.

We have no original council PDFs, only text dumps of them (``data/raw/seeds``).
This script re-typesets the seed tables the way councils publish them (long
landscape tables, header rows repeated on every page, theme headings and keys,
section rows, partners one per line, RAG shown only as a cell's fill colour,
Gantt delivery years as filled cells) and writes, beside each PDF, the truth it
rendered (``<name>.truth.csv``: one row per action, columns of the ``actions``
contract) and ``manifest.toml`` so that ``actionplans ingest data/raw/samples``
can load them.

The truth is our own pipeline's reading of the seeds: the seeds are ingested
into a temporary DuckDB and each action's clean values are read back.  The
noisy characters the seed had (``corrections.raw_value``: Cyrillic ``Т1``,
``811``, ``М``, ``Competed`` ...) go into the PDF's text layer for a share of
the cells, while the truth keeps the clean value.  RAG is empty in the seeds,
so each action gets a deterministic pseudo-random RAG, drawn as a fill colour
in one of several shades; the 2025 document's delivery years are likewise
pseudo-random contiguous ranges drawn as filled Gantt cells.

Usage::

    python data/raw/samples/render.py            # rewrite data/raw/samples/
    python data/raw/samples/render.py --out DIR  # render elsewhere (tests)

Output is deterministic: the same seeds and library versions give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SEEDS = ROOT / "data" / "raw" / "seeds"

TRUTH_COLUMNS = [
    "plan", "action_id", "theme", "section", "description", "role", "lead", "partners",
    "objectives", "timescale", "start_period", "end_period", "stage", "rag", "update_text",
    "target_date", "cost", "carbon_saving", "deliverability", "delivery_years", "page",
    # beyond the brief's list: what the ID cell says, and the exact fill drawn for the RAG
    "action_id_raw", "rag_fill",
]

# Shades that councils' Word and Excel exports use for each RAG colour.
RAG_SHADES = {
    "Green": ["#92d050", "#00b050", "#c6efce"],
    "Amber": ["#ffc000", "#f4b183", "#ffeb9c"],
    "Red": ["#ff0000", "#c00000", "#ffc7ce"],
}
KEY_SWATCH = {"Green": "#00b050", "Amber": "#ffc000", "Red": "#ff0000"}
GANTT_YEARS = ["2025-26", "2026-27", "2027-28", "2028-29", "2029-30"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# Which seed corrections may be typeset back as the raw text (the rest are
# artefacts of the text dump, e.g. a section name split over pipe cells).
RAW_FIELDS = {
    "action_id", "timescale", "cost", "carbon_saving", "stage", "objectives", "description",
    "start_period", "end_period", "lead", "partners",
}
RAW_SKIP_RULES = {"split_joined_names"}

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
TTF_FONTS = {
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSerif": "DejaVuSerif.ttf",
    "DejaVuSerif-Bold": "DejaVuSerif-Bold.ttf",
    "DejaVuSansMono": "DejaVuSansMono.ttf",
    "DejaVuSansMono-Bold": "DejaVuSansMono-Bold.ttf",
}


def _h(*parts: object) -> int:
    """A stable pseudo-random integer from the parts (not Python's salted hash)."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def register_fonts() -> None:
    for name, filename in TTF_FONTS.items():
        if name in pdfmetrics.getRegisteredFontNames():
            continue
        for folder in FONT_DIRS:
            if (folder / filename).exists():
                pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
                break
        else:
            raise SystemExit(
                f"render.py: font {filename} not found in {', '.join(map(str, FONT_DIRS))}; "
                "install the Debian package fonts-dejavu-core (see tools/apt-packages.txt)"
            )


# --------------------------------------------------------------------------- truth


@dataclass
class Action:
    doc: str
    plan: str
    action_id: str
    action_id_raw: str | None
    theme: str | None
    section: str | None
    fields: dict[str, object]  # clean values by truth column
    raw: dict[str, str] = field(default_factory=dict)  # seed's noisy text by field
    stray: dict[str, str] = field(default_factory=dict)  # gantt year -> stray text in the cell
    occurrence: int = 0  # 2nd, 3rd ... row with the same id (the seed has two R3)
    rag: str | None = None
    rag_fill: str | None = None
    delivery_years: list[str] = field(default_factory=list)
    page: int | None = None
    rendered_id: str | None = None

    def truth_row(self, has_gantt: bool) -> dict[str, str]:
        row = {k: "" for k in TRUTH_COLUMNS}
        for key, value in self.fields.items():
            row[key] = _csv_value(value)
        row.update(
            plan=self.plan, action_id=self.action_id, theme=self.theme or "", section=self.section or "",
            rag=self.rag or "", rag_fill=self.rag_fill or "", page=str(self.page or ""),
            action_id_raw=self.rendered_id or "",
            delivery_years=json.dumps(self.delivery_years) if has_gantt else "",
        )
        return row


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def load_seed_actions() -> dict[str, list[Action]]:
    """Ingest the seeds with our own pipeline; return the actions of each document."""
    import duckdb

    import actionplans

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "seeds.duckdb"
        report = actionplans.ingest(sorted(SEEDS.glob("*.txt")), db=db, progress=False)
        if not report.ok:
            raise SystemExit("render.py: seeds failed to ingest: " + "; ".join(r.summary() for r in report.failed))
        con = duckdb.connect(str(db), read_only=True)
        rows = con.execute(
            """SELECT doc_id, plan, action_id, action_id_raw, theme, section, description, role, lead,
                      partners, objectives, timescale, start_period, end_period, stage, update_text,
                      target_date, attributes
               FROM actions ORDER BY doc_id, source_row"""
        ).fetchall()
        fixes = con.execute(
            "SELECT doc_id, action_id, field, raw_value, clean_value, rule FROM corrections "
            "WHERE action_id IS NOT NULL ORDER BY rowid"
        ).fetchall()
        con.close()

    out: dict[str, list[Action]] = {}
    seen: dict[tuple[str, str], int] = {}
    for (doc, plan, aid, aid_raw, theme, section, desc, role, lead, partners, objectives, timescale,
         start, end, stage, update, target, attributes) in rows:
        attrs = json.loads(attributes) if attributes else {}
        occurrence = seen.get((doc, aid), 0)
        seen[(doc, aid)] = occurrence + 1
        fields = {
            "description": desc, "role": role, "lead": lead, "partners": list(partners or []),
            "objectives": objectives, "timescale": timescale, "start_period": start, "end_period": end,
            "stage": stage, "update_text": update, "target_date": target,
            "cost": attrs.get("cost"), "carbon_saving": attrs.get("carbon_saving"),
            "deliverability": attrs.get("deliverability"),
        }
        out.setdefault(doc, []).append(
            Action(doc, plan, aid, aid_raw, theme, section, fields, occurrence=occurrence)
        )

    # The seed's raw text of a field, where its corrections end in the clean truth value.
    chains: dict[tuple[str, str, str], list[tuple[str, str | None, str]]] = {}
    for doc, aid, fld, raw, clean, rule in fixes:
        chains.setdefault((doc, aid, fld), []).append((raw, clean, rule))
    for doc, actions in out.items():
        for action in actions:
            if action.occurrence:  # corrections cannot tell duplicate ids apart
                continue
            for fld in RAW_FIELDS:
                chain = [c for c in chains.get((doc, action.action_id, fld), []) if c[2] not in RAW_SKIP_RULES]
                if not chain:
                    continue
                truth = action.action_id if fld == "action_id" else action.fields.get(fld)
                final = chain[-1][1]
                if fld == "partners" and truth == [] and any(c[2] == "placeholder_tbc" for c in chain):
                    action.raw[fld] = chain[0][0]
                elif (final or None) == (truth or None) and not isinstance(truth, list):
                    action.raw[fld] = chain[0][0]
            for year in GANTT_YEARS:
                chain = chains.get((doc, action.action_id, f"delivery_years:{year}"))
                if chain:
                    action.stray[year] = chain[0][0]
            if action.action_id_raw and action.action_id_raw != action.action_id:
                action.raw.setdefault("action_id", action.action_id_raw)
    return out


# --------------------------------------------------------------------------- drawing


@dataclass
class Style:
    pagesize: tuple[float, float]
    font: str
    bold: str
    fallback: str  # a TTF with Cyrillic and Greek for the characters `font` lacks
    fallback_bold: str
    size: float
    leading: float
    pad: float = 3.0
    margin: float = 36.0
    grid: str = "full"  # full | rows | sparse (rules under header and section rows only)
    rules_as_rects: bool = False  # borders as thin filled rectangles, as some word processors draw them
    rule_grey: float = 0.0  # 0 black .. 1 white (spreadsheet gridlines are grey)
    valign: str = "top"  # top | middle (spreadsheets centre cell text vertically)
    rotate_headers: tuple[str, ...] = ()  # column-key prefixes whose header text is turned 90 degrees
    line_width: float = 0.5
    header_fill: str | None = "#1f3864"
    header_text: str = "#ffffff"
    section_fill: str | None = "#d9e2f3"
    colour_mode: str = "rgb"  # rgb | cmyk | mixed (grey fills for chrome, CMYK/RGB for colour)
    white_cells: bool = False  # Word's habit of drawing a white fill behind every cell
    footer_left: str = ""
    page_label: str = "Page {n} of {total}"
    page_offset: int = 0
    header_band: str = ""
    row_gap: float = 0.0


def _rgb(hexcol: str) -> tuple[float, float, float]:
    h = hexcol.lstrip("#")
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _cmyk(hexcol: str) -> tuple[float, float, float, float]:
    r, g, b = _rgb(hexcol)
    k = 1 - max(r, g, b)
    if k >= 1:
        return 0.0, 0.0, 0.0, 1.0
    return ((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k)


@dataclass
class Fill:
    colour: str
    mode: str = "rgb"  # rgb | cmyk | gray
    pieces: int = 1  # the fill drawn as this many adjacent rects
    vertical: bool = False


@dataclass
class Cell:
    paragraphs: list[str] = field(default_factory=list)
    bold: bool = False
    fill: Fill | None = None
    size: float | None = None


@dataclass
class Column:
    key: str
    header: str
    weight: float


@dataclass
class Row:
    kind: str  # action | section
    cells: dict[str, Cell] = field(default_factory=dict)
    text: str = ""  # section rows: the spanning text
    action: Action | None = None
    span_fill: tuple[str, str, Fill] | None = None  # one rect over several cells: (first key, last key, fill)


@dataclass
class Table:
    columns: list[Column]
    rows: list[Row]
    groups: list[tuple[str, int]] | None = None  # a header row above: (label, columns spanned)
    drop_on_continuation: set[str] = field(default_factory=set)
    split_rows: bool = False


class Typesetter:
    """A small page-flow engine on a reportlab canvas: headings, keys, tables."""

    def __init__(self, target, style: Style, title: str, total: int | None):
        self.s = style
        self.total = total
        self.c = canvas.Canvas(target, pagesize=style.pagesize, invariant=1, pageCompression=1)
        self.c.setTitle(title)
        self.c.setAuthor("actionplans sample renderer")
        self.c.setSubject("Re-typeset sample of a council action plan; not a council original")
        self.c.setCreator("data/raw/samples/render.py")
        self.width, self.height = style.pagesize
        self.page = 1
        self.top = self.height - style.margin - (14 if style.header_band else 0)
        self.bottom = style.margin + 14
        self.y = self.top

    # ---- text primitives
    def _runs(self, text: str, bold: bool) -> list[tuple[str, str]]:
        font = self.s.bold if bold else self.s.font
        fallback = self.s.fallback_bold if bold else self.s.fallback
        if font in TTF_FONTS:
            return [(font, text)]
        runs: list[tuple[str, str]] = []
        for ch in text:
            try:
                ch.encode("cp1252")
                f = font
            except UnicodeEncodeError:
                f = fallback
            if runs and runs[-1][0] == f:
                runs[-1] = (f, runs[-1][1] + ch)
            else:
                runs.append((f, ch))
        return runs

    def text_width(self, text: str, size: float, bold: bool = False) -> float:
        return sum(pdfmetrics.stringWidth(chunk, f, size) for f, chunk in self._runs(text, bold))

    def draw_text(self, x: float, y: float, text: str, size: float, bold: bool = False, colour: str = "#000000") -> None:
        self.c.setFillColorRGB(*_rgb(colour))
        for f, chunk in self._runs(text, bold):
            self.c.setFont(f, size)
            self.c.drawString(x, y, chunk)
            x += pdfmetrics.stringWidth(chunk, f, size)

    def wrap(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        lines: list[str] = []
        current = ""
        for word in text.split():
            trial = f"{current} {word}" if current else word
            if self.text_width(trial, size, bold) <= width:
                current = trial
                continue
            if current:
                lines.append(current)
            while self.text_width(word, size, bold) > width and len(word) > 1:  # URLs and the like
                cut = len(word)
                while cut > 1 and self.text_width(word[:cut], size, bold) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        if current:
            lines.append(current)
        return lines

    def set_fill(self, fill: Fill) -> None:
        if fill.mode == "cmyk":
            self.c.setFillColorCMYK(*_cmyk(fill.colour))
        elif fill.mode == "gray":
            r, g, b = _rgb(fill.colour)
            self.c.setFillGray(0.299 * r + 0.587 * g + 0.114 * b)
        else:
            self.c.setFillColorRGB(*_rgb(fill.colour))

    def fill_rect(self, x: float, y: float, w: float, h: float, fill: Fill) -> None:
        self.set_fill(fill)
        n = max(1, fill.pieces)
        for i in range(n):
            if fill.vertical:
                self.c.rect(x, y + h * i / n, w, h / n, stroke=0, fill=1)
            else:
                self.c.rect(x + w * i / n, y, w / n, h, stroke=0, fill=1)

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float | None = None, grey: float | None = None) -> None:
        w = width or self.s.line_width
        grey = self.s.rule_grey if grey is None else grey
        if self.s.rules_as_rects:
            self.c.setFillGray(grey)
            if y1 == y2:
                self.c.rect(min(x1, x2) - w / 2, y1 - w / 2, abs(x2 - x1) + w, w, stroke=0, fill=1)
            else:
                self.c.rect(x1 - w / 2, min(y1, y2) - w / 2, w, abs(y2 - y1) + w, stroke=0, fill=1)
            return
        self.c.setStrokeGray(grey)
        self.c.setLineWidth(w)
        self.c.line(x1, y1, x2, y2)

    # ---- page flow
    def footer(self) -> None:
        s = self.s
        label = s.page_label.format(n=self.page + s.page_offset, total=self.total or 0)
        size = max(6.0, s.size - 0.5)
        if s.footer_left:
            self.draw_text(s.margin, s.margin - 4, s.footer_left, size, colour="#404040")
        self.draw_text(self.width - s.margin - self.text_width(label, size), s.margin - 4, label, size, colour="#404040")
        if s.header_band:
            self.draw_text(s.margin, self.height - s.margin + 2, s.header_band, size, colour="#404040")

    def new_page(self) -> None:
        self.footer()
        self.c.showPage()
        self.page += 1
        self.y = self.top

    def ensure(self, height: float) -> None:
        if self.y - height < self.bottom and self.y < self.top:
            self.new_page()

    def finish(self) -> int:
        self.footer()
        self.c.save()
        return self.page

    def heading(self, text: str, size: float, space_after: float = 6.0, keep_with: float = 120.0) -> None:
        self.ensure(size + space_after + keep_with)
        self.y -= size
        self.draw_text(self.s.margin, self.y, text, size, bold=True)
        self.y -= space_after

    def paragraph(self, text: str, size: float | None = None, bold: bool = False, indent: float = 0.0) -> None:
        size = size or self.s.size
        for line in self.wrap(text, self.width - 2 * self.s.margin - indent, size, bold):
            self.ensure(size * 1.25)
            self.y -= size * 1.25
            self.draw_text(self.s.margin + indent, self.y, line, size, bold=bold)

    def key(self, stage_lines: list[str], rag_lines: list[tuple[str, str]], fill_mode: str) -> None:
        """The 'Key' box the plans print above each table: stages, and RAG swatches."""
        size = self.s.size
        self.ensure(size * 1.3 * (len(stage_lines) + len(rag_lines) + 3))
        self.paragraph("Key:", size, bold=True)
        self.paragraph("Current Project Stage", size, bold=True)
        for line in stage_lines:
            self.paragraph(line, size, indent=10)
        self.paragraph("RAG rating", size, bold=True)
        for colour, text in rag_lines:
            self.y -= size * 1.45
            self.fill_rect(self.s.margin + 10, self.y - 1.5, 28, size + 1.5, Fill(KEY_SWATCH[colour], fill_mode))
            self.draw_text(self.s.margin + 44, self.y, text, size)
        self.y -= size

    # ---- tables
    def _xs(self, columns: list[Column]) -> list[float]:
        total = sum(c.weight for c in columns)
        usable = self.width - 2 * self.s.margin
        xs = [self.s.margin]
        for c in columns:
            xs.append(xs[-1] + usable * c.weight / total)
        return xs

    def _cell_lines(self, cell: Cell, width: float) -> list[str]:
        size = cell.size or self.s.size
        lines: list[str] = []
        for para in cell.paragraphs:
            lines.extend(self.wrap(para, width - 2 * self.s.pad, size, cell.bold) or [""])
        return lines

    def _draw_cell_text(self, x: float, top: float, lines: list[str], cell: Cell, colour: str = "#000000") -> None:
        size = cell.size or self.s.size
        y = top - self.s.pad - size * 0.85
        for line in lines:
            self.draw_text(x + self.s.pad, y, line, size, bold=cell.bold, colour=colour)
            y -= self.s.leading

    def _borders(self, xs: list[float], top: float, bottom: float, kind: str) -> None:
        s = self.s
        if s.grid == "full":
            self.line(xs[0], top, xs[-1], top)
            self.line(xs[0], bottom, xs[-1], bottom)
            for x in xs if kind != "section" else (xs[0], xs[-1]):
                self.line(x, top, x, bottom)
        elif s.grid == "rows":
            self.line(xs[0], bottom, xs[-1], bottom, grey=0.4)
        elif s.grid == "sparse" and kind in ("header", "section"):
            self.line(xs[0], bottom, xs[-1], bottom, width=1.0 if kind == "header" else 0.4)

    def _header(self, table: Table, columns: list[Column], xs: list[float]) -> None:
        s = self.s
        rows: list[list[tuple[str, float, float]]] = []
        if table.groups and len(columns) == len(table.columns):
            spans, i = [], 0
            for label, n in table.groups:
                spans.append((label, xs[i], xs[i + n]))
                i += n
            rows.append(spans)
        rows.append([(c.header, xs[i], xs[i + 1]) for i, c in enumerate(columns)])
        turned = {c.header for c in columns if c.key.startswith(s.rotate_headers)} if s.rotate_headers else set()
        for spans in rows:
            last = spans is rows[-1]
            cells = [([text] if last and text in turned else self.wrap(text, x1 - x0 - 2 * s.pad, s.size, True), x0, x1)
                     for text, x0, x1 in spans]
            height = max(len(lines) for lines, _, _ in cells) * s.leading + 2 * s.pad
            if last and turned:
                height = max(height, max(self.text_width(t, s.size, True) for t in turned) + 2 * s.pad)
            top = self.y
            colour = s.header_text if s.header_fill else "#000000"
            if s.header_fill:
                self.fill_rect(xs[0], top - height, xs[-1] - xs[0], height, Fill(s.header_fill, "gray" if s.colour_mode == "mixed" else s.colour_mode))
            for lines, x0, x1 in cells:
                if last and lines and lines[0] in turned:  # read bottom to top, as spreadsheets turn it
                    self.c.saveState()
                    self.c.translate(x0 + (x1 - x0) / 2 + s.size * 0.35, top - height + s.pad)
                    self.c.rotate(90)
                    self.draw_text(0, 0, lines[0], s.size, bold=True, colour=colour)
                    self.c.restoreState()
                else:
                    self._draw_cell_text(x0, top, lines, Cell(bold=True), colour)
                if s.grid == "full":
                    self.line(x0, top, x0, top - height)
                    self.line(x1, top, x1, top - height)
            if s.grid == "full":
                self.line(xs[0], top, xs[-1], top)
                self.line(xs[0], top - height, xs[-1], top - height)
            else:
                self._borders(xs, top, top - height, "header" if spans is rows[-1] else "group")
            self.y = top - height

    def table(self, table: Table) -> None:
        s = self.s
        start_page = self.page

        def active() -> list[Column]:
            if self.page == start_page:
                return table.columns
            return [c for c in table.columns if c.key not in table.drop_on_continuation]

        columns = active()
        xs = self._xs(columns)
        self.ensure(80)
        if self.page != start_page:
            start_page = self.page
        self._header(table, columns, xs)
        for row in table.rows:
            if row.kind == "section":
                lines = self.wrap(row.text, xs[-1] - xs[0] - 2 * s.pad, s.size, True)
                height = len(lines) * s.leading + 2 * s.pad + s.row_gap
                if self.y - height < self.bottom:
                    self.new_page()
                    columns = active()
                    xs = self._xs(columns)
                    self._header(table, columns, xs)
                top = self.y
                if s.section_fill:
                    self.fill_rect(xs[0], top - height, xs[-1] - xs[0], height, Fill(s.section_fill, "gray" if s.colour_mode == "mixed" else s.colour_mode))
                self._draw_cell_text(xs[0], top, lines, Cell(bold=True))
                self._borders(xs, top, top - height, "section")
                self.y = top - height
                continue
            self._action_row(table, row, active, columns, xs)
            columns = active()
            xs = self._xs(columns)
        self.y -= 10

    def _action_row(self, table: Table, row: Row, active, columns: list[Column], xs: list[float]) -> None:
        s = self.s

        def layout(cols: list[Column], xs_: list[float]) -> list[list[str]]:
            return [self._cell_lines(row.cells.get(c.key, Cell()), xs_[i + 1] - xs_[i]) for i, c in enumerate(cols)]

        lines = layout(columns, xs)
        needed = max(len(ls) for ls in lines) * s.leading + 2 * s.pad + s.row_gap
        room = self.y - self.bottom
        min_split = 3 * s.leading + 2 * s.pad
        if needed > room and not (table.split_rows and room >= min_split):
            self.new_page()
            columns = active()
            xs = self._xs(columns)
            self._header(table, columns, xs)
            lines = layout(columns, xs)
            needed = max(len(ls) for ls in lines) * s.leading + 2 * s.pad + s.row_gap
        if row.action is not None:
            row.action.page = self.page
            if "rag" not in [c.key for c in columns]:
                row.action.rag = None
                row.action.rag_fill = None
        while True:
            room = self.y - self.bottom
            fits = int((room - 2 * s.pad - s.row_gap) // s.leading)
            longest = max(len(ls) for ls in lines)
            part = lines if longest <= fits else [ls[:fits] for ls in lines]
            height = max(len(ls) for ls in part) * s.leading + 2 * s.pad + s.row_gap
            top = self.y
            for i, c in enumerate(columns):
                cell = row.cells.get(c.key, Cell())
                fill = cell.fill or (Fill("#ffffff", "gray") if s.white_cells else None)
                if fill:
                    self.fill_rect(xs[i], top - height, xs[i + 1] - xs[i], height, fill)
            keys = [c.key for c in columns]
            if row.span_fill and row.span_fill[0] in keys and row.span_fill[1] in keys:
                first, last = keys.index(row.span_fill[0]), keys.index(row.span_fill[1])
                self.fill_rect(xs[first], top - height, xs[last + 1] - xs[first], height, row.span_fill[2])
            for i, c in enumerate(columns):
                shift = 0.0
                if s.valign == "middle" and longest <= fits:
                    shift = (height - s.row_gap - 2 * s.pad - len(part[i]) * s.leading) / 2
                self._draw_cell_text(xs[i], top - shift, part[i], row.cells.get(c.key, Cell()))
            self._borders(xs, top, top - height, "action")
            self.y = top - height
            if longest <= fits:
                return
            lines = [ls[fits:] for ls in lines]
            self.new_page()
            columns = active()
            xs = self._xs(columns)
            self._header(table, columns, xs)
            if len(columns) != len(lines):
                lines = layout(columns, xs)


# --------------------------------------------------------------------------- samples


@dataclass
class Sample:
    name: str
    doc: str  # seed doc_id the actions come from
    title: str
    edition: str
    plans: list[str]
    profile: str
    style: Style
    build: object  # callable(Typesetter, list[Action], Sample) -> None
    noise_share: int = 100  # percent of the seed's noisy cells typeset noisy
    rag_mode: str = "rgb"
    has_gantt: bool = False
    description: str = ""


def month_text(value: str | None) -> str:
    """2027-03 -> Mar-27, as the plans print months; words (Ongoing) unchanged."""
    if value and len(value) == 7 and value[4] == "-" and value[:4].isdigit():
        return f"{MONTHS[int(value[5:]) - 1]}-{value[2:4]}"
    return value or ""


def text_of(a: Action, fld: str, sample: Sample) -> str:
    if fld in a.raw and _h("noise", sample.name, a.action_id, a.occurrence, fld) % 100 < sample.noise_share:
        return a.raw[fld]
    if fld == "action_id":
        return a.action_id
    value = a.fields.get(fld)
    if fld in ("start_period", "end_period"):
        return month_text(value)  # type: ignore[arg-type]
    return _csv_value(value)


def assign_rag(a: Action, sample: Sample) -> None:
    r = _h("rag", a.plan, a.action_id, a.occurrence) % 10
    a.rag = "Green" if r < 5 else "Amber" if r < 8 else "Red"
    a.rag_fill = RAG_SHADES[a.rag][_h("shade", sample.name, a.action_id, a.occurrence) % 3]


def assign_years(a: Action) -> None:
    start = _h("years", a.plan, a.action_id) % len(GANTT_YEARS)
    length = 1 + _h("years-length", a.plan, a.action_id) % (len(GANTT_YEARS) - start)
    a.delivery_years = GANTT_YEARS[start:start + length]


def _pieces(sample: Sample, a: Action, what: str) -> tuple[int, bool]:
    r = _h("pieces", what, sample.name, a.action_id, a.occurrence)
    return (1, 1, 1, 2, 3)[r % 5], bool(r // 5 % 2)


def action_row(a: Action, columns: list[Column], sample: Sample, gantt_fill: Fill | None = None,
               gantt_span: bool = False) -> Row:
    """One action's cells; ``gantt_span`` draws its delivery years as one rect over the year cells."""
    cells: dict[str, Cell] = {}
    for col in columns:
        key = col.key
        if key == "rag":
            pieces, vertical = _pieces(sample, a, "rag")
            mode = sample.rag_mode
            if mode == "rgb+cmyk":  # a document pasted together from two sources
                mode = ("rgb", "cmyk")[_h("mode", sample.name, a.action_id) % 2]
            cells[key] = Cell(fill=Fill(a.rag_fill, mode, pieces, vertical)) if a.rag_fill else Cell()
        elif key.startswith("gantt:"):
            year = key[6:]
            cell = Cell(paragraphs=[a.stray[year]] if year in a.stray else [])
            if gantt_fill and year in a.delivery_years and not gantt_span:
                pieces, vertical = _pieces(sample, a, year)
                cell.fill = Fill(gantt_fill.colour, gantt_fill.mode, pieces, vertical)
            cells[key] = cell
        elif key in ("partners", "lead"):
            if key in a.raw and _h("noise", sample.name, a.action_id, key) % 100 < sample.noise_share:
                raw = a.raw[key]
                cells[key] = Cell(paragraphs=[raw], bold=raw.strip() in "-–—")
            else:
                value = a.fields.get(key)
                items = value if isinstance(value, list) else (value.split("; ") if value else [])
                cells[key] = Cell(paragraphs=list(items))
        elif key == "stage" and " - " in text_of(a, key, sample):
            # one cell holding the stages of several sub-schemes, one per line
            cells[key] = Cell(paragraphs=_stage_lines(text_of(a, key, sample)))
        else:
            cells[key] = Cell(paragraphs=[text_of(a, key, sample)])
    row = Row("action", cells, action=a)
    if gantt_fill and gantt_span and a.delivery_years:
        row.span_fill = (f"gantt:{a.delivery_years[0]}", f"gantt:{a.delivery_years[-1]}", gantt_fill)
    return row


def _stage_lines(raw: str) -> list[str]:
    """'MMLe - Delivery Ivanhoe - Design ...' -> one line per sub-scheme."""
    words, lines, current = raw.split(), [], []
    for i, w in enumerate(words):
        current.append(w)
        if i >= 2 and words[i - 1] == "-" and w in ("Discovery", "Design", "Delivery", "Completed"):
            lines.append(" ".join(current))
            current = []
    if current:
        lines.append(" ".join(current))
    return lines


COUNTY_KEY_STAGES = [
    "In discovery (research, fact finding, gather evidence)",
    "In design (develop techniques/plan for delivery)",
    "In delivery (executing plan agreed at design)",
    "Competed (work has been finished)",
]
KEY_RAG = [
    ("Green", "Green – action delivery on track/to agreed timelines (may be agreed to start at a later date)"),
    ("Amber", "Orange – some delivery off track/timelines, further work to be completed"),
    ("Red", "Red – significantly off track/timelines, or may no longer be possible"),
]


def _themes(actions: list[Action]) -> list[tuple[str | None, list[Action]]]:
    out: list[tuple[str | None, list[Action]]] = []
    for a in actions:
        if not out or out[-1][0] != a.theme:
            out.append((a.theme, []))
        out[-1][1].append(a)
    return out


def _rows_with_sections(actions: list[Action], columns: list[Column], sample: Sample, by: str) -> list[Row]:
    rows: list[Row] = []
    current: str | None = None
    for a in actions:
        label = a.section if by == "section" else a.theme
        if label and label != current:
            rows.append(Row("section", text=label))
        current = label
        rows.append(action_row(a, columns, sample))
    return rows


def build_county_2023(ts: Typesetter, actions: list[Action], sample: Sample, columns: list[Column],
                      cross_columns: list[tuple[str, float]], theme_per_page: bool, split_rows: bool) -> None:
    for a in actions:
        assign_rag(a, sample)
    ts.heading("Net Zero Leicestershire Action Plan", ts.s.size + 9, keep_with=40)
    ts.paragraph("December 2023 update. Progress against each action, by theme.")
    ts.y -= 8
    for n, (theme, group) in enumerate(_themes(actions)):
        if theme_per_page and n:
            ts.new_page()
        ts.heading(theme or "", ts.s.size + 7, keep_with=200)
        ts.key(COUNTY_KEY_STAGES, KEY_RAG, sample.rag_mode)
        if theme == "Cross Cutting Actions":
            for section, members in _sections(group):
                cols = [Column(key, section if key == "description" else header, w) for key, header, w in
                        [(k, {"stage": "Project status", "rag": "RAG", "update_text": "Update"}.get(k, ""), w)
                         for k, w in cross_columns]]
                ts.table(Table(cols, [action_row(a, cols, sample) for a in members], split_rows=split_rows))
            continue
        rows = _rows_with_sections(group, columns, sample, "section")
        ts.table(Table(columns, rows, split_rows=split_rows))


def _sections(actions: list[Action]) -> list[tuple[str, list[Action]]]:
    out: list[tuple[str, list[Action]]] = []
    for a in actions:
        if not out or out[-1][0] != a.section:
            out.append((a.section or "", []))
        out[-1][1].append(a)
    return out


def county_ruled(ts: Typesetter, actions: list[Action], sample: Sample) -> None:
    columns = [
        Column("action_id", "Action ID", 5), Column("objectives", "Objective", 5.5),
        Column("description", "Action", 21), Column("role", "LCC Role", 5),
        Column("partners", "Who may be involved", 11), Column("timescale", "Timescales", 5.5),
        Column("cost", "Cost to Leicestershire", 6.5), Column("carbon_saving", "Carbon Saving", 5.5),
        Column("deliverability", "Deliverability Score", 6.5), Column("stage", "Project stage", 6.5),
        Column("rag", "RAG", 4), Column("update_text", "December 2023 Update", 24),
    ]
    build_county_2023(ts, actions, sample, columns, [("description", 40), ("stage", 10), ("rag", 5), ("update_text", 45)],
                      theme_per_page=True, split_rows=True)


def county_borderless(ts: Typesetter, actions: list[Action], sample: Sample) -> None:
    # another column order and other widths, as a second publisher might lay it out
    columns = [
        Column("action_id", "Action ID", 4), Column("description", "Action", 24),
        Column("objectives", "Objective", 4.5), Column("role", "LCC Role", 5),
        Column("timescale", "Timescales", 5), Column("cost", "Cost to Leicestershire", 6),
        Column("carbon_saving", "Carbon Saving", 5), Column("deliverability", "Deliverability Score", 6),
        Column("partners", "Who may be involved", 12), Column("stage", "Project stage", 6.5),
        Column("rag", "RAG", 3.5), Column("update_text", "December 2023 Update", 26),
    ]
    build_county_2023(ts, actions, sample, columns, [("description", 46), ("stage", 9), ("rag", 4), ("update_text", 41)],
                      theme_per_page=False, split_rows=False)


def council_2023(ts: Typesetter, actions: list[Action], sample: Sample) -> None:
    for a in actions:
        assign_rag(a, sample)
    columns = [
        Column("action_id", "Action ID", 7), Column("description", "Project Description", 30),
        Column("timescale", "Timescale", 8), Column("stage", "Project stage", 9),
        Column("rag", "RAG", 5), Column("update_text", "December 2023 Update", 41),
    ]
    ts.heading("Net Zero Council Action Plan – Carbon Reduction Programme", ts.s.size + 8, keep_with=40)
    ts.paragraph("Enabling Actions: December 2023 update")
    ts.y -= 6
    ts.key(COUNTY_KEY_STAGES[:3], KEY_RAG, sample.rag_mode)
    ts.paragraph("Enabling Actions", ts.s.size + 3, bold=True)
    ts.y -= 6
    grey = Fill("#e7e6e6", "gray")
    rows: list[Row] = []
    current = None
    for a in actions:
        if a.theme and a.theme != current:
            cells = {c.key: Cell(fill=grey) for c in columns}
            cells["action_id"] = Cell(["Workstream:"], bold=True, fill=grey)
            cells["description"] = Cell([a.theme], bold=True, fill=grey)
            rows.append(Row("action", cells))
        current = a.theme
        rows.append(action_row(a, columns, sample))
    ts.table(Table(columns, rows, drop_on_continuation={"rag"}))


def council_2023_borderless(ts: Typesetter, actions: list[Action], sample: Sample) -> None:
    """No rules at all, another column order, `Workstream: X` as one spanning line, RAG on every page."""
    for a in actions:
        assign_rag(a, sample)
    columns = [
        Column("action_id", "Ref", 6), Column("description", "Project Description", 33),
        Column("stage", "Project Status", 9), Column("rag", "RAG", 4.5),
        Column("timescale", "Timescale", 8), Column("update_text", "December 2023 Update", 40),
    ]
    ts.heading("Carbon Reduction Programme: Enabling Actions", ts.s.size + 7, keep_with=40)
    ts.paragraph("Progress update, December 2023. RAG: green on track; orange some delivery off track; "
                 "red significantly off track.")
    ts.y -= 8
    rows: list[Row] = []
    current = None
    for a in actions:
        if a.theme and a.theme != current:
            rows.append(Row("section", text=f"Workstream: {a.theme}"))
        current = a.theme
        rows.append(action_row(a, columns, sample))
    ts.table(Table(columns, rows))


def appendix_b_2025(ts: Typesetter, actions: list[Action], sample: Sample) -> None:
    years = [Column(f"gantt:{y}", y, 5.2) for y in GANTT_YEARS]
    council = [a for a in actions if a.plan == "council"]
    county = [a for a in actions if a.plan == "county"]
    for a in actions:
        assign_years(a)
    ts.heading("Appendix B", ts.s.size + 8, keep_with=40)
    ts.heading("2035 Net Zero Council Action Plan", ts.s.size + 5, keep_with=120)
    cols = [Column("action_id", "Action ID", 6), Column("description", "Action", 40),
            Column("lead", "LCC team leads", 14), Column("start_period", "Start", 6), Column("end_period", "End", 6)]
    cols += years
    groups = [("Action ID", 1), ("", 2), ("Timescale", 2), ("Delivery Period", 5)]
    ts.table(Table(cols, _gantt_rows(council, cols, sample, Fill("#5b9bd5", "rgb")), groups=groups))
    ts.heading("2050 Net Zero Leicestershire Action Plan", ts.s.size + 5, keep_with=120)
    cols = [Column("action_id", "Action ID", 5), Column("description", "Action", 30),
            Column("lead", "LCC team leads", 12), Column("partners", "Partners", 15),
            Column("start_period", "Start", 5.5), Column("end_period", "End", 5.5)]
    cols += years
    groups = [("", 4), ("Timescale", 2), ("Delivery Period", 5)]
    ts.table(Table(cols, _gantt_rows(county, cols, sample, Fill("#70ad47", "cmyk"), span=True), groups=groups))


def appendix_b_2025_sheet(ts: Typesetter, actions: list[Action], sample: Sample) -> None:
    """The 2025 plans as a spreadsheet export: one header row, years as turned '2025/26' headers,
    Start/End before the leads, cell text centred vertically, grey gridlines, amber Gantt cells."""
    years = [Column(f"gantt:{y}", y.replace("-", "/"), 3.0) for y in GANTT_YEARS]
    for a in actions:
        assign_years(a)
    gantt = Fill("#ffc000", "rgb")  # amber, though these cells say 'planned', not a RAG status
    ts.heading("2035 Net Zero Council Action Plan", ts.s.size + 6, keep_with=120)
    cols = [Column("action_id", "Action ID", 5), Column("description", "Action", 44),
            Column("start_period", "Start date", 6), Column("end_period", "End date", 6),
            Column("lead", "Lead team(s)", 14)] + years
    ts.table(Table(cols, _gantt_rows([a for a in actions if a.plan == "council"], cols, sample, gantt)))
    ts.heading("2050 Net Zero Leicestershire Action Plan", ts.s.size + 6, keep_with=120)
    cols = [Column("action_id", "Action ID", 5), Column("description", "Action", 32),
            Column("start_period", "Start date", 6), Column("end_period", "End date", 6),
            Column("lead", "Lead team(s)", 12), Column("partners", "Partners", 16)] + years
    ts.table(Table(cols, _gantt_rows([a for a in actions if a.plan == "county"], cols, sample, gantt)))


def _gantt_rows(actions: list[Action], columns: list[Column], sample: Sample, fill: Fill, span: bool = False) -> list[Row]:
    rows: list[Row] = []
    current = None
    for a in actions:
        if a.theme and a.theme != current:
            rows.append(Row("section", text=a.theme))
        current = a.theme
        rows.append(action_row(a, columns, sample, gantt_fill=fill, gantt_span=span))
    return rows


COUNCIL = "Leicestershire County Council"
FOOT_2023 = "Net Zero Leicestershire Action Plan – December 2023 update"


def samples() -> list[Sample]:
    return [
        Sample(
            "leics-county-2023-ruled", "leics-county-2023-12",
            "Net Zero Leicestershire Action Plan, December 2023 update (re-typeset sample: ruled, A4)",
            "2023-12", ["county"], "leics-county-2023",
            Style(landscape(A4), "Helvetica", "Helvetica-Bold", "DejaVuSans", "DejaVuSans-Bold", 7.0, 8.4,
                  footer_left=FOOT_2023, page_label="Page {n} of {total}"),
            county_ruled, noise_share=100, rag_mode="rgb",
            description="county plan 2023, ruled grid, A4 landscape, Helvetica; rows split across pages",
        ),
        Sample(
            "leics-county-2023-borderless", "leics-county-2023-12",
            "Net Zero Leicestershire Action Plan, December 2023 update (re-typeset sample: borderless, A3)",
            "2023-12", ["county"], "leics-county-2023",
            Style(landscape(A3), "Times-Roman", "Times-Bold", "DejaVuSerif", "DejaVuSerif-Bold", 9.0, 10.5,
                  margin=48, grid="sparse", header_fill=None, section_fill=None, colour_mode="cmyk",
                  footer_left="Net Zero Leicestershire | December 2023", page_label="{n}", row_gap=5.0),
            county_borderless, noise_share=50, rag_mode="cmyk",
            description="county plan 2023, whitespace-aligned (rules under header and sections only), A3 landscape, "
                        "Times, other column order, CMYK fills",
        ),
        Sample(
            "leics-council-2023", "leics-council-2023-12",
            "Net Zero Council Action Plan, enabling actions, December 2023 update (re-typeset sample)",
            "2023-12", ["council"], "leics-council-2023",
            Style(landscape(A4), "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans", "DejaVuSans-Bold", 7.5, 9.2,
                  header_fill="#d9d9d9", header_text="#000000", section_fill="#f2f2f2", colour_mode="mixed",
                  white_cells=True, footer_left="Carbon Reduction Programme – enabling actions", page_label="{n}"),
            council_2023, noise_share=100, rag_mode="cmyk",
            description="council plan 2023, `Workstream:` rows, DejaVu Sans, grey chrome with CMYK RAG, "
                        "white cell fills, RAG column dropped on continuation pages",
        ),
        Sample(
            "leics-council-2023-borderless", "leics-council-2023-12",
            "Net Zero Council Action Plan, enabling actions, December 2023 update (re-typeset sample: no rules)",
            "2023-12", ["council"], "leics-council-2023",
            Style(landscape(A4), "DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif", "DejaVuSerif-Bold", 8.0, 9.6,
                  margin=40, grid="none", header_fill=None, section_fill=None, row_gap=3.0,
                  footer_left="Leicestershire County Council", page_label="{n}/{total}"),
            council_2023_borderless, noise_share=100, rag_mode="rgb+cmyk",
            description="council plan 2023 with no rules at all, DejaVu Serif, columns reordered (Ref, Project "
                        "Status, RAG before Timescale), spanning `Workstream:` lines, RAG fills in RGB and CMYK mixed",
        ),
        Sample(
            "leics-2025-appendix-b", "leics-2025-appendix-b",
            "Appendix B: 2035 Net Zero Council and 2050 Net Zero Leicestershire Action Plans (re-typeset sample)",
            "2025-04", ["council", "county"], "leics-2025",
            Style(landscape(A4), "Courier", "Courier-Bold", "DejaVuSansMono", "DejaVuSansMono-Bold", 6.5, 7.8,
                  header_fill="#1f6f78", section_fill="#deeaf6", footer_left="Cabinet report – Appendix B",
                  rules_as_rects=True, line_width=0.6,
                  page_label="{n}", page_offset=202, header_band="Appendix B"),
            appendix_b_2025, noise_share=100, rag_mode="rgb", has_gantt=True,
            description="2025 two-plan document, Courier, borders drawn as thin filled rects, two-level header, Gantt delivery years as filled cells "
                        "(RGB per cell in the council table, CMYK rects spanning the years in the county table), page labels from 203",
        ),
        Sample(
            "leics-2025-sheet", "leics-2025-appendix-b",
            "2035 Net Zero Council and 2050 Net Zero Leicestershire Action Plans, spreadsheet export (re-typeset sample)",
            "2025-04", ["council", "county"], "leics-2025",
            Style(landscape(A3), "Helvetica", "Helvetica-Bold", "DejaVuSans", "DejaVuSans-Bold", 8.0, 9.6,
                  margin=30, header_fill="#f2f2f2", header_text="#000000", section_fill=None, rule_grey=0.65,
                  line_width=0.4, valign="middle", rotate_headers=("gantt:",), footer_left="Net Zero action plans 2025",
                  page_label="Page {n}"),
            appendix_b_2025_sheet, noise_share=60, has_gantt=True,
            description="2025 plans as a spreadsheet export: A3 landscape, grey gridlines, text centred vertically, "
                        "Start/End before the leads, year headers '2025/26' turned 90 degrees, amber Gantt cells, no group row",
        ),
    ]


def render_sample(sample: Sample, actions: list[Action], out: Path) -> int:
    import copy

    def run(target, total: int | None) -> tuple[int, list[Action]]:
        acts = copy.deepcopy(actions)
        ts = Typesetter(target, sample.style, sample.title, total)
        sample.build(ts, acts, sample)  # type: ignore[operator]
        return ts.finish(), acts

    pages, _ = run(io.BytesIO(), None)
    pages2, acts = run(str(out / f"{sample.name}.pdf"), pages)
    assert pages == pages2, (sample.name, pages, pages2)
    with open(out / f"{sample.name}.truth.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, TRUTH_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for a in acts:
            a.rendered_id = text_of(a, "action_id", sample) if not a.action_id.startswith("CC.") else None
            writer.writerow(a.truth_row(sample.has_gantt))
    return pages


def write_manifest(rendered: list[tuple[Sample, int]], out: Path) -> None:
    lines = [
        "# Sample PDFs re-typeset from the seed dumps by render.py (NOT council originals).",
        "# Regenerate with `python data/raw/samples/render.py`; `actionplans ingest data/raw/samples` reads this.",
        "# Beside each PDF, <name>.truth.csv holds the actions it renders (one row each).",
        "# pages and truth are extra keys for tests and the benchmark.",
        "",
        "# Read only by `actionplans ingest data/raw/samples`, never as part of `ingest data/raw`:",
        "# these are test material, not published documents.",
        "standalone = true",
    ]
    for sample, pages in rendered:
        lines += [
            "",
            "[[document]]",
            f'file = "{sample.name}.pdf"',
            f'id = "sample-{sample.name}"',
            f'council = "{COUNCIL}"',
            f'title = "{sample.title}"',
            f'edition = "{sample.edition}"',
            "plans = [" + ", ".join(f'"{p}"' for p in sample.plans) + "]",
            f'profile = "{sample.profile}"',
            f'truth = "{sample.name}.truth.csv"',
            f"pages = {pages}",
            f'layout = "{sample.description}"',
        ]
    (out / "manifest.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


SCAN = {"source": "leics-county-2023-ruled", "theme": "Resources and Waste", "dpi": 110, "name": "leics-county-2023-scanned"}


def render_scanned(out: Path) -> int:
    """An image-only copy of one theme's pages of the ruled sample, as if printed and scanned.

    Goes to ``scanned/`` with its own standalone manifest: it has no text layer, so it
    waits for OCR (issue 7) and stays out of ``ingest data/raw/samples``.
    """
    import pypdfium2 as pdfium
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    with open(out / f"{SCAN['source']}.truth.csv", newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["theme"] == SCAN["theme"]]
    numbers = sorted({int(r["page"]) for r in rows})
    first = numbers[0]
    folder = out / "scanned"
    folder.mkdir(exist_ok=True)
    pdf = pdfium.PdfDocument(str(out / f"{SCAN['source']}.pdf"))
    size = landscape(A4)
    c = canvas.Canvas(str(folder / f"{SCAN['name']}.pdf"), pagesize=size, invariant=1)
    c.setTitle(f"{SCAN['theme']} pages of the ruled sample, scanned (re-typeset sample; no text layer)")
    c.setCreator("data/raw/samples/render.py")
    for n in range(first, numbers[-1] + 1):
        image = pdf[n - 1].render(scale=SCAN["dpi"] / 72).to_pil().convert("RGB")
        angle = ((_h("skew", n) % 9) - 4) / 10  # -0.4 .. +0.4 degrees, as a sheet sits on the glass
        image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=(255, 255, 255))
        buf = io.BytesIO()
        image.save(buf, format="JPEG", quality=72, optimize=True)
        buf.seek(0)
        c.drawImage(ImageReader(buf), 0, 0, width=size[0], height=size[1])
        c.showPage()
    c.save()
    pdf.close()
    with open(folder / f"{SCAN['name']}.truth.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, TRUTH_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "page": str(int(row["page"]) - first + 1)})
    pages = numbers[-1] - first + 1
    (folder / "manifest.toml").write_text(
        "# An image-only (scanned) sample made by ../render.py from the ruled sample: no text layer.\n"
        "# Until OCR (issue 7) ingest reports 'page N has no text layer'; standalone keeps it out of\n"
        "# `ingest data/raw/samples`.\n"
        "standalone = true\n\n[[document]]\n"
        f'file = "{SCAN["name"]}.pdf"\nid = "sample-{SCAN["name"]}"\ncouncil = "{COUNCIL}"\n'
        f'title = "Net Zero Leicestershire Action Plan, December 2023 update: {SCAN["theme"]} (scanned sample)"\n'
        'edition = "2023-12"\nplans = ["county"]\nprofile = "leics-county-2023"\n'
        f'truth = "{SCAN["name"]}.truth.csv"\npages = {pages}\n'
        f'layout = "pages {first}-{numbers[-1]} of {SCAN["source"]}.pdf rasterised at {SCAN["dpi"]} dpi, skewed, JPEG"\n',
        encoding="utf-8",
    )
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write the PDFs, truth and manifest")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    register_fonts()
    by_doc = load_seed_actions()
    rendered = []
    for sample in samples():
        pages = render_sample(sample, by_doc[sample.doc], args.out)
        rendered.append((sample, pages))
        size = (args.out / f"{sample.name}.pdf").stat().st_size
        print(f"{sample.name}.pdf: {pages} pages, {len(by_doc[sample.doc])} actions, {size / 1024:.0f} KiB")
    write_manifest(rendered, args.out)
    pages = render_scanned(args.out)
    size = (args.out / "scanned" / f"{SCAN['name']}.pdf").stat().st_size
    print(f"scanned/{SCAN['name']}.pdf: {pages} pages, image only, {size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
