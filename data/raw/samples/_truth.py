"""The truth the samples render: our own pipeline's clean reading of the seed dumps.

The seeds are ingested into a temporary DuckDB; each action's clean values are
read back, with the seed's raw (noisy) text of a field wherever the seed's
corrections end in that clean value, so the samples can typeset the noise.
"""

from __future__ import annotations

import csv
import hashlib
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT / "data" / "raw" / "seeds"

TRUTH_COLUMNS = [
    "plan", "action_id", "theme", "section", "description", "role", "lead", "partners",
    "objectives", "timescale", "start_period", "end_period", "stage", "rag", "update_text",
    "target_date", "cost", "carbon_saving", "deliverability", "delivery_years", "page",
    # beyond the brief's list: what the ID cell says, and the exact fill drawn for the RAG
    "action_id_raw", "rag_fill",
]
GANTT_YEARS = ["2025-26", "2026-27", "2027-28", "2028-29", "2029-30"]

# Which seed corrections may be typeset back as the raw text (the rest are
# artefacts of the text dump, e.g. a section name split over pipe cells).
RAW_FIELDS = {
    "action_id", "timescale", "cost", "carbon_saving", "stage", "objectives", "description",
    "start_period", "end_period", "lead", "partners",
}
RAW_SKIP_RULES = {"split_joined_names"}


def _h(*parts: object) -> int:
    """A stable pseudo-random integer from the parts (not Python's salted hash)."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")



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
            raise SystemExit("render_pdfs.py: seeds failed to ingest: " + "; ".join(r.summary() for r in report.failed))
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


def write_page_truth(source_truth: Path, first: int, last: int, out: Path) -> int:
    """The truth rows of pages ``first``..``last`` of a sample, renumbered from page 1 (a scan of those
    pages), written to ``out``; returns how many actions they hold."""
    with open(source_truth, newline="", encoding="utf-8") as fh:
        every = list(csv.DictReader(fh))
    rows = [dict(r) for r in every if first <= int(r["page"]) <= last]
    following = [r for r in every if int(r["page"]) == last + 1]
    if rows and following:
        _cut_at_page_end(rows[-1], source_truth.with_name(source_truth.name.replace(".truth.csv", ".pdf")),
                         last + 1, following[0]["action_id"])
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, TRUTH_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "page": str(int(row["page"]) - first + 1)})
    return len(rows)


def _cut_at_page_end(row: dict, pdf: Path, next_page: int, next_id: str) -> None:
    """The last action of a page range as those pages print it: the words its row carries over to
    the next page (above that page's first action, ``next_id``) taken off the end of its text fields
    (``... working with key partners.`` ends at ``key`` on a scan of the pages before)."""
    from collections import Counter

    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        words = doc.pages[next_page - 1].extract_words()
    first = next((w for w in words if w["text"] == next_id), None)
    if first is None:
        return
    carried = Counter(w["text"] for w in words if w["bottom"] <= first["top"])

    def cut(text: str) -> str:
        kept = text.split()
        while kept and carried[kept[-1]] > 0:
            carried[kept.pop()] -= 1
        return " ".join(kept) if len(kept) < len(text.split()) else text

    for name in ("description", "update_text"):
        row[name] = cut(row.get(name) or "")
    if (row.get("partners") or "").startswith("["):  # a JSON list: its last names, then words
        names = json.loads(row["partners"])
        while names and not (last := cut(names[-1])):
            names.pop()
        if names:
            names[-1] = last
        row["partners"] = json.dumps(names, ensure_ascii=False)


def write_scan(images, size: tuple[float, float], out: Path, name: str, title: str, creator: str,
               source_truth: Path, first: int, last: int, **jpeg) -> tuple[int, int]:
    """A scanned sample: ``images`` (pages ``first``..``last``, RGB) as JPEG pages of ``out/<name>.pdf``
    at ``size`` points (no text layer), and the truth of those pages beside it; (pages, actions).
    ``jpeg``: PIL's JPEG options (quality, optimize, subsampling)."""
    import io

    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    w, h = size
    c = canvas.Canvas(str(out / f"{name}.pdf"), pagesize=(w, h), invariant=1)
    c.setTitle(title)
    c.setCreator(creator)
    for image in images:
        buf = io.BytesIO()
        image.save(buf, format="JPEG", **jpeg)
        buf.seek(0)
        c.drawImage(ImageReader(buf), 0, 0, width=w, height=h)
        c.showPage()
    c.save()
    actions = write_page_truth(source_truth, first, last, out / f"{name}.truth.csv")
    return last - first + 1, actions


def scan_entry(name: str, what: str, source: str, pages: tuple[int, int], kind: str, edition: str,
               plans: tuple[str, ...], profile: str, count: int, layout: str) -> str:
    """A scanned sample's ``[[document]]`` entry for its folder's manifest.toml."""
    quoted = ", ".join(f'"{p}"' for p in plans)
    return (
        f'\n[[document]]\nfile = "{name}.pdf"\nid = "sample-{name}"\n'
        f'council = "Leicestershire County Council"\n'
        f'title = "{what} ({source}.pdf pages {pages[0]}-{pages[1]}, {kind} sample)"\n'
        f'edition = "{edition}"\nplans = [{quoted}]\nprofile = "{profile}"\n'
        f'truth = "{name}.truth.csv"\npages = {count}\nsource = "{source}.pdf"\n'
        f'layout = "{layout}"\n'
    )
