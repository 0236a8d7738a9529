#!/usr/bin/env python
"""Scanned samples: pages of the re-typeset sample PDFs rasterised as if printed and scanned.

Each scan is an image-only PDF (no text layer) made from a few pages of a
sample in this folder, at 150 or 300 dpi, turned by up to 1.5 degrees, with
sensor noise and JPEG compression; its truth CSV (the source's truth rows for
those pages, renumbered) sits beside it.  Output goes to ``scanned/`` with
that folder's standalone manifest (``ingest data/raw/samples`` leaves it
out).  It also runs ``office_scan.py`` (office scans: header rows white on a
dark band, colour JPEG, 1-2 degrees of skew) and lists those too.  Deterministic: the same inputs give the same bytes.

    python data/raw/samples/scan.py

``render_pdfs.py`` writes ``scanned/leics-county-2023-scanned.pdf`` (110 dpi)
and, when run, rewrites the manifest with that entry only: run this script
after it.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _truth import _h, scan_entry, write_scan  # noqa: E402


@dataclass(frozen=True)
class Scan:
    source: str  # sample PDF in this folder (without .pdf)
    pages: tuple[int, int]  # first and last page, 1-based
    dpi: int
    quality: int  # JPEG quality
    what: str  # for the manifest's title
    profile: str
    plans: tuple[str, ...]
    edition: str

    @property
    def name(self) -> str:
        return f"{self.source}-scan{self.dpi}"


SCANS = [
    Scan("leics-county-2023-ruled", (14, 15), 150, 70, "Resources and Waste", "leics-county-2023", ("county",), "2023-12"),
    Scan("leics-county-2023-ruled", (16, 17), 300, 45, "Communities", "leics-county-2023", ("county",), "2023-12"),
    Scan("leics-2025-appendix-b", (1, 2), 150, 70, "Council plan and Transport (Gantt grid)", "leics-2025",
         ("council", "county"), "2025-03"),
    Scan("leics-council-2023-borderless", (1, 2), 300, 45, "borderless council plan", "leics-council-2023",
         ("council",), "2023-12"),
]
NOISE = 6.0  # standard deviation of the sensor noise, in grey levels


def scan_page(pdf, number: int, spec: Scan):
    """One page as an RGB image: rendered, turned, noised (deterministically)."""
    import numpy as np
    from PIL import Image

    image = pdf[number - 1].render(scale=spec.dpi / 72).to_pil().convert("RGB")
    seed = _h("scan", spec.name, number)
    angle = ((seed % 29) - 14) / 10  # -1.4 .. +1.4 degrees
    image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=(255, 255, 255))
    rng = np.random.default_rng(seed % (2**32))
    pixels = np.asarray(image, dtype=np.float32)
    pixels += rng.normal(0.0, NOISE, pixels.shape[:2])[..., None]  # grey noise, as a scanner's sensor
    specks = rng.random(pixels.shape[:2]) < 0.0002  # dust
    pixels[specks] = 40
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)), angle


def make(spec: Scan, out: Path) -> tuple[int, int]:
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(HERE / f"{spec.source}.pdf"))
    first, last = spec.pages
    try:
        return write_scan((scan_page(src, n, spec)[0] for n in range(first, last + 1)), src[0].get_size(), out,
                          spec.name, f"{spec.source}.pdf pages {first}-{last}, scanned at {spec.dpi} dpi "
                          "(re-typeset sample; no text layer)", "data/raw/samples/scan.py",
                          HERE / f"{spec.source}.truth.csv", first, last, quality=spec.quality, optimize=True)
    finally:
        src.close()


def _entry(spec: Scan, pages: int) -> str:
    return scan_entry(spec.name, spec.what, spec.source, spec.pages, "scanned", spec.edition, spec.plans,
                      spec.profile, pages,
                      f"pages {spec.pages[0]}-{spec.pages[1]} of {spec.source}.pdf rasterised at {spec.dpi} dpi, "
                      f"turned up to 1.5 degrees, noise, JPEG quality {spec.quality}")


def other_entries(path: Path, ours: set[str]) -> list[str]:
    """The ``[[document]]`` blocks of a manifest whose file is not one of ``ours``, as written.

    render_pdfs.py and this script each write some of the scanned samples: each keeps the other's entries.
    """
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    blocks = text.split("\n[[document]]\n")[1:]
    return ["\n[[document]]\n" + block.rstrip("\n") + "\n"
            for entry, block in zip(data.get("document", []), blocks, strict=False) if entry["file"] not in ours]


def write_manifest(out: Path, made: list[tuple[Scan, int]], extra: dict[str, str] | None = None) -> None:
    """The folder's manifest: render_pdfs.py's entries kept, this script's replaced (``extra``: file name ->
    entry, the office scans of ``office_scan.py``)."""
    path = out / "manifest.toml"
    extra = extra or {}
    kept = other_entries(path, {f"{s.name}.pdf" for s, _ in made} | set(extra))
    head = (
        "# Image-only (scanned) samples: no text layer, read by OCR (issue 7). Made by ../render_pdfs.py\n"
        "# (the 110 dpi one) and ../scan.py (150 and 300 dpi, turned, noise, JPEG), each from pages\n"
        "# of a re-typeset sample beside them; standalone keeps them out of `ingest data/raw/samples`.\n"
        "standalone = true\n"
    )
    path.write_text(head + "".join(kept) + "".join(_entry(s, p) for s, p in made) + "".join(extra.values()),
                    encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE / "scanned", help="folder for the scans, truth and manifest")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    made = []
    for spec in SCANS:
        pages, actions = make(spec, args.out)
        made.append((spec, pages))
        size = (args.out / f"{spec.name}.pdf").stat().st_size
        print(f"scanned/{spec.name}.pdf: {pages} pages at {spec.dpi} dpi, {actions} actions, {size / 1024:.0f} KiB")
    import office_scan  # noqa: PLC0415 - beside this script: scans unlike these (issue 20)

    extra = {}
    for spec in office_scan.OFFICE_SCANS:
        pages, actions = office_scan.make(spec, args.out)
        extra[f"{spec.name}.pdf"] = office_scan.entry(spec, pages)
        print(f"scanned/{spec.name}.pdf: {spec.kind}, {pages} pages at {spec.dpi} dpi, {actions} actions")
    write_manifest(args.out, made, extra)
    return 0


if __name__ == "__main__":
    sys.exit(main())
