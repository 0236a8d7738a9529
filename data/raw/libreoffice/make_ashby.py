#!/usr/bin/env python
"""Make ashby.html (an invented council's progress update: a borderless table, cells centred
vertically, status words on coloured cells) and its truth CSV, then ashby.pdf by LibreOffice
Writer's PDF export.  Needs LibreOffice (``soffice``); the PDF is committed.

    python make_ashby.py
"""

import random

from _export import to_pdf, write_truth

random.seed(3)
verbs = [
    "Develop",
    "Deliver",
    "Review",
    "Install",
    "Promote",
    "Work with partners to",
    "Explore",
    "Introduce",
    "Expand",
    "Support",
]
objs = [
    "a district-wide heat network feasibility study",
    "solar canopies over the main car parks",
    "the council's procurement policy to include carbon criteria",
    "community energy groups with small grants",
    "a home retrofit advice service for residents",
    "school streets at ten primary schools",
    "a food waste collection for every household",
    "rewilding of the river corridor",
    "an electric taxi licensing incentive",
    "carbon literacy training for all staff",
    "the tree strategy and canopy cover target",
    "flood resilience measures for the town centre",
    "a circular economy hub with repair cafes",
    "LED street lighting across the district",
    "a local nature recovery network map",
]
status = [
    ("Complete", "#00B050"),
    ("On track", "#92D050"),
    ("At risk", "#FFC000"),
    ("Delayed", "#FF0000"),
]
themes = [
    "Energy and Buildings",
    "Travel and Transport",
    "Waste and Resources",
    "Natural Environment",
]
rows = []
truth = []
n = 0
for t in themes:
    rows.append(f'<tr><td colspan="6" style="background:#DEEAF6"><b>{t}</b></td></tr>')
    for i in range(1, 9):
        n += 1
        aid = f"{n}"
        desc = f"{random.choice(verbs)} {random.choice(objs)}" + (
            ", working with the county council and neighbouring districts to share costs and learning across the sub-region"
            if i % 3 == 0
            else ""
        )
        lead = random.choice(
            [
                "Climate Officer",
                "Head of Environment",
                "Estates Manager",
                "Transport Planner",
                "Waste Manager",
            ]
        )
        when = random.choice(["2024/25", "2025/26", "2026/27", "Ongoing", "March 2025"])
        st, col = random.choice(status)
        upd = random.choice(
            [
                "Business case approved by Cabinet in September.",
                "Procurement under way; contract award expected in the new year.",
                "No progress this quarter because of staff vacancies.",
                "Completed and evaluated; lessons shared with partners.",
                "Funding bid submitted to the Local Net Zero Accelerator programme; decision awaited before the end of the financial year, with a fallback option using reserves.",
            ]
        )
        rows.append(
            f'<tr><td>{aid}</td><td>{desc}</td><td>{lead}</td><td>{when}</td><td style="background:{col}">{st}</td><td>{upd}</td></tr>'
        )
        truth.append(
            dict(
                action_id=aid,
                theme=t,
                description=desc,
                lead=lead,
                timescale=when,
                stage=st,
                update_text=upd,
            )
        )
html = f"""<html><head><meta charset="utf-8"><style>
@page {{ size: A4 landscape; margin: 1.5cm }}
body {{ font-family: Arial; font-size: 9pt }}
table {{ border-collapse: collapse; width: 100% }}
td, th {{ border: 1px solid #999; padding: 3px; vertical-align: top }}
th {{ background: #4472C4; color: white }}
</style></head><body>
<h1>Ashby Vale Borough Council</h1><h2>Climate Emergency Action Plan 2023-2027: Annual Progress Update 2024</h2>
<p>This update reports progress on each action in the plan agreed by Council in March 2023.</p>
<table><thead><tr><th>No.</th><th>Action</th><th>Responsible Officer</th><th>Timescale</th><th>Status</th><th>Progress Update</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table></body></html>"""
open("ashby.html", "w").write(html)
write_truth("ashby.truth.csv", truth)
to_pdf("ashby.html", "--infilter=HTML (StarWriter)", target="pdf:writer_pdf_Export")
