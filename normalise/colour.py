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
