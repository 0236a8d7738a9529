"""A page's characters and drawings, straight from pdfminer's layout.

pdfplumber turns every layout object into a dict of all its attributes,
resolving each one; that costs about as much as parsing the page.  We read
the few attributes we use from pdfminer's objects directly, with pdfplumber's
coordinates (``top`` from the top of the page, MediaBox offsets applied).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTLine, LTRect

_CACHE = "_actionplans_objects"


@dataclass
class PageObjects:
    chars: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)
    rects: list[dict] = field(default_factory=list)
    curves: list[dict] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)  # the page's images: boxes, bits, srcsize


def page_objects(page) -> PageObjects:
    """Characters, lines, rectangles, curves and image boxes of a pdfplumber page.

    Kept on the page until :func:`forget` (the page reader calls it), so that
    a second look (e.g. "does this page need OCR?") costs nothing.
    """
    cached = page.__dict__.get(_CACHE)
    if cached is not None:
        return cached
    height = float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    out = PageObjects()

    def box(o) -> dict:
        return {
            "x0": o.x0 + mb_x0,
            "x1": o.x1 + mb_x0,
            "top": height - o.y1 + mb_top,
            "bottom": height - o.y0 + mb_top,
        }

    def walk(container) -> None:
        for o in container:
            if isinstance(o, LTChar):
                d = box(o)
                d.update(
                    text=o.get_text(),
                    size=o.size,
                    fontname=o.fontname,
                    upright=o.upright,
                    matrix=o.matrix,
                    non_stroking_color=o.graphicstate.ncolor,
                )
                out.chars.append(d)
            elif isinstance(o, (LTRect, LTLine, LTCurve)):
                d = box(o)
                d.update(
                    fill=o.fill,
                    stroke=o.stroke,
                    non_stroking_color=o.non_stroking_color,
                    object_type=(
                        "rect"
                        if isinstance(o, LTRect)
                        else "line"
                        if isinstance(o, LTLine)
                        else "curve"
                    ),
                )
                if isinstance(o, LTRect):
                    out.rects.append(d)
                elif isinstance(o, LTLine):
                    out.lines.append(d)
                else:
                    d["pts"] = [(x + mb_x0, height - y + mb_top) for x, y in o.pts]
                    out.curves.append(d)
            elif isinstance(o, LTImage):
                # bits a pixel and pixels across: a black-and-white scan is read as one (OCR)
                out.images.append({**box(o), "bits": o.bits, "srcsize": o.srcsize})
            elif isinstance(o, LTContainer):
                walk(o)

    walk(page.layout)
    page.__dict__[_CACHE] = out
    return out


def forget(page) -> None:
    """Drop the page's cached objects (memory stays flat over long documents)."""
    page.__dict__.pop(_CACHE, None)
