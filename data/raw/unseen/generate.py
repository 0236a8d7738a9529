"""Write the unseen sample plans: layouts and vocabularies unlike Leicestershire's, with truth.

These are invented plans (NOT council originals) in the shapes UK councils
publish: housing, transport, climate, nature, air quality and economy plans;
markdown and tab-separated text dumps and one PDF; IDs in their own column
(``HS-01``, ``12``, ``1.2.1``, ``EG4``) or inside the action cell
(``12 - Install ...``); status as words, letters, symbols with a key, or fill
colour.  Each plan has ``<name>.truth.csv`` (one row per action) and a
hand-written profile in ``profiles/`` for comparison with ``--profile auto``.

    python data/raw/unseen/generate.py
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRUTH_FIELDS = ("plan", "action_id", "description", "theme", "section", "lead", "timescale", "target_date", "stage", "rag")

MONTHS = ["Mar 2025", "Jun 2025", "Sep 2025", "Dec 2025", "Mar 2026", "Jun 2026", "Dec 2026", "Mar 2027"]
UPDATES = [
    "Work is under way and the first phase has been commissioned.",
    "Funding bid submitted; decision expected in the autumn.",
    "Delivered as planned; monitoring continues through the annual report.",
    "Delayed by recruitment to the project officer post, now filled.",
    "Scoping complete; a business case goes to Cabinet in the new year.",
    "Not yet started: depends on the outcome of the government consultation.",
    "Pilot in two wards finished; evaluation shows good take-up.",
    "Contract awarded and mobilisation meetings held with the supplier.",
]


def _actions(rng: random.Random, themes: dict[str, list[str]], leads: list[str]) -> list[dict]:
    out = []
    for theme, texts in themes.items():
        for text in texts:
            out.append({"theme": theme, "description": text, "lead": rng.choice(leads),
                        "date": rng.choice(MONTHS), "update": rng.choice(UPDATES)})
    return out


def _write_truth(name: str, rows: list[dict]) -> None:
    with open(HERE / f"{name}.truth.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=TRUTH_FIELDS, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") for k in TRUTH_FIELDS})


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "/") for c in cells) + " |"


# -- 1. housing: markdown, "Priority n:" rows, HS-01 IDs, status words -----------------
def housing(rng: random.Random) -> None:
    themes = {
        "Increase the supply of affordable homes": [
            "Deliver 250 new affordable homes through the council's own building programme",
            "Bring forward council-owned brownfield sites for housing development",
            "Agree a first homes policy with registered providers and developers",
            "Review the affordable housing contributions required in the Local Plan",
            "Buy back former right-to-buy homes where they meet an identified housing need",
        ],
        "Improve the condition of existing homes": [
            "Inspect all licensed houses in multiple occupation within the licence period",
            "Launch a landlord accreditation scheme with the regional landlords association",
            "Target damp and mould complaints in social housing with a 28-day response standard",
            "Retrofit 400 council homes to EPC band C by improving insulation and heating",
            "Offer home improvement loans to older owner-occupiers on low incomes",
        ],
        "Prevent homelessness and support vulnerable residents": [
            "Open a single homelessness hub with advice, health and employment support in one place",
            "End the use of bed and breakfast accommodation for families with children",
            "Commission a rough sleeper outreach service covering evenings and weekends",
            "Develop supported housing for young people leaving care",
            "Publish a domestic abuse safe accommodation strategy with partners",
            "Extend the tenancy sustainment service to private rented tenants",
        ],
    }
    leads = ["Head of Housing Delivery", "Private Sector Housing Manager", "Housing Options Manager",
             "Strategic Housing Lead", "Tenancy Services Manager"]
    partners = ["Registered providers", "Homes England", "Health and social care", "Voluntary sector", "Police"]
    statuses = [("Not started", "Not started"), ("In progress", "In progress"), ("Complete", "Completed"),
                ("Delayed", "Delayed"), ("In progress", "In progress"), ("On hold", "On hold")]
    acts = _actions(rng, themes, leads)
    lines = ["# Northbridge District Council", "", "## Housing Strategy 2024-2027: Action Plan, Year 1 progress", "",
             "Status: Not started / In progress / Delayed / On hold / Complete", ""]
    header = ["Ref", "What we will do", "Lead officer", "Partners", "By when", "Status", "Latest update"]
    truth = []
    n = 0
    for t_index, theme in enumerate(themes, start=1):
        if t_index == 1 or t_index == 3:
            if t_index == 3:
                lines += ["", "Page 2 of 3", ""]
            lines += [_md_row(header), "|" + "---|" * len(header)]
        lines.append(_md_row([f"Priority {t_index}: {theme}"] + [""] * (len(header) - 1)))
        for a in [a for a in acts if a["theme"] == theme]:
            n += 1
            written, canonical = rng.choice(statuses)
            ref = f"HS-{n:02d}"
            who = "; ".join(rng.sample(partners, rng.randint(1, 2)))
            desc = a["description"]
            if n == 8:  # a long action wrapped onto a second row of the table
                first, rest = desc[:45].rsplit(" ", 1)[0], desc[len(desc[:45].rsplit(" ", 1)[0]) + 1:]
                lines.append(_md_row([ref, first, a["lead"], who, a["date"], written, a["update"]]))
                lines.append(_md_row(["", rest, "", "", "", "", ""]))
            else:
                lines.append(_md_row([ref, desc, a["lead"], who, a["date"], written, a["update"]]))
            truth.append({"plan": "housing", "action_id": ref, "description": desc, "theme": theme,
                          "lead": a["lead"], "timescale": a["date"], "stage": canonical})
    (HERE / "northbridge-housing-2024.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _write_truth("northbridge-housing-2024", truth)


# -- 2. transport: tab-separated, action text first, plain numbers, RAG letters ---------
def transport(rng: random.Random) -> None:
    themes = {
        "Active Travel": [
            "Build the Riverside cycle route between the station and the business park",
            "Introduce school streets at ten primary schools",
            "Deliver the Local Cycling and Walking Infrastructure Plan priority schemes",
            "Install secure cycle parking at all district centres",
            "Expand the adult cycle training offer to community groups",
        ],
        "Public Transport": [
            "Deliver bus priority measures on the A38 corridor under the Bus Service Improvement Plan",
            "Introduce a single county-wide multi-operator bus ticket",
            "Upgrade bus stops with real-time passenger information screens",
            "Trial demand-responsive transport in the rural south of the county",
            "Work with the rail industry to reopen the Westmoor to Dunford line to passengers",
        ],
        "Road Safety": [
            "Review speed limits on the A-road network using the national setting guidance",
            "Deliver the annual programme of local safety schemes at collision cluster sites",
            "Roll out 20mph limits in residential areas where communities ask for them",
            "Run the young driver education programme in every secondary school",
        ],
        "Freight and Logistics": [
            "Produce a lorry route map and share it with satellite navigation providers",
            "Investigate a last-mile consolidation centre for the city centre",
            "Work with operators to trial zero-emission heavy goods vehicles",
        ],
    }
    leads = ["Transport Policy", "Highways Development", "Passenger Transport", "Road Safety Team", "Network Management"]
    rag = [("G", "Green"), ("A", "Amber"), ("R", "Red"), ("G", "Green"), ("G", "Green")]
    acts = _actions(rng, themes, leads)
    lines = ["Westmoor County Council", "Local Transport Plan Delivery Programme 2025/26: six-month review",
             "RAG: G = on track, A = some slippage, R = significant delay", ""]
    header = ["Scheme", "No.", "Responsible", "Deadline", "RAG", "Comments"]
    truth = []
    n = 0
    for theme in themes:
        lines += ["", theme]
        lines.append("\t".join(header))
        for a in [a for a in acts if a["theme"] == theme]:
            n += 1
            letter, colour = rng.choice(rag)
            quarter = rng.choice(["Q1 2025/26", "Q2 2025/26", "Q3 2025/26", "Q4 2025/26", "2026/27"])
            lines.append("\t".join([a["description"], str(n), a["lead"], quarter, letter, a["update"]]))
            truth.append({"plan": "ltp", "action_id": str(n), "description": a["description"], "theme": theme,
                          "lead": a["lead"], "target_date": quarter, "rag": colour})
        lines.append("")
    (HERE / "westmoor-transport-2025.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _write_truth("westmoor-transport-2025", truth)


# -- 3. climate: markdown, ID inside the action cell, RAG as symbols with a key --------
def climate(rng: random.Random) -> None:
    themes = {
        "Council buildings and fleet": [
            "Install solar PV on the civic centre roof and three leisure centres",
            "Replace gas boilers at the main depot with air source heat pumps",
            "Switch the pool car fleet to electric vehicles as leases end",
            "Move all council electricity contracts to a certified renewable tariff",
        ],
        "Homes and communities": [
            "Promote the Home Upgrade Grant to eligible households",
            "Set up a community energy fund for local renewable projects",
            "Run climate action workshops with parish and town councils",
            "Support repair cafes and a library of things in each market town",
        ],
        "Planning and nature": [
            "Adopt a net zero carbon standard for new homes in the Local Plan review",
            "Plant 20,000 trees on council land with community volunteers",
            "Map opportunities for nature-based flood management with the Environment Agency",
        ],
    }
    leads = ["Sustainability Team", "Property Services", "Fleet Manager", "Planning Policy", "Parks and Open Spaces"]
    symbols = [("●", "Green"), ("▲", "Amber"), ("✖", "Red"), ("●", "Green")]
    acts = _actions(rng, themes, leads)
    lines = ["Ashcombe Borough Council", "", "Climate Emergency Action Plan: annual update 2024", "",
             "Key: ● On track ▲ At risk ✖ Off track", ""]
    header = ["Action", "Lead", "Timescale", "Progress", "Status"]
    lines += [_md_row(header), "|" + "---|" * len(header)]
    truth = []
    n = 0
    for theme in themes:
        lines.append(_md_row([theme, "", "", "", ""]))
        for a in [a for a in acts if a["theme"] == theme]:
            n += rng.choice([1, 1, 2])  # numbering with gaps: dropped actions
            sym, colour = rng.choice(symbols)
            span = rng.choice(["2024-25", "2025-26", "2024-2027", "Ongoing"])
            lines.append(_md_row([f"{n} - {a['description']}", a["lead"], span, a["update"], sym]))
            truth.append({"plan": "climate", "action_id": str(n), "description": a["description"],
                          "theme": theme, "lead": a["lead"], "timescale": span, "rag": colour})
    (HERE / "ashcombe-climate-2024.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _write_truth("ashcombe-climate-2024", truth)


# -- 4. nature: tab-separated, hierarchical IDs 1.1.1, themes as headings above tables --
def nature(rng: random.Random) -> None:
    themes = {
        "Habitats and Species": [
            "Survey the condition of all council-owned local wildlife sites",
            "Restore 12 hectares of species-rich grassland at Fenwick Common",
            "Create new ponds for great crested newts under the district licensing scheme",
            "Install swift bricks and bat boxes on new council buildings",
        ],
        "Green Infrastructure": [
            "Publish a green infrastructure strategy linking parks, verges and river corridors",
            "Change verge mowing to encourage wildflowers on 30 kilometres of road",
            "Secure biodiversity net gain sites through a habitat bank on council land",
            "Plant street trees in the wards with the lowest canopy cover",
        ],
        "People and Nature": [
            "Recruit and train volunteer wardens for each local nature reserve",
            "Offer forest school sessions to every primary school in the city",
            "Publish an annual state of nature report with the local records centre",
        ],
    }
    leads = ["Ecology Team", "Parks Service", "Planning Policy", "Highways Maintenance", "Countryside Service"]
    partners = ["Wildlife Trust", "Natural England", "Environment Agency", "Friends groups", "Local records centre"]
    rags = ["Green", "Amber", "Red", "Green"]
    acts = _actions(rng, themes, leads)
    lines = ["Fenwick City Council", "Nature Recovery and Biodiversity Action Plan 2023-2028", "Progress report, year 2", ""]
    header = ["Action No.", "Description of action", "Lead Service", "Supporting partners", "Timeframe", "RAG rating", "Progress update"]
    truth = []
    for t_index, theme in enumerate(themes, start=1):
        lines += ["", theme, ""]
        lines.append("\t".join(header))
        theme_acts = [a for a in acts if a["theme"] == theme]
        for i, a in enumerate(theme_acts):
            objective = 1 + i // 2
            aid = f"{t_index}.{objective}.{i % 2 + 1}"
            colour = rng.choice(rags)
            span = rng.choice(["Year 1", "Years 1-2", "Years 2-5", "Annual"])
            shown = aid if not (t_index == 2 and i == 1) else "2.1.2 "  # a trailing space from the converter
            lines.append("\t".join([shown, a["description"], a["lead"], ", ".join(rng.sample(partners, 2)), span, colour, a["update"]]))
            if t_index == 1 and i == 1:
                lines.append("\t".join([""] * len(header)))  # empty row at a page break
                lines.append("\t".join(header))  # the header repeated on the next page
            truth.append({"plan": "nature", "action_id": aid, "description": a["description"], "theme": theme,
                          "lead": a["lead"], "timescale": span, "rag": colour})
    (HERE / "fenwick-nature-2023.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _write_truth("fenwick-nature-2023", truth)


# -- 5. air quality: markdown, DEFRA annual-status-report style table -------------------
def air_quality(rng: random.Random) -> None:
    measures = [
        ("Traffic Management", "UTC, congestion management, traffic reduction",
         "Optimise traffic signal timings on the London Road corridor"),
        ("Traffic Management", "Strategic highway improvements",
         "Remodel the Kingsford gyratory to reduce queuing traffic"),
        ("Promoting Low Emission Transport", "Procuring alternative refuelling infrastructure",
         "Install rapid electric vehicle charge points in council car parks"),
        ("Promoting Low Emission Transport", "Taxi licensing conditions",
         "Require new taxi licences to be for ultra low emission vehicles"),
        ("Promoting Travel Alternatives", "Workplace travel planning",
         "Support the ten largest employers to adopt workplace travel plans"),
        ("Promoting Travel Alternatives", "Promotion of cycling",
         "Extend the bike hire scheme to the hospital and university campuses"),
        ("Public Information", "Via the internet",
         "Publish live air quality monitoring data on the council website"),
        ("Policy Guidance and Development Control", "Air quality planning and policy guidance",
         "Adopt an air quality supplementary planning document for new development"),
        ("Vehicle Fleet Efficiency", "Fleet efficiency and recognition schemes",
         "Replace council refuse vehicles with electric models at renewal"),
        ("Transport Planning and Infrastructure", "Bus route improvements",
         "Introduce bus lane enforcement cameras at three junctions"),
        ("Environmental Permits", "Other measure",
         "Review permitted industrial processes within the air quality management area"),
    ]
    leads = ["Kingsford BC Environmental Health", "County Highways", "Kingsford BC Planning", "Kingsford BC Fleet"]
    lines = ["Kingsford Borough Council", "", "2024 Air Quality Annual Status Report", "",
             "Table 2.2 - Progress on Measures to Improve Air Quality", ""]
    header = ["Measure No.", "Measure", "Category", "Classification", "Lead Authority", "Planning Phase",
              "Implementation Phase", "Key Performance Indicator", "Progress to Date", "Estimated / Actual Completion Date"]
    lines += [_md_row(header), "|" + "---|" * len(header)]
    truth = []
    for n, (category, classification, desc) in enumerate(measures, start=1):
        lead = rng.choice(leads)
        done = rng.choice(["2024", "2025", "2026", "Ongoing", "2027"])
        planning = rng.choice(["2019", "2020", "2021-2022"])
        implementation = rng.choice(["2022-2024", "2023", "2024-2026"])
        kpi = rng.choice(["NO2 concentration at roadside monitors", "Number of charge points installed",
                          "Percentage of fleet ultra low emission", "Journey time on corridor"])
        if n == 6:  # the measure text wraps into a second row
            lines.append(_md_row([str(n), desc[:38].rsplit(" ", 1)[0], category, classification, lead, planning,
                                  implementation, kpi, rng.choice(UPDATES), done]))
            lines.append(_md_row(["", desc[len(desc[:38].rsplit(" ", 1)[0]) + 1:], "", "", "", "", "", "", "", ""]))
        else:
            lines.append(_md_row([str(n), desc, category, classification, lead, planning, implementation, kpi,
                                  rng.choice(UPDATES), done]))
        truth.append({"plan": "aqap", "action_id": str(n), "description": desc, "theme": category,
                      "lead": lead, "target_date": done})
    (HERE / "kingsford-air-quality-2024.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _write_truth("kingsford-air-quality-2024", truth)


# -- 6. economy: PDF, RAG only as the cell's fill colour, theme rows inside the table ----
def economy(rng: random.Random) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    themes = {
        "Business Growth": [
            "Run a start-up support programme with the growth hub for new businesses",
            "Bring empty high street units back into use through a meanwhile-use grant",
            "Deliver the town centre markets review and relaunch the Saturday market",
            "Support local firms to bid for council contracts through supplier events",
        ],
        "Skills and Employment": [
            "Create 60 apprenticeships across the council and its contractors",
            "Work with the college to open a green construction skills centre",
            "Offer employment support to residents claiming out-of-work benefits",
            "Hold an annual jobs fair with local employers",
        ],
        "Visitor Economy": [
            "Refresh the destination marketing website and visitor guide",
            "Bid for funding to restore the heritage railway station building",
            "Develop a cultural events programme for the summer season",
        ],
    }
    leads = ["Economic Development", "Town Centre Manager", "Employment and Skills", "Tourism Officer"]
    fills = {"Green": colors.HexColor("#00b050"), "Amber": colors.HexColor("#ffc000"), "Red": colors.HexColor("#ff0000")}
    acts = _actions(rng, themes, leads)
    styles = getSampleStyleSheet()
    cell = styles["BodyText"]
    cell.fontSize, cell.leading = 8, 10
    data = [["Action ref", "Action", "Who", "When", "RAG", "Update"]]
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
             ("FONTSIZE", (0, 0), (-1, -1), 8), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    truth = []
    n = 0
    for theme in themes:
        data.append([theme, "", "", "", "", ""])
        style.append(("BACKGROUND", (0, len(data) - 1), (-1, len(data) - 1), colors.HexColor("#d9d9d9")))
        for a in [a for a in acts if a["theme"] == theme]:
            n += 1
            colour = rng.choice(["Green", "Green", "Amber", "Red"])
            ref = f"EG{n}"
            data.append([ref, Paragraph(a["description"], cell), a["lead"], a["date"], "", Paragraph(a["update"], cell)])
            style.append(("BACKGROUND", (4, len(data) - 1), (4, len(data) - 1), fills[colour]))
            truth.append({"plan": "economy", "action_id": ref, "description": a["description"],
                          "theme": theme, "lead": a["lead"], "timescale": a["date"], "rag": colour})
    table = Table(data, colWidths=[55, 260, 110, 60, 35, 260], repeatRows=1)
    table.setStyle(TableStyle(style))
    doc = SimpleDocTemplate(str(HERE / "harwell-economy-2024.pdf"), pagesize=landscape(A4),
                            title="Harwell District Council Economic Growth Action Plan", author="sample",
                            creator="data/raw/unseen/generate.py", invariant=1)
    doc.build([Paragraph("Harwell District Council", styles["Title"]),
               Paragraph("Economic Growth Action Plan 2024-2026: progress, March 2025", styles["Heading2"]),
               Paragraph("RAG: green = on track, amber = at risk, red = off track", styles["BodyText"]),
               Spacer(1, 8), table])
    _write_truth("harwell-economy-2024", truth)


# -- 7. council plan: markdown, blank ID header, IDs "1.", "Ambition n – ..." rows, status words ---------
def council_plan(rng: random.Random) -> None:
    themes = {
        "Ambition 1 – A thriving local economy": [
            "Complete the regeneration masterplan for the old gasworks site",
            "Extend gigabit broadband to the remaining rural villages",
            "Grow the number of local suppliers used by the council",
        ],
        "Ambition 2 – Healthy, safe communities": [
            "Open two new family hubs with health visitors and early help teams",
            "Reduce anti-social behaviour in the town centre with a joint patrol plan",
            "Deliver the leisure centre refurbishment at Calder Vale",
            "Support residents through the cost of living with a single advice line",
        ],
        "Ambition 3 – A greener borough": [
            "Increase household recycling to 55 per cent by introducing weekly food waste collections",
            "Convert street lighting to LED across the borough",
            "Create a new country park on the former landfill site",
        ],
    }
    leads = ["Director of Place", "Director of Communities", "Head of Regeneration", "Head of Environment"]
    words = [("On track", "Green"), ("At risk", "Amber"), ("Off track", "Red"), ("On track", "Green")]
    acts = _actions(rng, themes, leads)
    lines = ["Calderbridge Metropolitan Borough Council", "", "Council Plan 2025-2028: delivery plan, quarter 2 monitoring", ""]
    header = ["", "Action", "Owner", "Due", "Status"]
    lines += [_md_row(header), "|" + "---|" * len(header)]
    truth = []
    n = 0
    for theme in themes:
        lines.append(_md_row([theme, "", "", "", ""]))
        for a in [a for a in acts if a["theme"] == theme]:
            n += 1
            word, colour = rng.choice(words)
            lines.append(_md_row([f"{n}.", a["description"], a["lead"], a["date"], word]))
            truth.append({"plan": "council-plan", "action_id": str(n), "description": a["description"], "theme": theme,
                          "lead": a["lead"], "target_date": a["date"], "rag": colour})
    (HERE / "calderbridge-council-plan-2025.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _write_truth("calderbridge-council-plan-2025", truth)


# -- 8. waste strategy: tab-separated, "Action 3: Title" in the action cell, RAG words in a RAG Status column --
def waste(rng: random.Random) -> None:
    themes = {
        "Reduce": [
            "Run a real nappy voucher scheme for new parents",
            "Campaign against food waste with local supermarkets",
            "Offer reuse collections for bulky household items",
        ],
        "Recycle": [
            "Roll out weekly food waste collections to all households",
            "Add plastic film to the kerbside recycling collection",
            "Rebuild the Dunmore household waste recycling centre with a reuse shop",
            "Provide recycling bins in every council flat block",
        ],
        "Recover": [
            "Procure a new residual waste treatment contract from 2027",
            "Explore a heat network fed by the energy from waste plant",
        ],
    }
    leads = ["Waste Services", "Waste Strategy Officer", "Procurement", "Housing Management"]
    rags = ["Green", "Amber", "Red", "Green"]
    acts = _actions(rng, themes, leads)
    lines = ["Dunmore Council", "Resources and Waste Strategy 2023-2030: action plan progress", ""]
    header = ["Action", "Responsible", "Timescale", "Progress", "RAG Status"]
    truth = []
    n = 0
    for theme in themes:
        lines += ["", theme]
        lines.append("\t".join(header))
        for a in [a for a in acts if a["theme"] == theme]:
            n += 1
            colour = rng.choice(rags)
            span = rng.choice(["2023-24", "2024-25", "2025-27", "Ongoing"])
            lines.append("\t".join([f"Action {n}: {a['description']}", a["lead"], span, a["update"], colour]))
            truth.append({"plan": "waste", "action_id": str(n), "description": a["description"], "theme": theme,
                          "lead": a["lead"], "timescale": span, "rag": colour})
    (HERE / "dunmore-waste-2023.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _write_truth("dunmore-waste-2023", truth)


def main() -> None:
    for n, make in enumerate((housing, transport, climate, nature, air_quality, economy, council_plan, waste)):
        make(random.Random(1000 + n))
    print(f"wrote samples to {HERE}")


if __name__ == "__main__":
    main()
