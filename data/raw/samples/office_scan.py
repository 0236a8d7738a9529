#!/usr/bin/env python
"""Office scans: sample pages as an ordinary office scanner gives them, header rows white on a dark band.

``scan.py`` makes the project's own scans (grey noise on clean renders).  These are
unlike them (issue 20): the table's header row is printed as white text on a dark
band (painted onto the rendered page where the sample's header was black on grey
or on white: the band's pixels are inverted into the band colour, so every letter
keeps its anti-aliased edge), then the page goes through what an office scanner
does to it: paper tone, muddy blacks, slightly washed-out colours, a soft focus,
colour noise, a 1-2 degree skew and colour JPEG at quality 60-75 (4:2:0 chroma).
Each is an image-only PDF of two pages with the source's truth for those pages
(renumbered), written to ``scanned/`` and listed in its manifest by ``scan.py``.
Deterministic: the same inputs give the same bytes.

    python data/raw/samples/office_scan.py        # (scan.py runs this too)
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _truth import _h, scan_entry, write_scan  # noqa: E402

DESK = (96, 88, 80)  # what a phone photo shows round the sheet
NAVY = "#1f3864"  # Word's "Blue-Grey, Text 2, darker 50%": the usual council header band
ACCENT = "#2f5496"  # Word's "Blue, Accent 1, darker 25%": lighter, its brightest channel 150


@dataclass(frozen=True)
class Photo:
    """How a phone photographs the sheet: each corner (tl, tr, br, bl) moved in by fractions of the
    width and height, the light from one side, a colour cast."""

    inward: tuple[tuple[float, float], ...] = ((0.045, 0.03), (0.035, 0.04), (0.012, 0.015), (0.02, 0.01))
    window: str = "right"  # the side the light comes from
    cast: tuple[float, float, float] = (1.0, 0.97, 0.91)  # warm indoor light

    @property
    def text(self) -> str:
        return (f"perspective (corners moved in by {_span(self.inward)}), vignette and a light gradient from the "
                f"{self.window}, {'warm' if self.cast[2] < self.cast[0] else 'cool'} cast, slight blur, noise")


def _span(inward: tuple[tuple[float, float], ...]) -> str:
    fractions = [100 * v for corner in inward for v in corner]
    return f"{min(fractions):g}-{max(fractions):g}%"


@dataclass(frozen=True)
class OfficeScan:
    source: str  # sample PDF in this folder (without .pdf)
    pages: tuple[int, int]  # first and last page, 1-based
    dpi: int
    quality: int  # JPEG quality
    skew: float  # degrees, counter-clockwise
    band: str | None  # colour painted under the header row (white text); None: the sample's own dark band
    suffix: str
    what: str
    profile: str
    plans: tuple[str, ...]
    edition: str
    photo: Photo | None = None  # photographed by a phone, not scanned
    grey: bool = False  # saved as a greyscale JPEG

    @property
    def name(self) -> str:
        return f"{self.source}-{self.suffix}{self.dpi}"

    @property
    def kind(self) -> str:
        return "phone photo" if self.photo else "office scan"

    @property
    def band_text(self) -> str:
        return (f"header row repainted white on {self.band}" if self.band
                else "the sample's own white-on-navy header band")

    @property
    def layout(self) -> str:
        band = self.band_text
        how = self.photo.text if self.photo else "paper tone, soft focus, colour noise"
        article = "a" if self.photo else "an"
        return (f"pages {self.pages[0]}-{self.pages[1]} of {self.source}.pdf as {article} {self.kind}: {band}, "
                f"{self.dpi} dpi, {how}, turned {self.skew:g} degrees, {'greyscale' if self.grey else 'colour'} "
                f"JPEG quality {self.quality}")

    def finish(self, image, number: int):
        """The scanned page as it goes to JPEG: photographed if a phone took it, grey if asked."""
        image = phone_photo(image, self.name, number, self.dpi, self.photo) if self.photo else image
        return image.convert("L") if self.grey else image


OFFICE_SCANS = [
    OfficeScan("leics-county-2023-ruled", (2, 3), 200, 65, 1.8, None, "office", "Transport",
               "leics-county-2023", ("county",), "2023-12"),
    OfficeScan("leics-county-2023-ruled", (11, 12), 150, 75, -1.2, ACCENT, "accent", "Buildings and Energy",
               "leics-county-2023", ("county",), "2023-12"),
    OfficeScan("leics-council-2023", (1, 2), 150, 70, -1.4, NAVY, "navy", "council plan, grey header repainted navy",
               "leics-council-2023", ("council",), "2023-12"),
    OfficeScan("leics-council-2023-borderless", (3, 4), 200, 60, -2.0, NAVY, "navy",
               "borderless council plan, header on a navy band", "leics-council-2023", ("council",), "2023-12"),
    # a phone photo to tune on (scan_variants.py's phone200 is held out): the bottom narrower, the light
    # from the left, daylight
    OfficeScan("leics-county-2023-ruled", (4, 5), 180, 80, -0.7, ACCENT, "phone", "county plan photographed by phone",
               "leics-county-2023", ("county",), "2023-12",
               photo=Photo(((0.015, 0.02), (0.01, 0.025), (0.04, 0.035), (0.03, 0.02)), "left", (0.94, 0.97, 1.0))),
    # and one of the council plan's layout: the left side nearer the lens, light from the right, neutral light
    OfficeScan("leics-council-2023", (1, 2), 190, 75, 0.9, NAVY, "phone", "council plan photographed by phone",
               "leics-council-2023", ("council",), "2023-12",
               photo=Photo(((0.01, 0.015), (0.035, 0.03), (0.03, 0.035), (0.012, 0.01)), "right", (1.0, 0.99, 0.97))),
    # a greyscale scan and a JPEG-50 one to tune on (scan_variants.py's grey150 and jpeg50-300 are held out):
    # other pages of the county plan, the sample's own header band
    OfficeScan("leics-county-2023-ruled", (8, 9), 150, 70, -0.8, None, "greyscan", "county plan scanned in greyscale",
               "leics-county-2023", ("county",), "2023-12", grey=True),
    OfficeScan("leics-county-2023-ruled", (18, 19), 300, 50, 0.6, None, "q50-", "county plan, JPEG quality 50",
               "leics-county-2023", ("county",), "2023-12"),
]


# --------------------------------------------------------------------------- the header row


def _lines(words: list[dict]) -> list[list[dict]]:
    out: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if out and abs(out[-1][0]["top"] - w["top"]) < 2:
            out[-1].append(w)
        else:
            out.append([w])
    return [sorted(line, key=lambda w: w["x0"]) for line in out]


def header_box(page) -> tuple[float, float, float, float] | None:
    """The header row of the page's table in points (x0, top, x1, bottom), or None.

    The header is the first line of bold words spread over at least three columns;
    a second line close under it (``Project`` over ``Status``) belongs to it.  A
    filled rectangle behind it (a grey band) gives the box; otherwise the rules
    around it, otherwise the table's words.
    """
    words = page.extract_words(extra_attrs=["fontname", "size"])
    lines = _lines(words)
    head = None
    for k, line in enumerate(lines):
        bold = [w for w in line if "Bold" in w["fontname"]]
        gaps = sum(1 for a, b in zip(line, line[1:], strict=False) if b["x0"] - a["x1"] > 12)
        if len(bold) == len(line) and len(line) >= 4 and gaps >= 3:
            head = k
            break
    if head is None:
        return None
    size = lines[head][0]["size"]
    rows = [lines[head]]
    for line in lines[head + 1 :]:
        if line[0]["top"] - rows[-1][0]["top"] <= 1.35 * size and all("Bold" in w["fontname"] for w in line):
            rows.append(line)
        else:
            break
    top, bottom = rows[0][0]["top"], max(w["bottom"] for w in rows[-1])
    mid = (top + bottom) / 2
    for r in page.rects:
        if r.get("fill") and r["top"] <= mid <= r["bottom"] and r["x1"] - r["x0"] > 0.5 * page.width:
            return r["x0"], r["top"], r["x1"], r["bottom"]
    below = [w for w in words if w["top"] >= top]
    x0, x1 = min(w["x0"] for w in below) - 3, max(w["x1"] for w in below) + 3
    hs = [e for e in page.edges if e["orientation"] == "h" and e["x1"] - e["x0"] > 0.5 * page.width]
    above = [e["top"] for e in hs if top - 8 <= e["top"] <= top]
    under = [e["top"] for e in hs if bottom <= e["top"] <= bottom + 8]
    if hs:
        x0, x1 = min(e["x0"] for e in hs), max(e["x1"] for e in hs)
    return x0, (max(above) if above else top - 3), x1, (min(under) if under else bottom + 3)


def paint_band(image, box: tuple[float, float, float, float], colour: str, scale: float):
    """The box's pixels inverted into ``colour``: its paper becomes the band, its ink white."""
    import numpy as np
    from PIL import Image

    px = np.asarray(image, dtype=np.float32).copy()
    x0, top, x1, bottom = (round(v * scale) for v in box)
    crop = px[top:bottom, x0:x1]
    light = crop.mean(axis=2)
    band = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)], np.float32)
    fill = float(np.percentile(light, 60))  # the header's own fill
    if fill < 128:  # already a dark band with light letters: only its colour changes
        t = np.clip((light - fill) / max(float(np.percentile(light, 99.5)) - fill, 1), 0, 1)[..., None]
        px[top:bottom, x0:x1] = t * 255 + (1 - t) * band
    else:  # black on white or grey: inverted into the band colour
        ink = float(min(np.percentile(light, 1), fill - 60))
        t = np.clip((light - ink) / max(fill - ink, 1), 0, 1)[..., None]
        px[top:bottom, x0:x1] = t * band + (1 - t) * 255
    return Image.fromarray(px.astype(np.uint8))


# --------------------------------------------------------------------------- the scanner


def office_scan(image, spec: OfficeScan, number: int):
    """What an office scanner does to a page: tone, soft focus, colour noise, skew (JPEG comes after)."""
    import numpy as np
    from PIL import Image, ImageFilter

    seed = _h("office", spec.name, number)
    rng = np.random.default_rng(seed % (2**32))
    px = np.asarray(image, dtype=np.float32)
    grey = px.mean(axis=2, keepdims=True)
    px = 0.85 * px + 0.15 * grey  # colours a little washed out
    paper = np.array([246, 243, 236], np.float32)  # off-white paper
    black = np.array([38, 36, 40], np.float32)  # the darkest a scanner records
    px = black + (paper - black) * (px / 255.0) ** 1.1
    image = Image.fromarray(np.clip(px, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.5 * spec.dpi / 150))
    angle = spec.skew + ((seed % 7) - 3) / 50  # the sheet as it lay on the glass
    image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=tuple(int(v) for v in paper))
    px = np.asarray(image, dtype=np.float32)
    px += rng.normal(0.0, 3.0, px.shape[:2])[..., None] + rng.normal(0.0, 3.0, px.shape)  # grey and colour noise
    shade = np.linspace(0, 6, px.shape[1], dtype=np.float32)[None, :, None]  # the lamp falls off to one side
    px -= shade
    return Image.fromarray(np.clip(px, 0, 255).astype(np.uint8))


def phone_photo(image, name: str, number: int, dpi: int, photo: Photo):
    """The page photographed by a phone held a little off square, by a window: corners moved in
    by a few percent, the light falling off to the corners and away from the window, a colour
    cast, a slight blur and sensor noise."""
    import cv2
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(_h("phone", name, number) % (2**32))
    px = np.asarray(image, dtype=np.float32)
    h, w = px.shape[:2]
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    inward = np.float32(photo.inward)  # fractions of w, h
    signs = np.float32([[1, 1], [-1, 1], [-1, -1], [1, -1]])
    warp = cv2.getPerspectiveTransform(corners, corners + signs * inward * np.float32([w, h]))
    px = cv2.warpPerspective(px, warp, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT,
                             borderValue=DESK)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    off_centre = ((xx - 0.55 * w) / (0.5 * w)) ** 2 + ((yy - 0.45 * h) / (0.5 * h)) ** 2
    towards = xx if photo.window == "right" else w - xx  # pixels from the side away from the window
    light = (1 - 0.08 * off_centre) * (0.85 + 0.15 * towards / w)  # vignette; the window's side brighter
    px = px * light[..., None] * np.float32(photo.cast)
    px = cv2.GaussianBlur(px, (0, 0), 0.9 * dpi / 150)
    px += rng.normal(0.0, 4.0, px.shape)
    return Image.fromarray(np.clip(px, 0, 255).astype(np.uint8))


def scan_page(pdf, plumber, number: int, spec: OfficeScan):
    page = pdf[number - 1]
    scale = spec.dpi / 72
    image = page.render(scale=scale).to_pil().convert("RGB")
    if spec.band:
        # a continuation page with no header row of its own (the banded plan's) is scanned as it is
        box = header_box(plumber.pages[number - 1])
        if box is not None:
            image = paint_band(image, box, spec.band, scale)
    return office_scan(image, spec, number)


def make(spec: OfficeScan, out: Path, pages: tuple[int, int] | None = None, name: str | None = None) -> tuple[int, int]:
    """The scan as ``out/<name>.pdf`` with its truth CSV; ``pages`` a sub-range (an excerpt)."""
    import pdfplumber
    import pypdfium2 as pdfium

    first, last = pages or spec.pages
    src = pdfium.PdfDocument(str(HERE / f"{spec.source}.pdf"))
    try:
        with pdfplumber.open(HERE / f"{spec.source}.pdf") as plumber:
            images = (spec.finish(scan_page(src, plumber, n, spec), n) for n in range(first, last + 1))
            return write_scan(images, src[0].get_size(), out, name or spec.name,
                              f"{spec.source}.pdf pages {first}-{last}, {spec.kind} at {spec.dpi} dpi "
                              "(re-typeset sample; no text layer)", "data/raw/samples/office_scan.py",
                              HERE / f"{spec.source}.truth.csv", first, last,
                              quality=spec.quality, optimize=True, subsampling="4:2:0")
    finally:
        src.close()


def entry(spec: OfficeScan, pages: int) -> str:
    """The scan's manifest entry."""
    return scan_entry(spec.name, spec.what, spec.source, spec.pages, spec.kind, spec.edition, spec.plans,
                      spec.profile, pages, spec.layout)


# The one-page excerpt the tests read (tests/pdfs/): the borderless plan's navy header at 200 dpi
EXCERPT = ("leics-council-2023-borderless", 3, "test-2023-office-scan-navy")


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE / "scanned")
    parser.add_argument("--excerpt", type=Path, default=None, help="also write the tests' one-page excerpt here")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for spec in OFFICE_SCANS:
        pages, actions = make(spec, args.out)
        size = (args.out / f"{spec.name}.pdf").stat().st_size
        print(f"scanned/{spec.name}.pdf: {pages} pages at {spec.dpi} dpi, {actions} actions, {size / 1024:.0f} KiB")
    if args.excerpt:
        source, page, name = EXCERPT
        spec = next(s for s in OFFICE_SCANS if s.source == source)
        make(spec, args.excerpt, (page, page), name)
        print(f"{args.excerpt}/{name}.pdf: page {page} of {spec.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
