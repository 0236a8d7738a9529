"""A page as pixels: render it, straighten it, find its rules and fills, clean it for OCR.

Everything here works on numpy arrays (OpenCV) at the OCR resolution; the
caller turns pixel boxes into PDF points (``72 / dpi``).  The page is
rendered from the PDF (pypdfium2, through pdfplumber), so a scan embedded at
any resolution, or a vector page OCRed with ``ocr="always"``, looks the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

import cv2
import numpy as np

from ..pdf.objects import page_objects
from .settings import DEFAULT_IMAGE_SETTINGS, ImageSettings


@dataclass(frozen=True)
class Segment:
    """A rule found in the image, in pixels."""

    x0: int
    top: int
    x1: int
    bottom: int
    orientation: str  # h | v


@dataclass(frozen=True)
class Region:
    """A filled area (cell shading, Gantt mark, header band), in pixels, with its median colour."""

    x0: int
    top: int
    x1: int
    bottom: int
    colour: str  # "#rrggbb"
    inverted: bool = False  # light text on it (found by its pixels), whatever its colour

    @property
    def dark(self) -> bool:
        """Light text on it, by the default settings (:meth:`is_dark` for others)."""
        return self.is_dark()

    def is_dark(self, settings: ImageSettings = DEFAULT_IMAGE_SETTINGS) -> bool:
        r, g, b = _rgb(self.colour)
        return self.inverted or max(r, g, b) < settings.dark


def _rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` as three levels."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _joined(left: Region, right: Region) -> Region:
    """One region from ``left`` to ``right`` on the same line (left's colour and inversion)."""
    return Region(
        left.x0,
        min(left.top, right.top),
        right.x1,
        max(left.bottom, right.bottom),
        left.colour,
        left.inverted,
    )


def channel_max(rgb: np.ndarray) -> np.ndarray:
    """Each pixel's brightest channel: ``rgb.max(axis=2)``, twenty times faster on a page."""
    return np.maximum(np.maximum(rgb[..., 0], rgb[..., 1]), rgb[..., 2])


def channel_min(rgb: np.ndarray) -> np.ndarray:
    """Each pixel's darkest channel: ``rgb.min(axis=2)``, as fast as :func:`channel_max`."""
    return np.minimum(np.minimum(rgb[..., 0], rgb[..., 1]), rgb[..., 2])


def _mask(where: np.ndarray) -> np.ndarray:
    """255 where ``where`` holds, else 0, as 8 bits (``np.where(where, 255, 0)`` made an 8-byte
    integer per pixel first: 31 MB more for a page at 200 dpi)."""
    return np.asarray(where, dtype=bool).view(np.uint8) * np.uint8(255)


# A black-and-white scan in a scanner's halftone mode prints greys as scattered dots: a header
# band's white labels and a fill's edges are lost among them, and no table was read.  Its dots
# are told by how many dark pixels stand alone (a dithered page: 7%; a 1-bit page thresholded,
# not dithered: 0.3%; JPEG noise on small print, in 8-bit scans only: up to 3.5%) and are
# smoothed back into greys over one of the scan's own pixels before anything else is read.
HALFTONE_LONE_INK = 0.02


def render(page, dpi: int) -> np.ndarray:
    """The page as an RGB array at ``dpi``; a halftone black-and-white scan smoothed to greys."""
    image = page.to_image(resolution=dpi, antialias=True).original.convert("RGB")
    rgb = np.asarray(image)
    scan_dpi = _one_bit_scan(page)
    if scan_dpi and lone_ink(rgb) >= HALFTONE_LONE_INK:
        return cv2.GaussianBlur(rgb, (0, 0), dpi / scan_dpi)
    return rgb


# A scan whose ink has faded (a light scanner setting, a tired toner, a copy of a copy) prints its
# text as mid greys: no header was read.  Its darkest half percent of pixels is lighter than
# FADED_INK (the project's scans and every draw: 89 at most; the county scan at 45% contrast: 153),
# and its levels are stretched so that those pixels print at FADED_TARGET and the paper stays
# white, every channel alike (a fill keeps its hue).
FADED_INK = 110
FADED_TARGET = 40


def restore_faded(rgb: np.ndarray) -> np.ndarray:
    """The page with faded ink darkened back (a linear stretch of its levels); else as it is."""
    grey = _luma(rgb[::4, ::4])  # every 16th pixel tells the levels (and costs 1/16th)
    ink = float(np.percentile(grey, 0.5))
    if ink <= FADED_INK:
        return rgb
    paper = float(np.percentile(grey, 99))
    if paper - ink < 20:  # no ink at all: a blank or evenly grey page
        return rgb
    scale = (255 - FADED_TARGET) / (paper - ink)
    stretched = (rgb.astype(np.float32) - ink) * scale + FADED_TARGET
    return np.clip(stretched, 0, 255).astype(np.uint8)


# A scan speckled all over (dust on the glass, a noisy fax line, a scanner's salt-and-pepper
# noise) puts specks between the words and in the gaps between cells: tesseract read them as
# punctuation and lost rows (42% of the county scan's actions at 0.4% speckle; at 0.05%, a third
# of its descriptions).  Speckle is told by where it falls: on blank paper, away from any letter.
# The page is cut into tiles of about 4 mm; of the tiles with no mark bigger than a speck, more
# than SPECKLED_SHARE hold a speck (the project's scans and every draw: 8.5% at most; the county
# scan at 0.05% speckle: 27%, at 0.4%: 87%).  Such a page is median-filtered over 3 pixels, which
# takes out specks up to two pixels across (:func:`despeckle`).
SPECKLED_SHARE = 0.2
SPECK_TILE_MM = 4
SPECK_IMPULSE = 40


def _specks(rgb: np.ndarray, dpi: int) -> tuple[np.ndarray, np.ndarray]:
    """Masks of the page's specks and of the rest of its marks.  A mark is anything darker than
    paper (grey < 200, so that a faint typewriter letter is one mark, not a trail of dark
    pieces); a speck is a mark of at most ``2 * (dpi/100)**2`` pixels with a dark (< 128) core."""
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    marked = (grey < 200).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(marked, connectivity=8)
    small = stats[:, cv2.CC_STAT_AREA] <= max(2, round(2 * (dpi / 100) ** 2))
    cored = np.zeros(count, bool)
    cored[np.unique(labels[grey < 128])] = True
    tiny = small & cored
    tiny[0] = False
    speck = tiny[labels]
    return speck, marked.astype(bool) & ~speck


def speckled(rgb: np.ndarray, dpi: int) -> float:
    """The share of the page's blank tiles (no ink bigger than a speck) that hold a speck."""
    speck, ink = _specks(rgb, dpi)
    t = max(8, round(SPECK_TILE_MM / 25.4 * dpi))
    h, w = (ink.shape[0] // t) * t, (ink.shape[1] // t) * t
    if not h or not w:
        return 0.0
    inked = ink[:h, :w].reshape(h // t, t, w // t, t).any(axis=(1, 3))
    specked = speck[:h, :w].reshape(h // t, t, w // t, t).any(axis=(1, 3))
    blank = ~inked
    return float((specked & blank).sum()) / max(1, int(blank.sum()))


def despeckle(rgb: np.ndarray, dpi: int) -> np.ndarray:
    """The page's specks replaced by the median of their 3x3 neighbourhood when it is speckled all
    over (:func:`speckled`); else the page as it is.

    A switching median: only the pixels that differ from that median by more than SPECK_IMPULSE
    grey levels change, so the letters keep their own pixels.  A plain median filter rounded
    them off: on the office scan at 0.4% speckle it read no table, the switching one every action
    (and on the navy scan at 0.1%, 70% against 100% of actions)."""
    if speckled(rgb, dpi) <= SPECKLED_SHARE:
        return rgb
    median = cv2.medianBlur(rgb, 3)
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.int16)
    impulse = np.abs(grey - cv2.cvtColor(median, cv2.COLOR_RGB2GRAY)) > SPECK_IMPULSE
    return np.where(impulse[..., None], median, rgb)


# a page whose steepest edges rise by less than this share of its contrast in a pixel (at the
# reading resolution) is out of focus: sharp scans measure 0.34-0.58, phone photos 0.20-0.26, a
# 150-dpi scan blurred by 1.2 pixels 0.17-0.19 (bench/scan_hazards.py 'out of focus')
BLURRED_EDGE = 0.2
SHARPEN_AMOUNT = 1.5  # the detail a blur takes away, added back 1.5 times (1, 2, 3, 5 tried)
# A phone photo is softer than a scan (its lens, its JPEG): one under this line has its text read
# lightly sharpened, the detail of a 1-pixel blur added back once (0.5 tried: less gained).
# Blurred letters run together ('Orscovery'); the photos of the draws read 0-96% of their
# descriptions exactly, and sharpened most read far more (docs/reading-pdfs.md)
SOFT_PHOTO_EDGE = 0.26
PHOTO_SHARPEN = 1.0
PHOTO_SIGMA = 1.0


def edge_sharpness(rgb: np.ndarray) -> float:
    """How steep the page's steepest edges are: the 99.7th percentile of the grey gradient (a
    pixel's rise) over the page's contrast (its 2nd to 98th percentile of grey)."""
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    # cv2's magnitude and percentiles of the 8-bit grey: a page is measured on every scanned
    # page, and numpy's hypot and float percentiles took 0.19 s of an A3 page at 200 dpi
    rise = cv2.magnitude(cv2.Sobel(grey, cv2.CV_32F, 1, 0), cv2.Sobel(grey, cv2.CV_32F, 0, 1))
    low, high = np.percentile(grey, (2, 98))
    return float(np.percentile(rise, 99.7) / 8.0 / max(high - low, 1.0))  # a unit edge's rise


def blurred(rgb: np.ndarray) -> bool:
    """Whether the page is out of focus (:func:`edge_sharpness` under BLURRED_EDGE)."""
    return edge_sharpness(rgb) < BLURRED_EDGE


def sharpen(
    image: np.ndarray,
    dpi: int,
    keep: Sequence[Region] = (),
    amount: float = SHARPEN_AMOUNT,
    sigma: float | None = None,
) -> np.ndarray:
    """An unsharp mask: the detail a Gaussian blur of ``sigma`` pixels takes away, added back
    ``amount`` times. For the image OCR reads of a blurred page: blurred strokes run together in
    tesseract's reading ('Onstricts', 'acton pian') and a dark band's white labels go (the county
    scan blurred by 1.2 pixels read 10.5% of its actions, sharpened all of them)."""
    if sigma is None:
        sigma = 1.2 * dpi / 150  # the blur's own scale: 1.2 pixels at 150 dpi, as measured
    soft = cv2.GaussianBlur(image, (0, 0), sigma)
    sharp = cv2.addWeighted(image, 1 + amount, soft, -amount, 0)
    for r in keep:  # a dark band's light labels are read as they are
        sharp[r.top : r.bottom, r.x0 : r.x1] = image[r.top : r.bottom, r.x0 : r.x1]
    return sharp


def _one_bit_scan(page) -> float | None:
    """The resolution of the image of one bit a pixel that covers most of the page (a
    black-and-white scan), else None."""
    area = float(page.width) * float(page.height) or 1.0
    try:
        images = page_objects(page).images  # parsed once: OCR was chosen by the same objects
    except Exception:  # noqa: BLE001 - an unreadable image list: the page is read as rendered
        return None
    for img in images:
        width = img["x1"] - img["x0"]
        if img["bits"] == 1 and width * (img["bottom"] - img["top"]) >= area / 2:
            return float(img["srcsize"][0]) / (width / 72)
    return None


def lone_ink(rgb: np.ndarray) -> float:
    """The share of dark pixels with at most one dark neighbour: a halftone's dots."""
    dark = (cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY) < 128).astype(np.uint8)
    total = int(dark.sum())
    if not total:
        return 0.0
    neighbours = cv2.filter2D(dark, -1, np.ones((3, 3), np.float32), borderType=cv2.BORDER_CONSTANT)
    return float(np.sum((dark == 1) & (neighbours <= 2))) / total


def ink_mask(rgb: np.ndarray, *, settings: ImageSettings = DEFAULT_IMAGE_SETTINGS) -> np.ndarray:
    """Dark pixels (text and rules) as 255; coloured fills are not ink, whatever their shade."""
    brightest = channel_max(rgb)  # a red or green fill is bright in one channel; black text in none
    return _mask(brightest < settings.ink_below)


def _rule_ink(rgb: np.ndarray, s: ImageSettings) -> np.ndarray:
    """:func:`ink_mask` plus pixels much darker than their own surroundings: an office scanner's
    soft focus greys a 0.5 pt rule to ~145, above the fixed threshold, on paper of ~245.  Inside a
    coloured fill, and a fill's edge is no thin line: only what is darker than the paper on both
    sides counts (a black-hat: a closing fills lines a few pixels wide, never a fill)."""
    brightest = channel_max(rgb)
    local = cv2.morphologyEx(brightest, cv2.MORPH_BLACKHAT, _box(s.rule_blackhat_px)) >= s.rule_drop
    return _mask((brightest < s.ink_below) | local)


def skew_angle(rgb: np.ndarray, *, settings: ImageSettings = DEFAULT_IMAGE_SETTINGS) -> float:
    """The page's skew in degrees (counter-clockwise positive, at most ``settings.max_skew``),
    by the sharpest row profile."""
    s = settings
    scale = s.skew_work_px / max(rgb.shape[:2])
    small = ink_mask(
        cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), settings=s
    )
    h, w = small.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(small, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        rows = turned.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(rows)).sum())

    # 1e-9: the last angle included despite floating point; the result in hundredths of a degree
    limit, coarse = s.max_skew, s.skew_coarse_step
    best = max(np.arange(-limit, limit + 1e-9, coarse), key=sharpness)
    fine = max(np.arange(best - coarse, best + coarse + 1e-9, s.skew_fine_step), key=sharpness)
    return -float(round(fine, 2))


def deskew(
    rgb: np.ndarray, angle: float, *, settings: ImageSettings = DEFAULT_IMAGE_SETTINGS
) -> np.ndarray:
    """Rotate by ``-angle`` degrees about the centre (white outside)."""
    if abs(angle) < settings.min_deskew:
        return rgb
    h, w = rgb.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    return cv2.warpAffine(rgb, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=(255, 255, 255))


def sheet_corners(
    rgb: np.ndarray, *, settings: ImageSettings = DEFAULT_IMAGE_SETTINGS
) -> np.ndarray | None:
    """The four corners (tl, tr, br, bl, in pixels) of a photographed sheet, or None for a scan.

    A phone photo shows the sheet on a background and in perspective; a scanner fills the image with
    the page.  The sheet is the largest bright region (Otsu on a small grey copy) when the image's
    edges are dark, and its outline must simplify to four corners.
    """
    s = settings
    h, w = rgb.shape[:2]
    scale = s.sheet_work_px / max(h, w)
    small = cv2.resize(
        _luma(rgb).astype(np.uint8), None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA
    )
    e = s.sheet_edge_px
    edge = np.concatenate(
        [small[:e].ravel(), small[-e:].ravel(), small[:, :e].ravel(), small[:, -e:].ravel()]
    )
    if np.median(edge) >= s.sheet_border_dark:
        return None  # paper to the edges: a scan, or a photo cropped to the sheet
    blur = (s.sheet_blur_px, s.sheet_blur_px)
    _, bright = cv2.threshold(
        cv2.GaussianBlur(small, blur, 0), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU
    )
    # text and rules are holes in the sheet
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, _box(s.sheet_close_px))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    sheet = max(contours, key=cv2.contourArea)
    if cv2.contourArea(sheet) < s.sheet_min_area * small.size:
        return None
    quad = cv2.approxPolyDP(
        cv2.convexHull(sheet), s.sheet_approx * cv2.arcLength(sheet, True), True
    )
    if len(quad) != 4:
        return None
    pts = quad.reshape(4, 2).astype(np.float32)
    by_sum, by_diff = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    rough = np.array(
        [
            pts[np.argmin(by_sum)],
            pts[np.argmin(by_diff)],
            pts[np.argmax(by_sum)],
            pts[np.argmax(by_diff)],
        ],
        dtype=np.float32,
    )
    return _fit_sides(sheet.reshape(-1, 2).astype(np.float32), rough, s) / scale


def _fit_sides(outline: np.ndarray, rough: np.ndarray, s: ImageSettings) -> np.ndarray:
    """Corners as the crossings of lines fitted to the middle of each side of the outline: a corner
    itself is where the outline is least sure (a vignette darkens it, the closing rounds it)."""
    lines = []
    for a, b in zip(rough, np.roll(rough, -1, axis=0), strict=True):
        side = b - a
        length = float(np.hypot(*side))
        t = ((outline - a) @ side) / (length * length)  # position along the side, 0 at a
        rel = outline - a
        # distance from the side (the 2-D cross product, written out: numpy 2 deprecates
        # np.cross for 2-vectors)
        off = np.abs(side[0] * rel[:, 1] - side[1] * rel[:, 0]) / length
        middle = (t > s.side_fit_start) & (t < s.side_fit_end)
        near = outline[middle & (off < s.side_fit_near * length)]
        if len(near) < s.side_fit_min_points:
            return rough
        eps = s.side_fit_accuracy
        vx, vy, x0, y0 = cv2.fitLine(near, cv2.DIST_HUBER, 0, eps, eps).ravel()
        lines.append((np.array([x0, y0], dtype=np.float32), np.array([vx, vy], dtype=np.float32)))
    corners = []
    for (p, d), (q, e) in zip(
        np.roll(np.array(lines, dtype=object), 1, axis=0), lines, strict=True
    ):
        det = d[0] * -e[1] - d[1] * -e[0]
        if abs(det) < 1e-6:  # parallel sides (floating point): no crossing
            return rough
        t = ((q - p)[0] * -e[1] - (q - p)[1] * -e[0]) / det
        corners.append(p + t * d)
    return np.array(corners, dtype=np.float32)


def unwarp_sheet(
    rgb: np.ndarray, *, settings: ImageSettings = DEFAULT_IMAGE_SETTINGS
) -> np.ndarray:
    """A photographed sheet squared up (the perspective undone, the background cut away, its light
    evened); a photo cropped to its sheet (no background, but lit unevenly) with its light evened;
    a scan as it is."""
    s = settings
    corners = sheet_corners(rgb, settings=s)
    if corners is None:
        return _unsquared(rgb, s)
    tl, tr, br, bl = corners
    width = int(round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))))
    height = int(round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))))
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    x0, y0 = corners.min(axis=0)
    rect = np.array(
        [[x0, y0], [x0 + width, y0], [x0 + width, y0 + height], [x0, y0 + height]], dtype=np.float32
    )
    off_square = float(np.abs(corners - rect).max()) / float(np.hypot(*rgb.shape[:2]))
    near_corner = x0 < s.sheet_min_offset_px and y0 < s.sheet_min_offset_px
    if off_square < s.sheet_min_keystone and near_corner:
        return _unsquared(rgb, s)
    m = cv2.getPerspectiveTransform(corners, target)
    flat = cv2.warpPerspective(
        rgb, m, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )
    return even_light(flat, settings=s)


def _unsquared(rgb: np.ndarray, s: ImageSettings) -> np.ndarray:
    """A page with no sheet to square up: a photo cropped to its sheet has its light evened, a scan
    stays as it is."""
    paper, k = _paper_light(rgb, s)  # one map: it tells an uneven light and evens it
    return _evened(rgb, paper, s) if _uneven(paper, k, s) else rgb


def even_light(rgb: np.ndarray, *, settings: ImageSettings = DEFAULT_IMAGE_SETTINGS) -> np.ndarray:
    """A photo's light made even and white: each channel divided by the paper's own brightness
    around it (a max filter wider than any text, rule, band or cell, then smoothed), so a vignette,
    light from one side and a warm cast all go, and a fill keeps its colour against the paper next
    to it."""
    return _evened(rgb, _paper_light(rgb, settings)[0], settings)


def _evened(rgb: np.ndarray, paper: np.ndarray, s: ImageSettings) -> np.ndarray:
    """:func:`even_light` with the paper's light map (:func:`_paper_light`) already made."""
    h, w = rgb.shape[:2]
    # in place, the same arithmetic in the same order: each new array of the page in float32 is
    # 46 MB of fresh memory (this was 0.2 s a photo, and up to a second on a busy machine)
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    np.maximum(paper, 1.0, out=paper)
    even = rgb.astype(np.float32)
    even *= 255.0
    even /= paper
    # a phone's lens and shake soften strokes more than a scanner: an unsharp mask gives them back
    blurred = cv2.GaussianBlur(even, (0, 0), s.photo_sharpen_sigma)
    np.subtract(even, blurred, out=blurred)
    np.multiply(blurred, s.photo_sharpen, out=blurred)
    even += blurred
    np.clip(even, 0, 255, out=even)
    return even.astype(np.uint8)


def _paper_light(rgb: np.ndarray, s: ImageSettings) -> tuple[np.ndarray, int]:
    """The paper's own brightness around each point of a small copy of the page (a max filter
    wider than any text, rule, band or cell, then smoothed), and the filter's width."""
    scale = s.light_work_px / max(rgb.shape[:2])
    small = cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    k = max(s.light_min_px, int(min(small.shape[:2]) / s.light_window_div) | 1)
    # median first: the paper's level, not the brightest grain of sensor noise
    paper = cv2.GaussianBlur(
        cv2.dilate(cv2.medianBlur(small, s.light_median_px), _box(k)), (0, 0), k / 2
    )
    return paper, k


def lit_unevenly(rgb: np.ndarray, *, settings: ImageSettings = DEFAULT_IMAGE_SETTINGS) -> bool:
    """The paper's brightness varies across the page more than a scanner's lamp makes it: a photo
    cropped to its sheet (a vignette, light from one side).  Scans vary by 0-9 levels; the
    project's photos, cropped, by about 30."""
    return _uneven(*_paper_light(rgb, settings), settings)


def _uneven(paper: np.ndarray, k: int, s: ImageSettings) -> bool:
    """:func:`lit_unevenly` from the paper's light map and its filter's width."""
    inner = channel_max(paper)[k:-k, k:-k]
    if inner.size == 0:
        return False
    spread = float(np.percentile(inner, 95) - np.percentile(inner, 5))
    return spread > s.uneven_light


def _ink_to_black(grey: np.ndarray, s: ImageSettings) -> np.ndarray:
    """A photographed page's levels stretched so that its grey ink is black: the blur of a phone's
    lens leaves thin strokes at 110-150 where a scanner records 40-80, too light for the tests that
    tell ink from paper (whole words were dropped as boxes over blank paper).  Paper stays white.
    Ink already that dark is left alone.  (A scan's ink is not measured: this measure does not
    tell a soft 150 dpi scan from a photo well enough, and its OCR is better left as it is.)"""
    level = stroke_level(grey, settings=s)
    if level is None or level <= s.ink_black:
        return grey.copy()
    gain = (255.0 - s.ink_black) / max(255.0 - level, 1.0)
    return np.clip(255.0 - (255.0 - grey) * gain, 0, 255)


def stroke_level(
    grey: np.ndarray, *, settings: ImageSettings = DEFAULT_IMAGE_SETTINGS
) -> float | None:
    """How dark a page's letters are: the darkest quarter of the pixels a black-hat of
    ``stroke_px`` finds ``stroke_rise`` darker than around them (None: no strokes).  An office
    scanner records 40-80; a phone's blur, or a small typewriter face scanned soft at 160 dpi,
    leaves 110-150."""
    s = settings
    strokes = cv2.morphologyEx(grey, cv2.MORPH_BLACKHAT, _box(s.stroke_px))
    ink = grey[strokes > s.stroke_rise]
    return float(np.percentile(ink, 25)) if ink.size else None


def greyscale(rgb: np.ndarray, *, settings: ImageSettings = DEFAULT_IMAGE_SETTINGS) -> bool:
    """True when the page image has no colour at all (a greyscale scan), not merely little of it."""
    step = settings.grey_sample_step
    small = rgb[::step, ::step].astype(np.int16)
    chroma = channel_max(small) - channel_min(small)
    return float((chroma > settings.grey_chroma).mean()) < settings.grey_max_colour


def _box(k: int) -> np.ndarray:
    return cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))


def rules(
    rgb: np.ndarray,
    dpi: int,
    *,
    photo: bool = False,
    settings: ImageSettings = DEFAULT_IMAGE_SETTINGS,
) -> tuple[list[Segment], np.ndarray]:
    """Horizontal and vertical rules, and the mask of their pixels (to erase before OCR).

    A rule is a run of ink at least ~1/4 inch long and at most ~2.5 pt thick;
    solid dark areas (a header band in white on navy) are left out first, so
    that the column rules touching them stay thin.
    """
    s = settings
    # a phone's blur leaves a thin rule fainter, and its faint halo wider, than any scanner does
    if photo:
        s = replace(s, rule_drop=s.photo_rule_drop, rule_max_thick_pt=s.photo_rule_max_thick_pt)
    ink = _rule_ink(rgb, s)
    solid = cv2.morphologyEx(ink, cv2.MORPH_OPEN, _box(max(s.fill_min_px, dpi // s.fill_dpi_div)))
    thin = cv2.bitwise_and(ink, cv2.bitwise_not(cv2.dilate(solid, _box(s.solid_pad_px))))
    length = max(s.rule_min_length_px, dpi // s.rule_min_length_dpi_div)
    thick = max(s.rule_max_thick_min_px, round(dpi * s.rule_max_thick_pt / 72))  # 72 points an inch
    h_mask = cv2.morphologyEx(
        thin, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1))
    )
    v_mask = cv2.morphologyEx(
        thin, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length))
    )
    masks = [(h_mask, "h"), (v_mask, "v")]
    if not photo:  # a photo's rules are found at its own, fainter, levels already
        masks += _faint_rules(rgb, dpi, solid, cv2.bitwise_or(h_mask, v_mask), s)
    segs: list[Segment] = []
    for mask, orient in masks:
        count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for i in range(1, count):
            x, y, w, h, _ = stats[i]
            mid = (y + h // 2) if orient == "h" else (x + w // 2)
            if (h if orient == "h" else w) > thick:
                if not photo:
                    continue
                # a photo's soft rule touches the letters beside it, which make its box tall:
                # its thickness is the typical one along it, and it lies where it is longest
                crop = labels[y : y + h, x : x + w] == i
                if float(np.median(crop.sum(axis=0 if orient == "h" else 1))) > thick:
                    continue
                along = crop.sum(axis=1 if orient == "h" else 0)
                mid = (y if orient == "h" else x) + int(np.argmax(along))
            if orient == "h":
                segs.append(Segment(int(x), int(mid), int(x + w), int(mid), "h"))
            else:
                segs.append(Segment(int(mid), int(y), int(mid), int(y + h), "v"))
    # a rule's blurred edges, not the text beside it
    across = max(s.rule_erase_min_px, dpi // s.rule_erase_dpi_div)
    along = s.rule_erase_along_px
    h_box = cv2.getStructuringElement(cv2.MORPH_RECT, (along, across))
    v_box = cv2.getStructuringElement(cv2.MORPH_RECT, (across, along))
    lines = np.zeros_like(h_mask)
    for mask, orient in masks:
        lines = cv2.bitwise_or(lines, cv2.dilate(mask, h_box if orient == "h" else v_box))
    return segs, lines


def _faint_rules(
    rgb: np.ndarray, dpi: int, solid: np.ndarray, found: np.ndarray, s: ImageSettings
) -> list[tuple[np.ndarray, str]]:
    """Rules too faint for :func:`_rule_ink`: a spreadsheet's light grey grid, which a scan's soft
    focus leaves some 30-50 levels under the paper (a colour or a greyscale scan alike), so that a
    table's rows and columns are not found and its rules are read as letters.

    A pixel is a faint rule's when it is ``faint_rule_drop`` darker than the page
    ``faint_rule_side_px`` away on both sides of it across the rule (the paper either side of a thin
    line: not a band's or a fill's edge, which has its colour on one side; where two rules cross,
    the page diagonally away from the crossing), and such pixels run unbroken for
    ``faint_rule_min_in`` inches along it (a line of text never does: its letters leave paper
    between them). Pixels beside the rules already found, and in solid areas, are left out, so
    that a rule found at full strength keeps its own thickness.

    A column rule some 33 levels under the paper is broken by the scan's noise every few pixels
    (the fourth draw's 2025 sheet lost the rule between its action and start-date columns under
    the header band and down its tall first row): it is found where such pixels, clear of ink (a
    letter's soft edge is as faint, and the first letters of a column set solid stand one above
    another), fill ``faint_rule_fill`` of every ``faint_rule_min_in`` inches, in pieces at most
    ``faint_rule_gap_in`` apart.  Row rules keep the unbroken test: found whole this way, the
    row rules of a banded plan's continuation page (third draw) were read into rows that lost the
    page.

    A hairline along a pale band's edge has the band on one side: it counts where it is
    ``faint_edge_drop`` darker than the darker side and ``faint_edge_rise`` darker than the
    lighter (the eighteenth draw's banded page at 155 dpi: 22 under its pale blue band, 55 under
    the paper; left, it was cleaned into dashes the engine joined to the ID under it, ``"DML3``,
    and two rows were lost). A band's plain edge is no darker than its band, and a line of text
    never runs unbroken for ``faint_rule_min_in``."""
    grey = channel_max(rgb).astype(np.int16)
    d, drop = s.faint_rule_side_px, s.faint_rule_drop
    long = max(s.rule_min_length_px, round(dpi * s.faint_rule_min_in))
    away = cv2.bitwise_not(cv2.dilate(cv2.bitwise_or(solid, found), _box(2 * s.solid_pad_px + d)))
    lit = {}
    for orient, axis in (("h", 0), ("v", 1)):
        before, after = np.roll(grey, d, axis=axis), np.roll(grey, -d, axis=axis)
        paper = np.minimum(before, after)
        # ... or a hairline along a pale fill's edge: darker than the fill on its one side and
        # much darker than the paper on its other
        along_fill = (paper - grey >= s.faint_edge_drop) & (
            np.maximum(before, after) - grey >= s.faint_edge_rise
        )
        lit[orient] = _mask((paper - grey >= drop) | along_fill)
    # where a row rule crosses a column rule each is the other's paper, but the page diagonally
    # away from the crossing is paper
    diagonal = np.roll(grey, (d, d), axis=(0, 1))
    for shift in ((d, -d), (-d, d), (-d, -d)):
        diagonal = np.minimum(diagonal, np.roll(grey, shift, axis=(0, 1)))
    faint = cv2.bitwise_and(lit["h"] | lit["v"] | _mask(diagonal - grey >= drop), away)
    rows = cv2.morphologyEx(faint, cv2.MORPH_OPEN, _line("h", long))
    clear = cv2.bitwise_not(cv2.dilate(_mask(grey < s.ink_below), _box(s.faint_rule_ink_clear_px)))
    column = cv2.bitwise_and(faint, clear)
    share = cv2.boxFilter((column > 0).astype(np.float32), -1, (1, long), normalize=True)
    along = cv2.dilate(_mask(share >= s.faint_rule_fill), _line("v", long))
    pieces = cv2.morphologyEx(
        column, cv2.MORPH_CLOSE, _line("v", max(1, round(dpi * s.faint_rule_gap_in)))
    )
    # pieces as long as any rule the strong pass takes (a speck on a fill's edge is none)
    short = max(s.rule_min_length_px, dpi // s.rule_min_length_dpi_div)
    columns = cv2.morphologyEx(cv2.bitwise_and(along, pieces), cv2.MORPH_OPEN, _line("v", short))
    return [(rows, "h"), (columns, "v")]


def _line(orient: str, length: int) -> np.ndarray:
    """A structuring element one pixel thick and ``length`` long, across (``h``) or down."""
    return cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if orient == "h" else (1, length))


def bridge_rules(
    segs: list[Segment],
    rgb: np.ndarray,
    dpi: int,
    *,
    settings: ImageSettings = DEFAULT_IMAGE_SETTINGS,
) -> list[Segment]:
    """Pieces of one rule joined across the gaps where it was too faint to be found (a phone's
    blur, a light scan), and rules carried on to the rules they meet: a gap is bridged only where a
    line, however faint, runs through it, so that a section row that no column rule crosses stays
    open.  Two rounds, rows then columns: a column rule carried down to a row rule gives that row
    rule a place to reach to."""
    s = settings
    grey = channel_max(rgb).astype(np.int16)
    for _ in range(2):
        segs = _bridge(segs, "v", grey, dpi, s) + [g for g in segs if g.orientation == "h"]
        segs = _bridge(segs, "h", grey, dpi, s) + [g for g in segs if g.orientation == "v"]
    return segs


def _bridge(
    segs: list[Segment], orient: str, grey: np.ndarray, dpi: int, s: ImageSettings
) -> list[Segment]:
    """The rules of one orientation with their pieces joined; the crossings of the rules of the
    other orientation are ends they may be carried to (points, dropped if nothing reaches them)."""
    reach = dpi * s.bridge_max_in
    tol = max(s.band_rule_min_px, dpi // s.band_rule_dpi_div)
    pieces = [g for g in segs if g.orientation == orient]
    across = [g for g in segs if g.orientation != orient]
    # a rule's pieces share its position across (within a pixel or two of blur)
    pieces.sort(key=_across)
    lines: list[list[Segment]] = []
    for g in pieces:
        if lines and _across(g) - _across(lines[-1][-1]) <= 2:
            lines[-1].append(g)
        else:
            lines.append([g])
    out: list[Segment] = []
    for line in lines:
        at = _across(line[0])
        ends = [
            Segment(c.x0, at, c.x0, at, "h")
            if orient == "h"
            else Segment(at, c.top, at, c.top, "v")
            for c in across
            if (
                c.top - tol <= at <= c.bottom + tol
                if orient == "h"
                else c.x0 - tol <= at <= c.x1 + tol
            )
        ]
        line = sorted(line + ends, key=lambda g: g.x0 if orient == "h" else g.top)
        joined: list[Segment] = [line[0]]
        for g in line[1:]:
            last = joined[-1]
            if _bridged(grey, last, g, reach, dpi, s):
                joined[-1] = (
                    Segment(last.x0, last.top, max(last.x1, g.x1), last.bottom, "h")
                    if orient == "h"
                    else Segment(last.x0, last.top, last.x1, max(last.bottom, g.bottom), "v")
                )
            else:
                joined.append(g)
        out += [g for g in joined if (g.x1 - g.x0 if orient == "h" else g.bottom - g.top) > 0]
    return out


def fill_edges(
    segs: list[Segment],
    regions: list[Region],
    dpi: int,
    *,
    settings: ImageSettings = DEFAULT_IMAGE_SETTINGS,
) -> list[Segment]:
    """A column rule found on the page carried along the side of a fill that lies on it: beside a
    coloured cell a faint rule is lost in the fill's blurred edge (a RAG column with no rule left
    between its cells and the next column's).  Only rules found elsewhere, or sides that several
    fills stacked in one column share, are carried, so a fill narrower than its cell (a Gantt bar)
    adds no column."""
    s = settings
    light = [r for r in regions if not r.is_dark(s)]  # a band's sides are band_rules' work
    rules = [g for g in segs if g.orientation == "v"]
    columns = sorted({g.x0 for g in rules})
    # a side that fills stacked one above another share (a RAG column coloured in every row,
    # leaving no stretch of its rules to be found) is a column's edge too
    # (in a ruled table only: column rules found beside them over most of their height)
    rows = [
        r
        for r in light
        if r.bottom - r.top >= dpi * s.fill_edge_stack_min_in
        and not any(_shading_goes_on(r, side, light, s) for side in (r.x0, r.x1))
    ]
    sides = [(x, r) for r in rows for x in (r.x0, r.x1)]
    for x, _ in sorted(sides, key=lambda side: side[0]):
        shared = [(y, r) for y, r in sides if abs(y - x) <= s.fill_edge_rule_px]
        top, bottom = min(r.top for _, r in shared), max(r.bottom for _, r in shared)
        ruled = any(min(g.bottom, bottom) - max(g.top, top) >= 0.5 * (bottom - top) for g in rules)
        if (
            len(shared) >= s.fill_edge_stack
            and ruled
            and all(abs(c - x) > s.fill_edge_rule_px for c in columns)
        ):
            columns.append(int(np.median([y for y, _ in shared])))
    out: list[Segment] = []
    for r in light:
        for side in (r.x0, r.x1):
            near = [x for x in columns if abs(x - side) <= s.fill_edge_rule_px]
            if near and not _shading_goes_on(r, side, light, s):
                x = min(near, key=lambda x: abs(x - side))
                out.append(Segment(x, r.top, x, r.bottom, "v"))
    return out


def _side_by_side(a: Region, b: Region, s: ImageSettings) -> bool:
    """Two fills on one row: their heights overlap by ``band_join_overlap`` of the shorter's."""
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap >= s.band_join_overlap * min(a.bottom - a.top, b.bottom - b.top)


def _shading_goes_on(r: Region, side: int, light: list[Region], s: ImageSettings) -> bool:
    """The fill ``r`` carries on past ``side`` in a fill of its colour on the same row: a piece of a
    shaded row (a section row cut up by a light line), not a cell with its own rule."""
    tol = s.fill_edge_rule_px
    for o in light:
        if o is r or not _near_colour(o, r, s):
            continue
        if not _side_by_side(o, r, s):
            continue
        if (side == r.x0 and abs(o.x1 - side) <= tol) or (side == r.x1 and abs(o.x0 - side) <= tol):
            return True
    return False


def _across(g: Segment) -> int:
    return g.top if g.orientation == "h" else g.x0


def _bridged(
    grey: np.ndarray, a: Segment, b: Segment, reach: float, dpi: int, s: ImageSettings
) -> bool:
    """A faint line runs through the gap from the end of ``a`` to the start of ``b``."""
    if a.orientation == "h":
        start, end, at = a.x1, b.x0, (a.top + b.top) // 2
    else:
        start, end, at = a.bottom, b.top, (a.x0 + b.x0) // 2
    if end <= start:
        return True  # overlapping pieces
    if end - start > reach:
        return False
    across = grey if a.orientation == "v" else grey.T  # rows along the gap, columns across it
    if at - 6 < 0 or at + 7 > across.shape[1]:
        return False
    strip = across[start:end, at - 6 : at + 7].astype(np.float32)
    # the line itself: the darkest of the middle columns over the whole gap (within two pixels of
    # where the pieces were found), three columns wide; the paper four to six pixels either side
    c = 4 + int(np.argmin(strip[:, 4:9].mean(axis=0)))
    line = strip[:, c - 1 : c + 2].mean(axis=1)
    paper = np.minimum(strip[:, :3].mean(axis=1), strip[:, -3:].mean(axis=1))
    # smoothed along the gap: sensor noise and JPEG grain never look like a line for long
    drop = np.convolve(paper - line, np.ones(9, np.float32) / 9, mode="same")
    # a line the whole way, but for breaks shorter than a section row is tall
    unlined = longest = 0
    for lined in drop >= s.bridge_drop:
        unlined = 0 if lined else unlined + 1
        longest = max(longest, unlined)
    return longest <= dpi * s.bridge_break_in


def fills(
    rgb: np.ndarray,
    dpi: int,
    line_mask: np.ndarray,
    *,
    grey: bool = False,
    settings: ImageSettings = DEFAULT_IMAGE_SETTINGS,
) -> list[Region]:
    """Filled areas at least ~6 pt across: coloured or grey cells, header bands, Gantt bars.

    ``grey``: the page is a greyscale scan (:func:`greyscale`); its fills no wider than a column
    (``grey_split_max_width_in``), dark ones too, are split where their grey level changes
    (:func:`_grey_runs`); a band across the table is left whole, as on a colour page."""
    s = settings
    # ~6 pt: wider than any glyph's stroke, narrower than a cell
    k = max(s.fill_min_px, dpi // s.fill_dpi_div)
    gain = paper_gain(rgb, settings=s)
    brightest = channel_max(rgb)
    nonwhite = channel_min(rgb) < s.nonwhite
    out = []
    # dark fills (a navy header band) and light ones (RAG, Gantt, section shading) apart, so that
    # a light band touching a dark one is not swallowed by it
    for dark, fill in ((True, brightest < s.dark), (False, nonwhite & (brightest >= s.dark))):
        mask: np.ndarray = _mask(fill)
        if dark:  # a band drawn with white rules between its cells stays one band
            close = max(s.band_close_min_px, dpi // s.band_close_dpi_div)
            mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, _box(close))
        mask[line_mask > 0] = 0  # neighbouring cells are separated by their rule
        solid = cv2.morphologyEx(mask, cv2.MORPH_OPEN, _box(k))
        for x, y, w, h, area, inside in _components(solid, dark, dpi, k, s, rgb, grey):
            if area < s.fill_min_solidity * w * h:
                continue
            white = float((brightest[y : y + h, x : x + w] >= s.band_white).mean()) if dark else 0.0
            if dark and (w < dpi // s.band_min_width_dpi_div or white > s.band_max_white):
                continue  # a heading's bold letters (run together by the closing), not a band
            min_run = max(s.colour_run_min_px, dpi // s.colour_run_dpi_div)
            # a cell's fill (a RAG column's) on a greyscale scan, not a band across the table
            by_grey = grey and w <= dpi * s.grey_split_max_width_in
            if dark and not by_grey:
                runs = [(y, y + h)]
            else:
                crop = rgb[y : y + h, x : x + w]
                runs = (
                    _grey_runs(_row_medians(_luma(crop), inside), y, min_run, s)
                    if by_grey
                    else _colour_runs(_row_medians(crop.astype(np.float32), inside), y, min_run, s)
                )
            step = s.colour_sample_step
            for top, bottom in runs:
                rows, cols = slice(top, bottom, step), slice(x, x + w, step)
                pix = rgb[rows, cols][inside[top - y : bottom - y : step, ::step]]
                if len(pix) == 0:
                    continue
                r, g, b = (
                    int(min(255, round(v * k)))
                    for v, k in zip(np.median(pix, axis=0), gain, strict=True)
                )
                # found dark before the white balance: dark it stays
                inverted = dark or _carries_light_text(
                    rgb, (r, g, b), x, top, x + w, bottom, dpi, s
                )
                out.append(
                    Region(
                        int(x),
                        int(top),
                        int(x + w),
                        int(bottom),
                        f"#{r:02x}{g:02x}{b:02x}",
                        inverted,
                    )
                )
    merged = _merge_bands(out, max(s.band_merge_min_px, dpi // s.band_merge_dpi_div), s)
    return _join_across_labels(rgb, merged, dpi, s)


def _components(
    solid: np.ndarray,
    dark: bool,
    dpi: int,
    k: int,
    s: ImageSettings,
    rgb: np.ndarray,
    grey: bool = False,
) -> Iterator[tuple[int, int, int, int, int, np.ndarray]]:
    """(x, y, width, height, area, its pixels in its box) of each fill of ``solid``.

    A dark fill that is no solid box is first split into its runs at least
    ``band_split_width_in`` wide (a header band) and the rest (a dark RAG cell of the first row
    under the band): on a greyscale scan the rule between them is as dark as both, so they were
    one fill, too hollow to be either, and the band was lost with its labels.

    A light fill that is no solid box yields only its parts of another colour, colourful
    (``fill_split_chroma``), or on a greyscale scan another grey (``fill_split_grey``), each as
    a fill of its own (:func:`_other_colours`): a table shaded in bands of pale blue rows, its
    RAG cells inside the bands, was one such fill across the table, and its ratings were lost
    with it.  The rest is no fill (too hollow to be one).

    A solid light fill ``band_cells_min_widths`` times ``band_split_width_in`` wide or more (a
    band across the table) yields those parts too, where they are ``band_cell_min_height`` of
    its height or taller (a cell in the row), and is itself yielded in the pieces between them
    (:func:`_band_between`)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=4)
    for i in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[i])
        inside = labels[y : y + h, x : x + w] == i
        if area >= s.fill_min_solidity * w * h:
            cells = []
            if not dark and w >= dpi * s.band_split_width_in * s.band_cells_min_widths:
                # a band across the table with a cell of another colour in it, joined to it where
                # a rule along the band's edge parts the cell from the column's cells above it
                # (the eighth draw's pale red PM1.3 in a pale blue row): the cell is a fill of
                # its own, and the band is cut either side of it (a cell's colour is the fill
                # covering most of it, which the band would otherwise be)
                cells = [
                    c
                    for c in _other_colours(rgb[y : y + h, x : x + w], inside, x, y, k, s, grey)
                    if c[3] >= s.band_cell_min_height * h
                ]
            yield from _band_between(x, y, w, h, inside, cells)
            yield from cells
            continue
        if not dark:  # too hollow to be a fill itself
            yield from _other_colours(rgb[y : y + h, x : x + w], inside, x, y, k, s, grey)
            continue
        piece = inside.astype(np.uint8) * 255
        band = cv2.morphologyEx(
            piece, cv2.MORPH_OPEN, _line("h", max(1, int(dpi * s.band_split_width_in)))
        )
        rest = cv2.morphologyEx(cv2.subtract(piece, band), cv2.MORPH_OPEN, _box(k))
        for part in (band, rest):
            n, part_labels, part_stats, _ = cv2.connectedComponentsWithStats(part, connectivity=4)
            for j in range(1, n):
                px, py, pw, ph, parea = (int(v) for v in part_stats[j])
                yield (
                    x + px,
                    y + py,
                    pw,
                    ph,
                    parea,
                    part_labels[py : py + ph, px : px + pw] == j,
                )


def _band_between(
    x: int,
    y: int,
    w: int,
    h: int,
    inside: np.ndarray,
    cells: list[tuple[int, int, int, int, int, np.ndarray]],
) -> Iterator[tuple[int, int, int, int, int, np.ndarray]]:
    """The band (x, y, w, h, its pixels ``inside``) in the pieces left between its ``cells``."""
    start = x
    for cx, cw in sorted((c[0], c[2]) for c in cells) + [(x + w, 0)]:
        if cx > start:
            piece = inside[:, start - x : cx - x]
            yield start, y, cx - start, h, int(piece.sum()), piece
        start = max(start, cx + cw)


def _other_colours(
    crop: np.ndarray,
    inside: np.ndarray,
    x: int,
    y: int,
    k: int,
    s: ImageSettings,
    grey: bool = False,
) -> Iterator[tuple[int, int, int, int, int, np.ndarray]]:
    """The parts of a light fill (``crop``, its pixels ``inside``) whose colour is not the fill's
    own (its median's, ``colour_step`` away on some channel) and is colourful, or on a greyscale
    scan (``grey``) ``fill_split_grey`` levels from its own grey: each part at least ``k``
    pixels across, as (x, y, width, height, area, its pixels in its box)."""
    if grey:
        level = _luma(crop)
        distinct = np.abs(level - np.median(level[inside])) >= s.fill_split_grey
    else:
        pixels = crop.astype(np.int16)
        own = np.median(pixels[inside], axis=0)
        other = np.abs(pixels - own).max(axis=2) > s.colour_step
        distinct = other & ((pixels.max(axis=2) - pixels.min(axis=2)) >= s.fill_split_chroma)
    part = _mask(inside & distinct)
    part = cv2.morphologyEx(part, cv2.MORPH_OPEN, _box(k))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(part, connectivity=4)
    for j in range(1, n):
        px, py, pw, ph, parea = (int(v) for v in stats[j])
        yield x + px, y + py, pw, ph, parea, labels[py : py + ph, px : px + pw] == j


def paper_gain(rgb: np.ndarray, *, settings: ImageSettings = DEFAULT_IMAGE_SETTINGS) -> np.ndarray:
    """Per-channel gain that makes the paper white: an office scan's paper is cream (246, 243, 236)
    and tints every fill with it (a pale red #ffc7ce comes out peach, read as amber).  Fill colours
    are measured after this white balance; at most 12% per channel, so a coloured page stays
    coloured.
    """
    s = settings
    small = rgb[:: s.paper_sample_step, :: s.paper_sample_step].reshape(-1, 3).astype(np.float32)
    paper = small[small.min(axis=1) > s.paper_floor]
    if len(paper) < s.paper_min_samples:
        return np.ones(3, np.float32)
    return np.clip(255.0 / np.maximum(np.median(paper, axis=0), 1), 1.0, s.paper_max_gain)


def _luma(rgb) -> np.ndarray:
    rgb = np.asarray(rgb, dtype=np.float32)
    return rgb[..., 0] * 0.299 + rgb[..., 1] * 0.587 + rgb[..., 2] * 0.114


def _carries_light_text(
    rgb: np.ndarray,
    colour: tuple[int, int, int],
    x0: int,
    top: int,
    x1: int,
    bottom: int,
    dpi: int,
    s: ImageSettings,
) -> bool:
    """A mid-dark fill with letters lighter than itself in it: a header band whose white text the
    fixed ``dark`` test misses (a lighter blue, washed out by the scanner).  An empty RAG cell has
    none."""
    fill = float(_luma(colour))
    if (
        fill >= s.dark_luma
        or bottom - top > dpi * s.band_max_height_in
        or x1 - x0 < dpi // s.band_min_width_dpi_div
    ):
        return False
    crop = _luma(rgb[top:bottom, x0:x1])
    return float((crop > fill + s.light_text_rise).mean()) >= s.light_text


def _join_across_labels(
    rgb: np.ndarray, regions: list[Region], dpi: int, s: ImageSettings
) -> list[Region]:
    """Dark pieces of one band joined across stretches its labels broke up (two lines of bold white
    letters, or a light rule between cells, leave no solid run of the fill there): between the
    pieces there is nothing but the band's own colour and letters or rules lighter than it.

    Mid-dark light fills (a lighter blue band, made lighter still when a photo's light is evened
    out) are joined the same way, and the band they make is a dark band when it carries light
    letters: one by one they were too narrow, their letters having cut the fill into pieces."""
    dark = sorted((r for r in regions if r.is_dark(s) or _mid_dark(r, dpi, s)), key=lambda r: r.x0)
    rest = [r for r in regions if not r.is_dark(s) and not _mid_dark(r, dpi, s)]
    out: list[list[Region]] = []  # the pieces of each band, left to right
    for r in dark:
        for pieces in out:
            box = _extent(pieces)
            top, bottom = max(box.top, r.top), min(box.bottom, r.bottom)
            if not _side_by_side(box, r, s):
                continue
            if not _near_colour(box, r, s) and (box.is_dark(s) != r.is_dark(s) or r.x0 < box.x1):
                continue  # a dark band and a lighter fill beside it stay apart
            if r.x0 >= box.x1 and not _band_gap(rgb, box, r, top, bottom, dpi, s):
                continue
            pieces.append(r)
            break
        else:
            out.append([r])
    bands: list[Region] = []
    for pieces in out:
        band = _extent(pieces)
        if not band.is_dark(s):
            colour = _rgb(band.colour)
            if len(pieces) < 2 or not _lettered_band(rgb, band, colour, dpi, s):
                rest += pieces  # light fills after all
                continue
            band = Region(band.x0, band.top, band.x1, band.bottom, band.colour, True)
        bands.append(band)
    bands = [_widen(rgb, r, dpi, s) for r in bands]
    # pieces of a band left out of its join (overlapping a piece that was joined) are the band,
    # and it reaches as far up and down as they do
    tol = max(s.band_merge_min_px, dpi // s.band_merge_dpi_div)
    for k, band in enumerate(bands):
        inside = [r for r in rest if _piece_of(r, band, tol, s)]
        if inside:
            rest = [r for r in rest if r not in inside]
            top = min([band.top] + [r.top for r in inside])
            bottom = max([band.bottom] + [r.bottom for r in inside])
            bands[k] = Region(band.x0, top, band.x1, bottom, band.colour, band.inverted)
    return _union_overlapping(rest + bands, s)


def _piece_of(r: Region, band: Region, tol: int, s: ImageSettings) -> bool:
    """``r`` lies inside ``band`` (give or take ``tol`` pixels up and down) and has its colour."""
    if not (
        band.x0 <= r.x0
        and r.x1 <= band.x1
        and band.top - tol <= r.top
        and r.bottom <= band.bottom + tol
    ):
        return False
    return _near_colour(r, band, s)


def _near_colour(a: Region, b: Region, s: ImageSettings) -> bool:
    """Two regions of one colour (every channel within ``band_colour_near``)."""
    ca = _rgb(a.colour)
    cb = _rgb(b.colour)
    return max(abs(x - y) for x, y in zip(ca, cb, strict=True)) < s.band_colour_near


def _extent(pieces: list[Region]) -> Region:
    """The box round a band's pieces, in the colour of its widest; dark if any piece is."""
    widest = max(pieces, key=lambda r: r.x1 - r.x0)
    return Region(
        min(r.x0 for r in pieces),
        min(r.top for r in pieces),
        max(r.x1 for r in pieces),
        max(r.bottom for r in pieces),
        widest.colour,
        any(r.inverted for r in pieces) or widest.inverted,
    )


def _band_gap(
    rgb: np.ndarray, box: Region, r: Region, top: int, bottom: int, dpi: int, s: ImageSettings
) -> bool:
    """Between the band so far and the piece ``r`` right of it: nothing but the band's colour and
    letters or rules lighter than it."""
    gap = rgb[top:bottom, box.x1 : r.x0].astype(np.float32)
    if not gap.size:
        return True
    band = np.array(_rgb(box.colour), np.float32)
    near = channel_max(np.abs(gap - band)) < s.band_colour_near
    light = _luma(gap) > float(_luma(band)) + s.light_text_rise
    # a light rule between two of its cells
    narrow = r.x0 - box.x1 <= max(s.band_gap_min_px, dpi // s.band_gap_dpi_div)
    return (narrow or float(near.mean()) >= s.band_gap_colour) and float(
        (near | light).mean()
    ) >= s.band_gap_band


def _mid_dark(r: Region, dpi: int, s: ImageSettings) -> bool:
    """A light fill dark enough to carry white letters (luma under ``dark_luma``) and no taller
    than a band: perhaps a piece of a band that its letters cut up."""
    colour = _rgb(r.colour)
    return float(_luma(colour)) < s.dark_luma and r.bottom - r.top <= dpi * s.band_max_height_in


def _lettered_band(
    rgb: np.ndarray, band: Region, colour: tuple, dpi: int, s: ImageSettings
) -> bool:
    """Mid-dark pieces joined into a band that carries light letters, not fills with paper between
    them (Gantt bars in a row): no column of it is light from top to bottom, as a gap of paper is
    and a letter, with the band's padding above and below it, is not."""
    if not _carries_light_text(rgb, colour, band.x0, band.top, band.x1, band.bottom, dpi, s):
        return False
    crop = _luma(rgb[band.top : band.bottom, band.x0 : band.x1])
    light = crop > float(_luma(colour)) + s.light_text_rise
    return not bool((light.mean(axis=0) >= s.band_paper_column).any())


def _band_like(
    rgb: np.ndarray, band: np.ndarray, top: int, bottom: int, x0: int, x1: int, s: ImageSettings
) -> bool:
    """Only the band's colour and letters lighter than it between x0 and x1 (no paper, no dark
    rule).  A letter's soft edge (a photo's blur) is neither the band's colour nor light: anything
    lighter than the band counts with the letters."""
    gap = rgb[top:bottom, max(0, x0) : x1].astype(np.float32)
    if gap.size == 0:
        return False
    near = channel_max(np.abs(gap - band)) < s.band_colour_near
    light = _luma(gap) > float(_luma(band)) + s.letter_edge_rise
    return (
        float(near.mean()) >= s.band_gap_colour and float((near | light).mean()) >= s.band_gap_band
    )


def _widen(rgb: np.ndarray, r: Region, dpi: int, s: ImageSettings) -> Region:
    """A band whose end stretch was crowded with labels (no solid run of the fill left there)
    carried on to its real ends, step by step while a stretch holds the band's colour and its
    letters."""
    if r.bottom - r.top > dpi * s.band_max_height_in or r.x1 - r.x0 < dpi * s.widen_min_width_in:
        return r
    band = np.array(_rgb(r.colour), np.float32)
    step = max(s.widen_step_min_px, dpi // s.widen_step_dpi_div)
    x0, x1 = r.x0, r.x1
    while x0 - step >= 0 and _band_like(rgb, band, r.top, r.bottom, x0 - step, x0, s):
        x0 -= step
    while x1 + step <= rgb.shape[1] and _band_like(rgb, band, r.top, r.bottom, x1, x1 + step, s):
        x1 += step
    return r if (x0, x1) == (r.x0, r.x1) else Region(x0, r.top, x1, r.bottom, r.colour, r.inverted)


def _row_medians(values: np.ndarray, inside: np.ndarray) -> list:
    """Each row's median value over the region's own pixels (``inside``), None for a row it does
    not reach: a colour per row of an RGB crop, a level per row of a grey one."""
    return [
        np.median(values[k][inside[k]], axis=0) if inside[k].any() else None
        for k in range(len(inside))
    ]


def _runs(
    values: list, y: int, min_run: int, jump: float, apart: Callable[[object, object], float]
) -> list[tuple[int, int]]:
    """A region's rows (each row's median colour or grey level, the first at ``y``; None for a row
    the region does not reach) split where the value steps: RAG cells stacked without a rule
    between.  A split needs the row and the next ``min_run`` rows as a whole to lie ``jump`` away
    (by ``apart``) from the ``min_run`` rows above it, and both runs at least ``min_run`` rows
    long, so a rule, a speck or a line of text does not split a cell; comparing with the rows just
    above, not with the run's first rows, lets a photo's light drift down a tall fill unsplit.
    Each row's median over the cell's width is steady to a level or two, so a step of ``jump`` is
    no noise."""
    h = len(values)

    def median(lo: int, hi: int) -> object | None:
        seen = [v for v in values[max(lo, 0) : hi] if v is not None]
        return np.median(np.asarray(seen, dtype=np.float32), axis=0) if seen else None

    runs, start = [], 0
    for k in range(min_run, h - min_run + 1):
        if k - start < min_run or values[k] is None:
            continue
        above = median(k - min_run, k)
        if above is None or apart(values[k], above) <= jump:
            continue
        below = median(k, k + min_run)
        if below is not None and apart(below, above) > jump:
            runs.append((y + start, y + k))
            start = k
    runs.append((y + start, y + h))
    return runs


def _colour_runs(rows: list, y: int, min_run: int, s: ImageSettings) -> list[tuple[int, int]]:
    """A colour page's region (its rows' median colours, the first at ``y``) split where its colour
    changes: first where a row lies ``colour_jump`` from the run's first row (which also cuts off a
    foot blurred into what lies below), then each run where it steps ``colour_step``
    (:func:`_runs`): a pale green and a pale amber cell, scanned, lie only some 44 apart."""
    h = len(rows)
    coarse, start, ref = [], 0, None
    for k, colour in enumerate(rows):
        if colour is None:
            continue
        if ref is not None and _apart(colour, ref) > s.colour_jump and k - start >= min_run:
            coarse.append((start, k))
            start, ref = k, colour
        elif ref is None:
            ref = colour
    coarse.append((start, h))
    return [
        run
        for top, bottom in coarse
        for run in _runs(rows[top:bottom], y + top, min_run, s.colour_step, _apart)
    ]


def _grey_runs(levels: list, y: int, min_run: int, s: ImageSettings) -> list[tuple[int, int]]:
    """:func:`_runs` on a greyscale scan, by grey level: without hue, the greys of two ratings lie
    far closer than their colours (a light green #92d050 and an amber #ffc000 print 14 apart); a
    red cell over a dark green one, with a dark rule the fill swallowed, was one region."""
    return _runs(levels, y, min_run, s.grey_jump, _apart)


def _apart(a: object, b: object) -> float:
    """How far apart two rows' medians lie: the largest channel difference of two colours, the
    difference of two grey levels."""
    return float(np.abs(np.asarray(a, dtype=np.float32) - np.asarray(b, dtype=np.float32)).max())


def _merge_bands(regions: list[Region], tol: int, s: ImageSettings) -> list[Region]:
    """Dark regions side by side on one band (a header row cut by a thin light line) become one."""
    out: list[Region] = []
    for r in sorted(regions, key=lambda r: (r.is_dark(s), r.top, r.x0)):
        last = out[-1] if out else None
        if (
            last is not None
            and r.is_dark(s)
            and last.is_dark(s)
            and abs(r.top - last.top) <= tol // 2
            and abs(r.bottom - last.bottom) <= tol // 2
            and 0 <= r.x0 - last.x1 <= tol
        ):
            out[-1] = _joined(last, r)
        else:
            out.append(r)
    return _union_overlapping(out, s)


def _union_overlapping(regions: list[Region], s: ImageSettings) -> list[Region]:
    """Dark regions that overlap (a band and a piece of it) become their union.  A piece lies
    across the band (``band_join_overlap`` of the shorter one's height): a dark RAG cell under the
    band, whose top rows are the band's blurred edge, touches it but is no piece of it (their
    union had taken a photographed plan's first row into its header band)."""
    dark = [r for r in regions if r.is_dark(s)]
    rest = [r for r in regions if not r.is_dark(s)]

    def pieces(a: Region, b: Region) -> bool:
        return a.x0 < b.x1 and b.x0 < a.x1 and _side_by_side(a, b, s)

    changed = True
    while changed:
        changed = False
        for i in range(len(dark)):
            for j in range(i + 1, len(dark)):
                a, b = dark[i], dark[j]
                if pieces(a, b):
                    big = (
                        a
                        if (a.x1 - a.x0) * (a.bottom - a.top) >= (b.x1 - b.x0) * (b.bottom - b.top)
                        else b
                    )
                    dark[i] = Region(
                        min(a.x0, b.x0),
                        min(a.top, b.top),
                        max(a.x1, b.x1),
                        max(a.bottom, b.bottom),
                        big.colour,
                        big.inverted,
                    )
                    del dark[j]
                    changed = True
                    break
            if changed:
                break
    return rest + dark


def drop_inside_bands(
    segs: list[Segment],
    line_mask: np.ndarray,
    regions: list[Region],
    dpi: int,
    *,
    settings: ImageSettings = DEFAULT_IMAGE_SETTINGS,
) -> list[Segment]:
    """Rules found inside a dark band are the dark gaps between its white letters: dropped,
    and their pixels no longer erased."""
    st = settings
    tol = max(st.band_inside_min_px, dpi // st.band_inside_dpi_div)
    out = []
    for s in segs:
        inside = next(
            (
                r
                for r in regions
                if r.is_dark(st)
                and r.top - tol <= s.top
                and s.bottom <= r.bottom + tol
                and r.x0 + tol < s.x0
                and s.x1 < r.x1 - tol
                and (s.orientation == "v" or r.top + tol < s.top < r.bottom - tol)
            ),
            None,
        )
        if inside is None:
            out.append(s)
            continue
        pad = max(st.rule_erase_min_px, dpi // st.rule_erase_dpi_div)
        line_mask[max(0, s.top - pad) : s.bottom + pad, max(0, s.x0 - pad) : s.x1 + pad] = 0
    return out


def _white_rules(rgb: np.ndarray, r: Region, dpi: int, st: ImageSettings) -> list[Segment]:
    """Light rules drawn inside a dark band (between a two-level header's rows and cells)."""
    crop = channel_max(rgb[r.top : r.bottom, r.x0 : r.x1]) >= st.white_rule_level
    h, w = crop.shape
    out: list[Segment] = []
    if h < st.white_rule_min_px or w < st.white_rule_min_px:
        return out
    edge = max(st.white_rule_edge_min_px, dpi // st.white_rule_edge_dpi_div)
    thin = max(1, dpi // st.white_rule_max_dpi_div)
    for y in _thin_runs(crop.mean(axis=1), st.white_rule_row, edge, thin):
        out.append(Segment(r.x0, r.top + y, r.x1, r.top + y, "h"))
    bounds = [0] + [s.top - r.top for s in out] + [h]
    for a, b in zip(bounds, bounds[1:], strict=False):
        if b - a < st.white_rule_min_row_px:
            continue
        for x in _thin_runs(crop[a:b].mean(axis=0), st.white_rule_col, edge, thin):
            out.append(Segment(r.x0 + x, r.top + a, r.x0 + x, r.top + b, "v"))
    return out


def _thin_runs(light: np.ndarray, level: float, edge: int, thin: int) -> list[int]:
    """Where light rules cross a region, from ``light`` (the share of light pixels of each of its
    rows, or columns): the peaks above ``level``, none nearer either end than ``edge``, except
    along a light stretch inside the region wider than ``thin``.

    A light rule is a thin line.  A light stretch inside the region wider than a rule is paper or a
    lighter fill (a greyscale scan's RAG column, where red prints dark and amber and green light):
    every row of one was once a rule, 3,965 on one page.  A light stretch at either end is where
    the region's box reaches past its fill, and its peaks stand for the fill's edge.
    """
    n = light.size
    above = light > level
    # each position's light run, found once: where it starts and where it ends
    first = np.zeros(n, dtype=int)
    last = np.full(n, n - 1)
    for i in range(1, n):
        first[i] = first[i - 1] if above[i - 1] and above[i] else i
    for i in range(n - 2, -1, -1):
        last[i] = last[i + 1] if above[i + 1] and above[i] else i
    out: list[int] = []
    for i in range(edge, n - edge):
        if not (above[i] and light[i] >= light[i - 1] and light[i] >= light[i + 1]):
            continue
        if first[i] > 0 and last[i] < n - 1 and last[i] - first[i] + 1 > thin:
            continue  # a wide light stretch inside the region: paper or a lighter fill
        out.append(i)
    return out


def band_rules(
    regions: list[Region],
    segs: list[Segment],
    dpi: int,
    rgb: np.ndarray | None = None,
    *,
    settings: ImageSettings = DEFAULT_IMAGE_SETTINGS,
) -> list[Segment]:
    """The sides of dark bands as rules, light rules inside them, and column rules that stop at a
    band carried through it."""
    st = settings
    dark = [r for r in regions if r.is_dark(st)]
    out: list[Segment] = []
    for r in dark:
        out += [
            Segment(r.x0, r.top, r.x1, r.top, "h"),
            Segment(r.x0, r.bottom, r.x1, r.bottom, "h"),
            Segment(r.x0, r.top, r.x0, r.bottom, "v"),
            Segment(r.x1, r.top, r.x1, r.bottom, "v"),
        ]
        if rgb is not None:
            out += _white_rules(rgb, r, dpi, st)
    tol = max(st.band_rule_min_px, dpi // st.band_rule_dpi_div)
    reach = int(dpi * st.band_rule_reach_in)  # 0.75 is exact in binary: dpi * 3 // 4 as it was
    for s in segs:
        if s.orientation != "v":
            continue
        for r in dark:
            # a column rule starting at the band, or a little below it (a fill or a
            # spanning section row may hide its first stretch)
            # (or a little inside its lower half: a turned page's band edge is not quite level)
            if (
                r.x0 + tol < s.x0 < r.x1 - tol
                and (r.top + r.bottom) // 2 <= s.top <= r.bottom + reach
            ):
                out.append(Segment(s.x0, r.top, s.x0, s.top, "v"))
    return out


def _band_channel(crop: np.ndarray, s: ImageSettings) -> np.ndarray:
    """The channel (or luminance) of a band in which its light letters differ most from its fill:
    the red channel for white on blue, where the brightest channel (blue) leaves little contrast."""
    crop = crop.astype(np.float32)
    options = [crop[..., 0], crop[..., 1], crop[..., 2], _luma(crop), channel_max(crop)]
    q = s.letter_percentile
    return max(options, key=lambda c: float(np.percentile(c, q)) - float(np.median(c)))


def clean_for_ocr(
    rgb: np.ndarray,
    line_mask: np.ndarray,
    regions: list[Region],
    segments: Sequence[Segment] = (),
    *,
    photo: bool = False,
    settings: ImageSettings = DEFAULT_IMAGE_SETTINGS,
) -> np.ndarray:
    """A grey image with dark text on white: fills flattened, dark bands inverted, rules erased;
    a ``photo``'s grey ink taken down to black."""
    s = settings
    grey = channel_max(rgb).astype(np.float32)  # coloured fills become light, text stays dark
    # divide by the local background (the brightest pixel nearby): any fill becomes white
    k = cv2.getStructuringElement(cv2.MORPH_RECT, (s.background_px, s.background_px))
    background = cv2.dilate(grey, k)
    flat = np.clip(grey / np.maximum(background, 1) * 255, 0, 255)
    for r in regions:
        # white text on a dark band, read in the channel where the letters stand out most
        if r.is_dark(s):
            band = _band_channel(rgb[r.top : r.bottom, r.x0 : r.x1], s)
            lo = float(np.median(band))  # the band's own colour becomes white
            hi = float(np.percentile(band, s.letter_percentile))
            flat[r.top : r.bottom, r.x0 : r.x1] = 255 - np.clip(
                (band - lo) / max(hi - lo, 1) * 255, 0, 255
            )
    erase = line_mask > 0
    inset = s.band_keep_inset_px
    for r in regions:
        if r.is_dark(s):
            # inside a dark band the "rules" are the dark gaps between white letters: erasing
            # them would cut the letters at their baseline ('Cost to' lost its lower half)
            erase[r.top + inset : r.bottom - inset, r.x0 + inset : r.x1 - inset] = False
    flat[erase] = 255
    edge = s.fill_edge_px  # pixels: about 1 pt at the 200 dpi pages are read at
    # inside the fill the stripe reaches as far as the background window takes in paper
    inward = edge + s.background_px // 2
    for r in regions:
        if not r.is_dark(s):
            # a fill's own edge comes out of the division as a light grey stripe that OCR reads
            # as '1', 'i' or '|' in the cell beside it: whitened, but not the dark letters of a
            # label that runs across the edge ('Water' over two cells of a section row)
            for y0, y1, x0, x1 in (
                (r.top - edge, r.top + inward, r.x0, r.x1),
                (r.bottom - inward, r.bottom + edge, r.x0, r.x1),
                (r.top, r.bottom, r.x0 - edge, r.x0 + inward),
                (r.top, r.bottom, r.x1 - inward, r.x1 + edge),
            ):
                stripe = flat[max(0, y0) : max(0, y1), max(0, x0) : max(0, x1)]
                stripe[stripe > s.edge_grey] = 255
    flat[flat > s.speck_grey] = 255  # paper grain and JPEG noise: light specks, never ink
    t = s.carried_rule_tol_px
    # rules carried through dark bands: light lines there turned dark by the inversion
    for seg in segments:
        if any(
            r.is_dark(s)
            and r.x0 - t <= seg.x0 <= r.x1 + t
            and r.top - t <= seg.top <= r.bottom + t
            and (seg.orientation == "v" or r.top + t < seg.top < r.bottom - t)
            for r in regions
        ):
            cv2.line(
                flat, (seg.x0, seg.top), (seg.x1, seg.bottom), 255, thickness=s.carried_rule_px
            )
    if not photo:
        return flat.astype(np.uint8)
    stretched = _ink_to_black(flat, s)
    for r in regions:
        if r.is_dark(s):  # a band's letters were given their own levels above
            stretched[r.top : r.bottom, r.x0 : r.x1] = flat[r.top : r.bottom, r.x0 : r.x1]
    return stretched.astype(np.uint8)


def first_letter_shape(
    clean: np.ndarray, box: tuple[int, int, int, int], ink_below: int, letters: int
) -> tuple[float, float, float, float] | None:
    """How a word's first letter stands against the rest of the word, in x-heights of the rest:
    how far its top rises above theirs, how far its foot drops under their baseline, its width and
    its height.  None when the word's ink gives no sure measure: too few blobs or too small a
    print; ink just left of the box (the engine's box began after the first letter); a first
    letter in more than two pieces, or a rest in more blobs than its ``letters`` and their dots
    (a light print whose strokes broke up).

    The box is looked at half its height above and below (the engine's box may stop at the
    baseline, under a ``p``'s descender); only blobs reaching into the box count, and blobs
    over one another (a ``p`` whose stem a speck of noise cut) make one letter.
    """
    x0, top, x1, bottom = box
    pad = max(2, (bottom - top) // 2)
    y0, left_edge = max(0, top - pad), max(0, x0 - pad)
    ink = (clean[y0 : bottom + pad, left_edge:x1] < ink_below).astype(np.uint8)
    if ink.shape[0] < 8 or ink.shape[1] < 8:
        return None
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    inside_top, inside_bottom, start = top - y0 + 2, bottom - y0 - 2, x0 - left_edge
    left, tops, widths, heights = (
        stats[:, cv2.CC_STAT_LEFT],
        stats[:, cv2.CC_STAT_TOP],
        stats[:, cv2.CC_STAT_WIDTH],
        stats[:, cv2.CC_STAT_HEIGHT],
    )
    blobs = [
        i
        for i in range(1, n)
        if stats[i, cv2.CC_STAT_AREA] >= 4
        and tops[i] < inside_bottom
        and tops[i] + heights[i] > inside_top
    ]
    if any(left[i] + widths[i] <= start for i in blobs):
        return None
    if len(blobs) < 3:
        return None
    lead = min(blobs, key=lambda i: left[i])
    a0, a1 = left[lead], left[lead] + widths[lead]

    def over_lead(i: int) -> bool:
        b0, b1 = left[i], left[i] + widths[i]
        return min(a1, b1) - max(a0, b0) > 0.5 * min(a1 - a0, b1 - b0)

    letter = [i for i in blobs if over_lead(i)]
    f0 = min(left[i] for i in letter)
    f1 = max(left[i] + widths[i] for i in letter)
    ftop = min(tops[i] for i in letter)
    fbottom = max(tops[i] + heights[i] for i in letter)
    rest = [i for i in blobs if i not in letter and left[i] >= f1 - 1]
    if len(letter) > 2 or len(rest) > letters + 1:
        return None
    tall = [i for i in rest if heights[i] >= 0.3 * (bottom - top)]
    if len(tall) < 2:
        return None
    x_top = float(np.median([tops[i] for i in tall]))
    baseline = float(np.median([tops[i] + heights[i] for i in tall]))
    x_height = baseline - x_top
    if x_height < 5:
        return None
    return (
        (x_top - ftop) / x_height,
        (fbottom - baseline) / x_height,
        (f1 - f0) / x_height,
        (fbottom - ftop) / x_height,
    )
