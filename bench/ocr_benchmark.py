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

``--variants`` reads ``data/raw/samples/scanned/variants/`` instead (made by
``data/raw/samples/scan_variants.py``: greyscale, 100 and 300 dpi, JPEG 50, 2
degrees of skew, dark header bands of other colours, a phone photo; held out, not
for tuning) and prints one row per variant against issue 20's targets (at 150 dpi
and above: recall, action_id >= 97%, RAG >= 95%, description >= 90% exact and
>= 99% of characters, < 3 s per page); the born-digital reading is left out.
Seconds per page are printed twice: as read by the benchmark's own process (its worker server
already running) and as one ``actionplans ingest --jobs 2`` command on the variant alone takes
them (``command s/page``: the interpreter's start, the imports and the worker server included,
as an analyst waits for them); the target applies to both.

    python bench/ocr_benchmark.py
    python bench/ocr_benchmark.py --markdown
    python bench/ocr_benchmark.py --variants
    # without RapidOCR's second opinion
    ACTIONPLANS_OCR_ENGINE=tesseract python bench/ocr_benchmark.py

The OCR stage reads with RapidOCR's second opinion when it is installed (``extract/ocr/second.py``);
``bench/ocr_engines.py`` compares the engines cell by cell.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
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
TARGETS = {
    "recall": 97.0,
    "action_id": 97.0,
    "rag": 95.0,
    "description": 90.0,
    "description chars": 98.0,
    **{f: 95.0 for f in CONTROLLED},
}
MAX_SECONDS_PER_PAGE = 3.0
VARIANTS = ROOT / "data" / "raw" / "samples" / "scanned" / "variants" / "manifest.toml"
# issue 20's targets on each variant at >= 150 dpi (its description characters: 99%, not issue 7's
# 98%)
VARIANT_TARGETS = {
    "recall": 97.0,
    "action_id": 97.0,
    "rag": 95.0,
    "description": 90.0,
    "description chars": 99.0,
}
VARIANT_COLUMNS = ["recall", "action_id", "description", "description chars", "rag", "s/page"]
# and the seconds a page of one `actionplans ingest --jobs 2` command on the variant alone
COMMAND_COLUMN = "command s/page"


def load_scans(manifest: Path) -> list[tuple[Doc, Path | None, str | None]]:
    data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    out = []
    for entry in data.get("document", []):
        doc = Doc.of_entry(manifest, entry)
        if not doc.truth.exists():
            continue
        source = entry.get("source")
        if not source:
            found = re.search(r"of (\S+\.pdf)", entry.get("layout", ""))
            source = found.group(1) if found else None
        src = (manifest.parent.parent / source) if source else None
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
    errors = sum(
        Levenshtein.distance(_norm(t["description"]), _norm(p.get("description"))) for t, p in pairs
    )
    return f"{100 * (1 - errors / total):.1f}%" if total else "-"


def warm_up() -> None:
    """Start the worker server before any scan is timed, by ingesting one born-digital sample.

    ``ingest`` forks each document's worker from a server that imports the pipeline once per
    process (about 2 s). Without this, the first scan read paid that start and the others did
    not; every scan is now timed the same way. The one-command run below still pays it, as an
    analyst's command does.
    """
    import actionplans

    with tempfile.TemporaryDirectory() as tmp:
        actionplans.ingest(
            [ROOT / "data" / "raw" / "samples" / "leics-council-2023.pdf"],
            db=Path(tmp) / "warm.duckdb",
            progress=False,
        )


def cold_read(doc: Doc) -> tuple[list[dict], Outcome]:
    """The scan's truth (pages left out) and our reading of it with an empty OCR cache."""
    truth = load_truth(doc.truth)
    for t in truth:
        t["page"] = None
    with tempfile.TemporaryDirectory() as cache:
        os.environ["ACTIONPLANS_OCR_CACHE"] = cache  # a cold read: nothing cached
        return truth, run(doc, doc.pages)


def scored(truth: list[dict], outcome: Outcome, explain: int, label: str) -> dict[str, str]:
    for row in outcome.rows:
        row["page"] = None
    result = score(truth, outcome, explain, label)
    result["description chars"] = char_accuracy(truth, outcome)
    return result


def misses(ours: dict[str, str], outcome: Outcome, targets: dict[str, float]) -> list[str]:
    """The targets ``ours`` misses, seconds per page included."""
    out = []
    for name, target in targets.items():
        value = ours.get(name, "-")
        if value.startswith("n/a"):
            out.append(f"{name} {value}")
        elif value.endswith("%") and float(value[:-1]) < target:
            out.append(f"{name} {value} < {target:g}%")
    if outcome.error is None and float(ours["s/page"]) >= MAX_SECONDS_PER_PAGE:
        out.append(f"{ours['s/page']} s/page >= {MAX_SECONDS_PER_PAGE:g}")
    return out


def print_table(
    title: str | None, header: list[str], rows: list[list[str]], markdown: bool
) -> None:
    if markdown:
        print(
            (f"\n**{title}**\n" if title else "")
            + "\n| "
            + " | ".join(header)
            + " |\n|"
            + "---|" * len(header)
        )
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(str(x[i])) for x in [header, *rows]) for i in range(len(header))]
        if title:
            print(f"\n{title}")
        for row in [header, ["-" * w for w in widths], *rows]:
            print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def variants(manifest: Path, only: str, explain: int, markdown: bool) -> int:
    """One row per scan variant against issue 20's targets (not applied below 150 dpi)."""
    dpi = {
        Path(e["file"]).stem: e.get("dpi", "")
        for e in tomllib.loads(manifest.read_text("utf-8"))["document"]
    }
    scans = [s for s in load_scans(manifest) if only in s[0].name]
    if not scans:
        print(
            f"ocr_benchmark: {manifest}: lists no scan with a truth CSV; run"
            " data/raw/samples/scan_variants.py",
            file=sys.stderr,
        )
        return 1
    header = ["variant", "dpi", "pages", "actions", *VARIANT_COLUMNS, COMMAND_COLUMN]
    rows, verdicts = [], []
    warm_up()
    for doc, _source, exempt in scans:
        truth, outcome = cold_read(doc)
        ours = scored(truth, outcome, explain, doc.name)
        command = command_seconds([doc])[0] / doc.pages
        rows.append(
            [
                doc.name,
                str(dpi.get(doc.name, "")),
                str(doc.pages),
                str(len(truth)),
                *[ours.get(m, "") if outcome.error is None else "n/a" for m in VARIANT_COLUMNS],
                f"{command:.3f}",
            ]
        )
        missed = misses(ours, outcome, VARIANT_TARGETS)
        if command >= MAX_SECONDS_PER_PAGE:  # as an analyst runs it, the command's time counts
            missed.append(f"command {command:.3f} s/page >= {MAX_SECONDS_PER_PAGE:g}")
        verdict = "met" if not missed else "MISSED: " + "; ".join(missed)
        verdicts.append(
            f"{doc.name}: "
            + (f"not applied ({exempt}); would be: {verdict}" if exempt else verdict)
        )
    print_table(None, header, rows, markdown)
    print(
        ("\n" if markdown else "")
        + "targets (issue 20: recall, action_id >= 97%, rag >= 95%, description >= 90% "
        f"exact, >= 99% of characters, < {MAX_SECONDS_PER_PAGE:g} s/page):"
    )
    for line in verdicts:
        print(("- " if markdown else "  ") + line)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    parser.add_argument("--markdown", action="store_true", help="print markdown tables")
    parser.add_argument(
        "--only", default="", metavar="TEXT", help="only the scans whose file name contains TEXT"
    )
    parser.add_argument(
        "--explain", type=int, default=0, metavar="N", help="print up to N wrong values per field"
    )
    parser.add_argument(
        "--variants",
        action="store_true",
        help="the held-out scan variants of issue 20 (scanned/variants/), one row each",
    )
    args = parser.parse_args(argv)
    if args.variants:
        return variants(
            VARIANTS if args.manifest == MANIFEST else args.manifest,
            args.only,
            args.explain,
            args.markdown,
        )
    scans = [s for s in load_scans(args.manifest) if args.only in s[0].name]
    if not scans:
        print(f"ocr_benchmark: {args.manifest}: lists no scan with a truth CSV", file=sys.stderr)
        return 1
    failed = False
    warm_up()
    for doc, source, exempt in scans:
        truth, scan = cold_read(doc)
        results = {"scan (OCR)": scan}
        if source is not None:
            born = Doc(source.stem, source, doc.truth, doc.profile, doc.plans, 0)
            import pdfplumber

            with pdfplumber.open(source) as pdf:
                pages = len(pdf.pages)
            results[f"born-digital ({source.name})"] = run(born, pages)
        table = {
            name: scored(truth, outcome, args.explain, f"{doc.name} {name}")
            for name, outcome in results.items()
        }
        metrics = [
            "recall",
            *[f for f in FIELDS if f != "page"],
            "description chars",
            "spurious rows",
            "s/page",
        ]
        header = ["metric", *table]
        rows = [
            [m, *[table[r].get(m, "") for r in table]]
            for m in metrics
            if any(table[r].get(m, "") not in ("", "-") for r in table)
        ]
        print_table(
            f"{doc.name}.pdf ({doc.pages} pages, {len(truth)} actions)", header, rows, args.markdown
        )
        missed = misses(table["scan (OCR)"], scan, TARGETS)
        verdict = "met" if not missed else "MISSED: " + "; ".join(missed)
        if exempt:  # a sample outside issue 7's specification, shown for what it tells
            verdict = f"not applied ({exempt}); would be: {verdict}"
        else:
            failed |= bool(missed)
        print(("\n" if args.markdown else "") + "targets: " + verdict)
    if len(scans) > 1:
        one_run([doc for doc, _, exempt in scans if not exempt])
    return 0


def command_seconds(docs: list[Doc], jobs: int = 2) -> tuple[float, int]:
    """Wall-clock seconds of one ``actionplans ingest --jobs JOBS`` command over ``docs``, OCR
    cache off, from the command's start to its end (interpreter start, imports and the worker
    server included, as an analyst waits for them), and how many documents it loaded.  (A command
    of its own: the benchmark's workers fork from a server that keeps the environment it started
    with, cache setting included.)"""
    cli = Path(sys.executable).with_name("actionplans")
    with tempfile.TemporaryDirectory() as tmp:
        command = [str(cli), "ingest", "--jobs", str(jobs), "--db", str(Path(tmp) / "b.duckdb")]
        start = time.perf_counter()
        done = subprocess.run(
            [*command, *(str(d.pdf) for d in docs)],
            env=dict(os.environ, ACTIONPLANS_OCR_CACHE="off"),
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - start
    return seconds, sum(line.startswith("loaded") for line in done.stdout.splitlines())


def one_run(docs: list[Doc], jobs: int = 2) -> None:
    """The scans ingested together, as an analyst ingests an update: one ``actionplans ingest
    --jobs 2`` command, with the OCR cache off, timed from the command's start to its end.  A
    2-page sample read on its own pays a worker's start and its imports for two pages; a run of
    many pages pays them once."""
    pages = sum(d.pages for d in docs)
    seconds, loaded = command_seconds(docs, jobs)
    verdict = "met" if seconds / pages < MAX_SECONDS_PER_PAGE else "MISSED"
    print(
        f"\none run (actionplans ingest --jobs {jobs}, OCR cache off): {len(docs)} scans at 150 dpi"
        f" or more, {pages} pages, {loaded} loaded, {seconds:.1f} s, {seconds / pages:.3f} s/page"
        f" (< {MAX_SECONDS_PER_PAGE:g}: {verdict})"
    )


if __name__ == "__main__":
    sys.exit(main())
