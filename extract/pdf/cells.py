"""Building one :class:`RawCell` from the characters or words inside a box."""

from __future__ import annotations

import colorsys

from ..records import RawCell, round_box
from .graphics import Fill, _colour, cell_fill
from .text import Line, chars_to_lines, paragraphs

_STATUS_GLYPHS = set("●⬤■◼▲◆♦•○◉⚫⬛▪")


def _chromatic(hex_colour: str) -> bool:
    """Coloured ink, not black, grey or white: a glyph printed in a colour that means something."""
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    _, saturation, value = colorsys.rgb_to_hsv(r, g, b)
    return saturation >= 0.10 and value >= 0.25


def cell_from_lines(
    lines: list[Line],
    box: tuple[float, float, float, float],
    right: float,
    fills: list[Fill],
    band_width: float | None,
) -> RawCell:
    paras = paragraphs(lines, right) if lines else []
    fill = cell_fill(fills, *box, band_width=band_width)
    if (
        fill is None
        and paras
        and all(ch in _STATUS_GLYPHS for ch in "".join(paras).replace(" ", ""))
    ):
        # a status shown as a coloured glyph (a RAG dot typed as text): its colour is the cell's
        # fill; which status a colour means is for normalise to say
        colour = _colour(lines[0].words[0].colour)
        if colour and _chromatic(colour):
            fill, paras = colour, []
    return RawCell(text=" ".join(paras), lines=tuple(paras), fill=fill, bbox=round_box(box))


def cell_from_chars(
    chars: list[dict],
    box: tuple[float, float, float, float],
    fills: list[Fill],
    band_width: float | None,
) -> RawCell:
    lines = chars_to_lines(chars)
    x0, _, x1, _ = box
    pad = min(max(1.0, min((ln.x0 for ln in lines), default=x0 + 2) - x0), 10.0)
    return cell_from_lines(lines, box, x1 - pad, fills, band_width)
