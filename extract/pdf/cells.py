"""Building one :class:`RawCell` from the characters or words inside a box."""

from __future__ import annotations

from ...normalise.colour import rag_from_colour
from ..records import RawCell
from .graphics import Fill, _colour, cell_fill
from .text import Line, chars_to_lines, paragraphs

_STATUS_GLYPHS = set("●⬤■◼▲◆♦•○◉⚫⬛▪")


def cell_from_lines(lines: list[Line], box: tuple[float, float, float, float], right: float,
                    fills: list[Fill], band_width: float | None) -> RawCell:
    paras = paragraphs(lines, right) if lines else []
    fill = cell_fill(fills, *box, band_width=band_width)
    if fill is None and paras and all(ch in _STATUS_GLYPHS for ch in "".join(paras).replace(" ", "")):
        # a status shown as a coloured glyph (a RAG dot typed as text): its colour is the cell's
        colour = _colour(lines[0].words[0].colour)
        if colour and rag_from_colour(colour):
            fill, paras = colour, []
    return RawCell(text=" ".join(paras), lines=tuple(paras), fill=fill,
                   bbox=tuple(round(v, 1) for v in box))


def cell_from_chars(chars: list[dict], box: tuple[float, float, float, float],
                    fills: list[Fill], band_width: float | None) -> RawCell:
    lines = chars_to_lines(chars)
    x0, _, x1, _ = box
    pad = min(max(1.0, min((ln.x0 for ln in lines), default=x0 + 2) - x0), 10.0)
    return cell_from_lines(lines, box, x1 - pad, fills, band_width)

