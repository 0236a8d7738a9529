"""Fill colours to RAG status, by hue, whatever the shade or colour space.

>>> rag_from_colour("#92d050"), rag_from_colour("#ffc000"), rag_from_colour("#ff0000")
('Green', 'Amber', 'Red')
>>> rag_from_colour("#ffffff") is None
True
>>> rag_from_colour("#cbded6"), rag_from_colour("#cbded6", RAG_COLUMN_SATURATION)
(None, 'Green')
"""

from __future__ import annotations

import colorsys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# A fill this saturated has a hue: white, grey and black have none.  Light tints such as Excel's
# #c6efce (s 0.17) count, and still do when a scan's grain greys them (#c3ddd4, s 0.12).
MIN_SATURATION = 0.10
# In a column the header names as RAG a fill is a rating unless it has no hue at all: a scan can
# wash #c6efce out to #cbded6 (s 0.09), while a grey cell with a scanner's colour cast stays
# under 0.05.
RAG_COLUMN_SATURATION = 0.06


def rag_from_colour(hex_colour: str | None, min_saturation: float = MIN_SATURATION) -> str | None:
    """Green / Amber / Red by hue; None for white, grey, black or blue-ish fills (a fill less
    saturated than ``min_saturation`` is grey)."""
    if not hex_colour:
        return None
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    h, s, v = colorsys.rgb_to_hsv(r, g, b)
    if s < min_saturation or v < 0.25:
        return None
    deg = h * 360
    if deg < 18 or deg >= 330:
        return "Red"
    if deg < 65:
        return "Amber"
    if deg < 185:
        # includes teal (a green shifted by scanning or a theme palette, e.g. #017e70)
        return "Green"
    return None  # blue and purple: some plans use Blue for completed (BRAG); not a RAG colour here


def is_filled(hex_colour: str | None) -> bool:
    """A Gantt mark: any fill that is not white or near-white."""
    if not hex_colour:
        return False
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return min(r, g, b) < 235


# --------------------------------------------------------------------------- greyscale scans
# A greyscale scan keeps one number of a fill: its grey level, which the scanner (and PIL's
# ``convert("L")``, as data/raw/samples/office_scan.py makes its grey pages) takes as ITU-R 601
# luma.  A RAG cell is read by its grey level only as far as the profile's palette
# (``vocab: rag_colours``) tells the ratings apart there.
#
# A palette colour of luma L is expected at a grey level from L - GREY_TOLERANCE up to
# L + GREY_BLACK_LIFT * (1 - L/255) + GREY_TOLERANCE: a scanner records black well above 0 (38 of
# 255 in office_scan.py's model) and paper at white, so dark fills come out lighter (Word's red
# #ff0000, luma 76, scans at 98-100 after the white balance) while light ones keep their luma; the
# tolerance covers JPEG, noise and a fill drawn in another colour space (Word's green #00b050
# drawn in CMYK renders #298079, luma 101, not 112).
GREY_BLACK_LIFT = 40.0
GREY_TOLERANCE = 12.0


def luma(hex_colour: str) -> float:
    """ITU-R 601 luma, the grey level a colour becomes in a greyscale image (0-255).

    >>> round(luma("#92d050")), round(luma("#ffc000")), round(luma("#ffffff"))
    (175, 189, 255)
    """
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


def grey_range(hex_colour: str) -> tuple[float, float]:
    """The grey levels a fill of ``hex_colour`` may be scanned at (see GREY_BLACK_LIFT)."""
    level = luma(hex_colour)
    return (
        level - GREY_TOLERANCE,
        level + GREY_BLACK_LIFT * (1 - level / 255) + GREY_TOLERANCE,
    )


@dataclass(frozen=True)
class GreyReading:
    """A RAG cell of a greyscale scan read by its grey level.

    ``rating``: the one rating whose palette colours may print at ``level``; None when none may
    (``candidates`` empty) or when colours of two ratings may (``candidates`` names them: the
    palette's greys are too near each other there to tell them apart)."""

    level: int
    rating: str | None
    candidates: tuple[tuple[str, str], ...]  # (rating, palette colour) that may print at level

    @property
    def ambiguous(self) -> bool:
        return len({r for r, _ in self.candidates}) >= 2

    def describe(self) -> str:
        """The palette colours at this grey, with their luma: ``Green #92d050 (175)``."""
        return ", ".join(f"{r} {c} ({luma(c):.0f})" for r, c in self.candidates)


def rag_from_grey(hex_colour: str, palette: Mapping[str, Sequence[str]]) -> GreyReading:
    """The rating a grey fill shows, by the grey levels ``palette``'s colours print at.

    >>> pal = {"Green": ["#00b050", "#92d050"], "Amber": ["#ffc000"], "Red": ["#ff0000"]}
    >>> rag_from_grey("#7a7a7a", pal).rating, rag_from_grey("#afafaf", pal).rating
    ('Green', 'Green')
    >>> r = rag_from_grey("#bcbcbc", pal)
    >>> r.rating, r.ambiguous, r.describe()
    (None, True, 'Green #92d050 (175), Amber #ffc000 (189)')
    >>> rag_from_grey("#f0f0f0", pal).candidates
    ()
    """
    level = round(luma(hex_colour))
    candidates = []
    for rating, colours in palette.items():
        for colour in colours:
            lo, hi = grey_range(colour)
            if lo <= level <= hi:
                candidates.append((rating, colour))
    ratings = {rating for rating, _ in candidates}
    return GreyReading(level, ratings.pop() if len(ratings) == 1 else None, tuple(candidates))
