"""A small page-flow typesetter on a reportlab canvas: headings, keys and long tables.

Tables repeat their header on every page, can drop columns on continuation
pages, split rows across pages, fill cells (RGB, CMYK or grey; as one rect or
several) and draw their rules as lines or thin rects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from _truth import Action
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

# Written into every sample PDF's metadata.  The script was called render.py when the bundled
# PDFs were made; the name stays so that regenerating them gives byte-identical files.
PDF_CREATOR = "data/raw/samples/render.py"
KEY_SWATCH = {"Green": "#00b050", "Amber": "#ffc000", "Red": "#ff0000"}
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
TTF_FONTS = {
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSerif": "DejaVuSerif.ttf",
    "DejaVuSerif-Bold": "DejaVuSerif-Bold.ttf",
    "DejaVuSansMono": "DejaVuSansMono.ttf",
    "DejaVuSansMono-Bold": "DejaVuSansMono-Bold.ttf",
}


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
                f"render_pdfs.py: font {filename} not found in {', '.join(map(str, FONT_DIRS))}; "
                "install the Debian package fonts-dejavu-core (see tools/apt-packages.txt)"
            )



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
    banded: bool = False  # shaded by the table's band_fill where a cell has no fill of its own


@dataclass
class Table:
    columns: list[Column]
    rows: list[Row]
    groups: list[tuple[str, int]] | None = None  # a header row above: (label, columns spanned)
    drop_on_continuation: set[str] = field(default_factory=set)
    split_rows: bool = False
    repeat_header: bool = True  # False: continuation pages start straight with rows
    band_fill: Fill | None = None  # alternate action rows shaded (spreadsheet table styles)
    justify: tuple[str, ...] = ()  # column keys whose text is justified (all lines but a cell's last)


class Typesetter:
    """A small page-flow engine on a reportlab canvas: headings, keys, tables."""

    def __init__(self, target, style: Style, title: str, total: int | None):
        self.s = style
        self.total = total
        self.c = canvas.Canvas(target, pagesize=style.pagesize, invariant=1, pageCompression=1)
        self.c.setTitle(title)
        self.c.setAuthor("actionplans sample renderer")
        self.c.setSubject("Re-typeset sample of a council action plan; not a council original")
        self.c.setCreator(PDF_CREATOR)
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

    def _draw_justified(self, x0: float, x1: float, top: float, lines: list[str], cell: Cell, last: bool) -> None:
        """Word by word, the gaps stretched to fill the width; each word keeps its space character."""
        size = cell.size or self.s.size
        width = x1 - x0 - 2 * self.s.pad
        y = top - self.s.pad - size * 0.85
        for n, line in enumerate(lines):
            words = line.split()
            if (last and n == len(lines) - 1) or len(words) < 2:
                self.draw_text(x0 + self.s.pad, y, line, size, bold=cell.bold)
            else:
                gap = (width - sum(self.text_width(w, size, cell.bold) for w in words)) / (len(words) - 1)
                x = x0 + self.s.pad
                for k, w in enumerate(words):
                    self.draw_text(x, y, w if k == len(words) - 1 else w + " ", size, bold=cell.bold)
                    x += self.text_width(w, size, cell.bold) + gap
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
                    if table.repeat_header:
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
            if table.repeat_header:
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
                fill = cell.fill or (table.band_fill if row.banded else None)
                fill = fill or (Fill("#ffffff", "gray") if s.white_cells else None)
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
                cell = row.cells.get(c.key, Cell())
                if c.key in table.justify:
                    last = longest <= fits  # the cell's final line stays ragged
                    self._draw_justified(xs[i], xs[i + 1], top - shift, part[i], cell, last)
                else:
                    self._draw_cell_text(xs[i], top - shift, part[i], cell)
            self._borders(xs, top, top - height, "action")
            self.y = top - height
            if longest <= fits:
                return
            lines = [ls[fits:] for ls in lines]
            self.new_page()
            columns = active()
            xs = self._xs(columns)
            if table.repeat_header:
                self._header(table, columns, xs)
            if len(columns) != len(lines):
                lines = layout(columns, xs)
