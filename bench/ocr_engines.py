#!/usr/bin/env python
"""Benchmark: which OCR engine reads our table cells best -- tesseract or RapidOCR.

Issue 7 asks to choose the engine by measured accuracy on our tables.  The
table reader needs word boxes, which only tesseract gives, so this compares
the one thing both engines can do: read the text of a cell.  For every
action of every scanned sample with a truth CSV, the description cell found
by our reader (its box, on the straightened page image) is cropped and read
by

* tesseract 5 as a block (``--psm 6``, the settings of our block reading), and
* RapidOCR (PaddleOCR's detection and recognition models on onnxruntime,
  shipped inside its wheel): lines read and joined top to bottom,

and each reading is scored against the truth description: exact after
whitespace normalisation, and character accuracy (1 - edit distance / length).
RapidOCR is not a dependency of the project:

    pip install rapidocr_onnxruntime
    python bench/ocr_engines.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ocr_benchmark import MANIFEST, load_scans  # noqa: E402
from pdf_benchmark import _norm, load_truth  # noqa: E402


def description_crops(doc) -> list[tuple[str, object]]:
    """(truth description, RGB crop of our description cell) for each action found in the scan."""
    import pdfplumber
    from actionplans.extract.ocr import image as im
    from actionplans.extract.ocr.page import DPI
    from actionplans.extract.pdf import read_pdf
    from actionplans.normalise.header import HeaderTest, map_header
    from actionplans.normalise.ids import read_id_cell

    from actionplans.profile import load_profile

    profile = load_profile(doc.profile)
    truth = {t["action_id"]: _norm(t["description"]) for t in load_truth(doc.truth)}
    raw = read_pdf(doc.pdf, ocr="always", header_test=HeaderTest(profile))
    out = []
    with pdfplumber.open(doc.pdf) as pdf:
        pages = {}
        for table in raw.tables:
            header = None
            for row in table.rows:
                found = map_header(row.texts, profile)
                if found:
                    header = found
                    continue
                if header is None or header.index_of("description") is None:
                    continue
                ids, desc = header.index_of("action_id"), header.index_of("description")
                action_id = read_id_cell(row.texts[ids], profile).action_id if ids is not None else None
                cell = row.cells[desc] if desc < len(row.cells) else None
                if action_id not in truth or cell is None or cell.bbox is None or row.page is None:
                    continue
                if row.page not in pages:
                    rgb = im.render(pdf.pages[row.page - 1], DPI)
                    pages[row.page] = im.deskew(rgb, im.skew_angle(rgb))
                s = DPI / 72
                x0, top, x1, bottom = (int(round(v * s)) for v in cell.bbox)
                out.append((truth.pop(action_id), pages[row.page][max(0, top - 2) : bottom + 2, max(0, x0 - 2) : x1 + 2]))
    return out


def read_tesseract(crop) -> str:
    import cv2
    from actionplans.extract.ocr.engine import ocr_words
    from actionplans.extract.ocr.page import DPI

    grey = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY)
    words = ocr_words(grey, DPI, psm=6)
    lines: dict = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    ordered = sorted(lines.values(), key=lambda ws: min(w.top for w in ws))
    return " ".join(w.text for ws in ordered for w in sorted(ws, key=lambda w: w.x0))


def read_rapid(engine, crop) -> str:
    result, _ = engine(crop[:, :, ::-1].copy())  # RapidOCR takes BGR, as OpenCV reads
    lines = sorted(result or [], key=lambda r: (min(p[1] for p in r[0]), min(p[0] for p in r[0])))
    return " ".join(text for _, text, _ in lines)


def main() -> int:
    from rapidfuzz.distance import Levenshtein

    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        print("ocr_engines: RapidOCR is not installed: pip install rapidocr_onnxruntime", file=sys.stderr)
        return 1
    rapid = RapidOCR()
    engines = {"tesseract 5 (psm 6)": read_tesseract, "RapidOCR (onnxruntime)": lambda c: read_rapid(rapid, c)}
    print(f"{'scan':40} {'engine':23} {'cells':>5} {'exact':>7} {'chars':>7} {'exact*':>7} {'chars*':>7} {'s/cell':>7}")
    totals = {name: [0] * 5 + [0.0] for name in engines}
    for doc, _source, _exempt in load_scans(MANIFEST):
        crops = description_crops(doc)
        for name, read in engines.items():
            counts = [len(crops), 0, 0, 0, 0]  # cells, exact, chars right, exact*, chars right*
            length = length_ns = 0
            start = time.perf_counter()
            for want, crop in crops:
                got = _norm(read(crop))
                want_ns, got_ns = want.replace(" ", ""), got.replace(" ", "")
                counts[1] += got == want
                counts[2] += max(0, len(want) - Levenshtein.distance(want, got))
                counts[3] += got_ns == want_ns
                counts[4] += max(0, len(want_ns) - Levenshtein.distance(want_ns, got_ns))
                length += len(want)
                length_ns += len(want_ns)
            seconds = time.perf_counter() - start
            _row(doc.name, name, counts, length, length_ns, seconds)
            t = totals[name]
            for k in range(5):
                t[k] += counts[k]
            t[5] += seconds
            t.append((length, length_ns))
    for name, t in totals.items():
        length = sum(a for a, _ in t[6:])
        length_ns = sum(b for _, b in t[6:])
        _row("all scans", name, t[:5], length, length_ns, t[5])
    print("* spaces left out before comparing (RapidOCR's bundled recogniser runs English words together)")
    return 0


def _row(scan: str, engine: str, counts: list[int], length: int, length_ns: int, seconds: float) -> None:
    cells = max(1, counts[0])
    print(f"{scan:40} {engine:23} {counts[0]:5d} {100 * counts[1] / cells:6.1f}% {100 * counts[2] / max(1, length):6.1f}% "
          f"{100 * counts[3] / cells:6.1f}% {100 * counts[4] / max(1, length_ns):6.1f}% {seconds / cells:7.3f}")


if __name__ == "__main__":
    sys.exit(main())
