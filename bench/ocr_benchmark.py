#!/usr/bin/env python
"""Benchmark: scanned samples read by OCR, beside the same actions read from the born-digital PDF.

For each document in ``data/raw/samples/scanned/manifest.toml`` (or the
manifest given) with a truth CSV, ``actionplans.ingest`` runs twice: on the
scan (OCR, with an empty OCR cache so the time is a cold read) and on the
born-digital PDF it was made from (``source`` in the manifest), scored
against the scan's truth with ``bench/pdf_benchmark.py``'s matching and
scoring (``page`` is left out: the scan renumbers its pages).  Printed per
document: action recall, accuracy per field, RAG, description character
accuracy, seconds per page, and whether the OCR column meets issue 7's
targets.  Timings are wall-clock on a shared machine and noisy.  The
office scans (``data/raw/samples/office_scan.py``: header rows white on a dark
band, colour JPEG, 1-2 degrees of skew; issue 20) are listed in the same
manifest and held to the same targets.

    python bench/ocr_benchmark.py
    python bench/ocr_benchmark.py --markdown
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pdf_benchmark import (  # noqa: E402
    FIELDS,
    Doc,
    Outcome,
    _norm,
    load_truth,
    match,
    read_ours,
    score,
)

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "data" / "raw" / "samples" / "scanned" / "manifest.toml"
CONTROLLED = ["timescale", "stage", "cost", "carbon_saving"]
TARGETS = {"recall": 97.0, "action_id": 97.0, "rag": 95.0, "description": 90.0, "description chars": 98.0,
           **{f: 95.0 for f in CONTROLLED}}
MAX_SECONDS_PER_PAGE = 3.0


def load_scans(manifest: Path) -> list[tuple[Doc, Path | None, str | None]]:
    data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    out = []
    for entry in data.get("document", []):
        pdf = manifest.parent / entry["file"]
        truth = manifest.parent / entry.get("truth", Path(entry["file"]).stem + ".truth.csv")
        if not truth.exists():
            continue
        source = entry.get("source")
        if not source:
            found = re.search(r"of (\S+\.pdf)", entry.get("layout", ""))
            source = found.group(1) if found else None
        src = (manifest.parent.parent / source) if source else None
        doc = Doc(pdf.stem, pdf, truth, entry["profile"], list(entry.get("plans", [])), int(entry.get("pages", 0)))
        out.append((doc, src if src and src.exists() else None, entry.get("targets_not_applied")))
    return out


def run(doc: Doc, pages: int) -> Outcome:
    start = time.perf_counter()
    try:
        rows = read_ours(doc)
    except Exception as exc:  # noqa: BLE001 - a failure is a result
        return Outcome(error=f"{type(exc).__name__}: {str(exc)[:100]}")
    return Outcome(rows=rows, seconds=time.perf_counter() - start, pages=pages)


def char_accuracy(truth: list[dict], outcome: Outcome) -> str:
    """1 - (edit distance / truth length) over the matched descriptions."""
    from rapidfuzz.distance import Levenshtein

    if outcome.error:
        return "n/a"
    pairs = [(t, p) for t, p in match(truth, outcome.rows) if p is not None]
    total = sum(len(_norm(t["description"])) for t, _ in pairs)
    errors = sum(Levenshtein.distance(_norm(t["description"]), _norm(p.get("description"))) for t, p in pairs)
    return f"{100 * (1 - errors / total):.1f}%" if total else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    parser.add_argument("--markdown", action="store_true", help="print markdown tables")
    parser.add_argument("--only", default="", metavar="TEXT", help="only the scans whose file name contains TEXT")
    parser.add_argument("--explain", type=int, default=0, metavar="N", help="print up to N wrong values per field")
    args = parser.parse_args(argv)
    scans = [s for s in load_scans(args.manifest) if args.only in s[0].name]
    if not scans:
        print(f"ocr_benchmark: {args.manifest}: lists no scan with a truth CSV", file=sys.stderr)
        return 1
    failed = False
    for doc, source, exempt in scans:
        truth = load_truth(doc.truth)
        for t in truth:
            t["page"] = None
        with tempfile.TemporaryDirectory() as cache:
            os.environ["ACTIONPLANS_OCR_CACHE"] = cache  # a cold read: nothing cached
            scan = run(doc, doc.pages)
        results = {"scan (OCR)": scan}
        if source is not None:
            born = Doc(source.stem, source, doc.truth, doc.profile, doc.plans, 0)
            import pdfplumber

            with pdfplumber.open(source) as pdf:
                pages = len(pdf.pages)
            results[f"born-digital ({source.name})"] = run(born, pages)
        table = {}
        for name, outcome in results.items():
            for row in outcome.rows:
                row["page"] = None
            scored = score(truth, outcome, args.explain, f"{doc.name} {name}")
            scored["description chars"] = char_accuracy(truth, outcome)
            table[name] = scored
        metrics = ["recall", *[f for f in FIELDS if f != "page"], "description chars", "spurious rows", "s/page"]
        header = ["metric", *table]
        rows = [[m, *[table[r].get(m, "") for r in table]] for m in metrics
                if any(table[r].get(m, "") not in ("", "-") for r in table)]
        title = f"{doc.name}.pdf ({doc.pages} pages, {len(truth)} actions)"
        if args.markdown:
            print(f"\n**{title}**\n\n| " + " | ".join(header) + " |\n|" + "---|" * len(header))
            for row in rows:
                print("| " + " | ".join(row) + " |")
        else:
            widths = [max(len(str(x[i])) for x in [header, *rows]) for i in range(len(header))]
            print(f"\n{title}")
            for row in [header, ["-" * w for w in widths], *rows]:
                print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        ours = table["scan (OCR)"]
        misses = []
        for name, target in TARGETS.items():
            value = ours.get(name, "-")
            if value.startswith("n/a"):
                misses.append(f"{name} {value}")
            elif value.endswith("%") and float(value[:-1]) < target:
                misses.append(f"{name} {value} < {target:g}%")
        if scan.error is None and float(ours["s/page"]) >= MAX_SECONDS_PER_PAGE:
            misses.append(f"{ours['s/page']} s/page >= {MAX_SECONDS_PER_PAGE:g}")
        verdict = "met" if not misses else "MISSED: " + "; ".join(misses)
        if exempt:  # a sample outside issue 7's specification, shown for what it tells
            verdict = f"not applied ({exempt}); would be: {verdict}"
        else:
            failed |= bool(misses)
        print(("\n" if args.markdown else "") + "targets: " + verdict)
    return 0


if __name__ == "__main__":
    sys.exit(main())
