#!/usr/bin/env python
"""Make the test PDFs printed by Chromium (Skia), another PDF producer than reportlab.

Needs ``chromium`` on PATH; the PDFs are committed, so the tests do not.  Chromium's
output is not byte-for-byte reproducible (IDs, dates): regenerate only to change them.
Browsers (and Google Docs, which prints through Skia) draw cell borders as
thin filled rectangles, split a row over a page break without closing its
border, and repeat ``<thead>`` on each page.

    python tests/pdfs/make_chromium_pdfs.py
"""

from __future__ import annotations

import random
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHADES = ["#63be7b", "#a9d08e", "#ffeb84", "#f8cbad", "#ff7c80", "#e06666", "#93c47d", "#f6b26b"]
PARTNERS = [
    "Districts",
    "Midlands Connect",
    "Transport for East Midlands",
    "Business",
    "Residents",
    "Energy Saving Trust",
    "Leicester City",
]
STYLE = {
    "ruled": (
        "td, th { border: 1px solid #999; padding: 3px 5px; vertical-align: top; }"
        " th { background: #1f4e79; color: white; text-align: left; }"
    ),
    "borderless": (
        "td, th { border: none; padding: 3px 5px; vertical-align: top; }"
        " th { border-bottom: 1px solid black; text-align: left; }"
    ),
}


def rows() -> list[dict]:
    rnd = random.Random(4)
    out = []
    for i in range(1, 41):
        out.append(
            {
                "id": f"T{i}",
                "desc": (
                    f"Deliver action number {i} to cut transport emissions across the county,"
                    " working with partners."
                    if i % 3
                    else f"Short action {i}."
                ),
                "partners": rnd.sample(PARTNERS, rnd.randint(1, 3)),
                "timescale": rnd.choice(["S", "M", "L", "S/M"]),
                "rag": SHADES[i % len(SHADES)],
                "update": (
                    "Update text for the action, which may be a little longer than the action"
                    " itself."
                    if i % 2
                    else "On track."
                ),
            }
        )
    return out


def html(style: str, dots: bool = False) -> str:
    """The plan as a web page; ``dots``: RAG as a coloured ● typed in the cell instead of its
    fill."""
    rag = (
        (lambda c: f"<td><span style='color:{c}; font-size: 12pt'>●</span></td>")
        if dots
        else (lambda c: f"<td style='background:{c}'></td>")
    )
    body = "".join(
        f"<tr><td>{r['id']}</td><td>{r['desc']}</td>"
        f"<td>{'<br>'.join(r['partners'])}</td><td>{r['timescale']}</td>"
        f"{rag(r['rag'])}<td>{r['update']}</td></tr>"
        for r in rows()
    )
    return f"""<html><head><style>
body {{ font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; }}
table {{ border-collapse: collapse; width: 100%; }}
{STYLE[style]}
@page {{ size: A4 landscape; margin: 15mm; }}
</style></head><body><h2>Transport</h2>
<table><thead><tr><th>Ref</th><th>Action</th><th>Key partners</th>\
<th>Timescale</th><th>RAG status</th>
<th>Progress update</th></tr></thead><tbody>{body}</tbody></table></body></html>"""


YEARS = ["2025-26", "2026-27", "2027-28", "2028-29", "2029-30"]
LEADS = ["Carbon Reduction Team", "Strategic Property Team", "Environment Branch"]


def gantt_rows() -> list[dict]:
    rnd = random.Random(7)
    out = []
    for i in range(1, 31):
        s = rnd.randint(0, 4)
        e = rnd.randint(s, 4)
        out.append(
            {
                "id": f"LCC.{i}",
                "lead": rnd.choice(LEADS),
                "years": YEARS[s : e + 1],
                "desc": (
                    f"Deliver council action {i}: reduce emissions from buildings, fleet and"
                    " procurement."
                ),
            }
        )
    return out


def gantt_html() -> str:
    """Two-level header (rowspan, colspan), separate borders, zebra rows, Gantt cells, cells
    centred."""
    body = "".join(
        f"<tr><td>{r['id']}</td><td>{r['desc']}</td><td>{r['lead']}</td>"
        f"<td>Apr-25</td><td>Mar-27</td>"
        + "".join(f"<td{' class=on' if y in r['years'] else ''}></td>" for y in YEARS)
        + "</tr>"
        for r in gantt_rows()
    )
    years = "".join(f"<th>{y}</th>" for y in YEARS)
    return f"""<html><head><style>
body {{ font-family: 'Liberation Serif', serif; font-size: 10pt; }}
table {{ border-collapse: separate; border-spacing: 2px; width: 100%; }}
td, th {{ border: 0.5px solid #bbb; padding: 2px 4px; vertical-align: middle; }}
tbody tr:nth-child(even) td {{ background-color: #dce6f1; }}
tbody td.on, tbody tr:nth-child(even) td.on {{ background-color: #ffc000; }}
th {{ background: #44546a; color: white; }}
@page {{ size: A4 landscape; margin: 12mm; }}
</style></head><body><h1>2035 Net Zero Council Action Plan</h1>
<table><thead><tr><th rowspan=2>Action ID</th><th rowspan=2>Action</th><th rowspan=2>Lead team</th>
<th colspan=2>Timescale</th><th colspan=5>Delivery Period</th></tr>\
<tr><th>Start</th><th>End</th>{years}</tr></thead>
<tbody>{body}</tbody></table></body></html>"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for style in STYLE:
            page = Path(tmp) / f"{style}.html"
            page.write_text(html(style), encoding="utf-8")
            out = HERE / f"test-2024-chromium-{style}.pdf"
            subprocess.run(
                [
                    "chromium",
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-pdf-header-footer",
                    f"--print-to-pdf={out}",
                    str(page),
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
            print(f"{out.name}: {out.stat().st_size} bytes")
        page = Path(tmp) / "dots.html"
        page.write_text(html("borderless", dots=True), encoding="utf-8")
        out = HERE / "test-2024-chromium-dots.pdf"
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--print-to-pdf={out}",
                str(page),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        print(f"{out.name}: {out.stat().st_size} bytes")
        page = Path(tmp) / "gantt.html"
        page.write_text(gantt_html(), encoding="utf-8")
        out = HERE / "test-2025-chromium-gantt.pdf"
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--print-to-pdf={out}",
                str(page),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        print(f"{out.name}: {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
