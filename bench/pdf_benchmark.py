#!/usr/bin/env python
"""Benchmark: our PDF reading against two naive peers, on every sample PDF with truth.

For each document listed in ``data/raw/samples/manifest.toml`` (or the
manifest given) that has a ``<name>.truth.csv`` beside it, three readers run,
each in a fresh process (so that timings and peak memory are the reader's own):

* ``ours``: ``actionplans.ingest`` into a temporary DuckDB, actions read back;
* ``camelot``: ``camelot.read_pdf(path, pages="all", flavor="lattice")``;
* ``pdfplumber``: ``page.extract_tables()`` on every page.

The peers' header rows are mapped to fields by the same synonyms
(``actionplans.normalise.header.map_header`` with the document's profile); a
table without a header row continues the last header seen (pages after the
first).  Their cells are taken as written (whitespace collapsed): no look-alike
folding, no theme or section, no colour.

Printed per document: action recall, accuracy per field over the matched
actions, spurious rows, seconds per page and peak RSS, then whether ours meets
issue 4's targets (recall, action_id and RAG >= 99%, other fields >= 98%, no
spurious rows, faster per page than camelot).  A reader that fails on a
document prints ``n/a (reason)`` in its column.

    python bench/pdf_benchmark.py                # all samples
    python bench/pdf_benchmark.py --markdown     # tables for the README
    python bench/pdf_benchmark.py --only ours    # one reader
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing as mp
import re
import sys
import tempfile
import time
import tomllib
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "data" / "raw" / "samples" / "manifest.toml"
READERS = ("ours", "camelot", "pdfplumber")
FIELDS = [
    "action_id",
    "theme",
    "section",
    "description",
    "role",
    "timescale",
    "cost",
    "carbon_saving",
    "stage",
    "rag",
    "start_end",
    "delivery_years",
    "page",
]
MATCH_MIN = 80  # description similarity (rapidfuzz ratio) for a predicted row to count as an action


@dataclass
class Doc:
    name: str
    pdf: Path
    truth: Path
    profile: str
    plans: list[str]
    pages: int

    @classmethod
    def of_entry(cls, manifest: Path, entry: dict) -> Doc:
        """The document a manifest entry describes; its truth beside it unless it names one."""
        pdf = manifest.parent / entry["file"]
        truth = manifest.parent / entry.get("truth", Path(entry["file"]).stem + ".truth.csv")
        plans = list(entry.get("plans", []))
        return cls(pdf.stem, pdf, truth, entry["profile"], plans, int(entry.get("pages", 0)))


@dataclass
class Outcome:
    rows: list[dict] = field(default_factory=list)  # predicted actions, truth-column keys
    seconds: float = 0.0
    peak_mb: float = 0.0
    pages: int = 0
    error: str | None = None


# ------------------------------------------------------------------------ readers (child processes)


def _peak_mb() -> float:
    import resource

    # the reader's process, or the largest worker process it started (ingest may read in workers)
    rss = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    return rss / 1024 / (1024 if sys.platform == "darwin" else 1)


def read_ours(doc: Doc) -> list[dict]:
    import duckdb

    import actionplans

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        kwargs = {"progress": False}
        report = actionplans.ingest([doc.pdf], db=db, **kwargs)
        if not report.ok:
            raise RuntimeError(report.failed[0].message.splitlines()[0][:120])
        con = duckdb.connect(str(db), read_only=True)
        rows = con.execute("""SELECT plan, action_id, theme, section, description, role, timescale,
                      attributes->>'cost', attributes->>'carbon_saving', stage, rag,
                      start_period, end_period, CAST(attributes->'delivery_years' AS VARCHAR), page
               FROM actions ORDER BY page, source_row""").fetchall()
        con.close()
    out = []
    for (
        plan,
        aid,
        theme,
        section,
        desc,
        role,
        timescale,
        cost,
        carbon,
        stage,
        rag,
        start,
        end,
        years,
        page,
    ) in rows:
        out.append(
            {
                "plan": plan,
                "action_id": aid,
                "theme": theme,
                "section": section,
                "description": desc,
                "role": role,
                "timescale": timescale,
                "cost": cost,
                "carbon_saving": carbon,
                "stage": stage,
                "rag": rag,
                "start_end": f"{start or ''}|{end or ''}",
                "delivery_years": json.loads(years) if years else [],
                "page": page,
            }
        )
    return out


def _naive_rows(tables: list[tuple[int, list[list[str | None]]]], profile_name: str) -> list[dict]:
    """Cells of extracted tables -> actions, headers mapped by the profile's synonyms."""
    from actionplans.normalise.header import map_header

    from actionplans.profile import load_profile

    profile = load_profile(profile_name)
    header = None
    out = []
    for page, rows in tables:
        for cells in rows:
            texts = tuple(_clean(c) for c in cells)
            mapped = map_header(texts, profile)
            if mapped is not None:
                header = mapped
                continue
            if header is None:
                continue
            record: dict = {"page": page}
            for idx, name in header.columns.items():
                if idx < len(texts):
                    record[name.removeprefix("attributes.")] = texts[idx] or None
            if not record.get("description"):
                continue  # section rows and empty rows
            record["start_end"] = (
                f"{record.get('start_period') or ''}|{record.get('end_period') or ''}"
            )
            record["delivery_years"] = []  # cell colour is invisible to these readers
            out.append(record)
    return out


def _clean(cell: str | None) -> str:
    return re.sub(r"\s+", " ", cell or "").strip()


def read_camelot(doc: Doc) -> list[dict]:
    import camelot

    tables = camelot.read_pdf(str(doc.pdf), pages="all", flavor="lattice")
    return _naive_rows([(int(t.page), t.df.values.tolist()) for t in tables], doc.profile)


def read_pdfplumber(doc: Doc) -> list[dict]:
    import pdfplumber

    found = []
    with pdfplumber.open(doc.pdf) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for table in page.extract_tables():
                found.append((number, table))
            page.close()
    return _naive_rows(found, doc.profile)


def _run(reader: str, doc: Doc) -> Outcome:
    fn = {"ours": read_ours, "camelot": read_camelot, "pdfplumber": read_pdfplumber}[reader]
    start = time.perf_counter()
    try:
        rows = fn(doc)
    except Exception as exc:  # a reader failing on one document is a result, not a crash
        last = traceback.extract_tb(exc.__traceback__)[-1]
        reason = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:100]
        return Outcome(error=f"{reason} [{Path(last.filename).name}:{last.lineno}]")
    return Outcome(
        rows=rows, seconds=time.perf_counter() - start, peak_mb=_peak_mb(), pages=doc.pages
    )


def _child(conn, reader: str, doc: Doc) -> None:
    conn.send(_run(reader, doc))
    conn.close()


def run_isolated(reader: str, doc: Doc, timeout: float = 900) -> Outcome:
    """Run one reader on one document in a fresh (non-daemon) process: its own time and memory."""
    ctx = mp.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, reader, doc))
    proc.start()
    send.close()
    try:
        if not receive.poll(timeout):
            proc.kill()
            return Outcome(error=f"timed out after {timeout:.0f} s")
        return receive.recv()
    except EOFError:
        return Outcome(error=f"reader process died (exit code {proc.exitcode})")
    finally:
        proc.join()


# --------------------------------------------------------------------------- scoring


def load_docs(manifest: Path) -> list[Doc]:
    data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    docs = []
    for entry in data.get("document", []):
        doc = Doc.of_entry(manifest, entry)
        if doc.pdf.suffix.lower() == ".pdf" and doc.truth.exists():
            docs.append(doc)
    return docs


def load_truth(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row["start_end"] = f"{row['start_period']}|{row['end_period']}"
        row["delivery_years"] = json.loads(row["delivery_years"]) if row["delivery_years"] else []
        row["page"] = int(row["page"]) if row["page"] else None
    return rows


def _norm(value) -> object:
    if isinstance(value, list):
        return value
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def match(truth: list[dict], predicted: list[dict]) -> list[tuple[dict, dict | None]]:
    """Pair each truth action with at most one predicted row: by description, the same ID breaking
    ties."""
    from rapidfuzz import fuzz

    free = list(range(len(predicted)))
    pairs = []
    for t in truth:
        best, best_score = None, 0.0
        for i in free:
            p = predicted[i]
            score = fuzz.ratio(_norm(t["description"]), _norm(p.get("description")))
            if _norm(p.get("action_id")) == _norm(t["action_id"]):
                score += 5
            if score > best_score:
                best, best_score = i, score
        if best is not None and best_score >= MATCH_MIN:
            free.remove(best)
            pairs.append((t, predicted[best]))
        else:
            pairs.append((t, None))
    return pairs


def _empty(value) -> bool:
    return _norm(value) in ("", [], "|")


def score(truth: list[dict], outcome: Outcome, explain: int = 0, label: str = "") -> dict[str, str]:
    """Recall, then per field the share right among matched actions where truth or reader has a
    value."""
    if outcome.error:
        return {"recall": f"n/a ({outcome.error})"}
    pairs = match(truth, outcome.rows)
    matched = [(t, p) for t, p in pairs if p is not None]
    result = {"recall": _pct(len(matched), len(truth))}
    for t, _ in [(t, p) for t, p in pairs if p is None][:explain]:
        print(f"  [{label}] missed {t['action_id']}: {t['description'][:70]!r}")
    for name in FIELDS:
        if all(_empty(t.get(name)) for t in truth):
            result[name] = "-"  # the document has no such field
            continue
        judged = [(t, p) for t, p in matched if not (_empty(t.get(name)) and _empty(p.get(name)))]
        wrong = [(t, p) for t, p in judged if _norm(t.get(name)) != _norm(p.get(name))]
        result[name] = _pct(len(judged) - len(wrong), len(judged)) if matched else "0%"
        for t, p in wrong[:explain]:
            print(
                (
                    f"  [{label}] {name} of {t['action_id']}: truth {_norm(t.get(name))!r}"
                    f" read {_norm(p.get(name))!r}"
                )[: 300 if explain < 50 else None]
            )
    result["spurious rows"] = str(len(outcome.rows) - len(matched))
    result["s/page"] = f"{outcome.seconds / max(outcome.pages, 1):.3f}"
    result["peak MB"] = f"{outcome.peak_mb:.0f}"
    return result


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f}%" if d else "-"


def print_table(doc: Doc, results: dict[str, dict[str, str]], markdown: bool) -> None:
    readers = list(results)
    metrics = ["recall", *FIELDS, "spurious rows", "s/page", "peak MB"]
    header = ["metric", *readers]
    rows = []
    for m in metrics:
        cells = [results[r].get(m, "") for r in readers]  # a failed reader has only its reason
        if any(cells):
            rows.append([m, *cells])
    title = f"{doc.name}.pdf ({doc.pages} pages, {len(load_truth(doc.truth))} actions)"
    if markdown:
        print(f"\n**{title}**\n")
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(str(x[i])) for x in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


# Issue 4's targets for our reader (on the samples and on unseen PDFs of the same family).
TARGETS = {"recall": 99.0, "action_id": 99.0, "rag": 99.0}
FIELD_TARGET = 98.0


def missed_targets(results: dict[str, dict[str, str]]) -> list[str]:
    """Where ``ours`` falls short of the targets: as 'field 97.2% < 98%' strings."""
    ours = results.get("ours")
    if not ours or ours["recall"].startswith("n/a"):
        return ["ours did not run"]
    out = []
    for name in ["recall", *FIELDS]:
        value = ours.get(name, "-")
        if value.endswith("%") and float(value[:-1]) < TARGETS.get(name, FIELD_TARGET):
            out.append(f"{name} {value} < {TARGETS.get(name, FIELD_TARGET):g}%")
    if ours.get("spurious rows", "0") != "0":
        out.append(f"{ours['spurious rows']} spurious rows")
    camelot = results.get("camelot", {})
    if camelot.get("s/page") and float(ours["s/page"]) >= float(camelot["s/page"]):
        out.append(f"{ours['s/page']} s/page, not faster than camelot's {camelot['s/page']}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--manifest", type=Path, default=MANIFEST, help="manifest.toml listing PDFs with truth CSVs"
    )
    parser.add_argument("--only", choices=READERS, action="append", help="run only these readers")
    parser.add_argument("--markdown", action="store_true", help="print markdown tables")
    parser.add_argument(
        "--explain", type=int, default=0, metavar="N", help="print up to N wrong values per field"
    )
    args = parser.parse_args(argv)
    if not args.manifest.exists():
        print(
            f"pdf_benchmark: {args.manifest}: no manifest; run `python"
            " data/raw/samples/render_pdfs.py`",
            file=sys.stderr,
        )
        return 1
    docs = load_docs(args.manifest)
    if not docs:
        print(f"pdf_benchmark: {args.manifest}: lists no PDF with a truth CSV", file=sys.stderr)
        return 1
    for doc in docs:
        truth = load_truth(doc.truth)
        results = {
            reader: score(truth, run_isolated(reader, doc), args.explain, f"{doc.name} {reader}")
            for reader in args.only or READERS
        }
        print_table(doc, results, args.markdown)
        misses = missed_targets(results) if "ours" in results else []
        print(
            ("\n" if args.markdown else "")
            + "targets: "
            + ("met" if not misses else "MISSED: " + "; ".join(misses))
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
