#!/usr/bin/env python
"""Make hartfield.html (an invented council's delivery plan: ruled, the theme a cell merged
down its group of rows, delivery years as filled cells under a two-level header whose year
labels wrap inside the number, RAG as letters) and its truth CSV, then hartfield.pdf by
LibreOffice Writer's PDF export.  Needs LibreOffice (``soffice``); the PDF is committed.

    python make_hartfield.py
"""

import random

from _export import to_pdf, write_truth

random.seed(11)
themes = {
    "Energy": [
        "Install heat pumps in council offices",
        "Expand the solar farm at Hill Lane by 5 MW",
        "Retrofit 200 social homes to EPC C",
        "Publish a local area energy plan",
    ],
    "Transport": [
        "Electrify the pool car fleet",
        "Deliver 12 km of segregated cycle lanes",
        "Introduce a workplace parking levy study",
        "Install rapid chargers at park and ride sites",
        "Support car clubs in new developments",
    ],
    "Waste": [
        "Launch weekly food waste collections",
        "Open a reuse shop at the household waste site",
        "Cut single-use plastics in council buildings",
    ],
}
rows = []
truth = []
n = 0
for t, acts in themes.items():
    for k, a in enumerate(acts):
        n += 1
        aid = f"A{n:02d}"
        rag = random.choice(["G", "A", "R"])
        upd = random.choice(
            [
                "On programme.",
                "Tender issued in October; award due January.",
                "Slipped by one quarter because of supplier delays; revised plan agreed with the portfolio holder.",
            ]
        )
        yrs = random.sample(["2024", "2025", "2026", "2027"], 2)
        cells = "".join(
            '<td style="background:#5B9BD5">&nbsp;</td>' if y in yrs else "<td>&nbsp;</td>"
            for y in ["2024", "2025", "2026", "2027"]
        )
        theme_cell = f'<td rowspan="{len(acts)}"><b>{t}</b></td>' if k == 0 else ""
        rows.append(
            f"<tr>{theme_cell}<td>{aid}</td><td>{a}</td>{cells}<td>{rag}</td><td>{upd}</td></tr>"
        )
        truth.append(
            dict(
                action_id=aid,
                theme=t,
                description=a,
                rag={"G": "Green", "A": "Amber", "R": "Red"}[rag],
                update_text=upd,
                delivery_years=";".join(sorted(yrs)),
            )
        )
html = f"""<html><head><meta charset="utf-8"><style>@page {{ size: A4 landscape; margin: 1.5cm }} body {{ font-family: Liberation Sans; font-size: 10pt }}</style></head><body>
<h2>Hartfield City Council - Net Zero Delivery Plan 2024-2027</h2>
<table border="1" cellpadding="4" cellspacing="0" width="100%">
<thead><tr><th rowspan="2">Theme</th><th rowspan="2">Ref</th><th rowspan="2">Action</th><th colspan="4">Delivery year</th><th rowspan="2">RAG</th><th rowspan="2">Update</th></tr>
<tr><th>2024</th><th>2025</th><th>2026</th><th>2027</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table></body></html>"""
open("hartfield.html", "w").write(html)
write_truth("hartfield.truth.csv", truth)
to_pdf("hartfield.html", "--infilter=HTML (StarWriter)", target="pdf:writer_pdf_Export")
