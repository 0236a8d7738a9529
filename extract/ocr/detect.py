"""Does a page need OCR?  Not when it has a usable text layer; yes when it has none, or garbage.

A text layer is *garbage* when most of its characters are unmapped glyphs
(pdfminer's ``(cid:N)``, U+FFFD, private-use or control characters): a font
without a usable ToUnicode map, common in scanned-then-"searchable" files.
A page with a few characters over a full-page image (a stamped page number
on a scan) has no usable layer either.
"""

from __future__ import annotations

from ..pdf.objects import page_objects

MODES = ("auto", "always", "never")


def _bad(ch: str) -> bool:
    if not ch:
        return True
    o = ord(ch[0])
    return (
        ch.startswith("(cid:")
        or ch == "\ufffd"
        or 0xE000 <= o <= 0xF8FF
        or (o < 32 and ch not in "\t\n\r")
    )


def text_layer_usable(page) -> bool:
    """True when the page's characters can be read as text."""
    objs = page_objects(page)  # the PDF reader's own parse of the page, cached: no second parse
    chars = [c["text"] for c in objs.chars if c["text"].strip()]
    if not chars:
        return False
    if sum(_bad(c) for c in chars) > 0.5 * len(chars):
        return False
    if len(chars) < 40:
        area = float(page.width) * float(page.height) or 1.0
        covered = sum(max(0.0, (i["x1"] - i["x0"]) * (i["bottom"] - i["top"])) for i in objs.images)
        if covered > 0.5 * area:
            return False  # a scan with a few stamped characters (page number, header)
    return True


def needs_ocr(page, mode: str = "auto") -> bool:
    """Whether to OCR this page under ``mode`` (auto | always | never)."""
    if mode not in MODES:
        raise ValueError(f"ocr must be one of {', '.join(MODES)}, not {mode!r}")
    if mode == "never":
        return False
    if mode == "always":
        return True
    if text_layer_usable(page):
        return False
    objs = page_objects(page)
    return bool(objs.images or objs.rects or objs.curves)
