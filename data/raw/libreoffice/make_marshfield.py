#!/usr/bin/env python
"""Make marshfield.xlsx (an invented council's action plan as a spreadsheet) and its truth CSV,
then marshfield.pdf by LibreOffice Calc's PDF export.  Needs openpyxl and LibreOffice
(``soffice``); neither is a dependency of the project: the PDF is committed.

    python make_marshfield.py
    python make_marshfield.py --short-header   # marshfield-short-header.*: the header row one
                                               # line high, its wrapped labels printed over
                                               # the row below
    python make_marshfield.py --no-borders     # marshfield-borderless.*: no cell borders, so
                                               # rows are told apart only by the text's style
                                               # (white bold header, bold theme on a light
                                               # fill, plain body) and the key column
    python make_marshfield.py --no-borders --short-header
                                               # marshfield-borderless-short-header.*: both
"""

import math
import random
import sys

from _export import to_pdf, write_truth
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

random.seed(7)
SHORT = "--short-header" in sys.argv
BORDERLESS = "--no-borders" in sys.argv
NAME = "-".join(
    ["marshfield"] + (["borderless"] if BORDERLESS else []) + (["short-header"] if SHORT else [])
)
themes = {
    "Buildings and Energy": [
        (
            "Install solar PV on the roofs of the civic centre and two leisure centres",
            "Head of Property",
            "Solar Together; Parish councils",
            "Mar 2025",
            "Green",
            "Feasibility complete for all three sites; civic centre array (48 kWp) installed in October 2024.",
        ),
        (
            "Replace gas boilers in council-owned depots with air source heat pumps",
            "Facilities Manager",
            "Public Sector Decarbonisation Scheme",
            "Dec 2025",
            "Amber",
            "Grant bid for phase 3c submitted; design work delayed by the depot lease renewal.",
        ),
        (
            "Deliver energy efficiency retrofits to 300 low-income homes through the Home Upgrade Grant",
            "Private Sector Housing Manager",
            "Warm Homes Partnership; Midlands Net Zero Hub",
            "Mar 2026",
            "Green",
            "142 homes retrofitted to date, mostly loft and cavity wall insulation.",
        ),
        (
            "Review the Local Plan policy on energy standards for new homes",
            "Planning Policy Manager",
            "",
            "2025/26",
            "Red",
            "Paused while the national Future Homes Standard is confirmed.",
        ),
        (
            "Switch the council's electricity supply to a certified renewable tariff",
            "Procurement Lead",
            "ESPO",
            "Apr 2024",
            "Green",
            "Completed. All council sites on a REGO-backed tariff from April 2024.",
        ),
    ],
    "Transport": [
        (
            "Install 60 public electric vehicle charge points in council car parks",
            "Parking Services Manager",
            "County Council; ChargeCo",
            "Dec 2025",
            "Amber",
            "24 charge points live; the remaining sites await grid connection offers.",
        ),
        (
            "Replace 20% of the council fleet with electric or hydrotreated vegetable oil vehicles",
            "Fleet Manager",
            "",
            "Mar 2027",
            "Amber",
            "Six electric vans in service; HVO trial for refuse vehicles started in May.",
        ),
        (
            "Work with the County Council to deliver the Local Cycling and Walking Infrastructure Plan",
            "Transport Policy Officer",
            "County Council; Sustrans",
            "Ongoing",
            "Green",
            "Two new routes consulted on; town centre route funded by Active Travel Fund.",
        ),
        (
            "Introduce a staff travel plan with salary-sacrifice e-bikes and car sharing",
            "HR Manager",
            "",
            "Sep 2024",
            "Red",
            "Not started: awaiting the new HR system.",
        ),
    ],
    "Nature and Adaptation": [
        (
            "Plant 10,000 trees on council land by 2030",
            "Parks Manager",
            "Woodland Trust; local schools",
            "2030",
            "Green",
            "3,200 trees planted over two winters; a planting map is published online.",
        ),
        (
            "Manage road verges and parks for wildflowers with a reduced mowing regime",
            "Grounds Maintenance Manager",
            "Plantlife",
            "Ongoing",
            "Green",
            "35 sites now managed as meadows.",
        ),
        (
            "Produce a climate adaptation and flood resilience plan for the district",
            "Emergency Planning Officer",
            "Environment Agency; Lead Local Flood Authority",
            "Mar 2025",
            "Amber",
            "Risk assessment drafted; public consultation planned for spring.",
        ),
    ],
}
rag_fill = {"Green": "00B050", "Amber": "FFC000", "Red": "FF0000"}
wb = Workbook()
ws = wb.active
ws.title = "Action plan"
headers = [
    "Ref",
    "Action",
    "Lead Officer",
    "Partners",
    "Target Date",
    "RAG Status",
    "Progress Update (November 2024)",
]
widths = [7, 48, 20, 26, 12, 10, 55]
thin = Side(style="thin", color="808080")
box = Border() if BORDERLESS else Border(top=thin, bottom=thin, left=thin, right=thin)
ws.append(["Marshfield District Council - Climate Action Plan: progress report, November 2024"])
ws["A1"].font = Font(bold=True, size=14)
ws.append([])
ws.append(headers)
for j, w in enumerate(widths):
    ws.column_dimensions[chr(65 + j)].width = w
for c in ws[3]:
    c.font = Font(bold=True, color="FFFFFF")
    c.fill = PatternFill("solid", fgColor="1F3864")
    c.alignment = Alignment(wrap_text=True, vertical="top")
    c.border = box
ws.row_dimensions[3].height = 13 if SHORT else 26
truth = []
prefix = {"Buildings and Energy": "BE", "Transport": "TR", "Nature and Adaptation": "NA"}
for theme, rows in themes.items():
    ws.append([theme])
    r = ws.max_row
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=7)
    ws.cell(r, 1).font = Font(bold=True)
    ws.cell(r, 1).fill = PatternFill("solid", fgColor="D9E1F2")
    for i, (action, lead, partners, date, rag, update) in enumerate(rows, 1):
        ref = f"{prefix[theme]}{i}"
        ws.append([ref, action, lead, partners, date, "", update])
        r = ws.max_row
        for j in range(1, 8):
            c = ws.cell(r, j)
            c.alignment = Alignment(wrap_text=True, vertical="top")
            c.border = box
        ws.cell(r, 6).fill = PatternFill("solid", fgColor=rag_fill[rag])
        lines = max(
            math.ceil(len(str(v)) * 1.1 / widths[j])
            for j, v in enumerate([ref, action, lead, partners, date, "", update])
        )
        ws.row_dimensions[r].height = 13 * max(1, lines)
        truth.append(
            dict(
                action_id=ref,
                theme=theme,
                description=action,
                lead=lead,
                partners=partners,
                target_date=date,
                rag=rag,
                update_text=update,
            )
        )
ws.page_setup.orientation = "landscape"
ws.page_setup.paperSize = ws.PAPERSIZE_A4
ws.page_setup.fitToWidth = 1
ws.page_setup.fitToHeight = 0
ws.sheet_properties.pageSetUpPr.fitToPage = True
ws.print_title_rows = "3:3"
wb.save(f"{NAME}.xlsx")
write_truth(f"{NAME}.truth.csv", truth)
to_pdf(f"{NAME}.xlsx")
