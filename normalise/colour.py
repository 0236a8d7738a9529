"""Fill colours to RAG status, by hue, whatever the shade or colour space.

>>> rag_from_colour("#92d050"), rag_from_colour("#ffc000"), rag_from_colour("#ff0000")
('Green', 'Amber', 'Red')
>>> rag_from_colour("#ffffff") is None
True
"""

from __future__ import annotations

import colorsys


def to_hex(colour: tuple[float, ...] | list[float] | str | None) -> str | None:
    """Normalise a PDF colour (grey, RGB or CMYK tuple in 0..1, or hex) to ``#rrggbb``."""
    if colour is None:
        return None
    if isinstance(colour, str):
        c = colour.strip().lower()
        return c if c.startswith("#") and len(c) == 7 else None
    vals = [float(v) for v in colour]
    if len(vals) == 1:
        r = g = b = vals[0]
    elif len(vals) == 3:
        r, g, b = vals
    elif len(vals) == 4:
        c, m, y, k = vals
        r, g, b = (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    else:
        return None
    r, g, b = (min(1.0, max(0.0, v)) for v in (r, g, b))
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def rag_from_colour(hex_colour: str | None) -> str | None:
    """Green / Amber / Red by hue; None for white, grey, black or blue-ish fills."""
    if not hex_colour:
        return None
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    h, s, v = colorsys.rgb_to_hsv(r, g, b)
    if s < 0.10 or v < 0.25:
        # white, grey, black; light tints such as Excel's #c6efce (s 0.17) still count, and
        # still do when a scan's grain greys them (#c3ddd4, s 0.12)
        return None
    deg = h * 360
    if deg < 18 or deg >= 330:
        return "Red"
    if deg < 65:
        return "Amber"
    if deg < 185:
        return "Green"  # includes teal (a green shifted by scanning or a theme palette, e.g. #017e70)
    return None  # blue and purple: some plans use Blue for completed (BRAG); not a RAG colour here


def is_filled(hex_colour: str | None) -> bool:
    """A Gantt mark: any fill that is not white or near-white."""
    if not hex_colour:
        return False
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return min(r, g, b) < 235
