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

    python data/raw/samples/render_pdfs.py            # rewrite data/raw/samples/
    python data/raw/samples/render_pdfs.py --out DIR  # render elsewhere (tests)

Output is deterministic: the same seeds and library versions give the same bytes.
``_truth.py`` reads the seeds, ``_typeset.py`` is the page-flow engine; this file
holds the layouts of the samples.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from _truth import GANTT_YEARS, TRUTH_COLUMNS, Action, _csv_value, _h, load_seed_actions
from _typeset import PDF_CREATOR, Cell, Column, Fill, Row, Style, Table, Typesetter, register_fonts
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent

# Shades that councils' Word and Excel exports use for each RAG colour.
RAG_SHADES = {
    "Green": ["#92d050", "#00b050", "#c6efce"],
    "Amber": ["#ffc000", "#f4b183", "#ffeb9c"],
    "Red": ["#ff0000", "#c00000", "#ffc7ce"],
}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]



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


def council_2023_banded(ts: Typesetter, actions: list[Action], sample: Sample) -> None:
    """Header not repeated on later pages, banded rows, justified text, a dark green header
    row over the RAG column, pale green `Workstream:` rows, and some actions not yet rated."""
    for a in actions:
        assign_rag(a, sample)
        if _h("unrated", a.action_id) % 100 < 15:
            a.rag = a.rag_fill = None
    columns = [
        Column("action_id", "Action ID", 6.5), Column("description", "Project Description", 31),
        Column("timescale", "Timescale", 7.5), Column("stage", "Project stage", 8.5),
        Column("rag", "RAG", 5), Column("update_text", "December 2023 Update", 41.5),
    ]
    ts.heading("Net Zero Council: enabling actions – progress at December 2023", ts.s.size + 6, keep_with=40)
    ts.paragraph("A blank RAG cell means the action has not yet been rated.")
    ts.y -= 6
    rows: list[Row] = []
    current = None
    for n, a in enumerate(actions):
        if a.theme and a.theme != current:
            rows.append(Row("section", text=f"Workstream: {a.theme}"))
        current = a.theme
        row = action_row(a, columns, sample)
        row.banded = n % 2 == 1
        rows.append(row)
    ts.table(Table(columns, rows, repeat_header=False, band_fill=Fill("#ddebf7", "rgb"),
                   justify=("description", "update_text")))


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
            "leics-council-2023-banded", "leics-council-2023-12",
            "Net Zero Council Action Plan, enabling actions, December 2023 update (re-typeset sample: banded)",
            "2023-12", ["council"], "leics-council-2023",
            Style(landscape(A4), "Times-Roman", "Times-Bold", "DejaVuSerif", "DejaVuSerif-Bold", 8.5, 10.0,
                  grid="rows", rule_grey=0.55, header_fill="#375623", section_fill="#e2efda",
                  footer_left="Net Zero Council – enabling actions", page_label="– {n} –"),
            council_2023_banded, noise_share=100, rag_mode="rgb",
            description="council plan 2023: header row NOT repeated on later pages, rules between rows only, "
                        "banded rows (#ddebf7), justified text, dark green header over the RAG column, pale green "
                        "`Workstream:` rows, about 15% of actions not rated (blank RAG)",
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
        "# Sample PDFs re-typeset from the seed dumps by render_pdfs.py (NOT council originals).",
        "# Regenerate with `python data/raw/samples/render_pdfs.py`; `actionplans ingest data/raw/samples` reads this.",
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
    c.setCreator(PDF_CREATOR)
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
    # the other scans' entries (made by scan.py) are kept: re-rendering must not drop them
    from scan import other_entries

    manifest = folder / "manifest.toml"
    kept = other_entries(manifest, {f"{SCAN['name']}.pdf"})
    head = manifest.read_text(encoding="utf-8").split("\n[[document]]\n")[0] + "\n" if manifest.exists() else (
        "# Image-only (scanned) samples: no text layer, read by OCR. standalone keeps them out of\n"
        "# `ingest data/raw/samples`.\nstandalone = true\n")
    manifest.write_text(
        head + "\n[[document]]\n"
        f'file = "{SCAN["name"]}.pdf"\nid = "sample-{SCAN["name"]}"\ncouncil = "{COUNCIL}"\n'
        f'title = "Net Zero Leicestershire Action Plan, December 2023 update: {SCAN["theme"]} (scanned sample)"\n'
        'edition = "2023-12"\nplans = ["county"]\nprofile = "leics-county-2023"\n'
        f'truth = "{SCAN["name"]}.truth.csv"\npages = {pages}\n'
        f'layout = "pages {first}-{numbers[-1]} of {SCAN["source"]}.pdf rasterised at {SCAN["dpi"]} dpi, skewed, JPEG"\n'
        + "".join(kept),
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
