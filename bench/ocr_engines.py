#!/usr/bin/env python
"""Benchmark: tesseract, RapidOCR, and tesseract with RapidOCR's second opinion, cell by cell.

Issue 7 asked to choose the OCR engine by measured accuracy on our tables and
issue 20 to measure a second engine against tesseract on the same pages.  The
table reader needs word boxes, which only tesseract gives, so every scanned
sample with a truth CSV is read three ways and scored per table cell:

* ``tesseract``: the OCR stage with tesseract alone (``ACTIONPLANS_OCR_ENGINE=tesseract``);
* ``RapidOCR``: each cell our reader found (its box, on the straightened page)
  cropped and read by RapidOCR alone (PaddleOCR's detection and recognition
  models on onnxruntime, inside its wheel), its lines joined top to bottom;
* ``tesseract+RapidOCR``: the OCR stage with RapidOCR re-reading the words
  tesseract doubts (``ACTIONPLANS_OCR_ENGINE=tesseract+rapidocr``, ``extract/ocr/second.py``).

Cells scored: the header row's labels (against the born-digital source's
header, field by field; a page whose header was not read counts its labels as
read empty), each action's ID cell (against ``action_id_raw``) and its
description cell (actions paired with the truth by ``bench/pdf_benchmark.py``'s
matching).  ``exact`` after whitespace normalisation; ``chars`` is 1 - edit
distance / truth length.  ``flagged``: the reading's ``ocr_confidence`` findings (cells a
person is asked to check; RapidOCR alone makes none).  ``s/page``: the whole OCR stage per
page, cold cache, for the two readings of the stage; for RapidOCR alone its seconds over the
cells' crops (it does not lay out a page).  Needs RapidOCR installed
(``pip install -e '.[ocr]'``):

    python bench/ocr_engines.py
    python bench/ocr_engines.py --only navy --explain
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ocr_benchmark import MANIFEST, load_scans  # noqa: E402
from pdf_benchmark import _norm, load_truth, match  # noqa: E402

KINDS = ("header", "action_id", "description")
READINGS = ("tesseract", "RapidOCR", "tesseract+RapidOCR")


def read_stage(pdf: Path, profile, engine: str) -> tuple[object, float]:
    """The OCR stage's raw document with ``ACTIONPLANS_OCR_ENGINE=engine``, cold cache, and its
    seconds."""
    from actionplans.extract import read_pdf
    from actionplans.normalise.header import HeaderTest

    before = os.environ.get("ACTIONPLANS_OCR_ENGINE"), os.environ.get("ACTIONPLANS_OCR_CACHE")
    with tempfile.TemporaryDirectory() as cache:
        os.environ["ACTIONPLANS_OCR_ENGINE"], os.environ["ACTIONPLANS_OCR_CACHE"] = engine, cache
        try:
            start = time.perf_counter()
            raw = read_pdf(pdf, ocr="always", header_test=HeaderTest(profile))
            return raw, time.perf_counter() - start
        finally:
            for key, value in zip(
                ("ACTIONPLANS_OCR_ENGINE", "ACTIONPLANS_OCR_CACHE"), before, strict=True
            ):
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def source_header(source: Path, profile) -> dict[str, str]:
    """Field -> the born-digital source's header label for it (the most common, over its header
    rows)."""
    from actionplans.extract import read_pdf
    from actionplans.normalise.header import HeaderTest, map_header

    seen: dict[str, Counter] = {}
    for table in read_pdf(source, header_test=HeaderTest(profile)).tables:
        for row in table.rows:
            found = map_header(row.texts, profile)
            if found:
                for idx, name in found.columns.items():
                    if "." not in name and ":" not in name and row.texts[idx].strip():
                        seen.setdefault(name, Counter())[_norm(row.texts[idx])] += 1
    return {name: c.most_common(1)[0][0] for name, c in seen.items()}


def cells(raw, profile, truth: list[dict], header: dict[str, str], pages: int) -> list[dict]:
    """The scored cells of one reading: kind, page, truth, text read, box (None when not read)."""
    from actionplans.normalise.header import map_header

    out, rows, headed = [], [], set()
    for table in raw.tables:
        found = None
        for row in table.rows:
            mapped = map_header(row.texts, profile)
            # not the header-less table's own labels
            real = any(c.confidence is not None for c in row.cells)
            if mapped:
                found = mapped
                if real and row.page is not None:
                    headed.add(row.page)
                    for name, want in header.items():
                        idx = mapped.index_of(name)
                        cell = row.cells[idx] if idx is not None and idx < len(row.cells) else None
                        out.append(
                            {
                                "kind": "header",
                                "page": row.page,
                                "want": want,
                                "got": _norm(cell.text) if cell else "",
                                "bbox": cell.bbox if cell else None,
                            }
                        )
                continue
            if found is None:
                continue
            ids, desc = found.index_of("action_id"), found.index_of("description")
            if (
                ids is None
                or desc is None
                or max(ids, desc) >= len(row.cells)
                or not row.cells[desc].text.strip()
            ):
                continue
            rows.append(
                {
                    "action_id": _norm(row.cells[ids].text),
                    "description": _norm(row.cells[desc].text),
                    "cells": (row.cells[ids], row.cells[desc]),
                    "page": row.page,
                }
            )
    for page in range(1, pages + 1):  # a page whose header was not read: its labels read as nothing
        if page not in headed and any(r["page"] == page for r in rows):
            out += [
                {"kind": "header", "page": page, "want": want, "got": "", "bbox": None}
                for want in header.values()
            ]
    for t, p in match(truth, rows):
        for kind, want, k in (
            ("action_id", t["action_id_raw"], 0),
            ("description", t["description"], 1),
        ):
            cell = p["cells"][k] if p else None
            out.append(
                {
                    "kind": kind,
                    "page": p["page"] if p else None,
                    "want": _norm(want),
                    "got": _norm(cell.text) if cell else "",
                    "bbox": cell.bbox if cell else None,
                }
            )
    return out


def rapid_alone(doc: Path, boxes: list[dict]) -> tuple[list[dict], float]:
    """RapidOCR (detection and recognition) on the crop of each cell's box; the seconds it took."""
    import pdfplumber
    from actionplans.extract.ocr import image as im
    from actionplans.extract.ocr.page import DPI
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR()  # all cores: alone, it reads one crop at a time
    out, seconds, pages = [], 0.0, {}
    with pdfplumber.open(doc) as pdf:
        for c in boxes:
            got = ""
            if c["bbox"] is not None and c["page"] is not None:
                if c["page"] not in pages:
                    rgb = im.render(pdf.pages[c["page"] - 1], DPI)
                    pages[c["page"]] = im.deskew(rgb, im.skew_angle(rgb))
                s = DPI / 72
                x0, top, x1, bottom = (int(round(v * s)) for v in c["bbox"])
                crop = pages[c["page"]][max(0, top - 2) : bottom + 2, max(0, x0 - 2) : x1 + 2]
                start = time.perf_counter()
                result, _ = engine(crop[:, :, ::-1].copy())  # RapidOCR takes BGR, as OpenCV reads
                seconds += time.perf_counter() - start
                lines = sorted(
                    result or [], key=lambda r: (min(p[1] for p in r[0]), min(p[0] for p in r[0]))
                )
                got = _norm(" ".join(text for _, text, _ in lines))
            out.append({**c, "got": got})
    return out, seconds


def tally(scored: list[dict]) -> dict[str, tuple[int, int, int, int]]:
    """Per kind: (cells, exact, characters right, truth characters)."""
    from rapidfuzz.distance import Levenshtein

    out = {}
    for kind in KINDS:
        mine = [c for c in scored if c["kind"] == kind]
        exact = sum(c["got"] == c["want"] for c in mine)
        right = sum(
            max(0, len(c["want"]) - Levenshtein.distance(c["want"], c["got"])) for c in mine
        )
        out[kind] = (len(mine), exact, right, sum(len(c["want"]) for c in mine))
    return out


def _fmt(counts: tuple[int, int, int, int]) -> str:
    n, exact, right, length = counts
    return (
        f"{n:4d} {100 * exact / max(1, n):6.1f}% {100 * right / max(1, length):6.1f}%"
        if n
        else f"{'-':>4} {'':>7} {'':>7}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--only", default="", metavar="TEXT", help="only the scans whose file name contains TEXT"
    )
    parser.add_argument(
        "--explain", action="store_true", help="print the cells the readings read differently"
    )
    args = parser.parse_args(argv)
    from actionplans.extract.ocr.second import rapid_version

    from actionplans.profile import load_profile

    if rapid_version() is None:
        print(
            "ocr_engines: RapidOCR is not installed: pip install -e '.[ocr]'"
            " (rapidocr_onnxruntime)",
            file=sys.stderr,
        )
        return 1
    head = "  ".join(f"{k + ' (n exact chars)':>21}" for k in KINDS)
    print(f"{'scan':40} {'reading':19} {head}  {'flagged':>7}  {'s/page':>6}")
    totals: dict[str, list] = {r: [] for r in READINGS}
    seconds: dict[str, float] = dict.fromkeys(READINGS, 0.0)
    flagged: dict[str, int] = dict.fromkeys(READINGS, 0)
    all_pages = 0
    for doc, source, _exempt in load_scans(MANIFEST):
        if args.only not in doc.name or source is None:
            continue
        profile = load_profile(doc.profile)
        truth, header = load_truth(doc.truth), source_header(source, profile)
        tess, t_tess = read_stage(doc.pdf, profile, "tesseract")
        both, t_both = read_stage(doc.pdf, profile, "tesseract+rapidocr")
        scored = {
            "tesseract": cells(tess, profile, truth, header, doc.pages),
            "tesseract+RapidOCR": cells(both, profile, truth, header, doc.pages),
        }
        # RapidOCR alone reads the boxes tesseract's reading found (or, where it found none, the
        # other's)
        boxes = [
            a if a["bbox"] is not None else b
            for a, b in zip(scored["tesseract"], _aligned(scored), strict=True)
        ]
        scored["RapidOCR"], t_rapid = rapid_alone(doc.pdf, boxes)
        times = {"tesseract": t_tess, "RapidOCR": t_rapid, "tesseract+RapidOCR": t_both}
        flags = {"tesseract": _flagged(tess), "RapidOCR": 0, "tesseract+RapidOCR": _flagged(both)}
        all_pages += doc.pages
        for reading in READINGS:
            counts = tally(scored[reading])
            print(
                f"{doc.name:40} {reading:19} "
                + "  ".join(f"{_fmt(counts[k]):>21}" for k in KINDS)
                + f"  {flags[reading]:7d}  {times[reading] / doc.pages:6.2f}"
            )
            totals[reading] += scored[reading]
            seconds[reading] += times[reading]
            flagged[reading] += flags[reading]
        if args.explain:
            for i, c in enumerate(scored["tesseract"]):
                got = {r: scored[r][i]["got"] if i < len(scored[r]) else "?" for r in READINGS}
                if len(set(got.values())) > 1:
                    print(
                        f"    {c['kind']:11} want {c['want'][:50]!r}: "
                        + ", ".join(f"{r} {g[:50]!r}" for r, g in got.items())
                    )
    for reading in READINGS:
        counts = tally(totals[reading])
        print(
            f"{'all scans':40} {reading:19} "
            + "  ".join(f"{_fmt(counts[k]):>21}" for k in KINDS)
            + f"  {flagged[reading]:7d}  {seconds[reading] / max(1, all_pages):6.2f}"
        )
    return 0


def _flagged(raw) -> int:
    return sum(1 for _, check, _ in raw.notes if check == "ocr_confidence")


def _aligned(scored: dict[str, list[dict]]) -> list[dict]:
    """The second-opinion reading's cells in the order of tesseract's (same kind and truth), for
    their boxes."""
    free = list(scored["tesseract+RapidOCR"])
    out = []
    for c in scored["tesseract"]:
        hit = next(
            (
                o
                for o in free
                if o["kind"] == c["kind"]
                and o["want"] == c["want"]
                and (o["page"] == c["page"] or c["page"] is None)
            ),
            None,
        )
        if hit is not None:
            free.remove(hit)
        out.append(hit or c)
    return out


if __name__ == "__main__":
    sys.exit(main())
