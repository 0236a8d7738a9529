"""A page's drawing operations, sorted into rules (table borders) and fills (cell colours).

A *rule* is a stroked line, a stroked rectangle's side, or a thin filled
rectangle (Word and Excel often draw borders that way).  A *fill* is a filled
rectangle that is not thin: a cell's shading, a Gantt bar, a header band.  A
cell may be shaded by several rectangles; its colour is the colour that
covers most of it.  Colours are kept as ``#rrggbb`` whatever the colour
space (grey, RGB, CMYK).
"""

from __future__ import annotations

from dataclasses import dataclass

THIN = 2.0  # a rectangle narrower than this is a rule, not a fill


def to_hex(colour: tuple[float, ...] | list[float] | str | None) -> str | None:
    """Normalise a PDF colour (grey, RGB or CMYK tuple in 0..1, or hex) to ``#rrggbb``."""
    if colour is None:
        return None
    if isinstance(colour, str):
        text = colour.strip().lower()
        return text if text.startswith("#") and len(text) == 7 else None
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


@dataclass(frozen=True)
class Fill:
    x0: float
    top: float
    x1: float
    bottom: float
    colour: str  # "#rrggbb"
    order: int  # drawing order: later fills paint over earlier ones

    @property
    def area(self) -> float:
        return max(0.0, self.x1 - self.x0) * max(0.0, self.bottom - self.top)


def _colour(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, (int, float)):
        value = (value,)
    if isinstance(value, (list, tuple)):
        if not value or not all(isinstance(v, (int, float)) for v in value):
            return None  # pattern colour spaces
        return to_hex(tuple(float(v) for v in value))
    return to_hex(value) if isinstance(value, str) else None


def edge(x0: float, top: float, x1: float, bottom: float, orientation: str) -> dict:
    """A rule as pdfplumber's table finder takes it (OCR hands it the rules it found in pixels)."""
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "line_edge",
    }


def near_white(colour: str) -> bool:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return min(r, g, b) >= 245


def page_graphics(objs, width: float, height: float) -> tuple[list[dict], list[dict], list[Fill]]:
    """(horizontal rules, vertical rules, fills) of a page's :class:`PageObjects`."""
    h: list[dict] = []
    v: list[dict] = []
    fills: list[Fill] = []
    for ln in objs.lines:
        x0, x1, top, bottom = ln["x0"], ln["x1"], ln["top"], ln["bottom"]
        if bottom - top < 1.0 and x1 - x0 > 1.0:
            h.append(edge(x0, (top + bottom) / 2, x1, (top + bottom) / 2, "h"))
        elif x1 - x0 < 1.0 and bottom - top > 1.0:
            v.append(edge((x0 + x1) / 2, top, (x0 + x1) / 2, bottom, "v"))
    rects = list(objs.rects)
    for cv in objs.curves:
        # a filled path that is a rectangle drawn point by point (some exporters do this)
        pts = cv.get("pts") or []
        if (
            cv.get("fill")
            and pts
            and all(
                min(abs(x - cv["x0"]), abs(x - cv["x1"])) < 0.5
                or min(abs(y - cv["top"]), abs(y - cv["bottom"])) < 0.5
                for x, y in pts
            )
            and all(
                (min(abs(x - cv["x0"]), abs(x - cv["x1"])) < 0.5)
                + (min(abs(y - cv["top"]), abs(y - cv["bottom"])) < 0.5)
                == 2
                for x, y in pts
            )
        ):
            rects.append(dict(cv, stroke=False))
        elif (
            cv.get("fill")
            and 4 <= cv["x1"] - cv["x0"] <= 40
            and 4 <= cv["bottom"] - cv["top"] <= 40
        ):
            rects.append(dict(cv, stroke=False))  # a status dot or swatch drawn as a curve: its box
    for order, r in enumerate(rects):
        x0, x1, top, bottom = r["x0"], r["x1"], r["top"], r["bottom"]
        w, hh = x1 - x0, bottom - top
        stroke, fill = r.get("stroke"), r.get("fill")
        if w < THIN and hh > THIN:
            if stroke or fill:
                v.append(edge((x0 + x1) / 2, top, (x0 + x1) / 2, bottom, "v"))
            continue
        if hh < THIN and w > THIN:
            if stroke or fill:
                h.append(edge(x0, (top + bottom) / 2, x1, (top + bottom) / 2, "h"))
            continue
        if w <= THIN or hh <= THIN:
            continue
        if stroke:
            h.append(edge(x0, top, x1, top, "h"))
            h.append(edge(x0, bottom, x1, bottom, "h"))
            v.append(edge(x0, top, x0, bottom, "v"))
            v.append(edge(x1, top, x1, bottom, "v"))
        if fill:
            colour = _colour(r.get("non_stroking_color"))
            if colour is None or near_white(colour):
                continue
            if w > 0.9 * width and hh > 0.9 * height:
                continue  # page background
            fills.append(Fill(x0, top, x1, bottom, colour, order))
    return h, v, fills


def cell_fill(
    fills: list[Fill],
    x0: float,
    top: float,
    x1: float,
    bottom: float,
    band_width: float | None = None,
) -> str | None:
    """The colour covering most of the box (x0, top, x1, bottom), or None.

    ``band_width``: fills at least this wide are row bands (zebra stripes,
    section shading) and do not colour a single cell.
    """
    area = max(1e-6, (x1 - x0) * (bottom - top))
    cover: dict[str, float] = {}
    last: dict[str, int] = {}
    for f in fills:
        if f.x1 <= x0 or f.x0 >= x1 or f.bottom <= top or f.top >= bottom:
            continue
        if band_width is not None and f.x1 - f.x0 >= band_width:
            continue
        ix = min(f.x1, x1) - max(f.x0, x0)
        iy = min(f.bottom, bottom) - max(f.top, top)
        inter = ix * iy
        share = inter / area
        if inter / max(1e-6, f.area) >= 0.9 and min(f.x1 - f.x0, f.bottom - f.top) >= 4:
            share = max(share, 0.3)  # a swatch drawn inside the cell
        if share < 0.05:
            continue
        cover[f.colour] = cover.get(f.colour, 0.0) + share
        last[f.colour] = max(last.get(f.colour, -1), f.order)
    if not cover:
        return None
    colour = max(cover, key=lambda c: (round(cover[c], 2), last[c]))
    return colour if cover[colour] >= 0.3 else None
