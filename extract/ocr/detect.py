"""Does a page need OCR?  Not when it has a usable text layer; yes when it has none, or garbage.

A text layer is *garbage* when most of its characters are unmapped glyphs
(pdfminer's ``(cid:N)``, U+FFFD, private-use or control characters): a font
without a usable ToUnicode map, common in scanned-then-"searchable" files.
A page with a few characters over a full-page image (a stamped page number
on a scan) has no usable layer either; nor has a scan made "searchable" by its
scanner or another OCR program: the image covers the page and the text is laid
over it invisibly (text rendering mode 3).  That layer is another engine's
reading, with no rules, fills or colours (the table's grid and its RAG cells are
only in the image): such a page read no table at all, and is OCRed like any
scan.
"""

from __future__ import annotations

import re

from pdfminer.pdftypes import resolve1

from ..pdf.objects import page_objects

# a page's text drawn invisibly (``3 Tr``), and drawn visibly (modes 0-2: fill, stroke, both)
_INVISIBLE_TEXT = re.compile(rb"(?<![\d.])3\s+Tr\b")
_VISIBLE_TEXT = re.compile(rb"(?<![\d.])[0-2]\s+Tr\b")
# share of the page an image must cover for the page to be a scan
SCAN_COVER = 0.8

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
    covered = image_cover(page)
    if len(chars) < 40 and covered > 0.5:
        return False  # a scan with a few stamped characters (page number, header)
    if covered > SCAN_COVER and _text_invisible(page):
        return False  # a scan made searchable: its text is another OCR's, laid over the image
    return True


def image_cover(page) -> float:
    """The share of the page its images cover (their boxes' areas summed)."""
    area = float(page.width) * float(page.height) or 1.0
    boxes = page_objects(page).images
    return sum(max(0.0, (i["x1"] - i["x0"]) * (i["bottom"] - i["top"])) for i in boxes) / area


def _text_invisible(page) -> bool:
    """Whether the page's own content draws its text invisibly only (an OCR layer)."""
    try:
        data = b"".join(resolve1(s).get_data() for s in page.page_obj.contents)
    except Exception:  # noqa: BLE001 - a stream that cannot be read: the layer is taken as it is
        return False
    return bool(_INVISIBLE_TEXT.search(data)) and not _VISIBLE_TEXT.search(data)


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
